# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_crm.tests.tools import (
    create_customer, create_sales_team, credit_code)
from trytond.modules.ame_permission.tests.tools import (
    as_user, create_user, run_handover)
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction


class SalesTeamMixin:
    "The modules of ame_crm's tests and the sales team as attributes"
    module = 'ame_crm'
    # The modules of every test of ame_crm
    extras = ['ame_product', 'sale_opportunity', 'purchase']

    def setup_organisation(self, company):
        for name, value in create_sales_team(company).items():
            setattr(self, name, value)

    @contextmanager
    def sales_team(self):
        "A new company, the context's, with its sales team as attributes"
        company = create_company()
        with set_company(company):
            self.setup_organisation(company)
            yield company


class CustomerTestCase(SalesTeamMixin, AmeTestCase):
    "Customers: code, classes, credit code, status and duplicates"

    def assert_duplicate(self, values, existing, reason):
        "Creating values is refused as a duplicate of existing for reason"
        pool = Pool()
        Party = pool.get('party.party')
        count = Party.search([], count=True)
        with self.assertRaises(ValidationError) as cm, rolled_back():
            Party.create([values])
        self.assertEqual(cm.exception.message, gettext(
                'ame_crm.msg_party_duplicate_owner',
                party=values['name'], code=existing.customer_number,
                owner=existing.owner.rec_name,
                reason=gettext(f'ame_crm.msg_party_duplicate_{reason}')))
        self.assertEqual(Party.search([], count=True), count)

    @with_transaction()
    def test_customer_number(self):
        "A customer has its code from the rule; other parties have none"
        pool = Pool()
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            first = create_customer("苏州精密机械有限公司")
            second = create_customer("无锡重型机床厂")
            supplier, = Party.create([{'name': "无锡主轴电机厂"}])

            # KH and 6 digits, consecutive (on PostgreSQL the rule that
            # never restarts is a database sequence: the rolled-back
            # tests before used numbers)
            number = int(first.customer_number.removeprefix('KH-'))
            self.assertRegex(first.customer_number, r'^KH-\d{6}$')
            self.assertEqual(second.customer_number, f'KH-{number + 1:06d}')
            self.assertIsNone(supplier.customer_number)
            self.assertEqual(first.rec_name,
                f"[{first.customer_number}] 苏州精密机械有限公司")
            self.assertEqual(Party.search([
                        ('rec_name', 'ilike', second.customer_number)]),
                [second])

            # The supplier becomes a customer: it gets the next code
            Party.write([supplier], {'is_customer': True})
            self.assertEqual(supplier.customer_number, f'KH-{number + 2:06d}')
            # A copy is a new customer, with its own code
            copy, = Party.copy([first], default={'name': "苏州精密二厂"})
            self.assertEqual(copy.customer_number, f'KH-{number + 3:06d}')

    @with_transaction()
    def test_customer_number_not_written(self):
        "No client writes or sends the customer code"
        pool = Pool()
        Party = pool.get('party.party')
        with self.sales_team():
            customer = create_customer("苏州精密机械有限公司", self.chen)
            with as_user(self.chen_user):
                with self.assertRaises(AccessError), rolled_back():
                    Party.write([Party(customer.id)],
                        {'customer_number': 'KH-999999'})
                with self.assertRaises(AccessError), rolled_back():
                    Party.create([{'name': "常州机床厂", 'is_customer': True,
                                'customer_number': 'KH-999999'}])
            self.assertEqual(
                Party(customer.id).customer_number, customer.customer_number)

    @with_transaction()
    def test_classes(self):
        "Classes along several dictionary dimensions at once"
        pool = Pool()
        Value = pool.get('ame.dictionary.value')
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            category = {c: Value.search([('category.code', '=', c)])
                for c in ['customer_grade', 'enterprise_nature',
                    'enterprise_size']}
            private, = [v for v in category['enterprise_nature']
                if v.code == 'private']
            large, = [v for v in category['enterprise_size']
                if v.code == 'large']
            customer = create_customer("苏州精密机械有限公司",
                enterprise_nature=private.id, enterprise_size=large.id)
            self.assertEqual(
                Party.search([('enterprise_nature.code', '=', 'private'),
                        ('enterprise_size.code', '=', 'large')]),
                [customer])
            # A value of another dimension is refused
            with self.assertRaises(UserError), rolled_back():
                Party.write([customer], {'enterprise_nature': large.id})

    @with_transaction()
    def test_credit_code(self):
        "The credit code is checked with the foundation's checker"
        pool = Pool()
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            code = credit_code()
            customer = create_customer(
                "苏州精密机械有限公司", credit_code=code.lower())
            self.assertEqual(customer.credit_code, code)
            wrong = code[:17] + ('0' if code[17] != '0' else '1')
            with self.assertRaises(ValidationError) as cm, rolled_back():
                Party.write([customer], {'credit_code': wrong})
            self.assertEqual(cm.exception.message, gettext(
                    'ame_crm.msg_party_credit_code_invalid',
                    party=customer.rec_name, code=wrong))
            self.assertEqual(Party(customer.id).credit_code, code)

    @with_transaction()
    def test_duplicate_name(self):
        "The same name, however written, is refused naming code and owner"
        pool = Pool()
        Party = pool.get('party.party')
        with self.sales_team():
            existing = create_customer("苏州精密机械有限公司", self.chen)
            for name in ["苏州精密机械有限责任公司",
                    "苏州 精密机械（集团）有限公司",
                    "苏州精密机械股份有限公司"]:
                self.assert_duplicate(
                    {'name': name, 'is_customer': True}, existing, 'name')
            # Another city is another company; a supplier is no customer
            other = create_customer("无锡精密机械有限公司", self.wang)
            Party.create([{'name': "苏州精密机械有限公司"}])
            # Renaming a customer to an existing one is refused too
            with self.assertRaises(ValidationError), rolled_back():
                Party.write([other], {'name': "苏州精密机械有限责任公司"})
            self.assertEqual(Party(other.id).name, "无锡精密机械有限公司")

    @with_transaction()
    def test_duplicate_credit_code_and_phone(self):
        "The same credit code or mobile is refused"
        pool = Pool()
        Party = pool.get('party.party')
        Mechanism = pool.get('party.contact_mechanism')
        with self.sales_team():
            existing = create_customer("苏州精密机械有限公司", self.chen,
                phone="138 0000 1234", credit_code=credit_code())
            self.assert_duplicate({'name': "苏州精机", 'is_customer': True,
                    'credit_code': credit_code()}, existing, 'credit_code')
            self.assert_duplicate({'name': "苏州精机", 'is_customer': True,
                    'contact_mechanisms': [('create', [{
                                    'type': 'phone',
                                    'value': "+86 13800001234"}])]},
                existing, 'phone')
            # Added later to another customer: refused as well
            other = create_customer("无锡重型机床厂", self.wang)
            with self.assertRaises(ValidationError), rolled_back():
                Mechanism.create([{'party': other.id, 'type': 'mobile',
                            'value': "13800001234"}])
            self.assertEqual(Party(other.id).contact_mechanisms, ())

    @with_transaction()
    def test_duplicate_in_pool(self):
        "A duplicate of a pool customer says to claim it"
        pool = Pool()
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            existing = create_customer("苏州精密机械有限公司")
            with self.assertRaises(ValidationError) as cm, rolled_back():
                Party.create([{'name': "苏州精密机械有限责任公司",
                            'is_customer': True}])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_crm.msg_party_duplicate_pool',
                    party="苏州精密机械有限责任公司",
                    code=existing.customer_number,
                    reason=gettext('ame_crm.msg_party_duplicate_name')))

    @with_transaction()
    def test_status(self):
        "The status follows the opportunities and the sales"
        pool = Pool()
        Party = pool.get('party.party')
        Opportunity = pool.get('sale.opportunity')
        Sale = pool.get('sale.sale')
        with self.sales_team() as company:
            potential, intent, deal, lost = [create_customer(n) for n in [
                    "常州机床厂", "无锡重型机床厂", "苏州精密机械有限公司",
                    "南通船舶配件厂"]]
            for party, state in [(intent, 'opportunity'), (lost, 'lost'),
                    (deal, 'lost')]:
                opportunity, = Opportunity.create([{
                            'party': party.id, 'company': company.id,
                            'employee': self.chen.id,
                            'description': "数控车床",
                            'amount': Decimal(690000)}])
                Opportunity.write([opportunity], {'state': state})
            sale, = Sale.create([{
                        'party': deal.id, 'company': company.id,
                        'invoice_address': deal.addresses[0].id,
                        'sale_date': dt.date.today()}])
            Sale.write([sale], {'state': 'confirmed'})

            self.assertEqual(
                [p.customer_status for p in [potential, intent, deal, lost]],
                ['potential', 'intent', 'deal', 'lost'])
            for status, parties in [('potential', [potential]),
                    ('intent', [intent]), ('deal', [deal]),
                    ('lost', [lost])]:
                self.assertEqual(Party.search([
                            ('customer_status', '=', status),
                            ('is_customer', '=', True)]), parties)
            self.assertEqual(Party.search([
                        ('customer_status', 'in', ['deal', 'lost']),
                        ('is_customer', '=', True)], order=[('id', 'ASC')]),
                [deal, lost])


