# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The selection engine (选型): ordering tables and model codes, in pure
Python (no Tryton), for the configurator, the parser of customers' codes,
the check of a template and the imports.

A family (an ordering table) has a base code, ordered positions (each
required or optional, with a literal prefix and options whose code may be
empty), extra options (several may be chosen, written after the positions
in the order of the template) and rules between choices. Its model code
is the base code, then for each chosen position its prefix and option
code, then (when an extra is chosen) the extras' prefix and, for each
chosen extra in template order, the option prefix and its code.

Family.from_dict compiles a family dict (the exchange format, see
exchange.py) and raises FormatError for a wrong structure; Family.check
gives the semantic errors of the template, among them an ambiguous code
format (two choices printing the same code), found exactly by an
automaton. Family.configure, Family.parse, parse (over several families)
and Family.option_states never raise on bad input: every problem comes
back as an error dict {position, code, message, key, params}; message is
made by the translator given to the engine (translate(key, **params)),
by default the English text of MESSAGES.

Codes are compared case-insensitively. parse strips the surrounding
spaces of a code and, when no code, prefix or base code of the family
contains a space, removes the spaces inside it too (customers write
"WR N 2"); otherwise the inner spaces are part of the code.
"""
import itertools
from collections import deque
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

# The position code of the extra options in rules and option_states
EXTRAS = 'extras'
# Slot of the extra options in compiled rules (positions are 0 .. n-1)
EXTRAS_SLOT = -1
# The readings of a code that parse collects before it stops: enough to
# tell a unique reading from an ambiguous one and to list some of them
MAX_READINGS = 4
# The ways of splitting the text of the extras that parse considers
MAX_SPLITS = 16
# The default currency of a family
DEFAULT_CURRENCY = 'CNY'
# The longest model code parse reads: real ones are far shorter, and the
# reading recurses once per extra it reads
MAX_CODE_LENGTH = 255

MESSAGES = {
    # configure, parse
    'bad_code': "The model code must be a text, not %(value)s.",
    'empty_code': "The model code is empty.",
    'code_too_long': (
        "The model code is longer than %(size)s characters."),
    'unknown_family': 'No product family reads the code "%(code)s".',
    'ambiguous_family': (
        'The code "%(code)s" fits several families: %(families)s.'),
    'wrong_base_code': (
        'The code "%(code)s" does not start with the base code '
        '%(base_code)s of %(family)s.'),
    'bad_selections': (
        "The selections must map position codes to option codes, "
        "not %(value)s."),
    'unknown_position': 'The family %(family)s has no position "%(code)s".',
    'bad_option': (
        "The option of %(position)s must be a text, not %(value)s."),
    'unknown_option': '%(position)s has no option "%(code)s".',
    'missing_position': "%(position)s is required.",
    'bad_extras': (
        "The extra options must be a list of codes, not %(value)s."),
    'bad_extra': "An extra option must be a text, not %(value)s.",
    'unknown_extra': 'There is no extra option "%(code)s".',
    'repeated_extra': (
        "The extra option %(code)s is chosen more than once."),
    'unreadable': 'Cannot read %(position)s at "%(text)s".',
    'code_too_short': "The code ends before %(position)s.",
    'trailing_text': 'Unexpected text "%(text)s" at the end of the code.',
    'ambiguous_code': (
        'The code "%(code)s" can be read several ways: %(readings)s.'),
    'rule': "%(message)s",
    # check
    'missing_base_code': "The family %(family)s has no base code.",
    'duplicate_position': (
        'The position code "%(code)s" is used more than once.'),
    'reserved_position': (
        'The position code "%(code)s" is reserved for the extra options.'),
    'position_without_options': "%(position)s has no options.",
    'duplicate_option': (
        '%(position)s has the option code "%(code)s" more than once.'),
    'duplicate_extra': (
        'The extra option code "%(code)s" is used more than once.'),
    'duplicate_rule': 'The rule number "%(rule)s" is used more than once.',
    'unknown_rule_kind': 'Rule %(rule)s has the unknown kind "%(kind)s".',
    'rule_without_message': "Rule %(rule)s has no message.",
    'rule_unknown_position': (
        'Rule %(rule)s names the unknown position "%(code)s".'),
    'rule_unknown_option': (
        'Rule %(rule)s names the unknown option "%(code)s" of '
        '%(position)s.'),
    'rule_without_options': "Rule %(rule)s names no option of %(position)s.",
    'ambiguous_format': (
        'Two different choices print the same code %(code)s: '
        '%(first)s and %(second)s.'),
    # from_dict (FormatError)
    'format_missing': "The field %(field)s is missing.",
    'format_unknown_field': "Unknown field %(field)s.",
    'format_mapping': "%(field)s must be a mapping, not %(value)s.",
    'format_list': "%(field)s must be a list, not %(value)s.",
    'format_text': "%(field)s must be a text, not %(value)s.",
    'format_empty': "%(field)s must not be empty.",
    'format_boolean': "%(field)s must be true or false, not %(value)s.",
    'format_price': (
        "%(field)s must be a decimal number written as a text, "
        "not %(value)s."),
    'format_days': (
        "%(field)s must be a whole number of days (0 or more), "
        "not %(value)s."),
    }


def default_translate(key, **params):
    "The English text of a message (MESSAGES)"
    return MESSAGES[key] % params


def show(value, size=40):
    "A bad value as a message shows it: its repr, shortened"
    text = repr(value)
    return text if len(text) <= size else text[:size - 1] + '…'


def make_error(translate, key, params, position=None, code=None):
    """An error dict of configure, parse and check: position and code
    locate it (a position code, an option code), params are the named
    parameters of the message key"""
    return {
        'position': position,
        'code': code,
        'message': translate(key, **params),
        'key': key,
        'params': params,
        }


class FormatError(Exception):
    """A family dict (or an import) of a wrong structure: errors lists
    every problem, each located by its family, position, option, rule (and
    for the imports its sheet and row) with its field"""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__('\n'.join(
                format_location(e) + e['message'] for e in self.errors))


def format_location(error):
    "The location of a FormatError's error as a prefix of its message"
    parts = [str(error[k]) for k in (
            'sheet', 'row', 'column', 'family', 'position', 'option', 'rule')
        if error.get(k) not in (None, '')]
    return ' / '.join(parts) + ': ' if parts else ''


# The structure of family dicts

class _Structure:
    """Reads the fields of a family dict, collecting the located errors
    of its structure (all of them, for an import to list)"""

    def __init__(self, translate, errors=None, location=None):
        self.translate = translate
        self.errors = [] if errors is None else errors
        self.location = location or {
            'family': None, 'position': None, 'option': None, 'rule': None}

    def at(self, **location):
        "The same reader at a place inside the current one"
        return _Structure(
            self.translate, self.errors, {**self.location, **location})

    def error(self, key, field, **params):
        params = {'field': field, **params}
        self.errors.append({
                **self.location,
                'field': field,
                'message': self.translate(key, **params),
                'key': key,
                'params': params,
                })

    def mapping(self, data, field, known):
        "data as a mapping with only the known keys, or None"
        if not isinstance(data, Mapping):
            self.error('format_mapping', field, value=show(data))
            return None
        for key in data:
            if key not in known:
                self.error('format_unknown_field', str(key))
        return data

    def text(self, data, field, default=None, empty=True):
        "A text field; default None: required"
        if field not in data:
            if default is None:
                self.error('format_missing', field)
            return default or ''
        value = data[field]
        if not isinstance(value, str):
            self.error('format_text', field, value=show(value))
            return ''
        if not empty and not value.strip():
            self.error('format_empty', field)
        return value

    def boolean(self, data, field, default):
        value = data.get(field, default)
        if not isinstance(value, bool):
            self.error('format_boolean', field, value=show(value))
            return default
        return value

    def price(self, data, field, default=None):
        "A Decimal (from a text, an int or a Decimal; never a float)"
        if field not in data:
            if default is None:
                self.error('format_missing', field)
                return Decimal(0)
            return default
        value = data[field]
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            try:
                result = Decimal(value)
            except InvalidOperation:
                result = None
        else:
            result = None
        if result is None or not result.is_finite():
            self.error('format_price', field, value=show(value))
            return Decimal(0)
        return result

    def days(self, data, field):
        value = data.get(field, 0)
        if (not isinstance(value, int) or isinstance(value, bool)
                or value < 0):
            self.error('format_days', field, value=show(value))
            return 0
        return value

    def listing(self, data, field, default=None):
        "A list field; default None: required"
        if field not in data:
            if default is None:
                self.error('format_missing', field)
            return default or []
        value = data[field]
        if not isinstance(value, (list, tuple)):
            self.error('format_list', field, value=show(value))
            return []
        return value


# The compiled parts of a family

class Option:
    "An option of a position or an extra option"
    __slots__ = ('code', 'name', 'name_en', 'spec', 'price', 'lead_days',
        'key')
    FIELDS = ('code', 'name', 'name_en', 'spec', 'price', 'lead_days')

    def __init__(self, code, name, name_en='', spec='', price=Decimal(0),
            lead_days=0):
        self.code = code
        self.name = name
        self.name_en = name_en
        self.spec = spec
        self.price = price
        self.lead_days = lead_days
        # Codes compare case-insensitively
        self.key = code.lower()

    @classmethod
    def from_dict(cls, reader, data):
        data = reader.mapping(data, 'option', cls.FIELDS)
        if data is None:
            return None
        code = reader.text(data, 'code')
        # The empty code keeps the option's number as its location
        reader = reader.at(option=code or reader.location['option'])
        return cls(code,
            reader.text(data, 'name', empty=False),
            reader.text(data, 'name_en', default=''),
            reader.text(data, 'spec', default=''),
            reader.price(data, 'price', default=Decimal(0)),
            reader.days(data, 'lead_days'))

    def to_dict(self):
        return {
            'code': self.code,
            'name': self.name,
            'name_en': self.name_en,
            'spec': self.spec,
            'price': str(self.price),
            'lead_days': self.lead_days,
            }


class _Choices:
    """Options and the text they print, indexed for configure and parse:
    the base of Position and Extras"""
    __slots__ = ()

    def _index(self, prefix):
        # The first of duplicated codes wins (check reports them)
        self.index = {}
        self.tokens = {}
        for i, option in enumerate(self.options):
            self.index.setdefault(option.key, i)
            self.tokens.setdefault((prefix + option.code).lower(), i)
        self.lengths = sorted({len(t) for t in self.tokens}, reverse=True)

    @staticmethod
    def _read_options(reader, data):
        options = []
        for i, item in enumerate(reader.listing(data, 'options')):
            option = Option.from_dict(reader.at(option=f'#{i + 1}'), item)
            if option is not None:
                options.append(option)
        return tuple(options)


class Position(_Choices):
    "A position of the ordering table"
    __slots__ = ('code', 'name', 'name_en', 'required', 'prefix',
        'options', 'key', 'index', 'tokens', 'lengths')
    FIELDS = ('code', 'name', 'name_en', 'required', 'prefix', 'options')

    def __init__(self, code, name, options, name_en='', required=True,
            prefix=''):
        self.code = code
        self.name = name
        self.name_en = name_en
        self.required = required
        self.prefix = prefix
        self.options = tuple(options)
        self.key = code.lower()
        self._index(prefix)

    @property
    def label(self):
        "The position as messages name it"
        return self.name or self.code

    @classmethod
    def from_dict(cls, reader, data):
        data = reader.mapping(data, 'position', cls.FIELDS)
        if data is None:
            return None
        code = reader.text(data, 'code', empty=False)
        reader = reader.at(position=code or reader.location['position'])
        name = reader.text(data, 'name', empty=False)
        name_en = reader.text(data, 'name_en', default='')
        required = reader.boolean(data, 'required', True)
        prefix = reader.text(data, 'prefix', default='')
        options = cls._read_options(reader, data)
        return cls(code, name, options, name_en=name_en, required=required,
            prefix=prefix)

    def to_dict(self):
        return {
            'code': self.code,
            'name': self.name,
            'name_en': self.name_en,
            'required': self.required,
            'prefix': self.prefix,
            'options': [o.to_dict() for o in self.options],
            }


class Extras(_Choices):
    "The extra options (附加选项): several may be chosen"
    __slots__ = ('name', 'prefix', 'option_prefix', 'options', 'index',
        'tokens', 'lengths', 'silent')
    FIELDS = ('name', 'prefix', 'option_prefix', 'options')
    code = EXTRAS

    def __init__(self, options=(), name='', prefix='', option_prefix=''):
        self.name = name
        self.prefix = prefix
        self.option_prefix = option_prefix
        self.options = tuple(options)
        self._index(option_prefix)
        # An empty token would read forever: parse reads the extras that
        # print nothing apart (silent_choices)
        self.tokens.pop('', None)
        self.lengths = [n for n in self.lengths if n]
        self.silent = tuple(i for i, o in enumerate(self.options)
            if not option_prefix + o.code)

    def silent_choices(self):
        "The sets of the extras that print nothing, the empty set first"
        return itertools.islice(itertools.chain.from_iterable(
                itertools.combinations(self.silent, r)
                for r in range(len(self.silent) + 1)), MAX_READINGS + 1)

    @property
    def label(self):
        return self.name or EXTRAS

    @classmethod
    def from_dict(cls, reader, data):
        reader = reader.at(position=EXTRAS)
        data = reader.mapping(data, 'extra_options', cls.FIELDS)
        if data is None:
            return cls()
        return cls(cls._read_options(reader, data),
            name=reader.text(data, 'name', default=''),
            prefix=reader.text(data, 'prefix', default=''),
            option_prefix=reader.text(data, 'option_prefix', default=''))

    def to_dict(self):
        return {
            'name': self.name,
            'prefix': self.prefix,
            'option_prefix': self.option_prefix,
            'options': [o.to_dict() for o in self.options],
            }


class _Choice:
    """What is chosen, as the rules read it: the option index of each
    position (None: not chosen) and the set of the chosen extras' indexes"""
    __slots__ = ('chosen', 'extras')

    def __init__(self, chosen, extras):
        self.chosen = chosen
        self.extras = extras

    def is_in(self, slot, options):
        "Whether the choice of slot is one of options (any, for extras)"
        if slot == EXTRAS_SLOT:
            return not self.extras.isdisjoint(options)
        return self.chosen[slot] in options

    def is_open(self, slot):
        "Whether slot may still be chosen (a position not chosen, extras)"
        return slot == EXTRAS_SLOT or self.chosen[slot] is None


