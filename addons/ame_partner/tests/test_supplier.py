# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model.exceptions import AccessError, DomainValidationError
from trytond.modules.ame_base.tests.tools import (
    AmeTestCase, rolled_back, today)
from trytond.modules.ame_crm.tests.tools import create_contact
from trytond.modules.ame_partner.exceptions import SupplierSuspendedError
from trytond.modules.ame_partner.tests.tools import (
    MODULE_EXTRAS, create_goods, create_supplier, create_supplier_price)
from trytond.modules.ame_permission.tests.tools import as_user, create_user
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction

DAY = dt.timedelta(days=1)


class SupplierTestCase(AmeTestCase):
    "Suppliers (供应商资料), their contacts and prices (供应商价格)"
    module = 'ame_partner'
    extras = MODULE_EXTRAS

    @with_transaction()
    def test_supplier(self):
        "A new supplier is on trial; its persons are contacts"
        pool = Pool()
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            supplier, = Party.create([{
                        'name': "常州恒力轴承有限公司", 'is_supplier': True}])
            self.assertEqual(supplier.supplier_qualification, 'trial')
            contact = create_contact(supplier, "赵敏", title="销售经理",
                mobile="13912345678")
            self.assertEqual(
                [m.value for m in Party(supplier.id).contact_mechanisms],
                ["13912345678"])
            self.assertEqual(contact.party, supplier)
            self.assertEqual(Party.search([
                        ('is_supplier', '=', True)]), [supplier])

    @with_transaction()
    def test_contact_of_other_party(self):
        "A party neither customer, supplier nor carrier has no contacts"
        pool = Pool()
        Party = pool.get('party.party')
        Contact = pool.get('ame.customer.contact')
        company = create_company()
        with set_company(company):
            party, = Party.create([{'name': "某某个人"}])
            with self.assertRaises(DomainValidationError), rolled_back():
                create_contact(party, "钱进")
            self.assertEqual(Contact.search([]), [])

    def purchase(self, supplier, product, quantity, date=None):
        "A draft purchase line of quantity product to supplier at date"
        pool = Pool()
        Purchase = pool.get('purchase.purchase')
        Line = pool.get('purchase.line')
        purchase = Purchase(party=supplier, purchase_date=date)
        purchase.on_change_party()
        line = Line(purchase=purchase, product=product, quantity=quantity)
        line.on_change_product()
        return purchase, line

    @with_transaction()
    def test_price_breaks_and_dates(self):
        "The purchase line takes the break of its quantity valid at its date"
        company = create_company()
        with set_company(company):
            supplier = create_supplier("常州恒力轴承有限公司")
            bearing = create_goods("主轴轴承 7014", 1500)
            create_supplier_price(bearing, supplier, [
                    (0, 1200, None, None),
                    (10, 1100, None, None),
                    (50, 1000, None, None),
                    # A promotion of the year's first half, for 10 and more
                    (10, 1050, dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
                    ], company)

            for quantity, date, price in [
                    (5, dt.date(2026, 3, 1), 1200),
                    (10, dt.date(2026, 3, 1), 1050),
                    (20, dt.date(2026, 6, 30), 1050),
                    (20, dt.date(2026, 7, 1), 1100),
                    (60, dt.date(2026, 3, 1), 1000),
                    ]:
                with self.subTest(quantity=quantity, date=date):
                    _, line = self.purchase(supplier, bearing, quantity, date)
                    self.assertEqual(line.unit_price, Decimal(price))

    @with_transaction()
    def test_expired_price(self):
        "An expired price does not apply: the line keeps no price"
        company = create_company()
        with set_company(company):
            supplier = create_supplier("常州恒力轴承有限公司")
            bearing = create_goods("主轴轴承 7014", 1500)
            create_supplier_price(bearing, supplier, [
                    (0, 1200, today() - 30 * DAY, today() - DAY),
                    ], company)
            _, line = self.purchase(supplier, bearing, 5)
            self.assertIsNone(line.unit_price)
            _, line = self.purchase(supplier, bearing, 5, today() - 2 * DAY)
            self.assertEqual(line.unit_price, Decimal(1200))

    @with_transaction()
    def test_price_history(self):
        "Each change of a supplier price is logged with its old price"
        pool = Pool()
        Price = pool.get('purchase.product_supplier.price')
        History = pool.get('purchase.product_supplier.price.history')
        company = create_company()
        with set_company(company):
            supplier = create_supplier("常州恒力轴承有限公司")
            bearing = create_goods("主轴轴承 7014", 1500)
            product_supplier = create_supplier_price(
                bearing, supplier, [(0, 1200, None, None)], company)
            price, = product_supplier.prices
            Price.write([price], {'unit_price': Decimal(1150)})
            Price.write([price], {'sequence': 3})  # not a price change
            Price.delete([price])

            history = History.search([], order=[('id', 'ASC')])
            self.assertEqual(
                [(h.action, h.quantity, h.old_unit_price, h.unit_price,
                        h.user.id, h.product_supplier, h.party, h.template)
                    for h in history],
                [('created', 0, None, Decimal(1200), Transaction().user,
                        product_supplier, supplier, bearing.template),
                    ('modified', 0, Decimal(1200), Decimal(1150),
                        Transaction().user, product_supplier, supplier,
                        bearing.template),
                    ('deleted', 0, Decimal(1150), None, Transaction().user,
                        product_supplier, supplier, bearing.template)])

            # The log outlives the supplier price
            product_supplier.delete([product_supplier])
            self.assertEqual(
                [h.product_supplier for h in History.search([])],
                [None] * 3)

    @with_transaction()
    def test_suspended_supplier(self):
        "A purchase to a suspended supplier is neither quoted nor confirmed"
        pool = Pool()
        Purchase = pool.get('purchase.purchase')
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            supplier = create_supplier(
                "无锡鑫达铸造厂", qualification='suspended', rating='d',
                class_='outsourcing')
            purchase, = Purchase.create([{
                        'party': supplier.id,
                        'invoice_address': supplier.addresses[0].id,
                        'lines': [('create', [{
                                        'type': 'line',
                                        'description': "床身铸件",
                                        'quantity': 2,
                                        'unit_price': Decimal(8000),
                                        }])],
                        }])
            with self.assertRaises(SupplierSuspendedError) as cm, \
                    rolled_back():
                Purchase.quote([purchase])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_partner.msg_purchase_supplier_suspended',
                    purchase=purchase.rec_name, supplier=supplier.rec_name))
            self.assertEqual(Purchase(purchase.id).state, 'draft')

            # Qualified again, it is quoted; suspended, it is not confirmed
            Party.write([supplier], {'supplier_qualification': 'qualified'})
            Purchase.quote([purchase])
            Party.write([supplier], {'supplier_qualification': 'suspended'})
            with self.assertRaises(SupplierSuspendedError), rolled_back():
                Purchase.confirm([purchase])
            self.assertEqual(Purchase(purchase.id).state, 'quotation')

    @with_transaction()
    def test_access(self):
        """The purchasing users (finance here) keep suppliers, their
        contacts and prices; the sales reps read them"""
        pool = Pool()
        Party = pool.get('party.party')
        Contact = pool.get('ame.customer.contact')
        ProductSupplier = pool.get('purchase.product_supplier')
        company = create_company()
        with set_company(company):
            _, finance = create_user(company, 'zhou', roles=['role_finance'])
            _, rep = create_user(company, 'chen', roles=['role_sales_rep'])
            bearing = create_goods("主轴轴承 7014", 1500)
            with as_user(finance):
                supplier = create_supplier("常州恒力轴承有限公司")
                contact = create_contact(supplier, "赵敏")
                Party.write([supplier], {'supplier_rating': 'b'})
                product_supplier = create_supplier_price(
                    bearing, supplier, [(0, 1200, None, None)], company)
            with as_user(rep):
                self.assertEqual(Party(supplier.id).supplier_rating, 'b')
                self.assertEqual(Contact(contact.id).name, "赵敏")
                self.assertEqual(
                    ProductSupplier(product_supplier.id).prices[0].unit_price,
                    Decimal(1200))
                with self.assertRaises(AccessError), rolled_back():
                    create_supplier_price(
                        bearing, supplier, [(0, 1000, None, None)], company)

    @with_transaction()
    def test_supplier_fields_kept_by_purchasing(self):
        """A rep who may write parties (his customers) neither unsuspends a
        supplier nor makes a party a supplier; the purchasing users do"""
        pool = Pool()
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            _, finance = create_user(company, 'zhou', roles=['role_finance'])
            _, rep = create_user(company, 'chen', roles=['role_sales_rep'])
            with as_user(finance):
                supplier = create_supplier("常州恒力轴承有限公司")
                Party.write([supplier], {
                        'supplier_qualification': 'suspended'})
            with as_user(rep):
                for values in [
                        {'supplier_qualification': 'qualified'},
                        {'supplier_rating': 'd'},
                        {'is_supplier': False}]:
                    with self.assertRaises(AccessError) as cm, \
                            rolled_back():
                        Party.write([Party(supplier.id)], values)
                    self.assertEqual(cm.exception.message, gettext(
                            'ame_partner.msg_supplier_fields',
                            party=supplier.rec_name))
                with self.assertRaises(AccessError), rolled_back():
                    Party.create([{'name': "某贸易公司",
                                'is_supplier': True}])
                # The unchanged values a client sends back pass
                Party.write([Party(supplier.id)], {
                        'supplier_qualification': 'suspended'})
            self.assertEqual(
                Party(supplier.id).supplier_qualification, 'suspended')
