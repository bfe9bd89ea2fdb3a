# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta

from .mixin import (
    ApprovalLineMixin, ApprovalMixin, lines_content, reset_approval)


class Sale(ApprovalMixin, metaclass=PoolMeta):
    __name__ = 'sale.sale'
    # A quotation is submitted to approval; once approved it is confirmed
    _approval_transitions = {'confirm': ['quotation']}
    _approval_content_fields = {
        'party', 'currency', 'payment_term', 'lines'}
    _approval_content_messages = {
        'customer': 'ame_approval.msg_approval_changed_customer',
        'lines': 'ame_approval.msg_approval_changed_lines',
        'amount': 'ame_approval.msg_approval_changed_amount',
        'currency': 'ame_approval.msg_approval_changed_currency',
        'payment_term': 'ame_approval.msg_approval_changed_payment_term',
        }

    def get_approval_content(self):
        return {
            'customer': self.party.id if self.party else None,
            'lines': lines_content(self.lines),
            'amount': [str(self.untaxed_amount), str(self.total_amount)],
            'currency': self.currency.id if self.currency else None,
            'payment_term': (
                self.payment_term.id if self.payment_term else None),
            }

    @classmethod
    def confirm(cls, sales):
        cls.check_approval(sales, 'confirm')
        super().confirm(sales)

    @classmethod
    @reset_approval
    def draft(cls, sales):
        super().draft(sales)

    @classmethod
    @reset_approval
    def cancel(cls, sales):
        super().cancel(sales)


class Line(ApprovalLineMixin, metaclass=PoolMeta):
    __name__ = 'sale.line'
    _approval_document = 'sale'
