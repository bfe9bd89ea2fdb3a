# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""市场活动 on Tryton's marketing.campaign: the campaign that the leads,
opportunities and sales already carry (marketing_campaign) becomes the
activity the marketing plans (a trade fair, a technical seminar, an
advertisement ...), with its dates, owner, budget, targets, events and
expenses.

An activity moves planned → in progress → done (or cancelled) by its
buttons. Its events (活动事件: the days at the booth, the seminars, the
mailings) record who took part and what came of it; its expenses
(planned and actual amounts per expense type) carry their supporting
documents as attachments. What the activity brought is counted by the
cost analysis (cost_analysis.py).
"""
from decimal import Decimal

from sql.aggregate import Count, Sum

from trytond.model import ModelSQL, ModelView, Workflow, fields
from trytond.modules.ame_base.dictionary import dictionary_field
from trytond.modules.ame_base.guard import WorkflowGuardMixin
from trytond.modules.ame_base.model import InputBoundsMixin
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, If
from trytond.model.fields import SQL_OPERATORS
from trytond.tools import escape_wildcard, grouped_slice
from trytond.transaction import Transaction, inactive_records

from .industry import company_currency

in_ = SQL_OPERATORS['in']
STATES = [
    ('planned', "Planned"),
    ('in_progress', "In Progress"),
    ('done', "Done"),
    ('cancelled', "Cancelled"),
    ]
EVENT_TYPES = [
    ('booth', "Booth Day"),
    ('seminar', "Seminar"),
    ('mailing', "Mailing"),
    ('visit', "Customer Visit"),
    ('webinar', "Webinar"),
    ('banquet', "Banquet"),
    ('other', "Other"),
    ]
# The activities whose events and expenses are still recorded
OPEN_STATES = ['planned', 'in_progress']
_readonly = {'readonly': Eval('state').in_(['done', 'cancelled'])}


class Campaign(WorkflowGuardMixin, InputBoundsMixin, Workflow,
        metaclass=PoolMeta):
    __name__ = 'marketing.campaign'
    _number_bounds = {'budget': (0, 10 ** 12)}

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='RESTRICT')
    activity_type = dictionary_field(
        'marketing_activity_type', "Activity Type", states=_readonly)
    start_date = fields.Date(
        "Start Date", states=_readonly,
        domain=[If(Eval('start_date') & Eval('end_date'),
                ('start_date', '<=', Eval('end_date')), ())])
    end_date = fields.Date(
        "End Date", states=_readonly,
        domain=[If(Eval('start_date') & Eval('end_date'),
                ('end_date', '>=', Eval('start_date')), ())])
    location = fields.Char("Location", states=_readonly)
    owner = fields.Many2One(
        'company.employee', "Owner", ondelete='RESTRICT', states=_readonly,
        context={'company': Eval('company', -1)}, depends={'company'},
        help="Who runs the activity.")
    department = fields.Many2One(
        'company.department', "Department", ondelete='RESTRICT',
        states=_readonly,
        context={'company': Eval('company', -1)}, depends={'company'})
    currency = fields.Many2One(
        'currency.currency', "Currency", required=True, ondelete='RESTRICT',
        states=_readonly)
    budget = Monetary(
        "Budget", currency='currency', digits='currency', states=_readonly)
    goal = fields.Text(
        "Goal", states=_readonly,
        help="What the activity should bring: leads, opportunities, "
        "orders.")
    target_customers = fields.Many2Many(
        'marketing.campaign-party.party', 'campaign', 'party',
        "Target Customers", states=_readonly,
        context={'company': Eval('company', -1)}, depends={'company'})
    products = fields.Many2Many(
        'marketing.campaign-product.product', 'campaign', 'product',
        "Products", states=_readonly,
        context={'company': Eval('company', -1)}, depends={'company'},
        help="The products the activity promotes.")
    events = fields.One2Many(
        'marketing.campaign.event', 'campaign', "Events",
        states=_readonly)
    expenses = fields.One2Many(
        'marketing.campaign.expense', 'campaign', "Expenses",
        states=_readonly)
    summary = fields.Text("Summary", help="What the activity brought.")
    state = fields.Selection(STATES, "State", readonly=True, required=True)
    planned_cost = fields.Function(Monetary(
            "Planned Cost", currency='currency', digits='currency'),
        'get_costs')
    actual_cost = fields.Function(Monetary(
            "Actual Cost", currency='currency', digits='currency'),
        'get_costs')
    lead_count = fields.Function(fields.Integer(
            "Leads", help="The leads and opportunities of the activity."),
        'get_results')
    won_amount = fields.Function(Monetary(
            "Won Amount", currency='currency', digits='currency'),
        'get_results')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('start_date', 'DESC NULLS FIRST'), ('id', 'DESC')]
        cls._transitions |= {
            ('planned', 'in_progress'),
            ('in_progress', 'done'),
            ('planned', 'cancelled'),
            ('in_progress', 'cancelled'),
            ('cancelled', 'planned'),
            ('done', 'in_progress'),
            }
        cls._buttons.update({
                'plan': {
                    'invisible': Eval('state') != 'cancelled',
                    'icon': 'tryton-undo',
                    'depends': ['state'],
                    },
                'start': {
                    'invisible': Eval('state') != 'planned',
                    'icon': 'tryton-forward',
                    'depends': ['state'],
                    },
                'reopen': {
                    'invisible': Eval('state') != 'done',
                    'icon': 'tryton-back',
                    'depends': ['state'],
                    },
                'finish': {
                    'invisible': Eval('state') != 'in_progress',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(OPEN_STATES),
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_currency(cls):
        return company_currency()

    @classmethod
    def default_state(cls):
        return 'planned'

    @classmethod
    def default_owner(cls):
        return Transaction().context.get('employee')

    @fields.depends('owner')
    def on_change_owner(self):
        if self.owner and getattr(self.owner, 'department', None):
            self.department = self.owner.department

    @classmethod
    def preprocess_values(cls, mode, values):
        # An activity keeps its name as written ("2026 CIMT 北京机床展"):
        # Tryton lowers it for the web links' UTM parameter, whose names
        # stay unique whatever their case (its constraint on LOWER(name))
        name = values.get('name')
        values = super().preprocess_values(mode, values)
        if name:
            values['name'] = name.strip()
        return values

    @classmethod
    def from_name(cls, name, create=True):
        "Find the campaign of a UTM name whatever the case of its name"
        with inactive_records():
            records = cls.search([
                    ('name', 'ilike', escape_wildcard(name.strip())),
                    ], limit=1)
        if records:
            return records[0]
        return super().from_name(name, create=create)

    def get_rec_name(self, name):
        # The name as written (Tryton title-cases the UTM name)
        return self.name

    @classmethod
    def get_costs(cls, campaigns, names):
        result = {n: {} for n in names}
        for campaign in campaigns:
            for name, field in [
                    ('planned_cost', 'planned_amount'),
                    ('actual_cost', 'actual_amount')]:
                if name in result:
                    result[name][campaign.id] = sum(
                        (getattr(e, field) or Decimal(0)
                            for e in campaign.expenses), Decimal(0))
        return result

    @classmethod
    def get_results(cls, campaigns, names):
        "The leads of each activity and the amount of those won"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        opportunity = Opportunity.__table__()
        cursor = Transaction().connection.cursor()
        result = {n: {c.id: 0 for c in campaigns} for n in names}
        if 'won_amount' in result:
            result['won_amount'] = {c.id: Decimal(0) for c in campaigns}
        rows = []
        # Counts of the whole company, whoever's the leads are
        for sub_ids in grouped_slice([c.id for c in campaigns], 1000):
            cursor.execute(*opportunity.select(
                    opportunity.marketing_campaign, opportunity.state,
                    Count(opportunity.id), Sum(opportunity.amount),
                    where=in_(opportunity.marketing_campaign, sub_ids),
                    group_by=[
                        opportunity.marketing_campaign, opportunity.state]))
            rows.extend(cursor)
        for campaign_id, state, count, amount in rows:
            if 'lead_count' in result:
                result['lead_count'][campaign_id] += count
            if 'won_amount' in result and state == 'won':
                result['won_amount'][campaign_id] += Decimal(amount or 0)
        return result

    @classmethod
    @ModelView.button
    @Workflow.transition('planned')
    def plan(cls, campaigns):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('in_progress')
    def start(cls, campaigns):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('in_progress')
    def reopen(cls, campaigns):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('done')
    def finish(cls, campaigns):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    def cancel(cls, campaigns):
        pass

    @classmethod
    def copy(cls, campaigns, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('state', cls.default_state())
        default.setdefault('summary')
        return super().copy(campaigns, default=default)


class CampaignCustomer(ModelSQL):
    __name__ = 'marketing.campaign-party.party'
    __string__ = "Marketing Campaign - Customer"

    campaign = fields.Many2One(
        'marketing.campaign', "Campaign", required=True, ondelete='CASCADE')
    party = fields.Many2One(
        'party.party', "Customer", required=True, ondelete='CASCADE')


class CampaignProduct(ModelSQL):
    __name__ = 'marketing.campaign-product.product'
    __string__ = "Marketing Campaign - Product"

    campaign = fields.Many2One(
        'marketing.campaign', "Campaign", required=True, ondelete='CASCADE')
    product = fields.Many2One(
        'product.product', "Product", required=True, ondelete='CASCADE')


class CampaignEvent(InputBoundsMixin, ModelSQL, ModelView):
    __name__ = 'marketing.campaign.event'
    __string__ = "Marketing Event"

    campaign = fields.Many2One(
        'marketing.campaign', "Activity", required=True, ondelete='CASCADE')
    name = fields.Char("Name", required=True)
    type = fields.Selection(EVENT_TYPES, "Type", required=True)
    start_date = fields.Date(
        "Start Date", required=True,
        domain=[If(Eval('end_date'),
                ('start_date', '<=', Eval('end_date')), ())])
    end_date = fields.Date("End Date")
    location = fields.Char("Location")
    employees = fields.Many2Many(
        'marketing.campaign.event-company.employee', 'event', 'employee',
        "Our Participants")
    contacts = fields.Many2Many(
        'marketing.campaign.event-ame.customer.contact', 'event', 'contact',
        "Customer Participants",
        help="The customers' contacts who took part.")
    visitors = fields.Integer(
        "Visitors", domain=['OR', ('visitors', '=', None),
            ('visitors', '>=', 0)],
        help="How many people came, or were reached by a mailing.")
    results = fields.Text("Results")
    leads = fields.One2Many(
        'sale.opportunity', 'marketing_event', "Leads",
        readonly=True, help="The leads and opportunities the event brought.")
    lead_count = fields.Function(fields.Integer("Leads"), 'get_lead_count')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('start_date', 'DESC'), ('id', 'DESC')]

    @classmethod
    def default_type(cls):
        return 'booth'

    @classmethod
    def get_lead_count(cls, events, name):
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        opportunity = Opportunity.__table__()
        cursor = Transaction().connection.cursor()
        counts = {e.id: 0 for e in events}
        for sub_ids in grouped_slice(list(counts), 1000):
            cursor.execute(*opportunity.select(
                    opportunity.marketing_event, Count(opportunity.id),
                    where=in_(opportunity.marketing_event, sub_ids),
                    group_by=[opportunity.marketing_event]))
            counts.update(cursor)
        return counts


class CampaignEventEmployee(ModelSQL):
    __name__ = 'marketing.campaign.event-company.employee'
    __string__ = "Marketing Event - Employee"

    event = fields.Many2One(
        'marketing.campaign.event', "Event", required=True,
        ondelete='CASCADE')
    employee = fields.Many2One(
        'company.employee', "Employee", required=True, ondelete='CASCADE')


class CampaignEventContact(ModelSQL):
    __name__ = 'marketing.campaign.event-ame.customer.contact'
    __string__ = "Marketing Event - Contact"

    event = fields.Many2One(
        'marketing.campaign.event', "Event", required=True,
        ondelete='CASCADE')
    contact = fields.Many2One(
        'ame.customer.contact', "Contact", required=True, ondelete='CASCADE')


class CampaignExpense(InputBoundsMixin, ModelSQL, ModelView):
    __name__ = 'marketing.campaign.expense'
    __string__ = "Marketing Expense"
    _number_bounds = {
        'planned_amount': (0, 10 ** 12),
        'actual_amount': (0, 10 ** 12),
        }

    campaign = fields.Many2One(
        'marketing.campaign', "Activity", required=True, ondelete='CASCADE')
    type = dictionary_field(
        'marketing_expense_type', "Expense Type", required=True)
    date = fields.Date(
        "Date", required=True,
        help="When the expense is incurred: the cost analysis counts the "
        "actual amount in the period of this date.")
    description = fields.Char("Description")
    currency = fields.Function(fields.Many2One(
            'currency.currency', "Currency"), 'on_change_with_currency')
    planned_amount = Monetary(
        "Planned Amount", currency='currency', digits='currency')
    actual_amount = Monetary(
        "Actual Amount", currency='currency', digits='currency',
        help="Leave empty until the expense is incurred.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'DESC'), ('id', 'DESC')]

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @fields.depends('campaign', '_parent_campaign.currency')
    def on_change_with_currency(self, name=None):
        return self.campaign.currency if self.campaign else None
