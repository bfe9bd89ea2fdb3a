# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal

from trytond.model.exceptions import DomainValidationError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_market.tests.tools import (
    MODULE_EXTRAS, create_activity, create_industry_company,
    create_series_product)
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction


class IntelligenceTestCase(AmeTestCase):
    "行业公司员工's history, prices seen against ours, activities' states"
    module = 'ame_market'
    extras = MODULE_EXTRAS

    @with_transaction()
    def test_employee_history(self):
        "A change of company or position closes the line and opens one"
        pool = Pool()
        Employee = pool.get('ame.industry.company.employee')
        Date = pool.get('ir.date')
        today = Date.today()
        sy = create_industry_company("沈阳机床")
        ht = create_industry_company("海天精工")
        zhao, = Employee.create([{
                    'name': "赵刚", 'company': sy.id, 'position': "销售经理",
                    'role': 'sales'}])
        self.assertEqual(
            [(h.company, h.position, h.from_date, h.to_date)
                for h in zhao.history],
            [(sy, "销售经理", today, None)])

        # Notes change nothing in the history
        Employee.write([zhao], {'notes': "熟悉华东汽配客户"})
        self.assertEqual(len(zhao.history), 1)

        Employee.write([zhao], {'company': ht.id, 'position': "华东区总监"})
        self.assertEqual(
            sorted((h.company.name, h.position, h.to_date)
                for h in zhao.history),
            [("沈阳机床", "销售经理", today),
                ("海天精工", "华东区总监", None)])

    @with_transaction()
    def test_price_comparison(self):
        "A price seen compared with the list price of our product"
        pool = Pool()
        Product = pool.get('ame.industry.company.product')
        Price = pool.get('ame.industry.company.product.price')
        company = create_company()
        with set_company(company):
            ours = create_series_product(
                "数控车床 CK6150", Decimal(168_000), 'HR', 'CK')
            sy = create_industry_company("沈阳机床")
            lathe, = Product.create([{
                        'company': sy.id, 'name': "数控车床",
                        'model': "CAK5085",
                        'our_product': ours.id,
                        'prices': [('create', [{
                                        'date': dt.date(2026, 3, 2),
                                        'price': Decimal(150_000),
                                        'source': 'tender'}, {
                                        'date': dt.date(2026, 5, 8),
                                        'price': Decimal(176_400),
                                        'source': 'customer'}])],
                        }])
            self.assertEqual(lathe.rec_name, "数控车床 CAK5085 (沈阳机床)")
            self.assertEqual(lathe.last_price, Decimal(176_400))
            self.assertEqual(lathe.our_list_price, Decimal(168_000))
            prices = Price.search([('industry_company', '=', sy.id)],
                order=[('date', 'ASC')])
            self.assertEqual(
                [(p.our_list_price, p.difference) for p in prices],
                [(Decimal(168_000), Decimal('-10.7')),
                    (Decimal(168_000), Decimal('5.0'))])
            self.assertTrue(all(p.currency == company.currency
                    for p in prices))

    @with_transaction()
    def test_lost_to_among_competitors(self):
        "The opportunity is lost to one of its competitors only"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        company = create_company()
        with set_company(company):
            sy = create_industry_company("沈阳机床")
            ht = create_industry_company("海天精工")
            opportunity, = Opportunity.create([{
                        'company': company.id, 'amount': Decimal(300_000),
                        'competitor_companies': [('add', [sy.id])]}])
            with self.assertRaises(DomainValidationError), rolled_back():
                Opportunity.write([opportunity], {'lost_to': ht.id})
            self.assertIsNone(Opportunity(opportunity.id).lost_to)
            Opportunity.write([opportunity], {'lost_to': sy.id})
            self.assertEqual(opportunity.lost_to, sy)

    @with_transaction()
    def test_activity_workflow(self):
        "Planned, in progress, done; the name as written"
        pool = Pool()
        Campaign = pool.get('marketing.campaign')
        company = create_company()
        with set_company(company):
            cimt = create_activity(company, "2026 CIMT 北京机床展")
            self.assertEqual(cimt.rec_name, "2026 CIMT 北京机床展")
            self.assertEqual(Campaign.from_name("2026 cimt 北京机床展"), cimt)
            self.assertEqual(cimt.state, 'planned')
            Campaign.finish([cimt])
            self.assertEqual(cimt.state, 'planned')
            Campaign.start([cimt])
            Campaign.finish([cimt])
            self.assertEqual(cimt.state, 'done')
            copy, = Campaign.copy([cimt], {'name': "2027 CIMT 北京机床展"})
            self.assertEqual(copy.state, 'planned')
            self.assertEqual(len(copy.expenses), len(cimt.expenses))
