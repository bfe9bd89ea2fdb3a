# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The selection engine (engine.py) without Tryton: configure, parse,
option_states, the rules, the structure of family dicts and the check of
a template, its ambiguity checker against brute force."""
import itertools
import random
import unittest
from decimal import Decimal

from trytond.modules.ame_selection import engine
from trytond.modules.ame_selection.tests import families

D = Decimal


def option(code, price='0', lead_days=0, spec=''):
    "An option dict of the small test families"
    return {'code': code, 'name': f"选项 {code}", 'price': price,
        'lead_days': lead_days, 'spec': spec}


def family_dict(positions, extras=None, rules=(), base_code='WR'):
    "A small family dict: positions are (code, codes, required, prefix)"
    data = {
        'code': 'TEST', 'name': "测试", 'base_code': base_code,
        'base_price': '100.00',
        'positions': [{
                'code': code, 'name': f"位置 {code}", 'required': required,
                'prefix': prefix, 'options': [option(c) for c in codes],
                } for code, codes, required, prefix in positions],
        'rules': list(rules),
        }
    if extras is not None:
        prefix, option_prefix, codes = extras
        data['extra_options'] = {
            'name': "附加选项", 'prefix': prefix,
            'option_prefix': option_prefix,
            'options': [option(c) for c in codes]}
    return data


def rule(id_, kind, if_, then, message="规则被违反"):
    return {'id': id_, 'kind': kind,
        'if': {'position': if_[0], 'options': list(if_[1])},
        'then': {'position': then[0], 'options': list(then[1])},
        'message': message}


def keys(result):
    "The message keys of an answer's errors"
    return [e['key'] for e in result['errors']]


class EngineTestCase(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dp = engine.Family.from_dict(families.differential_pressure())
        cls.tc = engine.Family.from_dict(families.thermocouple())

    DP_VALID = {
        'construction': 'C', 'type': 'D', 'range': '2', 'output': 'A',
        'diaphragm': '2', 'fill': '1', 'housing': 'A', 'connection': '1',
        }
    TC_VALID = {
        'graduation': 'N', 'elements': '', 'fixing': '2', 'box': '3',
        'diameter': '0', 'length': '500',
        }


class FixturesTest(EngineTestCase):

    def test_fixtures_check_clean(self):
        "Both fixture families are valid templates"
        self.assertEqual(self.dp.check(), [])
        self.assertEqual(self.tc.check(), [])

    def test_fixtures_shape(self):
        "The fixtures are as big as the brief asks"
        self.assertGreaterEqual(len(self.dp.positions), 8)
        self.assertGreaterEqual(len(self.dp.rules), 5)
        self.assertTrue(self.dp.extras.options)
        self.assertIn('', [o.code for o in self.tc.positions[1].options])
        self.assertIn('-', [p.prefix for p in self.tc.positions])


class ConfigureTest(EngineTestCase):

    def test_valid(self):
        "A complete choice: code, price, spec, lead time"
        result = self.dp.configure(
            dict(self.DP_VALID, manifold='S5', range='5'), ['M5', 'B4'])
        self.assertEqual(result['errors'], [])
        self.assertTrue(result['valid'])
        self.assertEqual(result['family'], 'AM3051DP')
        self.assertEqual(result['model_code'], 'AM3051CD5A21A1-S5/B4/M5')
        # 3800 + range 300 + S5 1100 + B4 180 + M5 350
        self.assertEqual(result['price'], D('5730.00'))
        self.assertIsInstance(result['price'], Decimal)
        # The longest extra lead time (S5: 5 days), not the sum
        self.assertEqual(result['lead_days'], 5)
        self.assertEqual(result['extras'], ['B4', 'M5'])
        self.assertTrue(result['spec'].startswith("共平面结构; 差压测量"))
        self.assertTrue(result['spec'].endswith(
                "集成 316 不锈钢三阀组; B4 不锈钢安装支架; M5 LCD 显示表头"))

    def test_case_and_spaces(self):
        "Codes and position codes compare case-insensitively"
        selections = {k.upper(): f' {v.lower()} '
            for k, v in self.DP_VALID.items()}
        result = self.dp.configure(selections, [' m5'])
        self.assertTrue(result['valid'], result['errors'])
        self.assertEqual(result['model_code'], 'AM3051CD2A21A1/M5')
        self.assertEqual(result['selections'], self.DP_VALID)

    def test_empty_code(self):
        "The single element writes nothing, the duplex one 2"
        single = self.tc.configure(self.TC_VALID)
        self.assertTrue(single['valid'], single['errors'])
        self.assertEqual(single['model_code'], 'WRN-230-500')
        self.assertEqual(single['selections']['elements'], '')
        self.assertEqual(single['price'], D('370.00'))
        duplex = self.tc.configure(dict(self.TC_VALID, elements='2'))
        self.assertEqual(duplex['model_code'], 'WRN2-230-500')
        self.assertEqual(duplex['price'], D('490.00'))

    def test_optional_position(self):
        "An optional position not chosen writes nothing, not its prefix"
        for value in [None, '']:
            result = self.tc.configure(dict(self.TC_VALID, material=value))
            self.assertTrue(result['valid'], result['errors'])
            self.assertEqual(result['model_code'], 'WRN-230-500')
            self.assertNotIn('material', result['selections'])
        result = self.tc.configure(dict(self.TC_VALID, material='316l'))
        self.assertEqual(result['model_code'], 'WRN-230-500-316L')

    def test_no_choice_no_lead_time(self):
        result = self.tc.configure(self.TC_VALID, [])
        self.assertEqual(result['lead_days'], 0)
        self.assertEqual(result['extras'], [])

    def test_unknown_option(self):
        result = self.dp.configure(dict(self.DP_VALID, range='9'))
        self.assertFalse(result['valid'])
        self.assertEqual(keys(result), ['unknown_option'])
        error = result['errors'][0]
        self.assertEqual((error['position'], error['code']), ('range', '9'))
        self.assertEqual(error['params'], {'position': "量程", 'code': '9'})
        self.assertEqual(error['message'], '量程 has no option "9".')
        self.assertIsNone(result['model_code'])
        self.assertIsNone(result['price'])

    def test_unknown_position(self):
        result = self.dp.configure(dict(self.DP_VALID, colour='red'))
        self.assertEqual(keys(result), ['unknown_position'])
        self.assertEqual(result['errors'][0]['position'], 'colour')
        self.assertIsNone(result['model_code'])

    def test_missing_position(self):
        "Each missing required position is an error; the code so far"
        selections = dict(self.DP_VALID)
        del selections['range'], selections['fill']
        result = self.dp.configure(selections)
        self.assertFalse(result['valid'])
        self.assertEqual(keys(result), ['missing_position'] * 2)
        self.assertEqual([e['position'] for e in result['errors']],
            ['range', 'fill'])
        self.assertEqual(result['errors'][0]['message'], "量程 is required.")
        self.assertEqual(result['model_code'], 'AM3051CDA2A1')

    def test_garbage(self):
        "Bad types never raise: one error per problem"
        for selections in [None, 42, ['C', 'D'], 'CD2']:
            result = self.dp.configure(selections)
            self.assertFalse(result['valid'])
            self.assertIn('bad_selections', keys(result))
            self.assertIsNone(result['model_code'])
        result = self.dp.configure(dict(self.DP_VALID, range=2, fill=['1']))
        self.assertEqual(keys(result), ['bad_option', 'bad_option'])
        result = self.dp.configure({1: 'C', None: 'D'})
        self.assertEqual(keys(result).count('unknown_position'), 2)
        result = self.dp.configure(self.DP_VALID, 'B4')
        self.assertEqual(keys(result), ['bad_extras'])
        result = self.dp.configure(self.DP_VALID, [None, 4, 'B4'])
        self.assertEqual(keys(result), ['bad_extra', 'bad_extra'])
        self.assertIsNone(result['model_code'])

    def test_extras_errors(self):
        result = self.dp.configure(self.DP_VALID, ['B4', 'ZZ', 'b4', 'B4'])
        self.assertEqual(keys(result), ['unknown_extra', 'repeated_extra'])
        self.assertEqual(result['errors'][1]['code'], 'B4')
        self.assertIsNone(result['model_code'])
        result = self.dp.configure(self.DP_VALID, ['M5', 'M5'])
        self.assertEqual(keys(result), ['repeated_extra'])
        # A repeated extra is known: the code is written, once
        self.assertEqual(result['model_code'], 'AM3051CD2A21A1/M5')
        self.assertFalse(result['valid'])

    def test_extras_without_extras(self):
        data = family_dict([('type', ['1'], True, '')])
        family = engine.Family.from_dict(data)
        result = family.configure({'type': '1'}, ['B4'])
        self.assertEqual(keys(result), ['unknown_extra'])

    def test_rules(self):
        "A broken rule: its own message, its position and option"
        result = self.dp.configure(dict(self.DP_VALID, construction='T'))
        self.assertFalse(result['valid'])
        self.assertEqual(result['errors'], [{
                    'position': 'type', 'code': 'D',
                    'message': "直连型结构不能测量差压，请选择表压或绝压",
                    'key': 'rule',
                    'params': {'rule': 'R1', 'message':
                        "直连型结构不能测量差压，请选择表压或绝压"},
                    }])
        # Selections and price are still given
        self.assertEqual(result['model_code'], 'AM3051TD2A21A1')
        self.assertEqual(result['price'], D('4000.00'))

    def test_rule_requires(self):
        result = self.dp.configure(dict(self.DP_VALID, diaphragm='5',
                fill='2'))
        self.assertEqual([e['params']['rule'] for e in result['errors']],
            ['R3'])
        self.assertIsNone(result['errors'][0]['code'])
        result = self.dp.configure(dict(self.DP_VALID, diaphragm='5'))
        self.assertTrue(result['valid'])

    def test_rule_requires_optional_not_chosen(self):
        "A requirement on an optional position not chosen is broken"
        result = self.tc.configure(dict(self.TC_VALID, graduation='P'))
        self.assertEqual([e['params']['rule'] for e in result['errors']],
            ['T1'])
        self.assertEqual(result['errors'][0]['position'], 'material')
        result = self.tc.configure(
            dict(self.TC_VALID, graduation='P', material='CR'))
        self.assertTrue(result['valid'], result['errors'])

    def test_rules_on_extras(self):
        result = self.dp.configure(
            dict(self.DP_VALID, output='F'), ['C6', 'E8', 'I1'])
        self.assertEqual([e['params']['rule'] for e in result['errors']],
            ['R5', 'R6'])
        self.assertEqual([e['code'] for e in result['errors']], ['C6', 'I1'])
        result = self.dp.configure(dict(self.DP_VALID, construction='L'))
        self.assertEqual([e['params']['rule'] for e in result['errors']],
            ['R7'])
        result = self.dp.configure(
            dict(self.DP_VALID, construction='L'), ['B4'])
        self.assertTrue(result['valid'])

    def test_rule_on_empty_code(self):
        "T3 names the empty code: the transmitter needs a single element"
        result = self.tc.configure(dict(self.TC_VALID, elements='2'), ['F'])
        self.assertEqual([e['params']['rule'] for e in result['errors']],
            ['T3'])
        result = self.tc.configure(self.TC_VALID, ['F'])
        self.assertTrue(result['valid'], result['errors'])

    def test_several_errors(self):
        "One error per problem"
        result = self.dp.configure({'construction': 'T', 'type': 'D',
                'range': 'X', 'colour': 'red'}, ['B4', 'B4', 7])
        self.assertEqual(sorted(keys(result)), sorted([
                    'unknown_option', 'unknown_position', 'bad_extra',
                    'repeated_extra', 'rule'] + ['missing_position'] * 5))

    def test_translator(self):
        "Messages come from the translator; the rules' own never do"
        def translate(key, **params):
            return f'[{key}] ' + ','.join(sorted(params))
        family = engine.Family.from_dict(
            families.differential_pressure(), translate=translate)
        result = family.configure({'construction': 'T', 'type': 'D'})
        messages = [e['message'] for e in result['errors']]
        self.assertIn('[missing_position] position', messages)
        self.assertIn("直连型结构不能测量差压，请选择表压或绝压", messages)


class ParseTest(EngineTestCase):

    def test_valid(self):
        result = self.dp.parse('AM3051CD2A21A1-S5/B4/M5')
        self.assertTrue(result['valid'], result['errors'])
        self.assertEqual(result['family'], 'AM3051DP')
        self.assertEqual(result['selections'],
            dict(self.DP_VALID, manifold='S5'))
        self.assertEqual(result['extras'], ['B4', 'M5'])
        self.assertEqual(result['model_code'], 'AM3051CD2A21A1-S5/B4/M5')
        self.assertEqual(result['price'], D('5430.00'))
        self.assertEqual(result['lead_days'], 5)

    def test_parse_configure_agree(self):
        "parse reads back what configure writes, with the same answer"
        rng = random.Random(7)
        for family in [self.dp, self.tc]:
            for _ in range(300):
                selections = {}
                for position in family.positions:
                    codes = [o.code for o in position.options]
                    if not position.required:
                        codes.append(None)
                    selections[position.code] = rng.choice(codes)
                extras = rng.sample([o.code for o in family.extras.options],
                    rng.randint(0, len(family.extras.options)))
                configured = family.configure(selections, extras)
                parsed = family.parse(configured['model_code'])
                for key in ['valid', 'selections', 'extras', 'model_code',
                        'price', 'spec', 'lead_days', 'errors']:
                    self.assertEqual(parsed[key], configured[key],
                        (key, configured['model_code']))

    def test_case_and_spaces(self):
        "Case-insensitive; surrounding and inner spaces removed"
        result = self.dp.parse('  am3051 cd2a 21a1 -s5 / m5 ')
        self.assertTrue(result['valid'], result['errors'])
        self.assertEqual(result['model_code'], 'AM3051CD2A21A1-S5/M5')

    def test_empty_code(self):
        single = self.tc.parse('WRN-230-500')
        self.assertTrue(single['valid'], single['errors'])
        self.assertEqual(single['selections'], self.TC_VALID)
        duplex = self.tc.parse('wrn2-230-500')
        self.assertEqual(duplex['selections']['elements'], '2')
        self.assertEqual(duplex['model_code'], 'WRN2-230-500')

    def test_optional_positions(self):
        "An optional position read or skipped, its prefix with it"
        result = self.tc.parse('WRN-230-500-316L')
        self.assertEqual(result['selections']['material'], '316L')
        result = self.tc.parse('WRN-230-1000-GH3030')
        self.assertEqual(result['selections']['length'], '1000')
        self.assertEqual(result['selections']['material'], 'GH3030')
        result = self.tc.parse('WRN-230-1000')
        self.assertNotIn('material', result['selections'])

    def test_extras_any_order(self):
        "Customers reorder the extras: the template's order comes back"
        result = self.dp.parse('AM3051CD2A21A1/M5/Q4/B4')
        self.assertTrue(result['valid'], result['errors'])
        self.assertEqual(result['extras'], ['B4', 'M5', 'Q4'])
        self.assertEqual(result['model_code'], 'AM3051CD2A21A1/B4/M5/Q4')
        self.assertEqual(result['lead_days'], 3)

    def test_repeated_extra(self):
        result = self.dp.parse('AM3051CD2A21A1/M5/B4/M5')
        self.assertFalse(result['valid'])
        self.assertEqual(keys(result), ['repeated_extra'])
        self.assertEqual(result['errors'][0]['code'], 'M5')
        self.assertEqual(result['extras'], ['B4', 'M5'])
        self.assertEqual(result['model_code'], 'AM3051CD2A21A1/B4/M5')

    def test_rule_broken(self):
        "A complete reading that breaks rules: invalid, still read"
        result = self.dp.parse('AM3051TD2A21A1')
        self.assertFalse(result['valid'])
        self.assertEqual(keys(result), ['rule'])
        self.assertEqual(result['selections']['construction'], 'T')
        self.assertEqual(result['price'], D('4000.00'))

    def test_garbage(self):
        for code, key in [(None, 'bad_code'), (42, 'bad_code'),
                (['WR'], 'bad_code'), ('', 'empty_code'),
                ('   ', 'empty_code'), ('###', 'wrong_base_code'),
                ('AM3051CD2A21A1' + '/B4' * 10000, 'code_too_long')]:
            result = self.dp.parse(code)
            self.assertFalse(result['valid'])
            self.assertEqual(keys(result), [key], code)
            self.assertIsNone(result['model_code'])
            self.assertIsNone(result['price'])

    def test_unreadable(self):
        "The first position it cannot read, with the text left there"
        result = self.dp.parse('AM3051CD9A21A1')
        self.assertEqual(keys(result), ['unreadable'])
        error = result['errors'][0]
        self.assertEqual(error['position'], 'range')
        self.assertEqual(error['params'], {'position': "量程",
                'text': '9A21A1'})
        # The single element reads nothing: the fixing cannot read "-9"
        result = self.tc.parse('WRN-930-500')
        self.assertEqual(result['errors'][0]['position'], 'fixing')
        self.assertEqual(result['errors'][0]['params']['text'], '-930-500')
        # The customer's case is kept in the text left
        result = self.dp.parse('AM3051CD2A21A1/Zz')
        self.assertEqual(result['errors'][0]['position'], 'extras')
        self.assertEqual(result['errors'][0]['params']['text'], '/Zz')

    def test_too_short(self):
        result = self.tc.parse('WRN-23')
        self.assertEqual(keys(result), ['code_too_short'])
        self.assertEqual(result['errors'][0]['position'], 'diameter')

    def test_trailing_text(self):
        family = engine.Family.from_dict(family_dict(
                [('type', ['1', '2'], True, '')]))
        result = family.parse('WR1X')
        self.assertEqual(keys(result), ['trailing_text'])
        self.assertEqual(result['errors'][0]['params']['text'], 'X')

    def test_ambiguous(self):
        "Several complete readings: one error listing them"
        family = engine.Family.from_dict(family_dict([
                    ('type', ['1', '12'], True, ''),
                    ('range', ['23', '3'], True, '')]))
        result = family.parse('WR123')
        self.assertFalse(result['valid'])
        self.assertEqual(keys(result), ['ambiguous_code'])
        readings = result['errors'][0]['params']['readings'].split('; ')
        self.assertEqual(sorted(readings),
            ['type=1, range=23', 'type=12, range=3'])
        self.assertIsNone(result['model_code'])

    def test_inner_spaces_kept_when_codes_have_some(self):
        family = engine.Family.from_dict(family_dict([
                    ('type', ['A B', 'A'], True, ''),
                    ('size', ['B', 'C'], True, '')]))
        self.assertEqual(family.parse('WRA BC')['selections'],
            {'type': 'A B', 'size': 'C'})
        self.assertEqual(family.parse('WRAB')['selections'],
            {'type': 'A', 'size': 'B'})
        self.assertEqual(keys(family.parse('WRA  BC')), ['unreadable'])


class ParseFamiliesTest(EngineTestCase):

    def setUp(self):
        # WRN: a family whose base code starts as the thermocouple's
        data = family_dict([('kind', ['K', 'E'], True, '-')],
            base_code='WRN')
        data['code'] = 'WRN-SIMPLE'
        self.simple = engine.Family.from_dict(data)
        self.all = [self.dp, self.tc, self.simple]

    def test_family_found(self):
        result = engine.parse(self.all, 'AM3051CD2A21A1')
        self.assertEqual(result['family'], 'AM3051DP')
        self.assertTrue(result['valid'])

    def test_shared_base_prefixes(self):
        "Each family whose base code prefixes the code is tried"
        result = engine.parse(self.all, 'WRN-230-500')
        self.assertEqual(result['family'], 'WR-TC')
        self.assertTrue(result['valid'], result['errors'])
        result = engine.parse(self.all, 'wrn-e')
        self.assertEqual(result['family'], 'WRN-SIMPLE')
        self.assertEqual(result['model_code'], 'WRN-E')

    def test_unreadable_in_every_family(self):
        "The error of the family whose reading went furthest"
        result = engine.parse(self.all, 'WRN-230-5')
        self.assertEqual(result['family'], 'WR-TC')
        self.assertEqual(keys(result), ['unreadable'])
        self.assertEqual(result['errors'][0]['position'], 'length')

    def test_unknown_family(self):
        for code in ['XYZ123', 'W']:
            result = engine.parse(self.all, code)
            self.assertEqual(keys(result), ['unknown_family'])
            self.assertIsNone(result['errors'][0]['position'])
            self.assertIsNone(result['family'])
        self.assertEqual(keys(engine.parse([], 'WR')), ['unknown_family'])
        self.assertEqual(keys(engine.parse(self.all, None)), ['bad_code'])
        result = engine.unknown_family('ZZ')
        self.assertEqual(keys(result), ['unknown_family'])
        self.assertEqual(result['errors'][0]['params'], {'code': 'ZZ'})

    def test_ambiguous_families(self):
        "A code that two families read completely"
        data = family_dict([('kind', ['-K'], True, '')], base_code='WRN')
        data['code'] = 'WRN-OTHER'
        other = engine.Family.from_dict(data)
        result = engine.parse(self.all + [other], 'WRN-K')
        self.assertEqual(keys(result), ['ambiguous_family'])
        self.assertEqual(result['errors'][0]['params']['families'],
            'WRN-SIMPLE, WRN-OTHER')

    def test_translator(self):
        result = engine.parse(self.all, 'XYZ',
            translate=lambda key, **params: key.upper())
        self.assertEqual(result['errors'][0]['message'], 'UNKNOWN_FAMILY')


class OptionStatesTest(EngineTestCase):

    def test_no_choice(self):
        "Nothing chosen: nothing forbidden, every position listed"
        states = self.dp.option_states({}, [])
        self.assertEqual(list(states), [p.code for p in self.dp.positions]
            + ['extras'])
        self.assertTrue(all(v is None for s in states.values()
                for v in s.values()))
        self.assertEqual(list(states['extras']),
            ['B4', 'M5', 'D4', 'C6', 'Q4', 'E8', 'I1', 'T1'])

    def test_forbidden_by_other_choices(self):
        states = self.dp.option_states(
            {'construction': 'T', 'output': 'F'}, ['E8'])
        self.assertEqual(states['type'], {
                'D': "直连型结构不能测量差压，请选择表压或绝压",
                'G': None, 'A': None})
        self.assertEqual(states['extras']['C6'],
            "现场总线输出不能选 C6 报警值定制")
        self.assertEqual(states['extras']['I1'], "隔爆和本安认证只能选其一")
        self.assertIsNone(states['extras']['E8'])

    def test_if_side(self):
        "An option whose choice would break a rule with the others"
        states = self.dp.option_states({'type': 'D'}, ['I1'])
        self.assertEqual(states['construction']['T'],
            "直连型结构不能测量差压，请选择表压或绝压")
        self.assertEqual(states['extras']['E8'], "隔爆和本安认证只能选其一")
        states = self.dp.option_states({'output': 'A'}, ['C6'])
        self.assertEqual(states['output']['F'],
            "现场总线输出不能选 C6 报警值定制")
        self.assertIsNone(states['output']['A'])

    def test_current_choice_in_conflict(self):
        "The chosen option itself shows the rule it breaks"
        states = self.dp.option_states(
            {'construction': 'T', 'type': 'D'}, [])
        self.assertIsNotNone(states['type']['D'])
        self.assertIsNotNone(states['construction']['T'])
        self.assertIsNone(states['construction']['C'])

    def test_requires(self):
        "A requirement forbids what breaks it, not what may still meet it"
        states = self.dp.option_states({'diaphragm': '5'}, [])
        self.assertEqual(states['fill'],
            {'1': None, '2': "钽膜片只能配硅油灌充液"})
        # Fill not chosen yet: tantalum stays allowed
        self.assertIsNone(self.dp.option_states({}, [])['diaphragm']['5'])
        states = self.dp.option_states({'fill': '2'}, [])
        self.assertEqual(states['diaphragm']['5'], "钽膜片只能配硅油灌充液")
        # A requirement on the extras: another extra may still meet it
        states = self.dp.option_states({'construction': 'L'}, [])
        self.assertTrue(all(v is None for v in states['extras'].values()))
        self.assertIsNone(states['construction']['L'])

    def test_empty_code(self):
        states = self.tc.option_states({'elements': '2'}, [])
        self.assertEqual(states['extras']['F'],
            "一体化变送器只能配单支热电偶")
        states = self.tc.option_states({}, ['F'])
        self.assertEqual(states['elements'],
            {'': None, '2': "一体化变送器只能配单支热电偶"})

    def test_garbage_ignored(self):
        states = self.dp.option_states(None, 'B4')
        self.assertEqual(len(states), len(self.dp.positions) + 1)
        states = self.dp.option_states({'type': 42, 'x': 'y'}, [None, 'E8'])
        self.assertIsNotNone(states['extras']['I1'])


class RuleKindTest(EngineTestCase):

    def test_registry(self):
        self.assertEqual(sorted(engine.RULE_KINDS), ['excludes', 'requires'])

    def test_new_kind_is_one_class(self):
        "A kind registered as one class is read, checked and applied"
        @engine.rule_kind
        class Bans(engine.ChoiceRule):
            "If P is one of A, nothing may be chosen in Q"
            kind = 'test_bans'

            def then_broken(self, choice):
                return not choice.is_open(self.then_slot) or bool(
                    self.then_slot == engine.EXTRAS_SLOT and choice.extras)

            then_settled = then_broken

            def option_conflicts(self, slot, option):
                return True
        self.addCleanup(engine.RULE_KINDS.pop, 'test_bans')
        data = families.thermocouple()
        data['rules'] = [rule('B1', 'test_bans', ('box', ['4']),
                ('material', []), "防爆型不选保护管材质")]
        family = engine.Family.from_dict(data)
        self.assertEqual(family.to_dict()['rules'], data['rules'])
        result = family.configure(
            dict(self.TC_VALID, box='4', material='304'))
        self.assertEqual(keys(result), ['rule'])
        result = family.configure(dict(self.TC_VALID, box='4'))
        self.assertTrue(result['valid'])
        states = family.option_states(dict(self.TC_VALID, box='4'))
        self.assertEqual(set(states['material'].values()),
            {"防爆型不选保护管材质"})

    def test_unknown_kind(self):
        "An unknown kind is kept as written, reported by check, inert"
        data = families.thermocouple()
        data['rules'].append({'id': 'X1', 'kind': 'range',
                'position': 'length', 'min': 300, 'message': "范围"})
        family = engine.Family.from_dict(data)
        self.assertEqual(family.to_dict(), data)
        self.assertEqual([e['key'] for e in family.check()],
            ['unknown_rule_kind'])
        self.assertTrue(family.configure(self.TC_VALID)['valid'])


class CheckTest(unittest.TestCase):

    def check(self, data):
        return engine.Family.from_dict(data).check()

    def test_each_error(self):
        data = family_dict([
                ('type', ['1', 'a', 'A'], True, ''),
                ('Type', ['2'], True, '-'),
                ('extras', ['3'], True, '-'),
                ('empty', [], True, '/'),
                ], extras=('', '/', ['B4', 'b4']), rules=[
                rule('R1', 'excludes', ('type', ['1']), ('nowhere', ['1'])),
                rule('R1', 'requires', ('type', ['9']), ('extras', ['B4']),
                    message=''),
                rule('R3', 'excludes', ('type', []), ('extras', ['B4'])),
                {'id': 'R4', 'kind': 'maybe'},
                ], base_code='')
        errors = self.check(data)
        self.assertEqual(sorted(e['key'] for e in errors), sorted([
                    'missing_base_code', 'duplicate_option',
                    'duplicate_position', 'reserved_position',
                    'position_without_options', 'duplicate_extra',
                    'rule_unknown_position', 'duplicate_rule',
                    'rule_without_message', 'rule_unknown_option',
                    'rule_without_options', 'unknown_rule_kind']))
        found = {e['key']: e for e in errors}
        self.assertEqual(found['duplicate_option']['code'], 'A')
        self.assertEqual(found['duplicate_option']['position'], 'type')
        self.assertEqual(found['rule_unknown_option']['params'],
            {'rule': 'R1', 'code': '9', 'position': "位置 type"})
        self.assertEqual(found['duplicate_extra']['code'], 'b4')

    def test_ambiguous_example(self):
        "The brief's example, with its witness"
        errors = self.check(family_dict([
                    ('type', ['1', '12'], True, ''),
                    ('range', ['23', '3'], True, '')]))
        self.assertEqual(len(errors), 1)
        params = errors[0]['params']
        self.assertEqual(errors[0]['key'], 'ambiguous_format')
        self.assertEqual(params['code'], 'WR123')
        self.assertEqual({params['first'], params['second']},
            {'type=1, range=23', 'type=12, range=3'})

    def test_ambiguous_optional_empty_code(self):
        "Not chosen and chosen with the empty code print the same"
        errors = self.check(family_dict([
                    ('type', ['1'], True, ''),
                    ('elements', ['', '2'], False, '')]))
        self.assertEqual([e['key'] for e in errors], ['ambiguous_format'])
        self.assertEqual({errors[0]['params']['first'],
                errors[0]['params']['second']},
            {'type=1', 'type=1, elements=""'})
        # With a prefix the chosen empty code writes it: unambiguous
        self.assertEqual(self.check(family_dict([
                        ('type', ['1'], True, ''),
                        ('elements', ['', '2'], False, '-')])), [])

    def test_ambiguous_case(self):
        "Codes differing in case only print the same code"
        errors = self.check(family_dict([
                    ('a', ['x', ''], True, ''),
                    ('b', ['Xy', 'y'], True, '')]))
        self.assertEqual([e['key'] for e in errors], ['ambiguous_format'])
        self.assertEqual(errors[0]['params']['code'].lower(), 'wrxy')

    def test_ambiguous_extras(self):
        "Extras in template order: B+4 prints as B4"
        errors = self.check(family_dict([('type', ['1'], True, '')],
                extras=('', '', ['B', '4', 'B4'])))
        self.assertEqual([e['key'] for e in errors], ['ambiguous_format'])
        self.assertEqual({errors[0]['params']['first'],
                errors[0]['params']['second']},
            {'type=1, extras=B 4', 'type=1, extras=B4'})
        # An option prefix keeps them apart
        self.assertEqual(self.check(family_dict([('type', ['1'], True, '')],
                    extras=('', '/', ['B', '4', 'B4']))), [])

    def test_ambiguous_extras_prefix(self):
        "The extras' block prefix is written only before an extra"
        # An extra printing nothing behind a prefix: "-" is that extra
        family = engine.Family.from_dict(family_dict(
                [('type', ['1'], True, '')], extras=('-', '', [''])))
        self.assertEqual(family.check(), [])
        self.assertEqual(family.parse('WR1-')['extras'], [''])
        self.assertEqual(family.parse('WR1')['extras'], [])
        # Without a prefix it is the same as no extra
        errors = self.check(family_dict([('type', ['1'], True, '')],
                extras=('', '', [''])))
        self.assertEqual([e['key'] for e in errors], ['ambiguous_format'])
        self.assertEqual({errors[0]['params']['first'],
                errors[0]['params']['second']},
            {'type=1', 'type=1, extras=""'})
        # With another extra, it may be added unseen
        errors = self.check(family_dict([('type', ['1'], True, '')],
                extras=('-', '', ['', 'B'])))
        self.assertEqual(errors[0]['params']['code'], 'WR1-B')

    def test_checker_against_brute_force(self):
        """On many small random families the checker finds an ambiguity
        iff enumerating every choice finds two printing the same code;
        its witness prints the same code; parse reads every code of an
        unambiguous family back as itself"""
        rng = random.Random(20260601)
        codes = ['', '1', '2', '12', '21', 'a', 'A1', '11']
        prefixes = ['', '', '-', '1']
        outcomes = {True: 0, False: 0}
        for _ in range(600):
            positions = [(f'p{i}', rng.sample(codes, rng.randint(1, 3)),
                    rng.random() < 0.6, rng.choice(prefixes))
                for i in range(rng.randint(1, 3))]
            extras = None
            if rng.random() < 0.6:
                extras = (rng.choice(prefixes), rng.choice(['', '/', '1']),
                    rng.sample(codes, rng.randint(1, 3)))
            family = engine.Family.from_dict(family_dict(positions, extras))
            if any(o.key in {'a1'} and o.code != 'A1'
                    for p in family.positions for o in p.options):
                continue
            printed = {}
            collision = False
            for chosen, chosen_extras in _choices(family):
                code = family._print(chosen, chosen_extras).lower()
                collision |= code in printed
                printed[code] = True
            witness = engine.find_ambiguity(family)
            self.assertEqual(witness is not None, collision,
                family.to_dict())
            outcomes[collision] += 1
            if witness is not None:
                first, second = witness
                self.assertNotEqual(first, (second[0], second[1]))
                self.assertEqual(family._print(*first).lower(),
                    family._print(*second).lower())
                continue
            for chosen, chosen_extras in _choices(family):
                code = family._print(chosen, chosen_extras)
                self.assertEqual(family.parse(code)['model_code'], code)
        # Both outcomes are well represented
        self.assertGreater(outcomes[True], 100)
        self.assertGreater(outcomes[False], 100)

    def test_big_family(self):
        "15 positions of 10 options and 20 extras: checked exactly"
        positions = []
        for i in range(15):
            codes = [f'{chr(65 + i)}{d}' for d in range(10)]
            if i % 3 == 0:
                codes[0] = ''
            positions.append((f'p{i}', codes, i % 3 != 1,
                '-' if i % 3 == 1 else ''))
        extras = ('', '/', [f'X{i}' for i in range(20)])
        family = engine.Family.from_dict(family_dict(positions, extras))
        self.assertEqual(family.check(), [])
        # A clash deep inside: the optional p13 and p14 both print N1
        positions[13] = ('p13', ['N1', 'N2'], False, '')
        positions[14] = ('p14', ['N1', 'O1'], False, '')
        family = engine.Family.from_dict(family_dict(positions, extras))
        errors = family.check()
        self.assertEqual([e['key'] for e in errors], ['ambiguous_format'])
        params = errors[0]['params']
        self.assertEqual({params['first'].split(', ')[-1],
                params['second'].split(', ')[-1]}, {'p13=N1', 'p14=N1'})


def _choices(family):
    "Every choice (chosen, extras) of a small family"
    per_position = [list(range(len(p.options)))
        + ([None] if not p.required else []) for p in family.positions]
    count = len(family.extras.options)
    for chosen in itertools.product(*per_position):
        for size in range(count + 1):
            for extras in itertools.combinations(range(count), size):
                yield list(chosen), frozenset(extras)


class FormatTest(unittest.TestCase):

    def errors(self, data):
        with self.assertRaises(engine.FormatError) as context:
            engine.Family.from_dict(data)
        return context.exception.errors

    def test_round_trip(self):
        for data in families.all_families():
            family = engine.Family.from_dict(data)
            self.assertEqual(family.to_dict(), data)
            self.assertEqual(
                engine.Family.from_dict(family.to_dict()).to_dict(), data)
            self.assertEqual(list(family.to_dict()), list(data))

    def test_normalised(self):
        "Optional fields get their defaults; prices keep their form"
        family = engine.Family.from_dict({
                'code': 'F', 'name': "族", 'base_code': 'F',
                'base_price': '1200.00',
                'positions': [{'code': 'p', 'name': "位置", 'options': [
                            {'code': '02', 'name': "零二", 'price': 5}]}]})
        data = family.to_dict()
        self.assertEqual(data['base_price'], '1200.00')
        self.assertEqual(data['currency'], 'CNY')
        self.assertEqual(data['extra_options'], {'name': '', 'prefix': '',
                'option_prefix': '', 'options': []})
        self.assertEqual(data['positions'][0]['required'], True)
        self.assertEqual(data['positions'][0]['options'][0], {
                'code': '02', 'name': "零二", 'name_en': '', 'spec': '',
                'price': '5', 'lead_days': 0})
        self.assertEqual(family.base_price, D('1200.00'))

    def test_not_a_mapping(self):
        for data in [None, [], 'x', 42]:
            errors = self.errors(data)
            self.assertEqual([e['key'] for e in errors], ['format_mapping'])

    def test_located_errors(self):
        "Every error of the structure, each located"
        data = families.thermocouple()
        del data['name']
        data['base_price'] = 12.5
        data['positions'][1]['options'][1]['price'] = 'abc'
        data['positions'][1]['options'][0]['lead_days'] = -1
        data['positions'][2]['required'] = 'yes'
        data['positions'][3]['options'][0]['colour'] = 'red'
        data['positions'][4]['options'] = 'all'
        data['extra_options']['options'][0]['code'] = 7
        data['rules'][0]['if']['options'] = ['P', 3]
        data['rules'][1]['then'] = 'elements'
        data['rules'].append({'kind': 'excludes'})
        errors = self.errors(data)
        found = [(e['key'], e['family'], e['position'], e['option'],
                e['rule'], e['field']) for e in errors]
        self.assertEqual(found, [
                ('format_missing', 'WR-TC', None, None, None, 'name'),
                ('format_price', 'WR-TC', None, None, None, 'base_price'),
                ('format_days', 'WR-TC', 'elements', '#1', None,
                    'lead_days'),
                ('format_price', 'WR-TC', 'elements', '2', None, 'price'),
                ('format_boolean', 'WR-TC', 'fixing', None, None,
                    'required'),
                ('format_unknown_field', 'WR-TC', 'box', '#1', None,
                    'colour'),
                ('format_list', 'WR-TC', 'diameter', None, None,
                    'options'),
                ('format_text', 'WR-TC', 'extras', '#1', None, 'code'),
                ('format_text', 'WR-TC', None, None, 'T1', 'if.options'),
                ('format_mapping', 'WR-TC', None, None, 'T2', 'then'),
                ('format_missing', 'WR-TC', None, None, '#5', 'id'),
                ])
        self.assertIn("WR-TC / elements / 2: price must be a decimal",
            str(errors and engine.FormatError(errors)))

    def test_bad_values(self):
        base = {'code': 'F', 'name': "族", 'base_code': 'F',
            'base_price': '1', 'positions': []}
        for field, value, key in [
                ('base_price', 'NaN', 'format_price'),
                ('base_price', True, 'format_price'),
                ('base_price', None, 'format_price'),
                ('code', '', 'format_empty'),
                ('positions', {}, 'format_list'),
                ('rules', None, 'format_list'),
                ('name_en', 3, 'format_text')]:
            errors = self.errors(dict(base, **{field: value}))
            self.assertEqual([e['key'] for e in errors], [key], field)
        # Decimal and int prices are exact: accepted
        family = engine.Family.from_dict(dict(base, base_price=D('9.90')))
        self.assertEqual(family.to_dict()['base_price'], '9.90')


if __name__ == '__main__':
    unittest.main()
