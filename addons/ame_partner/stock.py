# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""A customer shipment's carrier prices it from the rate table
(carrier.py): to the province or city of the delivery address, for the
weight and volume of what leaves, at the shipment's date. The cost of the
shipment (stock_shipment_cost) and its cost for the customer
(sale_shipment_cost, cost method 按发货) follow."""
from trytond.model import fields
from trytond.pool import Pool, PoolMeta

from .carrier import rate_context


class ShipmentOut(metaclass=PoolMeta):
    __name__ = 'stock.shipment.out'

    @fields.depends('carrier', 'delivery_address', 'outgoing_moves',
        'effective_date', 'planned_date', 'company')
    def _get_carrier_context(self):
        pool = Pool()
        Date = pool.get('ir.date')
        context = super()._get_carrier_context()
        if not self.carrier or self.carrier.carrier_cost_method != 'rate':
            return context
        date = self.effective_date or self.planned_date or Date.today()
        items = [(m.product, m.quantity, m.unit)
            for m in self.outgoing_moves or []]
        return {**context,
            **rate_context(self.delivery_address, date, items)}