# The rules

RULE_KINDS = {}


def rule_kind(cls):
    "Register a rule class under its kind: a new kind is one class"
    RULE_KINDS[cls.kind] = cls
    return cls


class Rule:
    """A rule between choices. A kind is a subclass registered with
    rule_kind that reads its dict (from_dict), writes it back (to_dict),
    checks it against the family (check), says when a choice breaks it
    (broken) and which option the other choices forbid (forbids)."""
    kind = None

    def __init__(self, id, message):
        self.id = id
        self.message = message

    @classmethod
    def from_dict(cls, reader, data):
        "The rule of data (id and kind already read)"
        raise NotImplementedError

    def to_dict(self):
        raise NotImplementedError

    def compile(self, family):
        "Resolve the codes the rule names in family"

    def slots(self):
        "The slots whose options the rule may forbid (option_states)"
        return set()

    def check(self, family, translate):
        "The errors of the rule in family"
        errors = []
        if not self.message.strip():
            errors.append(make_error(translate, 'rule_without_message',
                    {'rule': self.id}))
        return errors

    def broken(self, choice):
        return False

    def forbids(self, choice, slot, option):
        """Whether choosing option in slot (already set in choice) breaks
        the rule given the other choices"""
        return False

    def error(self, family, choice, translate):
        "The error of a choice that breaks the rule: its own message"
        return {
            'position': None,
            'code': None,
            'message': self.message,
            'key': 'rule',
            'params': {'rule': self.id, 'message': self.message},
            }


