# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo data of ame_base: the master data and runtime parameters of
示例装备制造有限公司, deterministic, scalable.

Each area has a module with ``generate(rng, scale)``; they run in the order
of AREAS, so that later areas find the records of earlier ones. The demo of
the modules that depend on ame_base runs after it (``ame demo-data``).
"""
import importlib
import random

SEED = 20261127
AREAS = [
    'master_data',
    'configuration',
    ]


def generate(scale=1):
    "Create the demo records; return the demo logins"
    rng = random.Random(SEED)
    logins = []
    for area in AREAS:
        module = importlib.import_module(f'{__name__}.{area}')
        logins.extend(module.generate(rng, scale) or [])
    return logins
