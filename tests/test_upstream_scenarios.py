# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Tryton's own scenarios of the documents AME guards pass with every AME
module activated beside the modules they activate: AME's guards stop the
writes from outside, not the framework's own (its transitions, wizards and
the writes of its clients).

The three scenarios share one module set, the whole product's
(PRODUCT_MODULES), which brings the three scenarios' modules: the database
that the unit tests of ame_market, ame_partner and ame_price_strategy
activated for it is restored, not activated again (scripts/run-tests.sh)."""
from contextlib import contextmanager
from pathlib import Path

import pytest

import trytond.modules
import trytond.tests.tools as tools
from trytond.modules.ame_base.tenant import run_in_transaction
from trytond.modules.ame_base.tests.tools import (
    PRODUCT_MODULES, activate_modules, run_scenario)
from trytond.pool import Pool
from trytond.tests.test_tryton import DB_NAME
from trytond.transaction import Transaction

# The numbering rules that the scenarios expect (their reports are named
# Sale-1, Purchase-2): Tryton's own sequences, as a company may choose;
# AME still numbers the documents at their creation.
TRYTON_SEQUENCES = [
    ('sale.configuration', 'sale_sequence', 'sale', 'sequence_sale'),
    ('purchase.configuration', 'purchase_sequence', 'purchase',
        'sequence_purchase'),
    ]


def use_tryton_sequences(config):
    "Number the companies' sales and purchases with Tryton's sequences"
    def setup():
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        Company = pool.get('company.company')
        for model, field, module, fs_id in TRYTON_SEQUENCES:
            try:
                Configuration = pool.get(model)
            except KeyError:
                continue
            for company in Company.search([]):
                with Transaction().set_context(company=company.id):
                    configuration = Configuration(1)
                    setattr(configuration, field,
                        ModelData.get_id(module, fs_id))
                    configuration.save()
    run_in_transaction(DB_NAME, config.user, setup)

SCENARIOS = [
    ('sale', 'scenario_sale.rst'),
    ('purchase', 'scenario_purchase.rst'),
    ('sale_opportunity', 'scenario_sale_opportunity.rst'),
    ]


@contextmanager
def ame_beside():
    """Make the scenarios' activate_modules activate AME's modules too
    (AME's activate_modules: from the unit tests' database of the same
    modules, not from scratch as Tryton's); yield the module lists
    activated"""
    tryton_activate_modules = tools.activate_modules
    activated = []

    def activate_with_ame(modules, *setup):
        if isinstance(modules, str):
            modules = [modules]
        activated.append(modules)
        return activate_modules(
            PRODUCT_MODULES, *setup, use_tryton_sequences)
    tools.activate_modules = activate_with_ame
    try:
        yield activated
    finally:
        tools.activate_modules = tryton_activate_modules


@pytest.mark.parametrize('module, name', SCENARIOS)
def test_upstream_scenario(module, name):
    # As the scenarios of AME's modules are run (conftest.py)
    path = Path(trytond.modules.__file__).parent / module / 'tests' / name
    with ame_beside() as activated:
        result = run_scenario(path)
    problems = result.failures + result.errors
    assert not problems, '\n'.join(text for _, text in problems)
    assert result.testsRun == 1
    assert activated == [[module]]
