# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Tryton's own scenarios of the documents AME guards pass with every AME
module activated beside the modules they activate: AME's guards stop the
writes from outside, not the framework's own (its transitions, wizards and
the writes of its clients).

Each scenario is a new module set: the activation (1-2 minutes) is cached
like the others' (scripts/run-tests.sh)."""
import doctest
import unittest
from contextlib import contextmanager
from pathlib import Path

import pytest

import trytond.modules
import trytond.tests.tools as tools
from ametest import AME_MODULES

SCENARIOS = [
    ('sale', 'scenario_sale.rst'),
    ('purchase', 'scenario_purchase.rst'),
    ('sale_opportunity', 'scenario_sale_opportunity.rst'),
    ]


@contextmanager
def ame_beside():
    """Make the scenarios' activate_modules activate AME's modules too;
    yield the module lists activated"""
    activate_modules = tools.activate_modules
    activated = []

    def activate_with_ame(modules, *setup):
        if isinstance(modules, str):
            modules = [modules]
        activated.append([*modules, *AME_MODULES])
        return activate_modules(activated[-1], *setup)
    tools.activate_modules = activate_with_ame
    try:
        yield activated
    finally:
        tools.activate_modules = activate_modules


@pytest.mark.parametrize('module, name', SCENARIOS)
def test_upstream_scenario(module, name):
    # As the scenarios of AME's modules are run (conftest.py)
    from trytond import backend
    from trytond.tests.test_tryton import (
        STRIP_DECIMAL, doctest_checker, doctest_setup, doctest_teardown)
    path = Path(trytond.modules.__file__).parent / module / 'tests' / name
    optionflags = (
        doctest.REPORT_ONLY_FIRST_FAILURE
        | doctest.ELLIPSIS
        | doctest.IGNORE_EXCEPTION_DETAIL)
    if backend.name == 'sqlite':
        optionflags |= STRIP_DECIMAL
    suite = doctest.DocFileSuite(
        str(path), module_relative=False,
        setUp=doctest_setup, tearDown=doctest_teardown,
        encoding='utf-8', checker=doctest_checker, optionflags=optionflags)
    result = unittest.TestResult()
    with ame_beside() as activated:
        suite.run(result)
    problems = result.failures + result.errors
    assert not problems, '\n'.join(text for _, text in problems)
    assert result.testsRun == 1
    assert activated == [[module, *AME_MODULES]]
