# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The price strategies of ame_price_strategy at scale (issue 9, item 11).

A tenant with the demo data (scale 1: its strategies, floors and
approvals made by the ORM as the demo makes them), 200 more products, and
10,000 strategies with 25,000 lines inserted in bulk: customer strategies
of the demo's customers, of the customer grades, product strategies by
product, series, brand and category with quantity breaks, company
strategies; a fifth of them expired, their start dates over two years.

A 200-line quotation of the customer with the most strategies is priced
as the sales manager, in server time (target < 300 ms): the strategies
of its lines found (one query for the products' list prices, series,
brands and categories, one for the candidate strategy lines that may
apply first, the others left out by a window in SQL, the precedence in
Python) and their unit prices in the lines' units and
currency (get_sale_price once per context and quantity). Printed beside
it: 按价格策略定价, the sale's button, which is that pricing plus Tryton's
write of the 200 lines (one write; Tryton validates the domains of the
lines' product, unit, taxes and unit price again, as for any write of
sale lines), and the creation of the quotation (each line priced once by
the server, as lines saved by the client are). Each figure is the median
of 7 runs; the machine's load average is printed with them, as other
processes slow them down.
Runs on PostgreSQL (AME_DB_URI, default the local server)."""
import datetime as dt
import os
import random
import time
from decimal import Decimal

from sql.aggregate import Count

import common

TENANT = 'ame_bench_price'
STRATEGIES = 10_000
PRODUCTS = 200
LINES = 200
TARGET = 0.300
SEED = 20261215
# Rows per INSERT (PostgreSQL takes at most 65,535 parameters)
BATCH = 1000


def generate(pool):
    """The products and the strategies, in bulk; return the ids of the
    customer, the 200 products of the quotation and the sales manager"""
    from trytond.transaction import Transaction
    Company = pool.get('company.company')
    User = pool.get('res.user')
    company, = Company.search([])
    with Transaction().set_context(company=company.id):
        products = create_products(pool)
        customer = insert_strategies(pool, company, products)
    manager, = User.search([('login', '=', 'sales_manager')])
    rng = random.Random(SEED)
    return customer, rng.sample(products, LINES), manager.id


def create_products(pool):
    "200 products of the demo's series, brands and categories"
    Template = pool.get('product.template')
    Product = pool.get('product.product')
    Series = pool.get('product.series')
    Category = pool.get('product.category')
    Uom = pool.get('product.uom')
    rng = random.Random(SEED)
    unit, = Uom.search([('symbol', '=', 'u')])
    series = Series.search([])
    categories = Category.search([('accounting', '!=', True)])
    accounting = Category.search([('accounting', '=', True)], limit=1)
    Template.create([{
                'name': f"基准产品 {i:03d}", 'type': 'goods',
                'salable': True, 'default_uom': unit.id,
                'sale_uom': unit.id,
                'list_price': Decimal(rng.randrange(1000, 500000)),
                'series': s.id, 'brand': s.brand.id,
                'categories': [('add', [rng.choice(categories).id])],
                'account_category': (
                    accounting[0].id if accounting else None),
                'products': [('create', [{}])],
                } for i, s in ((i, rng.choice(series))
                for i in range(PRODUCTS))])
    return [p.id for p in Product.search([('salable', '=', True)])]


def insert_strategies(pool, company, products):
    """10,000 strategies and their lines; return the id of the customer
    with the most of them"""
    from trytond.tools import grouped_slice
    from trytond.transaction import Transaction
    Party = pool.get('party.party')
    Series = pool.get('product.series')
    Brand = pool.get('product.brand')
    Category = pool.get('product.category')
    Value = pool.get('ame.dictionary.value')
    Strategy = pool.get('ame.price.strategy')
    Line = pool.get('ame.price.strategy.line')
    strategy = Strategy.__table__()
    line = Line.__table__()
    cursor = Transaction().connection.cursor()
    rng = random.Random(SEED)
    today = dt.date.today()
    customers = [p.id for p in Party.search([('is_customer', '=', True)])]
    grades = [v.id for v in Value.search([
                ('category.code', '=', 'customer_grade')])]
    targets = {
        'product': products,
        'series': [s.id for s in Series.search([])],
        'brand': [b.id for b in Brand.search([])],
        'category': [c.id for c in Category.search([])],
        }
    rows = []
    for i in range(STRATEGIES):
        kind = rng.choices(['customer', 'grade', 'product', 'company'],
            [60, 2, 37, 1])[0]
        start = today - dt.timedelta(days=rng.randrange(730))
        end = (start + dt.timedelta(days=rng.randrange(90, 730))
            if rng.random() < 0.5 else None)
        state = 'expired' if rng.random() < 0.2 else 'active'
        rows.append([company.id, f"JG-B-{i:05d}", f"基准策略 {i}",
                'customer' if kind == 'grade' else kind,
                rng.choice(customers) if kind == 'customer' else None,
                rng.choice(grades) if kind == 'grade' else None,
                start, end, 1, state, 'approved', 0, dt.datetime.now()])
    ids = []
    for sub_rows in grouped_slice(rows, BATCH):
        cursor.execute(*strategy.insert([strategy.company, strategy.number,
                    strategy.name, strategy.kind, strategy.customer,
                    strategy.customer_grade, strategy.start_date,
                    strategy.end_date, strategy.version, strategy.state,
                    strategy.approval_state, strategy.create_uid,
                    strategy.create_date], list(sub_rows),
                returning=[strategy.id]))
        ids.extend(i for i, in cursor.fetchall())
    lines = []
    for strategy_id in ids:
        for _ in range(rng.choice([1, 2, 2, 3, 4])):
            scope = rng.choices(
                ['product', 'series', 'brand', 'category', 'all'],
                [60, 20, 5, 10, 5])[0]
            values = dict.fromkeys(targets)
            if scope != 'all':
                values[scope] = rng.choice(targets[scope])
            lines.append([strategy_id, scope, values['product'],
                    values['series'], values['brand'], values['category'],
                    rng.choice([0, 0, 5, 10, 50]), 'discount',
                    Decimal(rng.randrange(1, 30)), 0, dt.datetime.now()])
    for sub_lines in grouped_slice(lines, BATCH):
        cursor.execute(*line.insert([line.strategy, line.scope,
                    line.product, line.series, line.brand, line.category,
                    line.min_quantity, line.method, line.discount,
                    line.create_uid, line.create_date], list(sub_lines)))
    print(f"  {len(ids):,} strategies, {len(lines):,} lines inserted",
        flush=True)
    cursor.execute('ANALYZE ame_price_strategy')
    cursor.execute('ANALYZE ame_price_strategy_line')
    cursor.execute(*strategy.select(strategy.customer,
            where=strategy.customer != None,  # noqa: E711
            group_by=[strategy.customer],
            order_by=[Count(strategy.id).desc], limit=1))
    customer_id, = cursor.fetchone()
    return customer_id


def create_quotation(pool, customer_id, product_ids):
    "The 200-line quotation, each line priced by the server at its save"
    Sale = pool.get('sale.sale')
    Party = pool.get('party.party')
    customer = Party(customer_id)
    rng = random.Random(SEED)
    sale, = Sale.create([{
                'party': customer.id,
                'invoice_address': customer.addresses[0].id,
                'shipment_address': customer.addresses[0].id,
                'lines': [('create', [{
                                'type': 'line', 'product': p,
                                'unit': pool.get('product.product')(
                                    p).sale_uom.id,
                                'quantity': rng.choice([1, 2, 5, 12, 60]),
                                'unit_price': Decimal(1),
                                } for p in product_ids])],
                }])
    return sale.id


def main():
    common.configure(default_uri='postgresql://postgres@127.0.0.1:5432/')
    from trytond.pool import Pool
    from trytond.transaction import Transaction, TransactionError
    from trytond.modules.ame_base.tenant import run_in_transaction
    print(f"  price strategies: {STRATEGIES:,} strategies, a {LINES}-line "
        "quotation")
    with common.tenant(TENANT, ['ame_price_strategy'], scale=1):
        pool = Pool(TENANT)
        started = time.perf_counter()
        customer, products, manager = run_in_transaction(
            TENANT, 0, generate, pool)
        common.report("data generation", time.perf_counter() - started,
            unit='s')
        User = pool.get('res.user')
        with Transaction().start(TENANT, manager, readonly=True):
            context = User.get_preferences(context_only=True)

        def in_transaction(func, rollback=True):
            "func in a transaction of the manager, restarted as RPC does"
            def run():
                extras = {}
                while True:
                    with Transaction().start(TENANT, manager,
                            context=context, **extras) as transaction:
                        try:
                            result = func()
                        except TransactionError as error:
                            transaction.rollback()
                            error.fix(extras)
                            continue
                        if rollback:
                            transaction.rollback()
                        else:
                            transaction.commit()
                        return result
            return run
        started = time.perf_counter()
        sale_id = in_transaction(
            lambda: create_quotation(pool, customer, products),
            rollback=False)()
        common.report(f"create the {LINES}-line quotation (reference)",
            time.perf_counter() - started)
        Sale = pool.get('sale.sale')
        Line = pool.get('sale.line')

        def price():
            lines = Sale(sale_id).lines
            prices = Line.strategy_unit_prices(Line.strategy_prices(lines))
            assert len(prices) == LINES
            return prices

        def apply():
            Sale.apply_price_strategies([Sale(sale_id)])
        seconds = common.measure(in_transaction(price))
        verdict = 'ok' if seconds < TARGET else 'NO'
        common.report(f"pricing of the {LINES} lines "
            f"(target < {TARGET * 1000:.0f} ms: {verdict})", seconds)
        common.report(f"按价格策略定价, {LINES} lines: the pricing and "
            "Tryton's write (reference)",
            common.measure(in_transaction(apply)))
        print("  load average (1, 5, 15 min): "
            + ", ".join(f"{load:.2f}" for load in os.getloadavg()))


if __name__ == '__main__':
    main()
