# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo organisation of 示例装备制造有限公司: company facts, departments,
positions, employees with their positions, and one user per role."""
import datetime as dt
import random
from decimal import Decimal

from trytond.pool import Pool
from trytond.transaction import Transaction

SEED = 20261127
PASSWORD = 'ame-demo-2026'

# (login, password, role): one user per role, linked to its employee.
LOGINS = [
    ('gm', PASSWORD, "总经理"),
    ('sales_manager', PASSWORD, "销售经理"),
    ('sales', PASSWORD, "销售员"),
    ('engineer', PASSWORD, "应用工程师"),
    ('warehouse', PASSWORD, "仓库管理员"),
    ('service_manager', PASSWORD, "服务经理"),
    ('service', PASSWORD, "服务工程师"),
    ('finance', PASSWORD, "财务"),
    ('sysadmin', PASSWORD, "系统管理员"),
    ]

COMPANY = {
    'short_name': "示例装备",
    'credit_code': '91320594MA1N2B3C4R',
    'legal_representative': "王建国",
    'registered_capital': Decimal('50000000.00'),
    'established_date': dt.date(2008, 3, 18),
    'phone': '0512-6288 6000',
    'fax': '0512-6288 6001',
    'email': 'info@example-machine.cn',
    'website': 'https://www.example-machine.cn',
    'address_street': "工业园区星湖街 328 号",
    'address_postal_code': '215123',
    'bank_name': "中国工商银行苏州工业园区支行",
    'bank_account': '1102 0201 0900 0123 456',
    }
ADDRESS_CITY = '苏州市'

# (code, name, parent code)
DEPARTMENTS = [
    ('GM', "总经办", None),
    ('SALES', "销售部", None),
    ('SALES-E1', "华东销售一部", 'SALES'),
    ('SALES-S', "华南销售部", 'SALES'),
    ('TECH', "技术部", None),
    ('TECH-APP', "应用工程部", 'TECH'),
    ('WH', "仓储物流部", None),
    ('SERVICE', "售后服务部", None),
    ('FIN', "财务部", None),
    ('IT', "信息部", None),
    ]
SALES_DEPARTMENTS = ['SALES-E1', 'SALES-S']
# department code -> names of the sales regions it covers, when they exist
DEPARTMENT_REGIONS = {
    'SALES-E1': ["华东"],
    'SALES-S': ["华南"],
    }

# (code, name, department code, description)
POSITIONS = [
    ('GM', "总经理", 'GM', "全面负责公司经营管理。"),
    ('SALES-MGR', "销售经理", 'SALES', "负责销售团队、销售目标与重点客户。"),
    ('SALES-REP', "销售员", 'SALES', "负责客户开发、商机跟进与合同签订。"),
    ('APP-ENG', "应用工程师", 'TECH-APP',
        "负责售前选型、方案设计与技术交流。"),
    ('WH-KEEPER', "仓库管理员", 'WH', "负责出入库、库存盘点与发货。"),
    ('SERVICE-MGR', "服务经理", 'SERVICE', "负责安装调试与维修服务的调度。"),
    ('SERVICE-ENG', "服务工程师", 'SERVICE', "负责设备安装调试、维修与培训。"),
    ('FIN', "财务", 'FIN', "负责应收应付、开票与费用核算。"),
    ('SYSADMIN', "系统管理员", 'IT', "负责系统账号、权限与数据维护。"),
    ]

# (number, name, department, [(position, from, to, primary)], manages,
#  login)
EMPLOYEES = [
    ('E0001', "王建国", 'GM', [('GM', '2008-03-18', None, True)],
        'GM', 'gm'),
    ('E0002', "李强", 'SALES', [('SALES-MGR', '2010-05-04', None, True)],
        'SALES', 'sales_manager'),
    ('E0003', "赵敏", 'SALES-E1', [
            ('SALES-REP', '2016-07-01', '2021-12-31', True),
            ('SALES-MGR', '2022-01-01', None, True),
            ], 'SALES-E1', None),
    ('E0004', "陈静", 'SALES-E1', [('SALES-REP', '2019-03-11', None, True)],
        None, 'sales'),
    ('E0005', "徐婷", 'SALES-E1', [('SALES-REP', '2021-09-01', None, True)],
        None, None),
    ('E0006', "黄志明", 'SALES-S', [('SALES-MGR', '2014-02-17', None, True)],
        'SALES-S', None),
    ('E0007', "周杰", 'SALES-S', [('SALES-REP', '2020-04-20', None, True)],
        None, None),
    ('E0008', "吴磊", 'TECH', [('APP-ENG', '2011-08-15', None, True)],
        'TECH', None),
    ('E0009', "孙浩", 'TECH-APP', [
            ('APP-ENG', '2017-06-05', None, True),
            ('SALES-REP', '2023-01-01', None, False),
            ], 'TECH-APP', 'engineer'),
    ('E0010', "郑丽", 'WH', [('WH-KEEPER', '2015-10-08', None, True)],
        'WH', 'warehouse'),
    ('E0011', "马超", 'SERVICE', [
            ('SERVICE-ENG', '2012-03-01', '2018-12-31', True),
            ('SERVICE-MGR', '2019-01-01', None, True),
            ], 'SERVICE', 'service_manager'),
    ('E0012', "何勇", 'SERVICE', [('SERVICE-ENG', '2018-05-14', None, True)],
        None, 'service'),
    ('E0013', "林芳", 'FIN', [('FIN', '2013-11-01', None, True)],
        'FIN', 'finance'),
    ('E0014', "高翔", 'IT', [('SYSADMIN', '2020-02-24', None, True)],
        'IT', 'sysadmin'),
    ]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN_NAMES = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
    "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "志强",
    "建华", "海燕", "晓东", "文博", "子涵", "宇航", "思远", "雨欣", "浩然",
    ]


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def _mobile(rng):
    return '1%s%08d' % (rng.choice(['35', '36', '37', '38', '39', '58',
                '59', '86', '88']), rng.randrange(10 ** 8))


def generate(scale=1):
    "Create the organisation; return LOGINS"
    rng = random.Random(SEED)
    pool = Pool()
    Company = pool.get('company.company')
    Subdivision = pool.get('country.subdivision')
    Department = pool.get('company.department')
    Position = pool.get('company.position')
    Party = pool.get('party.party')
    Employee = pool.get('company.employee')
    EmployeePosition = pool.get('company.employee.position')
    Region = pool.get('ame.sales.region')
    User = pool.get('res.user')

    company = Company(Transaction().context['company'])
    values = dict(COMPANY)
    cities = Subdivision.search([('name', '=', ADDRESS_CITY)], limit=1)
    if cities:
        values['address_subdivision'] = cities[0].id
    Company.write([company], values)

    departments = {}
    for code, name, parent in DEPARTMENTS:
        department, = Department.create([{
                    'code': code,
                    'name': name,
                    'company': company.id,
                    'parent': departments[parent].id if parent else None,
                    'sequence': len(departments) + 1,
                    }])
        departments[code] = department
    for code, names in DEPARTMENT_REGIONS.items():
        regions = [r for n in names for r in Region.search([
                    ('name', 'ilike', f'%{n}%'),
                    ], limit=1)]
        if regions:
            Department.write([departments[code]], {
                    'regions': [('add', [r.id for r in regions])],
                    })

    positions = {p.code: p for p in Position.create([{
                    'code': code,
                    'name': name,
                    'company': company.id,
                    'department': departments[department].id,
                    'description': description,
                    } for code, name, department, description in POSITIONS])}

    rows = list(EMPLOYEES)
    for i in range(len(EMPLOYEES) * (scale - 1)):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)
        start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        rows.append((
                'E%05d' % (1001 + i), name, rng.choice(SALES_DEPARTMENTS),
                [('SALES-REP', start.isoformat(), None, True)], None, None))

    parties = Party.create([{'name': row[1]} for row in rows])
    employees = Employee.create([{
                'party': party.id,
                'company': company.id,
                'code': number,
                'department': departments[department].id,
                'start_date': min(_date(p[1]) for p in assignments),
                } for party, (number, _, department, assignments, _, _)
            in zip(parties, rows)])
    for employee in employees:
        employee.mobile = _mobile(rng)
    Employee.save(employees)

    EmployeePosition.create([{
                'employee': employee.id,
                'position': positions[position].id,
                'from_date': _date(from_date),
                'to_date': _date(to_date),
                'primary': primary,
                } for employee, row in zip(employees, rows)
            for position, from_date, to_date, primary in row[3]])

    to_write = []
    for employee, row in zip(employees, rows):
        if row[4]:
            to_write.extend(([departments[row[4]]], {'manager': employee.id}))
    Department.write(*to_write)
    employees = Employee.browse(employees)
    for employee in employees:
        managers = employee.get_manager_chain()
        if managers:
            employee.supervisor = managers[0]
    Employee.save(employees)

    by_login = {row[5]: employee
        for employee, row in zip(employees, rows) if row[5]}
    User.create([{
                'login': login,
                'name': by_login[login].party.name,
                'password': password,
                'email': f'{login}@example-machine.cn',
                'companies': [('add', [company.id])],
                'company': company.id,
                'employees': [('add', [by_login[login].id])],
                'employee': by_login[login].id,
                } for login, password, _ in LOGINS])
    return LOGINS
