# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Cost of the data-scope record rules (issue: four-level permissions).

200,000 opportunities owned by 400 employees in a department tree (销售部 →
8 regional departments → 3 offices each). A 销售员 whose role has the scope
本部门及下级 searches and reads 1,000 of the records he sees; the same
search and read by the administrator (scope 全部, the rule reduced to
nothing) and by root (no rule at all) are the references. Runs on
PostgreSQL (AME_DB_URI, default the local server)."""
import datetime as dt
import random
import time

import common

RECORDS = 200_000
REGIONS = 8
OFFICES = 3
EMPLOYEES = 400
FIELDS = ['description', 'amount', 'party', 'employee', 'department',
    'state', 'start_date']
TENANT = 'ame_bench_scope'


def generate(pool):
    "The organisation and the records, inserted in bulk"
    from trytond.transaction import Transaction
    Department = pool.get('company.department')
    Employee = pool.get('company.employee')
    Party = pool.get('party.party')
    Company = pool.get('company.company')
    Opportunity = pool.get('sale.opportunity')
    Role = pool.get('res.role')
    User = pool.get('res.user')
    ModelData = pool.get('ir.model.data')
    rng = random.Random(1)
    company, = Company.search([])
    sales, = Department.create([{
                'name': "销售部", 'code': 'S', 'company': company.id}])
    leaves = []
    for r in range(REGIONS):
        region, = Department.create([{'name': f"销售{r}部",
                    'code': f'S{r}', 'parent': sales.id,
                    'company': company.id}])
        leaves.extend(Department.create([{'name': f"销售{r}部{o}组",
                        'code': f'S{r}{o}', 'parent': region.id,
                        'company': company.id} for o in range(OFFICES)]))
    parties = Party.create([{'name': f"员工{i}"} for i in range(EMPLOYEES)])
    employees = Employee.create([{
                'party': p.id, 'company': company.id,
                'department': leaves[i % len(leaves)].id}
            for i, p in enumerate(parties)])
    customers = Party.create([{'name': f"客户{i}"} for i in range(500)])

    table = Opportunity.__table__()
    cursor = Transaction().connection.cursor()
    columns = [table.number, table.company, table.currency, table.party,
        table.employee,
        table.department, table.description, table.amount, table.state,
        table.start_date, table.conversion_probability, table.create_uid,
        table.create_date]
    today = dt.date.today()
    now = dt.datetime.now()
    for start in range(0, RECORDS, 5_000):
        values = []
        for i in range(start, min(start + 5_000, RECORDS)):
            employee = employees[i % EMPLOYEES]
            values.append([f'OPP{i:06d}', company.id, company.currency.id,
                    rng.choice(customers).id, employee.id,
                    employee.department.id, f"机会 {i}",
                    rng.randrange(10_000, 5_000_000), 'opportunity',
                    today - dt.timedelta(days=i % 700), 0.5, 0, now])
        cursor.execute(*table.insert(columns, values))

    # A sales rep of the first regional department; his role sees the
    # department and its offices (本部门及下级).
    region = Department.search([('code', '=', 'S0')])[0]
    rep_role = Role(ModelData.get_id('ame_permission', 'role_sales_rep'))
    rep_role.data_scope = 'department_tree'
    rep_role.save()
    rep_employee, = Employee.create([{
                'party': Party.create([{'name': "销售员"}])[0].id,
                'company': company.id, 'department': region.id}])
    rep, = User.create([{
                'login': 'rep', 'name': "销售员",
                'companies': [('add', [company.id])], 'company': company.id,
                'employees': [('add', [rep_employee.id])],
                'employee': rep_employee.id,
                'roles': [('create', [{'role': rep_role.id}])],
                }])
    return rep.id


def search_read(dbname, pool, user, check_access=True):
    from trytond.transaction import Transaction
    User = pool.get('res.user')
    with Transaction().start(dbname, user, readonly=True) as transaction:
        with transaction.set_context(User.get_preferences(context_only=True),
                _check_access=check_access):
            Opportunity = pool.get('sale.opportunity')
            records = Opportunity.search([], limit=1000)
            Opportunity.read([r.id for r in records], FIELDS)
            return len(records)


def main():
    backend = common.configure(
        default_uri='postgresql://postgres@127.0.0.1:5432/')
    from trytond.pool import Pool
    from trytond.modules.ame_base.tenant import run_in_transaction
    print(f"  backend: {backend}; {RECORDS:,} opportunities")
    with common.tenant(TENANT, ['ame_permission', 'sale_opportunity']):
        pool = Pool(TENANT)
        started = time.perf_counter()
        rep = run_in_transaction(TENANT, 0, generate, pool)
        common.report("data generation", time.perf_counter() - started,
            unit='s')
        assert search_read(TENANT, pool, rep) == 1000
        root = common.measure(
            lambda: search_read(TENANT, pool, 0, check_access=False))
        admin = common.measure(lambda: search_read(TENANT, pool, 1))
        sales = common.measure(lambda: search_read(TENANT, pool, rep))
        common.report("root, no rule: search + read 1,000", root)
        common.report("administrator (全部): search + read 1,000", admin)
        common.report("销售员 (本部门及下级): search + read 1,000", sales)
        print(f"  ratio 销售员 / administrator: {sales / admin:.2f} "
            "(target < 1.5)")
        print(f"  ratio 销售员 / root:          {sales / root:.2f}")


if __name__ == '__main__':
    main()
