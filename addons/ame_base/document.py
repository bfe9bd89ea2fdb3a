# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The standard documents that AME guards: transitions alone move them
(guard.py) and what a user enters on them is bounded (model.py)."""
from trytond.pool import PoolMeta

from .guard import WorkflowGuardMixin
from .model import MAX_QUANTITY, MAX_UNIT_PRICE, InputBoundsMixin

# Tryton sells and buys back with negative quantities (sale_return, the
# credit of an invoice, purchase returns) and gives discounts as lines of
# negative price: sale and purchase lines keep the sign, within the bounds.
_LINE_BOUNDS = {
    'quantity': (-MAX_QUANTITY, MAX_QUANTITY),
    'unit_price': (-MAX_UNIT_PRICE, MAX_UNIT_PRICE),
    }


class Sale(WorkflowGuardMixin, InputBoundsMixin, metaclass=PoolMeta):
    __name__ = 'sale.sale'
    _guarded_fields = ('quoted_by', 'confirmed_by')


class SaleLine(WorkflowGuardMixin, InputBoundsMixin, metaclass=PoolMeta):
    __name__ = 'sale.line'
    _number_bounds = _LINE_BOUNDS


class Purchase(WorkflowGuardMixin, InputBoundsMixin, metaclass=PoolMeta):
    __name__ = 'purchase.purchase'
    _guarded_fields = ('quoted_by', 'confirmed_by')


class PurchaseLine(WorkflowGuardMixin, InputBoundsMixin, metaclass=PoolMeta):
    __name__ = 'purchase.line'
    _number_bounds = _LINE_BOUNDS


class Opportunity(WorkflowGuardMixin, InputBoundsMixin, metaclass=PoolMeta):
    __name__ = 'sale.opportunity'
    _guarded_fields = ('converted_by',)
    # Tryton numbers an opportunity at its creation (sale_opportunity
    # sequence) but keeps a number that the client sends
    _guarded_create_fields = ('number',)


class OpportunityLine(
        WorkflowGuardMixin, InputBoundsMixin, metaclass=PoolMeta):
    __name__ = 'sale.opportunity.line'
    # An opportunity is what a customer may buy: nothing negative
    _number_bounds = {'quantity': (0, MAX_QUANTITY)}
