# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta

from .mixin import ApprovalMixin, reset_approval


class Purchase(ApprovalMixin, metaclass=PoolMeta):
    __name__ = 'purchase.purchase'
    # A quotation is submitted to approval; once approved it is confirmed
    _approval_transitions = {'confirm': ['quotation']}

    @classmethod
    def confirm(cls, purchases):
        cls.check_approval(purchases, 'confirm')
        super().confirm(purchases)

    @classmethod
    @reset_approval
    def draft(cls, purchases):
        super().draft(purchases)

    @classmethod
    @reset_approval
    def cancel(cls, purchases):
        super().cancel(purchases)
