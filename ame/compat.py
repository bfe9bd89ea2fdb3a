# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Fixes applied to trytond before it serves requests.

trytond 8.0.12 no longer initialises a database's pool on its first login:
``Cache.sync()`` now calls ``Pool()``, which registers an empty pool for the
database, so ``security._get_pool`` finds the name in ``Pool.database_list()``
and skips ``pool.init()``; the login then fails with ``KeyError: 'res.user'``.
A tenant created while the server runs (``ame tenant create``) could never be
logged into. The fix lists only the pools that were initialised, which is
what the callers of ``database_list`` mean; it is harmless on 8.0.11.
"""
from trytond import backend, security
from trytond.pool import Pool

_applied = False


def _initialised_databases(cls):
    with cls._lock:
        return [name for name, modules in cls._pool_modules.items()
            if modules]


def _get_pool(dbname, _original=security._get_pool):
    if dbname not in Pool.database_list():
        # The backend caches the database list for the session timeout; a
        # tenant created since then must be found at its first login.
        backend.Database._list_cache.clear()
    return _original(dbname)


def apply():
    global _applied
    if _applied:
        return
    Pool.database_list = classmethod(_initialised_databases)
    security._get_pool = _get_pool
    _applied = True
