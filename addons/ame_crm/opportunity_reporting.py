# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""商机分析: the pipeline by stage, the weighted forecast by month and the
conversions by department, beside Tryton's reports of opportunities (by
period and by employee), all counted in the user's data scope.

The reports are SQL queries over sale.opportunity, which know nothing of
record rules: each counts only the opportunities that the user's search
returns (``ScopeMixin``), so a rep sees his own amounts and a manager his
departments'.
"""
from sql import Literal, Null
from sql.aggregate import Min, Sum
from sql.conditionals import Case, Coalesce
from sql.functions import DateTrunc, Extract

from trytond.i18n import lazy_gettext
from trytond.model import ModelView, fields
from trytond.modules.currency.fields import Monetary
from trytond.modules.sale_opportunity.opportunity_reporting import (
    Abstract, AbstractConversion)
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction, check_access

# The opportunities of the pipeline and of the forecast: not yet won
PIPELINE_STATES = ['opportunity', 'converted']


def readable_opportunities():
    "The query of the ids of the opportunities the user may read"
    pool = Pool()
    Opportunity = pool.get('sale.opportunity')
    with check_access():
        return Opportunity.search([], order=[], query=True)


class ScopeMixin:
    """Count only the opportunities in the user's data scope, of the
    tenant's currencies with or without rates"""
    __slots__ = ()

    @classmethod
    def _joins(cls):
        # Tryton joins the currency rates at the opportunity's date but
        # converts nothing with them: a tenant without rates (CNY alone)
        # would see no row
        pool = Pool()
        Company = pool.get('company.company')
        Opportunity = pool.get('sale.opportunity')
        opportunity = Opportunity.__table__()
        company = Company.__table__()
        tables = {
            'opportunity': opportunity,
            'opportunity.company': company,
            }
        from_item = opportunity.join(
            company, condition=opportunity.company == company.id)
        return from_item, tables, {}

    @classmethod
    def _where(cls, tables, withs):
        opportunity = tables['opportunity']
        where = super()._where(tables, withs)
        if Transaction().user:
            where &= opportunity.id.in_(readable_opportunities())
        return where


class WeightedMixin:
    "The amount of the open opportunities times their probability"
    __slots__ = ()

    weighted_amount = Monetary(
        lazy_gettext('ame_crm.msg_opportunity_reporting_weighted_amount'),
        currency='currency', digits='currency')

    @classmethod
    def _columns(cls, tables, withs):
        opportunity = tables['opportunity']
        # The probability is a float: cast it, or PostgreSQL sums floats
        probability = cls.weighted_amount.sql_cast(
            opportunity.conversion_probability)
        return super()._columns(tables, withs) + [
            Sum(Case(
                    (opportunity.state.in_(PIPELINE_STATES),
                        opportunity.amount * probability),
                    else_=Literal(0))).as_('weighted_amount'),
            ]


# Tryton's reports, in the user's scope
class ReportingMain(ScopeMixin, metaclass=PoolMeta):
    __name__ = 'sale.opportunity.reporting.main'


class ReportingMainTimeseries(ScopeMixin, metaclass=PoolMeta):
    __name__ = 'sale.opportunity.reporting.main.time_series'


class ReportingConversion(ScopeMixin, metaclass=PoolMeta):
    __name__ = 'sale.opportunity.reporting.conversion'


class ReportingConversionTimeseries(ScopeMixin, metaclass=PoolMeta):
    __name__ = 'sale.opportunity.reporting.conversion.time_series'


class ReportingConversionEmployee(
        ScopeMixin, WeightedMixin, metaclass=PoolMeta):
    __name__ = 'sale.opportunity.reporting.conversion.employee'


class ReportingConversionEmployeeTimeseries(ScopeMixin, metaclass=PoolMeta):
    __name__ = 'sale.opportunity.reporting.conversion.employee.time_series'


