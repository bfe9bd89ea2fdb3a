# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The public pool (公海) under attack over JSON-RPC (issue 8, items 4, 5
and 14): owners change only by claim, release, assign and handover;
claims stay within membership, limits and cool-down; a pool customer's
numbers stay masked; nobody writes the pool's history."""
import pytest

from attack import assert_refused, assert_refused_or_empty
from targets import ROLES, TARGETS

CUSTOMER, = [t for t in TARGETS if t.model == 'party.party']
MOBILE = "13912345678"
FIELDS = ['owner', 'pool', 'previous_owner', 'pool_reason', 'write_date']


@pytest.fixture(scope='module')
def pooled(world):
    "A new customer of the company's pool, with a mobile number"
    record, = world.admin.model('party.party', 'create', [{
                'name': f"安全测试 公海客户 {world.token}",
                'is_customer': True,
                'addresses': [('create', [{'street': "安全测试路 2 号"}])],
                'contact_mechanisms': [('create', [{
                                'type': 'mobile', 'value': MOBILE}])],
                }])
    return record


def read(world, record):
    return world.admin.model('party.party', 'read', [record], FIELDS)[0]


def company_pool(world):
    "The pool of the customers of any region and industry"
    pool, = world.admin.model('ame.customer.pool', 'search', [
            ('sales_region', '=', None), ('industry', '=', None),
            ], 0, 1, None)
    return pool


def run_wizard(client, name, record, start, state):
    "Run the wizard name on the customer to state at once, as a client may"
    wizard = f'wizard.{name}'
    context = {'active_model': 'party.party', 'active_id': record,
        'active_ids': [record]}
    answer = client.attempt(f'{wizard}.create', context=context)
    if answer.error:
        return answer
    session = answer.result[0]
    try:
        return client.attempt(f'{wizard}.execute', session,
            {'start': start}, state, context=context)
    finally:
        client.attempt(f'{wizard}.delete', session, context=context)


def test_pooled_in_pool(world, pooled):
    "The reference: the customer is in a pool, without owner"
    customer = read(world, pooled)
    assert customer['pool'] and not customer['owner']


@pytest.mark.parametrize('login', ['sales', 'sales_manager'])
def test_write_owner(world, clients, pooled, login):
    "A pool customer is claimed, not taken by a write of its owner"
    before = read(world, pooled)
    client = clients(login)
    employee = world.employees[ROLES[login].employee]
    assert_refused(client.attempt(
            'model.party.party.write', [pooled], {'owner': employee}))
    assert_refused(client.attempt(
            'model.party.party.write', [pooled], {'pool': None}))
    assert read(world, pooled) == before


def test_write_pool_of_own_customer(world, clients):
    "A rep neither drops his customer into a pool nor out of his hands"
    record = world.create(CUSTOMER, ROLES['sales'].employee)
    before = read(world, record)
    client = clients('sales')
    assert_refused(client.attempt(
            'model.party.party.write', [record],
            {'pool': company_pool(world)}))
    assert_refused(client.attempt(
            'model.party.party.write', [record], {'owner': None}))
    assert read(world, record) == before


def test_claim_not_member(world, clients, pooled):
    "应用工程师 is no member of the pool: he neither sees nor claims it"
    before = read(world, pooled)
    client = clients('engineer')
    assert_refused_or_empty(client.attempt(
            'model.party.party.search', [('id', '=', pooled)], 0, None, None))
    assert_refused(client.attempt('model.party.party.claim', [pooled]))
    assert read(world, pooled) == before


def test_claim_beyond_limit(world, clients, pooled):
    "With a cap below what he owns, the rep claims nothing"
    admin = world.admin
    cap, = admin.model('ame.configuration', 'read', [1], ['pool_claim_cap'])
    before = read(world, pooled)
    admin.model('ame.configuration', 'write', [1], {'pool_claim_cap': 1})
    try:
        assert_refused(clients('sales').attempt(
                'model.party.party.claim', [pooled]))
    finally:
        admin.model('ame.configuration', 'write', [1], {
                'pool_claim_cap': cap['pool_claim_cap']})
    assert read(world, pooled) == before


