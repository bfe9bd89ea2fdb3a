# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Test tools of AME modules: activate_modules and the set-up of scenarios
(the tenant defaults of a real tenant: CNY, China's provinces and cities, a
company in Asia/Shanghai, zh_CN), build() to run the builders of the unit
tests in a scenario, a base class for unit tests and rolled_back()."""
from contextlib import contextmanager

from proteus import Model
from proteus import config as pconfig

from trytond.model import Model as TrytonModel
from trytond.modules.ame_base import tenant
from trytond.pool import Pool
from trytond.tests.test_tryton import (
    DB_NAME, TestCase, _DBTestCase, activate_module, backup_db_cache,
    drop_db, restore_db_cache)
from trytond.tests.tools import _func_name
from trytond.transaction import Transaction

COMPANY_NAME = "示例装备制造有限公司"


def module_set(modules):
    """The modules to activate for a test, in the one order that names their
    cached database: test cases of different modules that need the same
    modules (a module's unit tests and Tryton's checks of another) share
    one activation, the slow part of a test run."""
    return sorted(set(modules))


# Every AME module with the optional standard modules they integrate: the
# module set of the tests on the whole product (translations, views,
# Tryton's scenarios beside AME) and of the unit tests of the modules that
# no other one depends on, which bring the others and share its database.
PRODUCT_MODULES = module_set([
    'ame_market', 'ame_partner', 'ame_price_strategy', 'ame_product',
    'ame_selection', 'sale_opportunity', 'purchase'])


class ModuleSetMixin:
    """For Tryton's ModuleTestCase (test_module.py): activate the module and
    its extras as module_set() orders them"""

    @classmethod
    def setUpClass(cls):
        # TestCase's set-up, not that of ModuleTestCase which activates
        # [module, *extras] in that order
        super(_DBTestCase, cls).setUpClass()
        drop_db()
        activate_module(module_set([cls.module, *(cls.extras or [])]))


def activate_modules(modules, *setup):
    """Tryton's activate_modules for scenarios, but a set of modules with
    set-up functions that is not cached yet starts from the cached database
    of the modules alone (that of the unit tests with the same modules in
    the same order), not from scratch: activating is the slow part."""
    if isinstance(modules, str):
        modules = [modules]
    # The cache names of trytond.tests.tools.activate_modules
    cache_name = '-'.join(module_set(modules))
    if setup:
        cache_name += '--' + '|'.join(_func_name(f) for f in setup)
    if restore_db_cache(cache_name):
        return pconfig.set_trytond()
    drop_db()
    activate_module(module_set(modules))
    config = pconfig.set_trytond()
    for func in setup:
        func(config=config)
    backup_db_cache(cache_name)
    return config


def setup_tenant(config=None):
    "Give the scenario database the defaults of a new AME tenant"
    if config is None:
        config = pconfig.get_config()
    tenant.run_in_transaction(
        DB_NAME, config.user, tenant.setup_tenant, COMPANY_NAME,
        language='zh_CN')
    User = Model.get('res.user', config=config)
    config._context = User.get_preferences(True, {})
    return config


def build(func, *args, config=None, **kwargs):
    """Run the builder func of the unit tests (Pool models) in a committed
    transaction of the scenario's database, as its user with its context,
    and return what it built as proteus records: one builder of the test
    data for both. Proteus records among args work as their ids do."""
    if config is None:
        config = pconfig.get_config()

    def run():
        with Transaction().set_context(config.context):
            return _map(func(*args, **kwargs), TrytonModel,
                lambda r: _Record((r.__name__, r.id)))
    result = tenant.run_in_transaction(DB_NAME, config.user, run)
    # Proteus calls run in their own transactions: after the commit
    return _map(result, _Record,
        lambda r: Model.get(r[0], config=config)(r[1]))


class _Record(tuple):
    "A record built, by model name and id"


def _map(value, type_, convert):
    if isinstance(value, type_):
        return convert(value)
    if isinstance(value, dict):
        return {k: _map(v, type_, convert) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_map(v, type_, convert) for v in value)
    return value


def today():
    """The server's date for the transaction's company (in its time zone),
    which the server compares dates with: computed when used, not when the
    tests are imported, as a run may cross midnight"""
    return Pool().get('ir.date').today()


def get_company(config=None):
    Company = Model.get('company.company', config=config)
    company, = Company.find()
    return company


class AmeTestCase(TestCase):
    "Unit tests on a database where the module (and extras) are activated"
    module = 'ame_base'
    extras = []

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        drop_db()
        activate_module(module_set([cls.module, *cls.extras]))

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        drop_db()


@contextmanager
def rolled_back():
    """Undo the changes of a call that fails, as the rollback of its request
    transaction does, so that tests can check that nothing changed"""
    transaction = Transaction()
    cursor = transaction.connection.cursor()
    deleted = {k: set(v) for k, v in transaction.delete_records.items()}
    cursor.execute('SAVEPOINT ame_test_error')
    try:
        yield
    except Exception:
        cursor.execute('ROLLBACK TO SAVEPOINT ame_test_error')
        for cache in transaction.cache.values():
            cache.clear()
        transaction.delete_records.clear()
        transaction.delete_records.update(deleted)
        raise
    else:
        cursor.execute('RELEASE SAVEPOINT ame_test_error')


def run_scenario(path, globs=None):
    """Run the scenario doctest file as Tryton's test loader does (its
    set-up, tear-down, checker and option flags); return the
    unittest.TestResult"""
    import doctest
    import unittest

    from trytond import backend
    from trytond.tests.test_tryton import (
        STRIP_DECIMAL, doctest_checker, doctest_setup, doctest_teardown)
    optionflags = (
        doctest.REPORT_ONLY_FIRST_FAILURE
        | doctest.ELLIPSIS
        | doctest.IGNORE_EXCEPTION_DETAIL)
    if backend.name == 'sqlite':
        optionflags |= STRIP_DECIMAL
    suite = doctest.DocFileSuite(
        str(path), module_relative=False, globs=dict(globs or {}),
        setUp=doctest_setup, tearDown=doctest_teardown,
        encoding='utf-8', checker=doctest_checker, optionflags=optionflags)
    result = unittest.TestResult()
    suite.run(result)
    return result
