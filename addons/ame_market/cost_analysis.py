# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""费用分析: what each marketing activity cost and brought, per period.

For an activity and a period (the whole date range, a year, a quarter or a
month):

- cost: the actual amounts of its expenses dated in the period (planned
  amounts are not costs; an expense without actual amount counts nothing);
- leads: its leads and opportunities (``marketing_campaign``) whose start
  date (the day the lead came in) is in the period, whatever their state;
- opportunities: those of the leads that became opportunities: open
  opportunities, converted, won, and lost ones that have a customer (a
  lead lost before its conversion has none);
- won amount: the amount of those of the leads that are won;
- cost per lead, per opportunity; cost per won amount (cost / won amount,
  in %) and ROI ((won amount − cost) / cost, in %).

The figures are those of the whole company, whoever owns the leads: an
activity is the company's, not a rep's.
"""
from decimal import Decimal

from sql import Cast, Literal, Null, Union
from sql.aggregate import Sum
from sql.conditionals import Case, Coalesce
from sql.functions import Extract

from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.transaction import Transaction

PERIODS = [
    ('activity', "Whole Range"),
    ('year', "Year"),
    ('quarter', "Quarter"),
    ('month', "Month"),
    ]
# The states of the leads that became opportunities (lost ones: with a
# customer)
OPPORTUNITY_STATES = ['opportunity', 'converted', 'won']
# A period key is year * 100 + its first month: ids are campaign * this
# plus the key
PERIOD_SPAN = 1_000_000


def date_where(date):
    "The condition that the date column is in the context's date range"
    context = Transaction().context
    where = Literal(True)
    if context.get('from_date'):
        where &= date >= context['from_date']
    if context.get('to_date'):
        where &= date <= context['to_date']
    return where


class CostAnalysisContext(ModelView):
    __name__ = 'marketing.campaign.cost_analysis.context'
    __string__ = "Marketing Cost Analysis Context"

    from_date = fields.Date("From Date")
    to_date = fields.Date("To Date")
    period = fields.Selection(PERIODS, "Period", required=True)

    @classmethod
    def default_from_date(cls):
        return Transaction().context.get('from_date')

    @classmethod
    def default_to_date(cls):
        return Transaction().context.get('to_date')

    @classmethod
    def default_period(cls):
        return Transaction().context.get('period', 'activity')


class CostAnalysis(ModelSQL, ModelView):
    __name__ = 'marketing.campaign.cost_analysis'
    __string__ = "Marketing Cost Analysis"

    company = fields.Many2One('company.company', "Company")
    campaign = fields.Many2One('marketing.campaign', "Activity")
    period_key = fields.Integer("Period Key")
    period = fields.Function(fields.Char("Period"), 'get_period')
    cost = Monetary("Cost", currency='currency', digits='currency')
    leads = fields.Integer("Leads")
    opportunities = fields.Integer("Opportunities")
    won_amount = Monetary(
        "Won Amount", currency='currency', digits='currency')
    cost_per_lead = fields.Function(Monetary(
            "Cost per Lead", currency='currency', digits='currency'),
        'get_ratios')
    cost_per_opportunity = fields.Function(Monetary(
            "Cost per Opportunity", currency='currency', digits='currency'),
        'get_ratios')
    cost_won_rate = fields.Function(fields.Numeric(
            "Cost per Won Amount (%)", digits=(16, 2),
            help="The cost divided by the won amount."),
        'get_ratios')
    roi = fields.Function(fields.Numeric(
            "ROI (%)", digits=(16, 2),
            help="The won amount less the cost, divided by the cost."),
        'get_ratios')
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('period_key', 'ASC'), ('campaign', 'ASC'),
            ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        # The rows of expenses and leads, summed per activity and period
        # (grouped by columns: PostgreSQL does not take two expressions
        # with parameters for the same one)
        union = Union(cls._cost_query(), cls._lead_query(), all_=True)
        return union.select(
            (Cast(union.campaign, 'BIGINT') * PERIOD_SPAN
                + union.period_key).as_('id'),
            union.company.as_('company'),
            union.campaign.as_('campaign'),
            union.period_key.as_('period_key'),
            cls.cost.sql_cast(Sum(union.cost)).as_('cost'),
            Sum(union.leads).as_('leads'),
            Sum(union.opportunities).as_('opportunities'),
            cls.won_amount.sql_cast(Sum(union.won_amount)).as_('won_amount'),
            group_by=[union.company, union.campaign, union.period_key])

    @classmethod
    def _period_key(cls, date):
        "The key of the period of the context of date, as an integer"
        period = Transaction().context.get('period', 'activity')
        if period == 'activity':
            return Literal(0)
        year = Extract('YEAR', date) * 100
        month = Extract('MONTH', date)
        if period == 'quarter':
            month = Case((month <= 3, 1), (month <= 6, 4), (month <= 9, 7),
                else_=10)
        elif period == 'year':
            month = Literal(0)
        return cls.period_key.sql_cast(year + month)

    @classmethod
    def _cost_query(cls):
        "The actual expenses, one row each with its activity and period"
        pool = Pool()
        Campaign = pool.get('marketing.campaign')
        Expense = pool.get('marketing.campaign.expense')
        campaign = Campaign.__table__()
        expense = Expense.__table__()
        zero = Literal(0)
        return expense.join(campaign,
            condition=expense.campaign == campaign.id).select(
                campaign.company.as_('company'),
                campaign.id.as_('campaign'),
                cls._period_key(expense.date).as_('period_key'),
                expense.actual_amount.as_('cost'),
                zero.as_('leads'), zero.as_('opportunities'),
                zero.as_('won_amount'),
                where=(campaign.company == Transaction().context.get(
                        'company'))
                & (expense.actual_amount != Null)
                & date_where(expense.date))

    @classmethod
    def _lead_query(cls):
        """The leads, one row each with its activity and period, whether it
        became an opportunity and its amount when won"""
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        opportunity = Opportunity.__table__()
        became = (opportunity.state.in_(OPPORTUNITY_STATES)
            | ((opportunity.state == 'lost') & (opportunity.party != Null)))
        return opportunity.select(
            opportunity.company.as_('company'),
            opportunity.marketing_campaign.as_('campaign'),
            cls._period_key(opportunity.start_date).as_('period_key'),
            Literal(0).as_('cost'),
            Literal(1).as_('leads'),
            Case((became, Literal(1)), else_=Literal(0)).as_(
                'opportunities'),
            Case((opportunity.state == 'won',
                    Coalesce(opportunity.amount, 0)),
                else_=Literal(0)).as_('won_amount'),
            where=(opportunity.company == Transaction().context.get(
                    'company'))
            & (opportunity.marketing_campaign != Null)
            & date_where(opportunity.start_date))

    def get_period(self, name):
        period = Transaction().context.get('period', 'activity')
        key = self.period_key or 0
        year, month = divmod(key, 100)
        if period == 'year':
            return str(year)
        elif period == 'quarter':
            return f'{year}-Q{(month - 1) // 3 + 1}'
        elif period == 'month':
            return f'{year}-{month:02d}'
        return ''

    @classmethod
    def get_ratios(cls, rows, names):
        result = {n: {} for n in names}
        for row in rows:
            values = row.ratios()
            for name in names:
                result[name][row.id] = values[name]
        return result

    def ratios(self):
        "The cost per lead, per opportunity, per won amount and the ROI"
        cost = Decimal(str(self.cost or 0))
        won = Decimal(str(self.won_amount or 0))
        cent = Decimal('0.01')
        return {
            'cost_per_lead': (
                (cost / self.leads).quantize(cent) if self.leads else None),
            'cost_per_opportunity': (
                (cost / self.opportunities).quantize(cent)
                if self.opportunities else None),
            'cost_won_rate': (
                (cost * 100 / won).quantize(cent) if won else None),
            'roi': (
                ((won - cost) * 100 / cost).quantize(cent)
                if cost else None),
            }

    def get_currency(self, name):
        return self.company.currency.id if self.company else None

    def get_rec_name(self, name):
        label = self.campaign.rec_name if self.campaign else ''
        return f'{label} {self.period}'.strip()
