# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Suppliers, supplier prices, carriers and rates built with the Pool
models inside a transaction (a unit test's, or a scenario's through
ame_base.tests.tools.build)."""
from decimal import Decimal

from trytond.modules.ame_base.tests.tools import PRODUCT_MODULES
from trytond.pool import Pool

# The modules of every test of ame_partner
# The unit tests and scenarios run on the whole product's module set,
# shared with the other modules at the top of the product
MODULE_EXTRAS = PRODUCT_MODULES


def supplier_class(code='component'):
    "The value of the supplier_class dictionary of code"
    Value = Pool().get('ame.dictionary.value')
    value, = Value.search([
            ('category.code', '=', 'supplier_class'), ('code', '=', code)])
    return value


def create_supplier(name, qualification='qualified', rating='a',
        class_='component', **values):
    "A supplier with an address"
    Party = Pool().get('party.party')
    supplier, = Party.create([{
                'name': name, 'is_supplier': True,
                'supplier_qualification': qualification,
                'supplier_rating': rating,
                'supplier_class': supplier_class(class_).id,
                'addresses': [('create', [{}])],
                **values}])
    return supplier


def account_category():
    """The accounting category of the goods, without taxes (the lines of
    sales and purchases take the taxes of their product's category)"""
    Category = Pool().get('product.category')
    categories = Category.search([('name', '=', "设备及备件")])
    if not categories:
        categories = Category.create([{
                    'name': "设备及备件", 'accounting': True}])
    return categories[0]


def create_goods(name, list_price, weight=None, volume=None):
    """Goods sold and bought by the unit (u), weighing weight kg and
    measuring volume m³ a unit"""
    pool = Pool()
    Template = pool.get('product.template')
    ModelData = pool.get('ir.model.data')
    unit = ModelData.get_id('product', 'uom_unit')
    template, = Template.create([{
                'name': name, 'type': 'goods', 'default_uom': unit,
                'account_category': account_category().id,
                'salable': True, 'sale_uom': unit,
                'purchasable': True, 'purchase_uom': unit,
                'list_price': Decimal(list_price),
                'weight': weight,
                'weight_uom': (ModelData.get_id('product', 'uom_kilogram')
                    if weight else None),
                'volume': volume,
                'volume_uom': (ModelData.get_id('product', 'uom_cubic_meter')
                    if volume else None),
                'products': [('create', [{}])],
                }])
    return template.products[0]


def create_supplier_price(product, supplier, prices, company):
    """The supplier's prices of product: a list of (quantity, unit price,
    start date, end date)"""
    ProductSupplier = Pool().get('purchase.product_supplier')
    product_supplier, = ProductSupplier.create([{
                'template': product.template.id,
                'product': product.id,
                'party': supplier.id,
                'company': company.id,
                'currency': company.currency.id,
                'prices': [('create', [{
                                'quantity': quantity,
                                'unit_price': Decimal(unit_price),
                                'start_date': start,
                                'end_date': end,
                                } for quantity, unit_price, start, end
                            in prices])],
                }])
    return product_supplier


def create_carrier(name, rates=(), currency=None):
    """A carrier priced from its rates: a list of dicts of carrier.rate
    values (province and city as subdivisions)"""
    pool = Pool()
    Party = pool.get('party.party')
    Carrier = pool.get('carrier')
    Template = pool.get('product.template')
    ModelData = pool.get('ir.model.data')
    unit = ModelData.get_id('product', 'uom_unit')
    party, = Party.create([{'name': name}])
    template, = Template.create([{
                'name': f"{name}运费", 'type': 'service',
                'account_category': account_category().id,
                'default_uom': unit, 'salable': True, 'sale_uom': unit,
                'list_price': Decimal(0),
                'products': [('create', [{}])],
                }])
    carrier, = Carrier.create([{
                'party': party.id,
                'carrier_product': template.products[0].id,
                'carrier_cost_method': 'rate',
                'rates': [('create', [_rate_values(r, currency)
                            for r in rates])],
                }])
    return carrier


def _rate_values(rate, currency):
    values = {'method': 'weight', **rate}
    for name in ['province', 'city']:
        if values.get(name) is not None:
            values[name] = values[name].id
    for name in ['price', 'minimum_charge']:
        if values.get(name) is not None:
            values[name] = Decimal(values[name])
    if currency is not None:
        values.setdefault('currency', currency.id)
    return values
