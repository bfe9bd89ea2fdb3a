# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import calendar
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.model.exceptions import AccessError, ValidationError
from trytond.pool import Pool
from trytond.pyson import Bool, Eval, If
from trytond.transaction import Transaction
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .model import CodeSearchMixin

TYPES = ['year', 'quarter', 'month']


class Period(CodeSearchMixin, ModelSQL, ModelView):
    # 期间定义: the business calendar of a company (years, quarters,
    # months) used by reports and KPIs.
    __name__ = 'ame.period'
    __string__ = "Period"

    _readonly = {
        'readonly': Bool(Eval('closed')),
        }

    name = fields.Char("Name", required=True, states=_readonly)
    code = fields.Char(
        "Code", required=True, states=_readonly,
        help="Unique within the company, for example 2026, 2026-Q1 or "
        "2026-01.")
    type = fields.Selection([
            ('year', "Year"),
            ('quarter', "Quarter"),
            ('month', "Month"),
            ], "Type", required=True, states=_readonly)
    start_date = fields.Date("Start Date", required=True, states=_readonly)
    end_date = fields.Date("End Date", required=True, states=_readonly)
    year = fields.Integer("Year", required=True, states=_readonly)
    parent = fields.Many2One(
        'ame.period', "Parent", ondelete='CASCADE',
        domain=[
            ('company', '=', Eval('company', -1)),
            If(Eval('type') == 'month',
                ('type', 'in', ['quarter', 'year']),
                If(Eval('type') == 'quarter',
                    ('type', '=', 'year'),
                    ('id', '=', -1))),
            ],
        states={
            'readonly': Bool(Eval('closed')),
            'invisible': Eval('type') == 'year',
            },
        context={
            'company': Eval('company', -1),
            },
        depends={'company'})
    children = fields.One2Many(
        'ame.period', 'parent', "Children", readonly=True)
    company = fields.Many2One(
        'company.company', "Company", required=True,
        states={
            'readonly': Bool(Eval('closed')) | (Eval('id', -1) >= 0),
            })
    closed = fields.Boolean(
        "Closed",
        help="A closed period can no longer be changed nor deleted; "
        "reopen it first.")

    del _readonly

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.company, t.code),
                'ame_base.msg_period_code_unique'),
            ]
        # A year, then its first quarter, then its first month
        cls._order = [
            ('start_date', 'ASC'),
            ('end_date', 'DESC'),
            ('id', 'ASC'),
            ]

    @staticmethod
    def default_company():
        return Transaction().context.get('company')

    @classmethod
    def default_type(cls):
        return 'month'

    @classmethod
    def default_closed(cls):
        return False

    @fields.depends('start_date', 'year')
    def on_change_start_date(self):
        if self.start_date and not self.year:
            self.year = self.start_date.year


    @classmethod
    def validate_fields(cls, periods, field_names):
        super().validate_fields(periods, field_names)
        cls.check_dates(periods, field_names)
        cls.check_parent(periods, field_names)

    @classmethod
    def check_dates(cls, periods, field_names=None):
        if field_names and not (field_names
                & {'start_date', 'end_date', 'type', 'company'}):
            return
        for period in periods:
            if period.end_date < period.start_date:
                raise ValidationError(gettext(
                        'ame_base.msg_period_end_before_start',
                        period=period.rec_name))
            overlaps = cls.search([
                    ('id', '!=', period.id),
                    ('company', '=', period.company.id),
                    ('type', '=', period.type),
                    ('start_date', '<=', period.end_date),
                    ('end_date', '>=', period.start_date),
                    ], limit=1)
            if overlaps:
                overlap, = overlaps
                raise ValidationError(gettext(
                        'ame_base.msg_period_overlap',
                        first=period.rec_name,
                        second=overlap.rec_name))

    @classmethod
    def check_parent(cls, periods, field_names=None):
        if field_names and not (field_names
                & {'start_date', 'end_date', 'type', 'parent'}):
            return
        children = set(periods)
        children.update(c for p in periods for c in p.children)
        for period in children:
            parent = period.parent
            if not parent:
                continue
            if (TYPES.index(parent.type) >= TYPES.index(period.type)
                    or parent.start_date > period.start_date
                    or parent.end_date < period.end_date):
                raise ValidationError(gettext(
                        'ame_base.msg_period_outside_parent',
                        period=period.rec_name,
                        parent=parent.rec_name))

    @classmethod
    def check_modification(cls, mode, periods, values=None, external=False):
        super().check_modification(
            mode, periods, values=values, external=external)
        if mode == 'write' and set(values) == {'closed'}:
            return
        if mode in {'write', 'delete'}:
            for period in periods:
                if period.closed:
                    raise AccessError(gettext(
                            'ame_base.msg_period_closed_modify',
                            period=period.rec_name))

    @classmethod
    def find(cls, date, type='month', company=None):
        """Return the period of the type that contains the date, in the
        company (by default that of the context), or None"""
        if company is None:
            company = Transaction().context.get('company')
        company_id = getattr(company, 'id', company)
        periods = cls.search([
                ('company', '=', company_id),
                ('type', '=', type),
                ('start_date', '<=', date),
                ('end_date', '>=', date),
                ], limit=1)
        return periods[0] if periods else None

    @classmethod
    def generate_year(cls, year, company=None):
        """Create the year, its 4 quarters and 12 months in the company and
        return them (year first); refuse if the year exists"""
        pool = Pool()
        Company = pool.get('company.company')
        ModelAccess = pool.get('ir.model.access')
        # save() does not check access rights, create() would
        ModelAccess.check(cls.__name__, 'create')
        if company is None:
            company = Company(Transaction().context['company'])
        if cls.search([
                    ('company', '=', company.id),
                    ('type', '=', 'year'),
                    ('year', '=', year),
                    ], limit=1):
            raise AccessError(gettext(
                    'ame_base.msg_period_year_exists',
                    year=year, company=company.rec_name))
        year_period = cls._year(year, company)
        quarters = [cls._quarter(year, q, company) for q in range(1, 5)]
        year_period.children = quarters
        for quarter in quarters:
            first = (quarter.start_date.month - 1) // 3 * 3 + 1
            quarter.children = [
                cls._month(year, m, company)
                for m in range(first, first + 3)]
        year_period.save()
        return [year_period] + [
            p for q in year_period.children for p in [q, *q.children]]

    @classmethod
    def _year(cls, year, company):
        return cls(
            name=gettext('ame_base.msg_period_name_year', year=year),
            code=str(year),
            type='year',
            start_date=dt.date(year, 1, 1),
            end_date=dt.date(year, 12, 31),
            year=year,
            company=company,
            closed=False)

    @classmethod
    def _quarter(cls, year, quarter, company):
        first = (quarter - 1) * 3 + 1
        last = first + 2
        return cls(
            name=gettext(
                'ame_base.msg_period_name_quarter',
                year=year, quarter=quarter),
            code=f'{year}-Q{quarter}',
            type='quarter',
            start_date=dt.date(year, first, 1),
            end_date=dt.date(
                year, last, calendar.monthrange(year, last)[1]),
            year=year,
            company=company,
            closed=False)

    @classmethod
    def _month(cls, year, month, company):
        return cls(
            name=gettext(
                'ame_base.msg_period_name_month',
                year=year, month=f'{month:02d}'),
            code=f'{year}-{month:02d}',
            type='month',
            start_date=dt.date(year, month, 1),
            end_date=dt.date(
                year, month, calendar.monthrange(year, month)[1]),
            year=year,
            company=company,
            closed=False)


class PeriodGenerateStart(ModelView):
    __name__ = 'ame.period.generate.start'
    __string__ = "Generate Periods"

    year = fields.Integer(
        "Year", required=True,
        domain=[('year', '>=', 1900), ('year', '<=', 9999)])
    company = fields.Many2One('company.company', "Company", required=True)

    @classmethod
    def default_year(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        return Date.today().year

    @staticmethod
    def default_company():
        return Transaction().context.get('company')


class PeriodGenerate(Wizard):
    # 生成年度期间: a year with its quarters and months in one step.
    __name__ = 'ame.period.generate'
    __string__ = "Generate Periods"

    start = StateView(
        'ame.period.generate.start',
        'ame_base.period_generate_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Generate", 'generate', 'tryton-ok', default=True),
            ])
    generate = StateTransition()

    def transition_generate(self):
        pool = Pool()
        Period = pool.get('ame.period')
        Period.generate_year(self.start.year, self.start.company)
        return 'end'

    def end(self):
        return 'reload'
