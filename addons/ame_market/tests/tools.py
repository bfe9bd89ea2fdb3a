# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Industry companies, activities and their leads built with the Pool
models inside a transaction (a unit test's, or a scenario's through
ame_base.tests.tools.build), and the known data sets whose figures the
tests assert."""
import datetime as dt
from decimal import Decimal

from trytond.modules.ame_base.tests.tools import PRODUCT_MODULES
from trytond.modules.ame_crm.tests.tools import (
    create_customer, create_opportunity, create_product)
from trytond.modules.ame_organisation.tests.tools import create_employee
from trytond.pool import Pool

# The modules of every test of ame_market, beside it
# The unit tests and scenarios run on the whole product's module set,
# shared with the other modules at the top of the product
MODULE_EXTRAS = PRODUCT_MODULES


def create_industry_company(name, type_='competitor', **values):
    "An industry company (a competitor by default)"
    Company = Pool().get('ame.industry.company')
    company, = Company.create([{'name': name, 'type': type_, **values}])
    return company


def dictionary_value(category, code):
    "The value of code in the dictionary category"
    Value = Pool().get('ame.dictionary.value')
    value, = Value.search([
            ('category.code', '=', category), ('code', '=', code)])
    return value


def create_activity(company, name, type_='exhibition', expenses=(),
        **values):
    """A marketing activity of company with its expenses: (date, expense
    type code, planned amount, actual amount or None)"""
    Campaign = Pool().get('marketing.campaign')
    campaign, = Campaign.create([{
                'name': name, 'company': company.id,
                'currency': company.currency.id,
                'activity_type': dictionary_value(
                    'marketing_activity_type', type_).id,
                'expenses': [('create', [{
                                'date': date,
                                'type': dictionary_value(
                                    'marketing_expense_type', code).id,
                                'planned_amount': planned,
                                'actual_amount': actual,
                                } for date, code, planned, actual
                            in expenses])],
                **values}])
    return campaign


def create_leads(company, campaign, rows, employee=None):
    """The leads of campaign: (start date, state, amount, customer or
    None); a lead's customer is set when it has one"""
    leads = []
    for start_date, state, amount, customer in rows:
        values = {'start_date': start_date,
            'marketing_campaign': campaign.id if campaign else None}
        if customer:
            values['party'] = customer.id
        leads.append(create_opportunity(
                company, employee, amount, state=state, **values))
    return leads


def d(month, day, year=2026):
    return dt.date(year, month, day)


def _company(company):
    "The company record of company (a scenario's proteus record too)"
    return Pool().get('company.company')(company.id)


def find_subdivisions():
    "China's provinces and cities of the tenant by name"
    Subdivision = Pool().get('country.subdivision')
    return {s.name: s for s in Subdivision.search([
                ('country.code', '=', 'CN'), ('name', 'in', [
                        "江苏省", "浙江省", "苏州市", "杭州市"])])}


