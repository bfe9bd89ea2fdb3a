# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Helpers of the cross-module tests: the ``ame`` command on a throw-away
configuration, on SQLite or on the PostgreSQL server of AME_DB_URI, and
JSON-RPC calls to the server it starts."""
import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
AME = pathlib.Path(sys.executable).parent / 'ame'
# The top menus of the seed (whitepaper, section 5) that the modules give
# entries; the others wait for their business modules and are hidden until
# then (PLACEHOLDER_MENUS), as is a top menu with no entry for the user.
TOP_MENU = [
    "系统管理", "个人助理", "客户管理", "市场管理", "销售管理", "仓库管理",
    "合作伙伴", "决策管理"]
PLACEHOLDER_MENUS = ["平台管理", "服务管理", "资金管理"]
AME_MODULES = sorted(
    path.parent.name for path in ROOT.glob('addons/ame_*/tryton.cfg'))


class Ame:
    "Run the ame command against a private configuration"

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.config = directory / 'trytond.conf'
        self.config.write_text(
            "[database]\n"
            "uri = sqlite://\n"
            f"path = {directory / 'db'}\n"
            "[web]\n"
            f"listen = 127.0.0.1:{self.port}\n"
            f"root = {ROOT / 'var' / 'sao' / 'package'}\n")
        self.env = dict(os.environ)
        # The test runner exports the backend for trytond; the command
        # takes it from AME_DB_URI.
        uri = self.env.pop('TRYTOND_DATABASE_URI', '') or 'sqlite://'
        if uri.startswith('postgresql'):
            self.env['AME_DB_URI'] = uri
        else:
            self.env.pop('AME_DB_URI', None)
        for key in ['TRYTOND_CONFIG', 'DB_NAME', 'DB_CACHE']:
            self.env.pop(key, None)
        self.url = f'http://127.0.0.1:{self.port}'

    def __call__(self, *args, input=None, check=True):
        result = subprocess.run(
            [str(AME), '--config', str(self.config), *args],
            env=self.env, input=input, capture_output=True, text=True,
            timeout=900)
        if check and result.returncode:
            raise AssertionError(
                f"ame {' '.join(args)} exited {result.returncode}:\n"
                f"{result.stdout}\n{result.stderr}")
        return result

    def execute(self, name, statement):
        "Run a SQL statement in the tenant's database, as its DBA would"
        code = (
            "import sys\n"
            "from ame import cli\n"
            "cli.configure(sys.argv[1])\n"
            "from trytond.transaction import Transaction\n"
            "with Transaction().start(sys.argv[2], 0, close=True) as t:\n"
            "    t.connection.cursor().execute(sys.argv[3])\n"
            "    t.commit()\n")
        subprocess.run(
            [sys.executable, '-c', code, str(self.config), name, statement],
            env=self.env, check=True, capture_output=True, timeout=120)

    def password_file(self, password):
        path = self.directory / 'password'
        path.write_text(password + '\n')
        return str(path)

    def serve(self, *names):
        try:
            urllib.request.urlopen(self.url + '/', timeout=2)
        except OSError:
            pass
        else:
            raise AssertionError(f"{self.url} is already served")
        # The server logs every request: into a file, as a pipe that
        # nobody reads fills up and then blocks the server.
        log = self.directory / 'server.log'
        with log.open('a') as output:
            process = subprocess.Popen(
                [str(AME), '--config', str(self.config), 'serve', *names],
                env=self.env, stdout=output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise AssertionError(f"server exited: {log.read_text()}")
            try:
                urllib.request.urlopen(self.url + '/', timeout=2)
                return process
            except OSError:
                time.sleep(0.5)
        process.kill()
        raise AssertionError("server did not start")


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def unique_name(prefix):
    return f'{prefix}_{os.getpid()}_{int(time.time()) % 100000}'





def rpc(url, database, method, *params, auth=None):
    "Call the JSON-RPC of a tenant; return (HTTP status, result or error)"
    status, body = rpc_response(url, database, method, *params, auth=auth)
    if body is None:
        return status, None
    return status, body.get('result', body.get('error'))


def rpc_response(url, database, method, *params, auth=None):
    """Call the JSON-RPC of a tenant; return (HTTP status, the response's
    body: a dictionary with the result or the error, None on HTTP errors)"""
    import base64
    import json
    import urllib.error
    request = urllib.request.Request(
        f'{url}/{database}/rpc/' if database else f'{url}/rpc/',
        data=json.dumps({'id': 1, 'method': method, 'params': params})
        .encode(), headers={'Content-Type': 'application/json'})
    if auth:
        login, user_id, session = auth
        token = base64.b64encode(
            f'{login}:{user_id}:{session}'.encode()).decode()
        request.add_header('Authorization', f'Session {token}')
    for attempt in range(5):
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            # 503: the database is busy (SQLite allows one writer at a
            # time across the test's processes); ask again.
            if error.code != 503 or attempt == 4:
                return error.code, None
            time.sleep(1)


def login(url, database, user, password, language='zh_CN'):
    "Log in through JSON-RPC; return the authorization tuple"
    status, result = rpc(
        url, database, 'common.db.login', user, {'password': password},
        language)
    assert status == 200 and isinstance(result, list), (status, result)
    return user, result[0], result[1]
