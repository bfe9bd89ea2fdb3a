# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The price strategies of the demo company, each submitted and approved
as its business says (销售经理 then 总经理): the company's list prices and
general discount, two product strategies (the CK series with a quantity
break, revised once: its first version expired; the 精测 instruments by
quantity), the A-grade customers' discount and one customer's contract
price; the B-grade customers' discount waits for the general manager."""
from contextlib import contextmanager
from decimal import Decimal

from trytond.pool import Pool
from trytond.transaction import Transaction

# (key, kind, name, customer: 'grade:A' or 'first' customer, lines:
# (scope, code of the product, series, brand or category, method, value,
# from quantity))
STRATEGIES = [
    ('company', 'company', "公司统一价格体系", None, [
            ('product', 'VMC850', 'list_price', 308000, 0),
            ('product', 'VMC1160', 'list_price', 488000, 0),
            ('category', '30', 'discount', 3, 0),
            ]),
    ('ck', 'product', "CK 系列数控车床促销", None, [
            ('series', 'CK', 'discount', 5, 0),
            ('series', 'CK', 'discount', 8, 3),
            ]),
    ('jc', 'product', "精测仪表批量折扣", None, [
            ('brand', 'JC', 'discount', 4, 10),
            ('brand', 'JC', 'discount', 8, 50),
            ]),
    ('grade_a', 'customer', "A 类客户优惠", 'grade:A', [
            ('all', None, 'discount', 6, 0),
            ]),
    ('contract', 'customer', "战略客户年度协议价", 'first', [
            ('product', 'CK6150', 'fixed', 150000, 0),
            ('series', 'VMC', 'discount', 10, 0),
            ]),
    ('grade_b', 'customer', "B 类客户优惠", 'grade:B', [
            ('all', None, 'discount', 3, 0),
            ]),
    ]
# The strategy left waiting for the general manager
WAITING = 'grade_b'
# The strategy revised: its version 2 and the new discount of its lines
REVISED = 'ck', Decimal(6)


@contextmanager
def as_user(user):
    pool = Pool()
    User = pool.get('res.user')
    transaction = Transaction()
    with transaction.set_user(user.id), transaction.set_context(
            User.get_preferences(context_only=True)):
        yield


def generate(rng, scale):
    "The strategies of the company of the context, approved"
    pool = Pool()
    Company = pool.get('company.company')
    Date = pool.get('ir.date')
    company = Company(Transaction().context['company'])
    start = Date.today().replace(month=1, day=1)
    strategies = create_strategies(company, start)
    submit(list(strategies.values()))
    # The one of WAITING waits for the general manager
    approve([s for k, s in strategies.items() if k != WAITING])
    revise(strategies[REVISED[0]], REVISED[1])


def targets():
    "The products, series, brands and categories by code"
    pool = Pool()
    Product = pool.get('product.product')
    Series = pool.get('product.series')
    Brand = pool.get('product.brand')
    Category = pool.get('product.category')
    return {
        'product': {p.template.model_code: p for p in Product.search([])},
        'series': {s.code: s for s in Series.search([])},
        'brand': {b.code: b for b in Brand.search([])},
        'category': {c.code: c for c in Category.search([])},
        }


def create_strategies(company, start):
    pool = Pool()
    Strategy = pool.get('ame.price.strategy')
    Party = pool.get('party.party')
    Value = pool.get('ame.dictionary.value')
    found = targets()
    customers = Party.search([('is_customer', '=', True)],
        order=[('customer_number', 'ASC')], limit=1)
    grades = {v.code: v for v in Value.search([
                ('category.code', '=', 'customer_grade')])}
    result = {}
    for key, kind, name, customer, lines in STRATEGIES:
        values = {'company': company.id, 'kind': kind, 'name': name,
            'start_date': start}
        if customer and customer.startswith('grade:'):
            values['customer_grade'] = grades[customer[6:]].id
        elif customer:
            if not customers:
                continue
            values['customer'] = customers[0].id
        values['lines'] = [('create', [
                    line_values(found, *line) for line in lines
                    if line[0] == 'all' or line[1] in found[line[0]]])]
        if values['lines'][0][1]:
            result[key], = Strategy.create([values])
    return result


def line_values(found, scope, code, method, value, min_quantity):
    values = {'scope': scope, 'method': method,
        'min_quantity': min_quantity}
    if scope != 'all':
        values[scope] = found[scope][code].id
    values['discount' if method == 'discount' else 'unit_price'] = (
        Decimal(value))
    return values


def submit(strategies):
    "Submitted by the administrator running the demo"
    Strategy = Pool().get('ame.price.strategy')
    Strategy.submit(strategies)


def approve(strategies, logins=('gm',)):
    "The approvers of the demo's flow (approvals.py) decide, in turn"
    pool = Pool()
    User = pool.get('res.user')
    Step = pool.get('ame.approval.step')
    users = {u.login: u for u in User.search([('login', 'in', logins)])}
    for login in logins:
        if login not in users:
            return
        with as_user(users[login]):
            Step.decide(Step.search([
                        ('request.document', 'in',
                            [str(s) for s in strategies]),
                        ('state', '=', 'pending'),
                        ]), 'approve', "同意。")


def revise(strategy, discount):
    "The next version of the strategy, approved: the first one expires"
    pool = Pool()
    Strategy = pool.get('ame.price.strategy')
    Line = pool.get('ame.price.strategy.line')
    strategy = Strategy(strategy.id)
    if strategy.state != 'active':
        return
    action = Strategy.revise([strategy])
    revision, = Strategy.browse(action['res_id'])
    Line.write([line for line in revision.lines if not line.min_quantity],
        {'discount': discount})
    submit([revision])
    approve([revision])
