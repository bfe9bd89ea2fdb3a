# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo: what sales and purchases need when their modules are activated
(a chart of accounts, the fiscal year, account categories of the products,
a payment term), customers, and quotations of the sales reps (owned by
their employee, so that each role's data scope shows in the demo)."""
import datetime as dt
from decimal import Decimal

from trytond.pool import Pool
from trytond.transaction import Transaction

# name, city (GB/T 2260), street, postal code, contact (name, title,
# phone, mobile)
CUSTOMERS = [
    ("苏州精工机械有限公司", '320500',
        "吴中经济开发区越溪街道吴中大道 1688 号", '215104',
        ("张国华", "设备部经理", '0512-6561 2288', '13913572468')),
    ("无锡华达汽车零部件有限公司", '320200', "锡山经济技术开发区联福路 88 号",
        '214101', ("刘建明", "采购经理", '0510-8836 5520', '13771126395')),
    ("宁波恒通液压件有限公司", '330200', "北仑区小港街道纬五路 128 号",
        '315803', ("王海燕", "生产副总", '0574-8618 3306', '13805886712')),
    ("东莞市联创模具有限公司", '441900', "长安镇锦厦社区振安中路 368 号",
        '523860', ("陈志强", "总经理", '0769-8539 7781', '13620031458')),
    ("成都蜀信仪表工程有限公司", '510100', "高新区天府大道中段 1366 号",
        '610041', ("杨帆", "项目经理", '028-8516 4470', '13980672351')),
    ("常州天安精密轴承有限公司", '320400', "武进区湖塘镇长虹西路 58 号",
        '213161', ("周卫东", "设备科科长", '0519-8631 0926', '13861179023')),
    ("杭州万通阀门股份有限公司", '330100', "萧山经济技术开发区建设二路 599 号",
        '311215', ("沈佳怡", "采购主管", '0571-8283 6615', '13588451276')),
    ("青岛海纳重工机械有限公司", '370200', "黄岛区前湾港路 888 号",
        '266555', ("孙立伟", "技术总监", '0532-8698 2203', '13953287714')),
    ("西安秦川航空零部件有限公司", '610100', "阎良区航空基地蓝天路 6 号",
        '710089', ("郭鹏", "工艺处处长", '029-8608 5512', '13709187365')),
    ("佛山市顺德区美达电器配件有限公司", '440600',
        "顺德区北滘镇工业园兴业路 16 号", '528311',
        ("梁嘉欣", "采购经理", '0757-2661 8830', '13729945068')),
    ]
# customer index, owner (employee code), product model codes and
# quantities, description, what the demo does with it (ame_approval's
# demo submits and decides the quotations by their description)
QUOTATIONS = [
    (0, 'E0004', [('VMC850', 2), ('CK6150', 1)], "精密零件加工线扩产",
        'quotation'),
    (1, 'E0004', [('CK6140', 2)], "车间数控车床补充", 'quotation'),
    (2, 'E0004', [('PT-3051-DP', 20), ('FM-DN50', 10)],
        "液压站压力与流量监测", 'quotation'),
    (5, 'E0004', [('VMC1160', 2)], "轴承套圈加工中心采购", 'quotation'),
    (6, 'E0004', [('CK6163', 3)], "阀体车削生产线", 'quotation'),
    (9, 'E0004', [('SP-CK6150-SPD', 1), ('HC-08', 4), ('AK31-8T', 2)],
        "CK6150 大修备件", 'quotation'),
    (3, 'E0007', [('VMC650', 1)], "模具电极加工", 'draft'),
    (4, 'E0009', [('FM-DN100', 6), ('VF-DN100', 4)], "蒸汽与循环水计量改造",
        'draft'),
    (7, 'E0005', [('CK6180', 1)], "大型轴类零件车削", 'cancelled'),
    (8, 'E0004', [('A02B-0333-B500', 2), ('A06B-0227-B100', 4)],
        "数控系统升级改造", 'draft'),
    ]
QUOTATION_VALIDITY = dt.timedelta(days=30)
VAT_RATE = Decimal('0.13')


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
    taxes = create_taxes(company, accounts)
    categorise_products(accounts, taxes)
    term = configure_sales()
    customers = create_customers(term)
    create_quotations(company, customers, scale)


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
    # The taxes go under the chart's account of taxes and fees
    accounts['tax'], = Account.search([
            ('template', '=', ModelData.get_id(
                    'account', 'account_template_6_3_0_en')),
            ('company', '=', company.id),
            ])
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


def create_taxes(company, accounts):
    """The value-added tax of China at 13 %, output (销项) and input (进项),
    on their accounts of 应交税费; return them"""
    pool = Pool()
    Account = pool.get('account.account')
    Tax = pool.get('account.tax')
    parent = accounts['tax']
    output, input_ = Account.create([{
                'name': name,
                'code': code,
                'company': company.id,
                'parent': parent.id,
                'type': parent.type.id,
                } for code, name in [
                ('2221.01', "应交税费—应交增值税（销项税额）"),
                ('2221.02', "应交税费—应交增值税（进项税额）"),
                ]])
    return Tax.create([{
                'name': name,
                'description': description,
                'company': company.id,
                'type': 'percentage',
                'rate': VAT_RATE,
                'invoice_account': account.id,
                'credit_note_account': account.id,
                } for name, description, account in [
                ("增值税 13%（销项）", "增值税 13%", output),
                ("增值税 13%（进项）", "增值税 13%", input_),
                ]])


def categorise_products(accounts, taxes):
    """Every demo product is salable and purchasable in an account category
    whose taxes are the VAT"""
    pool = Pool()
    Category = pool.get('product.category')
    Template = pool.get('product.template')
    output_vat, input_vat = taxes
    category, = Category.create([{
                'name': "设备及备件",
                'accounting': True,
                'account_revenue': accounts['revenue'].id,
                'account_expense': accounts['expense'].id,
                'customer_taxes': [('add', [output_vat.id])],
                'supplier_taxes': [('add', [input_vat.id])],
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


def configure_sales():
    """What a new quotation takes without asking: the payment term of the
    customers (月结30天), the quotation validity (30 days); return the
    payment term"""
    pool = Pool()
    PaymentTerm = pool.get('account.invoice.payment_term')
    AccountConfiguration = pool.get('account.configuration')
    SaleConfiguration = pool.get('sale.configuration')
    term, = PaymentTerm.create([{
                'name': "月结30天",
                'description': "货到验收后次月结清，30 天内付款。",
                'lines': [('create', [{
                                'type': 'remainder',
                                'relativedeltas': [('create', [{
                                                'days': 30}])],
                                }])],
                }])
    configuration = AccountConfiguration(1)
    configuration.default_customer_payment_term = term
    configuration.save()
    configuration = SaleConfiguration(1)
    configuration.sale_quotation_validity = QUOTATION_VALIDITY
    configuration.save()
    return term


def create_customers(term):
    "The customers, with their address and the contact of each"
    pool = Pool()
    Party = pool.get('party.party')
    Subdivision = pool.get('country.subdivision')
    cities = {s.code: s for s in Subdivision.search([
                ('code', 'in', [f'CN-{c[1]}' for c in CUSTOMERS]),
                ])}
    customers = []
    for name, city_code, street, postal_code, contact in CUSTOMERS:
        city = cities.get(f'CN-{city_code}')
        contact_name, title, phone, mobile = contact
        customers.append(Party(
                name=name,
                customer_payment_term=term,
                addresses=[{
                        'street': street,
                        'postal_code': postal_code,
                        'city': city.name if city else None,
                        'subdivision': city.id if city else None,
                        'country': city.country.id if city else None,
                        'attn': f"{contact_name}（{title}）",
                        }],
                contact_mechanisms=[{
                        'type': 'phone',
                        'value': phone,
                        'name': f"{contact_name}（{title}）",
                        }, {
                        'type': 'mobile',
                        'value': mobile,
                        'name': contact_name,
                        }]))
    Party.save(customers)
    return customers


def create_quotations(company, customers, scale):
    """The quotations of QUOTATIONS, entered as the sales reps enter them:
    the defaults of their customer and of the configuration; quoted
    (numbered) or cancelled as listed"""
    pool = Pool()
    Sale = pool.get('sale.sale')
    Line = pool.get('sale.line')
    Product = pool.get('product.product')
    Employee = pool.get('company.employee')
    Location = pool.get('stock.location')
    warehouse, = Location.search([
            ('type', '=', 'warehouse'), ('code', '=', 'SH01')])
    employees = {e.code: e for e in Employee.search([
                ('code', 'in', list({q[1] for q in QUOTATIONS})),
                ])}
    products = {}
    sales = []
    for _ in range(scale):
        for customer, owner, lines, description, state in QUOTATIONS:
            sale = Sale(
                company=company,
                employee=employees.get(owner),
                warehouse=warehouse,
                description=description)
            sale.party = customers[customer]
            sale.on_change_party()
            sale_lines = []
            for code, quantity in lines:
                if code not in products:
                    products[code], = Product.search([
                            ('template.model_code', 'like', f'{code}%'),
                            ], limit=1, order=[('id', 'ASC')])
                line = Line(sale=sale, product=products[code],
                    quantity=quantity)
                line.on_change_product()
                sale_lines.append(line)
            sale.lines = sale_lines
            sales.append((sale, state))
    Sale.save([s for s, _ in sales])
    Sale.quote([s for s, state in sales if state != 'draft'])
    Sale.cancel([s for s, state in sales if state == 'cancelled'])
    return [s for s, _ in sales]
