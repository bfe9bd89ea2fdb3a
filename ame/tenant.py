# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Tenant (系统域) administration: a tenant is one Tryton database."""
import importlib
import importlib.util
import logging
import os
import re
import secrets
import tempfile
import time
from contextlib import contextmanager

from psycopg.sql import SQL, Identifier, Literal
from sql import Table

from trytond import backend
from trytond.cache import Cache, MemoryCache
from trytond.modules import create_graph, get_modules
from trytond.pool import Pool
from trytond.transaction import Transaction

logger = logging.getLogger(__name__)
NAME = re.compile(r'^[a-z][a-z0-9_]{1,62}$')
BASE_MODULE = 'ame_base'
# The modules of 系统管理 that every tenant gets: the tenant defaults, the
# organisation, the permissions and the product data.
FOUNDATION_MODULES = [
    BASE_MODULE, 'ame_organisation', 'ame_permission', 'ame_product']
# Standard modules whose screens the AME menus open and that AME modules
# integrate when they are activated (sales quotations, purchases and
# opportunities under approval, ...).
PRODUCT_STANDARD_MODULES = ['sale', 'purchase', 'sale_opportunity']
STORAGE_LANGUAGE = 'en'
# Seconds the servers get to close their connections to a dropped tenant
DROP_TIMEOUT = 10


class TenantError(Exception):
    "A wrong request: nothing was changed"


def check_name(name):
    if not NAME.match(name):
        raise TenantError(
            f"invalid tenant name {name!r}: use 2 to 63 lower-case letters, "
            "digits or underscores, starting with a letter")


def tenant_names():
    database = backend.Database().connect()
    try:
        # The list is cached for the session timeout; another process may
        # have created or dropped a tenant since.
        backend.Database._list_cache.clear()
        return sorted(database.list())
    finally:
        database.close()


def exists(name):
    return name in tenant_names()


def product_modules():
    """The modules of the product, that a tenant gets unless told otherwise
    (``ame tenant create`` without --modules, ``ame demo``): every AME
    module installed and PRODUCT_STANDARD_MODULES"""
    return sorted(
        {m for m in get_modules() if m.startswith('ame_')}
        | set(PRODUCT_STANDARD_MODULES))


def check_modules(modules):
    available = set(get_modules())
    unknown = sorted(set(modules) - available)
    if unknown:
        raise TenantError(f"unknown module(s): {', '.join(unknown)}")


def _create_database(name):
    "Create the empty database: trytond-admin initialises existing ones"
    database = backend.Database()
    database.connect()
    connection = database.get_connection(autocommit=True)
    try:
        database.create(connection, name)
    finally:
        database.put_connection(connection)
        database.close()


def _admin(name, *args, password=None, email=None):
    """Run trytond-admin on the tenant with its command-line arguments; the
    configuration is the one this command loaded. The administrator
    password goes through TRYTONPASSFILE, as trytond-admin reads it."""
    from trytond import admin
    from trytond.commandline import get_parser_admin
    options = get_parser_admin().parse_args(['-d', name, *args])
    # None keeps the email; the first initialisation asks for one unless
    # it is given (empty for none).
    options.email = email
    with tempfile.TemporaryDirectory() as directory, \
            _environ(TRYTONPASSFILE=_password_file(directory, password)), \
            _storage_language():
        admin.run(options)


def _password_file(directory, password):
    if password is None:
        return ''
    path = os.path.join(directory, 'password')
    with open(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600), 'w') as file:
        file.write(password + '\n')
    return path


@contextmanager
def _environ(**values):
    previous = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextmanager
def _storage_language():
    """AME tenants store English (the language Tryton sets translations
    from) whatever the configuration says; their users get zh_CN."""
    from trytond import config
    previous = config.get('database', 'language')
    config.set('database', 'language', STORAGE_LANGUAGE)
    try:
        yield
    finally:
        config.set('database', 'language', previous)


