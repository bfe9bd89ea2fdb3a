# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo: what sales and purchases need when their modules are activated
(a chart of accounts, the fiscal year, account categories of the products,
a payment term), customers, and quotations of the sales reps (owned by
their employee, so that each role's data scope shows in the demo)."""
import datetime as dt

from trytond.pool import Pool
from trytond.transaction import Transaction

CUSTOMERS = [
    ("苏州精工机械有限公司", '320500'),
    ("无锡华达汽车零部件有限公司", '320200'),
    ("宁波恒通液压件有限公司", '330200'),
    ("东莞市联创模具有限公司", '441900'),
    ("成都蜀信仪表工程有限公司", '510100'),
    ]
# customer index, sales rep login, product model codes and quantities
QUOTATIONS = [
    (0, 'sales', [('VMC850', 2), ('CK6150', 4)], "五轴升级改造项目"),
    (1, 'sales', [('CK6140', 2)], "车间数控车床补充"),
    (2, 'sales', [('PT-3051-DP', 20), ('FM-DN50', 10)],
        "液压站压力与流量监测"),
    ]


def generate(rng, scale=1):
    pool = Pool()
    try:
        pool.get('sale.sale')
        # The quotations sell the demo products of ame_product, which
        # runs its demo before (it is less deep in the module graph).
        pool.get('product.brand')
    except KeyError:
        return
    company = pool.get('company.company')(Transaction().context['company'])
    accounts = create_chart(company)
    create_fiscalyear(company)
    categorise_products(accounts)
    create_quotations(company, scale)


def create_chart(company):
    "The minimal chart of accounts; return its accounts by type"
    pool = Pool()
    CreateChart = pool.get('account.create_chart', type='wizard')
    Account = pool.get('account.account')
    ModelData = pool.get('ir.model.data')
    session_id, _, _ = CreateChart.create()
    CreateChart.execute(session_id, {
            'account': {
                'company': company.id,
                'account_template': ModelData.get_id(
                    'account', 'account_template_root_en'),
                },
            }, 'create_account')
    accounts = {}
    for type_ in ['receivable', 'payable', 'revenue', 'expense']:
        domain = [
            ('type.%s' % type_, '=', True),
            ('company', '=', company.id),
            ('closed', '!=', True),
            ]
        if type_ in {'receivable', 'payable'}:
            domain.append(('party_required', '=', True))
        accounts[type_], = Account.search(domain, limit=1)
    CreateChart.execute(session_id, {
            'properties': {
                'company': company.id,
                'account_receivable': accounts['receivable'].id,
                'account_payable': accounts['payable'].id,
                'category_account_revenue': accounts['revenue'].id,
                'category_account_expense': accounts['expense'].id,
                },
            }, 'create_properties')
    CreateChart.delete(session_id)
    return accounts


def create_fiscalyear(company):
    pool = Pool()
    FiscalYear = pool.get('account.fiscalyear')
    Sequence = pool.get('ir.sequence.strict')
    SequenceType = pool.get('ir.sequence.type')
    ModelData = pool.get('ir.model.data')
    year = dt.date.today().year
    sequence, = Sequence.create([{
                'name': f"{year}年凭证",
                'sequence_type': SequenceType(ModelData.get_id(
                        'account', 'sequence_type_account_move')).id,
                'company': company.id,
                }])
    fiscalyear, = FiscalYear.create([{
                'name': f"{year}年度",
                'start_date': dt.date(year, 1, 1),
                'end_date': dt.date(year, 12, 31),
                'company': company.id,
                'move_sequence': sequence.id,
                }])
    FiscalYear.create_period([fiscalyear])


def categorise_products(accounts):
    "Every demo product is salable and purchasable in an account category"
    pool = Pool()
    Category = pool.get('product.category')
    Template = pool.get('product.template')
    category, = Category.create([{
                'name': "设备及备件",
                'accounting': True,
                'account_revenue': accounts['revenue'].id,
                'account_expense': accounts['expense'].id,
                }])
    to_write = []
    for template in Template.search([('type', '!=', 'service')]):
        values = {
            'account_category': category.id,
            'salable': True,
            'sale_uom': template.default_uom.id,
            }
        if 'purchasable' in Template._fields:
            values['purchasable'] = True
            values['purchase_uom'] = template.default_uom.id
        to_write.extend([[template], values])
    Template.write(*to_write)


def create_quotations(company, scale):
    pool = Pool()
    Party = pool.get('party.party')
    Subdivision = pool.get('country.subdivision')
    Sale = pool.get('sale.sale')
    Product = pool.get('product.product')
    User = pool.get('res.user')
    PaymentTerm = pool.get('account.invoice.payment_term')
    term, = PaymentTerm.create([{
                'name': "月结30天",
                'lines': [('create', [{
                                'type': 'remainder',
                                'relativedeltas': [('create', [{
                                                'days': 30}])],
                                }])],
                }])
    customers = []
    for name, city in CUSTOMERS:
        cities = Subdivision.search([('code', '=', f'CN-{city}')], limit=1)
        customers.extend(Party.create([{
                        'name': name,
                        'customer_payment_term': term.id,
                        'addresses': [('create', [{
                                        'subdivision': (
                                            cities[0].id if cities else None),
                                        'country': (
                                            cities[0].country.id
                                            if cities else None),
                                        }])],
                        }]))
    Location = pool.get('stock.location')
    warehouse, = Location.search([
            ('type', '=', 'warehouse'), ('name', '=', "上海总仓")])
    employees = {u.login: u.employee for u in User.search([
                ('login', 'in', list({q[1] for q in QUOTATIONS})),
                ])}
    sales = []
    for _ in range(scale):
        for customer, login, lines, description in QUOTATIONS:
            sale_lines = []
            for code, quantity in lines:
                product, = Product.search([
                        ('template.model_code', 'like', f'{code}%'),
                        ], limit=1, order=[('id', 'ASC')])
                sale_lines.append({
                        'product': product.id,
                        'quantity': quantity,
                        'unit': product.sale_uom.id,
                        'unit_price': product.list_price_used,
                        'description': product.rec_name,
                        })
            sales.append({
                    'party': customers[customer].id,
                    'invoice_address': customers[customer].addresses[0].id,
                    'shipment_address': customers[customer].addresses[0].id,
                    'company': company.id,
                    'description': description,
                    'employee': (
                        employees[login].id
                        if employees.get(login) else None),
                    'payment_term': term.id,
                    'warehouse': warehouse.id,
                    'lines': [('create', sale_lines)],
                    })
    sales = Sale.create(sales)
    Sale.quote(sales)
    return sales