class UnknownRule(Rule):
    "A rule of a kind the engine does not know: kept, reported by check"

    def __init__(self, data):
        super().__init__(data['id'], data.get('message', ''))
        self.data = data

    @property
    def kind(self):
        return self.data['kind']

    def to_dict(self):
        return _copy(self.data)

    def check(self, family, translate):
        return [make_error(translate, 'unknown_rule_kind',
                {'rule': self.id, 'kind': self.kind})]


def _copy(data):
    "A deep copy of JSON-like data"
    if isinstance(data, Mapping):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_copy(v) for v in data]
    return data


class ChoiceRule(Rule):
    """If position P is one of options A, position Q ... options B (the
    kind says what). The position extras stands for the chosen extras."""
    FIELDS = ('id', 'kind', 'if', 'then', 'message')

    def __init__(self, id, message, if_, then):
        super().__init__(id, message)
        # (position code, option codes) as written
        self.if_ = if_
        self.then = then
        self.if_slot = self.then_slot = None
        self.if_options = self.then_options = frozenset()

    @classmethod
    def from_dict(cls, reader, data):
        data = reader.mapping(data, 'rule', cls.FIELDS)
        if data is None:
            return None
        sides = []
        for field in ('if', 'then'):
            side = data.get(field)
            if side is None:
                reader.error('format_missing', field)
                sides.append(('', ()))
                continue
            side = reader.mapping(side, field, ('position', 'options'))
            if side is None:
                sides.append(('', ()))
                continue
            position = reader.text(side, 'position', empty=False)
            options = []
            for code in reader.listing(side, 'options'):
                if isinstance(code, str):
                    options.append(code)
                else:
                    reader.error('format_text', f'{field}.options',
                        value=show(code))
            sides.append((position, tuple(options)))
        message = reader.text(data, 'message', default='')
        return cls(data['id'], message, *sides)

    def to_dict(self):
        return {
            'id': self.id,
            'kind': self.kind,
            'if': {'position': self.if_[0], 'options': list(self.if_[1])},
            'then': {
                'position': self.then[0], 'options': list(self.then[1])},
            'message': self.message,
            }

    def compile(self, family):
        self.if_slot, self.if_options = family._resolve(*self.if_)
        self.then_slot, self.then_options = family._resolve(*self.then)

    @property
    def active(self):
        "Whether both positions are known (otherwise check reports it)"
        return self.if_slot is not None and self.then_slot is not None

    def slots(self):
        return {self.if_slot, self.then_slot} if self.active else set()

    def check(self, family, translate):
        errors = super().check(family, translate)
        for (code, options), slot in (
                (self.if_, self.if_slot), (self.then, self.then_slot)):
            if slot is None:
                errors.append(make_error(translate, 'rule_unknown_position',
                        {'rule': self.id, 'code': code}, position=code))
                continue
            choices = family._slot_choices(slot)
            if not options:
                errors.append(make_error(translate, 'rule_without_options',
                        {'rule': self.id, 'position': choices.label},
                        position=choices.code))
            for option in options:
                if option.lower() not in choices.index:
                    errors.append(make_error(translate,
                            'rule_unknown_option', {'rule': self.id,
                                'code': option, 'position': choices.label},
                            position=choices.code, code=option))
        return errors

    def holds(self, choice):
        return choice.is_in(self.if_slot, self.if_options)

    def broken(self, choice):
        return self.active and self.holds(choice) and self.then_broken(
            choice)

    def then_broken(self, choice):
        "Whether the then side breaks the rule (its if holds)"
        raise NotImplementedError

    def then_settled(self, choice):
        """Whether the then side breaks the rule for good: a position not
        chosen yet and the extras may still satisfy a requirement"""
        raise NotImplementedError

    def option_conflicts(self, slot, option):
        "Whether option, chosen in slot on the then side, breaks the rule"
        raise NotImplementedError

    def forbids(self, choice, slot, option):
        if not self.active:
            return False
        if slot == self.if_slot and option in self.if_options:
            if self.then_settled(choice):
                return True
        if slot == self.then_slot and self.holds(choice):
            return self.option_conflicts(slot, option)
        return False

    def error(self, family, choice, translate):
        error = super().error(family, choice, translate)
        error['position'] = family._slot_choices(self.then_slot).code
        error['code'] = self.offending_code(family, choice)
        return error

    def offending_code(self, family, choice):
        "The chosen option code that breaks the rule, if any"
        return None


