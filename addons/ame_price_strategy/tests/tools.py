# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Price strategies, floors and priced quotations built with the Pool
models inside a transaction (a unit test's, or a scenario's through
ame_base.tests.tools.build)."""
import datetime as dt
from decimal import Decimal

from trytond.modules.ame_base.tests.tools import PRODUCT_MODULES, today
from trytond.pool import Pool

# The unit tests and scenarios run on the whole product's module set,
# shared with the other modules at the top of the product
MODULE_EXTRAS = PRODUCT_MODULES



def create_catalogue():
    """数控机床 > 数控车床, the brand 华锐数控 and its series CK, and three
    products (unit u): CK6150 at 168,000, CK6140 at 118,000 (both of the
    series) and a spindle unit of the brand at 26,000 in 备品备件; return
    the records by name"""
    pool = Pool()
    Category = pool.get('product.category')
    Brand = pool.get('product.brand')
    Series = pool.get('product.series')
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')
    unit, = Uom.search([('symbol', '=', 'u')])
    machines, = Category.create([{'name': "数控机床"}])
    lathes, spares = Category.create([
            {'name': "数控车床", 'parent': machines.id},
            {'name': "备品备件"}])
    # Without taxes, for the on_change of the sale lines
    accounting, = Category.create([{'name': "设备销售", 'accounting': True}])
    brand, = Brand.create([{'name': "华锐数控", 'code': 'HR'}])
    series, = Series.create([{
                'name': "CK 系列数控车床", 'code': 'CK', 'brand': brand.id,
                'category': lathes.id}])
    result = {'machines': machines, 'lathes': lathes, 'spares': spares,
        'brand': brand, 'series': series, 'unit': unit}
    for key, name, price, category, in_series in [
            ('ck6150', "数控车床 CK6150", 168000, lathes, True),
            ('ck6140', "数控车床 CK6140", 118000, lathes, True),
            ('spindle', "主轴单元", 26000, spares, False),
            ]:
        template, = Template.create([{
                    'name': name, 'type': 'goods', 'salable': True,
                    'default_uom': unit.id, 'sale_uom': unit.id,
                    'list_price': Decimal(price),
                    'brand': brand.id, 'account_category': accounting.id,
                    'series': series.id if in_series else None,
                    'categories': [('add', [category.id])],
                    'products': [('create', [{}])],
                    }])
        result[key], = template.products
    return result


def create_strategy(company, kind, lines, state='active', name=None,
        start_date=None, end_date=None, **values):
    """A strategy of kind in state (set as the workflow leaves it) with
    lines (scope, target record or None, method, value, from quantity):
    value is the discount % or the unit price"""
    Strategy = Pool().get('ame.price.strategy')

    def line(scope, target, method, value, min_quantity=0):
        result = {'scope': scope, 'method': method,
            'min_quantity': min_quantity}
        if target is not None:
            result[scope] = target.id
        if method == 'discount':
            result['discount'] = Decimal(value)
        else:
            result['unit_price'] = Decimal(value)
        return result
    strategy, = Strategy.create([{
                'company': company.id, 'kind': kind,
                'name': name or f"{kind} strategy",
                'start_date': start_date or today() - dt.timedelta(days=30),
                'end_date': end_date,
                'lines': [('create', [line(*row) for row in lines])],
                **values}])
    if state != strategy.state:
        Strategy.write([strategy], {'state': state})
    return strategy


def customer_grade(code):
    "The value of the customer_grade dictionary of code (A, B, C)"
    Value = Pool().get('ame.dictionary.value')
    value, = Value.search([
            ('category.code', '=', 'customer_grade'), ('code', '=', code)])
    return value


def create_floor(company, role, percent, **values):
    """The floor of the role (XML id of ame_permission) at percent of the
    list price (values: category, series)"""
    pool = Pool()
    Floor = pool.get('ame.price.floor')
    ModelData = pool.get('ir.model.data')
    floor, = Floor.create([{
                'company': company.id,
                'role': ModelData.get_id('ame_permission', role),
                'min_percent': Decimal(percent),
                **{k: v.id for k, v in values.items()}}])
    return floor


def create_quotation(company, customer, employee, items, sale_date=None):
    """A draft sale of customer owned by employee whose lines (product,
    quantity) are priced as the client prices them (on_change)"""
    pool = Pool()
    Sale = pool.get('sale.sale')
    sale, = Sale.create([{
                'company': company.id, 'party': customer.id,
                'invoice_address': customer.addresses[0].id,
                'shipment_address': customer.addresses[0].id,
                'employee': employee.id if employee else None,
                'sale_date': sale_date or today(),
                'invoice_method': 'manual', 'shipment_method': 'manual',
                }])
    for product, quantity in items:
        add_line(sale, product, quantity)
    return Sale(sale.id)


def add_line(sale, product, quantity, unit_price=None):
    """Add a line of quantity product to the sale priced as the client
    prices it (compute_unit_price of its on_change), or at unit_price
    typed by the user (without taxes: the products have no accounts)"""
    Line = Pool().get('sale.line')
    line = Line(sale=sale, type='line', quantity=quantity, product=product,
        unit=product.sale_uom, taxes=[])
    line.unit_price = line.compute_unit_price()
    if unit_price is not None:
        line.unit_price = Decimal(unit_price)
    line.save()
    return line


def create_approvals(company):
    """The approval nodes of the sales manager and general manager roles,
    the business of the price strategies (sales manager then general
    manager) and that of the quotations below their floor price (sales
    manager); return the businesses"""
    pool = Pool()
    Business = pool.get('ame.approval.business')
    Node = pool.get('ame.approval.node')
    ModelData = pool.get('ir.model.data')
    manager, gm = Node.create([{
                'name': name, 'company': company.id,
                'approver_type': 'role',
                'role': ModelData.get_id('ame_permission', role),
                } for name, role in [
                ("销售经理", 'role_sales_manager'),
                ("总经理", 'role_general_manager')]])

    def flow(name, nodes):
        return [('create', [{'name': name, 'levels': [('create', [
                                    {'sequence': i, 'node': n.id}
                                    for i, n in enumerate(nodes)])]}])]
    return Business.create([{
                'name': "价格策略审批", 'company': company.id,
                'model': 'ame.price.strategy', 'transition': 'approve',
                'flows': flow("价格策略审批流程", [manager, gm]),
                }, {
                'name': "低于最低价审批", 'company': company.id,
                'model': 'sale.sale', 'transition': 'confirm',
                'condition': '[["below_floor_price", "=", true]]',
                'flows': flow("低于最低价审批流程", [manager]),
                }])


def decide(document, user, decision='approve', comment="同意。"):
    "The user decides his pending step of the document's approval"
    from trytond.modules.ame_permission.tests.tools import as_user
    Step = Pool().get('ame.approval.step')
    with as_user(user, check_access=False):
        steps = Step.search([
                ('request.document', '=', str(document)),
                ('state', '=', 'pending'),
                ])
        Step.decide(steps, decision, comment)
