# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""销售线索 and 销售机会 on Tryton's sale.opportunity.

A lead (state ``lead``) carries the prospect as the rep heard of it: the
company's name, the person and the phone. 转为商机 (``convert_lead``)
finds the customer by the duplicate check of party.py, links it when the
user may see it, creates it (with its contact) owned by the converter when
nobody has it, and refuses, naming the other's code and owner, when it
belongs to somebody outside the user's scope; the opportunity is then the
converter's.

An opportunity moves through the stages that administrators keep
(``sale.opportunity.stage``), each with its default win probability; the
weighted amount is the amount times that probability. A rep marking an
opportunity lost gives the loss reason; a deal marked won by its button
gives the won reason (dictionaries: ame_base's lost_reason and this
module's opportunity_won_reason).
"""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, fields, sequence_ordered)
from trytond.exceptions import UserError
from trytond.modules.ame_base.dictionary import dictionary_field
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction, check_access

from . import duplicate

# The states whose stage, competitors and weighted amount still move
OPEN_STATES = ['lead', 'opportunity', 'converted']


class OpportunityStage(
        sequence_ordered(), DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'sale.opportunity.stage'
    __string__ = "Opportunity Stage"

    name = fields.Char("Name", required=True, translate=True)
    probability = fields.Integer(
        "Probability", required=True,
        domain=[('probability', '>=', 0), ('probability', '<=', 100)],
        help="The default win probability (%) of an opportunity at the "
        "stage.")

    @classmethod
    def default_probability(cls):
        return 0


class Opportunity(metaclass=PoolMeta):
    __name__ = 'sale.opportunity'

    lead_company = fields.Char(
        "Prospect Company",
        states={'readonly': Eval('state') != 'lead'},
        help="The name of the prospect's company as the lead gives it.")
    lead_contact = fields.Char(
        "Prospect Contact",
        states={'readonly': Eval('state') != 'lead'},
        help="The person to talk to at the prospect.")
    lead_phone = fields.Char(
        "Prospect Phone",
        states={'readonly': Eval('state') != 'lead'},
        help="The phone or mobile number of the prospect.")
    stage = fields.Many2One(
        'sale.opportunity.stage', "Stage", ondelete='RESTRICT',
        states={'readonly': ~Eval('state').in_(OPEN_STATES)},
        help="Where the deal stands; sets the conversion probability.")
    weighted_amount = fields.Function(Monetary(
            "Weighted Amount", currency='currency', digits='currency',
            help="The amount times the conversion probability."),
        'get_weighted_amount')
    competitors = fields.Text(
        "Competition Notes",
        help="The other makers the customer considers, and their offers.")
    won_reason = dictionary_field(
        'opportunity_won_reason', "Won Reason",
        help="Why the customer chose us.")
    # ame_base's 丢单原因, shared with the sales projects
    loss_reason = dictionary_field(
        'lost_reason', "Loss Reason",
        help="Why the deal was lost.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._buttons.update({
                'convert_lead': {
                    'invisible': Eval('state') != 'lead',
                    'depends': ['state'],
                    },
                'win': {
                    'invisible': Eval('state') != 'converted',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_stage(cls):
        pool = Pool()
        Stage = pool.get('sale.opportunity.stage')
        stages = Stage.search([], limit=1)
        return stages[0].id if stages else None

    @classmethod
    def default_conversion_probability(cls):
        pool = Pool()
        Stage = pool.get('sale.opportunity.stage')
        stage = cls.default_stage()
        if stage is not None:
            return Stage(stage).probability / 100
        return super().default_conversion_probability()

    @fields.depends('stage')
    def on_change_stage(self):
        if self.stage:
            self.conversion_probability = self.stage.probability / 100

    @classmethod
    def preprocess_values(cls, mode, values):
        # A stage set over RPC or by the server brings its probability as
        # the form's on_change does
        pool = Pool()
        Stage = pool.get('sale.opportunity.stage')
        values = super().preprocess_values(mode, values)
        if values.get('stage') and 'conversion_probability' not in values:
            values['conversion_probability'] = (
                Stage(values['stage']).probability / 100)
        return values

    @classmethod
    def view_attributes(cls):
        # The prospect's columns in the list of 销售线索, whose action sets
        # opportunity_leads in the context, not in that of 销售机会
        return super().view_attributes() + [
            (f'/tree/field[@name="{name}"]', 'tree_invisible',
                ~Eval('opportunity_leads', False))
            for name in ['lead_company', 'lead_contact', 'lead_phone']]

    def get_weighted_amount(self, name):
        if self.amount is None:
            return None
        amount = self.amount * Decimal(
            str(self.conversion_probability or 0))
        return self.currency.round(amount) if self.currency else amount

    @classmethod
    def copy(cls, opportunities, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('won_reason', None)
        default.setdefault('loss_reason', None)
        return super().copy(opportunities, default=default)

    @classmethod
    @ModelView.button
    def convert_lead(cls, leads):
        """转为商机: the customer and its contact found or created, the
        lead an opportunity of the converter"""
        pool = Pool()
        User = pool.get('res.user')
        user = User(Transaction().user)
        employee = user.employee
        if not employee:
            raise UserError(gettext('ame_crm.msg_lead_convert_no_employee'))
        for lead in leads:
            if not lead.party:
                lead.party = lead._lead_customer(employee)
            lead._lead_contact()
            lead.employee = employee
        cls.save(leads)
        cls.opportunity(leads)

    def _lead_customer(self, employee):
        """Return the customer of the lead: the one the duplicate check
        finds, when the user may see it, else a new one of employee"""
        pool = Pool()
        Party = pool.get('party.party')
        if not self.lead_company:
            raise UserError(gettext(
                    'ame_crm.msg_lead_convert_no_company',
                    lead=self.rec_name))
        prospect = Party(name=self.lead_company)
        for key, value, reason in self._lead_keys():
            other = Party.find_customer(key, value)
            if not other:
                continue
            with check_access():
                visible = Party.search([('id', '=', other.id)])
            if not visible:
                Party.raise_duplicate(prospect, other, reason)
            return other
        mechanisms = []
        if self.lead_phone:
            mechanisms.append({
                    'type': _phone_type(self.lead_phone),
                    'value': self.lead_phone})
        # With the converter's access and data scope, as on the form
        with check_access():
            customer, = Party.create([{
                        'name': self.lead_company,
                        'is_customer': True,
                        'owner': employee.id,
                        'addresses': [('create', [{}])],
                        'contact_mechanisms': [('create', mechanisms)],
                        }])
        return customer

    def _lead_keys(self):
        "Yield (key, value, reason) of the lead for Party.find_customer"
        pool = Pool()
        Party = pool.get('party.party')
        yield 'customer_name_key', Party.name_key(self.lead_company), 'name'
        if key := duplicate.phone_key(self.lead_phone):
            yield 'phone_key', key, 'phone'

    def _lead_contact(self):
        "Set the customer's contact of lead_contact, created when new"
        pool = Pool()
        Contact = pool.get('ame.customer.contact')
        if not self.lead_contact:
            return
        name = self.lead_contact.strip()
        contacts = Contact.search([
                ('party', '=', self.party.id), ('name', '=', name)], limit=1)
        if contacts:
            contact, = contacts
        else:
            values = {'party': self.party.id, 'name': name}
            phone_key = duplicate.phone_key(self.lead_phone)
            if phone_key and not any(
                    m.phone_key == phone_key
                    for m in self.party.contact_mechanisms):
                values[_phone_type(self.lead_phone)] = self.lead_phone
            with check_access():
                contact, = Contact.create([values])
        mechanisms = [m for m in contact.contact_mechanisms
            if m.type in {'mobile', 'phone'}]
        if mechanisms and not self.contact:
            self.contact = mechanisms[0]

    @classmethod
    @ModelView.button
    def lost(cls, opportunities):
        # A rep who gives up a deal says why; a deal lost because its
        # sales were cancelled (Tryton's process) has its sales to tell
        for opportunity in opportunities:
            if not opportunity.sales and not opportunity.loss_reason:
                raise UserError(gettext(
                        'ame_crm.msg_opportunity_loss_reason_required',
                        opportunity=opportunity.rec_name))
        super().lost(opportunities)

    @classmethod
    @ModelView.button
    def win(cls, opportunities):
        "赢单: the rep records a deal won, with its reason"
        for opportunity in opportunities:
            if not opportunity.won_reason:
                raise UserError(gettext(
                        'ame_crm.msg_opportunity_won_reason_required',
                        opportunity=opportunity.rec_name))
        cls.won(opportunities)


def _phone_type(number):
    "mobile for a Chinese mobile number (11 digits from 1), else phone"
    key = duplicate.phone_key(number) or ''
    return 'mobile' if len(key) == 11 and key.startswith('1') else 'phone'