def create_cost_data(company):
    """The activities, expenses and leads of the cost analysis tests (the
    leads of a rep 陈静); return the activities (CIMT, seminar). The
    figures they give are in COST_FIGURES."""
    company = _company(company)
    rep = create_employee(company, "陈静")
    cimt = create_activity(company, "2026 CIMT 北京机床展", expenses=[
            (d(4, 10), 'booth', Decimal(80_000), Decimal(80_000)),
            (d(4, 15), 'construction', Decimal(25_000), Decimal(30_000)),
            (d(5, 20), 'travel', Decimal(12_000), Decimal(10_000)),
            # Planned only: no cost yet
            (d(4, 1), 'printing', Decimal(5_000), None),
            # Of the year before: outside the range
            (d(12, 20, 2025), 'booth', Decimal(20_000), Decimal(20_000)),
            ], start_date=d(4, 13), end_date=d(4, 18))
    seminar = create_activity(company, "华东数控技术交流会", type_='seminar',
        expenses=[
            (d(5, 10), 'venue', Decimal(20_000), Decimal(20_000)),
            (d(5, 10), 'hospitality', Decimal(6_000), Decimal(5_000)),
            ], start_date=d(5, 10), end_date=d(5, 10))
    customers = [create_customer(name) for name in [
            "苏州精密机械有限公司", "无锡重型机床厂",
            "常州恒通汽车零部件有限公司",
            "宁波海纳液压件有限公司", "杭州万通阀门股份有限公司"]]
    c1, c2, c3, c4, c5 = customers
    create_leads(company, cimt, [
            (d(4, 12), 'lead', Decimal(100_000), None),
            (d(4, 13), 'opportunity', Decimal(200_000), c1),
            (d(4, 14), 'won', Decimal(300_000), c2),
            (d(5, 2), 'won', Decimal(500_000), c3),
            # Lost as an opportunity (with its customer), and as a lead
            (d(5, 3), 'lost', Decimal(150_000), c4),
            (d(5, 4), 'lost', Decimal(80_000), None),
            (d(6, 10), 'cancelled', Decimal(50_000), None),
            # Of the year before: outside the range
            (d(12, 21, 2025), 'won', Decimal(900_000), c1),
            ], rep)
    create_leads(company, seminar, [
            (d(5, 11), 'converted', Decimal(120_000), c5),
            (d(5, 12), 'lead', Decimal(60_000), None),
            ], rep)
    # A lead of no activity
    create_leads(company, None, [(d(5, 5), 'won', Decimal(70_000), c5)], rep)
    return cimt, seminar


# The figures of create_cost_data from 2026-01-01 to 2026-12-31: activity
# name, period -> cost, leads, opportunities, won amount, cost per lead,
# cost per opportunity, cost per won amount (%), ROI (%)
COST_FIGURES = {
    'activity': {
        ("2026 CIMT 北京机床展", ''): (
            '120000', 7, 4, '800000', '17142.86', '30000.00', '15.00',
            '566.67'),
        ("华东数控技术交流会", ''): (
            '25000', 2, 1, '0', '12500.00', '25000.00', None, '-100.00'),
        },
    'month': {
        ("2026 CIMT 北京机床展", '2026-04'): (
            '110000', 3, 2, '300000', '36666.67', '55000.00', '36.67',
            '172.73'),
        ("2026 CIMT 北京机床展", '2026-05'): (
            '10000', 3, 2, '500000', '3333.33', '5000.00', '2.00',
            '4900.00'),
        ("2026 CIMT 北京机床展", '2026-06'): (
            '0', 1, 0, '0', '0.00', None, None, None),
        ("华东数控技术交流会", '2026-05'): (
            '25000', 2, 1, '0', '12500.00', '25000.00', None, '-100.00'),
        },
    }


def amount_text(value):
    "An amount as text without trailing zeros (120000, 0.5)"
    return format(Decimal(str(value or 0)).normalize(), "f")


def cost_figures(rows):
    "The figures of the cost analysis rows as COST_FIGURES gives them"
    def text(value):
        return None if value is None else str(value)
    return {(r.campaign.name, r.period): (
            amount_text(r.cost), r.leads, r.opportunities,
            amount_text(r.won_amount), text(r.cost_per_lead),
            text(r.cost_per_opportunity),
            text(r.cost_won_rate), text(r.roi))
        for r in rows}


def create_series_product(name, list_price, brand_code, series_code):
    """A product of our series series_code (created with its brand when
    new) at list_price"""
    pool = Pool()
    Brand = pool.get('product.brand')
    Series = pool.get('product.series')
    brands = Brand.search([('code', '=', brand_code)])
    brand = brands[0] if brands else Brand.create([{
                'name': "华锐数控", 'code': brand_code, 'own_brand': True}])[0]
    series = Series.search([('code', '=', series_code)])
    series = series[0] if series else Series.create([{
                'name': f"{series_code} 系列", 'code': series_code,
                'brand': brand.id}])[0]
    product = create_product(name, list_price, list_price * Decimal('0.6'))
    product.template.brand = brand
    product.template.series = series
    product.template.save()
    return product


