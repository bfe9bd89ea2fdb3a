# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The administrator's path of docs/deploy.md, followed on PostgreSQL: the
configuration made from config/production.conf.example, a tenant created as
the guide creates it (the whole product), served by gunicorn with the
guide's WSGI entry point, a login over JSON-RPC, then the tenant dropped
while gunicorn serves it."""
import os
import re
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from ametest import AME, ROOT, Ame, login, rpc, unique_name

PASSWORD = 'Prod-Admin-2026!'
COMPANY = "上海示例机床有限公司"
URI = (os.environ.get('TRYTOND_DATABASE_URI')
    or os.environ.get('AME_DB_URI') or '')
GUNICORN = AME.parent / 'gunicorn'

pytestmark = pytest.mark.skipif(
    not URI.startswith('postgresql'),
    reason="docs/deploy.md deploys on PostgreSQL only: set AME_DB_URI")


def production_config(directory, port):
    """/etc/ame/trytond.conf as §2 of the guide makes it: the example with
    the database URI, the filestore and the web client's folder set"""
    text = (ROOT / 'config' / 'production.conf.example').read_text()
    text = re.sub(r'(?m)^uri = .*$', f'uri = {URI}', text)
    text = re.sub(r'(?m)^path = .*$', f'path = {directory / "filestore"}',
        text)
    text = re.sub(r'(?m)^root = .*$',
        f'root = {ROOT / "var" / "sao" / "package"}', text)
    text = re.sub(r'(?m)^listen = .*$', f'listen = 127.0.0.1:{port}', text)
    assert not re.search(r'(?m)^\[ame\]', text)  # production
    path = directory / 'trytond.conf'
    path.write_text(text)
    path.chmod(0o640)
    return path


@pytest.fixture(scope='module')
def deployed(tmp_path_factory):
    "The tenant made and served as the guide says; dropped at the end"
    directory = tmp_path_factory.mktemp('deploy')
    ame = Ame(directory)
    ame.config = production_config(directory, ame.port)
    # The file alone says where the database is, as in production.
    ame.env.pop('AME_DB_URI', None)
    name = unique_name('deploy')
    started = time.monotonic()
    ame('tenant', 'create', name, '--company', COMPANY,
        '--admin-password-file', ame.password_file(PASSWORD),
        '--admin-email', 'admin@example.com')
    print(f"tenant created in {time.monotonic() - started:.0f} s")
    log = directory / 'gunicorn.log'
    env = dict(ame.env, TRYTOND_CONFIG=str(ame.config),
        TRYTOND_DATABASE_NAMES=name)
    with log.open('w') as output:
        server = subprocess.Popen([str(GUNICORN),
                '-b', f'127.0.0.1:{ame.port}', '-w', '1', '--timeout', '120',
                'ame.wsgi:app'],
            env=env, stdout=output, stderr=subprocess.STDOUT, cwd=directory)
    try:
        wait_served(ame.url, server, log)
        yield ame, name, log
    finally:
        server.terminate()
        server.wait(timeout=60)
        ame('tenant', 'drop', name, '--confirm', name, check=False)


def wait_served(url, server, log):
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"gunicorn exited: {log.read_text()}")
        try:
            urllib.request.urlopen(url + '/', timeout=5)
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("gunicorn did not start")


def test_tenant_has_the_product(deployed):
    "Without --modules a tenant is the product: sales, approvals ..."
    ame, name, _ = deployed
    line, = [line for line in ame('tenant', 'list').stdout.splitlines()
        if line.startswith(name + '\t')]
    modules = set(ame('tenant', 'modules', name).stdout.split())
    ame_modules = {p.parent.name for p in ROOT.glob('addons/ame_*/tryton.cfg')}
    assert ame_modules | {'sale', 'purchase', 'sale_opportunity'} <= modules
    assert COMPANY in line


def test_gunicorn_serves_the_tenant(deployed):
    ame, name, _ = deployed
    with urllib.request.urlopen(ame.url + '/', timeout=30) as response:
        assert response.status == 200
        assert b'<html' in response.read().lower()
    auth = login(ame.url, name, 'admin', PASSWORD)
    status, companies = rpc(ame.url, name,
        'model.company.company.search_read', [], 0, None, None,
        ['rec_name'], {}, auth=auth)
    assert status == 200
    assert [c['rec_name'] for c in companies] == [COMPANY]
    # [database] list = False: the tenants of the cluster are not listed
    status, _ = rpc(ame.url, None, 'common.db.list')
    assert status == 403


def test_demo_data_is_refused_on_production(deployed):
    ame, name, _ = deployed
    result = ame('demo-data', name, check=False)
    assert result.returncode == 2
    assert "this is a production configuration" in result.stderr


def test_drop_while_served_closes_the_servers_connections(deployed):
    """Last test: gunicorn's workers let the tenant go (no crashed cache
    listener, no connection retried) and answer 404 for it"""
    ame, name, log = deployed
    auth = login(ame.url, name, 'admin', PASSWORD)
    # The worker has used the tenant and listens on its cache channel (a
    # worker that never served the tenant has no listener to be told by:
    # docs/deploy.md says to restart the servers then)
    for _ in range(6):
        assert rpc(ame.url, name, 'model.res.user.get_preferences', True,
            {}, auth=auth)[0] == 200
    started = time.monotonic()
    ame('tenant', 'drop', name, '--confirm', name)
    # Closed by the servers, not forced after the timeout
    assert time.monotonic() - started < 10
    for _ in range(4):
        status, _ = rpc(ame.url, name, 'common.db.login', 'admin',
            {'password': PASSWORD}, 'zh_CN')
        assert status == 404
    time.sleep(3)
    text = log.read_text()
    assert 'crashed' not in text, text
    assert 'error connecting' not in text, text
