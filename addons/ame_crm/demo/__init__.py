# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo data of ame_crm: the customers of 示例装备制造有限公司 and what
its sales team records of them.

Each area has a module with ``generate(rng, scale)``; they run in the order
of AREAS, after the demo of ame_permission (the quotations, whose customers
become the reps' customers).
"""
import importlib
import random

SEED = 20261201
AREAS = [
    'customers',
    'contacts',
    'opportunities',
    'pool',
    'value_analysis',
    ]


def generate(scale=1):
    "Create the demo records; no logins"
    rng = random.Random(SEED)
    for area in AREAS:
        module = importlib.import_module(f'{__name__}.{area}')
        module.generate(rng, scale)
