# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Bad input (issue 6, item 9): values no user means are refused with a
translated message, never accepted nor answered with Python's text."""
import pytest

from attack import assert_refused
from targets import TARGETS, decimal

# The owner's login of each target (the first writer)
CASES = [pytest.param(t, t.writers[0], id=f'{t}-{t.writers[0]}')
    for t in TARGETS]
WITH_LINES = [c for c in CASES if c.values[0].lines]
NUMBERS = {
    'quantity': [1e20, "abc"],
    'min_quantity': [1e20, "abc"],
    'unit_price': [decimal('1e308'), "abc"],
    'discount': [decimal('1e308'), "abc"],
    }


@pytest.mark.parametrize('target, login', CASES)
def test_huge_text(world, clients, target, login):
    record = world.create(target, world.roles[login].employee)
    before = world.snapshot(target, record)
    assert_refused(clients(login).attempt(
            f'model.{target.model}.write', [record],
            {target.text: "长" * 5_000_000}))
    assert world.snapshot(target, record) == before


@pytest.mark.parametrize('target, login', WITH_LINES)
def test_numbers_of_lines(world, clients, target, login):
    record = world.create(target, world.roles[login].employee)
    line = world.line(target, record)
    before = world.snapshot(target, record)
    client = clients(login)
    for name in target.lines.numbers:
        for value in NUMBERS[name]:
            answer = client.attempt(
                f'model.{target.lines.model}.write', [line], {name: value})
            assert answer.refused, (name, value, answer)
            # The form writes the lines through their document
            answer = client.attempt(
                f'model.{target.model}.write', [record], {
                    'lines': [('write', [line], {name: value})]})
            assert answer.refused, (name, value, answer)
    assert world.snapshot(target, record) == before


@pytest.mark.parametrize('target, login', CASES)
def test_bad_domains(clients, target, login):
    "A domain no screen builds: refused in words, not with a traceback"
    client = clients(login)
    for domain in [
            [(target.text, 'bad operator', "x")],
            [(target.text, '=')],
            [('no_such_field', '=', 1)],
            ]:
        answer = client.attempt(
            f'model.{target.model}.search', domain, 0, None, None)
        assert answer.refused, (domain, answer)
    for order in [[('no_such_field', 'ASC')], [('id', 'SIDEWAYS')], 'id']:
        answer = client.attempt(
            f'model.{target.model}.search', [], 0, None, order)
        assert answer.refused, (order, answer)
    answer = client.attempt(
        f'model.{target.model}.read', [], ['id', 'no_such_field'])
    assert answer.refused, answer
    # No NOT in domains: a searcher that negates must not recurse
    answer = client.attempt(
        f'model.{target.model}.search',
        [('data_scope_visible', '=', False)], 0, None, None)
    assert answer.refused or answer.result == [], answer