@rule_kind
class Excludes(ChoiceRule):
    "If P is one of A, Q must not be one of B (排斥)"
    kind = 'excludes'

    def then_broken(self, choice):
        return choice.is_in(self.then_slot, self.then_options)

    then_settled = then_broken

    def option_conflicts(self, slot, option):
        return option in self.then_options

    def offending_code(self, family, choice):
        choices = family._slot_choices(self.then_slot)
        if self.then_slot == EXTRAS_SLOT:
            chosen = sorted(choice.extras & self.then_options)
        else:
            chosen = [choice.chosen[self.then_slot]]
        return choices.options[chosen[0]].code


@rule_kind
class Requires(ChoiceRule):
    "If P is one of A, Q must be one of B (需要)"
    kind = 'requires'

    def then_broken(self, choice):
        return not choice.is_in(self.then_slot, self.then_options)

    def then_settled(self, choice):
        return (not choice.is_open(self.then_slot)
            and self.then_broken(choice))

    def option_conflicts(self, slot, option):
        # Another extra never breaks a requirement on the extras
        return slot != EXTRAS_SLOT and option not in self.then_options


def _rule_from_dict(reader, data, index):
    reader = reader.at(rule=f'#{index + 1}')
    if not isinstance(data, Mapping):
        reader.error('format_mapping', 'rule', value=show(data))
        return None
    id_ = reader.text(data, 'id', empty=False)
    kind = reader.text(data, 'kind', empty=False)
    reader = reader.at(rule=id_ or f'#{index + 1}')
    if not id_ or not kind:
        return None
    cls = RULE_KINDS.get(kind)
    if cls is None:
        return UnknownRule(_copy(data))
    return cls.from_dict(reader, data)


# The family

