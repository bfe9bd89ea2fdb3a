# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The public pools (公海) of 示例装备制造有限公司: the company's pool, open
to the sales roles, and 华东区's pool for the departments of 陈静 (华东),
with return rules per customer grade, the claim limits of the roles, and
about 30 customers (scale times) released by their reps with a reason."""
from trytond.pool import Pool
from trytond.transaction import Transaction

RELEASED = 30
# (grade code or None, days without contact, without won deal, warning)
RULES = [
    ('A', 90, None, 7),
    ('B', 60, 365, 7),
    (None, 45, 270, 5),
    ]
LIMITS = [
    ('role_sales_rep', 60),
    ('role_application_engineer', 20),
    ('role_sales_manager', 120),
    ]
REASONS = [
    "客户近期无采购计划，先退回公海",
    "联系人离职，暂时无法跟进",
    "客户已选用竞争对手设备",
    "区域调整，转由其他同事跟进",
    "多次联系无回应",
    "客户预算冻结，明年再议",
    ]


def generate(rng, scale):
    "Create the pools and return customers to them; no logins"
    pool = Pool()
    CustomerPool = pool.get('ame.customer.pool')
    Limit = pool.get('ame.customer.pool.limit')
    Configuration = pool.get('ame.configuration')
    Party = pool.get('party.party')
    Region = pool.get('ame.sales.region')
    Employee = pool.get('company.employee')
    User = pool.get('res.user')
    Value = pool.get('ame.dictionary.value')
    ModelData = pool.get('ir.model.data')
    company = Transaction().context['company']

    def role(xml_id):
        return ModelData.get_id('ame_permission', xml_id)
    grades = {v.code: v.id for v in Value.search([
                ('category.code', '=', 'customer_grade')])}
    rules = [('create', [{
                    'customer_grade': grades.get(code),
                    'no_contact_days': contact, 'no_win_days': win,
                    'warning_days': warning,
                    } for code, contact, win, warning in RULES])]
    manager, = User.search([('login', '=', 'sales_manager')]) or [None]
    east, = Region.search([('code', '=', 'E')])
    rep, = Employee.search([('code', '=', 'E0004')])
    CustomerPool.create([{
                'company': company, 'name': "公司公海",
                'roles': [('add', [role('role_sales_rep'),
                            role('role_sales_manager')])],
                'administrator': manager.id if manager else None,
                'rules': rules,
                }, {
                'company': company, 'name': "华东区公海",
                'sales_region': east.id,
                'departments': [('add', [rep.department.id])],
                'administrator': manager.id if manager else None,
                'rules': rules,
                }])
    Limit.create([{'company': company, 'role': role(r), 'limit': limit}
            for r, limit in LIMITS])
    Configuration.write([Configuration(1)], {
            'pool_claim_cap': 150, 'pool_count_won': False,
            'pool_cooldown_days': 30})

    # The customers nobody owns enter their pool
    Party.enter_pool(Party.search([
                ('is_customer', '=', True), ('owner', '=', None)]))
    # Reps give back some customers without sale nor opportunity
    owned = Party.search([
            ('is_customer', '=', True), ('owner', '!=', None),
            ('sales', '=', None), ('opportunities', '=', None),
            ], order=[('id', 'ASC')])
    for party in rng.sample(owned, min(RELEASED * scale, len(owned))):
        matching = CustomerPool.matching(party)
        if matching:
            Party.release_to(
                [party], matching[0], rng.choice(REASONS), 'release')
