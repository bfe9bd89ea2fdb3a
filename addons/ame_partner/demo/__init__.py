# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo data of ame_partner: the suppliers of 示例装备制造有限公司 with their
prices, and the carriers that deliver its machines with their rates.

Each area has a module with ``generate(rng, scale)``; they run in the order
of AREAS, after the demo of ame_crm (the products are purchasable and in
their accounting category by then).
"""
import importlib
import random

SEED = 20261207
AREAS = [
    'suppliers',
    'carriers',
    ]


def generate(scale=1):
    "Create the demo records; no logins"
    rng = random.Random(SEED)
    for area in AREAS:
        module = importlib.import_module(f'{__name__}.{area}')
        module.generate(rng, scale)
