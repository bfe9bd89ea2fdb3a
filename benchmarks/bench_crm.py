# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The customers of ame_crm at scale (issue 8, item 15).

100,000 customers of 40 reps (inserted in bulk, with the keys the server
stores: name key, credit code, phone key). A 销售员 creates a customer: the
duplicate check searches the name key, the credit code and the phone among
them (target < 50 ms for the whole create), and is refused a duplicate.
Runs on PostgreSQL (AME_DB_URI, default the local server).

The value analysis (value_analysis): 20,000 customers and 500,000 sale
lines of the last 12 months (inserted in bulk, copies of a sale made by
the ORM), the analysis of those months computed as trytond-worker computes
it (target < 60 s), then again with the customer grades following the ABC
class.

Run one of them with its name: ``bench_crm.py value`` (``duplicate`` for
the first). Not measured yet (not built): the customer 360 view and the
pool cron."""
import datetime as dt
import time

import common

CUSTOMERS = 100_000
EMPLOYEES = 40
TENANT = 'ame_bench_crm'
TARGET_CREATE = 0.050
CITIES = ["苏州", "无锡", "常州", "宁波", "杭州", "东莞", "佛山", "青岛"]


def generate(pool):
    "The reps and their customers; return the id of the first rep's user"
    from trytond.modules.ame_crm.duplicate import phone_key
    from trytond.modules.ame_crm.tests.tools import credit_code
    from trytond.transaction import Transaction
    Company = pool.get('company.company')
    Department = pool.get('company.department')
    Employee = pool.get('company.employee')
    Party = pool.get('party.party')
    Mechanism = pool.get('party.contact_mechanism')
    User = pool.get('res.user')
    ModelData = pool.get('ir.model.data')
    company, = Company.search([])
    with Transaction().set_context(company=company.id):
        department, = Department.create([{
                    'name': "销售部", 'code': 'S', 'company': company.id}])
        employees = Employee.create([{
                    'party': p.id, 'company': company.id,
                    'department': department.id}
                for p in Party.create([
                        {'name': f"销售员{i}"} for i in range(EMPLOYEES)])])
        rep, = User.create([{
                    'login': 'rep', 'name': "销售员",
                    'companies': [('add', [company.id])],
                    'company': company.id,
                    'employees': [('add', [employees[0].id])],
                    'employee': employees[0].id,
                    'roles': [('create', [{'role': ModelData.get_id(
                                        'ame_permission',
                                        'role_sales_rep')}])],
                    }])
    party = Party.__table__()
    mechanism = Mechanism.__table__()
    cursor = Transaction().connection.cursor()
    now = dt.datetime.now()
    for start in range(0, CUSTOMERS, 5_000):
        rows, phones = [], []
        for i in range(start, min(start + 5_000, CUSTOMERS)):
            employee = employees[i % EMPLOYEES]
            name = f"{CITIES[i % len(CITIES)]}精密机械{i}厂有限公司"
            rows.append([name, True, f'KH-{i + 1:06d}', Party.name_key(name),
                    credit_code(f'MA{i:07d}'), employee.id, department.id,
                    True, f'P{i}', 0, now])
        cursor.execute(*party.insert([party.name, party.is_customer,
                    party.customer_number, party.customer_name_key,
                    party.credit_code, party.owner, party.owner_department,
                    party.active, party.code, party.create_uid,
                    party.create_date], rows, returning=[party.id]))
        for (id_,), i in zip(cursor.fetchall(), range(start, CUSTOMERS)):
            value = f"139{i:08d}"
            phones.append([id_, 'mobile', value, value, phone_key(value),
                    True, 0, now])
        cursor.execute(*mechanism.insert([mechanism.party, mechanism.type,
                    mechanism.value, mechanism.value_compact,
                    mechanism.phone_key, mechanism.active,
                    mechanism.create_uid, mechanism.create_date], phones))
    cursor.execute('ANALYZE party_party')
    cursor.execute('ANALYZE party_contact_mechanism')
    return rep.id


def create_as(database, pool, user, values):
    "Create a customer as user, rolled back; return the error or None"
    from trytond.exceptions import UserError
    from trytond.transaction import Transaction
    User = pool.get('res.user')
    with Transaction().start(database, user) as transaction:
        with transaction.set_context(
                User.get_preferences(context_only=True),
                _check_access=True, is_customer=True):
            try:
                pool.get('party.party').create([values])
            except UserError as error:
                return error
            finally:
                transaction.rollback()


def main():
    common.configure(default_uri='postgresql://postgres@127.0.0.1:5432/')
    from trytond.pool import Pool
    from trytond.modules.ame_base.tenant import run_in_transaction
    from trytond.modules.ame_crm.tests.tools import credit_code
    print(f"  {CUSTOMERS:,} customers of {EMPLOYEES} reps")
    with common.tenant(TENANT, ['ame_crm']):
        pool = Pool(TENANT)
        started = time.perf_counter()
        rep = run_in_transaction(TENANT, 0, generate, pool)
        common.report("data generation", time.perf_counter() - started,
            unit='s')
        new = {'name': "南京新客户机床有限公司",
            'credit_code': credit_code('NEWMA0001'),
            'contact_mechanisms': [('create', [{
                            'type': 'mobile', 'value': "186 0000 0001"}])]}
        assert create_as(TENANT, pool, rep, new) is None
        # The name of customer 8 (苏州精密机械8厂有限公司) written otherwise
        duplicate = {'name': "江苏省苏州市精密机械8厂有限责任公司"}
        assert create_as(TENANT, pool, rep, duplicate) is not None
        created = common.measure(lambda: create_as(TENANT, pool, rep, new))
        refused = common.measure(
            lambda: create_as(TENANT, pool, rep, duplicate))
        for label, seconds in [
                ("销售员 creates a customer (duplicate check passes)",
                    created),
                ("销售员 creates a duplicate (refused)", refused)]:
            verdict = 'ok' if seconds < TARGET_CREATE else 'NO'
            print(f"  {label:<52} {seconds * 1000:7.1f} ms  "
                f"< {TARGET_CREATE * 1000:.0f} ms {verdict}", flush=True)


VALUE_TENANT = 'ame_bench_crm_value'
VALUE_CUSTOMERS = 20_000
VALUE_SALES = 100_000
VALUE_LINES_PER_SALE = 5
VALUE_PRODUCTS = 200
TARGET_VALUE = 60


def generate_value_data(pool):
    """The products, customers and confirmed sales of the last 12 months of
    the value analysis; return the period"""
    import random
    from decimal import Decimal

    from sql import Table

    from trytond.modules.ame_crm.value_analysis import last_twelve_months
    from trytond.transaction import Transaction
    Company = pool.get('company.company')
    Party = pool.get('party.party')
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')
    Sale = pool.get('sale.sale')
    Date = pool.get('ir.date')
    rng = random.Random(20261207)
    company, = Company.search([])
    transaction = Transaction()
    cursor = transaction.connection.cursor()
    with transaction.set_context(company=company.id):
        from_date, to_date = last_twelve_months(Date.today())
        unit, = Uom.search([('symbol', '=', 'u')])
        prices = [Decimal(rng.choice([800, 3500, 12000, 68000, 260000]))
            for _ in range(VALUE_PRODUCTS)]
        templates = Template.create([{
                    'name': f"产品{i}", 'type': 'goods',
                    'default_uom': unit.id, 'salable': True,
                    'sale_uom': unit.id, 'list_price': price,
                    'products': [('create', [{
                                    'cost_price': (price * rng.randint(
                                            55, 75) / 100).quantize(
                                        Decimal(1)),
                                    }])],
                    } for i, price in enumerate(prices)])
        products = [(t.products[0].id, p) for t, p in zip(templates, prices)]
        # A sale of the ORM: its row and its line's are the models of the
        # copies
        customer, = Party.create([{'name': "基准客户", 'is_customer': True,
                    'addresses': [('create', [{}])]}])
        sale, = Sale.create([{
                    'company': company.id, 'party': customer.id,
                    'invoice_address': customer.addresses[0].id,
                    'sale_date': to_date,
                    'invoice_method': 'manual', 'shipment_method': 'manual',
                    'lines': [('create', [{
                                    'type': 'line', 'product': products[0][0],
                                    'unit': unit.id, 'quantity': 1,
                                    'unit_price': prices[0]}])],
                    }])
        Sale.write([sale], {'state': 'confirmed'})

    party = Party.__table__()
    now = dt.datetime.now()
    ids = []
    for start in range(0, VALUE_CUSTOMERS, 5_000):
        rows = []
        for i in range(start, min(start + 5_000, VALUE_CUSTOMERS)):
            name = f"{CITIES[i % len(CITIES)]}装备{i}厂有限公司"
            rows.append([name, True, f'KV-{i + 1:06d}', Party.name_key(name),
                    True, f'V{i}', 0, now])
        cursor.execute(*party.insert([party.name, party.is_customer,
                    party.customer_number, party.customer_name_key,
                    party.active, party.code, party.create_uid,
                    party.create_date], rows, returning=[party.id]))
        ids.extend(i for i, in cursor)

    def copies(table, id_, *changed):
        """The columns of the row id_ of table but id, its values, and a
        function that returns them with the changed columns set"""
        cursor.execute(f'SELECT * FROM "{table}" WHERE id = %s', (id_,))
        row = cursor.fetchone()
        names = [d[0] for d in cursor.description]
        columns = [n for n in names if n != 'id']
        values = [v for n, v in zip(names, row) if n != 'id']
        index = [columns.index(n) for n in changed]

        def copy(*changes):
            result = values.copy()
            for i, value in zip(index, changes):
                result[i] = value
            return result
        return columns, copy
    sale_columns, sale_copy = copies('sale_sale', sale.id,
        'party', 'invoice_address', 'shipment_address', 'sale_date', 'state',
        'number', 'quotation_number')
    line_columns, line_copy = copies('sale_line', sale.lines[0].id,
        'sale', 'product', 'quantity', 'unit_price', 'sequence')
    sale_table, line_table = Table('sale_sale'), Table('sale_line')
    # The lines by one statement of one row, many times (a statement of
    # thousands of rows takes long to parse)
    line_query, _ = tuple(line_table.insert(
            [getattr(line_table, n) for n in line_columns],
            [line_copy()]))
    days = (to_date - from_date).days
    states = ['confirmed', 'processing', 'done']
    # PostgreSQL takes at most 65,535 parameters a query
    batch = 60_000 // len(sale_columns)
    for start in range(0, VALUE_SALES, batch):
        rows = []
        for i in range(start, min(start + batch, VALUE_SALES)):
            # Few customers buy much: the first ones of a power law
            rows.append(sale_copy(
                    ids[int(VALUE_CUSTOMERS * rng.random() ** 2)],
                    None, None,
                    from_date + dt.timedelta(days=rng.randrange(days + 1)),
                    rng.choice(states), f'XS-V{i:07d}', f'BJ-V{i:07d}'))
        cursor.execute(*sale_table.insert(
                [getattr(sale_table, n) for n in sale_columns], rows,
                returning=[sale_table.id]))
        lines = []
        for sale_id, in cursor.fetchall():
            for sequence in range(VALUE_LINES_PER_SALE):
                product, price = rng.choice(products)
                lines.append(line_copy(sale_id, product,
                        float(rng.randint(1, 5)), price, sequence))
        cursor.executemany(line_query, lines)
    for table in ['party_party', 'sale_sale', 'sale_line']:
        cursor.execute(f'ANALYZE "{table}"')
    return from_date, to_date


def compute_value_analysis(database, pool, from_date, to_date,
        follow=False):
    """Create the analysis of the period and compute it as the worker does
    (the queued task); return the seconds of the computation and the
    number of customers analysed"""
    from trytond.transaction import Transaction
    Company = pool.get('company.company')
    Configuration = pool.get('ame.configuration')
    Analysis = pool.get('ame.customer.value.analysis')
    with Transaction().start(database, 0) as transaction:
        company, = Company.search([])
        company_id = company.id
        with transaction.set_context(company=company_id):
            configuration = Configuration(1)
            configuration.customer_grade_follows_abc = follow
            configuration.save()
            analysis, = Analysis.create([{'company': company_id,
                        'from_date': from_date, 'to_date': to_date}])
            analysis_id = analysis.id
            Analysis.compute([analysis])
            transaction.tasks.clear()
        transaction.commit()
    with Transaction().start(database, 0) as transaction:
        started = time.perf_counter()
        with transaction.set_context(company=company_id):
            Analysis.process([Analysis(analysis_id)])
        transaction.commit()
        seconds = time.perf_counter() - started
    with Transaction().start(database, 0, readonly=True):
        analysis = Analysis(analysis_id)
        return seconds, analysis.state, analysis.customer_count


def value_analysis():
    common.configure(default_uri='postgresql://postgres@127.0.0.1:5432/')
    from trytond.pool import Pool
    from trytond.modules.ame_base.tenant import run_in_transaction
    lines = VALUE_SALES * VALUE_LINES_PER_SALE
    print(f"  {VALUE_CUSTOMERS:,} customers, {VALUE_SALES:,} sales of "
        f"{lines:,} lines in the last 12 months")
    with common.tenant(VALUE_TENANT, ['ame_crm']):
        pool = Pool(VALUE_TENANT)
        started = time.perf_counter()
        from_date, to_date = run_in_transaction(
            VALUE_TENANT, 0, generate_value_data, pool)
        common.report("data generation", time.perf_counter() - started,
            unit='s')
        for label, follow in [
                ("value analysis computed", False),
                ("again, the grades following the ABC class", True),
                ]:
            seconds, state, customers = compute_value_analysis(
                VALUE_TENANT, pool, from_date, to_date, follow=follow)
            assert state == 'done', state
            verdict = 'ok' if seconds < TARGET_VALUE else 'NO'
            print(f"  {label + f' ({customers:,} customers)':<60} "
                f"{seconds:7.1f} s  < {TARGET_VALUE} s {verdict}",
                flush=True)


BENCHMARKS = {
    'duplicate': main,
    'value': value_analysis,
    }


if __name__ == '__main__':
    import sys
    for name in sys.argv[1:] or BENCHMARKS:
        BENCHMARKS[name]()
