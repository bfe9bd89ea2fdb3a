# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The competitors (scale times 10) with their people and products (3
each), the prices the reps saw for them, and the competitors of the demo
opportunities of ame_crm: those its reps named in their notes, and to whom
the lost ones were lost. The lines of those opportunities get the product
of our series they describe (数控车床: CK6150, 立式加工中心: VMC850), so
that the win/loss analysis has product families."""
import datetime as dt
from decimal import Decimal

from trytond.pool import Pool

from .common import dictionary, employees

# name, type, province (None: abroad), size code, main products,
# strengths, weaknesses
COMPANIES = [
    ("沈阳机床", 'competitor', "辽宁省", 'large',
        "数控车床、卧式加工中心、i5 智能机床",
        "品牌历史长，国企客户关系深", "交期不稳定，售后响应慢"),
    ("大连机床", 'competitor', "辽宁省", 'large',
        "数控车床、组合机床、柔性生产线",
        "汽车行业组合机床经验丰富", "经营调整期，服务网点收缩"),
    ("海天精工", 'competitor', "浙江省", 'large',
        "龙门加工中心、立式加工中心",
        "性价比高，交期短", "高端五轴产品刚起步"),
    ("纽威数控", 'competitor', "江苏省", 'medium',
        "立式加工中心、数控车床、卧式镗铣床",
        "华东服务网点多，响应快", "品牌溢价低"),
    ("创世纪", 'competitor', "广东省", 'large',
        "钻攻中心、立式加工中心",
        "3C 行业份额高，价格低", "重切削机型少"),
    ("马扎克", 'competitor', None, 'large',
        "复合加工机、五轴加工中心",
        "技术领先，精度保持性好", "价格高，交期长"),
    ("DMG森精机", 'competitor', None, 'large',
        "五轴加工中心、车铣复合",
        "高端品牌，航空航天案例多", "价格高，备件贵"),
    ("哈斯", 'competitor', None, 'large',
        "立式加工中心、数控车床",
        "标准化程度高，价格透明", "定制能力弱"),
    ("北京精雕", 'peer', "北京市", 'medium',
        "精雕机、高速加工中心",
        "模具精加工口碑好", "大行程机型少"),
    ("秦川机床", 'competitor', "陕西省", 'large',
        "数控磨床、齿轮加工机床",
        "磨齿机国内领先", "车铣类产品竞争力一般"),
    ]
SURNAMES = "王李张刘陈杨黄赵吴周"
GIVEN = ["建华", "志强", "海涛", "晓东", "丽娟", "国庆", "振宇"]
# (role, position)
STAFF = [('sales', "区域销售经理"), ('engineer', "应用工程师"),
    ('manager', "华东大区总监")]
# Their products: (name, model suffix, our model code, price factor)
PRODUCTS = [
    ("数控车床", "CK50", 'CK6150', 0.92),
    ("立式加工中心", "V85", 'VMC850', 1.05),
    ("卧式加工中心", "H63", None, None),
    ]
SOURCES = ['tender', 'customer', 'exhibition', 'internet', 'quotation']
# The products of our series the demo opportunities describe
LINE_PRODUCTS = {"数控车床": 'CK6150', "立式加工中心": 'VMC850'}
# The loss reasons for which the rep names the competitor who won
LOST_TO_REASONS = {'price', 'competitor', 'import_brand', 'delivery'}


def generate(rng, scale):
    "Create the competitors and set them on ame_crm's opportunities"
    companies = _companies(rng, scale)
    _employees(rng, companies)
    _products(rng, companies)
    _opportunities(rng, companies)


def _companies(rng, scale):
    pool = Pool()
    IndustryCompany = pool.get('ame.industry.company')
    Subdivision = pool.get('country.subdivision')
    provinces = {s.name: s for s in Subdivision.search([
                ('name', 'in', [c[2] for c in COMPANIES if c[2]]),
                ('parent', '=', None)])}
    sizes = dictionary('enterprise_size')
    values = []
    for i in range(scale):
        for name, type_, province, size, products, strong, weak in COMPANIES:
            values.append({
                    'name': name if not i else f"{name}（{i + 1}）",
                    'type': type_,
                    'region': provinces[province].id
                    if province in provinces else None,
                    'size': sizes[size].id if size in sizes else None,
                    'main_products': products,
                    'strengths': strong, 'weaknesses': weak,
                    })
    return IndustryCompany.create(values)


def _employees(rng, companies):
    "Three people each; one of the sales managers came from a rival"
    Employee = Pool().get('ame.industry.company.employee')
    people = Employee.create([{
                'name': rng.choice(SURNAMES) + rng.choice(GIVEN),
                'company': company.id, 'role': role, 'position': position,
                'mobile': f"13{rng.choice('5789')}{rng.randrange(10**8):08d}",
                } for company in companies for role, position in STAFF])
    mover = people[0]
    Employee.write([mover], {
            'company': companies[3].id, 'position': "华东区销售总监",
            'notes': f"原{companies[0].name}区域销售经理，熟悉汽配客户"})


def _products(rng, companies):
    "Their products, compared to ours, with the prices the reps saw"
    pool = Pool()
    Product = pool.get('ame.industry.company.product')
    OurProduct = pool.get('product.product')
    Party = pool.get('party.party')
    Date = pool.get('ir.date')
    today = Date.today()
    ours = {p.template.model_code: p for p in OurProduct.search([
                ('template.model_code', 'in', [
                        m for _, _, m, _ in PRODUCTS if m])])}
    customers = Party.search([('is_customer', '=', True)], limit=50,
        order=[('id', 'ASC')])
    reps = employees('sales', 'engineer', 'sales_manager')
    values = []
    for company in companies:
        prefix = ''.join(c for c in company.name if c.isascii()) or 'X'
        for name, suffix, model, factor in PRODUCTS:
            product = ours.get(model)
            prices = []
            if product and factor:
                for _ in range(rng.randrange(1, 4)):
                    price = product.list_price_used * Decimal(
                        str(round(factor * rng.uniform(0.9, 1.1), 3)))
                    prices.append({
                            'date': today - dt.timedelta(
                                days=rng.randrange(10, 300)),
                            'price': price.quantize(Decimal(100)),
                            'source': rng.choice(SOURCES),
                            'customer': rng.choice(customers).id
                            if customers else None,
                            'employee': rng.choice(reps).id,
                            })
            values.append({
                    'company': company.id, 'name': name,
                    'model': f"{prefix}{suffix}",
                    'specification': f"{company.name}{name}主力机型",
                    'our_product': product.id if product else None,
                    'prices': [('create', prices)],
                    })
    Product.create(values)


def _opportunities(rng, companies):
    """The competitors the reps named on ame_crm's demo opportunities; the
    lost ones to one of them; our product on their lines"""
    pool = Pool()
    Opportunity = pool.get('sale.opportunity')
    Line = pool.get('sale.opportunity.line')
    OurProduct = pool.get('product.product')
    by_name = {c.name: c for c in companies}
    products = {p.template.model_code: p for p in OurProduct.search([
                ('template.model_code', 'in', list(LINE_PRODUCTS.values()))])}
    to_write = []
    for opportunity in Opportunity.search([('competitors', '!=', None)],
            order=[('id', 'ASC')]):
        named = [by_name[n] for n in opportunity.competitors.split("、")
            if n in by_name]
        if not named:
            continue
        values = {'competitor_companies': [('add', [c.id for c in named])]}
        reason = opportunity.loss_reason
        if (opportunity.state == 'lost' and reason
                and reason.code in LOST_TO_REASONS):
            values['lost_to'] = rng.choice(named).id
        to_write.extend(([opportunity], values))
    if to_write:
        Opportunity.write(*to_write)
    lines = []
    for line in Line.search([('product', '=', None)]):
        product = products.get(LINE_PRODUCTS.get(line.description))
        if product:
            line.product = product
            line.unit = product.default_uom
            lines.append(line)
    Line.save(lines)
