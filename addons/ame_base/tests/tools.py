# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Test tools of AME modules: the set-up of scenarios (the tenant defaults
of a real tenant: CNY, China's provinces and cities, a company in
Asia/Shanghai, zh_CN), a base class for unit tests and rolled_back()."""
from contextlib import contextmanager

from proteus import Model
from proteus import config as pconfig

from trytond.modules.ame_base import tenant
from trytond.tests.test_tryton import (
    DB_NAME, TestCase, activate_module, drop_db)
from trytond.transaction import Transaction

COMPANY_NAME = "示例装备制造有限公司"


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
        activate_module([cls.module, *cls.extras])

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
