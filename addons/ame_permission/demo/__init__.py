# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo data of ame_permission: the roles of the demo users, and the
quotations of the sales reps whose data scope the roles show.

Each area has a module with ``generate(rng, scale)``; they run in the order
of AREAS. The demo of ame_organisation (users, employees) and of
ame_product (products, warehouses) runs before it: ``ame demo-data`` runs
the demo of the activated modules by dependency depth.
"""
import importlib
import random

SEED = 20261127
AREAS = [
    'roles',
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