class Family:
    """A compiled family (ordering table): immutable, with what configure
    and parse need precomputed. Build it with Family.from_dict."""
    FIELDS = ('code', 'name', 'name_en', 'base_code', 'base_price',
        'currency', 'positions', 'extra_options', 'rules')

    def __init__(self, code, name, base_code, base_price, positions,
            extras=None, rules=(), name_en='', currency=DEFAULT_CURRENCY,
            translate=None):
        self.code = code
        self.name = name
        self.name_en = name_en
        self.base_code = base_code
        self.base_price = base_price
        self.currency = currency
        self.positions = tuple(positions)
        self.extras = extras if extras is not None else Extras()
        self.rules = tuple(rules)
        self.translate = translate or default_translate
        self._position_index = {}
        for i, position in enumerate(self.positions):
            self._position_index.setdefault(position.key, i)
        self._base_key = base_code.lower()
        # The positions parse cannot pass without reading some text
        self._blocking = [p.required and '' not in p.tokens
            for p in self.positions]
        # Remove the customer's inner spaces unless a code has one
        texts = [base_code, self.extras.prefix, self.extras.option_prefix]
        texts += [o.code for o in self.extras.options]
        for position in self.positions:
            texts.append(position.prefix)
            texts += [o.code for o in position.options]
        self._squeeze = not any(t != ''.join(t.split()) for t in texts)
        self._rules_by_slot = {}
        for rule in self.rules:
            rule.compile(self)
            for slot in rule.slots():
                self._rules_by_slot.setdefault(slot, []).append(rule)

    def __repr__(self):
        return f'<Family {self.code}>'

    @classmethod
    def from_dict(cls, data, translate=None):
        """Compile the family dict data; raise FormatError listing every
        located error of its structure"""
        translate = translate or default_translate
        reader = _Structure(translate)
        data = reader.mapping(data, 'family', cls.FIELDS)
        if data is None:
            raise FormatError(reader.errors)
        code = reader.text(data, 'code', empty=False)
        reader = reader.at(family=code or None)
        name = reader.text(data, 'name', empty=False)
        name_en = reader.text(data, 'name_en', default='')
        base_code = reader.text(data, 'base_code')
        base_price = reader.price(data, 'base_price')
        currency = reader.text(data, 'currency', default=DEFAULT_CURRENCY)
        positions = []
        for i, item in enumerate(reader.listing(data, 'positions')):
            position = Position.from_dict(
                reader.at(position=f'#{i + 1}'), item)
            if position is not None:
                positions.append(position)
        extras = None
        if data.get('extra_options') is not None:
            extras = Extras.from_dict(reader, data['extra_options'])
        rules = []
        for i, item in enumerate(reader.listing(data, 'rules', default=[])):
            rule = _rule_from_dict(reader, item, i)
            if rule is not None:
                rules.append(rule)
        if reader.errors:
            raise FormatError(reader.errors)
        return cls(code, name, base_code, base_price, positions,
            extras=extras, rules=rules, name_en=name_en, currency=currency,
            translate=translate)

    def to_dict(self):
        "The family dict, normalised: every field, in the format's order"
        return {
            'code': self.code,
            'name': self.name,
            'name_en': self.name_en,
            'base_code': self.base_code,
            'base_price': str(self.base_price),
            'currency': self.currency,
            'positions': [p.to_dict() for p in self.positions],
            'extra_options': self.extras.to_dict(),
            'rules': [r.to_dict() for r in self.rules],
            }

    # Helpers of the rules

    def _resolve(self, position, options):
        "The slot and option indexes a rule names (None: unknown slot)"
        if not isinstance(position, str):
            return None, frozenset()
        if position.lower() == EXTRAS:
            slot = EXTRAS_SLOT
        else:
            slot = self._position_index.get(position.lower())
            if slot is None:
                return None, frozenset()
        index = self._slot_choices(slot).index
        return slot, frozenset(index[o.lower()] for o in options
            if o.lower() in index)

    def _slot_choices(self, slot):
        "The Position (or the Extras) of a slot"
        return self.extras if slot == EXTRAS_SLOT else self.positions[slot]

    # The model code of a choice

    def _print(self, chosen, extras):
        parts = [self.base_code]
        for position, index in zip(self.positions, chosen):
            if index is not None:
                parts.append(position.prefix)
                parts.append(position.options[index].code)
        if extras:
            parts.append(self.extras.prefix)
            for index in sorted(extras):
                parts.append(self.extras.option_prefix)
                parts.append(self.extras.options[index].code)
        return ''.join(parts)

    def _chosen_options(self, chosen, extras):
        "The chosen options then extras, in code order"
        options = [p.options[i] for p, i in zip(self.positions, chosen)
            if i is not None]
        options += [self.extras.options[i] for i in sorted(extras)]
        return options

    def _reading(self, chosen, extras):
        "A choice as errors show it: type=1, range=23, extras=B4 M5"
        parts = []
        for position, index in zip(self.positions, chosen):
            if index is not None:
                code = position.options[index].code
                parts.append(f'{position.code}={code or chr(34) * 2}')
        if extras:
            parts.append(EXTRAS + '=' + ' '.join(
                    self.extras.options[i].code or chr(34) * 2
                    for i in sorted(extras)))
        return ', '.join(parts)

    def _result(self, chosen, extras, errors, writable, translate):
        """The answer of configure and parse for a choice: the rules are
        checked, the code, price, spec and lead time computed"""
        choice = _Choice(chosen, frozenset(extras))
        for rule in self.rules:
            if rule.broken(choice):
                errors.append(rule.error(self, choice, translate))
        options = self._chosen_options(chosen, choice.extras)
        price = None
        model_code = None
        if writable:
            model_code = self._print(chosen, choice.extras)
            price = self.base_price + sum(
                (o.price for o in options), Decimal(0))
        return {
            'valid': not errors,
            'family': self.code,
            'selections': {
                p.code: p.options[i].code
                for p, i in zip(self.positions, chosen) if i is not None},
            'extras': [self.extras.options[i].code
                for i in sorted(choice.extras)],
            'model_code': model_code,
            'price': price,
            'spec': '; '.join(o.spec for o in options if o.spec),
            'lead_days': max((o.lead_days for o in options), default=0),
            'errors': errors,
            }

    # configure

    def configure(self, selections, extras=None):
        """The model of the choices: selections maps position codes to
        option codes (None, or '' when the position has no empty code: not
        chosen), extras lists extra option codes (any order, each once).
        Return valid, family, model_code (None when a given code cannot be
        written), price (None likewise), spec, lead_days, selections and
        extras (normalised: the template's codes and order) and errors."""
        translate = self.translate
        errors = []
        chosen, writable = self._read_selections(selections, errors)
        # A position given a wrong option has its error already
        wrong = {e['position'] for e in errors}
        for position, index in zip(self.positions, chosen):
            if (position.required and index is None
                    and position.code not in wrong):
                errors.append(make_error(translate, 'missing_position',
                        {'position': position.label},
                        position=position.code))
        indexes, ok = self._read_extras(extras, errors)
        return self._result(chosen, indexes, errors, writable and ok,
            translate)

    def _read_selections(self, selections, errors):
        translate = self.translate
        chosen = [None] * len(self.positions)
        if not isinstance(selections, Mapping):
            errors.append(make_error(translate, 'bad_selections',
                    {'value': show(selections)}))
            return chosen, False
        writable = True
        for key, value in selections.items():
            slot = self._position_index.get(key.strip().lower()) \
                if isinstance(key, str) else None
            if slot is None:
                errors.append(make_error(translate, 'unknown_position',
                        {'code': str(key), 'family': self.code},
                        position=str(key)))
                writable = False
                continue
            position = self.positions[slot]
            if value is None:
                continue
            if not isinstance(value, str):
                errors.append(make_error(translate, 'bad_option',
                        {'position': position.label, 'value': show(value)},
                        position=position.code))
                writable = False
                continue
            index = position.index.get(value.strip().lower())
            if index is None:
                if not value.strip():
                    continue
                errors.append(make_error(translate, 'unknown_option',
                        {'position': position.label, 'code': value.strip()},
                        position=position.code, code=value.strip()))
                writable = False
                continue
            chosen[slot] = index
        return chosen, writable

    def _read_extras(self, extras, errors):
        translate = self.translate
        if extras is None:
            return set(), True
        if not isinstance(extras, (list, tuple)):
            errors.append(make_error(translate, 'bad_extras',
                    {'value': show(extras)}, position=EXTRAS))
            return set(), False
        indexes, repeated, writable = set(), set(), True
        for code in extras:
            if not isinstance(code, str):
                errors.append(make_error(translate, 'bad_extra',
                        {'value': show(code)}, position=EXTRAS))
                writable = False
                continue
            index = self.extras.index.get(code.strip().lower())
            if index is None:
                errors.append(make_error(translate, 'unknown_extra',
                        {'code': code.strip()}, position=EXTRAS,
                        code=code.strip()))
                writable = False
            elif index in indexes:
                if index not in repeated:
                    repeated.add(index)
                    code = self.extras.options[index].code
                    errors.append(make_error(translate, 'repeated_extra',
                            {'code': code}, position=EXTRAS, code=code))
            else:
                indexes.add(index)
        return indexes, writable

    # option_states

    def option_states(self, selections, extras=None):
        """For each position code (and extras): option code -> None when
        allowed, else the message of the first rule that forbids it given
        the other current choices. A requirement on a position not chosen
        yet (or on the extras) forbids nothing: it may still be met.
        Bad input is ignored here (configure reports it)."""
        chosen, _ = self._read_selections(selections, [])
        indexes, _ = self._read_extras(
            extras if isinstance(extras, (list, tuple)) else None, [])
        choice = _Choice(chosen, frozenset(indexes))
        states = {}
        for slot, position in enumerate(self.positions):
            current = chosen[slot]
            states[position.code] = state = {}
            for index, option in enumerate(position.options):
                chosen[slot] = index
                state[option.code] = self._forbidding(choice, slot, index)
            chosen[slot] = current
        states[EXTRAS] = state = {}
        for index, option in enumerate(self.extras.options):
            choice.extras = frozenset(indexes | {index})
            state[option.code] = self._forbidding(
                choice, EXTRAS_SLOT, index)
        return states

    def _forbidding(self, choice, slot, index):
        for rule in self._rules_by_slot.get(slot, ()):
            if rule.forbids(choice, slot, index):
                return rule.message
        return None

    # parse

    def parse(self, model_code):
        """Read a model code of the family: the choices it writes, the
        code as the template writes it, price, spec, lead_days and the
        errors (unreadable, ambiguous, repeated extras, broken rules)"""
        return self._parse(model_code, self.translate)

    def _parse(self, model_code, translate):
        text = _code_text(model_code, translate)
        if isinstance(text, dict):
            return _invalid(text, family=self.code)
        text = self._normalise(text)
        if not text.lower().startswith(self._base_key):
            return _invalid(make_error(translate, 'wrong_base_code',
                    {'code': text, 'base_code': self.base_code,
                        'family': self.code}),
                family=self.code)
        return self._answer(text, self._readings(text), translate)

    def _normalise(self, text):
        text = text.strip()
        return ''.join(text.split()) if self._squeeze else text

    def _readings(self, text):
        """The readings of text (with its base code): (the readings of
        the best rank, furthest (offset, slot) reached, text). A reading is
        (chosen tuple, extras tuple, repeated extras tuple, rank); the rank
        is 0 for the extras in template order, 1 for reordered extras (the
        customer's order), 2 with a repeated extra: the code the template
        prints is read as itself (check finds its ambiguities), the
        customer's order only when the template's order does not fit."""
        key = text.lower()
        if len(key) != len(text):
            # A letter whose lower case is longer: offsets in key
            text = key
        n = len(self.positions)
        memo = {}
        far = [-1, n]
        blocking = self._blocking

        def note(slot, offset):
            # The first position that cannot be read where the readings
            # went furthest: one they cannot pass without writing
            if slot < n and not blocking[slot]:
                return
            if offset > far[0] or (offset == far[0] and slot < far[1]):
                far[0], far[1] = offset, slot

        def tails(slot, offset):
            found = memo.get((slot, offset))
            if found is not None:
                return found
            note(slot, offset)
            if slot == n:
                found = self._extras_tails(key, offset, note)
            else:
                found = []
                position = self.positions[slot]
                for length in position.lengths:
                    index = position.tokens.get(
                        key[offset:offset + length])
                    if index is None or offset + length > len(key):
                        continue
                    for chosen, *rest in tails(slot + 1, offset + length):
                        found.append(((index,) + chosen, *rest))
                if not position.required:
                    for chosen, *rest in tails(slot + 1, offset):
                        found.append(((None,) + chosen, *rest))
                found = _cap(found)
            memo[slot, offset] = found
            return found

        readings = tails(0, len(self._base_key))
        best = min((r[3] for r in readings), default=None)
        return [r for r in readings if r[3] == best], tuple(far), text

    def _extras_tails(self, key, offset, note):
        "The readings of the extras from offset (all positions read)"
        extras = self.extras
        n_slot = len(self.positions)
        found = [((), (), (), 0)] if offset == len(key) else []
        if not extras.options or not key.startswith(
                extras.prefix.lower(), offset):
            return found
        splits = {}

        def split(at):
            # The ways of reading key[at:] as extra tokens
            result = splits.get(at)
            if result is not None:
                return result
            note(n_slot, at)
            if at == len(key):
                return [()]
            result = []
            for length in extras.lengths:
                index = extras.tokens.get(key[at:at + length])
                if index is None or at + length > len(key):
                    continue
                result += [(index,) + rest for rest in split(at + length)]
                if len(result) >= MAX_SPLITS:
                    break
            splits[at] = result = result[:MAX_SPLITS]
            return result

        readings = {}
        for indexes in split(offset + len(extras.prefix)):
            # An extra that prints nothing may be chosen or not
            for silent in extras.silent_choices():
                if not indexes and not silent:
                    # The extras' prefix is written only before an extra
                    continue
                chosen = tuple(sorted(set(indexes) | set(silent)))
                repeated = tuple(sorted(
                        i for i in set(indexes) if indexes.count(i) > 1))
                if repeated:
                    rank = 2
                elif list(indexes) != sorted(indexes):
                    rank = 1
                else:
                    rank = 0
                key_ = (chosen, repeated)
                readings[key_] = min(readings.get(key_, rank), rank)
        return found + [((), c, r, rank)
            for (c, r), rank in readings.items()]

    def _answer(self, text, readings, translate):
        "The answer of parse from the readings of text"
        best, (offset, slot), key_text = readings
        if len(best) > 1:
            return _invalid(make_error(translate, 'ambiguous_code',
                    {'code': text, 'readings': '; '.join(
                            self._reading(c, e) for c, e, *_ in best)}),
                family=self.code)
        if best:
            chosen, extras, twice, _ = best[0]
            errors = [make_error(translate, 'repeated_extra',
                    {'code': self.extras.options[i].code}, position=EXTRAS,
                    code=self.extras.options[i].code)
                for i in twice]
            return self._result(
                list(chosen), extras, errors, True, translate)
        return _invalid(self._unreadable(key_text, offset, slot, translate),
            family=self.code)

    def _unreadable(self, text, offset, slot, translate):
        "The error of a code no reading completes: where it stops"
        left = text[offset:]
        if slot < len(self.positions):
            position = self.positions[slot]
        elif self.extras.options:
            position = self.extras
        else:
            return make_error(translate, 'trailing_text', {'text': left})
        if not left:
            return make_error(translate, 'code_too_short',
                {'position': position.label}, position=position.code)
        return make_error(translate, 'unreadable',
            {'position': position.label, 'text': left},
            position=position.code)

    # check

    def check(self):
        """The errors of the template: missing base code, duplicated or
        reserved codes, positions without options, wrong rules and an
        ambiguous code format (two choices printing the same code)"""
        translate = self.translate
        errors = []
        if not self.base_code.strip():
            errors.append(make_error(translate, 'missing_base_code',
                    {'family': self.code}))
        duplicated = self._check_codes(errors)
        ids = set()
        for rule in self.rules:
            if rule.id in ids:
                errors.append(make_error(translate, 'duplicate_rule',
                        {'rule': rule.id}))
            ids.add(rule.id)
            errors += rule.check(self, translate)
        if not duplicated:
            witness = find_ambiguity(self)
            if witness is not None:
                first, second = witness
                errors.append(make_error(translate, 'ambiguous_format', {
                            'code': self._print(*first),
                            'first': self._reading(*first),
                            'second': self._reading(*second),
                            }))
        return errors

    def _check_codes(self, errors):
        "Report duplicated and reserved codes; return whether any"
        translate = self.translate
        duplicated = False
        seen = set()
        for position in self.positions:
            if position.key in seen:
                duplicated = True
                errors.append(make_error(translate, 'duplicate_position',
                        {'code': position.code}, position=position.code))
            seen.add(position.key)
            if position.key == EXTRAS:
                errors.append(make_error(translate, 'reserved_position',
                        {'code': position.code}, position=position.code))
            if not position.options:
                errors.append(make_error(translate,
                        'position_without_options',
                        {'position': position.label},
                        position=position.code))
            for code in _duplicates(position.options):
                duplicated = True
                errors.append(make_error(translate, 'duplicate_option',
                        {'position': position.label, 'code': code},
                        position=position.code, code=code))
        for code in _duplicates(self.extras.options):
            duplicated = True
            errors.append(make_error(translate, 'duplicate_extra',
                    {'code': code}, position=EXTRAS, code=code))
        return duplicated


