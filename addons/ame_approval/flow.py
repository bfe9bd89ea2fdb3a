# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, fields, sequence_ordered)
from trytond.modules.currency.fields import Monetary

from .condition import ConditionMixin
from .mixin import ApprovalConfigurationMixin
from .exceptions import ApprovalConfigurationError


class Flow(
        ApprovalConfigurationMixin, ConditionMixin, DeactivableMixin,
        sequence_ordered(), ModelSQL, ModelView):
    # 审批流程: the ordered levels of approval of a business for the
    # documents in an amount range that match a condition. Three levels is
    # the standard; enterprises may define more.
    __name__ = 'ame.approval.flow'
    __string__ = "Approval Flow"

    business = fields.Many2One(
        'ame.approval.business', "Business", required=True,
        ondelete='CASCADE')
    name = fields.Char("Name", required=True)
    min_amount = Monetary(
        "Amount Above", currency='currency', digits='currency',
        help="The flow applies to documents whose amount exceeds it.")
    max_amount = Monetary(
        "Amount Up To", currency='currency', digits='currency',
        help="The flow applies to documents whose amount does not "
        "exceed it.")
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    levels = fields.One2Many(
        'ame.approval.flow.level', 'flow', "Levels", required=True,
        help="The approval levels, in order.")
    level_count = fields.Function(
        fields.Integer("Levels"), 'get_level_count')
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('business')


    def get_approval_model(self):
        return self.business.model

    @fields.depends('business', '_parent_business.company')
    def on_change_with_currency(self, name=None):
        if self.business and self.business.company:
            return self.business.company.currency

    @property
    def condition_model(self):
        return self.business.model if self.business else None

    def get_level_count(self, name):
        return len(self.levels)

    def match_amount(self, amount):
        if self.min_amount is not None and (
                amount is None or amount <= self.min_amount):
            return False
        if self.max_amount is not None and (
                amount is None or amount > self.max_amount):
            return False
        return True

    @classmethod
    def validate_fields(cls, flows, field_names):
        super().validate_fields(flows, field_names)
        cls.check_amounts(flows, field_names)

    @classmethod
    def check_amounts(cls, flows, field_names=None):
        if field_names and not (
                field_names & {'business', 'min_amount', 'max_amount'}):
            return
        for flow in flows:
            if ((flow.min_amount is not None or flow.max_amount is not None)
                    and not flow.business.amount_field):
                raise ApprovalConfigurationError(gettext(
                        'ame_approval.msg_flow_amount_without_field',
                        flow=flow.rec_name,
                        business=flow.business.rec_name))
            if (flow.min_amount is not None and flow.max_amount is not None
                    and flow.max_amount <= flow.min_amount):
                raise ApprovalConfigurationError(gettext(
                        'ame_approval.msg_flow_amount_range',
                        flow=flow.rec_name))


class FlowLevel(sequence_ordered(), ModelSQL, ModelView):
    # A level of an approval flow: its node approves in turn.
    __name__ = 'ame.approval.flow.level'
    __string__ = "Approval Flow Level"

    flow = fields.Many2One(
        'ame.approval.flow', "Flow", required=True, ondelete='CASCADE')
    node = fields.Many2One(
        'ame.approval.node', "Node", required=True, ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('flow')
