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

A tenant dropped while it is served (``ame tenant drop``): each process that
used it keeps a cache listener on it (``[cache] clean_timeout = 0``) and a
connection pool that psycopg refills. When the database goes, the listener
crashes and the pool retries to connect for minutes, logging each attempt.
``ame tenant drop`` therefore first refuses new connections to the tenant and
sends DROPPED_PAYLOAD on the cache channel: a list of one cache name that no
process has, which trytond's listener ignores. A process with these fixes
sees it, ends its listener, closes its connections and forgets the tenant;
then answers 404 for it until a tenant of that name accepts connections
again. ``ame tenant drop`` waits for the connections to close before it
drops the database (and forces those that remain: trytond-cron and
trytond-worker, which do not run these fixes).
"""
import json
import logging
import os
import threading

from werkzeug.exceptions import NotFound

from trytond import backend, security
from trytond.pool import Pool

logger = logging.getLogger(__name__)
DROPPED_PAYLOAD = json.dumps(['ame.tenant.dropped'])
_dropped = set()
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


def _get_notifications(self, connection, _original=None):
    notifications = _original(self, connection)
    from trytond.cache import MemoryCache
    if any(n.channel == MemoryCache._channel and n.payload == DROPPED_PAYLOAD
            for n in notifications):
        # In the listener's thread: ending it is up to another one.
        _dropped.add(self.name)
        with MemoryCache._local.listener_lock:
            listener = MemoryCache._local.listeners.pop(self.name, None)
        threading.Thread(
            target=_forget, args=(self.name, listener), daemon=True).start()
    return notifications


def _forget(name, listener):
    "Close the connections of this process to a dropped tenant"
    from trytond.cache import Cache, MemoryCache
    if listener and listener is not threading.current_thread():
        # It stops once it no longer is the tenant's listener.
        listener.join(timeout=30)
    with Pool._lock:
        Pool._pools.pop(name, None)
        Pool._pool_modules.pop(name, None)
    database = backend.Database._databases[os.getpid()].get(name)
    if database:
        database.close()
    if issubclass(Cache, MemoryCache):
        Cache.drop(name)
    backend.Database._list_cache.clear()
    logger.info("tenant %r dropped: its connections are closed", name)


def _accepts_connections(name):
    "Whether a database of that name exists and accepts connections"
    database = backend.Database()
    connection = database.get_connection(autocommit=True)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT datallowconn FROM pg_database WHERE datname = %s",
                (name,))
            row = cursor.fetchone()
    finally:
        database.put_connection(connection)
    return bool(row and row[0])


def _dispatch_request(self, request, _original=None):
    name = request.path.lstrip('/').split('/', 1)[0]
    if name in _dropped:
        if not _accepts_connections(name):
            # Without opening a connection pool that would retry it
            return NotFound()
        _dropped.discard(name)
    return _original(self, request)


def _wrap(cls, name, wrapper):
    original = getattr(cls, name)

    def method(self, *args, **kwargs):
        return wrapper(self, *args, _original=original, **kwargs)
    setattr(cls, name, method)


def apply():
    global _applied
    if _applied:
        return
    from trytond.wsgi import TrytondWSGI
    Pool.database_list = classmethod(_initialised_databases)
    security._get_pool = _get_pool
    _wrap(TrytondWSGI, 'dispatch_request', _dispatch_request)
    if backend.name == 'postgresql':
        _wrap(backend.Database, 'get_notifications', _get_notifications)
    _applied = True
