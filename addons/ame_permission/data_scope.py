# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Record-row permissions (数据范围): which owned records a user may see.

A model adopts them with DataScopeMixin, naming its owner-employee and
department fields, and one global record rule (ir.rule) in XML whose PYSON
domain reads the rule context that ir.py adds (see data_scope_context):

    If(Eval('data_scope', 'own').in_(['company', 'all']), [],
        ['OR', ('employee', 'in', Eval('employees', [])),
            ('department', 'in', Eval('data_scope_departments', []))])

The rule applies to read, search, write, delete and create through any RPC,
and to the models that share the model's access (``__access__``, e.g. sale
lines). 全公司 and 全部 both leave the records to Tryton's company rule: the
user sees the records of his current company, or of all his companies when
his company filter is "All".

The scope of a user is the widest data scope of his valid roles (res.role
data_scope); the administrators see everything, a user without role his
own records only. It rests on what the server stores of the user (his
roles, his employees and their departments), never on the context.
"""
import datetime as dt

from sql import Column

from trytond.i18n import gettext
from trytond.model import Index, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import (
    Transaction, inactive_records, without_check_access)

SCOPES = ['own', 'department', 'department_tree', 'company', 'all']


def data_scope_context():
    """Return the rule context of the user's data scope: his widest scope
    ('data_scope'), the ids of his employees ('employees') and of the
    departments whose records he sees ('data_scope_departments')"""
    pool = Pool()
    ModelData = pool.get('ir.model.data')
    Department = pool.get('company.department')
    User = pool.get('res.user')
    transaction = Transaction()
    if not transaction.user:
        return {'data_scope': 'all', 'employees': [],
            'data_scope_departments': []}
    with without_check_access(), transaction.set_context(active_test=False):
        user = User(transaction.user)
        now = dt.datetime.now()
        scopes = [r.role.data_scope for r in user.roles if r.valid(now)]
        if ModelData.get_id('res', 'group_admin') in User.get_groups():
            scopes.append('all')
        scope = max(scopes, key=SCOPES.index, default='own')
        employees = sorted(e.id for e in user.employees)
        departments = []
        if scope in {'department', 'department_tree'}:
            departments = {e.department.id for e in user.employees
                if e.department}
            if scope == 'department_tree' and departments:
                # Inactive sub-departments keep their records visible
                departments = {d.id for d in Department.search([
                            ('parent', 'child_of', list(departments)),
                            ], order=[])}
            departments = sorted(departments)
    return {
        'data_scope': scope,
        'employees': employees,
        'data_scope_departments': departments,
        }


def employees_in_scope_domain(context=None):
    "The domain of the employees in the user's data scope"
    if context is None:
        context = data_scope_context()
    if context['data_scope'] in {'company', 'all'}:
        return []
    return ['OR',
        ('id', 'in', context['employees']),
        ('department', 'in', context['data_scope_departments']),
        ]


def employees_out_of_scope(employees):
    "Return those of the employees that are outside the user's data scope"
    pool = Pool()
    Employee = pool.get('company.employee')
    if not employees:
        return []
    domain = employees_in_scope_domain()
    if not domain:
        return []
    with without_check_access(), inactive_records():
        inside = Employee.search([
                ('id', 'in', [e.id for e in employees]),
                domain,
                ], order=[])
    return [e for e in employees if e not in inside]


class DataScopeMixin:
    __slots__ = ()
    # The Many2One fields to company.employee (owner) and company.department
    _data_scope_owner = 'employee'
    _data_scope_department = 'department'
    # States of records that a handover leaves with their owner
    _handover_excluded_states = ()

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # The default of the department field, whatever its name
        name = f'default_{cls._data_scope_department}'
        if not hasattr(cls, name):
            setattr(cls, name, cls._data_scope_default_department)
        # The rules filter on these columns in every query.
        table = cls.__table__()
        cls._sql_indexes.update({
                Index(table, (Column(table, name), Index.Range()))
                for name in [
                    cls._data_scope_owner, cls._data_scope_department]})

    @classmethod
    def preprocess_values(cls, mode, values):
        # The department follows the owner before the record is stored, so
        # that ModelSQL's check of the rules after a create or a write
        # sees where the record lands.
        pool = Pool()
        Employee = pool.get('company.employee')
        values = super().preprocess_values(mode, values)
        owner = values.get(cls._data_scope_owner)
        if owner:
            department = Employee(owner).department
            if department:
                values[cls._data_scope_department] = department.id
            elif mode == 'create':
                values[cls._data_scope_department] = None
            else:
                # An owner without department leaves the record in its
                # department (a team's pool).
                values.pop(cls._data_scope_department, None)
        return values

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        pool = Pool()
        Employee = pool.get('company.employee')
        # Before the generic guard of read-only fields (ame_base), whose
        # message does not say what to change instead.
        owner_name = cls._data_scope_owner
        department_name = cls._data_scope_department
        if mode == 'write' and department_name in values:
            # The department cannot be moved away from the owner's
            if owner_name not in values:
                for record in records:
                    department = getattr(record, department_name, None)
                    if ((department.id if department else None)
                            != values[department_name]):
                        raise AccessError(gettext(
                                'ame_permission.msg_data_scope_department',
                                record=record.rec_name))
        if external and mode == 'write' and values.get(owner_name):
            owners = [Employee(values[owner_name])]
        elif external and mode == 'create':
            owners = list({getattr(r, owner_name) for r in records
                    if getattr(r, owner_name, None)})
        else:
            owners = []
        if out := employees_out_of_scope(owners):
            raise AccessError(gettext(
                    'ame_permission.msg_data_scope_owner',
                    employee=out[0].rec_name))
        super().check_modification(
            mode, records, values=values, external=external)

    @classmethod
    def history_revisions(cls, ids):
        # ModelSQL checks the model access only: the revisions (dates and
        # editors) of a record are its data.
        pool = Pool()
        Rule = pool.get('ir.rule')
        Rule.check(cls.__name__, ids, 'read')
        return super().history_revisions(ids)

    @classmethod
    def _data_scope_default_department(cls):
        "The department of the user's employee, for new records"
        pool = Pool()
        Employee = pool.get('company.employee')
        employee = Transaction().context.get('employee')
        if employee:
            department = Employee(employee).department
            return department.id if department else None

    def get_handover_name(self):
        "The name of the document in the handover preview and log"
        party = getattr(self, 'party', None)
        return ' / '.join(filter(None, [
                    self.rec_name, party.rec_name if party else None,
                    getattr(self, 'description', None)]))

    @classmethod
    def handover_domain(cls, employee):
        "Return the domain of the records of employee that a handover moves"
        domain = [(cls._data_scope_owner, '=', employee.id)]
        if cls._handover_excluded_states:
            domain.append(
                ('state', 'not in', list(cls._handover_excluded_states)))
        return domain


def owner_field():
    "The responsible employee of an owned document"
    return fields.Many2One(
        'company.employee', "Responsible",
        domain=[('company', '=', Eval('company', -1))],
        context={'company': Eval('company', -1)}, depends={'company'},
        help="The employee in charge of the document: it is in his data "
        "scope and in his department's.")


def department_field():
    "The department of the responsible employee, set from him"
    return fields.Many2One(
        'company.department', "Department", readonly=True,
        domain=[('company', '=', Eval('company', -1))],
        help="The department of the employee in charge.")


def data_scope_models():
    "Return the names of the models that adopted the data scopes"
    pool = Pool()
    return sorted(name for name, Model in pool.iterobject()
        if issubclass(Model, DataScopeMixin))


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    @classmethod
    def check_modification(cls, mode, users, values=None, external=False):
        super().check_modification(
            mode, users, values=values, external=external)
        # set_preferences writes the current employee that the client
        # sends, and Tryton's domain check reads it through the context.
        if (mode == 'write' and values.get('employee')
                and 'employees' not in values):
            for user in users:
                if values['employee'] not in {e.id for e in user.employees}:
                    raise AccessError(gettext(
                            'ame_permission.msg_user_employee_not_own',
                            user=user.rec_name))

    @classmethod
    def set_preferences(cls, values):
        # user_role lists the roles among the context fields, which
        # set_preferences writes: a user would give himself any role. Drop
        # them as Tryton drops the groups.
        values = {k: v for k, v in values.items() if k != 'roles'}
        super().set_preferences(values)

    @classmethod
    def sync_roles(cls, users=None, date=None, clear=False):
        pool = Pool()
        Rule = pool.get('ir.rule')
        super().sync_roles(users=users, date=date, clear=clear)
        if users is None:
            # The cron's run: the roles that started or ended since change
            # the data scopes as they change the groups.
            Rule._domain_get_cache.clear()


class DataScopeCacheMixin:
    """Clear the record rules' cache when what the data scopes derive from
    changes (the fields of _data_scope_fields, all when empty)"""
    __slots__ = ()
    _data_scope_fields = set()

    @classmethod
    def on_modification(cls, mode, records, field_names=None):
        pool = Pool()
        Rule = pool.get('ir.rule')
        super().on_modification(mode, records, field_names=field_names)
        if (mode != 'write' or not cls._data_scope_fields
                or cls._data_scope_fields & set(field_names or [])):
            Rule._domain_get_cache.clear()


class UserRole(DataScopeCacheMixin, metaclass=PoolMeta):
    __name__ = 'res.user.role'

    # user_role syncs the groups of a user when the user or the role is
    # written, not when a user's role is created or removed on its own
    # (through RPC, or a list of them): keep the groups in step.
    @classmethod
    def on_modification(cls, mode, user_roles, field_names=None):
        pool = Pool()
        User = pool.get('res.user')
        super().on_modification(mode, user_roles, field_names=field_names)
        if mode in {'create', 'write'}:
            User.sync_roles(User.browse({r.user.id for r in user_roles}))

    @classmethod
    def on_delete(cls, user_roles):
        pool = Pool()
        User = pool.get('res.user')
        callback = super().on_delete(user_roles)
        users = {r.user.id for r in user_roles}
        callback.append(
            lambda: User.sync_roles(User.browse(users), clear=True))
        return callback


class UserEmployee(DataScopeCacheMixin, metaclass=PoolMeta):
    __name__ = 'res.user-company.employee'


class Role(DataScopeCacheMixin, metaclass=PoolMeta):
    __name__ = 'res.role'
    _data_scope_fields = {'data_scope'}


class Employee(DataScopeCacheMixin, metaclass=PoolMeta):
    __name__ = 'company.employee'
    _data_scope_fields = {'department'}


class Department(DataScopeCacheMixin, metaclass=PoolMeta):
    __name__ = 'company.department'
    _data_scope_fields = {'parent'}
