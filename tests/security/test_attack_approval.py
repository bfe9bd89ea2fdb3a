# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The approvals (审批) under attack (issue 6, items 2, 6, 7 and 12): no
client skips, decides or reads an approval that is not his."""
import pytest

from attack import assert_refused, assert_refused_or_empty
from targets import ROLES, TARGETS

APPROVALS = [t for t in TARGETS if t.approval]


def outsiders(target):
    "The logins who may neither read the submitter's document nor decide"
    approval = target.approval
    owner = ROLES[approval.submitter].employee
    return [login for login, role in ROLES.items()
        if (login not in target.readers or owner in role.outsiders)
        and login not in approval.approvers]


def non_approvers(target):
    return [login for login in ROLES
        if login not in target.approval.approvers]


def params(pairs):
    return [pytest.param(t, login, id=f'{t}-{login}') for t, login in pairs]


def steps_snapshot(world, target, record):
    return world.admin.search_read('ame.approval.step', [
            ('request.document', '=', f'{target.model},{record}'),
            ], ['write_date', 'state', 'request.state'])


def snapshot(world, target, record):
    return (world.snapshot(target, record),
        steps_snapshot(world, target, record))


@pytest.mark.parametrize('target', APPROVALS, ids=str)
def test_write_state_while_waiting(world, clients, target):
    "Item 2: the state of a document waiting for approval"
    record = world.waiting(target)
    before = snapshot(world, target, record)
    assert_refused(clients(target.approval.submitter).attempt(
            f'model.{target.model}.write', [record],
            target.forbidden_state()))
    assert snapshot(world, target, record) == before


@pytest.mark.parametrize('target', APPROVALS, ids=str)
def test_transition_while_waiting(world, clients, target):
    "The guarded transition (confirm) of a document waiting for approval"
    record = world.waiting(target)
    before = snapshot(world, target, record)
    assert_refused(clients(target.approval.submitter).attempt(
            f'model.{target.model}.{target.approval.transition}', [record]))
    assert snapshot(world, target, record) == before


@pytest.mark.parametrize('target, login', params(
        (t, login) for t in APPROVALS for login in non_approvers(t)))
def test_decide_as_non_approver(world, clients, target, login):
    record = world.waiting(target)
    step, = world.pending_steps(target, record)
    before = snapshot(world, target, record)
    client = clients(login)
    assert_refused(client.attempt(
            'model.ame.approval.step.approve', [step]))
    context = {
        'active_model': 'ame.approval.step',
        'active_id': step,
        'active_ids': [step],
        }
    answer = client.attempt(
        'wizard.ame.approval.step.reject.create', context=context)
    if not answer.refused:
        session = answer.result[0]
        answer = client.attempt(
            'wizard.ame.approval.step.reject.execute', session,
            {'start': {'comment': "安全测试 驳回"}}, 'reject', context=context)
        client.attempt(
            'wizard.ame.approval.step.reject.delete', session,
            context=context)
    assert_refused(answer)
    assert snapshot(world, target, record) == before


@pytest.mark.parametrize('target', APPROVALS, ids=str)
def test_write_approval_records(world, clients, target):
    "Item 12: requests and steps move by their buttons only"
    record = world.waiting(target)
    step, = world.pending_steps(target, record)
    request = world.request(target, record)
    before = snapshot(world, target, record)
    for login in (target.approval.approvers[0], target.approval.submitter):
        client = clients(login)
        assert_refused(client.attempt(
                'model.ame.approval.step.write', [step],
                {'state': 'approved'}))
        assert_refused(client.attempt(
                'model.ame.approval.request.write', [request],
                {'state': 'approved'}))
    assert snapshot(world, target, record) == before


@pytest.mark.parametrize('target, login', params(
        (t, login) for t in APPROVALS for login in outsiders(t)))
def test_approval_records_hidden(world, clients, target, login):
    "Item 6: the approval records follow the document"
    record = world.waiting(target)
    request = world.request(target, record)
    step, = world.pending_steps(target, record)
    client = clients(login)
    document = f'{target.model},{record}'
    for model, domain, record_id in [
            ('ame.approval.request', [('document', '=', document)], request),
            ('ame.approval.request', [('id', '=', request)], request),
            ('ame.approval.step', [('request', '=', request)], step),
            ('ame.approval.step', [('id', '=', step)], step),
            ]:
        assert_refused_or_empty(client.attempt(
                f'model.{model}.search', domain, 0, None, None))
        assert_refused_or_empty(client.attempt(
                f'model.{model}.search_count', domain))
    assert_refused(client.attempt(
            'model.ame.approval.request.read', [request],
            ['amount', 'department', 'submitted_by']))
    assert_refused(client.attempt(
            'model.ame.approval.step.read', [step],
            ['amount', 'submitted_by']))


@pytest.mark.parametrize('target', APPROVALS, ids=str)
def test_change_approved_content(world, clients, target):
    "Item 7: an approval binds what was approved"
    record = world.approved(target)
    before = snapshot(world, target, record)
    client = clients(target.approval.submitter)
    answer = client.attempt(
        f'model.{target.model}.write', [record],
        target.approval.content(world))
    if answer.refused:
        assert snapshot(world, target, record) == before
        return
    # Changed: the document goes back to approval
    assert_refused(client.attempt(
            f'model.{target.model}.{target.approval.transition}', [record]))
    document, = world.admin.model(
        target.model, 'read', [record], [target.state, 'approval_state'])
    assert document[target.state] == before[0][target.state]
    assert document['approval_state'] != 'approved'
