# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Entering a quotation: what Tryton asks for only when the quotation is
made is marked on the form where it is entered."""
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval


class Sale(metaclass=PoolMeta):
    __name__ = 'sale.sale'

    warehouse_required = fields.Function(
        fields.Boolean("Warehouse Required"),
        'on_change_with_warehouse_required')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # Tryton refuses to quote goods without a warehouse, in a message
        # about a line: the form marks the sale's warehouse required as
        # soon as a line ships goods.
        cls.warehouse.states['required'] = (
            Eval('warehouse_required', False)
            & Eval('state').in_(['draft', 'quotation']))

    @fields.depends('lines')
    def on_change_with_warehouse_required(self, name=None):
        pool = Pool()
        Line = pool.get('sale.line')
        types = Line.movable_types()
        return any(
            getattr(line, 'type', 'line') == 'line'
            and getattr(line, 'product', None)
            and line.product.type in types
            for line in self.lines or [])
