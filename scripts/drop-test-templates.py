#!/usr/bin/env python3
# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Drop the template databases of Tryton's test cache (DB_CACHE=postgresql://)
on the server of TRYTOND_DATABASE_URI: they were built from other code."""
import os
import re

import psycopg
from psycopg import sql

# trytond.tests.test_tryton names them test-<40 hexadecimal digits>.
TEMPLATE = re.compile(r'^test-[0-9a-f]{40}$')


def main():
    uri = os.environ['TRYTOND_DATABASE_URI'].rstrip('/') + '/postgres'
    with psycopg.connect(uri, autocommit=True) as connection:
        names = [name for name, in connection.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'test-%'")
            if TEMPLATE.match(name)]
        for name in names:
            connection.execute(
                sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
    if names:
        print(f"dropped {len(names)} stale test template database(s)")


if __name__ == '__main__':
    main()
