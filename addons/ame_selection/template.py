# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""选型模版: the ordering table of a product family.

A template holds its positions, their options, the extra options and the
rules between choices, edited in its form. What prices and what parses is
a published version (ame.selection.template.version): the template's
content frozen as the exchange format (exchange.py) with its start date.
The version in force on a date prices the quotations of that date, and a
quotation line keeps the version it was made with (sale.py).

The engine (engine.py, no Tryton) configures, parses and checks the
templates; this module stores them, publishes them and answers the RPC
calls configure, parse and option_states on ame.selection.template."""
import json
from decimal import Decimal
from functools import lru_cache

from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, Index, ModelSQL, ModelView, Unique, fields,
    sequence_ordered)
from trytond.model.exceptions import ValidationError
from trytond.modules.ame_base.model import InputBoundsMixin, MAX_UNIT_PRICE
from trytond.modules.product import price_digits
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.rpc import RPC
from trytond.transaction import Transaction
from trytond.wizard import Button, StateTransition, StateView, Wizard

from . import engine, exchange

# The most extra days an option may add to the lead time
MAX_LEAD_DAYS = 3650


def translate(key, **params):
    "The engine's messages, translated as the module's ir.message"
    return gettext(f'ame_selection.msg_engine_{key}', **params)


@lru_cache(maxsize=256)
def compile_family(data):
    """The engine's Family of a version's data (JSON text): versions never
    change, so their compiled form is kept per process, per language"""
    return engine.Family.from_dict(json.loads(data), translate=translate)


def _code(value):
    "An option code as the engine takes it: the empty code is ''"
    return value or ''


class Template(DeactivableMixin, InputBoundsMixin, ModelSQL, ModelView):
    __name__ = 'ame.selection.template'
    __string__ = "Selection Template"
    _number_bounds = {'base_price': (0, MAX_UNIT_PRICE)}

    code = fields.Char(
        "Family Code", required=True, strip=True,
        help="The code of the product family, as configure and the "
        "imports name it.")
    name = fields.Char("Name", required=True)
    name_en = fields.Char("English Name")
    product = fields.Many2One(
        'product.product', "Product", required=True, ondelete='RESTRICT',
        domain=[('salable', '=', True)],
        help="The product that the quotation lines of the family sell.")
    base_code = fields.Char(
        "Base Code", required=True, strip=True,
        help="The text the model codes of the family start with.")
    base_price = fields.Numeric(
        "Base Price", digits=price_digits, required=True,
        help="The price of the model before the options' price deltas.")
    currency = fields.Many2One(
        'currency.currency', "Currency", required=True, ondelete='RESTRICT')
    positions = fields.One2Many(
        'ame.selection.position', 'template', "Positions")
    extra_name = fields.Char(
        "Extra Options Name",
        help="The name of the extra options, as the ordering table calls "
        "them (附加选项).")
    extra_prefix = fields.Char(
        "Extra Options Prefix", strip=False,
        help="The text written before the extra options when one is "
        "chosen.")
    extra_option_prefix = fields.Char(
        "Extra Option Prefix", strip=False,
        help="The text written before each extra option (/).")
    extra_options = fields.One2Many(
        'ame.selection.option', 'extra_template', "Extra Options",
        help="Options of which several may be chosen, written after the "
        "positions in the order of this list.")
    rules = fields.One2Many('ame.selection.rule', 'template', "Rules")
    versions = fields.One2Many(
        'ame.selection.template.version', 'template', "Versions",
        readonly=True, order=[('number', 'DESC')])
    current_version = fields.Function(fields.Many2One(
            'ame.selection.template.version', "Current Version",
            help="The version in force today."),
        'get_current_version')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'ame_selection.msg_template_code_unique'),
            ]
        cls._order.insert(0, ('code', 'ASC'))
        cls.__rpc__.update({
                'configure': RPC(),
                'parse': RPC(),
                'option_states': RPC(),
                })
        cls._buttons.update({
                'publish': {'icon': 'tryton-launch'},
                })

    @staticmethod
    def default_base_price():
        return Decimal(0)

    @staticmethod
    def default_currency():
        pool = Pool()
        Company = pool.get('company.company')
        company = Transaction().context.get('company')
        if company is not None and company >= 0:
            return Company(company).currency.id

    @staticmethod
    def default_extra_name():
        return "附加选项"

    @classmethod
    def get_current_version(cls, templates, name):
        versions = cls.effective_versions([t.id for t in templates])
        return {t.id: versions[t.id].id if versions.get(t.id) else None
            for t in templates}

    def to_dict(self):
        "The template's content in the exchange format (exchange.py)"
        return {
            'code': self.code,
            'name': self.name,
            'name_en': self.name_en or '',
            'base_code': self.base_code,
            'base_price': str(self.base_price),
            'currency': self.currency.code,
            'positions': [p.to_dict() for p in self.positions],
            'extra_options': {
                'name': self.extra_name or '',
                'prefix': self.extra_prefix or '',
                'option_prefix': self.extra_option_prefix or '',
                'options': [o.to_dict() for o in self.extra_options],
                },
            'rules': [r.to_dict() for r in self.rules],
            }

    @classmethod
    def validate(cls, templates):
        super().validate(templates)
        for template in templates:
            template.check_content()

    def check_content(self):
        "Refuse a content the engine finds wrong, naming each error"
        errors = self.content_errors()
        if errors:
            raise ValidationError(gettext(
                    'ame_selection.msg_template_invalid',
                    template=self.rec_name,
                    errors='\n'.join(e['message'] for e in errors)))

    def content_errors(self):
        try:
            family = engine.Family.from_dict(
                self.to_dict(), translate=translate)
        except engine.FormatError as error:
            return error.errors
        return family.check()

    @classmethod
    def effective_versions(cls, template_ids, date=None):
        """Return the version in force on date (default the context's
        date or today) of each template id, or None"""
        pool = Pool()
        Version = pool.get('ame.selection.template.version')
        Date = pool.get('ir.date')
        if date is None:
            date = Transaction().context.get('date') or Date.today()
        result = dict.fromkeys(template_ids)
        for version in Version.search([
                    ('template', 'in', list(template_ids)),
                    ('start_date', '<=', date),
                    ], order=[('start_date', 'ASC'), ('number', 'ASC')]):
            result[version.template.id] = version
        return result

    @classmethod
    def families(cls, date=None):
        "Return the engine's Family of each template in force on date"
        templates = cls.search([])
        versions = cls.effective_versions([t.id for t in templates], date)
        return {t.code: versions[t.id].family for t in templates
            if versions[t.id]}

    @classmethod
    def configure(cls, family_code, selections, extras=None):
        """Configure a model of the family in force today: selections maps
        position codes to option codes, extras lists extra option codes;
        return valid, model_code, price, spec, lead_days and errors"""
        family = cls.families().get(family_code) if isinstance(
            family_code, str) else None
        if family is None:
            return engine.unknown_family(family_code, translate=translate)
        return family.configure(selections, extras or [])

    @classmethod
    def parse(cls, model_code):
        """Read a model code: its family, choices, price and spec, or the
        errors naming what cannot be read"""
        return engine.parse(list(cls.families().values()), model_code,
            translate=translate)

    @classmethod
    def option_states(cls, family_code, selections, extras=None):
        """For each position (and extras), the options that the other
        choices forbid: option code: the rule's message (None: allowed)"""
        family = cls.families().get(family_code) if isinstance(
            family_code, str) else None
        if family is None:
            return {}
        return family.option_states(selections, extras or [])

    @classmethod
    @ModelView.button_action('ame_selection.wizard_publish')
    def publish(cls, templates):
        pass

    @classmethod
    def create_versions(cls, templates, start_date):
        """Publish the content of the templates as their next versions,
        in force from start_date"""
        pool = Pool()
        Version = pool.get('ame.selection.template.version')
        for template in templates:
            template.check_content()
        Version.create([{
                    'template': t.id,
                    'number': max((v.number for v in t.versions), default=0)
                    + 1,
                    'start_date': start_date,
                    'data': dump(t.to_dict()),
                    } for t in templates])

    @classmethod
    def import_file(cls, data, xlsx=False):
        """Import the families of a file's content (bytes: JSON, or XLSX
        when xlsx): all or nothing; return the templates"""
        try:
            families = (exchange.load_xlsx(data, translate=translate)
                if xlsx else exchange.load_json(data, translate=translate))
        except engine.FormatError as error:
            raise ValidationError(gettext(
                    'ame_selection.msg_import_invalid', errors=str(error)))
        return cls.import_families(families)

    @classmethod
    def import_families(cls, families):
        """Create or update the templates of the families (dicts of the
        exchange format) and publish those whose content changed as
        versions in force today: all or nothing; return the templates"""
        pool = Pool()
        Currency = pool.get('currency.currency')
        Date = pool.get('ir.date')
        errors = []
        for data in families:
            try:
                family = engine.Family.from_dict(data, translate=translate)
            except engine.FormatError as error:
                errors.extend(error.errors)
                continue
            errors.extend(dict(e, family=data['code'])
                for e in family.check())
            if not Currency.search([('code', '=', data['currency'])]):
                errors.append({'family': data['code'], 'message': gettext(
                            'ame_selection.msg_import_unknown_currency',
                            currency=data['currency'])})
        if errors:
            raise ValidationError(gettext(
                    'ame_selection.msg_import_invalid',
                    errors='\n'.join(engine.format_location(e) + e['message']
                        for e in errors)))
        existing = {t.code: t for t in cls.search([
                    ('code', 'in', [d['code'] for d in families]),
                    ('active', 'in', [True, False]),
                    ])}
        templates = []
        for data in families:
            template = existing.get(data['code']) or cls(active=True)
            template.set_content(data)
            templates.append(template)
        cls.save(templates)
        changed = [t for t in templates
            if not t.versions or json.loads(max(
                    t.versions, key=lambda v: v.number).data) != t.to_dict()]
        cls.create_versions(changed, Date.today())
        return templates

    def set_content(self, data):
        """Set the template's content from an exchange dict: its positions,
        extra options and rules replace the template's"""
        pool = Pool()
        Currency = pool.get('currency.currency')
        Position = pool.get('ame.selection.position')
        Option = pool.get('ame.selection.option')
        Rule = pool.get('ame.selection.rule')
        self.code = data['code']
        self.name = data['name']
        self.name_en = data.get('name_en') or None
        self.base_code = data['base_code']
        self.base_price = Decimal(data['base_price'])
        currency, = Currency.search([('code', '=', data['currency'])])
        self.currency = currency
        if not getattr(self, 'product', None):
            self.product = self.family_product(data)
        extras = data.get('extra_options') or {}
        self.extra_name = extras.get('name') or None
        self.extra_prefix = extras.get('prefix') or None
        self.extra_option_prefix = extras.get('option_prefix') or None

        def options(values):
            return [Option(**option_values(o)) for o in values]
        self.positions = [Position(
                code=p['code'], name=p['name'], name_en=p.get('name_en'),
                required=p['required'], prefix=p.get('prefix') or None,
                options=options(p['options'])) for p in data['positions']]
        self.extra_options = options(extras.get('options', []))
        self.rules = [Rule(
                code=r['id'], kind=r['kind'],
                if_position=r['if']['position'],
                if_options=join_codes(r['if']['options']),
                then_position=r['then']['position'],
                then_options=join_codes(r['then']['options']),
                message=r['message']) for r in data.get('rules', [])]

    @classmethod
    def family_product(cls, data):
        """The product of a new family: the product whose code is the
        family code, else a new one"""
        pool = Pool()
        Product = pool.get('product.product')
        Template = pool.get('product.template')
        Uom = pool.get('product.uom')
        products = Product.search([('code', '=', data['code'])], limit=1)
        if products:
            return products[0]
        unit, = Uom.search([('symbol', '=', 'u')], limit=1)
        template, = Template.create([{
                    'name': data['name'],
                    'code': data['code'],
                    'type': 'goods',
                    'salable': True,
                    'list_price': Decimal(data['base_price']),
                    'default_uom': unit.id,
                    'sale_uom': unit.id,
                    'products': [('create', [{}])],
                    }])
        return template.products[0]

    @classmethod
    def copy(cls, templates, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('code', lambda d: d['code'] + '-copy')
        default.setdefault('versions', None)
        return super().copy(templates, default=default)


def option_values(data):
    "The values of an Option from an exchange dict"
    return {
        'code': data['code'] or None,
        'name': data['name'],
        'name_en': data.get('name_en') or None,
        'spec': data.get('spec') or None,
        'price': Decimal(data.get('price') or 0),
        'lead_days': data.get('lead_days') or 0,
        }


def join_codes(codes):
    "The option codes of a rule as its field shows them"
    return ' '.join(c if c else '""' for c in codes)


def dump(data):
    "A version's data: the exchange format, its keys in their order"
    return json.dumps(data, ensure_ascii=False)


class Position(sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'ame.selection.position'
    __string__ = "Selection Position"

    template = fields.Many2One(
        'ame.selection.template', "Template", required=True,
        ondelete='CASCADE')
    code = fields.Char(
        "Code", required=True, strip=True,
        help="The position's code, as configure and the rules name it.")
    name = fields.Char("Name", required=True)
    name_en = fields.Char("English Name")
    required = fields.Boolean(
        "Required", help="An optional position may be left out: it then "
        "writes nothing, not even its prefix.")
    prefix = fields.Char(
        "Prefix", strip=False,
        help="The literal text written before the option code (-, K-).")
    options = fields.One2Many('ame.selection.option', 'position', "Options")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('template')

    @staticmethod
    def default_required():
        return True

    def to_dict(self):
        return {
            'code': self.code,
            'name': self.name,
            'name_en': self.name_en or '',
            'required': bool(self.required),
            'prefix': self.prefix or '',
            'options': [o.to_dict() for o in self.options],
            }


class Option(sequence_ordered(), InputBoundsMixin, ModelSQL, ModelView):
    __name__ = 'ame.selection.option'
    __string__ = "Selection Option"
    _number_bounds = {
        'price': (-MAX_UNIT_PRICE, MAX_UNIT_PRICE),
        'lead_days': (0, MAX_LEAD_DAYS),
        }

    position = fields.Many2One(
        'ame.selection.position', "Position", ondelete='CASCADE',
        states={'invisible': ~Eval('position')})
    extra_template = fields.Many2One(
        'ame.selection.template', "Extra Option of", ondelete='CASCADE',
        states={'invisible': ~Eval('extra_template')})
    code = fields.Char(
        "Code", strip=True,
        help="The text the option writes in the model code; empty for an "
        "option that writes nothing.")
    name = fields.Char("Name", required=True)
    name_en = fields.Char("English Name")
    spec = fields.Text("Specification")
    price = fields.Numeric(
        "Price Delta", digits=price_digits, required=True)
    lead_days = fields.Integer(
        "Extra Lead Days", required=True,
        help="The days the option adds to the lead time.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.position, Index.Equality())),
                Index(t, (t.extra_template, Index.Equality())),
                })

    @staticmethod
    def default_price():
        return Decimal(0)

    @staticmethod
    def default_lead_days():
        return 0

    @classmethod
    def validate_fields(cls, options, field_names):
        super().validate_fields(options, field_names)
        if field_names & {'position', 'extra_template'}:
            for option in options:
                if bool(option.position) == bool(option.extra_template):
                    raise ValidationError(gettext(
                            'ame_selection.msg_option_owner',
                            option=option.rec_name))

    def to_dict(self):
        return {
            'code': _code(self.code),
            'name': self.name,
            'name_en': self.name_en or '',
            'spec': self.spec or '',
            'price': str(self.price),
            'lead_days': self.lead_days or 0,
            }


class Rule(sequence_ordered(), ModelSQL, ModelView):
    __name__ = 'ame.selection.rule'
    __string__ = "Selection Rule"

    template = fields.Many2One(
        'ame.selection.template', "Template", required=True,
        ondelete='CASCADE')
    code = fields.Char("Number", required=True, strip=True)
    kind = fields.Selection(
        'get_kinds', "Kind", required=True,
        help="Excludes: if the first position is one of its options, the "
        "second must not be one of its options; requires: must be one of "
        "them.")
    if_position = fields.Char(
        "If Position", required=True, strip=True,
        help="A position code, or extras for the extra options.")
    if_options = fields.Char(
        "If Options", required=True,
        help="Option codes separated by spaces.")
    then_position = fields.Char(
        "Then Position", required=True, strip=True,
        help="A position code, or extras for the extra options.")
    then_options = fields.Char(
        "Then Options", required=True,
        help="Option codes separated by spaces.")
    message = fields.Char(
        "Message", required=True,
        help="What the configurator shows when the rule is broken.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('template')

    @classmethod
    def get_kinds(cls):
        return [(k, gettext(f'ame_selection.msg_rule_kind_{k}'))
            for k in engine.RULE_KINDS]

    def to_dict(self):
        return {
            'id': self.code,
            'kind': self.kind,
            'if': {'position': self.if_position,
                'options': split_codes(self.if_options)},
            'then': {'position': self.then_position,
                'options': split_codes(self.then_options)},
            'message': self.message,
            }


def split_codes(text):
    """The option codes of a rule: separated by spaces or commas; "" (two
    quotes) names the empty code"""
    codes = (text or '').replace(',', ' ').replace('，', ' ').split()
    return ['' if c in {'""', "''"} else c for c in codes]


class Version(ModelSQL, ModelView):
    __name__ = 'ame.selection.template.version'
    __string__ = "Selection Template Version"

    template = fields.Many2One(
        'ame.selection.template', "Template", required=True,
        ondelete='RESTRICT', readonly=True)
    number = fields.Integer("Version", required=True, readonly=True)
    start_date = fields.Date(
        "Start Date", required=True, readonly=True,
        help="The first date the version prices and parses.")
    data = fields.Text("Content", readonly=True)
    content = fields.Function(fields.Text("Content"), 'get_content')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('template')
        t = cls.__table__()
        cls._sql_constraints += [
            ('number_unique', Unique(t, t.template, t.number),
                'ame_selection.msg_version_number_unique'),
            ]
        cls._order = [
            ('template', 'ASC'), ('number', 'DESC'), ('id', 'DESC')]

    def get_rec_name(self, name):
        return gettext('ame_selection.msg_version_rec_name',
            template=self.template.code, number=self.number,
            date=self.start_date.isoformat())

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('template.code',) + tuple(clause[1:])]

    def get_content(self, name):
        return json.dumps(json.loads(self.data), ensure_ascii=False,
            indent=2)

    @property
    def family(self):
        "The engine's Family of the version"
        return compile_family(self.data)

    @classmethod
    def check_modification(cls, mode, versions, values=None, external=False):
        super().check_modification(
            mode, versions, values=values, external=external)
        # A version is history: the quotations it priced refer to it
        if mode in {'write', 'delete'}:
            raise ValidationError(gettext(
                    'ame_selection.msg_version_frozen'))


class PublishStart(ModelView):
    __name__ = 'ame.selection.template.publish.start'
    __string__ = "Publish Selection Template"

    start_date = fields.Date(
        "Start Date", required=True,
        domain=[('start_date', '>=', Eval('today'))],
        help="The first date the new version prices and parses.")
    today = fields.Date("Today", readonly=True)

    @staticmethod
    def default_start_date():
        return Pool().get('ir.date').today()

    @staticmethod
    def default_today():
        return Pool().get('ir.date').today()


class Publish(Wizard):
    __name__ = 'ame.selection.template.publish'
    start = StateView('ame.selection.template.publish.start',
        'ame_selection.template_publish_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Publish", 'publish', 'tryton-ok', default=True),
            ])
    publish = StateTransition()

    def transition_publish(self):
        pool = Pool()
        Date = pool.get('ir.date')
        # A version never starts in the past: the quotations already
        # made keep the version they were priced with
        start_date = max(self.start.start_date, Date.today())
        self.model.create_versions(list(self.records), start_date)
        return 'end'
