# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The reps' leads and opportunities (scale times 150 opportunities and 20
leads): machine tools for their customers, started over the last year and
closing up to six months ahead; the closed ones won or lost with their
reason, the open ones at every stage."""
import datetime as dt
from decimal import Decimal

from trytond.pool import Pool

OPPORTUNITIES = 150
LEADS = 20
# What the reps sell: description, unit price range (yuan)
OFFERS = [
    ("数控车床", 180_000, 450_000),
    ("立式加工中心", 350_000, 900_000),
    ("五轴加工中心", 1_200_000, 3_500_000),
    ("数控磨床", 400_000, 1_100_000),
    ("卧式镗铣床", 800_000, 2_000_000),
    ("自动化上下料单元", 150_000, 600_000),
    ]
COMPETITORS = ["沈阳机床", "大连机床", "海天精工", "纽威数控", "创世纪",
    "马扎克", "DMG森精机", "哈斯"]
# The prospects of the leads: (company, contact, title)
PROSPECTS = [
    "昆山华恒精密机械有限公司", "南通中远重工装备有限公司",
    "温州瑞达汽车配件有限公司", "台州海德模具有限公司",
    "绍兴永固阀门有限公司", "嘉兴天成液压件有限公司",
    "扬州金泰齿轮有限公司", "泰州华力发电设备有限公司",
    "盐城东风汽车零部件有限公司", "徐州恒瑞工程机械有限公司",
    "芜湖奇瑞配套精工有限公司", "柳州五菱精密铸造有限公司",
    "株洲中车零部件有限公司", "襄阳汉江轴承有限公司",
    "潍坊华东化工机械有限公司", "烟台鲁宝热电设备有限公司",
    "洛阳中信重型装备配套厂", "宝鸡秦岭数控刀具有限公司",
    "绵阳长虹精密电子有限公司", "德阳东汽风电零部件有限公司",
    "江门新会五金制品有限公司", "中山精艺模具有限公司",
    ]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "敏", "静", "强", "磊", "军", "建国", "志明", "海涛",
    "丽娟", "晓峰"]
LOST_DETAILS = {
    'price': "客户最终选择了报价更低的国产设备",
    'specification': "加工节拍达不到客户要求",
    'delivery': "客户要求两个月内交货",
    'competitor': "竞争对手与客户设备部长期合作",
    'cancelled': "客户新厂房建设推迟，项目暂停",
    'import_brand': "客户指定使用进口品牌设备",
    }


def generate(rng, scale):
    "Create the leads and opportunities of the reps' customers; no logins"
    pool = Pool()
    Party = pool.get('party.party')
    Opportunity = pool.get('sale.opportunity')
    Stage = pool.get('sale.opportunity.stage')
    Value = pool.get('ame.dictionary.value')
    Date = pool.get('ir.date')
    today = Date.today()
    stages = Stage.search([], order=[('sequence', 'ASC')])
    reasons = {}
    for value in Value.search([('category.code', 'in', [
                        'opportunity_won_reason', 'lost_reason'])]):
        reasons.setdefault(value.category.code, []).append(value)
    customers = Party.search([
            ('is_customer', '=', True), ('owner', '!=', None)],
        order=[('id', 'ASC')])

    opportunities, states = [], []
    for _ in range(OPPORTUNITIES * scale):
        customer = rng.choice(customers)
        start = today - dt.timedelta(days=rng.randrange(0, 365))
        end = min(start + dt.timedelta(days=rng.randrange(30, 240)),
            today + dt.timedelta(days=180))
        values, state = _opportunity(rng, customer, start, end, today,
            stages, reasons)
        opportunities.append(values)
        states.append(state)
    created = Opportunity.create(opportunities)
    # As their buttons leave them: open, won and lost with their reason
    by_state = {}
    for opportunity, state in zip(created, states):
        by_state.setdefault(state, []).append(opportunity)
    for state, records in by_state.items():
        Opportunity.write(records, {'state': state})

    Opportunity.create([_lead(rng, i, customers, today)
            for i in range(LEADS * scale)])


def _opportunity(rng, customer, start, end, today, stages, reasons):
    """The values of an opportunity of customer's owner and its state:
    opportunity while open, won or lost"""
    description, low, high = rng.choice(OFFERS)
    quantity = rng.choice([1, 1, 1, 2, 2, 3, 4])
    amount = Decimal(rng.randrange(low, high, 10_000) * quantity)
    values = {
        'party': customer.id,
        'employee': customer.owner.id,
        'description': f"{customer.name}{description}项目",
        'start_date': start,
        'end_date': end,
        'amount': amount,
        'lines': [('create', [{
                        'description': description,
                        'quantity': quantity,
                        }])],
        }
    if rng.random() < 0.6:
        values['competitors'] = "、".join(
            rng.sample(COMPETITORS, rng.randrange(1, 4)))
    state = 'opportunity'
    if end < today and rng.random() < 0.85:
        # Decided: the won ones at the last stage, the lost anywhere
        if rng.random() < 0.45:
            state = 'won'
            values['stage'] = stages[-1].id
            values['conversion_probability'] = 1.0
            values['won_reason'] = rng.choice(
                reasons['opportunity_won_reason']).id
        else:
            state = 'lost'
            values['stage'] = rng.choice(stages).id
            values['conversion_probability'] = 0.0
            reason = rng.choice(reasons['lost_reason'])
            values['loss_reason'] = reason.id
            values['lost_reason'] = LOST_DETAILS.get(reason.code)
    else:
        if end < today:
            # Late: the rep expects it next month
            values['end_date'] = today + dt.timedelta(
                days=rng.randrange(15, 60))
        values['stage'] = rng.choice(stages).id
    return values, state


def _lead(rng, index, customers, today):
    "The values of a lead of a prospect, for one of the reps"
    owner = rng.choice(customers).owner
    company = PROSPECTS[index % len(PROSPECTS)]
    if index >= len(PROSPECTS):
        company = company.replace(
            "有限公司", f"第{index // len(PROSPECTS) + 1}分公司")
    description, low, high = rng.choice(OFFERS)
    return {
        'lead_company': company,
        'lead_contact': rng.choice(SURNAMES) + rng.choice(GIVEN),
        'lead_phone': f"13{rng.choice('5789')}{rng.randrange(10**8):08d}",
        'employee': owner.id,
        'description': f"{description}询价",
        'start_date': today - dt.timedelta(days=rng.randrange(0, 60)),
        'end_date': today + dt.timedelta(days=rng.randrange(30, 180)),
        'amount': Decimal(rng.randrange(low, high, 10_000)),
        'comment': rng.choice([
                "展会登记的意向客户", "官网留言咨询", "老客户转介绍",
                "电话咨询设备参数"]),
        }
