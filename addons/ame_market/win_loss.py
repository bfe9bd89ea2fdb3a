# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""竞争胜负分析: the decided opportunities (won or lost) where a competitor
took part, per competitor, product family and region.

- The product family is the product series (ame_product) of the product
  of the opportunity's first line that has one; opportunities without a
  product have none.
- The region is the province of the customer's first address with a
  subdivision (the province itself, or the parent of the city).
- An opportunity counts in the period of its end date (Tryton sets it to
  the day it is won or lost).

Counted in the user's data scope, as ame_crm's opportunity reports.
"""
from decimal import Decimal

from sql import Literal, Null
from sql.aggregate import Count, Min, Sum
from sql.conditionals import Case, Coalesce

from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.ame_crm.opportunity_reporting import (
    readable_opportunities)
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.transaction import Transaction

from .cost_analysis import date_where

DECIDED_STATES = ['won', 'lost']


class WinLossContext(ModelView):
    __name__ = 'ame.industry.company.win_loss.context'
    __string__ = "Win/Loss Analysis Context"

    from_date = fields.Date("From Date")
    to_date = fields.Date("To Date")

    @classmethod
    def default_from_date(cls):
        return Transaction().context.get('from_date')

    @classmethod
    def default_to_date(cls):
        return Transaction().context.get('to_date')


class WinLoss(ModelSQL, ModelView):
    __name__ = 'ame.industry.company.win_loss'
    __string__ = "Win/Loss Analysis"

    company = fields.Many2One('company.company', "Company")
    competitor = fields.Many2One('ame.industry.company', "Competitor")
    series = fields.Many2One('product.series', "Product Family")
    province = fields.Many2One('country.subdivision', "Province")
    competed = fields.Integer("Competed")
    won = fields.Integer("Won")
    won_amount = Monetary(
        "Won Amount", currency='currency', digits='currency')
    lost = fields.Integer("Lost")
    lost_amount = Monetary(
        "Lost Amount", currency='currency', digits='currency')
    lost_to = fields.Integer(
        "Lost to It", help="The lost opportunities that it won.")
    lost_to_amount = Monetary(
        "Amount Lost to It", currency='currency', digits='currency')
    win_rate = fields.Function(fields.Numeric(
            "Win Rate (%)", digits=(16, 1)), 'get_win_rate')
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"), 'get_currency')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('competitor', 'ASC'), ('series', 'ASC'),
            ('province', 'ASC'), ('id', 'ASC')]

    @classmethod
    def table_query(cls):
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        Competitor = pool.get('sale.opportunity-ame.industry.company')
        context = Transaction().context
        opportunity = Opportunity.__table__()
        competitor = Competitor.__table__()
        family = cls._family_query()
        province = cls._province_query()
        where = ((opportunity.company == context.get('company'))
            & opportunity.state.in_(DECIDED_STATES)
            & date_where(opportunity.end_date))
        if Transaction().user:
            where &= opportunity.id.in_(readable_opportunities())
        won = opportunity.state == 'won'
        lost = opportunity.state == 'lost'
        lost_to = lost & (opportunity.lost_to == competitor.competitor)
        return (competitor
            .join(opportunity,
                condition=competitor.opportunity == opportunity.id)
            .join(family, 'LEFT',
                condition=family.opportunity == opportunity.id)
            .join(province, 'LEFT',
                condition=province.party == opportunity.party)
            .select(
                Min(competitor.id).as_('id'),
                opportunity.company.as_('company'),
                competitor.competitor.as_('competitor'),
                family.series.as_('series'),
                province.province.as_('province'),
                Count(competitor.id).as_('competed'),
                _count(won).as_('won'),
                _sum(won, opportunity.amount).as_('won_amount'),
                _count(lost).as_('lost'),
                _sum(lost, opportunity.amount).as_('lost_amount'),
                _count(lost_to).as_('lost_to'),
                _sum(lost_to, opportunity.amount).as_('lost_to_amount'),
                where=where,
                group_by=[opportunity.company, competitor.competitor,
                    family.series, province.province]))

    @classmethod
    def _family_query(cls):
        "The product series of the first line with a product, per opportunity"
        pool = Pool()
        Line = pool.get('sale.opportunity.line')
        Product = pool.get('product.product')
        Template = pool.get('product.template')
        line = Line.__table__()
        first_line = Line.__table__()
        product = Product.__table__()
        template = Template.__table__()
        first = line.select(line.opportunity, Min(line.id).as_('line'),
            where=line.product != Null, group_by=[line.opportunity])
        return (first
            .join(first_line, condition=first_line.id == first.line)
            .join(product, condition=product.id == first_line.product)
            .join(template, condition=template.id == product.template)
            .select(first.opportunity.as_('opportunity'),
                template.series.as_('series')))

    @classmethod
    def _province_query(cls):
        "The province of the first address with a subdivision, per party"
        pool = Pool()
        Address = pool.get('party.address')
        Subdivision = pool.get('country.subdivision')
        address = Address.__table__()
        first_address = Address.__table__()
        subdivision = Subdivision.__table__()
        first = address.select(address.party, Min(address.id).as_('address'),
            where=address.subdivision != Null, group_by=[address.party])
        return (first
            .join(first_address, condition=first_address.id == first.address)
            .join(subdivision,
                condition=subdivision.id == first_address.subdivision)
            .select(first.party.as_('party'),
                Coalesce(subdivision.parent, subdivision.id).as_('province')))

    def get_win_rate(self, name):
        decided = (self.won or 0) + (self.lost or 0)
        if decided:
            return (Decimal(self.won) * 100 / decided).quantize(
                Decimal('0.1'))

    def get_currency(self, name):
        return self.company.currency.id if self.company else None

    def get_rec_name(self, name):
        return self.competitor.rec_name if self.competitor else ''


def _count(condition):
    return Sum(Case((condition, Literal(1)), else_=Literal(0)))


def _sum(condition, amount):
    return Sum(Case((condition, amount), else_=Literal(0)))
