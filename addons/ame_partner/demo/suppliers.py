# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Ten suppliers (times scale) with their class, qualification, rating,
address and persons, and their prices of the demo goods: quantity breaks
for some, a promotion of this quarter or an expired price for others."""
import datetime as dt
from decimal import Decimal

from trytond.pool import Pool
from trytond.transaction import Transaction

# (name, class code, qualification, rating, city code, street, persons)
SUPPLIERS = [
    ("常州恒力轴承有限公司", 'component', 'qualified', 'a', '320400',
        "武进高新区凤林南路 18 号", [("赵敏", "销售经理", "13912340001")]),
    ("无锡鑫达铸造厂", 'outsourcing', 'qualified', 'b', '320200',
        "惠山区洛社镇石塘湾工业园 6 号",
        [("钱国强", "厂长", "13912340002"),
            ("孙丽", "业务员", "13912340003")]),
    ("宁波精诚液压件有限公司", 'component', 'qualified', 'a', '330200',
        "北仑区大港工业城黄山西路 88 号",
        [("周杰", "区域经理", "13912340004")]),
    ("上海申菱电气自动化有限公司", 'electrical', 'qualified', 'a', '310100',
        "闵行区莘庄工业区春东路 508 号",
        [("吴晓东", "技术支持", "13912340005"),
            ("郑芳", "商务", "13912340006")]),
    ("苏州博远钣金制造有限公司", 'outsourcing', 'trial', 'c', '320500',
        "相城区黄桥街道春兴路 25 号", [("王海燕", "销售", "13912340007")]),
    ("杭州东控数控系统有限公司", 'electrical', 'qualified', 'b', '330100',
        "滨江区江陵路 1288 号", [("冯志强", "大客户经理", "13912340008")]),
    ("南京钢联特钢贸易有限公司", 'material', 'qualified', 'b', '320100',
        "江宁区秣陵街道将军大道 666 号",
        [("陈建华", "销售经理", "13912340009")]),
    ("泰州华通润滑油有限公司", 'material', 'trial', None, '321200',
        "高港区永安洲镇临港路 9 号", [("蒋春梅", "业务员", "13912340010")]),
    ("温州捷达标准件厂", 'component', 'suspended', 'd', '330300',
        "瓯海区娄桥工业园 3 号", [("林文斌", "厂长", "13912340011")]),
    ("昆山安泰设备维修服务有限公司", 'service', 'qualified', 'b', '320500',
        "昆山开发区前进东路 99 号", [("黄国平", "服务经理", "13912340012")]),
    ]
PRODUCTS_PER_SUPPLIER = 3


def generate(rng, scale):
    "Create the suppliers, their contacts and prices; no logins"
    suppliers = _suppliers(scale)
    _contacts(suppliers)
    _prices(rng, suppliers)


def _suppliers(scale):
    pool = Pool()
    Party = pool.get('party.party')
    Subdivision = pool.get('country.subdivision')
    Value = pool.get('ame.dictionary.value')
    classes = {v.code: v for v in Value.search([
                ('category.code', '=', 'supplier_class')])}
    cities = {s.code: s for s in Subdivision.search([
                ('code', 'in', [f'CN-{s[4]}' for s in SUPPLIERS])])}
    values = []
    for copy in range(scale):
        for name, class_, qualification, rating, city, street, _ in SUPPLIERS:
            city = cities.get(f'CN-{city}')
            values.append({
                    'name': name if not copy else f"{name}（{copy + 1}）",
                    'is_supplier': True,
                    'supplier_class': classes[class_].id,
                    'supplier_qualification': qualification,
                    'supplier_rating': rating,
                    'addresses': [('create', [{
                                    'street': street,
                                    'city': city.name if city else None,
                                    'subdivision': city.id if city else None,
                                    'country': (
                                        city.country.id if city else None),
                                    }])],
                    })
    return Party.create(values)


def _contacts(suppliers):
    pool = Pool()
    Contact = pool.get('ame.customer.contact')
    values = []
    for i, supplier in enumerate(suppliers):
        persons = SUPPLIERS[i % len(SUPPLIERS)][-1]
        for j, (name, title, mobile) in enumerate(persons):
            values.append({
                    'party': supplier.id, 'name': name, 'title': title,
                    'is_main': j == 0,
                    # The copies of larger scales have numbers of their own
                    'mobile': (mobile if i < len(SUPPLIERS)
                        else f"137{i:04d}{j:04d}"),
                    })
    Contact.create(values)


def _prices(rng, suppliers):
    pool = Pool()
    Template = pool.get('product.template')
    ProductSupplier = pool.get('purchase.product_supplier')
    Date = pool.get('ir.date')
    Company = pool.get('company.company')
    company = Company(Transaction().context['company'])
    today = Date.today()
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    quarter_end = (quarter_start + dt.timedelta(days=92)).replace(day=1) \
        - dt.timedelta(days=1)
    templates = Template.search([
            ('type', '=', 'goods'), ('purchasable', '=', True),
            ], order=[('id', 'ASC')])
    values = []
    for supplier in suppliers:
        for template in rng.sample(
                templates, min(PRODUCTS_PER_SUPPLIER, len(templates))):
            product = template.products[0]
            base = (product.cost_price or template.list_price
                or Decimal(1000)) * Decimal('0.9')
            values.append({
                    'template': template.id,
                    'product': product.id,
                    'party': supplier.id,
                    'company': company.id,
                    'currency': company.currency.id,
                    'lead_time': dt.timedelta(days=rng.choice([7, 15, 30])),
                    'prices': [('create', _price_lines(
                                    rng, base, quarter_start, quarter_end,
                                    today))],
                    })
    ProductSupplier.create(values)


def _price_lines(rng, base, quarter_start, quarter_end, today):
    "A base price, maybe breaks, maybe a promotion or an expired price"
    def price(factor):
        return (base * Decimal(factor)).quantize(Decimal(1))
    lines = [{'quantity': 0, 'unit_price': price(1)}]
    kind = rng.choice(['breaks', 'promotion', 'expired', 'plain'])
    if kind in {'breaks', 'promotion'}:
        lines += [
            {'quantity': 10, 'unit_price': price('0.95')},
            {'quantity': 50, 'unit_price': price('0.9')},
            ]
    if kind == 'promotion':
        lines.append({'quantity': 10, 'unit_price': price('0.92'),
                'start_date': quarter_start, 'end_date': quarter_end})
    elif kind == 'expired':
        lines.append({'quantity': 0, 'unit_price': price('0.85'),
                'start_date': today - dt.timedelta(days=120),
                'end_date': today - dt.timedelta(days=30)})
    return lines
