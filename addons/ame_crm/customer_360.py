# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""客户综合信息: the customer 360, one screen of all a customer is to us.

It is a form of party.party (customer_360_form) whose pages show the
customer's data, contacts, contact records, opportunities, quotations and
orders, invoices and receivables; later modules add their pages by
inheriting the view (service history, contracts). Its figures sum what the
user may read of the customer's documents (the rules apply: a rep does not
learn the amounts of documents outside his data scope), in SQL over the
rule-filtered search, so that a customer with thousands of documents opens
fast.
"""
import datetime as dt
from decimal import Decimal

from sql.aggregate import Count, Sum
from sql.conditionals import Coalesce

from trytond.model import fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction, check_access

# Opportunities still to win
OPEN_OPPORTUNITY_STATES = ['lead', 'opportunity']
# Sales the customer bought
BOUGHT_SALE_STATES = ['confirmed', 'processing', 'done']


def _may_read(model):
    """Whether the user may read the model: the figures of the documents
    of a model he has no access to are none of his business, and must not
    fail the screens he has (a warehouse keeper saves a carrier's party)"""
    ModelAccess = Pool().get('ir.model.access')
    with check_access():
        return ModelAccess.check(model, 'read', raise_exception=False)


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    open_opportunities = fields.Function(fields.Integer(
            "Open Opportunities",
            help="The opportunities and leads still open that you may "
            "read."),
        'get_opportunity_figures')
    pipeline_amount = fields.Function(Monetary(
            "Pipeline Amount", currency='currency', digits='currency',
            help="The expected amount of the open opportunities."),
        'get_opportunity_figures')
    sales_amount_year = fields.Function(Monetary(
            "Sales in 12 Months", currency='currency', digits='currency',
            help="The untaxed amount of the orders of the last 12 months "
            "that you may read, in the company currency."),
        'get_sales_amount_year')
    customer_invoices = fields.One2Many(
        'account.invoice', 'party', "Invoices", readonly=True,
        filter=[('type', '=', 'out')],
        states={'invisible': ~Eval('is_customer', False)})

    @classmethod
    def copy(cls, parties, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('customer_invoices', None)
        return super().copy(parties, default=default)

    @classmethod
    def get_opportunity_figures(cls, parties, names):
        "The count of all open opportunities, the amount of those in the "
        "company currency"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        Company = pool.get('company.company')
        opportunity = Opportunity.__table__()
        result = {
            'open_opportunities': {p.id: 0 for p in parties},
            'pipeline_amount': {p.id: Decimal(0) for p in parties},
            }
        company_id = Transaction().context.get('company')
        if not company_id or not _may_read('sale.opportunity'):
            return {n: result[n] for n in names}
        currency = Company(company_id).currency
        # The getters run without the rules: the user's apply here
        with check_access():
            readable = Opportunity.search([
                    ('party', 'in', [p.id for p in parties]),
                    ('state', 'in', OPEN_OPPORTUNITY_STATES),
                    ('company', '=', company_id),
                    ], order=[], query=True)
        cursor = Transaction().connection.cursor()
        cursor.execute(*opportunity.select(
                opportunity.party, Count(opportunity.id),
                Sum(Coalesce(opportunity.amount, 0),
                    filter_=opportunity.currency == currency.id),
                where=opportunity.id.in_(readable),
                group_by=opportunity.party))
        for party, count, amount in cursor:
            result['open_opportunities'][party] = count
            result['pipeline_amount'][party] = currency.round(
                Decimal(amount or 0))
        return {n: result[n] for n in names}

    @classmethod
    def get_sales_amount_year(cls, parties, name):
        pool = Pool()
        Sale = pool.get('sale.sale')
        Date = pool.get('ir.date')
        Company = pool.get('company.company')
        sale = Sale.__table__()
        company_id = Transaction().context.get('company')
        result = {p.id: None for p in parties}
        if not company_id or not _may_read('sale.sale'):
            return result
        company = Company(company_id)
        with check_access():
            readable = Sale.search([
                    ('party', 'in', [p.id for p in parties]),
                    ('state', 'in', BOUGHT_SALE_STATES),
                    ('company', '=', company.id),
                    ('currency', '=', company.currency.id),
                    ('sale_date', '>=',
                        Date.today() - dt.timedelta(days=365)),
                    ], order=[], query=True)
        cursor = Transaction().connection.cursor()
        cursor.execute(*sale.select(
                sale.party, Sum(Coalesce(sale.untaxed_amount_cache, 0)),
                where=sale.id.in_(readable),
                group_by=sale.party))
        result.update({p.id: Decimal(0) for p in parties})
        for party, amount in cursor:
            result[party] = company.currency.round(Decimal(amount or 0))
        return result
