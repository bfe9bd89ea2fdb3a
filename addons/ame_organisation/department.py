# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond import backend
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields, sequence_ordered,
    tree)
from trytond.modules.ame_base.model import CodeSearchMixin
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.tools import grouped_slice
from trytond.transaction import Transaction


class Department(
        CodeSearchMixin, tree(separator=' / '), DeactivableMixin,
        sequence_ordered(), ModelSQL, ModelView):
    # 组织结构: the departments of a company, as a tree.
    #
    # For "a department and its sub-departments", domains and record rules
    # use ('department', 'child_of', ids, 'parent') and Python code
    # Department.get_descendants(departments). For "the manager of the
    # department and the manager's manager", use
    # department.get_manager_chain() or employee.get_manager_chain().
    __name__ = 'company.department'
    __string__ = "Department"

    name = fields.Char("Name", required=True)
    code = fields.Char("Code", required=True, strip=True)
    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='CASCADE')
    parent = fields.Many2One(
        'company.department', "Parent", ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        context={
            'company': Eval('company', -1),
            },
        depends={'company'})
    children = fields.One2Many(
        'company.department', 'parent', "Sub-departments",
        domain=[
            ('company', '=', Eval('company', -1)),
            ])
    manager = fields.Many2One(
        'company.employee', "Manager", ondelete='SET NULL',
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        context={
            'company': Eval('company', -1),
            },
        depends={'company'},
        help="The employee who heads the department.")
    employees = fields.One2Many(
        'company.employee', 'department', "Employees", readonly=True,
        help="The employees whose current department is this one.")
    employee_count = fields.Function(
        fields.Integer(
            "Headcount",
            help="The number of active employees of the department, "
            "without its sub-departments."),
        'get_employee_count')
    regions = fields.Many2Many(
        'company.department-ame.sales.region', 'department', 'region',
        "Sales Regions",
        help="The sales regions that the department covers.")
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.company, t.code),
                'ame_organisation.msg_department_code_unique'),
            ]
        cls._order.append(('name', 'ASC'))

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')


    @classmethod
    def get_employee_count(cls, departments, name):
        pool = Pool()
        Employee = pool.get('company.employee')
        counts = {d.id: 0 for d in departments}
        for sub_departments in grouped_slice(
                departments, backend.MAX_QUERY_PARAMS):
            for employee in Employee.search([
                        ('department', 'in', [d.id for d in sub_departments]),
                        ]):
                counts[employee.department.id] += 1
        return counts

    @classmethod
    def get_descendants(cls, departments):
        """Return the departments and all their sub-departments, inactive
        ones included"""
        if not departments:
            return []
        with Transaction().set_context(active_test=False):
            return cls.search([
                    ('parent', 'child_of', [d.id for d in departments]),
                    ])

    def get_manager_chain(self):
        """Return the managers of the department then of its parents, up to
        the top department, each once"""
        managers = []
        department = self
        while department:
            if department.manager and department.manager not in managers:
                managers.append(department.manager)
            department = department.parent
        return managers


class DepartmentRegion(ModelSQL, ModelView):
    # 部门地区: which departments cover which sales regions.
    __name__ = 'company.department-ame.sales.region'
    __string__ = "Department - Sales Region"

    # The company comes from the department
    department = fields.Many2One(
        'company.department', "Department", required=True,
        ondelete='CASCADE')
    region = fields.Many2One(
        'ame.sales.region', "Sales Region", required=True,
        ondelete='CASCADE')
    company = fields.Function(
        fields.Many2One('company.company', "Company"),
        'on_change_with_company', searcher='search_company')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('department')
        t = cls.__table__()
        cls._sql_constraints += [
            ('department_region_unique', Unique(t, t.department, t.region),
                'ame_organisation.msg_department_region_unique'),
            ]

    @fields.depends('department', '_parent_department.company')
    def on_change_with_company(self, name=None):
        return self.department.company if self.department else None

    @classmethod
    def search_company(cls, name, clause):
        return [('department.' + clause[0], *clause[1:])]


class SalesRegion(metaclass=PoolMeta):
    __name__ = 'ame.sales.region'

    departments = fields.Many2Many(
        'company.department-ame.sales.region', 'region', 'department',
        "Departments", readonly=True,
        help="The departments that cover the region; "
        "maintained on the departments.")
