# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The business handover (业务移交) under attack (issue 6, item 3): the
wizard moves only what the user may see and change, to an employee in his
scope."""
import pytest

from attack import assert_refused
from targets import HANDOVER_ROLES, HANDOVER_WIZARD, ROLES, TARGETS


def handovers():
    """(target, login, owner, to): the handover of a document of owner to
    the employee to is not the user's to make"""
    # The records that follow a parent move with it
    for target in (t for t in TARGETS if t.scoped and not t.parent):
        for login, (inside, outside) in HANDOVER_ROLES.items():
            employee = ROLES[login].employee
            if login in target.readers:
                yield target, login, outside, employee
                yield target, login, inside, outside
            else:
                # A document the user has no access to
                yield target, login, inside, employee


CASES = [pytest.param(*case, id='-'.join(map(str, case)))
    for case in handovers()]


def run_handover(client, start, context=None):
    "Run the wizard to its last state at once, as a client may"
    wizard = f'wizard.{HANDOVER_WIZARD}'
    answer = client.attempt(f'{wizard}.create', context=context)
    if answer.refused:
        return answer
    session = answer.result[0]
    try:
        return client.attempt(f'{wizard}.execute', session, {
                'start': start}, 'handover', context=context)
    finally:
        client.attempt(f'{wizard}.delete', session, context=context)


@pytest.mark.parametrize('target, login, owner, to', CASES)
def test_handover_selected(world, clients, target, login, owner, to):
    "The documents selected in a list"
    client = clients(login)
    record = world.create(target, owner)
    before = world.snapshot(target, record)
    logs = world.admin.model('ame.handover.log', 'search_count', [])
    assert_refused(run_handover(client, {
                'company': client.context['company'],
                'from_employee': None,
                'to_employee': world.employees[to],
                'models': [],
                'selected': 1,
                'reason': "安全测试",
                }, context={
                'active_model': target.model,
                'active_id': record,
                'active_ids': [record],
                }))
    assert world.snapshot(target, record) == before
    assert world.admin.model('ame.handover.log', 'search_count', []) == logs


@pytest.mark.parametrize('target, login, owner, to', CASES)
def test_handover_employee(world, clients, target, login, owner, to):
    "All the documents of an employee"
    client = clients(login)
    record = world.create(target, owner)
    before = world.snapshot(target, record)
    logs = world.admin.model('ame.handover.log', 'search_count', [])
    assert_refused(run_handover(client, {
                'company': client.context['company'],
                'from_employee': world.employees[owner],
                'to_employee': world.employees[to],
                'models': [target.model],
                'selected': 0,
                'reason': "安全测试",
                }))
    assert world.snapshot(target, record) == before
    assert world.admin.model('ame.handover.log', 'search_count', []) == logs
