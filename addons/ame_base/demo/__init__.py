# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo data of ame_base: 示例装备制造有限公司, deterministic, scalable.

Each area has a module with ``generate(rng, scale)``; they run in the order
of AREAS, so that later areas find the records of earlier ones.
"""
import importlib
import random

SEED = 20261127
AREAS = [
    'master_data',
    'organisation',
    'roles',
    'configuration',
    'product',
    'sales',
    ]


def generate(scale=1):
    "Create the demo records; return the demo logins"
    rng = random.Random(SEED)
    logins = []
    for area in AREAS:
        module = importlib.import_module(f'{__name__}.{area}')
        logins.extend(module.generate(rng, scale) or [])
    return logins


def logins():
    "The demo logins (login, password, role) that the organisation creates"
    from . import organisation
    return organisation.LOGINS
