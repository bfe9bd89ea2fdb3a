# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The administrator's ``ame tenant`` command, run as a user would, on the
backend of the test run (SQLite, or PostgreSQL through AME_DB_URI)."""
import pytest

from ametest import login, rpc, unique_name

PASSWORD = 'Tenant-Pass-2026'
FOUNDATION = ['ame_base', 'ame_organisation', 'ame_permission', 'ame_product']


@pytest.fixture(scope='module')
def tenant(ame, demo):
    """A tenant created once for the tests of this file, while the server
    of the demo tenant runs; the last test drops it. With the modules of
    系统管理 alone (tests/test_deploy.py creates one of the whole product,
    the default)"""
    name = unique_name('cli')
    ame('tenant', 'create', name, '--modules', 'ame_base',
        '--company', "苏州精密机床有限公司",
        '--admin-password-file', ame.password_file(PASSWORD),
        '--admin-email', 'admin@example.com')
    yield name
    ame('tenant', 'drop', name, '--confirm', name, check=False)


def tenants(ame):
    return [line.split('\t')[0]
        for line in ame('tenant', 'list').stdout.splitlines()]


def test_create_lists_the_tenant_with_its_defaults(ame, tenant):
    line, = [line for line in ame('tenant', 'list').stdout.splitlines()
        if line.startswith(tenant + '\t')]
    name, language, companies, modules = line.split('\t')
    assert language == 'zh_CN'
    assert companies == "苏州精密机床有限公司"
    # The modules of 系统管理, what ame_base was before its split
    assert set(FOUNDATION) <= set(modules.split())
    assert 'ame_approval' not in modules.split()


def test_create_refuses_an_existing_tenant(ame, tenant):
    result = ame('tenant', 'create', tenant, '--admin-password-file',
        ame.password_file(PASSWORD), check=False)
    assert result.returncode == 2
    assert f"tenant '{tenant}' already exists" in result.stderr
    assert tenants(ame).count(tenant) == 1


@pytest.mark.parametrize('args, message', [
        (['--modules', 'no_such_module'], "unknown module(s): no_such_module"),
        (['--lang', 'xx_XX'], "unknown language 'xx_XX'"),
        ])
def test_create_refuses_bad_input_and_leaves_nothing(ame, args, message):
    name = unique_name('bad')
    result = ame('tenant', 'create', name, *args,
        '--admin-password-file', ame.password_file(PASSWORD), check=False)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert name not in tenants(ame)


def test_create_refuses_a_bad_name(ame):
    result = ame('tenant', 'create', 'Bad-Name', '--admin-password-file',
        ame.password_file(PASSWORD), check=False)
    assert result.returncode == 2
    assert "invalid tenant name 'Bad-Name'" in result.stderr


def test_create_refuses_a_weak_password_and_leaves_nothing(ame):
    "The password rules run after the database exists: it is removed"
    name = unique_name('weak')
    result = ame('tenant', 'create', name,
        '--admin-password-file', ame.password_file('short'), check=False)
    assert result.returncode == 2
    assert 'password' in result.stderr.lower()
    assert name not in tenants(ame)


def test_modules_activates_with_dependencies(ame, tenant):
    before = ame('tenant', 'modules', tenant).stdout.split()
    assert 'account' not in before
    after = ame('tenant', 'modules', tenant, '--activate', 'account').stdout
    assert {'account', 'ame_base', 'company'} <= set(after.split())


def test_modules_refuses_an_unknown_module(ame, tenant):
    result = ame('tenant', 'modules', tenant, '--activate', 'nope',
        check=False)
    assert result.returncode == 2
    assert "unknown module(s): nope" in result.stderr


def test_demo_refuses_a_tenant_of_an_older_ame(ame, tenant):
    """A demo tenant made before ame_base was split has ame_base activated
    and not the modules split from it: `ame demo` says so and serves
    nothing"""
    split = "('ame_organisation', 'ame_permission', 'ame_product')"
    before = ame('tenant', 'modules', tenant).stdout.split()
    ame.execute(tenant, "UPDATE ir_module SET state = 'not activated' "
        f"WHERE name IN {split}")
    try:
        result = ame('demo', '--no-serve', '--force', '--tenant', tenant,
            check=False)
        after = ame('tenant', 'modules', tenant).stdout.split()
    finally:
        ame.execute(tenant, "UPDATE ir_module SET state = 'activated' "
            f"WHERE name IN {split}")
    assert result.returncode == 2, result.stdout + result.stderr
    assert (f"the {tenant!r} tenant was made by an older AME: it lacks "
        "ame_approval, ame_crm, ame_market, ame_organisation, ame_partner, "
        "ame_permission, ame_price_strategy, ame_product, ame_selection, "
        "purchase, sale, "
        "sale_opportunity") in result.stderr
    assert f"ame demo --reset --tenant {tenant}" in result.stderr
    assert "Demo logins" not in result.stdout
    assert 'ame_base' in after and 'ame_organisation' not in after
    assert ame('tenant', 'modules', tenant).stdout.split() == before


def test_tenant_created_while_serving_can_log_in(ame, demo, tenant):
    """The tenant was created after the server (of the demo fixture)
    started: trytond 8.0.12 cannot log into such a database; ame serve
    fixes it (ame.compat)."""
    auth = login(ame.url, tenant, 'admin', PASSWORD)
    status, result = rpc(ame.url, tenant,
        'model.company.company.search_read', [], 0, None, None,
        ['rec_name'], {}, auth=auth)
    assert status == 200
    assert [c['rec_name'] for c in result] == ["苏州精密机床有限公司"]
    # A session of one tenant is refused by another one.
    status, _ = rpc(ame.url, demo,
        'model.company.company.search_read', [], 0, None, None,
        ['rec_name'], {}, auth=auth)
    assert status == 401


def test_update_updates_its_modules(ame, tenant):
    "The upgrade to a new release: trytond-admin --all on the tenant"
    result = ame('tenant', 'update', tenant)
    assert f"tenant {tenant!r} updated" in result.stdout
    # Not the whole product: the modules it lacks are named
    assert "not activated" in result.stdout and 'ame_approval' in result.stdout
    assert login(ame.url, tenant, 'admin', PASSWORD)


@pytest.mark.parametrize('args, message', [
        ([], "name the tenants to update, or give --all"),
        (['no_such_tenant'], "tenant 'no_such_tenant' does not exist"),
        ])
def test_update_refuses_bad_input(ame, args, message):
    result = ame('tenant', 'update', *args, check=False)
    assert result.returncode == 2
    assert message in result.stderr


def test_demo_data_refuses_a_production_configuration(ame, tenant):
    "The test configuration, like production.conf.example, is no demo one"
    result = ame('demo-data', tenant, check=False)
    assert result.returncode == 2
    assert "this is a production configuration" in result.stderr
    assert "--force" in result.stderr
    status, _ = rpc(ame.url, tenant, 'common.db.login', 'sysadmin',
        {'password': 'ame-demo-2026'}, 'zh_CN')
    assert status == 401


def test_demo_refuses_a_production_configuration(ame):
    "`ame demo` would make a tenant whose administrator logs in as admin"
    name = unique_name('demo')
    result = ame('demo', '--no-serve', '--tenant', name, check=False)
    assert result.returncode == 2
    assert "this is a production configuration" in result.stderr
    assert "--force" in result.stderr
    assert name not in ame('tenant', 'list').stdout


def test_demo_data_forced_gives_random_passwords(ame, tenant):
    "Demo users of a tenant that is not the demo one: passwords shown once"
    result = ame('demo-data', tenant, '--force')
    logins = {line.split()[0]: line.split()[1]
        for line in result.stdout.splitlines() if line.startswith('  ')}
    assert 'sysadmin' in logins and len(logins) >= 9
    assert 'ame-demo-2026' not in result.stdout
    assert "shown only now" in result.stdout
    assert login(ame.url, tenant, 'sysadmin', logins['sysadmin'])
    status, _ = rpc(ame.url, tenant, 'common.db.login', 'sysadmin',
        {'password': 'ame-demo-2026'}, 'zh_CN')
    assert status == 401


def test_drop_asks_for_the_name_even_while_served(ame, demo, tenant):
    "Last test of the file: the tenant is dropped though a server uses it"
    result = ame('tenant', 'drop', tenant, input='wrong\n', check=False)
    assert result.returncode == 2
    assert tenant in tenants(ame)
    ame('tenant', 'drop', tenant, input=f'{tenant}\n')
    assert tenant not in tenants(ame)
