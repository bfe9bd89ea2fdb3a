# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model.exceptions import AccessError
from trytond.modules.ame_permission.data_scope import (
    data_scope_context, data_scope_models)
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_organisation.tests.tools import create_departments
from trytond.modules.ame_permission.tests.tools import (
    as_user, create_purchase, create_sale, create_user, run_handover)
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction


def data_scope(user):
    with as_user(user):
        context = data_scope_context()
    return (context['data_scope'], context['employees'],
        context['data_scope_departments'])


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
            sales, east, south, suzhou = create_departments(company).values()
            no_role, no_role_user = create_user(company, 'a', east)
            rep, rep_user = create_user(
                company, 'b', east, ['role_sales_rep'])
            two, two_user = create_user(company, 'c', east,
                ['role_sales_rep', 'role_application_engineer'])
            tree, tree_user = create_user(
                company, 'd', sales, ['role_sales_manager'])
            future, future_user = create_user(
                company, 'e', east, ['role_general_manager'],
                role_from_date=dt.datetime.now() + dt.timedelta(days=30))

            self.assertEqual(
                data_scope(no_role_user), ('own', [no_role.id], []))
            self.assertEqual(data_scope(rep_user), ('own', [rep.id], []))
            self.assertEqual(
                data_scope(two_user), ('department', [two.id], [east.id]))
            self.assertEqual(data_scope(future_user)[0], 'own')
            scope, _, departments = data_scope(tree_user)
            self.assertEqual(scope, 'department_tree')
            # Inactive sub-departments keep their records visible
            self.assertEqual(
                set(departments), {sales.id, east.id, south.id, suzhou.id})

    @with_transaction()
    def test_administrators_see_all(self):
        pool = Pool()
        User = pool.get('res.user')
        company = create_company()
        with set_company(company):
            self.assertEqual(
                data_scope(User(Transaction().user))[0], 'all')

    @with_transaction()
    def test_scope_follows_changes(self):
        "A new role or a new department applies at once to the records"
        pool = Pool()
        UserRole = pool.get('res.user.role')
        Employee = pool.get('company.employee')
        Sale = pool.get('sale.sale')
        ModelData = pool.get('ir.model.data')
        company = create_company()
        with set_company(company):
            sales, east, south, _ = create_departments(company).values()
            rep, rep_user = create_user(
                company, 'b', east, ['role_sales_rep'])
            colleague, _ = create_user(company, 'c', east)
            other, _ = create_user(company, 'd', south)
            east_sale = create_sale(company, colleague)
            south_sale = create_sale(company, other)
            with as_user(rep_user):
                self.assertEqual(Sale.search([]), [])

            UserRole.create([{'user': rep_user.id,
                        'role': ModelData.get_id(
                            'ame_permission', 'role_application_engineer')}])
            with as_user(rep_user):
                self.assertEqual(Sale.search([]), [east_sale])

            Employee.write([rep], {'department': south.id})
            with as_user(rep_user):
                self.assertEqual(Sale.search([]), [south_sale])

    @with_transaction()
    def test_department_tree(self):
        "本部门及下级 sees the sub-departments, not a sibling or the parent"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            sales, east, south, suzhou = create_departments(company).values()
            _, manager = create_user(
                company, 'zhang', east, ['role_sales_manager'])
            li, _ = create_user(company, 'li', east)
            zhou, _ = create_user(company, 'zhou', suzhou)
            wang, _ = create_user(company, 'wang', south)
            sun, _ = create_user(company, 'sun', sales)
            east_sale = create_sale(company, li)
            suzhou_sale = create_sale(company, zhou)
            south_sale = create_sale(company, wang)
            sales_sale = create_sale(company, sun)

            with as_user(manager):
                self.assertEqual(
                    set(Sale.search([])), {east_sale, suzhou_sale})
                Sale.write([Sale(suzhou_sale.id)], {'description': "跟进"})
                for sale in [south_sale, sales_sale]:
                    with self.assertRaises(AccessError):
                        Sale.read([sale.id], ['description'])
                    with self.assertRaises(AccessError), rolled_back():
                        Sale.write([Sale(sale.id)], {'description': "抢单"})
                    with self.assertRaises(AccessError), rolled_back():
                        Sale.delete([Sale(sale.id)])
            self.assertEqual(
                [s.description for s in Sale.browse([
                            suzhou_sale, south_sale, sales_sale])],
                ["跟进", None, None])
            self.assertEqual(Sale.search([], count=True), 4)

    @with_transaction()
    def test_purchase_scope(self):
        """A buyer sees his purchases, 本部门 his department's; neither reads
        nor writes another department's, and a sales rep none"""
        pool = Pool()
        Purchase = pool.get('purchase.purchase')
        Role = pool.get('res.role')
        UserRole = pool.get('res.user.role')
        ModelData = pool.get('ir.model.data')
        company = create_company()
        with set_company(company):
            _, east, south, _ = create_departments(company).values()
            buyers = ['purchase.group_purchase']
            li, li_user = create_user(company, 'li', east, groups=buyers)
            # Roles give the groups: a 本部门 buyer needs a role of his own
            buyer, = Role.create([{'name': "采购主管",
                        'data_scope': 'department',
                        'groups': [('add', [ModelData.get_id(
                                            'purchase', 'group_purchase')])],
                        }])
            _, chen_user = create_user(company, 'chen', east)
            UserRole.create([{'user': chen_user.id, 'role': buyer.id}])
            zhao, _ = create_user(company, 'zhao', east)
            wang, _ = create_user(company, 'wang', south, groups=buyers)
            _, rep_user = create_user(
                company, 'rep', east, ['role_sales_rep'])
            li_purchase = create_purchase(company, li)
            zhao_purchase = create_purchase(company, zhao)
            wang_purchase = create_purchase(company, wang)

            for user, visible in [
                    (li_user, {li_purchase}),
                    (chen_user, {li_purchase, zhao_purchase})]:
                with self.subTest(user=user.login), as_user(user):
                    self.assertEqual(set(Purchase.search([])), visible)
                    with self.assertRaises(AccessError):
                        Purchase.read([wang_purchase.id], ['description'])
                    with self.assertRaises(AccessError), rolled_back():
                        Purchase.write([Purchase(wang_purchase.id)],
                            {'description': "抢单"})
                    # Nor move his own to the other department
                    with self.assertRaises(AccessError), rolled_back():
                        Purchase.write([Purchase(li_purchase.id)],
                            {'employee': wang.id})
            with as_user(rep_user):
                with self.assertRaises(AccessError):
                    Purchase.search([])
                with self.assertRaises(AccessError), rolled_back():
                    Purchase.write([Purchase(li_purchase.id)],
                        {'description': "抢单"})
            self.assertEqual(
                [(p.employee, p.description) for p in Purchase.browse([
                            li_purchase, wang_purchase])],
                [(li, None), (wang, None)])

    @with_transaction()
    def test_department_follows_owner(self):
        "The department of a document is its owner's"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            _, east, south, _ = create_departments(company).values()
            li, _ = create_user(company, 'li', east)
            wang, _ = create_user(company, 'wang', south)
            nobody, _ = create_user(company, 'nobody', None)
            party, = Party.create([{'name': "客户"}])
            opportunity, = Opportunity.create([{
                        'party': party.id, 'employee': li.id,
                        'department': south.id}])
            self.assertEqual(opportunity.department, east)

            Opportunity.write([opportunity], {'employee': wang.id})
            self.assertEqual(opportunity.department, south)

            # An owner without department leaves the team's department
            Opportunity.write([opportunity], {
                    'employee': nobody.id, 'department': east.id})
            self.assertEqual(opportunity.department, south)
            # and gives none to a new document
            other, = Opportunity.create([{'party': party.id,
                        'employee': nobody.id, 'department': east.id}])
            self.assertEqual(other.department, None)

    @with_transaction()
    def test_forged_employee_preference(self):
        "A sales rep cannot make himself another employee"
        pool = Pool()
        User = pool.get('res.user')
        Sale = pool.get('sale.sale')
        ModelData = pool.get('ir.model.data')
        company = create_company()
        with set_company(company):
            _, east, south, _ = create_departments(company).values()
            li, li_user = create_user(
                company, 'li', east, ['role_sales_rep'])
            wang, _ = create_user(company, 'wang', south)
            wang_sale = create_sale(company, wang)

            with as_user(li_user, check_access=False):
                with self.assertRaises(AccessError) as cm, rolled_back():
                    User.set_preferences({'employee': wang.id})
            self.assertEqual(cm.exception.message, gettext(
                    'ame_permission.msg_user_employee_not_own', user='li'))
            self.assertEqual(User(li_user.id).employee, li)

            # Nor give himself a role
            with as_user(li_user, check_access=False):
                User.set_preferences({'roles': [('create', [{
                                    'role': ModelData.get_id(
                                        'ame_permission', 'role_system_admin'),
                                    }])]})
            self.assertEqual(data_scope(li_user), ('own', [li.id], []))

            # The context the client sends does not widen the scope
            with as_user(li_user, employee=wang.id):
                self.assertEqual(Sale.search([]), [])
                with self.assertRaises(AccessError):
                    Sale.read([wang_sale.id], ['employee'])
                with self.assertRaises(AccessError), rolled_back():
                    Sale.write([Sale(wang_sale.id)], {'description': "抢单"})
                # Nor does the default owner it gives
                with self.assertRaises(AccessError), rolled_back():
                    Sale.create([{'party': wang_sale.party.id}])
            self.assertEqual(Sale.search([], count=True), 1)

    @with_transaction()
    def test_department_write(self):
        "The department of a document is not written apart from its owner"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            _, east, south, _ = create_departments(company).values()
            li, li_user = create_user(
                company, 'li', east, ['role_sales_rep'])
            sale = create_sale(company, li)

            with as_user(li_user):
                with self.assertRaises(AccessError) as cm, rolled_back():
                    Sale.write([Sale(sale.id)], {'department': south.id})
            self.assertEqual(cm.exception.message, gettext(
                    'ame_permission.msg_data_scope_department',
                    record=sale.rec_name))
            self.assertEqual(Sale(sale.id).department, east)

    @with_transaction()
    def test_owner_write_out_of_scope(self):
        "本部门 cannot push a department sale to another department"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            _, east, south, _ = create_departments(company).values()
            chen, chen_user = create_user(
                company, 'chen', east, ['role_application_engineer'])
            li, _ = create_user(company, 'li', east)
            zhao, _ = create_user(company, 'zhao', east)
            wang, _ = create_user(company, 'wang', south)
            sale = create_sale(company, li)

            with as_user(chen_user):
                with self.assertRaises(AccessError) as cm, rolled_back():
                    Sale.write([Sale(sale.id)], {'employee': wang.id})
                self.assertEqual(cm.exception.message, gettext(
                        'ame_permission.msg_data_scope_owner',
                        employee='wang'))
                # Within his department he may
                Sale.write([Sale(sale.id)], {'employee': zhao.id})
            sale = Sale(sale.id)
            self.assertEqual((sale.employee, sale.department), (zhao, east))

    @with_transaction()
    def test_create_out_of_scope(self):
        "Nobody creates a document outside his data scope"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            _, east, south, _ = create_departments(company).values()
            chen, chen_user = create_user(
                company, 'chen', east, ['role_application_engineer'])
            li, _ = create_user(company, 'li', east)
            wang, _ = create_user(company, 'wang', south)
            party, = Party.create([{'name': "客户"}])

            with as_user(chen_user):
                for values in [
                        {'employee': wang.id},
                        # The department follows the owner
                        {'employee': wang.id, 'department': east.id},
                        # An unassigned document of another department
                        {'employee': None, 'department': south.id},
                        ]:
                    with self.assertRaises(AccessError), rolled_back():
                        Sale.create([{'party': party.id, **values}])
                sale, = Sale.create([{'party': party.id, 'employee': li.id}])
            self.assertEqual(Sale.search([], count=True), 1)
            self.assertEqual(sale.department, east)

    @with_transaction()
    def test_history_revisions(self):
        "The revisions of a foreign opportunity are refused"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            _, east, south, _ = create_departments(company).values()
            li, li_user = create_user(
                company, 'li', east, ['role_sales_rep'])
            wang, _ = create_user(company, 'wang', south)
            party, = Party.create([{'name': "客户"}])
            mine, foreign = Opportunity.create([
                    {'party': party.id, 'employee': li.id},
                    {'party': party.id, 'employee': wang.id},
                    ])

            with as_user(li_user):
                self.assertEqual(
                    len(Opportunity.history_revisions([mine.id])), 1)
                with self.assertRaises(AccessError):
                    Opportunity.history_revisions([foreign.id])
                with self.assertRaises(AccessError):
                    Opportunity.history_revisions([mine.id, foreign.id])

    @with_transaction()
    def test_history_models(self):
        "The adopting models with a history are the opportunities"
        pool = Pool()
        self.assertEqual(
            [n for n in data_scope_models() if pool.get(n)._history],
            ['sale.opportunity'])

    @with_transaction()
    def test_search_no_recursion(self):
        "The rule's fields can be searched in every way"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            _, east, south, _ = create_departments(company).values()
            li, li_user = create_user(
                company, 'li', east, ['role_sales_rep'])
            sale = create_sale(company, li)
            with as_user(li_user):
                self.assertEqual(Sale.search([
                            ('department', '!=', south.id)]), [sale])
                self.assertEqual(Sale.search([
                            ('employee', 'not in', [li.id])]), [])

    @with_transaction()
    def test_notes_and_attachments(self):
        "The owner and the administrator add notes and attachments"
        pool = Pool()
        Note = pool.get('ir.note')
        Attachment = pool.get('ir.attachment')
        User = pool.get('res.user')
        company = create_company()
        with set_company(company):
            _, east, south, _ = create_departments(company).values()
            li, li_user = create_user(
                company, 'li', east, ['role_sales_rep'])
            wang, wang_user = create_user(
                company, 'wang', south, ['role_sales_rep'])
            sale = create_sale(company, li)
            admin = User(Transaction().user)

            for user in [li_user, admin]:
                with as_user(user):
                    Note.create([{'resource': str(sale), 'message': "回访"}])
                    Attachment.create([{'resource': str(sale),
                                'name': "报价.pdf", 'data': b'%PDF'}])
            with as_user(li_user):
                self.assertEqual(
                    len(Note.search([('resource', '=', str(sale))])), 2)
                self.assertEqual(len(Attachment.search([
                                ('resource', '=', str(sale))])), 2)
            notes = [n.id for n in Note.search([])]
            attachments = [a.id for a in Attachment.search([])]
            with as_user(wang_user):
                self.assertEqual(
                    Note.search([('resource', '=', str(sale))]), [])
                self.assertEqual(
                    Attachment.search([('resource', '=', str(sale))]), [])
                with self.assertRaises(AccessError):
                    Note.read(notes, ['message'])
                with self.assertRaises(AccessError):
                    Attachment.read(attachments, ['name'])
                with self.assertRaises(AccessError), rolled_back():
                    Note.create([{'resource': str(sale), 'message': "x"}])
                with self.assertRaises(AccessError), rolled_back():
                    Attachment.create([{'resource': str(sale),
                                'name': "x.pdf", 'data': b'x'}])
            self.assertEqual(Note.search([], count=True), 2)
            self.assertEqual(Attachment.search([], count=True), 2)


