# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The selection engine of ame_selection at scale.

In process (no database): a family of 15 positions of 10 options (some
empty codes, some optional positions with a prefix, fixed-length codes
as ordering tables have), 20 extra options and 30 rules, generated from
a seed until its code format is unambiguous. Family.check() on it is
timed, then 10,000 random configurations are configured and their codes
parsed (the extras reordered and the case changed as customers write
them), one call at a time: p50 and p95 per call against the target
(p95 < 2 ms).

Over RPC (PostgreSQL, AME_DB_URI or the local server): a tenant with
ame_selection, the family imported (Template.import_families, as the
`ame selection import` command does), gunicorn serving it (2 workers);
the same configurations configured and their codes parsed by
model.ame.selection.template.configure and .parse, one call at a time as
the administrator: p50 and p95 per call, HTTP round trip included,
against the target (p95 < 30 ms). Then, in the same tenant, the selection
table of selection_table.py: 50,000 rows imported from an XLSX (target
< 60 s) and the list narrowed by two ranges (target < 200 ms)."""
import os
import random
import statistics
import time

import common
import selection_table

SEED = 20260601
POSITIONS = 15
OPTIONS = 10
EXTRAS = 20
RULES = 30
CALLS = 10_000
TARGET = 0.002
RPC_TARGET = 0.030
TENANT = 'ame_bench_selection'
PASSWORD = 'Bench-Selection-2026!'
LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'
DIGITS = '0123456789'


def load_engine():
    "ame_selection's engine"
    from trytond.modules.ame_selection import engine
    return engine


def _codes(rng, count, length, alphabet):
    "count distinct codes of length characters of alphabet"
    codes = set()
    while len(codes) < count:
        codes.add(''.join(rng.choice(alphabet) for _ in range(length)))
    return sorted(codes)


def _candidate(rng):
    "A random family dict of the benchmark's size (maybe ambiguous)"
    positions = []
    for i in range(POSITIONS):
        optional = i > 0 and rng.random() < 0.2
        alphabet = LETTERS if optional or rng.random() < 0.4 else DIGITS
        codes = _codes(rng, OPTIONS, rng.choice([1, 2]) if len(
                alphabet) > OPTIONS else 2, alphabet)
        if not optional and rng.random() < 0.2:
            codes[0] = ''
        prefix = rng.choice(['-', 'K-']) if optional else rng.choice(
            ['', '', '', '', '-'])
        positions.append({
                'code': f'p{i:02d}', 'name': f"位置 {i + 1}",
                'name_en': f"Position {i + 1}", 'required': not optional,
                'prefix': prefix,
                'options': [_option(rng, c, f"选项 {c or '空'}")
                    for c in codes]})
    extras = _codes(rng, EXTRAS, 2, LETTERS + DIGITS)
    return {
        'code': 'BENCH', 'name': "基准选型表", 'name_en': "Benchmark",
        'base_code': 'BX', 'base_price': '12000.00', 'currency': 'CNY',
        'positions': positions,
        'extra_options': {'name': "附加选项", 'prefix': '',
            'option_prefix': '/',
            'options': [_option(rng, c, f"附加 {c}") for c in extras]},
        'rules': _rules(rng, positions, extras),
        }


def _option(rng, code, name):
    return {'code': code, 'name': name, 'name_en': '',
        'spec': f"{name} 规格", 'price': f'{rng.randrange(0, 2000)}.00',
        'lead_days': rng.choice([0, 0, 0, 3, 5, 10])}


def _rules(rng, positions, extras):
    "30 rules between random positions (and the extras)"
    slots = [(p['code'], [o['code'] for o in p['options']])
        for p in positions] + [('extras', extras)]
    rules = []
    for i in range(RULES):
        (if_code, if_codes), (then_code, then_codes) = rng.sample(slots, 2)
        kind = 'excludes' if rng.random() < 0.7 else 'requires'
        size = rng.randint(1, 3) if kind == 'excludes' else rng.randint(
            4, 8)
        rules.append({'id': f'R{i + 1}', 'kind': kind,
                'if': {'position': if_code,
                    'options': rng.sample(if_codes, rng.randint(1, 2))},
                'then': {'position': then_code,
                    'options': rng.sample(then_codes, size)},
                'message': f"规则 R{i + 1} 不允许此组合"})
    return rules


def generate_family(seed=SEED):
    """The benchmark's family dict: the first unambiguous, checked clean
    candidate of a random generator seeded by seed"""
    engine = load_engine()
    rng = random.Random(seed)
    for attempt in range(1, 1001):
        data = _candidate(rng)
        if not engine.Family.from_dict(data).check():
            return data
    raise RuntimeError(f"no unambiguous family in {attempt} attempts")


def random_choices(family_data, count=CALLS, seed=SEED):
    "count random (selections, extras) of a family dict"
    rng = random.Random(seed)
    extras = [o['code'] for o in family_data['extra_options']['options']]
    choices = []
    for _ in range(count):
        selections = {}
        for position in family_data['positions']:
            if not position['required'] and rng.random() < 0.5:
                continue
            selections[position['code']] = rng.choice(
                position['options'])['code']
        choices.append((selections, rng.sample(extras, rng.choice(
                        [0, 0, 1, 2, 3, 4]))))
    return choices


def _customer_code(rng, code, option_prefix):
    "The code as a customer writes it: extras reordered, case changed"
    head, *extras = code.split(option_prefix)
    rng.shuffle(extras)
    code = option_prefix.join([head] + extras)
    return code.lower() if rng.random() < 0.5 else code


def percentiles(seconds):
    "p50 and p95 of a list of durations"
    cuts = statistics.quantiles(seconds, n=100)
    return statistics.median(seconds), cuts[94]


def _timed(func, arguments):
    "Call func on each arguments tuple; return the results and durations"
    results, seconds = [], []
    clock = time.perf_counter
    for args in arguments:
        started = clock()
        results.append(func(*args))
        seconds.append(clock() - started)
    return results, seconds


def _report_calls(label, seconds, target=TARGET):
    p50, p95 = percentiles(seconds)
    verdict = 'ok' if p95 < target else 'NO'
    common.report(f"{label} p50", p50)
    common.report(f"{label} p95 (target < {target * 1000:.0f} ms: "
        f"{verdict})", p95)
    return p50, p95


def bench_in_process(family_data=None, count=CALLS):
    """check, configure and parse in process; return the figures (the
    seconds of check, the p50 and p95 of configure and parse)"""
    engine = load_engine()
    if family_data is None:
        family_data = generate_family()
    started = time.perf_counter()
    family = engine.Family.from_dict(family_data)
    common.report("Family.from_dict (compile)",
        time.perf_counter() - started)
    check = common.measure(family.check)
    common.report("Family.check (exact ambiguity, median of 7)", check)
    choices = random_choices(family_data, count)
    configured, seconds = _timed(family.configure, choices)
    valid = sum(r['valid'] for r in configured)
    print(f"  {count:,} configurations, {valid:,} valid by the rules",
        flush=True)
    figures = {'check': check}
    figures['configure'] = _report_calls("configure", seconds)
    rng = random.Random(SEED)
    option_prefix = family.extras.option_prefix
    codes = [(_customer_code(rng, r['model_code'], option_prefix),)
        for r in configured]
    parsed, seconds = _timed(family.parse, codes)
    # The benchmark measures correct work: parse reads what was written
    for result, written in zip(parsed, configured):
        assert result['model_code'] == written['model_code'], (
            result, written['model_code'])
    figures['parse'] = _report_calls("parse (customer's order and case)",
        seconds)
    _, seconds = _timed(family.option_states, choices[:count // 10])
    figures['option_states'] = _report_calls(
        f"option_states ({count // 10:,} calls)", seconds)
    return figures


def import_family(pool, family_data):
    "Import the family as the administrator (as `ame selection import`)"
    from trytond.transaction import Transaction
    User = pool.get('res.user')
    Template = pool.get('ame.selection.template')
    admin, = User.search([('login', '=', 'admin')])
    with Transaction().set_user(admin.id), Transaction().set_context(
            User.get_preferences(context_only=True)):
        Template.import_families([family_data])


def bench_database(family_data, count=CALLS):
    """configure and parse over RPC on a tenant served by gunicorn, then
    the selection table's import and filter (selection_table.py); return
    the figures"""
    from trytond.modules.ame_base.tenant import run_in_transaction
    from trytond.pool import Pool
    with common.tenant(TENANT, ['ame_selection'], password=PASSWORD):
        pool = Pool(TENANT)
        pool.init()
        run_in_transaction(TENANT, 0, import_family, pool, family_data)
        choices = random_choices(family_data, count)
        family_code = family_data['code']
        with common.Server(TENANT, workers=2) as server:
            auth, context = server.login('admin', PASSWORD)

            def configure(selections, extras):
                return server.call(auth,
                    'model.ame.selection.template.configure', family_code,
                    selections, extras, context)

            def parse(code):
                return server.call(auth,
                    'model.ame.selection.template.parse', code, context)
            # Each worker compiles the family once
            _timed(configure, choices[:20])
            configured, seconds = _timed(configure, choices)
            figures = {'configure': _report_calls(
                    "configure over RPC", seconds, RPC_TARGET)}
            codes = [(r['model_code'],) for r in configured]
            parsed, seconds = _timed(parse, codes)
            assert all(p['model_code'] == c for p, (c,) in zip(parsed, codes))
            figures['parse'] = _report_calls(
                "parse over RPC", seconds, RPC_TARGET)
        table = selection_table.import_rows(pool, TENANT)
        figures['table'] = selection_table.filter_ranges(
            pool, TENANT, table['template'], table['rep'])
    return figures


def main():
    print(f"  selection engine: {POSITIONS} positions x {OPTIONS} options, "
        f"{EXTRAS} extras, {RULES} rules, {CALLS:,} configurations")
    started = time.perf_counter()
    family_data = generate_family()
    common.report("family generation (until unambiguous)",
        time.perf_counter() - started)
    bench_in_process(family_data)
    common.configure(default_uri='postgresql://postgres@127.0.0.1:5432/')
    bench_database(family_data)
    print("  load average (1, 5, 15 min): "
        + ", ".join(f"{load:.2f}" for load in os.getloadavg()))


if __name__ == '__main__':
    main()