def _drop_database(name):
    Pool.stop(name)
    database = backend.Database(name)
    database.close()
    with Transaction().start(
            None, 0, close=True, autocommit=True) as transaction:
        if backend.name == 'postgresql':
            _drop_served(transaction.connection, name)
            transaction.database.clear_cache()
        else:
            transaction.database.drop(transaction.connection, name)
    Cache.drop(name)
    backend.Database._list_cache.clear()


def _drop_served(connection, name, timeout=DROP_TIMEOUT):
    """Drop a PostgreSQL tenant that servers and workers may be using: no
    new connection is accepted, the processes that run AME's fixes (the
    WSGI servers) are told to close theirs (see ame.compat), and those
    left after the timeout (trytond-cron, trytond-worker) are closed by
    PostgreSQL (DROP DATABASE ... WITH (FORCE), PostgreSQL 13 or later)."""
    import psycopg

    from ame.compat import DROPPED_PAYLOAD
    cursor = connection.cursor()
    conninfo = backend.Database._connection_params(name)['conninfo']
    with psycopg.connect(conninfo, autocommit=True) as tenant:
        cursor.execute(SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false")
            .format(Identifier(name)))
        try:
            tenant.execute(SQL("NOTIFY {}, {}").format(
                    Identifier(MemoryCache._channel),
                    Literal(DROPPED_PAYLOAD)))
        except BaseException:
            cursor.execute(SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true")
                .format(Identifier(name)))
            raise
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cursor.execute("SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = %s", (name,))
        if not cursor.fetchone()[0]:
            break
        time.sleep(0.2)
    cursor.execute(
        SQL("DROP DATABASE {} WITH (FORCE)").format(Identifier(name)))


def _activate(name, modules):
    "Activate the modules and their dependencies (trytond-admin -u)"
    _admin(name, '-u', *modules, '--activate-dependencies')


def _check_language(pool, language):
    Lang = pool.get('ir.lang')
    if not Lang.search([('code', '=', language)]):
        raise TenantError(f"unknown language {language!r}")


def create(name, modules, password, language='zh_CN', company=None,
        email=None):
    """Create the tenant with the modules (the product_modules() when None;
    the FOUNDATION_MODULES always) activated, its defaults and its first
    company; all or nothing."""
    check_name(name)
    if modules is None:
        modules = product_modules()
    modules = sorted(set(modules) | set(FOUNDATION_MODULES))
    check_modules(modules)
    if exists(name):
        raise TenantError(f"tenant {name!r} already exists")
    if not password:
        raise TenantError("the administrator password is empty")
    Pool.start()
    try:
        _create_database(name)
        # trytond-admin initialises the database (ir, res and the language
        # translations) and sets the administrator password and email.
        _admin(name, '--all', '-l', language, password=password,
            email=email or '')
        pool = Pool(name)
        # Before the long activation, so that a refused password or
        # language costs seconds, not minutes.
        run(name, _check_language, pool, language)
        run(name, _check_admin_password, pool, password)
        _activate(name, modules)
        run(name, _setup, company or name, language)
    except BaseException:
        _discard(name)
        raise


def _check_admin_password(pool, password):
    User = pool.get('res.user')
    admin, = User.search([('login', '=', 'admin')])
    # trytond-admin sets the password as root, which skips the password
    # rules: apply them here.
    User.validate_password(password, [admin])


def _setup(company, language):
    from trytond.modules.ame_base.tenant import setup_tenant
    setup_tenant(company, language=language)


def _discard(name):
    "Remove what a failed creation left, keeping the original error"
    try:
        _drop_database(name)
    except Exception as exception:
        logger.warning("could not remove the tenant %r: %s", name, exception)


def run(name, func, *args, **kwargs):
    from trytond.modules.ame_base.tenant import run_in_transaction
    return run_in_transaction(name, 0, func, *args, **kwargs)


def activate(name, modules):
    if not exists(name):
        raise TenantError(f"tenant {name!r} does not exist")
    check_modules(modules)
    Pool.start()
    _activate(name, modules)


def update(name):
    """Update every activated module of the tenant to the installed release
    (trytond-admin --all): its tables, its data and its translations"""
    if not exists(name):
        raise TenantError(f"tenant {name!r} does not exist")
    Pool.start()
    _admin(name, '--all')