class HandoverTestCase(AmeTestCase):
    "The business handover applies the user's access and data scope"
    module = 'ame_permission'
    extras = ['sale_opportunity', 'purchase']

    def setup_organisation(self, company):
        sales, east, south, _ = create_departments(company).values()
        # The manager of 华东 (本部门及下级) and employees of both
        self.zhang, self.zhang_user = create_user(
            company, 'zhang', east, ['role_sales_manager'])
        self.li, _ = create_user(company, 'li', east)
        self.zhao, _ = create_user(company, 'zhao', east)
        self.wang, _ = create_user(company, 'wang', south)
        self.east, self.south = east, south

    def assert_refused(self, data, message, records=None):
        pool = Pool()
        Log = pool.get('ame.handover.log')
        with self.assertRaises(UserError) as cm, rolled_back():
            run_handover(self.zhang_user, data, records=records)
        self.assertEqual(cm.exception.message, message)
        self.assertEqual(Log.search([], count=True), 0)

    @with_transaction()
    def test_handover_in_scope(self):
        "The manager hands his department's sale over within it"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            self.setup_organisation(company)
            sale = create_sale(company, self.li)
            run_handover(self.zhang_user, {
                    'from_employee': self.li.id, 'to_employee': self.zhao.id,
                    'models': ['sale.sale'], 'selected': 0})
            self.assertEqual(Sale(sale.id).employee, self.zhao)

    @with_transaction()
    def test_handover_foreign_department(self):
        "Another department's sale is not handed over"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            self.setup_organisation(company)
            sale = create_sale(company, self.wang)
            self.assert_refused({
                    'from_employee': self.wang.id,
                    'to_employee': self.zhang.id,
                    'models': ['sale.sale'], 'selected': 0},
                gettext('ame_permission.msg_handover_nothing'))
            # Selected from a list: not even readable
            with self.assertRaises(AccessError), rolled_back():
                run_handover(self.zhang_user, {
                        'to_employee': self.zhang.id, 'selected': 1},
                    records=[sale])
            self.assertEqual(Sale(sale.id).employee, self.wang)

    @with_transaction()
    def test_handover_purchase_without_access(self):
        "The manager has no access to purchases: none is handed over"
        pool = Pool()
        Purchase = pool.get('purchase.purchase')
        company = create_company()
        with set_company(company):
            self.setup_organisation(company)
            purchase = create_purchase(company, self.li)
            with self.assertRaises(AccessError), rolled_back():
                run_handover(self.zhang_user, {
                        'from_employee': self.li.id,
                        'to_employee': self.zhao.id,
                        'models': ['purchase.purchase'], 'selected': 0})
            # All documents: the purchases are not among them
            self.assert_refused({
                    'from_employee': self.li.id, 'to_employee': self.zhao.id,
                    'models': [], 'selected': 0},
                gettext('ame_permission.msg_handover_nothing'))
            self.assertEqual(Purchase(purchase.id).employee, self.li)

    @with_transaction()
    def test_handover_target_out_of_scope(self):
        "The target must be in the user's data scope"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            self.setup_organisation(company)
            sale = create_sale(company, self.li)
            self.assert_refused({
                    'from_employee': self.li.id, 'to_employee': self.wang.id,
                    'models': ['sale.sale'], 'selected': 0},
                gettext('ame_permission.msg_handover_target', employee='wang'))
            self.assert_refused({
                    'to_employee': self.wang.id, 'selected': 1},
                gettext('ame_permission.msg_handover_target', employee='wang'),
                records=[sale])
            self.assertEqual(Sale(sale.id).employee, self.li)
