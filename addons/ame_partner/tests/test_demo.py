# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.modules.ame_base import tenant
from trytond.modules.ame_base.tests.tools import AmeTestCase
from trytond.modules.ame_partner import demo
from trytond.modules.ame_partner.tests.tools import (
    MODULE_EXTRAS, create_goods)
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction


class DemoTestCase(AmeTestCase):
    "The demo suppliers and carriers"
    module = 'ame_partner'
    extras = MODULE_EXTRAS

    @with_transaction()
    def test_generate(self):
        "10 suppliers with contacts and prices, 3 carriers with rates"
        pool = Pool()
        Party = pool.get('party.party')
        Carrier = pool.get('carrier')
        Price = pool.get('purchase.product_supplier.price')
        Subdivision = pool.get('country.subdivision')
        tenant.get_china()
        company = create_company()
        with set_company(company):
            for name in ["数控车床 CK6150", "压力变送器 PT-100", "主轴轴承"]:
                create_goods(name, 10000)
            demo.generate()

            suppliers = Party.search([('is_supplier', '=', True)])
            self.assertEqual(len(suppliers), 10)
            self.assertTrue(all(s.contacts and s.supplier_prices
                    for s in suppliers))
            self.assertEqual(
                {s.supplier_qualification for s in suppliers},
                {'qualified', 'trial', 'suspended'})
            self.assertTrue(Price.search([('quantity', '>', 0)]))
            self.assertTrue(Price.search([('end_date', '!=', None)]))

            carriers = Carrier.search([])
            self.assertEqual(len(carriers), 3)
            self.assertTrue(all(c.rates and c.party.contacts
                    for c in carriers))
            suzhou, = Subdivision.search([('code', '=', 'CN-320500')])
            self.assertEqual(
                [p for _, _, p in Carrier.query_rates(
                        suzhou, 1000, 0, dt.date.today())][0], 1000)
