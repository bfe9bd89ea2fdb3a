# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""A configured model on a quotation line: no product variant per
combination, the configuration is data on the line (the template version,
the choices, the model code, the configured price and the extra lead
days), set by the server (the configurator, configurator.py).

The configured price is the list price of the line's product for the price
strategies (ame_price_strategy's get_list_price): the customer's discounts
apply to it. Quoting and confirming a sale validate its configurations
again: one that its own version refuses stops the sale; one whose
template has a newer version since that reads it differently is named in
a warning."""
import datetime as dt
import json

from trytond.exceptions import UserWarning
from trytond.i18n import gettext
from trytond.model import fields
from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.product import price_digits
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction, check_access

# The fields the configurator sets on a line, never a client
CONFIGURATION_FIELDS = (
    'selection_version', 'selection_code', 'selection_choices',
    'selection_price', 'selection_lead_days')


class Line(metaclass=PoolMeta):
    __name__ = 'sale.line'

    selection_version = fields.Many2One(
        'ame.selection.template.version', "Selection Template Version",
        readonly=True, ondelete='RESTRICT',
        states={'invisible': ~Eval('selection_version')},
        help="The version of the selection template that configured the "
        "line.")
    selection_code = fields.Char(
        "Model Code", readonly=True,
        states={'invisible': ~Eval('selection_version')})
    selection_choices = fields.Text(
        "Choices", readonly=True,
        states={'invisible': True})
    selection_price = fields.Numeric(
        "Configured Price", digits=price_digits, readonly=True,
        states={'invisible': ~Eval('selection_version')},
        help="The price of the configuration in the template's currency, "
        "before the price strategies.")
    selection_lead_days = fields.Integer(
        "Extra Lead Days", readonly=True,
        states={'invisible': ~Eval('selection_version')},
        help="The days the options add to the product's lead time.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._guarded_create_fields = (
            tuple(cls._guarded_create_fields) + CONFIGURATION_FIELDS)

    @classmethod
    def add_configured(cls, sale, version, selections, extras, quantity=1):
        """Add to the draft sale a line of the model configured by the
        choices on the template version; return the line"""
        result = version.family.configure(selections, extras)
        if not result['valid']:
            raise ValidationError(gettext(
                    'ame_selection.msg_configuration_invalid',
                    errors='\n'.join(e['message'] for e in result['errors'])))
        line = cls(sale=sale, type='line', quantity=quantity)
        line.on_change_sale()
        line.product = version.template.product
        line.selection_version = version
        line.selection_code = result['model_code']
        line.selection_choices = json.dumps({
                'selections': result['selections'],
                'extras': result['extras'],
                }, ensure_ascii=False)
        line.selection_price = result['price']
        line.selection_lead_days = result['lead_days']
        line.on_change_product()
        line.description = '\n'.join(
            filter(None, [result['model_code'], result['spec']]))
        line.save()
        return line

    @property
    def selection(self):
        "The choices of the line: (selections, extras), or None"
        if self.selection_choices:
            data = json.loads(self.selection_choices)
            return data['selections'], data['extras']

    @fields.depends('selection_price', 'selection_version', 'company',
        'sale', '_parent_sale.sale_date')
    def get_list_price(self):
        list_price = super().get_list_price()
        if self.selection_version and self.selection_price is not None:
            pool = Pool()
            Currency = pool.get('currency.currency')
            Date = pool.get('ir.date')
            currency = self.selection_version.template.currency
            company_currency = self.company.currency if self.company else None
            list_price = self.selection_price
            if company_currency and currency != company_currency:
                date = (self.sale.sale_date if self.sale else None
                    ) or Date.today()
                with Transaction().set_context(date=date):
                    list_price = Currency.compute(
                        currency, list_price, company_currency,
                        round=False)
        return list_price

    @property
    @fields.depends('selection_lead_days')
    def planned_shipping_date(self):
        date = super().planned_shipping_date
        if date and self.selection_lead_days:
            date += dt.timedelta(days=self.selection_lead_days)
        return date

    def check_selection(self, current):
        """Return the errors of the line's configuration on its own
        version (messages), and the version in force (current) when it is
        newer and reads the line differently, with what it reads"""
        version = self.selection_version
        selections, extras = self.selection
        result = version.family.configure(selections, extras)
        errors = [e['message'] for e in result['errors']]
        if not errors and (self.product != version.template.product
                or result['model_code'] != self.selection_code):
            errors.append(gettext('ame_selection.msg_line_not_configured',
                    code=self.selection_code))
        change = None
        if current and current != version:
            now = current.family.configure(selections, extras)
            if (now['errors'] or now['model_code'] != result['model_code']
                    or now['price'] != result['price']
                    or now['lead_days'] != result['lead_days']):
                change = current, now
        return errors, change

    @classmethod
    def check_selections(cls, lines):
        """Refuse a configuration its version refuses; warn of a template
        changed since the line was configured"""
        pool = Pool()
        Template = pool.get('ame.selection.template')
        Warning = pool.get('res.user.warning')
        lines = [ln for ln in lines if ln.selection_version]
        # The versions in force, one query for all the templates
        current = Template.effective_versions(
            {ln.selection_version.template.id for ln in lines})
        changed = []
        for line in lines:
            errors, change = line.check_selection(
                current[line.selection_version.template.id])
            if errors:
                raise ValidationError(gettext(
                        'ame_selection.msg_line_invalid',
                        line=line.rec_name, code=line.selection_code,
                        errors='\n'.join(errors)))
            if change:
                changed.append((line, change))
        if changed:
            key = Warning.format('selection_changed', [
                    ln for ln, _ in changed])
            if Warning.check(key):
                raise SelectionChangedWarning(key, gettext(
                        'ame_selection.msg_line_template_changed',
                        lines='\n'.join(
                            describe_change(ln, *c) for ln, c in changed)))


def describe_change(line, version, now):
    "A line of the warning: what the newer version reads differently"
    if now['errors']:
        what = '; '.join(e['message'] for e in now['errors'])
    else:
        what = gettext('ame_selection.msg_change_reading',
            code=now['model_code'], price=now['price'],
            lead_days=now['lead_days'])
    return gettext('ame_selection.msg_change_line',
        code=line.selection_code, template=version.template.code,
        old=line.selection_version.number, new=version.number, what=what)


class Sale(metaclass=PoolMeta):
    __name__ = 'sale.sale'

    def check_lines_addable(self):
        """Refuse unless the user may add lines to the sale and it is a
        draft: the wizards that add them (the configurator, the selection
        tables) run without access checks"""
        pool = Pool()
        ModelAccess = pool.get('ir.model.access')
        Rule = pool.get('ir.rule')
        with check_access():
            ModelAccess.check('sale.line', 'create')
            if not self.search([('id', '=', self.id)]):
                raise AccessError(gettext(
                        'ame_selection.msg_quotation_access',
                        sale=self.rec_name))
            Rule.check(self.__name__, [self.id], 'write')
        if self.state != 'draft':
            raise ValidationError(gettext(
                    'ame_selection.msg_quotation_draft', sale=self.rec_name))

    @classmethod
    def quote(cls, sales):
        pool = Pool()
        Line = pool.get('sale.line')
        Line.check_selections([ln for s in sales for ln in s.lines])
        super().quote(sales)

    @classmethod
    def confirm(cls, sales):
        pool = Pool()
        Line = pool.get('sale.line')
        Line.check_selections([ln for s in sales for ln in s.lines])
        super().confirm(sales)


class SelectionChangedWarning(UserWarning):
    "A configured line reads differently on its template's newer version"
