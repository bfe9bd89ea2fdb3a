# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""市场情报: the companies of the industry (competitors, peers, partners),
their people and their products, with the prices seen for them.

Tenant-wide knowledge like the other master data: no company. Those who
run the marketing (group_market) keep it; the sales team (group_crm)
reads it and records the competitors' prices it sees, since they meet
them at the customers.

An employee of another company keeps his history: when his company or
position changes, the current line of his history is closed and a new one
opened (``on_modification``), so that a rep who meets him again knows
where he worked before.
"""
import datetime as dt
from decimal import Decimal

from sql import Literal
from sql.aggregate import Count
from sql.conditionals import Case

from trytond.model import (
    DeactivableMixin, Index, ModelSQL, ModelView, fields)
from trytond.modules.ame_base.dictionary import dictionary_field
from trytond.modules.ame_base.model import InputBoundsMixin
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.model.fields import SQL_OPERATORS
from trytond.tools import grouped_slice
from trytond.transaction import Transaction

in_ = SQL_OPERATORS['in']
COMPANY_TYPES = [
    ('competitor', "Competitor"),
    ('peer', "Peer"),
    ('partner', "Partner"),
    ('supplier', "Supplier"),
    ('other', "Other"),
    ]
EMPLOYEE_ROLES = [
    (None, ""),
    ('sales', "Sales Representative"),
    ('engineer', "Engineer"),
    ('manager', "Manager"),
    ('executive', "Executive"),
    ('other', "Other"),
    ]
PRICE_SOURCES = [
    ('tender', "Tender"),
    ('customer', "Customer"),
    ('exhibition', "Exhibition"),
    ('internet', "Internet"),
    ('quotation', "Quotation"),
    ('other', "Other"),
    ]


class IndustryCompany(
        InputBoundsMixin, DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'ame.industry.company'
    __string__ = "Industry Company"

    name = fields.Char("Name", required=True)
    type = fields.Selection(COMPANY_TYPES, "Type", required=True)
    region = fields.Many2One(
        'country.subdivision', "Province", ondelete='RESTRICT',
        domain=[('parent', '=', None)],
        help="The province where the company is based.")
    size = dictionary_field('enterprise_size', "Size")
    website = fields.Char("Website")
    main_products = fields.Text("Main Products")
    strengths = fields.Text("Strengths")
    weaknesses = fields.Text("Weaknesses")
    notes = fields.Text("Notes")
    customers = fields.Many2Many(
        'ame.industry.company-party.party', 'industry_company', 'party',
        "Customers Met",
        help="The customers where we met the company.")
    opportunity_customers = fields.Function(fields.Many2Many(
            'party.party', None, None, "Customers of Opportunities",
            help="The customers of the opportunities where the company "
            "competed."),
        'get_opportunity_customers')
    employees = fields.One2Many(
        'ame.industry.company.employee', 'company', "Employees")
    products = fields.One2Many(
        'ame.industry.company.product', 'company', "Products")
    opportunities = fields.Many2Many(
        'sale.opportunity-ame.industry.company', 'competitor',
        'opportunity', "Opportunities", readonly=True,
        help="The opportunities where the company competed.")
    opportunity_count = fields.Function(
        fields.Integer("Competed"), 'get_counts')
    won_count = fields.Function(
        fields.Integer("Won", help="Opportunities won against the company."),
        'get_counts')
    lost_count = fields.Function(
        fields.Integer(
            "Lost", help="Opportunities lost where the company competed."),
        'get_counts')
    lost_to_count = fields.Function(
        fields.Integer(
            "Lost to It", help="Opportunities lost to the company."),
        'get_counts')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('name', 'ASC'))

    @classmethod
    def default_type(cls):
        return 'competitor'

    @classmethod
    def get_counts(cls, companies, names):
        """The opportunities where each company competed, won and lost
        against it, and lost to it (all of the tenant: counts only)"""
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        Competitor = pool.get('sale.opportunity-ame.industry.company')
        opportunity = Opportunity.__table__()
        competitor = Competitor.__table__()
        cursor = Transaction().connection.cursor()
        result = {n: {c.id: 0 for c in companies} for n in names}

        def count(condition):
            return Count(Case((condition, Literal(1))))
        for sub_ids in grouped_slice([c.id for c in companies], 1000):
            cursor.execute(*competitor.join(opportunity,
                    condition=competitor.opportunity == opportunity.id
                    ).select(competitor.competitor,
                    Count(opportunity.id),
                    count(opportunity.state == 'won'),
                    count(opportunity.state == 'lost'),
                    count(opportunity.lost_to == competitor.competitor),
                    where=in_(competitor.competitor, sub_ids),
                    group_by=[competitor.competitor]))
            for company_id, *counts in cursor:
                for name, value in zip([
                            'opportunity_count', 'won_count', 'lost_count',
                            'lost_to_count'], counts):
                    if name in result:
                        result[name][company_id] = value
        return result

    def get_opportunity_customers(self, name):
        return sorted({o.party.id for o in self.opportunities if o.party})


class IndustryCompanyCustomer(ModelSQL):
    __name__ = 'ame.industry.company-party.party'
    __string__ = "Industry Company - Customer"

    industry_company = fields.Many2One(
        'ame.industry.company', "Industry Company", required=True,
        ondelete='CASCADE')
    party = fields.Many2One(
        'party.party', "Customer", required=True, ondelete='CASCADE')


class IndustryCompanyEmployee(
        InputBoundsMixin, DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'ame.industry.company.employee'
    __string__ = "Industry Company Employee"

    name = fields.Char("Name", required=True)
    company = fields.Many2One(
        'ame.industry.company', "Company", required=True,
        ondelete='RESTRICT',
        help="The company the person works for now.")
    position = fields.Char("Position")
    role = fields.Selection(EMPLOYEE_ROLES, "Role")
    phone = fields.Char("Phone")
    mobile = fields.Char("Mobile")
    email = fields.Char("Email")
    notes = fields.Text("Notes")
    history = fields.One2Many(
        'ame.industry.company.employee.history', 'employee', "History",
        readonly=True,
        help="The companies and positions of the person, kept when they "
        "change.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('name', 'ASC'))

    def get_rec_name(self, name):
        return f'{self.name} ({self.company.rec_name})'

    @classmethod
    def search_rec_name(cls, name, clause):
        return ['OR', ('name',) + tuple(clause[1:]),
            ('company.name',) + tuple(clause[1:])]

    @classmethod
    def on_modification(cls, mode, employees, field_names=None):
        super().on_modification(mode, employees, field_names=field_names)
        if mode == 'create' or (mode == 'write'
                and field_names & {'company', 'position'}):
            cls.update_history(employees)

    @classmethod
    def update_history(cls, employees):
        """Close the open history line of the employees whose company or
        position changed, and open one with the current ones"""
        pool = Pool()
        History = pool.get('ame.industry.company.employee.history')
        Date = pool.get('ir.date')
        today = Date.today()
        to_close, to_create = [], []
        for employee in employees:
            current = [h for h in employee.history if not h.to_date]
            if any(h.company == employee.company
                    and (h.position or '') == (employee.position or '')
                    for h in current):
                continue
            for line in current:
                line.to_date = max(today, line.from_date or today)
                to_close.append(line)
            to_create.append(History(employee=employee,
                    company=employee.company, position=employee.position,
                    from_date=today))
        History.save(to_close + to_create)


class IndustryCompanyEmployeeHistory(ModelSQL, ModelView):
    __name__ = 'ame.industry.company.employee.history'
    __string__ = "Industry Company Employee History"

    employee = fields.Many2One(
        'ame.industry.company.employee', "Employee", required=True,
        ondelete='CASCADE')
    company = fields.Many2One(
        'ame.industry.company', "Company", required=True,
        ondelete='RESTRICT')
    position = fields.Char("Position")
    from_date = fields.Date("From Date")
    to_date = fields.Date("To Date")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('employee')
        cls._order = [('from_date', 'DESC NULLS FIRST'), ('id', 'DESC')]


class IndustryCompanyProduct(
        InputBoundsMixin, DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'ame.industry.company.product'
    __string__ = "Industry Company Product"

    company = fields.Many2One(
        'ame.industry.company', "Company", required=True,
        ondelete='CASCADE')
    name = fields.Char("Name", required=True)
    model = fields.Char("Model")
    specification = fields.Text("Specification")
    our_product = fields.Many2One(
        'product.product', "Our Comparable Product", ondelete='SET NULL',
        help="Our product that competes with it.")
    our_list_price = fields.Function(Monetary(
            "Our List Price", currency='company_currency',
            digits='company_currency'), 'get_our_list_price')
    company_currency = fields.Function(fields.Many2One(
            'currency.currency', "Company Currency"),
        'get_company_currency')
    prices = fields.One2Many(
        'ame.industry.company.product.price', 'product', "Prices Seen")
    last_price = fields.Function(Monetary(
            "Last Price Seen", currency='last_price_currency',
            digits='last_price_currency'), 'get_last_price')
    last_price_currency = fields.Function(fields.Many2One(
            'currency.currency', "Last Price Currency"), 'get_last_price')
    notes = fields.Text("Notes")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('company', 'ASC'), ('name', 'ASC'), ('id', 'ASC')]

    def get_rec_name(self, name):
        label = f'{self.name} {self.model}' if self.model else self.name
        return f'{label} ({self.company.rec_name})'

    @classmethod
    def search_rec_name(cls, name, clause):
        return ['OR', ('name',) + tuple(clause[1:]),
            ('model',) + tuple(clause[1:]),
            ('company.name',) + tuple(clause[1:])]

    def get_our_list_price(self, name):
        if self.our_product:
            return self.our_product.list_price_used

    def get_company_currency(self, name):
        return company_currency()

    @classmethod
    def get_last_price(cls, products, names):
        result = {n: {} for n in names}
        for product in products:
            prices = sorted(product.prices,
                key=lambda p: (p.date or dt.date.min, p.id))
            last = prices[-1] if prices else None
            if 'last_price' in result:
                result['last_price'][product.id] = (
                    last.price if last else None)
            if 'last_price_currency' in result:
                result['last_price_currency'][product.id] = (
                    last.currency.id if last else None)
        return result


def company_currency():
    "The id of the currency of the company of the context"
    pool = Pool()
    Company = pool.get('company.company')
    company = Transaction().context.get('company')
    if company is not None and company >= 0:
        return Company(company).currency.id


class IndustryCompanyProductPrice(InputBoundsMixin, ModelSQL, ModelView):
    __name__ = 'ame.industry.company.product.price'
    __string__ = "Competitor Price"
    _number_bounds = {'price': (0, 10 ** 12)}

    product = fields.Many2One(
        'ame.industry.company.product', "Product", required=True,
        ondelete='CASCADE')
    industry_company = fields.Function(fields.Many2One(
            'ame.industry.company', "Company"),
        'on_change_with_industry_company',
        searcher='search_industry_company')
    date = fields.Date("Date", required=True)
    price = Monetary(
        "Price", currency='currency', digits='currency', required=True)
    currency = fields.Many2One(
        'currency.currency', "Currency", required=True, ondelete='RESTRICT')
    source = fields.Selection(PRICE_SOURCES, "Source", required=True)
    customer = fields.Many2One(
        'party.party', "Customer", ondelete='SET NULL',
        help="The customer to whom the price was offered.")
    opportunity = fields.Many2One(
        'sale.opportunity', "Opportunity", ondelete='SET NULL',
        domain=[
            ('party', '=', Eval('customer', -1)),
            ],
        help="The opportunity where the price was seen.")
    employee = fields.Many2One(
        'company.employee', "Recorded by", ondelete='RESTRICT')
    notes = fields.Text("Notes")
    our_product = fields.Function(fields.Many2One(
            'product.product', "Our Comparable Product"), 'get_comparison')
    our_list_price = fields.Function(Monetary(
            "Our List Price", currency='currency', digits='currency',
            help="The list price of our comparable product, when the price "
            "seen is in the company's currency."),
        'get_comparison')
    difference = fields.Function(fields.Numeric(
            "Difference (%)", digits=(16, 1),
            help="How much the price seen is above (+) or below (-) our "
            "list price."),
        'get_comparison')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.add(
            Index(t, (t.product, Index.Range()), (t.date, Index.Range())))
        cls._order = [('date', 'DESC'), ('id', 'DESC')]

    @classmethod
    def default_date(cls):
        return Pool().get('ir.date').today()

    @classmethod
    def default_currency(cls):
        return company_currency()

    @classmethod
    def default_source(cls):
        return 'customer'

    @classmethod
    def default_employee(cls):
        return Transaction().context.get('employee')

    def get_rec_name(self, name):
        return f'{self.product.rec_name} @ {self.date}'

    @fields.depends('product', '_parent_product.company')
    def on_change_with_industry_company(self, name=None):
        return self.product.company if self.product else None

    @classmethod
    def search_industry_company(cls, name, clause):
        return [('product.company' + clause[0][len(name):],)
            + tuple(clause[1:])]

    @classmethod
    def get_comparison(cls, prices, names):
        result = {n: {} for n in names}
        currency = company_currency()
        for price in prices:
            product = price.product.our_product
            ours = difference = None
            if product and price.currency.id == currency:
                ours = product.list_price_used
                if ours:
                    difference = ((price.price - ours) * 100 / ours).quantize(
                        Decimal('0.1'))
            values = {
                'our_product': product.id if product else None,
                'our_list_price': ours,
                'difference': difference,
                }
            for name in names:
                result[name][price.id] = values[name]
        return result
