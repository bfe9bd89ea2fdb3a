# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
from collections import defaultdict
from itertools import combinations

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, Unique, fields
from trytond.model.exceptions import ValidationError
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction

from trytond.modules.ame_base.model import CodeSearchMixin
from .company import set_contact_mechanism


def get_date(date=None):
    "Return date, else the date of the context, else today"
    pool = Pool()
    Date = pool.get('ir.date')
    return date or Transaction().context.get('date') or Date.today()


class Employee(CodeSearchMixin, metaclass=PoolMeta):
    __name__ = 'company.employee'

    code = fields.Char(
        "Employee Number", strip=True,
        help="The number of the employee in the company.")
    department = fields.Many2One(
        'company.department', "Department", ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        context={
            'company': Eval('company', -1),
            },
        depends={'company'},
        help="The department where the employee works now.")
    positions = fields.One2Many(
        'company.employee.position', 'employee', "Positions",
        help="The positions held by the employee, over time.")
    job_title = fields.Function(
        fields.Char("Job Title", help="The primary position of today."),
        'get_job_title', searcher='search_job_title')
    mobile = fields.Function(
        fields.Char("Mobile"), 'get_party_contact',
        setter='set_party_contact', searcher='search_party_contact')
    email = fields.Function(
        fields.Char("Email"), 'get_party_contact',
        setter='set_party_contact', searcher='search_party_contact')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.company, t.code),
                'ame_organisation.msg_employee_code_unique'),
            ]


    def get_employee_positions(self, date=None):
        """Return the employee positions valid at the date (default: the
        context date or today), the primary one first"""
        date = get_date(date)
        return sorted(
            (p for p in self.positions if p.is_valid(date)),
            key=lambda p: (not p.primary, p.from_date or dt.date.min, p.id))

    def get_positions(self, date=None):
        "Return the positions held at the date, the primary one first"
        return [p.position for p in self.get_employee_positions(date)]

    def get_primary_position(self, date=None):
        "Return the primary position held at the date or None"
        for employee_position in self.get_employee_positions(date):
            if employee_position.primary:
                return employee_position.position

    def get_manager_chain(self):
        """Return the managers above the employee: the managers of the
        department and of its parents, without the employee"""
        if not self.department:
            return []
        return [m for m in self.department.get_manager_chain() if m != self]

    def get_job_title(self, name):
        position = self.get_primary_position()
        return position.name if position else None

    @classmethod
    def search_job_title(cls, name, clause):
        date = get_date()
        _, operator, operand, *extra = clause
        return [('positions', 'where', [
                    ('primary', '=', True),
                    ['OR',
                        ('from_date', '=', None),
                        ('from_date', '<=', date),
                        ],
                    ['OR',
                        ('to_date', '=', None),
                        ('to_date', '>=', date),
                        ],
                    ('position.name', operator, operand, *extra),
                    ])]

    def get_party_contact(self, name):
        mechanism = self.party.contact_mechanism_get(name)
        return mechanism.value if mechanism else None

    @classmethod
    def set_party_contact(cls, employees, name, value):
        set_contact_mechanism([e.party for e in employees], name, value)

    @classmethod
    def search_party_contact(cls, name, clause):
        _, operator, operand, *extra = clause
        return [('party.contact_mechanisms', 'where', [
                    ('type', '=', name),
                    ('value', operator, operand, *extra),
                    ])]


