# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Three carriers (fictitious Chinese logistics companies) priced from
their rate tables to the provinces and cities of the demo customers, with
their persons, and the weight of the demo goods that the rates price."""
from decimal import Decimal

from trytond.pool import Pool
from trytond.transaction import Transaction

# (name, contact, mobile, rates: (province, city, weight from, weight to,
# method, price, minimum charge))
CARRIERS = [
    ("顺捷物流有限公司", "韩磊", "13800010001", [
        (None, None, None, None, 'weight', '3.5', 200),
        ('CN-JS', None, None, 1000, 'weight', '1.6', 150),
        ('CN-JS', None, 1000, None, 'weight', '1.2', None),
        ('CN-JS', 'CN-320500', None, None, 'weight', '1.0', 120),
        ('CN-ZJ', None, None, None, 'weight', '1.8', 150),
        ('CN-SH', None, None, None, 'weight', '1.5', 150),
        ('CN-GD', None, None, None, 'weight', '2.8', 300),
        ]),
    ("安达快运股份有限公司", "曹静", "13800010002", [
        ('CN-JS', None, None, 3000, 'fixed', 1800, None),
        ('CN-ZJ', None, None, 3000, 'fixed', 2200, None),
        ('CN-SH', None, None, 3000, 'fixed', 2000, None),
        ('CN-BJ', None, None, None, 'weight', '2.6', 500),
        ('CN-SD', None, None, None, 'weight', '2.2', 400),
        ]),
    ("华运通供应链有限公司", "彭志强", "13800010003", [
        (None, None, None, None, 'weight', '3.0', 300),
        ('CN-GD', None, None, None, 'weight', '2.2', 300),
        ('CN-GD', 'CN-440300', None, None, 'weight', '2.0', 300),
        ('CN-SC', None, None, None, 'weight', '3.2', 500),
        ('CN-HB', None, None, None, 'weight', '2.4', 400),
        ]),
    ]
# The weight a unit of the demo goods (kg) by the code of their category
WEIGHTS = {'1010': 3500, '1020': 5200, '2010': 2, '2020': 12, '30': 8}


def generate(rng, scale):
    "Create the carriers, their rates and persons; weigh the goods"
    _weigh_goods()
    product = _freight_product()
    _carriers(product)


def _weigh_goods():
    pool = Pool()
    Template = pool.get('product.template')
    ModelData = pool.get('ir.model.data')
    kilogram = ModelData.get_id('product', 'uom_kilogram')
    to_write = []
    for code, weight in WEIGHTS.items():
        templates = Template.search([
                ('type', '=', 'goods'), ('weight', '=', None),
                ('categories.code', '=', code),
                ])
        if templates:
            to_write.extend([templates, {
                        'weight': weight, 'weight_uom': kilogram}])
    if to_write:
        Template.write(*to_write)


def _freight_product():
    "The service the carriers invoice (公路运费)"
    pool = Pool()
    Template = pool.get('product.template')
    Category = pool.get('product.category')
    ModelData = pool.get('ir.model.data')
    unit = ModelData.get_id('product', 'uom_unit')
    accounting = Category.search([('accounting', '=', True)], limit=1)
    template, = Template.create([{
                'name': "公路运费",
                'type': 'service',
                'default_uom': unit,
                'salable': True, 'sale_uom': unit,
                'purchasable': True, 'purchase_uom': unit,
                'list_price': Decimal(0),
                'account_category': (
                    accounting[0].id if accounting else None),
                'products': [('create', [{}])],
                }])
    return template.products[0]


def _carriers(product):
    pool = Pool()
    Party = pool.get('party.party')
    Carrier = pool.get('carrier')
    Contact = pool.get('ame.customer.contact')
    Subdivision = pool.get('country.subdivision')
    Company = pool.get('company.company')
    currency = Company(Transaction().context['company']).currency
    codes = {c for *_, rates in CARRIERS for r in rates for c in r[:2] if c}
    places = {s.code: s.id for s in Subdivision.search([
                ('code', 'in', list(codes))])}
    parties = Party.create([{'name': name} for name, *_ in CARRIERS])
    Carrier.create([{
                'party': party.id,
                'carrier_product': product.id,
                'carrier_cost_method': 'rate',
                'rates': [('create', [{
                                'province': places.get(province),
                                'city': places.get(city),
                                'weight_from': weight_from,
                                'weight_to': weight_to,
                                'method': method,
                                'price': Decimal(price),
                                'minimum_charge': (Decimal(minimum)
                                    if minimum else None),
                                'currency': currency.id,
                                } for province, city, weight_from, weight_to,
                            method, price, minimum in rates])],
                } for party, (_, _, _, rates) in zip(parties, CARRIERS)])
    Contact.create([{
                'party': party.id, 'name': contact, 'title': "调度",
                'is_main': True, 'mobile': mobile,
                } for party, (_, contact, mobile, _) in zip(
                parties, CARRIERS)])
