# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from decimal import Decimal

from trytond.modules.ame_base.tests.tools import AmeTestCase
from trytond.modules.ame_crm.tests.tools import (
    create_customer, create_opportunity, dictionary_value)
from trytond.modules.ame_market import demo
from trytond.modules.ame_market.tests.tools import (
    MODULE_EXTRAS, create_series_product)
from trytond.modules.ame_organisation.tests.tools import create_employee
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction


class DemoTestCase(AmeTestCase):
    "The demo data of the market management"
    module = 'ame_market'
    extras = MODULE_EXTRAS

    @with_transaction()
    def test_demo(self):
        "Competitors, their staff and products, activities and their leads"
        pool = Pool()
        IndustryCompany = pool.get('ame.industry.company')
        Employee = pool.get('ame.industry.company.employee')
        Product = pool.get('ame.industry.company.product')
        Campaign = pool.get('marketing.campaign')
        Opportunity = pool.get('sale.opportunity')
        CostAnalysis = pool.get('marketing.campaign.cost_analysis')
        company = create_company()
        with set_company(company):
            rep = create_employee(company, "陈静")
            customer = create_customer("苏州精密机械有限公司", rep)
            lathe = create_series_product(
                "数控车床 CK6150", Decimal(168_000), 'HR', 'CK')
            lathe.template.model_code = 'CK6150'
            lathe.template.save()
            lost = create_opportunity(company, rep, Decimal(300_000),
                state='lost', party=customer.id,
                competitors="沈阳机床、哈斯",
                loss_reason=dictionary_value('lost_reason', 'price').id,
                lines=[('create', [{
                                'description': "数控车床", 'quantity': 1}])])

            demo.generate()

            self.assertEqual(IndustryCompany.search([], count=True), 10)
            self.assertEqual(Employee.search([], count=True), 30)
            self.assertEqual(Product.search([], count=True), 30)
            # The one who moved to another competitor keeps where he was
            mover, = Employee.search([('notes', '!=', None)])
            self.assertEqual(len(mover.history), 2)
            self.assertEqual(
                sorted(c.name for c in lost.competitor_companies),
                ["哈斯", "沈阳机床"])
            self.assertIn(lost.lost_to, lost.competitor_companies)
            self.assertEqual(lost.lines[0].product, lathe)
            campaigns = Campaign.search([])
            self.assertEqual(len(campaigns), 6)
            self.assertTrue(all(c.events and c.expenses for c in campaigns))
            self.assertEqual(Opportunity.search(
                    [('marketing_campaign', '!=', None)], count=True), 40)
            # The fair still planned has neither cost nor leads: no row
            self.assertEqual(len(CostAnalysis.search([])), 5)
