# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal

from trytond.model.exceptions import AccessError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_crm.tests.tools import (
    create_contact, create_subdivisions)
from trytond.modules.ame_partner.tests.tools import (
    MODULE_EXTRAS, create_carrier)
from trytond.modules.ame_organisation.tests.tools import create_employee
from trytond.modules.ame_permission.tests.tools import (
    as_user, create_sale, create_user)
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction

DATE = dt.date(2026, 12, 1)


class CarrierTestCase(AmeTestCase):
    "Carriers (运输商资料) and their rates (运输商价格)"
    module = 'ame_partner'
    extras = MODULE_EXTRAS

    def carriers(self, company):
        "Two carriers with rates to 江苏省, 苏州市 and anywhere"
        places = create_subdivisions()
        self.places = places
        jiangsu, suzhou = places["江苏省"], places["苏州市"]
        currency = company.currency
        express = create_carrier("顺达物流", [
                # Anywhere: 4 a kg, at least 100
                {'price': 4, 'minimum_charge': 100},
                # 江苏省: 2.5 a kg below 500 kg, 2 a kg from 500 kg
                {'province': jiangsu, 'weight_to': 500, 'price': '2.5',
                    'minimum_charge': 80},
                {'province': jiangsu, 'weight_from': 500, 'price': 2},
                # 苏州市: 1.8 a kg, or 300 a m³ (the higher applies)
                {'province': jiangsu, 'city': suzhou, 'price': '1.8',
                    'minimum_charge': 60},
                {'province': jiangsu, 'city': suzhou, 'method': 'volume',
                    'price': 300},
                # An old rate of 苏州市, expired
                {'province': jiangsu, 'city': suzhou, 'price': 1,
                    'end_date': DATE - dt.timedelta(days=1)},
                ], currency)
        freight = create_carrier("安运快运", [
                {'province': jiangsu, 'method': 'fixed', 'price': 900,
                    'start_date': DATE},
                ], currency)
        return express, freight

    @with_transaction()
    def test_compute_rate(self):
        "The most specific destination, the band, the date, the minimum"
        company = create_company()
        with set_company(company):
            express, freight = self.carriers(company)
            places = self.places
            for destination, weight, volume, price in [
                    ("苏州市", 1000, 1, 1800),      # city, by weight
                    ("苏州市", 100, 2, 600),        # city, by volume
                    ("苏州市", 10, 0, 60),          # city, minimum
                    ("无锡市", 100, 5, 250),        # province, below 500
                    ("无锡市", 500, 5, 1000),       # province, from 500
                    ("江苏省", 10, 0, 80),          # province, minimum
                    ("杭州市", 100, 0, 400),        # anywhere
                    (None, 10, 0, 100),             # no destination
                    ]:
                with self.subTest(destination=destination, weight=weight):
                    rate, computed = express.compute_rate(
                        places.get(destination), weight, volume, DATE)
                    self.assertEqual(computed, Decimal(price))

            self.assertIsNone(freight.compute_rate(
                    places["杭州市"], 100, 0, DATE))
            self.assertIsNone(freight.compute_rate(
                    places["苏州市"], 100, 0, DATE - dt.timedelta(days=1)))
            rate, price = freight.compute_rate(
                places["苏州市"], 100, 0, DATE)
            self.assertEqual((rate.method, price), ('fixed', Decimal(900)))

    @with_transaction()
    def test_is_carrier(self):
        "The parties named by carriers, an archived carrier's too"
        pool = Pool()
        Carrier = pool.get('carrier')
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            express, freight = self.carriers(company)
            Carrier.write([freight], {'active': False})
            other, = Party.create([{'name': "苏州精密机械有限公司"}])
            parties = [express.party, freight.party, other]
            self.assertEqual(
                [p.is_carrier for p in Party.browse(parties)],
                [True, True, False])
            for operator, value, expected in [
                    ('=', True, {express.party, freight.party}),
                    ('!=', True, {other}),
                    ('=', False, {other})]:
                self.assertEqual(set(Party.search([
                                ('id', 'in', [p.id for p in parties]),
                                ('is_carrier', operator, value)])),
                    expected, (operator, value))

    @with_transaction()
    def test_query_rates(self):
        "The rate query lists the carriers with a rate, cheapest first"
        pool = Pool()
        Carrier = pool.get('carrier')
        company = create_company()
        with set_company(company):
            express, freight = self.carriers(company)
            places = self.places
            self.assertEqual(
                [(c, p) for c, _, p in Carrier.query_rates(
                        places["无锡市"], 300, 1, DATE)],
                [(express, Decimal(750)), (freight, Decimal(900))])
            self.assertEqual(
                [(c, p) for c, _, p in Carrier.query_rates(
                        places["无锡市"], 600, 1, DATE)],
                [(freight, Decimal(900)), (express, Decimal(1200))])
            self.assertEqual(
                [(c, p) for c, _, p in Carrier.query_rates(
                        places["杭州市"], 600, 1, DATE)],
                [(express, Decimal(2400))])

    @with_transaction()
    def test_rate_query_wizard(self):
        "运价查询 shows the criteria and the carriers' prices"
        pool = Pool()
        RateQuery = pool.get('carrier.rate.query', type='wizard')
        company = create_company()
        with set_company(company):
            express, freight = self.carriers(company)
            jiangsu = self.places["江苏省"]
            session_id, _, _ = RateQuery.create()
            result = RateQuery.execute(session_id, {}, 'start')
            self.assertEqual(result['view']['values'], {})
            result = RateQuery.execute(session_id, {'start': {
                        'province': jiangsu.id, 'city': None,
                        'weight': 300., 'volume': 0., 'date': DATE,
                        }}, 'query')
            values = result['view']['values']
            self.assertEqual(values['province'], jiangsu.id)
            self.assertEqual(
                [(r['carrier'], r['price']) for r in values['results']],
                [(express.id, Decimal(750)), (freight.id, Decimal(900))])

    @with_transaction()
    def test_access(self):
        """The warehouse keepers keep the carriers, their rates and
        persons; the sales reps read them"""
        pool = Pool()
        Rate = pool.get('carrier.rate')
        Carrier = pool.get('carrier')
        company = create_company()
        with set_company(company):
            express, _ = self.carriers(company)
            _, keeper = create_user(
                company, 'sun', roles=['role_warehouse_keeper'])
            _, rep = create_user(company, 'chen', roles=['role_sales_rep'])
            with as_user(keeper):
                rate, = Rate.create([{
                            'carrier': express.id,
                            'province': self.places["北京市"].id,
                            'price': Decimal(5),
                            'currency': company.currency.id}])
                Rate.write([rate], {'minimum_charge': Decimal(120)})
                contact = create_contact(
                    express.party, "孙立", mobile="13600001111")
            with as_user(rep):
                self.assertEqual(
                    Carrier.query_rates(
                        self.places["北京市"], 10, 0, DATE)[0][2],
                    Decimal(120))
                self.assertEqual(len(Carrier(express.id).rates), 7)
                for call in [
                        lambda: Rate.write(
                            [rate], {'price': Decimal(1)}),
                        lambda: Rate.delete([rate]),
                        lambda: Carrier.write(
                            [express], {'carrier_cost_method': 'product'}),
                        ]:
                    with self.assertRaises(AccessError), rolled_back():
                        call()
                self.assertEqual(Rate(rate.id).price, Decimal(5))
            self.assertEqual(contact.party, express.party)

    @with_transaction()
    def test_shipment_cost_method_follows_the_carrier(self):
        """A sale charges no freight unless it names a carrier: choosing one
        charges it on the order; a quotation without carrier is quoted
        without shipment cost method, whatever was chosen"""
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            express, _ = self.carriers(company)
            employee = create_employee(company, "陈静")
            sale = create_sale(company, employee)
            self.assertIsNone(sale.shipment_cost_method)
            sale.carrier = express
            sale.on_change_carrier()
            self.assertEqual(sale.shipment_cost_method, 'order')
            sale.carrier = None
            sale.save()
            Sale.quote([sale])
            self.assertEqual(
                (sale.state, sale.carrier, sale.shipment_cost_method),
                ('quotation', None, None))
            self.assertEqual(len(sale.lines), 1)
