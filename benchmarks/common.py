# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Shared set-up of the benchmarks: a throw-away tenant on SQLite (in a
temporary folder) or on the PostgreSQL server of AME_DB_URI."""
import contextlib
import os
import statistics
import tempfile
import time

from trytond import config


def configure(default_uri=None):
    "Configure trytond; return the backend name"
    uri = os.environ.get('AME_DB_URI') or default_uri or 'sqlite://'
    config.set('database', 'uri', uri)
    if uri.startswith('sqlite'):
        config.set('database', 'path', tempfile.mkdtemp(prefix='ame-bench-'))
    return uri.split(':', 1)[0]


@contextlib.contextmanager
def tenant(name, modules, scale=None):
    "Create a tenant (with demo data at scale), drop it afterwards"
    from ame import tenant as tenants
    if tenants.exists(name):
        tenants.drop(name)
    started = time.perf_counter()
    tenants.create(name, modules, password=tenants.random_password(),
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
