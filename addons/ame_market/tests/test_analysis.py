# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal

from trytond.modules.ame_base.tests.tools import AmeTestCase
from trytond.modules.ame_crm.tests.tools import create_subdivisions
from trytond.modules.ame_market.tests.tools import (
    COST_FIGURES, MODULE_EXTRAS, WIN_LOSS_FIGURES, cost_figures,
    create_cost_data, create_win_loss_data, win_loss_figures)
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction

YEAR_2026 = {
    'from_date': dt.date(2026, 1, 1), 'to_date': dt.date(2026, 12, 31)}


class AnalysisTestCase(AmeTestCase):
    "费用分析 and 竞争胜负分析 on known data"
    module = 'ame_market'
    extras = MODULE_EXTRAS

    def cost_rows(self, **context):
        CostAnalysis = Pool().get('marketing.campaign.cost_analysis')
        with Transaction().set_context(**context):
            return CostAnalysis.search([])

    @with_transaction()
    def test_cost_analysis_per_activity(self):
        "Cost, leads, opportunities, won amount and the ratios per activity"
        company = create_company()
        with set_company(company):
            create_cost_data(company)
            rows = self.cost_rows(period='activity', **YEAR_2026)
            self.assertEqual(cost_figures(rows), COST_FIGURES['activity'])

    @with_transaction()
    def test_cost_analysis_per_month(self):
        "The same per month: each expense and lead in the month of its date"
        company = create_company()
        with set_company(company):
            create_cost_data(company)
            rows = self.cost_rows(period='month', **YEAR_2026)
            self.assertEqual(cost_figures(rows), COST_FIGURES['month'])

    @with_transaction()
    def test_cost_analysis_per_quarter_and_year(self):
        "A quarter and a year gather their months"
        company = create_company()
        with set_company(company):
            cimt, _ = create_cost_data(company)
            rows = self.cost_rows(period='quarter', **YEAR_2026)
            figures = cost_figures(rows)
            self.assertEqual(figures[(cimt.name, '2026-Q2')],
                COST_FIGURES['activity'][(cimt.name, '')])
            # Without a range: the lead and the expense of 2025 are in
            rows = self.cost_rows(period='year')
            figures = cost_figures(rows)
            self.assertEqual(figures[(cimt.name, '2025')], (
                    '20000', 1, 1, '900000', '20000.00', '20000.00',
                    '2.22', '4400.00'))
            self.assertEqual(figures[(cimt.name, '2026')],
                COST_FIGURES['activity'][(cimt.name, '')])

    @with_transaction()
    def test_cost_analysis_of_the_company(self):
        "Another company's analysis shows none of these activities"
        company = create_company()
        with set_company(company):
            create_cost_data(company)
        other = create_company()
        with set_company(other):
            self.assertEqual(self.cost_rows(period='activity'), [])

    @with_transaction()
    def test_activity_totals(self):
        "The activity shows its planned and actual cost and its results"
        company = create_company()
        with set_company(company):
            cimt, seminar = create_cost_data(company)
            self.assertEqual(cimt.planned_cost, Decimal(142_000))
            self.assertEqual(cimt.actual_cost, Decimal(140_000))
            self.assertEqual(cimt.lead_count, 8)
            self.assertEqual(cimt.won_amount, Decimal(1_700_000))
            self.assertEqual(seminar.lead_count, 2)

    @with_transaction()
    def test_win_loss(self):
        "Won and lost per competitor, product series and province"
        pool = Pool()
        WinLoss = pool.get('ame.industry.company.win_loss')
        company = create_company()
        with set_company(company):
            create_win_loss_data(
                company, subdivisions=create_subdivisions())
            with Transaction().set_context(**YEAR_2026):
                rows = WinLoss.search([])
            self.assertEqual(win_loss_figures(rows), WIN_LOSS_FIGURES)
            # Decided before the range: nothing
            with Transaction().set_context(
                    from_date=dt.date(2027, 1, 1)):
                self.assertEqual(WinLoss.search([]), [])

    @with_transaction()
    def test_competitor_counts(self):
        "A competitor counts where it competed, won, lost and took the deal"
        company = create_company()
        with set_company(company):
            (sy, ht), _ = create_win_loss_data(
                company, subdivisions=create_subdivisions())
            self.assertEqual(
                (sy.opportunity_count, sy.won_count, sy.lost_count,
                    sy.lost_to_count), (4, 1, 2, 1))
            self.assertEqual(
                (ht.opportunity_count, ht.won_count, ht.lost_count,
                    ht.lost_to_count), (3, 2, 1, 1))
            self.assertEqual(
                sorted(p.name for p in ht.opportunity_customers),
                ["杭州万通阀门股份有限公司", "苏州精密机械有限公司"])