def _duplicates(options):
    "The codes used more than once (case-insensitively), once each"
    seen, result = set(), []
    for option in options:
        if option.key in seen and option.code not in result:
            result.append(option.code)
        seen.add(option.key)
    return result


def _cap(readings):
    "At most MAX_READINGS readings of each rank"
    counts = [0, 0, 0]
    result = []
    for reading in readings:
        rank = reading[3]
        if counts[rank] < MAX_READINGS:
            counts[rank] += 1
            result.append(reading)
    return result


def _code_text(model_code, translate):
    "The model code as a text, or the error dict of a bad one"
    if not isinstance(model_code, str):
        return make_error(translate, 'bad_code',
            {'value': show(model_code)})
    if not model_code.strip():
        return make_error(translate, 'empty_code', {})
    if len(model_code.strip()) > MAX_CODE_LENGTH:
        return make_error(translate, 'code_too_long',
            {'size': MAX_CODE_LENGTH})
    return model_code


def _invalid(error, family=None):
    "The answer of parse (or configure) that has no choice"
    return {
        'valid': False,
        'family': family,
        'selections': {},
        'extras': [],
        'model_code': None,
        'price': None,
        'spec': '',
        'lead_days': 0,
        'errors': [error],
        }


def unknown_family(code, translate=None):
    "The answer of configure for a family code that no family has"
    translate = translate or default_translate
    return _invalid(make_error(translate, 'unknown_family',
            {'code': code if isinstance(code, str) else show(code)}))