def ame_tenant_names():
    "The tenants that have AME (ame_base activated)"
    return [n for n in tenant_names()
        if BASE_MODULE in describe(n)['modules']]


def describe(name):
    """Return the activated modules, companies and users' language of a
    tenant, read with SQL: listing tenants must not load each one."""
    with Transaction().start(
            name, 0, readonly=True, close=True) as transaction:
        cursor = transaction.connection.cursor()
        module = Table('ir_module')
        cursor.execute(*module.select(module.name,
                where=module.state == 'activated', order_by=module.name))
        modules = [m for m, in cursor]
        companies, language = [], None
        if BASE_MODULE in modules:
            company = Table('company_company')
            party = Table('party_party')
            cursor.execute(*company.join(party,
                    condition=company.party == party.id).select(
                    party.name, order_by=company.id))
            companies = [c for c, in cursor]
            configuration = Table('ame_configuration')
            lang = Table('ir_lang')
            cursor.execute(*configuration.join(lang,
                    condition=configuration.user_language == lang.id
                    ).select(lang.code))
            row = cursor.fetchone()
            language = row[0] if row else None
    return {
        'name': name,
        'modules': modules,
        'companies': companies,
        'language': language or STORAGE_LANGUAGE,
        }


def drop(name):
    if not exists(name):
        raise TenantError(f"tenant {name!r} does not exist")
    _drop_database(name)


def set_password(name, login, password, policy=True):
    """Set a user's password. Without policy the password rules are skipped:
    only for the demo tenant's well-known logins."""
    Pool.start()
    pool = Pool(name)
    pool.init()
    run(name, _set_password, pool, login, password, policy)


def _set_password(pool, login, password, policy):
    User = pool.get('res.user')
    user, = User.search([('login', '=', login)])
    if policy:
        User.validate_password(password, [user])
    # As root, res.user does not apply the password rules itself.
    user.password = password
    user.save()


def random_password():
    return secrets.token_urlsafe(16)


def load_demo_data(name, scale=1, published_passwords=False):
    """Run the demo data generator (``demo.generate``) of each activated AME
    module, in dependency order; all or nothing. Return the demo logins
    (login, password, role). Unless published_passwords (the demo tenant of
    ``ame demo``), each demo user gets a random password instead of the
    one the documentation publishes."""
    if not exists(name):
        raise TenantError(f"tenant {name!r} does not exist")
    if scale < 1:
        raise TenantError("the scale must be 1 or more")
    Pool.start()
    pool = Pool(name)
    pool.init()
    return run(name, _generate_demo_data, pool, name, scale,
        published_passwords)


def _generate_demo_data(pool, name, scale, published_passwords):
    transaction = Transaction()
    User = pool.get('res.user')
    Module = pool.get('ir.module')
    admin, = User.search([('login', '=', 'admin')])
    if not admin.company:
        raise TenantError(f"tenant {name!r} has no company")
    activated = {m.name for m in Module.search([
                ('state', '=', 'activated'),
                ])}
    logins = []
    with transaction.set_user(admin.id), transaction.set_context(
            User.get_preferences(context_only=True)):
        for node in create_graph(activated):
            demo = f'trytond.modules.{node.name}.demo'
            if (not node.name.startswith('ame_')
                    or importlib.util.find_spec(demo) is None):
                continue
            module = importlib.import_module(demo)
            logins.extend(module.generate(scale=scale) or [])
    if not published_passwords:
        logins = [(login, random_password(), role)
            for login, _, role in logins]
        for login, password, _ in logins:
            _set_password(pool, login, password, policy=False)
    return logins


def demo_logins(name):
    "Return the demo logins that exist in the tenant"
    from trytond.modules.ame_organisation import demo
    pool = Pool(name)
    pool.init()
    with Transaction().start(name, 0, readonly=True):
        User = pool.get('res.user')
        existing = {u.login for u in User.search([])}
    return [entry for entry in demo.LOGINS if entry[0] in existing]
