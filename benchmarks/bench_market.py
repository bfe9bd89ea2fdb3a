# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The marketing cost analysis of ame_market at scale (issue item 11).

100 activities of the year, each with 10 expenses (made by the ORM), and
20,000 leads of those activities spread over the year (inserted in bulk,
copies of a lead made by the ORM: leads, opportunities, won and lost).
The cost analysis (费用分析) of the year per month is computed and read as
the web client reads its list: every row with its ratios
(target < 2 s); the same for the whole year per activity is printed
beside it. Runs on PostgreSQL (AME_DB_URI, default the local server)."""
import datetime as dt
from decimal import Decimal
import random
import time

import common

TENANT = 'ame_bench_market'
ACTIVITIES = 100
EXPENSES = 10
LEADS = 20_000
TARGET = 2.0
YEAR = 2026
# The states of the leads, as many times as they are likely
STATES = ['lead'] * 4 + ['opportunity'] * 3 + ['won'] * 2 + ['lost']


def generate(pool):
    """The activities with their expenses and the leads; return the id of
    the company"""
    from sql import Table

    from trytond.transaction import Transaction
    Company = pool.get('company.company')
    Campaign = pool.get('marketing.campaign')
    Employee = pool.get('company.employee')
    Party = pool.get('party.party')
    Opportunity = pool.get('sale.opportunity')
    Value = pool.get('ame.dictionary.value')
    rng = random.Random(20261207)
    company, = Company.search([])
    expense_types = Value.search([
            ('category.code', '=', 'marketing_expense_type')])
    transaction = Transaction()
    with transaction.set_context(company=company.id):
        employee, = Employee.create([{
                    'party': Party.create([{'name': "陈静"}])[0].id,
                    'company': company.id}])
        customer, = Party.create([{'name': "基准客户", 'is_customer': True,
                    'addresses': [('create', [{}])]}])
        campaigns = Campaign.create([{
                    'name': f"{YEAR} 市场活动 {i}",
                    'start_date': dt.date(YEAR, 1 + i % 12, 1),
                    'budget': Decimal(100_000),
                    'expenses': [('create', [{
                                    'type': rng.choice(expense_types).id,
                                    'date': dt.date(YEAR, 1 + (i + j) % 12,
                                        1 + j),
                                    'planned_amount': Decimal(10_000),
                                    'actual_amount': Decimal(
                                        rng.randrange(5_000, 15_000)),
                                    } for j in range(EXPENSES)])],
                    } for i in range(ACTIVITIES)])
        lead, = Opportunity.create([{
                    'company': company.id, 'employee': employee.id,
                    'party': customer.id, 'amount': Decimal(100_000),
                    'marketing_campaign': campaigns[0].id,
                    'start_date': dt.date(YEAR, 1, 1)}])
    cursor = transaction.connection.cursor()
    cursor.execute('SELECT * FROM "sale_opportunity" WHERE id = %s',
        (lead.id,))
    row = cursor.fetchone()
    names = [d[0] for d in cursor.description]
    columns = [n for n in names if n != 'id']
    template = dict(zip(names, row))
    opportunity = Table('sale_opportunity')
    # 1,000 rows a statement: PostgreSQL takes 65,535 parameters at most
    for start in range(0, LEADS, 1_000):
        rows = []
        for i in range(start, min(start + 1_000, LEADS)):
            state = rng.choice(STATES)
            values = dict(template,
                marketing_campaign=rng.choice(campaigns).id,
                start_date=dt.date(YEAR, 1, 1) + dt.timedelta(
                    days=rng.randrange(365)),
                amount=Decimal(rng.randrange(100, 3_000) * 1_000),
                state=state, number=f'BENCH-{i:05d}',
                party=None if state == 'lead' else customer.id)
            rows.append([values[c] for c in columns])
        cursor.execute(*opportunity.insert(
                [getattr(opportunity, c) for c in columns], rows))
    cursor.execute('ANALYZE sale_opportunity')
    cursor.execute('ANALYZE marketing_campaign_expense')
    return company.id


def analyse(pool, company, period):
    "Read the cost analysis of the year per period as the list reads it"
    from trytond.transaction import Transaction
    Analysis = pool.get('marketing.campaign.cost_analysis')
    context = {'company': company, 'period': period,
        'from_date': dt.date(YEAR, 1, 1), 'to_date': dt.date(YEAR, 12, 31)}
    with Transaction().start(TENANT, 1, readonly=True, context=context):
        rows = Analysis.search_read([], fields_names=[
                'campaign.rec_name', 'period', 'cost', 'leads',
                'opportunities', 'won_amount', 'cost_per_lead',
                'cost_per_opportunity', 'cost_won_rate', 'roi',
                'currency'])
    return rows


def main():
    # The backend is chosen when trytond's modules are first imported
    common.configure(default_uri='postgresql://postgres@127.0.0.1:5432/')
    from trytond.pool import Pool
    from trytond.modules.ame_base.tenant import run_in_transaction
    print(f"  {ACTIVITIES} activities of {EXPENSES} expenses, {LEADS:,} "
        "leads in the year")
    with common.tenant(TENANT, ['ame_market']):
        pool = Pool(TENANT)
        started = time.perf_counter()
        company = run_in_transaction(TENANT, 0, generate, pool)
        common.report("data generation", time.perf_counter() - started,
            unit='s')
        rows = analyse(pool, company, 'activity')
        assert len(rows) == ACTIVITIES, len(rows)
        assert sum(r['leads'] for r in rows) == LEADS + 1
        for label, period in [
                ("cost analysis per month (list with ratios)", 'month'),
                ("cost analysis per activity (whole year)", 'activity'),
                ]:
            seconds = common.measure(lambda: analyse(pool, company, period))
            count = len(analyse(pool, company, period))
            verdict = 'ok' if seconds < TARGET else 'NO'
            print(f"  {label + f' ({count:,} rows)':<60} "
                f"{seconds * 1000:7.1f} ms  < {TARGET * 1000:.0f} ms "
                f"{verdict}", flush=True)


if __name__ == '__main__':
    main()
