# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta

from .mixin import ApprovalMixin, reset_approval


class Sale(ApprovalMixin, metaclass=PoolMeta):
    __name__ = 'sale.sale'
    # A quotation is submitted to approval; once approved it is confirmed
    _approval_transitions = {'confirm': ['quotation']}

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
