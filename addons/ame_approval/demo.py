# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo approval configuration of 示例装备制造有限公司: sales quotations
above 500,000 CNY pass 销售经理 → 总经理 → 财务, smaller ones 销售经理;
purchases above 100,000 CNY pass 总经理. It runs after the demo of
ame_organisation and ame_permission (positions, users and their roles
exist)."""
from contextlib import contextmanager
from decimal import Decimal

from trytond.pool import Pool
from trytond.transaction import Transaction

# (name, approver type, position code or role xml id)
NODES = [
    ("销售经理", 'position', 'SALES-MGR'),
    ("总经理", 'position', 'GM'),
    ("财务", 'role', 'role_finance'),
    ]

# model, business name, description, flows:
# (flow name, above, up to, node names)
BUSINESSES = [
    ('sale.sale', "销售报价审批",
        "销售报价确认前的审批：金额超过 50 万元的报价须经销售经理、总经理、"
        "财务三级审批，其余报价由销售经理审批。", [
            ("大额销售审批", Decimal(500000), None,
                ["销售经理", "总经理", "财务"]),
            ("常规销售审批", None, Decimal(500000), ["销售经理"]),
            ]),
    ('purchase.purchase', "采购订单审批",
        "采购订单确认前的审批：金额超过 10 万元的采购由总经理审批。", [
            ("大额采购审批", Decimal(100000), None, ["总经理"]),
            ]),
    ]

# (business name, position code, up to amount)
LIMITS = [
    ("销售报价审批", 'SALES-MGR', Decimal(20000000)),
    ]


def generate(scale=1):
    "Create the approval configuration; no logins"
    pool = Pool()
    Company = pool.get('company.company')
    Position = pool.get('company.position')
    ModelData = pool.get('ir.model.data')
    Node = pool.get('ame.approval.node')
    Business = pool.get('ame.approval.business')
    Limit = pool.get('ame.approval.limit')

    company = Company(Transaction().context['company'])
    positions = {p.code: p for p in Position.search([
                ('company', '=', company.id),
                ])}
    nodes = {}
    for name, approver_type, approver in NODES:
        values = {
            'name': name,
            'company': company.id,
            'approver_type': approver_type,
            }
        if approver_type == 'position':
            if approver not in positions:
                continue
            values['position'] = positions[approver].id
        else:
            values['role'] = ModelData.get_id('ame_permission', approver)
        nodes[name], = Node.create([values])

    models = dict(Business.get_models())
    businesses = {}
    for model, name, description, flows in BUSINESSES:
        if model not in models:
            continue
        businesses[name], = Business.create([{
                    'name': name,
                    'company': company.id,
                    'model': model,
                    'transition': 'confirm',
                    'amount_field': 'total_amount',
                    'description': description,
                    'flows': [('create', [{
                                    'name': flow_name,
                                    'sequence': i,
                                    'min_amount': above,
                                    'max_amount': up_to,
                                    'levels': [('create', [{
                                                    'sequence': j,
                                                    'node': nodes[n].id,
                                                    } for j, n in enumerate(
                                                    node_names, 1)])],
                                    } for i, (flow_name, above, up_to,
                                    node_names) in enumerate(flows, 1)
                                if all(n in nodes for n in node_names)])],
                    }])

    Limit.create([{
                'company': company.id,
                'business': businesses[business].id,
                'position': positions[position].id,
                'max_amount': amount,
                } for business, position, amount in LIMITS
            if business in businesses and position in positions])
    submit_quotations()
    return []


# The decisions already taken on the demo quotations (by description),
# in order, so that approvals wait at each level: (login, decision).
# Quotations not listed wait for their first level.
DECISIONS = {
    "精密零件加工线扩产": ['sales_manager', 'gm'],
    "轴承套圈加工中心采购": ['sales_manager'],
    "液压站压力与流量监测": ['sales_manager'],
    "CK6150 大修备件": ['sales_manager'],
    }
# Approved quotations that their sales rep has confirmed, and those of them
# that the company has processed (a shipment and an invoice made)
CONFIRMED = ["液压站压力与流量监测", "CK6150 大修备件"]
PROCESSED = ["CK6150 大修备件"]


def submit_quotations():
    """The demo quotations go to approval, as their sales reps submit them;
    the approvers decide as DECISIONS says, the sales reps confirm what is
    in CONFIRMED and PROCESSED is processed"""
    pool = Pool()
    try:
        Sale = pool.get('sale.sale')
    except KeyError:
        return
    User = pool.get('res.user')
    Step = pool.get('ame.approval.step')
    transaction = Transaction()

    @contextmanager
    def as_user(user):
        with transaction.set_user(user.id), transaction.set_context(
                User.get_preferences(context_only=True)):
            yield

    users = {u.login: u for u in User.search([])}
    admin = users['admin']
    sales = Sale.search([('state', '=', 'quotation')], order=[('id', 'ASC')])
    submitters = {}
    for sale in sales:
        found = User.search([
                ('employees', '=', sale.employee.id),
                ], limit=1) if sale.employee else []
        submitter = found[0] if found else admin
        submitters[sale] = submitter
        with as_user(submitter):
            Sale.submit_approval([Sale(sale.id)])
    for sale in sales:
        for login in DECISIONS.get(sale.description, []):
            with as_user(users[login]):
                steps = Step.search([
                        ('request.document', '=', str(sale)),
                        ('state', '=', 'pending'),
                        ])
                Step.decide(steps, 'approve', "同意。")
    for sale in sales:
        if sale.description in CONFIRMED:
            with as_user(submitters[sale]):
                Sale.confirm([Sale(sale.id)])
    # What the queue does after the confirmation, as the company
    Sale.process(Sale.browse([s for s in sales
                if s.description in PROCESSED]))
