# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.modules.ame_permission.data_scope import data_scope_models
from trytond.modules.ame_base.tests.tools import AmeTestCase
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction


def create_organisation(company):
    "销售部 > 华东销售一部 > 苏州办事处, and 华南销售部"
    pool = Pool()
    Department = pool.get('company.department')
    sales, = Department.create([{
                'name': "销售部", 'code': 'S', 'company': company.id}])
    east, south = Department.create([
            {'name': "华东销售一部", 'code': 'SE', 'parent': sales.id,
                'company': company.id},
            {'name': "华南销售部", 'code': 'SS', 'parent': sales.id,
                'company': company.id},
            ])
    suzhou, = Department.create([{
                'name': "苏州办事处", 'code': 'SES', 'parent': east.id,
                'company': company.id, 'active': False}])
    return sales, east, south, suzhou


def create_user(company, login, department, roles=(), from_date=None):
    pool = Pool()
    Party = pool.get('party.party')
    Employee = pool.get('company.employee')
    User = pool.get('res.user')
    Role = pool.get('res.role')
    party, = Party.create([{'name': login}])
    employee, = Employee.create([{
                'party': party.id, 'company': company.id,
                'department': department.id if department else None}])
    user, = User.create([{
                'login': login, 'name': login,
                'companies': [('add', [company.id])], 'company': company.id,
                'employees': [('add', [employee.id])],
                'employee': employee.id,
                'roles': [('create', [{
                                'role': Role.search([
                                        ('data_scope', '=', scope),
                                        ], limit=1)[0].id,
                                'from_date': from_date,
                                } for scope in roles])],
                }])
    return employee, user


def data_scope(user):
    pool = Pool()
    User = pool.get('res.user')
    with Transaction().set_user(user.id), Transaction().set_context(
            User.get_preferences(context_only=True)):
        return User.get_data_scope()


class DataScopeTestCase(AmeTestCase):
    "Data scopes of users and owned documents"
    module = 'ame_permission'
    extras = ['sale_opportunity', 'purchase']

    @with_transaction()
    def test_models(self):
        "Opportunities, sales and purchases adopted the data scopes"
        self.assertEqual(data_scope_models(),
            ['purchase.purchase', 'sale.opportunity', 'sale.sale'])

    @with_transaction()
    def test_scope_of_roles(self):
        "The widest scope of the valid roles; own without role"
        company = create_company()
        with set_company(company):
            sales, east, south, suzhou = create_organisation(company)
            no_role, no_role_user = create_user(company, 'a', east)
            rep, rep_user = create_user(company, 'b', east, ['own'])
            two, two_user = create_user(
                company, 'c', east, ['own', 'department'])
            tree, tree_user = create_user(
                company, 'd', sales, ['department_tree'])
            future, future_user = create_user(
                company, 'e', east, ['company'],
                from_date=dt.datetime.now() + dt.timedelta(days=30))

            self.assertEqual(
                data_scope(no_role_user), ('own', (no_role.id,), (east.id,)))
            self.assertEqual(data_scope(rep_user)[0], 'own')
            self.assertEqual(data_scope(two_user)[0], 'department')
            self.assertEqual(data_scope(future_user)[0], 'own')
            scope, _, departments = data_scope(tree_user)
            self.assertEqual(scope, 'department_tree')
            # Inactive sub-departments keep their records visible
            self.assertEqual(
                set(departments), {sales.id, east.id, south.id, suzhou.id})

    @with_transaction()
    def test_administrators_see_all(self):
        company = create_company()
        with set_company(company):
            self.assertEqual(data_scope(
                    Pool().get('res.user')(Transaction().user))[0], 'all')

    @with_transaction()
    def test_scope_follows_changes(self):
        "A new role or a new department applies at once"
        pool = Pool()
        Role = pool.get('res.role')
        UserRole = pool.get('res.user.role')
        Employee = pool.get('company.employee')
        company = create_company()
        with set_company(company):
            sales, east, south, _ = create_organisation(company)
            rep, rep_user = create_user(company, 'b', east, ['own'])
            self.assertEqual(data_scope(rep_user)[0], 'own')

            manager, = Role.search([
                    ('data_scope', '=', 'department_tree'),
                    ], limit=1)
            UserRole.create([{'user': rep_user.id, 'role': manager.id}])
            self.assertEqual(data_scope(rep_user)[0], 'department_tree')

            Employee.write([rep], {'department': south.id})
            self.assertEqual(data_scope(rep_user)[2], (south.id,))

    @with_transaction()
    def test_domain_of_each_scope(self):
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        User = pool.get('res.user')
        company = create_company()
        with set_company(company):
            _, east, _, _ = create_organisation(company)
            for scope, expected in [
                    ('own', [('employee', 'in', [7])]),
                    ('department', ['OR', ('employee', 'in', [7]),
                            ('department', 'in', [east.id])]),
                    ('company', [('company', '=', company.id)]),
                    ('all', [('id', '!=', None)]),
                    ]:
                User._get_data_scope_cache.clear()
                User._get_data_scope_cache.set(
                    (Transaction().user, company.id,
                        Transaction().context.get('employee')),
                    (scope, (7,), (east.id,)))
                self.assertEqual(Opportunity.data_scope_domain(), expected)

    @with_transaction()
    def test_department_follows_owner(self):
        "The department of a document is its owner's"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            _, east, south, _ = create_organisation(company)
            li, _ = create_user(company, 'li', east)
            wang, _ = create_user(company, 'wang', south)
            nobody, _ = create_user(company, 'nobody', None)
            party, = Party.create([{'name': "客户"}])
            opportunity, = Opportunity.create([{
                        'party': party.id, 'employee': li.id}])
            self.assertEqual(opportunity.department, east)

            Opportunity.write([opportunity], {'employee': wang.id})
            self.assertEqual(opportunity.department, south)

            # An owner without department leaves the team's department
            Opportunity.write([opportunity], {'employee': nobody.id})
            self.assertEqual(opportunity.department, south)
