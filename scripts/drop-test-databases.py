#!/usr/bin/env python3
# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Drop the template databases of Tryton's test cache (DB_CACHE=postgresql://)
on the server of TRYTOND_DATABASE_URI: they were built from other code.
With names as arguments, drop those databases instead (the test databases
that an interrupted run left)."""
import os
import re
import sys

import psycopg
from psycopg import sql

# trytond.tests.test_tryton names them test-<40 hexadecimal digits>.
TEMPLATE = re.compile(r'^test-[0-9a-f]{40}$')


def main(names):
    uri = os.environ['TRYTOND_DATABASE_URI'].rstrip('/') + '/postgres'
    with psycopg.connect(uri, autocommit=True) as connection:
        existing = {name for name, in connection.execute(
                "SELECT datname FROM pg_database")}
        if names:
            names = [n for n in names if n in existing]
        else:
            names = sorted(n for n in existing if TEMPLATE.match(n))
            if names:
                print(f"dropping {len(names)} stale test template "
                    "database(s)")
        for name in names:
            connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)")
                .format(sql.Identifier(name)))


if __name__ == '__main__':
    main(sys.argv[1:])