class CustomerScopeTestCase(SalesTeamMixin, AmeTestCase):
    "The data scope of customers"

    @with_transaction()
    def test_rep_sees_his_customers_and_the_pool(self):
        "A rep sees his customers, the pool and the other parties"
        pool = Pool()
        Party = pool.get('party.party')
        with self.sales_team() as company:
            mine = create_customer("苏州精密机械有限公司", self.chen)
            foreign = create_customer("广州数控设备厂", self.wang)
            pooled = create_customer("常州机床厂")
            supplier, = Party.create([{'name': "无锡主轴电机厂"}])
            with as_user(self.chen_user):
                visible = Party.search([])
                self.assertIn(mine, visible)
                self.assertIn(pooled, visible)
                self.assertIn(supplier, visible)
                # His employee's party and the company's too
                self.assertIn(self.chen.party, visible)
                self.assertIn(company.party, visible)
                self.assertNotIn(foreign, visible)
                self.assertEqual(Party.search(
                        [('name', '=', "广州数控设备厂")], count=True), 0)
                with self.assertRaises(AccessError):
                    Party.read([foreign.id], ['name'])
                with self.assertRaises(AccessError):
                    Party.export_data([Party(foreign.id)], ['name'])
                with self.assertRaises(AccessError), rolled_back():
                    Party.write([Party(foreign.id)], {'name': "x"})
                # Nor its addresses and contact mechanisms
                Address = pool.get('party.address')
                with self.assertRaises(AccessError):
                    Address.read([foreign.addresses[0].id], ['street'])

    @with_transaction()
    def test_manager_sees_his_departments(self):
        "The manager of 销售部 sees the customers of its departments"
        pool = Pool()
        Party = pool.get('party.party')
        with self.sales_team():
            east = create_customer("苏州精密机械有限公司", self.chen)
            south = create_customer("广州数控设备厂", self.wang)
            with as_user(self.li_user):
                self.assertEqual(Party.search([
                            ('is_customer', '=', True)],
                        order=[('id', 'ASC')]), [east, south])

    @with_transaction()
    def test_sale_party_readable(self):
        "The customer of a sale the user may read opens, outside his scope"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Party = pool.get('party.party')
        with self.sales_team() as company:
            customer = create_customer("广州数控设备厂", self.wang)
            sale, = Sale.create([{
                        'party': customer.id, 'company': company.id,
                        'invoice_address': customer.addresses[0].id,
                        'employee': self.chen.id}])
            with as_user(self.chen_user):
                row, = Sale.read([sale.id], ['party.rec_name'])
                self.assertEqual(row['party.']['rec_name'],
                    f"[{customer.customer_number}] 广州数控设备厂")
                self.assertEqual(Party.search([
                            ('is_customer', '=', True)]), [customer])

    @with_transaction()
    def test_others_read_only(self):
        "A warehouse keeper reads every customer and changes none"
        pool = Pool()
        Party = pool.get('party.party')
        with self.sales_team() as company:
            customer = create_customer("苏州精密机械有限公司", self.chen)
            _, keeper = create_user(
                company, 'zheng', None, ['role_warehouse_keeper'])
            with as_user(keeper):
                self.assertEqual(
                    Party.read([customer.id], ['name'])[0]['name'],
                    "苏州精密机械有限公司")
                with self.assertRaises(AccessError), rolled_back():
                    Party.write([Party(customer.id)], {'name': "x"})
                with self.assertRaises(AccessError), rolled_back():
                    Party.create([{'name': "常州机床厂"}])
            self.assertEqual(Party(customer.id).name, "苏州精密机械有限公司")

    @with_transaction()
    def test_owner_outside_scope(self):
        "A rep gives no customer to another department's rep"
        pool = Pool()
        Party = pool.get('party.party')
        with self.sales_team():
            mine = create_customer("苏州精密机械有限公司", self.chen)
            with as_user(self.chen_user, is_customer=True):
                with self.assertRaises(AccessError), rolled_back():
                    Party.write([Party(mine.id)], {'owner': self.wang.id})
                with self.assertRaises(AccessError), rolled_back():
                    Party.create([{'name': "常州机床厂", 'is_customer': True,
                                'owner': self.wang.id}])
                # His own customer, created with him as owner
                new, = Party.create([{'name': "常州机床厂"}])
                self.assertEqual(new.owner, self.chen)
                self.assertEqual(new.owner_department, self.chen.department)
                self.assertTrue(new.is_customer)
            self.assertEqual(Party(mine.id).owner, self.chen)

    @with_transaction()
    def test_handover(self):
        "The manager hands a rep's customers over; the pool stays"
        pool = Pool()
        Party = pool.get('party.party')
        with self.sales_team():
            customer = create_customer("苏州精密机械有限公司", self.chen)
            pooled = create_customer("常州机床厂")
            run_handover(self.li_user, {
                    'from_employee': self.chen.id,
                    'to_employee': self.wang.id,
                    'models': ['party.party'], 'selected': 0})
            customer = Party(customer.id)
            self.assertEqual(customer.owner, self.wang)
            self.assertEqual(customer.owner_department, self.wang.department)
            self.assertIsNone(Party(pooled.id).owner)
            # 陈静 no longer sees it, 王磊 does
            with as_user(self.chen_user):
                self.assertEqual(Party.search([
                            ('is_customer', '=', True)]), [pooled])
            with as_user(self.wang_user):
                self.assertIn(customer, Party.search([]))

    @with_transaction()
    def test_sales_region(self):
        "Customers are found by the sales region of their address"
        pool = Pool()
        Party = pool.get('party.party')
        Region = pool.get('ame.sales.region')
        Subdivision = pool.get('country.subdivision')
        Country = pool.get('country.country')
        company = create_company()
        with set_company(company):
            china, = Country.create([{'name': "中国", 'code': 'CN'}])
            jiangsu, = Subdivision.create([{'name': "江苏省",
                        'code': 'CN-32', 'type': 'province',
                        'country': china.id}])
            suzhou, = Subdivision.create([{'name': "苏州市",
                        'code': 'CN-3205', 'type': 'city',
                        'country': china.id, 'parent': jiangsu.id}])
            east, = Region.create([{'name': "华东区", 'code': 'E',
                        'subdivisions': [('add', [jiangsu.id])]}])
            customer = create_customer("苏州精密机械有限公司",
                addresses=[('create', [{'subdivision': suzhou.id,
                                'country': china.id}])])
            create_customer("常州机床厂")

            self.assertEqual(customer.sales_region, east)
            self.assertEqual(customer.province, jiangsu)
            self.assertEqual(customer.city, suzhou)
            for clause in [('sales_region', '=', east.id),
                    ('sales_region', 'ilike', "%华东%"),
                    ('sales_region', 'child_of', [east.id])]:
                self.assertEqual(Party.search([clause,
                            ('is_customer', '=', True)]), [customer])
