# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo data of ame_selection: four families imported as an application
engineer imports them (a differential pressure transmitter, an
electromagnetic flow meter, a thermocouple, a CNC lathe), their products
in the demo catalogue, a selection table of 500 ready models of the
transmitter, and quotations of the sales rep made with the configurator.

Runs after the demo of ame_permission (the account category of the demo
products, the customers) and ame_price_strategy (the customers' discounts
apply to the configured prices)."""
import datetime as dt
from decimal import Decimal

from trytond.pool import Pool
from trytond.transaction import Transaction

from ..tests.families import differential_pressure, thermocouple
from .families import CNC_LATHE, FLOW_METER

# family code: brand, series and category codes of the demo catalogue,
# the days from order to shipment of the standard model
PRODUCTS = {
    'AM3051DP': ('JC', 'PT', '2010', 28),
    'FM-EM': ('JC', 'FM', '2020', 35),
    'WR-TC': ('JC', None, '20', 14),
    'CK61': ('HR', 'CK', '1010', 90),
    }
# Quotations made with the configurator by the sales rep (employee code)
# for his customers, in order: description, (family code, model code,
# quantity)
REP = 'E0004'
QUOTATIONS = [
    ("差压与流量测点改造", [
            ('AM3051DP', 'AM3051CD2A21A1-S5/B4/M5', 6),
            ('FM-EM', 'FM050P1IA-F/G/Q', 4)]),
    ("热处理炉测温", [
            ('WR-TC', 'WRN2-230-500', 12)]),
    ("长轴车削", [
            ('CK61', 'CK6150-1500H8-W/F', 2)]),
    ]


def generate(scale=1):
    "Create the demo records; no logins"
    pool = Pool()
    Template = pool.get('ame.selection.template')
    families = [differential_pressure(), FLOW_METER, thermocouple(),
        CNC_LATHE]
    create_products(families)
    templates = Template.import_families(families)
    try:
        from . import table
    except ImportError:
        table = None
    if table is not None:
        table.generate(templates[0], rows=500)
    create_quotations(scale)


def create_products(families):
    """The product of each family, in the demo catalogue, with the account
    category of the demo products"""
    pool = Pool()
    Brand = pool.get('product.brand')
    Series = pool.get('product.series')
    Category = pool.get('product.category')
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')
    # The demo catalogue's 台, else Tryton's unit
    unit = (Uom.search([('name', '=', "台")], limit=1)
        or Uom.search([('symbol', '=', 'u')], limit=1))[0]
    accounting = Category.search([('accounting', '=', True)], limit=1)
    values = []
    for data in families:
        brand, series, category, days = PRODUCTS[data['code']]
        brand, = Brand.search([('code', '=', brand)])
        category, = Category.search([('code', '=', category)])
        series = Series.search([('code', '=', series)]) if series else []
        values.append({
                'name': data['name'], 'code': data['code'],
                'model_code': data['base_code'], 'type': 'goods',
                'salable': True,
                'list_price': Decimal(data['base_price']),
                'default_uom': unit.id, 'sale_uom': unit.id,
                'brand': brand.id, 'series': series[0].id if series else None,
                'categories': [('add', [category.id])],
                'account_category': accounting[0].id if accounting else None,
                'lead_time': dt.timedelta(days=days),
                'products': [('create', [{}])],
                })
    Template.create(values)


def create_quotations(scale):
    """The QUOTATIONS of the rep for his first customers, each model read
    from its code as the configurator reads it and added to his draft,
    then quoted but the last"""
    pool = Pool()
    Company = pool.get('company.company')
    Employee = pool.get('company.employee')
    Party = pool.get('party.party')
    Sale = pool.get('sale.sale')
    Line = pool.get('sale.line')
    Template = pool.get('ame.selection.template')
    Location = pool.get('stock.location')
    company = Company(Transaction().context['company'])
    # The warehouse of the demo's other quotations
    warehouse, = Location.search([
            ('type', '=', 'warehouse'), ('code', '=', 'SH01')])
    employee, = Employee.search([('code', '=', REP)])
    customers = Party.search([
            ('is_customer', '=', True), ('owner', '=', employee.id)],
        order=[('id', 'ASC')], limit=len(QUOTATIONS))
    sales = []
    for _ in range(scale):
        for party, (description, models) in zip(customers, QUOTATIONS):
            sale = Sale(company=company, employee=employee,
                warehouse=warehouse, description=description)
            sale.party = party
            sale.on_change_party()
            sale.save()
            for family, code, quantity in models:
                template, = Template.search([('code', '=', family)])
                parsed = Template.parse(code)
                Line.add_configured(sale, template.current_version,
                    parsed['selections'], parsed['extras'],
                    quantity=quantity)
            sales.append(sale)
    Sale.quote(sales[:-1])
