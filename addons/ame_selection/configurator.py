# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""选型工具: the configurator in the web client.

Choose a family, then an option for each position from lists that leave
out what the other choices forbid (the reasons are shown beside them);
the model code, the specification and the price follow every change. Or
paste a model code from a customer's enquiry: the configurator reads it
back into the choices and names each error. 加入报价单 adds the model to a
draft quotation as a configured line (sale.py).

The lists are those of the template's version in force today, never its
unpublished edits: what the configurator offers is what prices."""
import json

from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Bool, Eval
from trytond.transaction import Transaction, check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

# The values of the option lists: a prefix keeps the empty option code
# apart from "nothing chosen"
OPTION = 'o:'


def option_value(code):
    return OPTION + code


def option_code(value):
    return value[len(OPTION):] if value else None


class ConfiguratorStart(ModelView):
    __name__ = 'ame.selection.configurator.start'
    __string__ = "Selection Configurator"

    sale = fields.Many2One(
        'sale.sale', "Quotation",
        domain=[('state', '=', 'draft')],
        help="The draft quotation the model is added to.")
    model_code_input = fields.Char(
        "Paste a Model Code",
        help="A model code from a customer's enquiry: the configurator "
        "reads it back.")
    template = fields.Many2One(
        'ame.selection.template', "Family",
        domain=[('versions', '!=', None)])
    version = fields.Many2One(
        'ame.selection.template.version', "Version", readonly=True)
    choices = fields.One2Many(
        'ame.selection.configurator.choice', None, "Choices",
        states={'invisible': ~Eval('template')})
    extras = fields.MultiSelection(
        'get_extra_selection', "Extra Options",
        states={'invisible': ~Eval('template')})
    extra_reasons = fields.Text(
        "Unavailable Extra Options", readonly=True,
        states={'invisible': ~Eval('extra_reasons')})
    forbidden_extras = fields.Text("Forbidden Extras", readonly=True)
    quantity = fields.Float("Quantity", required=True,
        domain=[('quantity', '>', 0)])
    model_code = fields.Char("Model Code", readonly=True)
    spec = fields.Text("Specification", readonly=True)
    price = fields.Numeric("Price", digits=(16, 4), readonly=True)
    currency = fields.Many2One('currency.currency', "Currency", readonly=True)
    lead_days = fields.Integer("Extra Lead Days", readonly=True)
    valid = fields.Boolean("Valid", readonly=True)
    errors = fields.Text(
        "Errors", readonly=True, states={'invisible': ~Eval('errors')})

    @staticmethod
    def default_quantity():
        return 1

    @classmethod
    def default_sale(cls):
        context = Transaction().context
        if context.get('active_model') == 'sale.sale':
            return context.get('active_id')

    @fields.depends('template', 'forbidden_extras')
    def get_extra_selection(self):
        if not self.template or not self.template.current_version:
            return []
        family = self.template.current_version.family
        forbidden = set(json.loads(self.forbidden_extras or '[]'))
        return [(option_value(o['code']), label(o))
            for o in family.to_dict()['extra_options']['options']
            if o['code'] not in forbidden]

    @fields.depends('template', methods=['refresh'])
    def on_change_template(self):
        self.version = (
            self.template.current_version if self.template else None)
        self.currency = self.template.currency if self.template else None
        self.extras = []
        self.choices = []
        if self.version:
            self.choices = [{
                    'version': self.version.id,
                    'position': p['code'],
                    'name': p['name'],
                    'required': p['required'],
                    'option': None,
                    } for p in self.version.family.to_dict()['positions']]
        self.refresh()

    @fields.depends('choices', 'extras', methods=['refresh'])
    def on_change_choices(self):
        self.refresh()

    @fields.depends('choices', 'extras', methods=['refresh'])
    def on_change_extras(self):
        self.refresh()

    @fields.depends('model_code_input', methods=['on_change_template'])
    def on_change_model_code_input(self):
        pool = Pool()
        Template = pool.get('ame.selection.template')
        if not self.model_code_input:
            return
        result = Template.parse(self.model_code_input)
        templates = Template.search(
            [('code', '=', result['family'])]) if result['family'] else []
        if not templates:
            self.errors = '\n'.join(e['message'] for e in result['errors'])
            self.valid = False
            return
        self.template, = templates
        self.on_change_template()
        for choice in self.choices:
            code = result['selections'].get(choice.position)
            choice.option = option_value(code) if code is not None else None
        self.extras = [option_value(c) for c in result['extras']]
        self.refresh()
        if not result['valid'] and not self.errors:
            self.errors = '\n'.join(e['message'] for e in result['errors'])

    def defaults(self):
        "The values of the configuration as the wizard's defaults"
        def id_(record):
            return record.id if record else None
        values = {name: getattr(self, name, None) for name in [
                'model_code_input', 'model_code', 'spec', 'price',
                'lead_days', 'valid', 'errors', 'extra_reasons',
                'forbidden_extras']}
        values.update({
                'template': id_(getattr(self, 'template', None)),
                'version': id_(getattr(self, 'version', None)),
                'currency': id_(getattr(self, 'currency', None)),
                'extras': list(getattr(self, 'extras', None) or []),
                'choices': [{
                        'version': id_(c.version), 'position': c.position,
                        'name': c.name, 'required': c.required,
                        'option': getattr(c, 'option', None),
                        'forbidden': c.forbidden,
                        'reasons': c.reasons,
                        } for c in getattr(self, 'choices', None) or []],
                })
        return values

    def selections(self):
        "The choices as configure takes them"
        return ({c.position: option_code(c.option) for c in self.choices or []
                if getattr(c, 'option', None)},
            [option_code(e) for e in self.extras or []])

    @fields.depends('template', 'version', 'choices', 'extras',
        'forbidden_extras')
    def refresh(self):
        "The model code, price, spec and errors of the choices"
        if not self.version:
            for name in ['model_code', 'spec', 'price', 'lead_days',
                    'errors', 'extra_reasons']:
                setattr(self, name, None)
            self.valid = False
            return
        family = self.version.family
        selections, extras = self.selections()
        result = family.configure(selections, extras)
        self.model_code = result['model_code']
        self.spec = result['spec']
        self.price = result['price']
        self.lead_days = result['lead_days']
        self.valid = result['valid']
        self.errors = '\n'.join(e['message'] for e in result['errors'])
        states = family.option_states(selections, extras)
        choices = list(self.choices or [])
        for choice in choices:
            choice.set_reasons(states.get(choice.position, {}))
        self.choices = choices
        extra_states = states.get('extras', {})
        self.forbidden_extras = json.dumps(
            [c for c, reason in extra_states.items() if reason])
        self.extra_reasons = reasons_text(extra_states)


class ConfiguratorChoice(ModelView):
    __name__ = 'ame.selection.configurator.choice'
    __string__ = "Selection Configurator Choice"

    version = fields.Many2One(
        'ame.selection.template.version', "Version", readonly=True)
    position = fields.Char("Position Code", readonly=True)
    name = fields.Char("Position", readonly=True)
    required = fields.Boolean("Required", readonly=True)
    option = fields.Selection(
        'get_option_selection', "Option",
        states={'required': Bool(Eval('required'))})
    forbidden = fields.Text("Forbidden Options", readonly=True)
    reasons = fields.Text("Unavailable Options", readonly=True)

    @fields.depends('version', 'position', 'forbidden', 'option')
    def get_option_selection(self):
        if not self.version:
            return [(None, '')]
        family = self.version.family.to_dict()
        forbidden = set(json.loads(self.forbidden or '[]'))
        for position in family['positions']:
            if position['code'] == self.position:
                return [(None, '')] + [
                    (option_value(o['code']), label(o))
                    for o in position['options']
                    if o['code'] not in forbidden
                    or option_value(o['code']) == self.option]
        return [(None, '')]

    def set_reasons(self, states):
        "The options the other choices forbid, and why"
        self.forbidden = json.dumps([c for c, r in states.items() if r])
        self.reasons = reasons_text(states)


def label(option):
    "An option in a list: its code and name"
    code = option['code'] or gettext('ame_selection.msg_empty_code')
    return f"{code} {option['name']}"


def reasons_text(states):
    "The lines 'code: reason' of the forbidden options"
    return '\n'.join(
        f"{code or gettext('ame_selection.msg_empty_code')}: {reason}"
        for code, reason in states.items() if reason)


class Configurator(Wizard):
    __name__ = 'ame.selection.configurator'
    start = StateView('ame.selection.configurator.start',
        'ame_selection.configurator_start_view_form', [
            Button("Close", 'end', 'tryton-close'),
            Button("Add to Quotation", 'add', 'tryton-ok', default=True,
                states={'readonly': ~Eval('valid') | ~Eval('sale')}),
            ])
    add = StateTransition()

    def default_start(self, fields):
        pool = Pool()
        Start = pool.get('ame.selection.configurator.start')
        values = {'quantity': 1}
        context = Transaction().context
        if context.get('active_model') == 'sale.sale':
            values['sale'] = context.get('active_id')
        # A selection table row opens its model code here: the web client
        # starts the wizard on the row (the active record)
        code = context.get('selection_model_code')
        if (not code and context.get('active_model')
                == 'ame.selection.table.row' and context.get('active_id')):
            Row = pool.get('ame.selection.table.row')
            with check_access():
                rows = Row.search([('id', '=', context['active_id'])])
            code = rows[0].model_code if rows else None
        if code:
            start = Start(model_code_input=code)
            start.on_change_model_code_input()
            values.update(start.defaults())
        return values

    def transition_add(self):
        pool = Pool()
        Line = pool.get('sale.line')
        start = self.start
        start.sale.check_lines_addable()
        Line.add_configured(start.sale, start.version,
            *start.selections(), quantity=start.quantity)
        return 'end'
