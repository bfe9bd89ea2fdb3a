# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo data of ame_market: the competitors of 示例装备制造有限公司 with
their people, products and the prices seen, the competitors on the demo
opportunities of ame_crm, and the marketing activities of the year with
their events, expenses and the leads they brought.

Each area has a module with ``generate(rng, scale)``; they run in the order
of AREAS, after the demo of ame_crm (its opportunities).
"""
import importlib
import random

SEED = 20261207
AREAS = [
    'intelligence',
    'activities',
    ]


def generate(scale=1):
    "Create the demo records; no logins"
    rng = random.Random(SEED)
    for area in AREAS:
        module = importlib.import_module(f'{__name__}.{area}')
        module.generate(rng, scale)