def parse(families, model_code, translate=None):
    """Read a model code among families (Family objects): each family
    whose base code starts the code is tried, the longest base code first;
    return the answer of the one family that reads it completely, an
    ambiguity when several do, else the error of the family whose reading
    went furthest (an unknown family when no base code fits)"""
    families = list(families)
    if translate is None:
        translate = families[0].translate if families else (
            default_translate)
    text = _code_text(model_code, translate)
    if isinstance(text, dict):
        return _invalid(text)
    candidates = []
    for family in families:
        normalised = family._normalise(text)
        if normalised.lower().startswith(family._base_key):
            candidates.append((family, normalised))
    if not candidates:
        return _invalid(make_error(translate, 'unknown_family',
                {'code': text.strip()}))
    candidates.sort(key=lambda c: len(c[0]._base_key), reverse=True)
    answers = []
    for family, normalised in candidates:
        readings = family._readings(normalised)
        answers.append((family, normalised, readings))
    complete = [a for a in answers if a[2][0]]
    if complete:
        # A family reading the extras in template order wins over one
        # that needs to reorder or repeat them
        best = min(a[2][0][0][3] for a in complete)
        complete = [a for a in complete if a[2][0][0][3] == best]
    if len(complete) > 1:
        return _invalid(make_error(translate, 'ambiguous_family',
                {'code': text.strip(), 'families': ', '.join(
                        a[0].code for a in complete)}))
    if complete:
        family, normalised, readings = complete[0]
    else:
        # The reading that went furthest; the longest base code first
        family, normalised, readings = max(
            answers, key=lambda a: a[2][1][0])
    return family._answer(normalised, readings, translate)


# The ambiguity of the code format

class _Automaton:
    """A character automaton whose accepting paths are the choices of a
    family one to one (its base code left out: all codes share it). An
    edge is (source, character or '' for ε, target, tag); a tag names the
    choice an edge starts: ('option', slot, index) or ('extra', index)."""

    def __init__(self, family):
        self.edges = []
        self.states = 0
        self.start = self.state()
        self._build(family)

    def state(self):
        self.states += 1
        return self.states - 1

    def edge(self, source, char, target, tag=None):
        self.edges.append((source, char, target, tag))

    def chain(self, source, text, target, tag):
        "A path writing text from source to target, its tag on its start"
        text = text.lower()
        if not text:
            self.edge(source, '', target, tag)
            return
        for char in text[:-1]:
            state = self.state()
            self.edge(source, char, state, tag)
            source, tag = state, None
        self.edge(source, text[-1], target, tag)

    def _build(self, family):
        junction = self.start
        for slot, position in enumerate(family.positions):
            following = self.state()
            for index, option in enumerate(position.options):
                self.chain(junction, position.prefix + option.code,
                    following, ('option', slot, index))
            if not position.required:
                self.edge(junction, '', following)
            junction = following
        self.final = self.state()
        # No extra chosen: nothing written, not even the extras' prefix
        self.edge(junction, '', self.final)
        extras = family.extras
        if not extras.options:
            return
        # Two states per slot: no extra chosen yet (none), some (some)
        none = self.state()
        self.chain(junction, extras.prefix, none, None)
        some = None
        for index, option in enumerate(extras.options):
            token = extras.option_prefix + option.code
            next_none, next_some = self.state(), self.state()
            self.edge(none, '', next_none)
            self.chain(none, token, next_some, ('extra', index))
            if some is not None:
                self.edge(some, '', next_some)
                self.chain(some, token, next_some, ('extra', index))
            none, some = next_none, next_some
        self.edge(some, '', self.final)

    def prune(self):
        "Keep the edges between states that lead to the final state"
        useful = {self.final}
        incoming = {}
        for source, _, target, _ in self.edges:
            incoming.setdefault(target, []).append(source)
        queue = [self.final]
        while queue:
            for source in incoming.get(queue.pop(), ()):
                if source not in useful:
                    useful.add(source)
                    queue.append(source)
        self.useful = useful
        self.edges = [e for e in self.edges
            if e[0] in useful and e[2] in useful]


