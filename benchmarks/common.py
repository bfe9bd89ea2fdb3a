# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Shared set-up of the benchmarks: a throw-away tenant on SQLite (in a
temporary folder) or on the PostgreSQL server of AME_DB_URI, and gunicorn
serving a tenant for the figures over RPC."""
import contextlib
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from trytond import config

VENV_BIN = pathlib.Path(sys.executable).parent


def configure(default_uri=None):
    "Configure trytond; return the backend name"
    uri = os.environ.get('AME_DB_URI') or default_uri or 'sqlite://'
    config.set('database', 'uri', uri)
    if uri.startswith('sqlite'):
        config.set('database', 'path', tempfile.mkdtemp(prefix='ame-bench-'))
    return uri.split(':', 1)[0]


@contextlib.contextmanager
def tenant(name, modules, scale=None, password=None):
    """Create a tenant (with demo data at scale; its admin's password
    random unless given), drop it afterwards"""
    from ame import tenant as tenants
    if tenants.exists(name):
        tenants.drop(name)
    started = time.perf_counter()
    tenants.create(name, modules,
        password=password or tenants.random_password(),
        company="基准测试装备有限公司")
    report("tenant creation", time.perf_counter() - started, unit='s')
    try:
        if scale:
            started = time.perf_counter()
            tenants.load_demo_data(name, scale=scale)
            report(f"demo data, scale {scale}",
                time.perf_counter() - started, unit='s')
        yield name
    finally:
        tenants.drop(name)


def measure(func, repeat=7):
    "Run func repeat times (after one warm-up); return the median seconds"
    func()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def report(label, seconds, unit='ms'):
    value = seconds * 1000 if unit == 'ms' else seconds
    print(f"  {label:<60} {value:10.2f} {unit}", flush=True)


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * fraction))]


class Server:
    "gunicorn serving a tenant on a free loopback port"

    def __init__(self, database, workers=4):
        import socket
        with socket.socket() as sock:
            sock.bind(('127.0.0.1', 0))
            self.port = sock.getsockname()[1]
        self.url = f'http://127.0.0.1:{self.port}/{database}/rpc/'
        self.database = database
        self.directory = tempfile.TemporaryDirectory(prefix='ame-bench-')
        path = pathlib.Path(self.directory.name) / 'trytond.conf'
        path.write_text("[database]\nuri = %s\n[cache]\nclean_timeout = 0\n"
            % config.get('database', 'uri'))
        env = dict(os.environ, TRYTOND_CONFIG=str(path),
            TRYTOND_DATABASE_NAMES=database)
        self.log = open(pathlib.Path(self.directory.name) / 'gunicorn.log',
            'w')
        self.process = subprocess.Popen([str(VENV_BIN / 'gunicorn'),
                '-b', f'127.0.0.1:{self.port}', '-w', str(workers),
                '--timeout', '120', 'ame.wsgi:app'],
            env=env, stdout=self.log, stderr=subprocess.STDOUT,
            cwd=pathlib.Path(__file__).resolve().parent.parent)

    def __enter__(self):
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited")
            try:
                urllib.request.urlopen(
                    f'http://127.0.0.1:{self.port}/', timeout=5)
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(1)
            else:
                return self
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.close()
        self.directory.cleanup()

    def call(self, auth, method, *params):
        import base64
        request = urllib.request.Request(self.url, data=json.dumps({
                    'id': 1, 'method': method, 'params': params}).encode(),
            headers={'Content-Type': 'application/json'})
        if auth:
            token = base64.b64encode(':'.join(map(str, auth)).encode())
            request.add_header('Authorization', f'Session {token.decode()}')
        with urllib.request.urlopen(request, timeout=60) as response:
            body = json.loads(response.read())
        if 'error' in body:
            raise RuntimeError(body['error'])
        return body['result']

    def login(self, login, password):
        request = urllib.request.Request(self.url, data=json.dumps({
                    'id': 1, 'method': 'common.db.login',
                    'params': [login, {'password': password}, 'zh_CN'],
                    }).encode(), headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=60) as response:
            user_id, session = json.loads(response.read())['result'][:2]
        auth = (login, user_id, session)
        context = self.call(auth, 'model.res.user.get_preferences', True, {})
        return auth, context
