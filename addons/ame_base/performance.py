# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Three costs of Tryton that grow faster than the data, removed.

A customer with 5,000 contact records, a cron over 50,000 customers: the
server reads thousands of records at once, where two upstream details cost
more than the database (profiled on the customer 360 of bench_crm):

- ``ModelStorage.browse`` gives each of n instances the list of the n ids,
  and each instance asserts that all of them are integers: n² checks (25
  million, 8 seconds, for 5,000 records). ``BrowseMixin``, registered on
  every model (``[register_mixin]`` of tryton.cfg), converts the ids once
  and shares the list after the instances are made;
- ``trytond.tools.cursor_dict`` reads the cursor's ``description`` for each
  row (psycopg's ``arraysize`` is 1: one fetch per row), which psycopg 3
  builds anew on each access (a dozen Column objects: half the time of a
  long read). ``cursor_dict`` below fetches rows by thousand and reads the
  description once; it replaces Tryton's where Tryton imported it.

And one that grows with the schema: activating or updating modules on
PostgreSQL asks, for each table that gets a foreign key, the delete rule of
its keys. Tryton asks ``information_schema``, whose views join every
constraint of the database before filtering: 70 ms a table in a new
database, 0.6 s in the whole product's, a third of an activation (389
tables for ame_permission's). ``fk_deltypes`` asks ``pg_catalog`` the same
(1 ms), for the table's own constraints only, as Odoo did for its upgrades.
"""
import sys

from trytond import tools
from trytond.model.modelstorage import local_cache
from trytond.transaction import Transaction


class BrowseMixin:
    "Browse n ids in linear time"
    __slots__ = ()

    @classmethod
    def browse(cls, ids):
        transaction = Transaction()
        ids = list(map(int, ids))
        _local_cache = local_cache(cls, transaction)
        transaction_cache = transaction.get_cache()
        records = [cls(x, _local_cache=_local_cache,
                _transaction_cache=transaction_cache,
                _transaction=transaction) for x in ids]
        # The instances share the ids to read the fields of all at once
        for record in records:
            record._ids = ids
        return records


def cursor_dict(cursor, size=None):
    "Yield the rows of cursor as dictionaries of their column names"
    # psycopg's arraysize is 1: a batch per row
    size = max(cursor.arraysize, 1000) if size is None else size
    names = None
    while True:
        rows = cursor.fetchmany(size)
        if not rows:
            break
        if names is None:
            names = [d[0] for d in cursor.description]
        for row in rows:
            yield dict(zip(names, row))


def patch_cursor_dict():
    "Use cursor_dict in the modules that imported Tryton's"
    original = tools.cursor_dict
    for module in list(sys.modules.values()):
        if (getattr(module, '__name__', '').startswith('trytond')
                and getattr(module, 'cursor_dict', None) is original):
            module.cursor_dict = cursor_dict


# The delete_rule of information_schema.referential_constraints
FK_DELTYPES = (
    "SELECT c.conname, a.attname, CASE c.confdeltype "
    "WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' "
    "WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' "
    "WHEN 'd' THEN 'SET DEFAULT' END "
    "FROM pg_constraint AS c "
    "JOIN pg_class AS r ON r.oid = c.conrelid "
    "JOIN pg_namespace AS n ON n.oid = r.relnamespace "
    "JOIN pg_attribute AS a ON a.attrelid = c.conrelid "
    "AND a.attnum = ANY (c.conkey) "
    "WHERE c.contype = 'f' AND r.relname = %s AND n.nspname = %s")


def fk_deltypes(self):
    "The delete rule of each (constraint, column) of the table's foreign keys"
    # The attribute of Tryton's property, which its handler resets
    if self._TableHandler__fk_deltypes is None:
        cursor = Transaction().connection.cursor()
        cursor.execute(FK_DELTYPES, (self.table_name, self.table_schema))
        self._TableHandler__fk_deltypes = {r[:2]: r[2] for r in cursor}
    return self._TableHandler__fk_deltypes


def patch_fk_deltypes():
    "Make PostgreSQL's table handler use fk_deltypes"
    from trytond.backend.postgresql.table import TableHandler
    TableHandler._fk_deltypes = property(fk_deltypes)


patch_cursor_dict()
patch_fk_deltypes()
