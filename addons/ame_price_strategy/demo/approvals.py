# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The approval businesses of the price strategies (总经理 approves what the
销售经理 proposes: the submitter never approves his own document) and of
the quotations below the floor price of their rep's role, which comes
before the demo's business of all quotations with the same approvers
(销售经理; 总经理 and 财务 too above 500,000 CNY); the floor prices of
the roles: 销售员 90% of the list price (92% on the CK series), 销售经理
80%, 总经理 none."""
from decimal import Decimal

from trytond.pool import Pool
from trytond.transaction import Transaction

# (name, position code or role xml id): the nodes of ame_approval's demo,
# made again by role when they are missing
NODES = [
    ("销售经理", 'role_sales_manager'),
    ("总经理", 'role_general_manager'),
    ("财务", 'role_finance'),
    ]
# model, transition, name, condition, description, flows:
# (flow name, above, up to, node names)
BUSINESSES = [
    ('ame.price.strategy', 'approve', "价格策略审批", None,
        "公司、产品和客户价格策略生效前的审批：销售经理提交，总经理批准。", [
            ("价格策略审批流程", None, None, ["总经理"]),
            ]),
    ('sale.sale', 'confirm', "低于最低价审批",
        '[["below_floor_price", "=", true]]',
        "报价单价低于销售员角色最低价的报价确认前的审批：由销售经理审批，"
        "金额超过 50 万元的再经总经理、财务审批。", [
            ("大额低价审批", Decimal(500000), None,
                ["销售经理", "总经理", "财务"]),
            ("低价审批", None, Decimal(500000), ["销售经理"]),
            ]),
    ]
# (role xml id, percent, series code or None)
FLOORS = [
    ('role_sales_rep', 90, None),
    ('role_sales_rep', 92, 'CK'),
    ('role_sales_manager', 80, None),
    ('role_general_manager', 0, None),
    ]


def generate(rng, scale):
    "The businesses, flows and floors of the company of the context"
    pool = Pool()
    Company = pool.get('company.company')
    company = Company(Transaction().context['company'])
    nodes = get_nodes(company)
    create_businesses(company, nodes)
    create_floors(company)


def get_nodes(company):
    "The approval nodes by name, those of ame_approval's demo first"
    pool = Pool()
    Node = pool.get('ame.approval.node')
    ModelData = pool.get('ir.model.data')
    nodes = {n.name: n for n in Node.search([
                ('company', '=', company.id),
                ('name', 'in', [n for n, _ in NODES]),
                ])}
    missing = [(name, role) for name, role in NODES if name not in nodes]
    for node in Node.create([{
                    'name': name, 'company': company.id,
                    'approver_type': 'role',
                    'role': ModelData.get_id('ame_permission', role),
                    } for name, role in missing]):
        nodes[node.name] = node
    return nodes


def create_businesses(company, nodes):
    """The businesses, before those of ame_approval's demo: a quotation
    below its floor price goes through its own flows"""
    pool = Pool()
    Business = pool.get('ame.approval.business')
    Business.write(Business.search([('company', '=', company.id)]),
        {'sequence': 20})
    Business.create([{
                'name': name, 'company': company.id, 'model': model,
                'transition': transition, 'condition': condition,
                'sequence': 10, 'description': description,
                'amount_field': (
                    'total_amount' if model == 'sale.sale' else None),
                'flows': [('create', [{
                                'name': flow_name, 'sequence': i,
                                'min_amount': above, 'max_amount': up_to,
                                'levels': [('create', [{
                                                'sequence': j,
                                                'node': nodes[n].id,
                                                } for j, n in enumerate(
                                                node_names, 1)])],
                                } for i, (flow_name, above, up_to,
                                node_names) in enumerate(flows, 1)])],
                } for (model, transition, name, condition, description,
                flows) in BUSINESSES])


def create_floors(company):
    pool = Pool()
    Floor = pool.get('ame.price.floor')
    Series = pool.get('product.series')
    ModelData = pool.get('ir.model.data')
    series = {s.code: s for s in Series.search([])}
    Floor.create([{
                'company': company.id,
                'role': ModelData.get_id('ame_permission', role),
                'min_percent': Decimal(percent),
                'series': series[code].id if code else None,
                } for role, percent, code in FLOORS
            if code is None or code in series])
