# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, fields, sequence_ordered)
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

from .condition import ConditionMixin
from .mixin import ApprovalConfigurationMixin
from .exceptions import ApprovalConfigurationError


class Business(
        ApprovalConfigurationMixin, ConditionMixin, DeactivableMixin,
        sequence_ordered(), ModelSQL, ModelView):
    # 审批业务: which action (transition) of which document model waits for
    # an approval, for which documents (condition) and from which amount.
    # Documents pick the first active business of their model and action
    # that matches; its first matching flow gives the approval levels.
    __name__ = 'ame.approval.business'
    __string__ = "Approval Business"

    name = fields.Char("Name", required=True)
    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='CASCADE')
    model = fields.Selection(
        'get_models', "Document", required=True,
        help="The kind of document that needs the approval.")
    transition = fields.Selection(
        'get_transitions', "Guarded Action", required=True,
        help="The action of the document that waits for the approval.")
    amount_field = fields.Selection(
        'get_amount_fields', "Amount Field",
        help="The amount of the document that thresholds, flows and "
        "approval limits compare with, in the company currency.")
    min_amount = Monetary(
        "Approval Above", currency='currency', digits='currency',
        states={
            'invisible': ~Eval('amount_field'),
            },
        help="Documents whose amount does not exceed it need no approval.")
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    flows = fields.One2Many(
        'ame.approval.flow', 'business', "Flows",
        help="The first active flow that matches the document gives the "
        "approval levels; no matching flow means no approval.")
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.append(('name', 'ASC'))


    def get_approval_model(self):
        return self.model

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    @property
    def condition_model(self):
        return self.model

    @classmethod
    def get_models(cls):
        "The document models that adopt the approval mixin"
        pool = Pool()
        IrModel = pool.get('ir.model')
        from .mixin import ApprovalMixin
        return [(None, '')] + IrModel.get_name_items(ApprovalMixin)

    @fields.depends('model')
    def get_transitions(self):
        pool = Pool()
        Button = pool.get('ir.model.button')
        Model = self._get_model()
        if not Model:
            return [(None, '')]
        names = list(Model._approval_transitions)
        strings = {b.name: b.string for b in Button.search([
                    ('model', '=', self.model),
                    ('name', 'in', names),
                    ])}
        return [(None, '')] + [(n, strings.get(n) or n) for n in names]

    @fields.depends('model')
    def get_amount_fields(self):
        pool = Pool()
        ModelField = pool.get('ir.model.field')
        if not self._get_model():
            return [(None, '')]
        return [(None, '')] + [(f.name, f.string) for f in ModelField.search([
                    ('model', '=', self.model),
                    ('ttype', '=', 'numeric'),
                    ], order=[('name', 'ASC')])]

    def _get_model(self):
        from .mixin import ApprovalMixin
        try:
            Model = Pool().get(self.model) if self.model else None
        except KeyError:
            return None
        if Model and issubclass(Model, ApprovalMixin):
            return Model

    @fields.depends('model', 'transition', 'amount_field')
    def on_change_model(self):
        Model = self._get_model()
        if not Model or self.transition not in Model._approval_transitions:
            self.transition = None
        if (not Model or self.amount_field not in Model._fields
                or Model._fields[self.amount_field]._type != 'numeric'):
            self.amount_field = None

    @classmethod
    def validate_fields(cls, businesses, field_names):
        super().validate_fields(businesses, field_names)
        cls.check_amount_field(businesses, field_names)

    @classmethod
    def check_amount_field(cls, businesses, field_names=None):
        if field_names and not (
                field_names & {'model', 'amount_field', 'min_amount'}):
            return
        for business in businesses:
            if business.amount_field:
                continue
            if business.min_amount is not None:
                raise ApprovalConfigurationError(gettext(
                        'ame_approval.msg_business_threshold_without_amount',
                        business=business.rec_name))
            for flow in business.flows:
                if flow.min_amount is not None or flow.max_amount is not None:
                    raise ApprovalConfigurationError(gettext(
                            'ame_approval.msg_flow_amount_without_field',
                            flow=flow.rec_name,
                            business=business.rec_name))

    def get_amount(self, document):
        """Return the amount of the document in the company currency, or
        None when the business has no amount field"""
        pool = Pool()
        Currency = pool.get('currency.currency')
        if not self.amount_field:
            return None
        amount = getattr(document, self.amount_field)
        if amount is None:
            return None
        currency = getattr(document, 'currency', None)
        if currency and currency != self.company.currency:
            amount = Currency.compute(
                currency, amount, self.company.currency)
        return self.company.currency.round(amount)

    def applies_to_amount(self, amount):
        return (self.min_amount is None
            or (amount is not None and amount > self.min_amount))

    def get_flows(self, documents, amounts):
        """Return for each document the first active flow that matches it
        (its amount from amounts) or None"""
        pool = Pool()
        Flow = pool.get('ame.approval.flow')
        result = dict.fromkeys(documents)
        remaining = list(documents)
        for flow in Flow.search([('business', '=', self.id)]):
            matching = [d for d in remaining
                if flow.match_amount(amounts.get(d))]
            for document in flow.filter_documents(matching):
                result[document] = flow
                remaining.remove(document)
        return result
