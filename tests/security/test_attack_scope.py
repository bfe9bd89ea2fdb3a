# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The data scope (数据范围) under attack over JSON-RPC: documents outside
a user's scope stay unseen and unchanged through every RPC method (issue 6,
items 1, 5 and 8), and no client writes what the server sets (item 2)."""
import pytest

from attack import assert_refused, assert_refused_or_empty
from targets import ROLES, handing_out, outside_scope, readers, writers


def cases(generate):
    return [pytest.param(*case, id='-'.join(map(str, case)))
        for case in generate()]


OUTSIDE = cases(outside_scope)
WITH_LINES = [c for c in OUTSIDE if c.values[0].lines]
READERS = cases(readers)
WRITERS = cases(writers)
WORKFLOW_WRITERS = [c for c in WRITERS if c.values[0].forbidden_state]
NUMBERED_WRITERS = [c for c in WRITERS if c.values[0].number]
HANDING_OUT = cases(handing_out)


@pytest.mark.parametrize('target, login', READERS)
def test_sees_his_scope(world, clients, target, login):
    "The reference: the user finds his own documents and his insiders'"
    role = ROLES[login]
    records = sorted(world.record(target, owner)
        for owner in (role.employee, *role.insiders))
    found = clients(login).model(
        target.model, 'search', [('id', 'in', records)], 0, None,
        [('id', 'ASC')])
    assert found == records


@pytest.mark.parametrize('target, login, owner', OUTSIDE)
def test_search(world, clients, target, login, owner):
    record = world.record(target, owner)
    client = clients(login)
    domain = [('id', '=', record)]
    assert_refused_or_empty(client.attempt(
            f'model.{target.model}.search', domain, 0, None, None))
    assert_refused_or_empty(client.attempt(
            f'model.{target.model}.search_count', domain))
    assert_refused_or_empty(client.attempt(
            f'model.{target.model}.search_read', domain, 0, None, None,
            ['rec_name']))
    # Through the owner, as a list filtered on 负责人 does
    answer = client.attempt(f'model.{target.model}.search', [
            (target.owner_path, '=', world.employees[owner]),
            ('id', '=', record)], 0, None, None)
    assert_refused_or_empty(answer)


@pytest.mark.parametrize('target, login, owner', OUTSIDE)
def test_read(world, clients, target, login, owner):
    record = world.record(target, owner)
    client = clients(login)
    assert_refused(client.attempt(
            f'model.{target.model}.read', [record], ['rec_name']))
    assert_refused(client.attempt(
            f'model.{target.model}.read', [record], [target.related]))
    assert_refused(client.attempt(
            f'model.{target.model}.export_data', [record],
            ['rec_name', target.related.replace('.', '/')]))


@pytest.mark.parametrize('target, login, owner', WITH_LINES)
def test_read_through_lines(world, clients, target, login, owner):
    "The lines share the document's access: the dotted path leaks nothing"
    record = world.record(target, owner)
    line = world.line(target, record)
    lines = target.lines
    client = clients(login)
    dotted = f'{lines.parent}.party.name'
    assert_refused_or_empty(client.attempt(
            f'model.{lines.model}.search_read',
            [(lines.parent, '=', record)], 0, None, None, [dotted]))
    assert_refused_or_empty(client.attempt(
            f'model.{lines.model}.search_count',
            [(f'{lines.parent}.{target.owner}', '=',
                    world.employees[owner])]))
    assert_refused(client.attempt(
            f'model.{lines.model}.read', [line], [dotted]))


@pytest.mark.parametrize('target, login, owner',
    [c for c in OUTSIDE if c.values[0].history])
def test_history_revisions(world, clients, target, login, owner):
    "Item 8: the revisions (dates, editors) follow the record rules"
    record = world.record(target, owner)
    world.admin.model(target.model, 'write', [record], {
            target.text: "安全测试 修订"})
    assert_refused_or_empty(clients(login).attempt(
            f'model.{target.model}.history_revisions', [record]))


@pytest.mark.parametrize('target, login, owner', OUTSIDE)
def test_write_and_delete(world, clients, target, login, owner):
    record = world.record(target, owner)
    before = world.snapshot(target, record)
    client = clients(login)
    assert_refused(client.attempt(
            f'model.{target.model}.write', [record],
            {target.text: "已被篡改"}))
    assert_refused(client.attempt(
            f'model.{target.model}.write', [record],
            world.owned(target, ROLES[login].employee)))
    assert_refused(client.attempt(
            f'model.{target.model}.delete', [record]))
    assert world.snapshot(target, record) == before


@pytest.mark.parametrize('target, login, owner', OUTSIDE)
def test_forged_context(world, clients, target, login, owner):
    "Item 1: the scope rests on the server's data, not the context's"
    record = world.record(target, owner)
    before = world.snapshot(target, record)
    client = clients(login)
    forged = {'employee': world.employees[owner],
        'employees': [world.employees[owner]]}
    assert_refused_or_empty(client.attempt(
            f'model.{target.model}.search', [('id', '=', record)], 0, None,
            None, context=forged))
    assert_refused(client.attempt(
            f'model.{target.model}.read', [record], ['rec_name'],
            context=forged))
    assert_refused(client.attempt(
            f'model.{target.model}.write', [record],
            {target.text: "已被篡改"}, context=forged))
    assert world.snapshot(target, record) == before


@pytest.mark.parametrize('target, login', WORKFLOW_WRITERS)
def test_write_state(world, clients, target, login):
    "Item 2: only the transitions move the state"
    record = world.create(target, ROLES[login].employee)
    before = world.snapshot(target, record)
    assert_refused(clients(login).attempt(
            f'model.{target.model}.write', [record],
            target.forbidden_state()))
    assert world.snapshot(target, record) == before


@pytest.mark.parametrize('target, login', WRITERS)
def test_write_server_fields(world, clients, target, login):
    "Items 2 and 5: the fields the server sets (read-only, computed)"
    client = clients(login)
    for name, value in world.forged_values(target).items():
        record = world.create(target, ROLES[login].employee)
        before = world.snapshot(target, record)
        answer = client.attempt(
            f'model.{target.model}.write', [record], {name: value})
        assert answer.refused, (name, answer)
        assert world.snapshot(target, record) == before, name


@pytest.mark.parametrize('target, login', NUMBERED_WRITERS)
def test_create_with_number(world, clients, target, login):
    "Item 2: a document is numbered by the server, not by its creator"
    description = f"安全测试 自编号 {login}"
    values = dict(target.new(world), **{target.text: description})
    values[target.number] = "伪造-001"
    assert_refused(clients(login).attempt(
            f'model.{target.model}.create', [values]))
    assert world.admin.model(target.model, 'search_count', [
            (target.text, '=', description)]) == 0


@pytest.mark.parametrize('target, login, outsider', HANDING_OUT)
def test_write_owner_out_of_scope(world, clients, target, login, outsider):
    "Item 5: a write may not take a document out of the writer's scope"
    record = world.create(target, ROLES[login].employee)
    before = world.snapshot(target, record)
    assert_refused(clients(login).attempt(
            f'model.{target.model}.write', [record],
            world.owned(target, outsider)))
    assert world.snapshot(target, record) == before


@pytest.mark.parametrize('target, login, outsider', HANDING_OUT)
def test_create_for_outsider(world, clients, target, login, outsider):
    description = f"安全测试 代建 {login} {outsider}"
    values = dict(target.new(world), **{target.text: description})
    values.update(world.owned(target, outsider))
    assert_refused(clients(login).attempt(
            f'model.{target.model}.create', [values]))
    assert world.admin.model(target.model, 'search_count', [
            (target.text, '=', description)]) == 0
