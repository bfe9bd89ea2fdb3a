# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Record-row permissions (数据范围): which owned records a user may see.

A model adopts them with DataScopeMixin, naming its owner-employee and
department fields, and one global record rule whose domain is
``[('data_scope_visible', '=', True)]``. The rule applies to read, search,
write, delete and create through any RPC, and to the models that share the
model's access (``__access__``, e.g. sale lines).

The scope of a user is the widest data scope of his valid roles (res.role
data_scope); the administrators see everything, a user without role his
own records only.
"""
import datetime as dt

from sql import Column

from trytond.cache import Cache
from trytond.model import Index, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction

SCOPES = ['own', 'department', 'department_tree', 'company', 'all']


class DataScopeMixin:
    __slots__ = ()
    # The Many2One fields to company.employee (owner) and company.department
    _data_scope_owner = 'employee'
    _data_scope_department = 'department'
    # States of records that a handover leaves with their owner
    _handover_excluded_states = ()

    data_scope_visible = fields.Function(
        fields.Boolean("In My Data Scope"),
        'get_data_scope_visible', searcher='search_data_scope_visible')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # The rules filter on these columns in every query.
        table = cls.__table__()
        cls._sql_indexes.update({
                Index(table, (Column(table, name), Index.Range()))
                for name in [
                    cls._data_scope_owner, cls._data_scope_department]})

    @classmethod
    def data_scope_domain(cls):
        "Return the domain of the records in the user's data scope"
        pool = Pool()
        User = pool.get('res.user')
        scope, employees, departments = User.get_data_scope()
        owner = (cls._data_scope_owner, 'in', list(employees))
        if scope == 'all':
            return [('id', '!=', None)]
        elif scope == 'company':
            return [('company', '=', Transaction().context.get('company'))]
        elif scope in {'department', 'department_tree'}:
            return ['OR',
                owner,
                (cls._data_scope_department, 'in', list(departments)),
                ]
        return [owner]

    @classmethod
    def search_data_scope_visible(cls, name, clause):
        _, operator, value = clause
        domain = cls.data_scope_domain()
        if (operator == '=') == bool(value):
            return domain
        return ['NOT', domain]

    @classmethod
    def get_data_scope_visible(cls, records, name):
        visible = {r.id for r in cls.search([
                    ('id', 'in', [r.id for r in records]),
                    cls.data_scope_domain(),
                    ], order=[])}
        return {r.id: r.id in visible for r in records}

    def compute_fields(self, field_names=None):
        values = super().compute_fields(field_names=field_names)
        owner_name = self._data_scope_owner
        department_name = self._data_scope_department
        if field_names is None or owner_name in field_names:
            owner = getattr(self, owner_name, None)
            department = owner.department if owner else None
            # An unassigned record keeps its department (a team's pool).
            if department and department != getattr(
                    self, department_name, None):
                values[department_name] = department.id
        return values

    @classmethod
    def default_department(cls):
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

    _get_data_scope_cache = Cache(
        'res.user.get_data_scope', context=False,
        duration=dt.timedelta(minutes=15))

    @classmethod
    def get_data_scope(cls):
        """Return the user's data scope, his employee ids and the ids of the
        departments he sees (his own, or with their sub-departments)"""
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        Department = pool.get('company.department')
        Employee = pool.get('company.employee')
        transaction = Transaction()
        key = (transaction.user, transaction.context.get('company'),
            transaction.context.get('employee'))
        cached = cls._get_data_scope_cache.get(key)
        if cached is not None:
            return cached
        user = cls(transaction.user)
        now = dt.datetime.now()
        scopes = [r.role.data_scope for r in user.roles if r.valid(now)]
        if ModelData.get_id('res', 'group_admin') in cls.get_groups():
            scopes.append('all')
        scope = max(scopes, key=SCOPES.index, default='own')
        employees = cls.get_employees()
        departments = [e.department.id for e in Employee.browse(employees)
            if e.department]
        if scope == 'department_tree' and departments:
            with transaction.set_context(active_test=False):
                departments = [d.id for d in Department.search([
                            ('parent', 'child_of', departments),
                            ], order=[])]
        return cls._get_data_scope_cache.set(
            key, (scope, tuple(employees), tuple(sorted(departments))))

    @classmethod
    def on_modification(cls, mode, users, field_names=None):
        super().on_modification(mode, users, field_names=field_names)
        cls._get_data_scope_cache.clear()


class DataScopeCacheMixin:
    "Clear the cached data scopes when what they derive from changes"
    __slots__ = ()

    @classmethod
    def on_modification(cls, mode, records, field_names=None):
        pool = Pool()
        User = pool.get('res.user')
        super().on_modification(mode, records, field_names=field_names)
        User._get_data_scope_cache.clear()


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


class Employee(DataScopeCacheMixin, metaclass=PoolMeta):
    __name__ = 'company.employee'


class Department(DataScopeCacheMixin, metaclass=PoolMeta):
    __name__ = 'company.department'
