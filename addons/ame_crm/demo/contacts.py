# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The persons of the demo customers (two on average, scale times 400 at
most) and a year of their owners' contact records (scale times 1,000):
visits, calls and WeChat messages about machine tools, the last of a
customer often planning a follow-up, some due today or overdue."""
import datetime as dt
import itertools

from trytond.pool import Pool

CONTACTS = 400
RECORDS = 1000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳",
    "杰", "涛", "明", "超", "秀英", "建华", "志强", "海燕", "晓东", "国平",
    "丽华", "文斌", "春梅"]
# (position, department, role in purchases)
POSITIONS = [
    ("总经理", "总经办", 'decision_maker'),
    ("副总经理", "总经办", 'decision_maker'),
    ("设备部部长", "设备部", 'decision_maker'),
    ("技术总监", "技术部", 'technical'),
    ("工艺工程师", "工艺科", 'technical'),
    ("采购经理", "采购部", 'purchasing'),
    ("采购专员", "采购部", 'purchasing'),
    ("财务经理", "财务部", 'finance'),
    ("车间主任", "机加工车间", 'user'),
    ("设备管理员", "设备部", 'user'),
    ]
# (contact type code, weight, contents, outcomes)
CONTACTS_BY_TYPE = [
    ('visit', 3,
        ["上门拜访，了解新产线的加工需求", "现场查看现有设备，收集零件图纸",
            "陪同技术人员做工艺交流"],
        ["客户计划下季度立项", "需要提供加工方案", "客户对精度要求较高"]),
    ('phone', 5,
        ["电话回访设备使用情况", "电话沟通报价细节", "确认技术参数和交期"],
        ["客户满意，暂无新需求", "客户希望价格再优惠", "约定下周上门"]),
    ('wechat', 4,
        ["微信发送产品资料和样本", "微信沟通试切方案", "微信答复配置疑问"],
        ["客户已转给技术部评估", "客户要求补充案例", None]),
    ('email', 1, ["邮件发送正式报价单", "邮件发送技术协议草稿"],
        ["客户已回复收到", None]),
    ('meeting', 1, ["客户来厂参观考察", "接待客户验收样件"],
        ["客户对样件满意", "客户提出改进意见"]),
    ('exhibition', 1,
        ["展会现场交流，演示五轴加工中心", "展会上交换名片并登记需求"],
        ["客户有意向，约定回访", None]),
    ]
NEXT_ACTIONS = ["发送报价单", "安排技术交流", "邀请来厂参观", "跟进立项进度",
    "确认付款方式", "送样试切"]


def generate(rng, scale):
    "Create the contacts and contact records; no logins"
    pool = Pool()
    Party = pool.get('party.party')
    Contact = pool.get('ame.customer.contact')
    Record = pool.get('ame.contact.record')
    Value = pool.get('ame.dictionary.value')
    Date = pool.get('ir.date')
    types = {v.code: v for v in Value.search([
                ('category.code', '=', 'contact_type')])}
    customers = Party.search([('is_customer', '=', True)],
        order=[('id', 'ASC')])

    contacts = {}
    values = []
    for customer in itertools.cycle(customers):
        if len(values) >= CONTACTS * scale:
            break
        count = rng.choice([1, 2, 2, 3])
        for _ in range(count):
            position, department, role = rng.choice(POSITIONS)
            mobile = f"13{rng.choice('5689')}{len(values) + 1:08d}"
            values.append({
                    'party': customer.id,
                    'name': rng.choice(SURNAMES) + rng.choice(GIVEN),
                    'title': position, 'department_name': department,
                    'role': role, 'mobile': mobile,
                    'is_main': not contacts.get(customer.id),
                    })
            if rng.random() < 0.5:
                values[-1]['wechat'] = f"wx_{mobile[-6:]}"
            contacts.setdefault(customer.id, []).append(len(values) - 1)
    created = Contact.create(values)
    by_customer = {c: [created[i] for i in ids]
        for c, ids in contacts.items()}

    # The owners record their contacts over the last year, oldest first,
    # so that each record closes the follow-up of the one before
    today = Date.today()
    owned = [c for c in customers if c.owner]
    weights = [w for _, w, _, _ in CONTACTS_BY_TYPE]
    records = []
    for _ in range(RECORDS * scale):
        customer = rng.choice(owned)
        code, _, contents, outcomes = rng.choices(
            CONTACTS_BY_TYPE, weights)[0]
        date = dt.datetime.combine(
            today - dt.timedelta(days=rng.randrange(1, 365)),
            dt.time(rng.randrange(8, 18), rng.choice([0, 15, 30, 45])))
        persons = by_customer.get(customer.id)
        records.append({
                'party': customer.id,
                'contact': rng.choice(persons).id if persons else None,
                'employee': customer.owner.id,
                'date': date,
                'type': types[code].id,
                'content': rng.choice(contents),
                'outcome': rng.choice(outcomes),
                })
    records.sort(key=lambda r: r['date'])
    last = {r['party']: r for r in records}
    for record in last.values():
        # Follow-ups from three weeks ago to three weeks ahead
        if rng.random() < 0.6:
            record['next_date'] = (
                record['date'].date() + dt.timedelta(days=14)
                if record['date'].date() > today - dt.timedelta(days=35)
                else today + dt.timedelta(days=rng.randrange(-7, 21)))
            record['next_action'] = rng.choice(NEXT_ACTIONS)
    # One call per day of records: the later ones close the follow-ups
    # of the earlier ones, as they would have
    by_day = {}
    for record in records:
        by_day.setdefault(record['date'].date(), []).append(record)
    for day in sorted(by_day):
        Record.create(by_day[day])