def test_claim_in_cooldown(world, clients):
    "The rep who released a customer claims it again after the cool-down"
    record = world.create(CUSTOMER, ROLES['sales'].employee)
    client = clients('sales')
    pool = company_pool(world)
    answer = run_wizard(client, 'ame.customer.pool.release', record, {
            'pool': pool, 'reason': "安全测试 退回"}, 'release')
    assert not answer.error, answer
    before = read(world, record)
    assert before['pool'] == pool and not before['owner']
    assert_refused(client.attempt('model.party.party.claim', [record]))
    assert read(world, record) == before


@pytest.mark.parametrize('owner', ROLES['sales'].outsiders)
def test_release_other_rep(world, clients, owner):
    "A rep does not release his colleague's customer"
    record = world.create(CUSTOMER, owner)
    before = read(world, record)
    assert_refused(run_wizard(clients('sales'), 'ame.customer.pool.release',
            record, {'pool': company_pool(world), 'reason': "安全测试"},
            'release'))
    assert read(world, record) == before


def test_assign_by_rep(world, clients, pooled):
    "A rep administers no pool: he assigns nothing, not even to himself"
    before = read(world, pooled)
    assert_refused(run_wizard(clients('sales'), 'ame.customer.pool.assign',
            pooled, {'employee': world.employees[ROLES['sales'].employee]},
            'assign'))
    assert read(world, pooled) == before


def test_masked_phones(world, clients, pooled):
    "A member sees the pool customer, its numbers masked until claimed"
    client = clients('sales')
    customer, = client.model('party.party', 'read', [pooled],
        ['masked_phone', 'mobile', 'contact_mechanisms'])
    assert customer['masked_phone'] == "139****5678"
    assert customer['mobile'] != MOBILE
    assert customer['contact_mechanisms'] == []
    mechanisms = world.admin.model('party.contact_mechanism', 'search', [
            ('party', '=', pooled)], 0, None, None)
    assert mechanisms
    assert_refused(client.attempt(
            'model.party.contact_mechanism.read', mechanisms, ['value']))
    assert_refused_or_empty(client.attempt(
            'model.party.contact_mechanism.search_read',
            [('party', '=', pooled)], 0, None, None, ['value']))
    # No oracle: a search by the number finds nothing
    assert_refused_or_empty(client.attempt('model.party.party.search', [
                ('contact_mechanisms.value', '=', MOBILE)], 0, None, None))
    answer = client.attempt('model.party.party.export_data', [pooled],
        ['contact_mechanisms/value', 'mobile'])
    assert answer.refused or (answer.status == 200
        and MOBILE not in str(answer.result)), answer


def test_logs_read_only(world, clients):
    "Nobody writes, deletes or makes the pool's history"
    admin = world.admin
    logs = admin.model('ame.customer.pool.log', 'search', [], 0, 1, None)
    assert logs
    before = admin.model('ame.customer.pool.log', 'read', logs,
        ['reason', 'action', 'write_date'])
    for login in ['sales', 'sales_manager', 'gm']:
        client = clients(login)
        assert_refused(client.attempt('model.ame.customer.pool.log.write',
                logs, {'reason': "伪造"}))
        assert_refused(client.attempt('model.ame.customer.pool.log.delete',
                logs))
        assert_refused(client.attempt('model.ame.customer.pool.log.create',
                [{'customer': world.customer, 'action': 'claim',
                        'date': {'__class__': 'datetime', 'year': 2026,
                            'month': 1, 'day': 1, 'hour': 0, 'minute': 0,
                            'second': 0, 'microsecond': 0}}]))
    assert admin.model('ame.customer.pool.log', 'read', logs,
        ['reason', 'action', 'write_date']) == before