def create_win_loss_data(company, employee=None, subdivisions=None):
    """The competitors and decided opportunities of the win/loss tests;
    subdivisions: the provinces and cities by name (江苏省, 苏州市,
    杭州市 ...), the tenant's by default; the opportunities are employee's
    (a new 王磊 by default). Return the competitors (沈阳机床, 海天精工)
    and the products (CK6150, VMC850)."""
    pool = Pool()
    company = _company(company)
    subdivisions = subdivisions or find_subdivisions()
    Party = pool.get('party.party')
    rep = (pool.get('company.employee')(employee.id) if employee
        else create_employee(company, "王磊"))
    sy = create_industry_company("沈阳机床")
    ht = create_industry_company("海天精工")
    lathe = create_series_product(
        "数控车床 CK6150", Decimal(168_000), 'HR', 'CK')
    vmc = create_series_product(
        "立式加工中心 VMC850", Decimal(298_000), 'HR', 'VMC')
    suzhou = create_customer("苏州精密机械有限公司")
    hangzhou = create_customer("杭州万通阀门股份有限公司")
    Party.write([suzhou], {'addresses': [('write', [
                        suzhou.addresses[0].id], {
                        'subdivision': subdivisions["苏州市"].id})]})
    Party.write([hangzhou], {'addresses': [('write', [
                        hangzhou.addresses[0].id], {
                        'subdivision': subdivisions["杭州市"].id})]})

    def opportunity(customer, product, competitors, state, amount,
            lost_to=None):
        lines = []
        if product:
            lines = [{'product': product.id, 'quantity': 1,
                    'unit': product.default_uom.id}]
        return create_opportunity(company, rep, amount, state=state,
            party=customer.id, end_date=d(6, 30),
            lines=[('create', lines)],
            competitor_companies=[('add', [c.id for c in competitors])],
            lost_to=lost_to.id if lost_to else None)
    opportunity(suzhou, lathe, [sy, ht], 'won', Decimal(300_000))
    opportunity(suzhou, lathe, [sy], 'lost', Decimal(200_000), lost_to=sy)
    opportunity(hangzhou, vmc, [sy, ht], 'lost', Decimal(400_000),
        lost_to=ht)
    opportunity(hangzhou, None, [ht], 'won', Decimal(100_000))
    # Open: not decided, not counted
    opportunity(suzhou, vmc, [sy], 'opportunity', Decimal(500_000))
    return (sy, ht), (lathe, vmc)


# The rows of create_win_loss_data: (competitor, series code, province) ->
# competed, won, won amount, lost, lost amount, lost to it, amount lost to
# it, win rate (%)
WIN_LOSS_FIGURES = {
    ("沈阳机床", 'CK', "江苏省"): (2, 1, '300000', 1, '200000', 1, '200000',
        '50.0'),
    ("沈阳机床", 'VMC', "浙江省"): (1, 0, '0', 1, '400000', 0, '0', '0.0'),
    ("海天精工", 'CK', "江苏省"): (1, 1, '300000', 0, '0', 0, '0', '100.0'),
    ("海天精工", 'VMC', "浙江省"): (1, 0, '0', 1, '400000', 1, '400000',
        '0.0'),
    ("海天精工", None, "浙江省"): (1, 1, '100000', 0, '0', 0, '0', '100.0'),
    }


def win_loss_figures(rows):
    "The figures of the win/loss rows as WIN_LOSS_FIGURES gives them"
    amount = amount_text
    return {(r.competitor.name, r.series.code if r.series else None,
            r.province.name if r.province else None): (
            r.competed, r.won, amount(r.won_amount), r.lost,
            amount(r.lost_amount), r.lost_to, amount(r.lost_to_amount),
            str(r.win_rate) if r.win_rate is not None else None)
        for r in rows}
