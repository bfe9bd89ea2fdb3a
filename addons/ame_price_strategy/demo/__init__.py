# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo data of ame_price_strategy: the approvals of the price strategies
and of the quotations below their floor price, the floor prices of the
roles, and the company's, products' and customers' price strategies.

Each area has a module with ``generate(rng, scale)``; they run in the order
of AREAS, after the demo of ame_approval (its nodes) and ame_crm (the
customers and their grades).
"""
import importlib
import random

SEED = 20261215
AREAS = [
    'approvals',
    'strategies',
    ]


def generate(scale=1):
    "Create the demo records; no logins"
    rng = random.Random(SEED)
    for area in AREAS:
        module = importlib.import_module(f'{__name__}.{area}')
        module.generate(rng, scale)