class _Ambiguous(Exception):
    "Two distinct accepting paths of one text: their edge numbers"

    def __init__(self, first, second):
        self.paths = first, second


def find_ambiguity(family):
    """Two different choices of family that print the same code, as two
    (chosen, extras) pairs, or None when the code format is unambiguous.

    Exact: the automaton's accepting paths are the choices one to one, so
    the format is ambiguous iff a text has two accepting paths. Two
    distinct ε-paths between two states are found first; the ε-edges are
    then removed (an edge of the new automaton is an ε-path and a
    character edge, so paths keep their identity) and the self-product
    is searched from the start for two paths that part on a character and
    both accept, or meet again (they can then go on together)."""
    automaton = _Automaton(family)
    automaton.prune()
    if automaton.start not in automaton.useful:
        return None
    try:
        _search(automaton)
    except _Ambiguous as ambiguous:
        return tuple(_choice_of(automaton, family, path)
            for path in ambiguous.paths)
    return None


def _search(automaton):
    "Raise _Ambiguous with two paths of the same text, if any"
    edges = automaton.edges
    epsilon, characters = {}, {}
    for number, (source, char, _, _) in enumerate(edges):
        (characters if char else epsilon).setdefault(source, []).append(
            number)
    sources = {automaton.start} | {
        edges[n][2] for numbers in characters.values() for n in numbers}
    out, accept = {}, {}
    for state in sources:
        closure = _closure(state, edges, epsilon)
        accept[state] = closure.get(automaton.final)
        moves = out[state] = {}
        for reached, path in closure.items():
            for number in characters.get(reached, ()):
                _, char, target, _ = edges[number]
                moves.setdefault(char, []).append(
                    (target, path + (number,)))
    prefix = _prefixes(automaton.start, out)
    _search_product(out, accept, prefix)


def _closure(state, edges, epsilon):
    """The states reached by ε-paths from state: {state: path}; raise
    _Ambiguous when two distinct ε-paths reach the same state (the
    automaton is acyclic: every state is useful after prune)"""
    paths = {state: ()}
    stack = [state]
    while stack:
        source = stack.pop()
        for number in epsilon.get(source, ()):
            target = edges[number][2]
            path = paths[source] + (number,)
            if target in paths:
                raise _Ambiguous(('ε', state, paths[target], target),
                    ('ε', state, path, target))
            paths[target] = path
            stack.append(target)
    return paths


def _prefixes(start, out):
    "A path (its ε-free edges) from start to each state"
    prefix = {start: ()}
    queue = deque([start])
    while queue:
        state = queue.popleft()
        for moves in out[state].values():
            for target, path in moves:
                if target not in prefix:
                    prefix[target] = prefix[state] + (path,)
                    queue.append(target)
    return prefix


def _search_product(out, accept, prefix):
    "Search the self-product for two paths that part and both accept"
    parents = {}
    queue = deque()

    def found(pair, first, second):
        "Raise the two full paths of pair extended by first and second"
        firsts, seconds = [first], [second]
        while pair in parents:
            pair, edge1, edge2 = parents[pair]
            firsts.append(edge1)
            seconds.append(edge2)
        common = prefix[pair[0]]
        raise _Ambiguous(('path', common + tuple(reversed(firsts))),
            ('path', common + tuple(reversed(seconds))))

    for state, moves in out.items():
        for targets in moves.values():
            for i, (target1, path1) in enumerate(targets):
                for target2, path2 in targets[i + 1:]:
                    if target1 == target2:
                        found((state, state), path1, path2)
                    pair = (target1, target2)
                    if pair not in parents:
                        parents[pair] = ((state, state), path1, path2)
                        queue.append(pair)
    while queue:
        pair = queue.popleft()
        first, second = pair
        if accept[first] is not None and accept[second] is not None:
            found(pair, ('end', accept[first]), ('end', accept[second]))
        moves2 = out[second]
        for char, targets1 in out[first].items():
            for target1, path1 in targets1:
                for target2, path2 in moves2.get(char, ()):
                    if target1 == target2:
                        found(pair, path1, path2)
                    following = (target1, target2)
                    if following not in parents:
                        parents[following] = (pair, path1, path2)
                        queue.append(following)


def _choice_of(automaton, family, witness):
    """The (chosen, extras) of one of two ambiguous paths: its edges,
    completed to the final state by the same way for both"""
    edges = automaton.edges
    if witness[0] == 'ε':
        _, state, path, target = witness
        numbers = list(_path_to(automaton, automaton.start, state))
        numbers += path
        numbers += _path_to(automaton, target, automaton.final)
    else:
        numbers = []
        state = automaton.start
        for piece in witness[1]:
            if piece and piece[0] == 'end':
                # Both paths accept here, each by its own ε-path
                numbers += piece[1]
                break
            numbers += piece
            state = edges[piece[-1]][2]
        else:
            # The paths met in state: they go on together
            numbers += _path_to(automaton, state, automaton.final)
    chosen = [None] * len(family.positions)
    extras = set()
    for number in numbers:
        tag = edges[number][3]
        if tag is None:
            continue
        if tag[0] == 'option':
            chosen[tag[1]] = tag[2]
        else:
            extras.add(tag[1])
    return chosen, frozenset(extras)


def _path_to(automaton, source, target):
    "The edge numbers of a path from source to target (searched wide)"
    outgoing = {}
    for number, edge in enumerate(automaton.edges):
        outgoing.setdefault(edge[0], []).append(number)
    previous = {source: None}
    queue = deque([source])
    while queue:
        state = queue.popleft()
        if state == target:
            break
        for number in outgoing.get(state, ()):
            following = automaton.edges[number][2]
            if following not in previous:
                previous[following] = number
                queue.append(following)
    path = []
    while target != source:
        number = previous[target]
        path.append(number)
        target = automaton.edges[number][0]
    return path[::-1]
