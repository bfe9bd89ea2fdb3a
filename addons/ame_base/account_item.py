# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields, sequence_ordered)
from trytond.model.exceptions import ValidationError

from .model import CodeSearchMixin


class AccountItem(
        CodeSearchMixin, sequence_ordered(), DeactivableMixin, ModelSQL,
        ModelView):
    # 帐款条目: the instalments of a contract's payment terms (deposit,
    # delivery, acceptance, warranty ...) with their usual share and delay.
    __name__ = 'ame.account.item'
    __string__ = "Account Item"

    code = fields.Char("Code", required=True)
    name = fields.Char("Name", required=True)
    kind = fields.Selection([
            ('receivable', "Receivable"),
            ('payable', "Payable"),
            ], "Kind", required=True, sort=False)
    category = fields.Selection([
            ('deposit', "Deposit / Advance"),
            ('progress', "Progress Payment"),
            ('delivery', "Delivery Payment"),
            ('acceptance', "Acceptance Payment"),
            ('warranty', "Warranty Retention"),
            ('other', "Other"),
            ], "Category", required=True, sort=False)
    percentage = fields.Numeric(
        "Default Percentage (%)", digits=(5, 2),
        help="The usual share of the contract amount, from 0 to 100.")
    due_days = fields.Integer(
        "Default Due Days",
        help="The usual number of days between the event and the payment.")
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'ame_base.msg_account_item_code_unique'),
            ]

    @classmethod
    def default_kind(cls):
        return 'receivable'

    @classmethod
    def default_category(cls):
        return 'other'


    @classmethod
    def validate_fields(cls, items, field_names):
        super().validate_fields(items, field_names)
        cls.check_percentage(items, field_names)

    @classmethod
    def check_percentage(cls, items, field_names=None):
        if field_names and not (field_names & {'percentage', 'due_days'}):
            return
        for item in items:
            if (item.percentage is not None
                    and not (0 <= item.percentage <= 100)):
                raise ValidationError(gettext(
                        'ame_base.msg_account_item_percentage',
                        item=item.rec_name))
            if item.due_days is not None and item.due_days < 0:
                raise ValidationError(gettext(
                        'ame_base.msg_account_item_due_days',
                        item=item.rec_name))