class ConversionDepartment(
        ScopeMixin, WeightedMixin, AbstractConversion, ModelView):
    "Conversions and win rates per department"
    __name__ = 'sale.opportunity.reporting.conversion.department'

    department = fields.Many2One('company.department', "Department")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('department', 'ASC'))

    @classmethod
    def _column_id(cls, tables, withs):
        return tables['opportunity'].department

    @classmethod
    def _columns(cls, tables, withs):
        opportunity = tables['opportunity']
        return super()._columns(tables, withs) + [
            opportunity.department.as_('department')]

    @classmethod
    def _group_by(cls, tables, withs):
        opportunity = tables['opportunity']
        return super()._group_by(tables, withs) + [opportunity.department]

    @classmethod
    def _where(cls, tables, withs):
        opportunity = tables['opportunity']
        return super()._where(tables, withs) & (
            opportunity.department != Null)

    def get_rec_name(self, name):
        return self.department.rec_name if self.department else ''


class _OpenAbstract(ScopeMixin, WeightedMixin, Abstract):
    "The open opportunities of the company, whatever their dates"
    __slots__ = ()

    @classmethod
    def _where(cls, tables, withs):
        context = Transaction().context
        opportunity = tables['opportunity']
        where = (opportunity.company == context.get('company')) & (
            opportunity.state.in_(PIPELINE_STATES))
        if Transaction().user:
            where &= opportunity.id.in_(readable_opportunities())
        return where


class Pipeline(_OpenAbstract, ModelView):
    "销售漏斗: the open opportunities per stage"
    __name__ = 'sale.opportunity.reporting.pipeline'

    stage = fields.Many2One('sale.opportunity.stage', "Stage")
    sequence = fields.Integer("Sequence")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order[0:0] = [('sequence', 'ASC'), ('stage', 'ASC')]

    @classmethod
    def _joins(cls):
        pool = Pool()
        Stage = pool.get('sale.opportunity.stage')
        from_item, tables, withs = super()._joins()
        tables['opportunity.stage'] = stage = Stage.__table__()
        from_item = from_item.join(stage,
            condition=tables['opportunity'].stage == stage.id)
        return from_item, tables, withs

    @classmethod
    def _column_id(cls, tables, withs):
        return tables['opportunity'].stage

    @classmethod
    def _columns(cls, tables, withs):
        stage = tables['opportunity.stage']
        return super()._columns(tables, withs) + [
            tables['opportunity'].stage.as_('stage'),
            Min(Coalesce(stage.sequence, 0)).as_('sequence'),
            ]

    @classmethod
    def _group_by(cls, tables, withs):
        return super()._group_by(tables, withs) + [
            tables['opportunity'].stage]

    def get_rec_name(self, name):
        return self.stage.rec_name if self.stage else ''


class Forecast(_OpenAbstract, ModelView):
    "销售预测: the open opportunities per month of their expected close"
    __name__ = 'sale.opportunity.reporting.forecast'

    date = fields.Date("Month")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('date', 'ASC'))

    @classmethod
    def _month(cls, tables):
        "The year and the month of the expected close, to group by"
        # EXTRACT takes no parameter: PostgreSQL does not see two
        # DATE_TRUNC, each with its own parameter, as the same expression
        end_date = tables['opportunity'].end_date
        return [Extract('YEAR', end_date), Extract('MONTH', end_date)]

    @classmethod
    def _column_id(cls, tables, withs):
        return Min(tables['opportunity'].id)

    @classmethod
    def _columns(cls, tables, withs):
        end_date = tables['opportunity'].end_date
        return super()._columns(tables, withs) + [
            cls.date.sql_cast(Min(DateTrunc('month', end_date))).as_('date')]

    @classmethod
    def _group_by(cls, tables, withs):
        return super()._group_by(tables, withs) + cls._month(tables)

    @classmethod
    def _where(cls, tables, withs):
        return super()._where(tables, withs) & (
            tables['opportunity'].end_date != Null)

    def get_rec_name(self, name):
        return self.date.strftime('%Y-%m') if self.date else ''

