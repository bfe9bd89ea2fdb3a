# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""客户价值分析 of the demo: the orders of the last 12 months, then the
analysis of those months, computed once.

The demo's own sales are quotations (ame_permission) and a few confirmed
orders (ame_approval); a value analysis needs a year of orders. This area
adds the orders of the last 12 months as a company has them when it starts
with AME (历史订单, taken over from its former system): numbered as
quotations and orders, confirmed (the last two months) or done, without
shipments or invoices. About half of the customers bought, few of them
much (a Pareto law), from the demo's products at their list price less a
discount. Then the analysis of the last 12 full months is made and computed
as a click on 计算 does, its task run at once."""
import datetime as dt
from decimal import Decimal

from trytond.modules.ame_crm.value_analysis import last_twelve_months
from trytond.pool import Pool
from trytond.transaction import Transaction

# The share of the owned customers and of the pool's that bought
BUYERS = 0.5
POOL_BUYERS = 0.2
# The orders of a customer at most, and the lines of an order
MAX_ORDERS = 8
MAX_LINES = 3
# Orders younger than this are still confirmed, the others done
CONFIRMED_DAYS = 60
DESCRIPTIONS = ["设备采购", "产线扩产", "备件补充", "设备更新改造", "年度采购",
    "新厂建设", "检测仪表采购"]


def generate(rng, scale):
    "Create the orders of the last 12 months and the analysis; no logins"
    pool = Pool()
    Company = pool.get('company.company')
    Date = pool.get('ir.date')
    company = Company(Transaction().context['company'])
    from_date, to_date = last_twelve_months(Date.today())
    create_orders(rng, scale, company, from_date, to_date)
    compute_analysis(company, from_date, to_date)


def create_orders(rng, scale, company, from_date, to_date):
    "The orders of the customers between from_date and to_date"
    pool = Pool()
    Party = pool.get('party.party')
    Product = pool.get('product.product')
    Sale = pool.get('sale.sale')
    Line = pool.get('sale.line')
    Location = pool.get('stock.location')
    warehouses = Location.search([('type', '=', 'warehouse')],
        order=[('code', 'ASC'), ('id', 'ASC')], limit=1)
    products = [p for p in Product.search([
                ('salable', '=', True),
                ('template.type', '=', 'goods'),
                ], order=[('id', 'ASC')])
        if p.list_price_used]
    if not products or not warehouses:
        return
    # Machines sell to the greater customers, parts and instruments to all
    machines = [p for p in products if p.list_price_used >= 100000]
    others = [p for p in products if p.list_price_used < 100000] or machines
    machines = machines or others
    customers = Party.search([
            ('is_customer', '=', True),
            ('addresses', '!=', None),
            ], order=[('id', 'ASC')])
    days = (to_date - from_date).days
    sales = []
    for customer in customers:
        share = BUYERS if customer.owner else POOL_BUYERS
        if rng.random() >= share:
            continue
        # The size of the customer: 1 for most, up to tens for a few
        size = min(rng.paretovariate(1.3), 30)
        orders = min(MAX_ORDERS, 1 + int(rng.expovariate(1 / size) / 2))
        for _ in range(orders * scale):
            date = from_date + dt.timedelta(days=rng.randrange(days + 1))
            sale = Sale(
                company=company, party=customer,
                employee=customer.owner, warehouse=warehouses[0],
                sale_date=date, quotation_date=date,
                description=rng.choice(DESCRIPTIONS),
                invoice_method='manual', shipment_method='manual')
            sale.on_change_party()
            lines = []
            for _ in range(rng.randint(1, MAX_LINES)):
                big = rng.random() < min(0.7, 0.08 * size)
                product = rng.choice(machines if big else others)
                line = Line(sale=sale, product=product,
                    quantity=rng.randint(1, 2 if big else 10))
                line.on_change_product()
                # The discount of the order, 0 to 15 %
                line.unit_price = (product.list_price_used * (
                        100 - rng.randint(0, 15)) / 100).quantize(
                    Decimal('0.01'))
                lines.append(line)
            sale.lines = lines
            sales.append(sale)
    if not sales:
        return
    # Numbered in the order of their dates
    sales.sort(key=lambda s: s.sale_date)
    Sale.save(sales)
    # Quoted and confirmed long ago: their states as the workflow left them
    # and their order numbers
    Sale.write(sales, {'state': 'quotation'})
    Sale.set_order_number(sales)
    recent = to_date - dt.timedelta(days=CONFIRMED_DAYS)
    Sale.write(
        [s for s in sales if s.sale_date > recent], {'state': 'confirmed'},
        [s for s in sales if s.sale_date <= recent], {'state': 'done'})


def compute_analysis(company, from_date, to_date):
    """The analysis of the period, computed as a click on 计算 does; its
    task runs at once, as after a request without trytond-worker"""
    pool = Pool()
    Analysis = pool.get('ame.customer.value.analysis')
    Queue = pool.get('ir.queue')
    transaction = Transaction()
    analysis, = Analysis.create([{
                'company': company.id,
                'from_date': from_date,
                'to_date': to_date,
                }])
    queued = list(transaction.tasks)
    Analysis.compute([analysis])
    for task in [t for t in transaction.tasks if t not in queued]:
        transaction.tasks.remove(task)
        Queue(task).run()
