# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The approvals (审批) under attack (issue 6, items 2, 6, 7 and 12; issue
7, item 3): no client skips, decides or reads an approval that is not his,
decides twice, or forges what the approval dialog records."""
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
    """Another user's step: the buttons of the step and of the document,
    and the approval and rejection dialogs called without them"""
    record = world.waiting(target)
    step, = world.pending_steps(target, record)
    before = snapshot(world, target, record)
    client = clients(login)
    for method, ids in [
            ('model.ame.approval.step.approve', [step]),
            ('model.ame.approval.step.reject', [step]),
            (f'model.{target.model}.approve_approval', [record]),
            (f'model.{target.model}.reject_approval', [record]),
            ]:
        assert_refused(client.attempt(method, ids))
    for decision in ['approve', 'reject']:
        for model, record_id in [
                ('ame.approval.step', step), (target.model, record)]:
            assert_refused(world.decide(login, decision, model, record_id))
    assert snapshot(world, target, record) == before
    assert world.decisions(target, record) == []


@pytest.mark.parametrize('target', APPROVALS, ids=str)
def test_decide_decided_step(world, clients, target):
    "A decided step: its approver decides again, from the row or the form"
    record = world.approved(target)
    before = snapshot(world, target, record)
    decisions = world.decisions(target, record)
    step, = world.admin.model('ame.approval.step', 'search', [
            ('request.document', '=', f'{target.model},{record}'),
            ('state', '=', 'approved'),
            ], 0, 1, None)
    login = target.approval.approvers[-1]
    client = clients(login)
    assert_refused(client.attempt('model.ame.approval.step.approve', [step]))
    assert_refused(client.attempt('model.ame.approval.step.reject', [step]))
    assert_refused(client.attempt(
            f'model.{target.model}.reject_approval', [record]))
    for decision in ['approve', 'reject']:
        for model, record_id in [
                ('ame.approval.step', step), (target.model, record)]:
            assert_refused(world.decide(login, decision, model, record_id))
    assert snapshot(world, target, record) == before
    assert world.decisions(target, record) == decisions


@pytest.mark.parametrize('target', APPROVALS, ids=str)
def test_forged_comment(world, clients, target):
    """The dialog's values forged: a rejection without a reason, a comment
    too long, another decision slipped in"""
    record = world.waiting(target)
    step, = world.pending_steps(target, record)
    before = snapshot(world, target, record)
    login = target.approval.approvers[0]
    for decision, values in [
            ('reject', {'comment': "   "}),
            ('reject', {'comment': None}),
            ('reject', {}),
            ('reject', {'comment': "长" * 20000}),
            ('approve', {'comment': "长" * 20000}),
            ]:
        for model, record_id in [
                ('ame.approval.step', step), (target.model, record)]:
            assert_refused(world.decide(
                    login, decision, model, record_id, values))
    assert snapshot(world, target, record) == before
    assert world.decisions(target, record) == []

    # The decision is the dialog's: a forged decision field is ignored
    answer = world.decide(login, 'approve', 'ame.approval.step', step, {
            'comment': "同意", 'decision': 'reject',
            'documents': "伪造-001"})
    assert answer.status == 200 and not answer.error, answer
    decision, = world.decisions(target, record)
    assert decision['user'] == clients(login).id
    assert (decision['decision'], decision['on_behalf_of']) == (
        'approve', None)


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
