# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The cost of AME on the lists users open all day (issue 6, item 18).

The same documents (sales, purchases and opportunities of 40 employees in
8 departments) in two tenants: one with every AME module, one with Tryton's
sale, purchase and sale_opportunity alone. The 80-row list of each, with
the fields of the list view its menu opens (read as the web client reads
them), as the user who works on it: 销售员 for sales and opportunities,
财务 for purchases (a 销售员 has no access to them). Then the sale list
under load: gunicorn with 4 workers on the AME tenant, 1, 10 and 20
closed-loop users (the last with a 2 s think time). PostgreSQL (AME_DB_URI,
default the local server); loopback only; the tenants are dropped at the
end."""
import datetime as dt
from decimal import Decimal
import os
import pathlib
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import common

DOCUMENTS = int(os.environ.get('AME_BENCH_DOCUMENTS', 4000))
DEPARTMENTS = 8
EMPLOYEES = 40
ROWS = 80
PASSWORD = 'Bench-Lists-2026!'
AME_TENANT = 'ame_bench_lists'
STANDARD_TENANT = 'ame_bench_lists_std'
STANDARD_MODULES = ['sale', 'purchase', 'sale_opportunity']
# model -> the login that lists it
LISTS = {
    'sale.sale': 'rep',
    'purchase.purchase': 'finance',
    'sale.opportunity': 'rep',
    }
TARGET_RATIO = 1.2
# (users, think time in seconds, seconds of load)
LOADS = [(1, 0, 15), (10, 0, 20), (20, 2, 30)]
# At most so many lists in a load, whatever its duration
MAX_LISTS = 3000
TARGET_P95 = 0.300
WORKERS = 4
VENV_BIN = common.VENV_BIN


def generate(pool):
    """The same documents in either tenant; the AME fields (departments,
    owners of sales and purchases, roles) where the modules have them"""
    from trytond.transaction import Transaction
    Company = pool.get('company.company')
    Currency = pool.get('currency.currency')
    Party = pool.get('party.party')
    Employee = pool.get('company.employee')
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')
    Location = pool.get('stock.location')
    User = pool.get('res.user')
    ModelData = pool.get('ir.model.data')
    rng = random.Random(18)
    try:
        pool.get('company.department')
    except KeyError:
        ame = False
    else:
        ame = True

    companies = Company.search([])
    if companies:
        company, = companies
    else:
        currency, = Currency.create([{
                    'name': "人民币", 'code': 'CNY', 'symbol': '¥',
                    'rounding': Decimal('0.01'), 'digits': 2}])
        company, = Company.create([{
                    'party': Party.create([{
                                'name': "基准测试装备有限公司"}])[0].id,
                    'currency': currency.id}])
    transaction = Transaction()
    with transaction.set_context(company=company.id):
        departments = []
        if ame:
            Department = pool.get('company.department')
            sales, = Department.create([{
                        'name': "销售部", 'code': 'S',
                        'company': company.id}])
            departments = Department.create([{
                        'name': f"销售{i}部", 'code': f'S{i}',
                        'parent': sales.id, 'company': company.id}
                    for i in range(DEPARTMENTS)])
        parties = Party.create([{'name': f"员工{i}"}
                for i in range(EMPLOYEES)])
        employees = Employee.create([dict({
                        'party': p.id, 'company': company.id},
                    **({'department': departments[i % DEPARTMENTS].id}
                        if ame else {}))
                for i, p in enumerate(parties)])
        customers = Party.create([{
                    'name': f"客户{i}有限公司",
                    'addresses': [('create', [{'city': "苏州市"}])],
                    } for i in range(300)])
        unit, = Uom.search([('symbol', '=', 'u')])
        templates = Template.create([{
                    'name': f"数控机床 {i}", 'type': 'goods',
                    'default_uom': unit.id, 'list_price': Decimal(100_000 + i),
                    'salable': True, 'sale_uom': unit.id,
                    'purchasable': True, 'purchase_uom': unit.id,
                    'products': [('create', [{}])],
                    } for i in range(20)])
        products = [p for t in templates for p in t.products]
        warehouse, = Location.search([('type', '=', 'warehouse')], limit=1)

        rep, finance = employees[0], employees[1]
        users = {}
        for login, employee, groups, role in [
                ('rep', rep, ['sale.group_sale',
                        'sale_opportunity.group_opportunity'],
                    'role_sales_rep'),
                ('finance', finance, ['purchase.group_purchase'],
                    'role_finance'),
                ('manager', employees[2], ['sale.group_sale'],
                    'role_sales_manager'),
                ]:
            values = {
                'login': login, 'name': login, 'password': PASSWORD,
                'companies': [('add', [company.id])],
                'company': company.id,
                'employees': [('add', [employee.id])],
                'employee': employee.id,
                }
            if ame:
                roles = ModelData.search([
                        ('fs_id', '=', role), ('model', '=', 'res.role')])
                values['roles'] = [('create', [{'role': roles[0].db_id}])]
            else:
                values['groups'] = [('add', [
                            ModelData.get_id(*g.split('.')) for g in groups])]
            users[login], = User.create([values])

        def owner():
            # The 销售员 owns a tenth: more than a list of his own
            return rep if rng.random() < 0.1 else rng.choice(employees)

        def line():
            return [('create', [{
                            'product': rng.choice(products).id,
                            'quantity': rng.randrange(1, 5),
                            'unit': unit.id,
                            'unit_price': Decimal(
                                50_000 + rng.randrange(500_000)),
                            }])]

        for Model, values in [
                (pool.get('sale.sale'), lambda c: {
                        'invoice_address': c.addresses[0].id,
                        'shipment_address': c.addresses[0].id,
                        'warehouse': warehouse.id}),
                (pool.get('purchase.purchase'), lambda c: {
                        'invoice_address': c.addresses[0].id,
                        'warehouse': warehouse.id}),
                ]:
            owned = 'employee' in Model._fields
            for start in range(0, DOCUMENTS, 500):
                documents = []
                for i in range(start, min(start + 500, DOCUMENTS)):
                    customer = rng.choice(customers)
                    document = dict(values(customer), **{
                            'company': company.id, 'party': customer.id,
                            'description': f"基准单据 {i}",
                            'lines': line()})
                    if owned:
                        document['employee'] = owner().id
                    documents.append(document)
                Model.create(documents)
        Opportunity = pool.get('sale.opportunity')
        for start in range(0, DOCUMENTS, 500):
            Opportunity.create([{
                        'company': company.id,
                        'party': rng.choice(customers).id,
                        'employee': owner().id,
                        'description': f"基准商机 {i}",
                        'amount': Decimal(10_000 + rng.randrange(5_000_000)),
                        'start_date': (dt.date.today()
                            - dt.timedelta(days=rng.randrange(700))),
                        'lines': [('create', [{
                                        'product': rng.choice(products).id,
                                        'quantity': 1, 'unit': unit.id}])],
                        } for i in range(start, min(start + 500, DOCUMENTS))])
        set_states(pool, rng)
    return {login: user.id for login, user in users.items()}


def set_states(pool, rng):
    "Numbers and states as lists show them, the same in both tenants"
    from trytond.transaction import Transaction
    cursor = Transaction().connection.cursor()
    for model, states in [
            ('sale.sale', ['draft', 'quotation', 'quotation', 'confirmed']),
            ('purchase.purchase', ['draft', 'quotation', 'confirmed']),
            ('sale.opportunity', ['lead', 'opportunity', 'opportunity']),
            ]:
        table = pool.get(model).__table__()
        cursor.execute(*table.select(table.id, order_by=table.id))
        for id_, in cursor.fetchall():
            cursor.execute(*table.update(
                    [table.number, table.state],
                    [f'B{id_:06d}', rng.choice(states)],
                    where=table.id == id_))


def configure_approvals(pool):
    """An approval of the quotations and purchases as the demo has; a
    quarter of the quotations submitted (after the states are committed)"""
    from trytond.transaction import Transaction
    Company = pool.get('company.company')
    company, = Company.search([])
    with Transaction().set_context(company=company.id):
        _configure_approvals(pool, company)


def _configure_approvals(pool, company):
    Node = pool.get('ame.approval.node')
    Business = pool.get('ame.approval.business')
    ModelData = pool.get('ir.model.data')
    Sale = pool.get('sale.sale')
    role, = ModelData.search([
            ('fs_id', '=', 'role_sales_manager'), ('model', '=', 'res.role')])
    node, = Node.create([{
                'name': "销售经理", 'company': company.id,
                'approver_type': 'role', 'role': role.db_id}])
    for model in ['sale.sale', 'purchase.purchase']:
        Business.create([{
                    'name': f"{model} 审批", 'company': company.id,
                    'model': model, 'transition': 'confirm',
                    'amount_field': 'total_amount',
                    'flows': [('create', [{
                                    'name': "审批", 'sequence': 1,
                                    'levels': [('create', [{
                                                    'sequence': 1,
                                                    'node': node.id}])],
                                    }])],
                    }])
    quotations = Sale.search([('state', '=', 'quotation')])
    Sale.submit_approval(quotations[::4])


def standard_tenant(name, modules):
    "A database with Tryton's modules alone, made by trytond-admin"
    import psycopg
    uri = os.environ.get('AME_DB_URI', DEFAULT_URI)
    with psycopg.connect(uri.rstrip('/') + '/postgres',
            autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\'')
    with tempfile.TemporaryDirectory(prefix='ame-bench-') as directory:
        config = pathlib.Path(directory) / 'trytond.conf'
        config.write_text(f"[database]\nuri = {uri}\n")
        password = pathlib.Path(directory) / 'password'
        password.write_text(PASSWORD + '\n')
        started = time.perf_counter()
        env = dict(os.environ, TRYTONPASSFILE=str(password))
        env.pop('TRYTOND_CONFIG', None)
        subprocess.run([str(VENV_BIN / 'trytond-admin'), '-c', str(config),
                '-d', name, '-u', *modules, '--activate-dependencies',
                '-l', 'zh_CN', '--email', 'admin@example.com'],
            check=True, env=env, stdout=subprocess.DEVNULL)
        common.report("tenant creation (Tryton alone)",
            time.perf_counter() - started, unit='s')


def drop_database(name):
    import psycopg
    uri = os.environ.get('AME_DB_URI', DEFAULT_URI)
    with psycopg.connect(uri.rstrip('/') + '/postgres',
            autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def list_fields(pool, model):
    "The fields that the web client reads for the list view of model"
    Model = pool.get(model)
    view = Model.fields_view_get(view_type='tree')
    names = []
    for name, field in view['fields'].items():
        names.append(name)
        if field['type'] in {'many2one', 'one2one', 'reference'}:
            names.append(f'{name}.rec_name')
    return names + ['rec_name', '_timestamp', '_write', '_delete']


def in_user_transaction(database, pool, user, func):
    from trytond.transaction import Transaction
    with Transaction().start(database, user, readonly=True) as transaction:
        User = pool.get('res.user')
        with transaction.set_context(
                User.get_preferences(context_only=True),
                _check_access=True):
            return func()


def list_time(database, pool, user, model):
    """Median seconds of the 80-row list of model as user, as an RPC call
    runs it: a transaction with the context the client got at login"""
    from trytond.transaction import Transaction
    fields = in_user_transaction(
        database, pool, user, lambda: list_fields(pool, model))
    context = in_user_transaction(
        database, pool, user, lambda: dict(Transaction().context))

    def search_read():
        with Transaction().start(
                database, user, readonly=True, context=context):
            Model = pool.get(model)
            rows = Model.search_read([], limit=ROWS, fields_names=fields)
        assert len(rows) == ROWS, (database, model, len(rows))
    return common.measure(search_read, repeat=21)


def load(server, fields, auth, context, users, think, seconds):
    "Closed-loop users listing the sales; return latencies and errors"
    latencies, errors = [], []
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def user(index):
        rng = random.Random(index)
        # Users do not all start at the same instant
        time.sleep(rng.random() * max(think, 0.2))
        while (time.monotonic() < deadline
                and len(latencies) + len(errors) < MAX_LISTS):
            started = time.perf_counter()
            try:
                server.call(auth, 'model.sale.sale.search_read', [], 0, ROWS,
                    None, fields, context)
            except Exception as error:
                with lock:
                    errors.append(error)
            else:
                with lock:
                    latencies.append(time.perf_counter() - started)
            if think:
                time.sleep(think * (0.5 + rng.random()))
    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - started


DEFAULT_URI = 'postgresql://postgres@127.0.0.1:5432/'


def main():
    backend = common.configure(default_uri=DEFAULT_URI)
    if backend != 'postgresql':
        sys.exit("bench_lists runs on PostgreSQL (AME_DB_URI)")
    from trytond.modules import get_modules
    from trytond.pool import Pool
    from trytond.modules.ame_base.tenant import run_in_transaction
    ame_modules = sorted(m for m in get_modules() if m.startswith('ame_'))
    print(f"  {DOCUMENTS:,} sales, purchases and opportunities each; "
        f"{ROWS}-row lists")
    try:
        standard_tenant(STANDARD_TENANT, STANDARD_MODULES)
        with common.tenant(AME_TENANT, ame_modules + STANDARD_MODULES):
            pools = {}
            users = {}
            for database in [AME_TENANT, STANDARD_TENANT]:
                Pool.start()
                pools[database] = pool = Pool(database)
                pool.init()
                started = time.perf_counter()
                users[database] = run_in_transaction(
                    database, 0, generate, pool)
                if database == AME_TENANT:
                    run_in_transaction(
                        database, 0, configure_approvals, pool)
                common.report(f"data generation ({database})",
                    time.perf_counter() - started, unit='s')

            print(f"  {'list (as)':<34} {'AME':>9} {'Tryton':>9} "
                f"{'ratio':>6}  target")
            for model, login in LISTS.items():
                times = [list_time(database, pools[database],
                        users[database][login], model)
                    for database in [AME_TENANT, STANDARD_TENANT]]
                ratio = times[0] / times[1]
                verdict = 'ok' if ratio <= TARGET_RATIO else 'NO'
                print(f"  {f'{model} ({login})':<34} {times[0] * 1000:7.1f}ms"
                    f" {times[1] * 1000:7.1f}ms {ratio:6.2f}  "
                    f"<= {TARGET_RATIO} {verdict}", flush=True)

            fields = in_user_transaction(AME_TENANT, pools[AME_TENANT],
                users[AME_TENANT]['rep'],
                lambda: list_fields(pools[AME_TENANT], 'sale.sale'))
            with common.Server(AME_TENANT, WORKERS) as server:
                auth, context = server.login('rep', PASSWORD)
                # Warm every worker's caches
                load(server, fields, auth, context, WORKERS * 2, 0, 5)
                print(f"  gunicorn, {WORKERS} workers: the sale list of the "
                    "销售员 under closed-loop users")
                print(f"  {'users':>5} {'think':>6} {'lists':>6} {'errors':>6}"
                    f" {'p50':>8} {'p95':>8} {'calls/s':>8}")
                for count, think, seconds in LOADS:
                    latencies, errors, elapsed = load(
                        server, fields, auth, context, count, think, seconds)
                    p95 = common.percentile(latencies, 0.95)
                    target = (f"p95 < {TARGET_P95 * 1000:.0f} ms "
                        f"{'ok' if p95 < TARGET_P95 else 'NO'}"
                        if count == 20 else '')
                    print(f"  {count:5d} {think:5.0f}s {len(latencies):6d} "
                        f"{len(errors):6d} "
                        f"{statistics.median(latencies) * 1000:6.0f}ms "
                        f"{p95 * 1000:6.0f}ms "
                        f"{len(latencies) / elapsed:8.1f}  {target}",
                        flush=True)
    finally:
        drop_database(STANDARD_TENANT)


if __name__ == '__main__':
    main()
