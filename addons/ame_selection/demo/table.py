# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo data of the selection tables: the ready models of the AM3051
differential pressure transmitter (tests/families.py), each a model code
its template reads, with the span it is calibrated to, its accuracy,
wetted material, output, price, stock and lead time, as a maker's table
gives them."""
import random

from trytond.pool import Pool

SEED = 20261220
# The spans a range option of AM3051 is calibrated to: (unit, spans)
SPANS = {
    '1': ('kPa', [(0, 1), (0, 2.5), (0, 4), (0, 6), (-6, 6)]),
    '2': ('kPa', [(0, 10), (0, 16), (0, 25), (0, 40), (0, 60), (-40, 40)]),
    '3': ('kPa', [(0, 100), (0, 160), (0, 200), (0, 250), (-100, 100)]),
    '4': ('MPa', [(0, 0.6), (0, 1), (0, 1.6), (0, 2), (-0.1, 1.6)]),
    '5': ('MPa', [(0, 2.5), (0, 4), (0, 6), (0, 10), (0, 13.8)]),
    }
# The days to make a model of the table, before those of its options
BASE_LEAD_DAYS = 7


def generate(template, rows=500, seed=SEED):
    """Create the table of rows ready models of the family of template
    (the AM3051 transmitter) from its version in force: distinct codes
    that it reads, priced as it prices them; return the rows"""
    pool = Pool()
    Row = pool.get('ame.selection.table.row')
    family = template.current_version.family
    data = family.to_dict()
    rng = random.Random(seed)
    values, codes = [], set()
    for _ in range(rows * 50):
        if len(values) >= rows:
            break
        result = family.configure(*choose(rng, data))
        if not result['valid'] or result['model_code'] in codes:
            continue
        codes.add(result['model_code'])
        values.append(row_values(rng, data, result, template))
    return Row.create_in_batches(values)


def choose(rng, data):
    "Random choices of the family: (selections, extras)"
    selections = {}
    for position in data['positions']:
        if not position['required'] and rng.random() < 0.7:
            continue
        selections[position['code']] = rng.choice(
            position['options'])['code']
    extras = [o['code'] for o in data['extra_options']['options']]
    return selections, rng.sample(extras, rng.choice([0, 0, 1, 1, 2]))


def option_name(data, position, code):
    "The name of the option code of position in the family dict"
    for item in data['positions']:
        if item['code'] == position:
            for option in item['options']:
                if option['code'] == code:
                    return option['name']


def row_values(rng, data, result, template):
    "The values of the row of a configured model"
    selections = result['selections']
    unit, spans = SPANS[selections['range']]
    low, high = rng.choice(spans)
    accuracy = 0.075
    if selections['range'] in {'1', '5'} or selections['type'] == 'A':
        accuracy = 0.1
    if selections['output'] == 'M':
        accuracy = 0.2
    measurement = option_name(data, 'type', selections['type'])
    return {
        'template': template.id,
        'model_code': result['model_code'],
        'description': f"{measurement}变送器 {low:g}~{high:g} {unit}",
        'range_min': low,
        'range_max': high,
        'range_unit': unit,
        'accuracy': accuracy,
        'material': option_name(data, 'diaphragm', selections['diaphragm']),
        'output': option_name(data, 'output', selections['output']),
        'price': result['price'],
        'stock': rng.choice([0, 0, 0, 1, 2, 3, 5, 10]),
        'lead_days': BASE_LEAD_DAYS + result['lead_days'],
        }