class EmployeePosition(ModelSQL, ModelView):
    # 员工岗位: a position held by an employee from a date to a date; one
    # primary position at a time gives the job title.
    __name__ = 'company.employee.position'
    __string__ = "Employee Position"

    # The company comes from the employee
    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='CASCADE')
    position = fields.Many2One(
        'company.position', "Position", required=True, ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        context={
            'company': Eval('company', -1),
            },
        depends={'company'})
    department = fields.Many2One(
        'company.department', "Department", ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        context={
            'company': Eval('company', -1),
            },
        depends={'company'},
        help="By default the department of the position, "
        "else the department of the employee.")
    from_date = fields.Date("From Date")
    to_date = fields.Date("To Date")
    primary = fields.Boolean(
        "Primary",
        help="The primary position gives the job title; "
        "an employee has one at most at any date.")
    company = fields.Function(
        fields.Many2One('company.company', "Company"),
        'on_change_with_company', searcher='search_company')
    current = fields.Function(
        fields.Boolean("Current", help="Valid today."),
        'get_current', searcher='search_current')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('employee', 'ASC'),
            ('from_date', 'DESC NULLS FIRST'),
            ('id', 'DESC'),
            ]

    @classmethod
    def default_primary(cls):
        return False

    @fields.depends('employee', '_parent_employee.company')
    def on_change_with_company(self, name=None):
        return self.employee.company if self.employee else None

    @classmethod
    def search_company(cls, name, clause):
        return [('employee.' + clause[0], *clause[1:])]

    @fields.depends(
        'position', 'employee', 'department',
        '_parent_position.department', '_parent_employee.department')
    def on_change_position(self):
        self.department = self._default_department()

    @fields.depends(methods=['on_change_position'])
    def on_change_employee(self):
        self.on_change_position()

    def _default_department(self):
        if self.position and self.position.department:
            return self.position.department
        if self.department:
            return self.department
        if self.employee:
            return self.employee.department

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Employee = pool.get('company.employee')
        Position = pool.get('company.position')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and not values.get('department'):
            department = None
            if values.get('position'):
                department = Position(values['position']).department
            if not department and values.get('employee'):
                department = Employee(values['employee']).department
            if department:
                values['department'] = department.id
        return values

    def get_rec_name(self, name):
        return self.position.rec_name

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('position.rec_name', *clause[1:])]

    @property
    def period_name(self):
        "The position with its period, for messages"
        pool = Pool()
        Lang = pool.get('ir.lang')
        lang = Lang.get()
        return '%s (%s ~ %s)' % (
            self.position.rec_name,
            lang.strftime(self.from_date) if self.from_date else '',
            lang.strftime(self.to_date) if self.to_date else '')

    def is_valid(self, date):
        "Tell if the position is held at the date"
        return ((not self.from_date or self.from_date <= date)
            and (not self.to_date or date <= self.to_date))

    def overlaps(self, other):
        "Tell if both periods share a day"
        return ((not self.from_date or not other.to_date
                or self.from_date <= other.to_date)
            and (not other.from_date or not self.to_date
                or other.from_date <= self.to_date))

    def get_current(self, name):
        return self.is_valid(get_date())

    @classmethod
    def search_current(cls, name, clause):
        date = get_date()
        _, operator, value = clause
        current = [
            ['OR',
                ('from_date', '=', None),
                ('from_date', '<=', date),
                ],
            ['OR',
                ('to_date', '=', None),
                ('to_date', '>=', date),
                ],
            ]
        if (operator == '=') == bool(value):
            return current
        return ['OR',
            ('from_date', '>', date),
            ('to_date', '<', date),
            ]

    @classmethod
    def validate_fields(cls, employee_positions, field_names):
        super().validate_fields(employee_positions, field_names)
        cls.check_dates(employee_positions, field_names)
        cls.check_primary(employee_positions, field_names)

    @classmethod
    def check_dates(cls, employee_positions, field_names=None):
        if field_names and not (field_names & {'from_date', 'to_date'}):
            return
        for record in employee_positions:
            if (record.from_date and record.to_date
                    and record.to_date < record.from_date):
                raise ValidationError(gettext(
                        'ame_organisation.msg_employee_position_dates',
                        employee=record.employee.rec_name,
                        position=record.position.rec_name))

    @classmethod
    def check_primary(cls, employee_positions, field_names=None):
        if field_names and not (
                field_names & {'primary', 'from_date', 'to_date', 'employee'}):
            return
        employees = {r.employee for r in employee_positions if r.primary}
        if not employees:
            return
        primaries = defaultdict(list)
        for record in cls.search([
                    ('employee', 'in', [e.id for e in employees]),
                    ('primary', '=', True),
                    ],
                order=[('from_date', 'ASC NULLS FIRST'), ('id', 'ASC')]):
            primaries[record.employee].append(record)
        for employee, records in primaries.items():
            for first, second in combinations(records, 2):
                if first.overlaps(second):
                    raise ValidationError(gettext(
                            'ame_organisation.msg_employee_position_primary_overlap',
                            employee=employee.rec_name,
                            first=first.period_name,
                            second=second.period_name))
