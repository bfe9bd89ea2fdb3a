# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal

from trytond.model.exceptions import AccessError
from trytond.model.modelview import AccessButtonError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_market.tests.tools import (
    MODULE_EXTRAS, create_activity, create_industry_company)
from trytond.modules.ame_organisation.tests.tools import create_departments
from trytond.modules.ame_permission.tests.tools import as_user, create_user
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction

# The models of the market intelligence and of the activities' money
INTELLIGENCE = ['ame.industry.company', 'ame.industry.company.employee',
    'ame.industry.company.product', 'ame.industry.company.product.price',
    'ame.industry.company.win_loss']
ACTIVITIES = ['marketing.campaign.event', 'marketing.campaign.expense',
    'marketing.campaign.cost_analysis']


class AccessTestCase(AmeTestCase):
    "Who reads the market intelligence and who keeps the activities"
    module = 'ame_market'
    extras = MODULE_EXTRAS

    def setup(self, company):
        "The users of each role, the competitor 沈阳机床 and its lathe"
        pool = Pool()
        Product = pool.get('ame.industry.company.product')
        sales = create_departments(company)['S']
        self.users = {}
        for login, role in [
                ('rep', 'role_sales_rep'),
                ('engineer', 'role_application_engineer'),
                ('manager', 'role_sales_manager'),
                ('gm', 'role_general_manager'),
                ('keeper', 'role_warehouse_keeper'),
                ('service', 'role_service_engineer'),
                ('finance', 'role_finance'),
                ]:
            self.users[login] = create_user(
                company, login, sales, [role])
        self.competitor = create_industry_company("沈阳机床")
        self.product, = Product.create([{
                    'company': self.competitor.id, 'name': "数控车床",
                    'model': "CAK5085"}])
        self.activity = create_activity(company, "2026 CIMT 北京机床展",
            expenses=[(dt.date(2026, 4, 10), 'booth', Decimal(80_000),
                    Decimal(80_000))])

    def readable(self, login, name):
        "Whether login may search and read the model name"
        Model = Pool().get(name)
        _, user = self.users[login]
        with as_user(user):
            try:
                Model.read([r.id for r in Model.search([])], ['id'])
            except AccessError:
                return False
        return True

    @with_transaction()
    def test_who_reads(self):
        "The sales team and the marketing read; warehouse and service not"
        company = create_company()
        with set_company(company):
            self.setup(company)
            for login in ['rep', 'engineer', 'manager', 'gm']:
                for name in INTELLIGENCE + ACTIVITIES:
                    self.assertTrue(self.readable(login, name),
                        msg=f"{login} {name}")
            for login in ['keeper', 'service']:
                for name in INTELLIGENCE + ACTIVITIES:
                    self.assertFalse(self.readable(login, name),
                        msg=f"{login} {name}")
            # Finance reads the expenses and their analysis, not the
            # intelligence nor the events
            for name in INTELLIGENCE + ['marketing.campaign.event']:
                self.assertFalse(self.readable('finance', name), msg=name)
            for name in ['marketing.campaign.expense',
                    'marketing.campaign.cost_analysis']:
                self.assertTrue(self.readable('finance', name), msg=name)
            # Everybody reads the activities: sales show their campaign
            self.assertTrue(self.readable('keeper', 'marketing.campaign'))

    @with_transaction()
    def test_sales_record_prices_and_competitors(self):
        "A rep records a price seen and his opportunity's competitors, "
        "and changes nothing else of the intelligence"
        pool = Pool()
        Company = pool.get('ame.industry.company')
        Price = pool.get('ame.industry.company.product.price')
        Opportunity = pool.get('sale.opportunity')
        company = create_company()
        with set_company(company):
            self.setup(company)
            rep, rep_user = self.users['rep']
            opportunity, = Opportunity.create([{
                        'company': company.id, 'employee': rep.id,
                        'amount': Decimal(300_000)}])
            with as_user(rep_user):
                price, = Price.create([{
                            'product': self.product.id,
                            'price': Decimal(150_000), 'source': 'tender'}])
                self.assertEqual(price.employee, rep)
                Opportunity.write([Opportunity(opportunity.id)], {
                        'competitor_companies': [
                            ('add', [self.competitor.id])]})
                with self.assertRaises(AccessError), rolled_back():
                    Price.delete([price])
                with self.assertRaises(AccessError), rolled_back():
                    Company.create([{'name': "海天精工"}])
                with self.assertRaises(AccessError), rolled_back():
                    Company.write([self.competitor], {'strengths': "价格低"})
            self.assertEqual(opportunity.competitor_companies,
                (self.competitor,))
            self.assertIsNone(self.competitor.strengths)
            self.assertEqual(Company.search([], count=True), 1)

    @with_transaction()
    def test_marketing_keeps_activities(self):
        "The sales manager edits and runs the activities; the rep cannot"
        pool = Pool()
        Campaign = pool.get('marketing.campaign')
        Expense = pool.get('marketing.campaign.expense')
        Company = pool.get('ame.industry.company')
        company = create_company()
        with set_company(company):
            self.setup(company)
            _, rep_user = self.users['rep']
            _, manager_user = self.users['manager']
            activity = self.activity
            with as_user(rep_user):
                with self.assertRaises(AccessError), rolled_back():
                    Campaign.write([Campaign(activity.id)],
                        {'budget': Decimal(1)})
                with self.assertRaises(AccessButtonError), rolled_back():
                    Campaign.start([Campaign(activity.id)])
                with self.assertRaises(AccessError), rolled_back():
                    Expense.delete(Campaign(activity.id).expenses)
            self.assertEqual(activity.state, 'planned')
            self.assertEqual(len(activity.expenses), 1)
            with as_user(manager_user):
                Campaign.write([Campaign(activity.id)],
                    {'budget': Decimal(150_000)})
                Campaign.start([Campaign(activity.id)])
                Company.create([{'name': "海天精工"}])
            self.assertEqual(activity.state, 'in_progress')
            self.assertEqual(activity.budget, Decimal(150_000))

    @with_transaction()
    def test_competitors_hidden_from_others(self):
        "Finance reads opportunities but not their competitors"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        company = create_company()
        with set_company(company):
            self.setup(company)
            opportunity, = Opportunity.create([{
                        'company': company.id, 'amount': Decimal(300_000),
                        'competitor_companies': [
                            ('add', [self.competitor.id])]}])
            _, finance_user = self.users['finance']
            with as_user(finance_user):
                with self.assertRaises(AccessError):
                    Opportunity.read([opportunity.id],
                        ['competitor_companies'])
