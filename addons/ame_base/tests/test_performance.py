# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import unittest
from collections import defaultdict
from types import SimpleNamespace

from trytond import backend
from trytond.model import modelsql
from trytond.modules.ame_base.performance import cursor_dict, fk_deltypes
from trytond.modules.ame_base.tests.tools import AmeTestCase
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction


class PerformanceTestCase(AmeTestCase):
    "What performance.py changes of Tryton keeps Tryton's results"
    extras = ['sale_opportunity', 'purchase']

    @with_transaction()
    def test_browse_reads_together(self):
        "Browsed records share their ids: one read fills them all"
        pool = Pool()
        Value = pool.get('ame.dictionary.value')
        ids = [v.id for v in Value.search([])]
        self.assertGreater(len(ids), 20)

        values = Value.browse(map(str, ids))
        self.assertEqual([v.id for v in values], ids)
        self.assertTrue(all(v._ids == ids for v in values))
        # Reading the first loads the names of all: the last is cached
        names = {v['id']: v['name'] for v in Value.read(ids, ['name'])}
        self.assertEqual(values[0].name, names[ids[0]])
        self.assertIn('name', values[-1]._cache[ids[-1]])
        self.assertEqual(values[-1].name, names[ids[-1]])

    @with_transaction()
    def test_cursor_dict(self):
        "The rows of a query as dictionaries, all of them, in order"
        # What Tryton's reads use
        self.assertIs(modelsql.cursor_dict, cursor_dict)
        pool = Pool()
        Value = pool.get('ame.dictionary.value')
        table = Value.__table__()
        cursor = Transaction().connection.cursor()
        cursor.execute(*table.select(
                table.id, table.code.as_('key'), order_by=[table.id]))
        rows = list(cursor_dict(cursor))
        self.assertEqual(len(rows), Value.search([], count=True))
        self.assertEqual(rows[0], {
                'id': rows[0]['id'],
                'key': Value(rows[0]['id']).code})
        ids = [r['id'] for r in rows]
        self.assertEqual(ids, sorted(ids))

    @unittest.skipUnless(backend.name == 'postgresql',
        "the table handler of PostgreSQL (CI runs the suite on it)")
    @with_transaction()
    def test_fk_deltypes(self):
        "Every table's foreign keys and delete rules, as Tryton reads them"
        from trytond.backend.postgresql.table import TableHandler
        self.assertIs(TableHandler._fk_deltypes.fget, fk_deltypes)
        cursor = Transaction().connection.cursor()
        cursor.execute('SELECT current_schema()')
        schema, = cursor.fetchone()
        # Tryton's query, for all the tables at once
        cursor.execute(
            'SELECT k.table_name, k.constraint_name, k.column_name, '
            'r.delete_rule '
            'FROM information_schema.key_column_usage AS k '
            'JOIN information_schema.referential_constraints AS r '
            'ON r.constraint_schema = k.constraint_schema '
            'AND r.constraint_name = k.constraint_name '
            'WHERE k.table_schema = %s', (schema,))
        expected = defaultdict(dict)
        for table, constraint, column, rule in cursor:
            expected[table][constraint, column] = rule
        self.assertTrue({'CASCADE', 'SET NULL', 'RESTRICT'} <= {
                r for t in expected.values() for r in t.values()})
        cursor.execute(
            'SELECT tablename FROM pg_tables WHERE schemaname = %s',
            (schema,))
        for table, in cursor.fetchall():
            handler = SimpleNamespace(table_name=table, table_schema=schema,
                _TableHandler__fk_deltypes=None)
            self.assertEqual(
                fk_deltypes(handler), expected.get(table, {}), table)
