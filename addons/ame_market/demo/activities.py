# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The marketing activities of the year (scale times 6: trade fairs, a
seminar, advertising, online promotion, a customer banquet) with their
events, their expenses (planned and actual) and the leads they brought:
some still leads, some opportunities of the reps' customers, won or lost.
A few contact records of the reps are about them."""
import datetime as dt
from decimal import Decimal

from trytond.pool import Pool

from .common import dictionary, employees

# name, type, start (days from today), days, location, state, budget,
# events (name, type, day offset), expenses (type, planned, actual or
# None), leads
ACTIVITIES = [
    ("CIMT 中国国际机床展览会", 'exhibition', -240, 6, "北京·中国国际展览中心",
        'done', 300_000,
        [("展位接待第一天", 'booth', 0), ("展位接待第二天", 'booth', 1),
            ("新品发布会", 'seminar', 2)],
        [('booth', 150_000, 152_000), ('construction', 60_000, 58_500),
            ('travel', 30_000, 34_200), ('printing', 8_000, 7_600),
            ('gift', 12_000, 11_800)], 14),
    ("华东数控技术交流会（苏州）", 'seminar', -150, 1, "苏州·金鸡湖酒店",
        'done', 40_000,
        [("五轴加工技术讲座", 'seminar', 0), ("工厂参观", 'visit', 0)],
        [('venue', 20_000, 18_000), ('hospitality', 8_000, 9_500),
            ('printing', 3_000, 2_800)], 8),
    ("《金属加工》杂志广告", 'advertising', -120, 90, "全国",
        'in_progress', 60_000,
        [("杂志刊登（第一期）", 'mailing', 0),
            ("杂志刊登（第二期）", 'mailing', 30)],
        [('advertising', 36_000, 36_000), ('advertising', 24_000, None)], 5),
    ("百度及 1688 网络推广", 'online', -90, 180, "线上",
        'in_progress', 80_000,
        [("邮件推广：立式加工中心促销", 'mailing', 10),
            ("线上直播：数控车床选型", 'webinar', 40)],
        [('advertising', 40_000, 40_000), ('advertising', 40_000, 20_000)],
        9),
    ("老客户答谢会", 'appreciation', -60, 1, "无锡·太湖饭店",
        'done', 50_000,
        [("答谢晚宴", 'banquet', 0)],
        [('venue', 15_000, 15_000), ('gift', 20_000, 21_600),
            ('hospitality', 15_000, 14_200)], 4),
    ("东莞国际模具及金属加工展", 'exhibition', 45, 4,
        "东莞·广东现代国际展览中心",
        'planned', 120_000,
        [("展位接待", 'booth', 0)],
        [('booth', 60_000, None), ('construction', 30_000, None),
            ('travel', 15_000, None)], 0),
    ]
PROSPECTS = ["华恒精密", "中远重工", "瑞达汽配", "海德模具", "永固阀门",
    "天成液压", "金泰齿轮", "华力发电", "东风零部件", "恒瑞工程机械"]
OFFERS = [("数控车床", 180_000, 450_000), ("立式加工中心", 350_000, 900_000),
    ("五轴加工中心", 1_200_000, 3_500_000)]


def generate(rng, scale):
    "Create the activities, their events, expenses and leads"
    pool = Pool()
    Campaign = pool.get('marketing.campaign')
    Date = pool.get('ir.date')
    today = Date.today()
    owner, = employees('sales_manager')[:1]
    reps = employees('sales', 'engineer', 'sales_manager')
    types = dictionary('marketing_activity_type')
    expense_types = dictionary('marketing_expense_type')
    values = []
    for i in range(scale):
        for (name, type_, start, days, location, state, budget, events,
                expenses, _) in ACTIVITIES:
            start_date = today + dt.timedelta(days=start)
            values.append({
                    'name': f"{start_date.year} {name}" + (
                        f"（{i + 1}）" if i else ""),
                    'activity_type': types[type_].id,
                    'start_date': start_date,
                    'end_date': start_date + dt.timedelta(days=days - 1),
                    'location': location,
                    'owner': owner.id, 'department': owner.department.id
                    if getattr(owner, 'department', None) else None,
                    'budget': Decimal(budget),
                    'goal': f"获取有效线索，推广{OFFERS[i % 3][0]}等主力产品",
                    'events': [('create', [{
                                    'name': event, 'type': event_type,
                                    'start_date': start_date
                                    + dt.timedelta(days=offset),
                                    'location': location,
                                    'employees': [('add', [
                                                r.id for r in rng.sample(
                                                    reps, min(2, len(reps)))
                                                ])],
                                    'visitors': rng.randrange(20, 300),
                                    'results': "收集名片、登记意向客户",
                                    } for event, event_type, offset
                                in events])],
                    'expenses': [('create', [{
                                    'type': expense_types[code].id,
                                    'date': start_date,
                                    'planned_amount': Decimal(planned),
                                    'actual_amount': Decimal(actual)
                                    if actual is not None else None,
                                    'description': expense_types[code].name,
                                    } for code, planned, actual
                                in expenses])],
                    })
    campaigns = Campaign.create(values)
    by_state = {}
    for campaign, activity in zip(campaigns, ACTIVITIES * scale):
        by_state.setdefault(activity[5], []).append(campaign)
    for state, records in by_state.items():
        if state != 'planned':
            Campaign.write(records, {'state': state})
    _leads(rng, campaigns, today)
    _contact_records(rng, campaigns)


def _leads(rng, campaigns, today):
    """The leads of each activity at its events: a third still leads, the
    others opportunities of the reps' customers, some won or lost"""
    pool = Pool()
    Opportunity = pool.get('sale.opportunity')
    Party = pool.get('party.party')
    customers = Party.search([
            ('is_customer', '=', True), ('owner', '!=', None)],
        order=[('id', 'ASC')])
    lost_reasons = list(dictionary('lost_reason').values())
    won_reasons = list(dictionary('opportunity_won_reason').values())
    leads, states = [], []
    for campaign, activity in zip(campaigns, ACTIVITIES * len(campaigns)):
        for n in range(activity[-1]):
            event = rng.choice(campaign.events)
            description, low, high = rng.choice(OFFERS)
            values = {
                'marketing_campaign': campaign.id,
                'marketing_event': event.id,
                'description': f"{description}询价（{event.name}）",
                'start_date': min(event.start_date, today),
                'end_date': today + dt.timedelta(days=rng.randrange(30, 150)),
                'amount': Decimal(rng.randrange(low, high, 10_000)),
                }
            state = rng.choice(['lead', 'opportunity', 'opportunity', 'won',
                    'lost'])
            if state == 'lead' or not customers:
                state = 'lead'
                values.update(
                    lead_company=f"{rng.choice(PROSPECTS)}有限公司",
                    lead_phone=f"139{rng.randrange(10**8):08d}",
                    employee=rng.choice(customers).owner.id
                    if customers else None)
            else:
                customer = rng.choice(customers)
                values.update(party=customer.id,
                    employee=customer.owner.id)
            if state == 'won':
                values.update(conversion_probability=1.0,
                    won_reason=rng.choice(won_reasons).id,
                    end_date=min(today, event.start_date
                        + dt.timedelta(days=rng.randrange(20, 90))))
            elif state == 'lost':
                values.update(conversion_probability=0.0,
                    loss_reason=rng.choice(lost_reasons).id)
            leads.append(values)
            states.append(state)
    created = Opportunity.create(leads)
    by_state = {}
    for opportunity, state in zip(created, states):
        if state != 'lead':
            by_state.setdefault(state, []).append(opportunity)
    for state, records in by_state.items():
        Opportunity.write(records, {'state': state})


def _contact_records(rng, campaigns):
    "The visits after the banquet are about it"
    Record = Pool().get('ame.contact.record')
    banquet = [c for c, a in zip(campaigns, ACTIVITIES * len(campaigns))
        if a[1] == 'appreciation'][0]
    records = Record.search([], limit=10, order=[('id', 'ASC')])
    if records:
        Record.write(records, {'marketing_campaign': banquet.id})
