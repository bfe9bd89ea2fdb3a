# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""A sale's carrier prices its shipment from the rate table (carrier.py):
to the province or city of the shipment address, for the weight and volume
of the lines, at the sale date. sale_shipment_cost adds the price as the
shipment cost line when the sale is quoted; a sale to which no rate of its
carrier applies is not quoted. A sale without carrier charges no freight:
none by default, as most of a maker's sales name no carrier (the customer
collects, or the freight is agreed apart); choosing a carrier charges it on
the order."""
from trytond.model import fields
from trytond.pool import Pool, PoolMeta

from .carrier import rate_context


class ConfigurationSaleMethod(metaclass=PoolMeta):
    __name__ = 'sale.configuration.sale_method'

    @classmethod
    def default_sale_shipment_cost_method(cls):
        return None


class Sale(metaclass=PoolMeta):
    __name__ = 'sale.sale'

    @fields.depends('carrier', 'shipment_cost_method')
    def on_change_carrier(self):
        try:
            super_on_change = super().on_change_carrier
        except AttributeError:
            pass
        else:
            super_on_change()
        if self.carrier and not self.shipment_cost_method:
            self.shipment_cost_method = 'order'

    @classmethod
    def quote(cls, sales):
        # A method without carrier charges nothing, and sale_shipment_cost's
        # domain refuses it on a quotation
        without = [s for s in sales
            if not s.carrier and s.shipment_cost_method]
        if without:
            cls.write(without, {'shipment_cost_method': None})
        super().quote(sales)

    def _get_carrier_context(self, carrier):
        context = super()._get_carrier_context(carrier)
        if carrier.carrier_cost_method == 'rate':
            context = {**context, **self._get_rate_context()}
        return context

    def _get_rate_context(self):
        pool = Pool()
        Date = pool.get('ir.date')
        date = self.sale_date or Date.today()
        items = [(line.product, line.quantity, line.unit)
            for line in self.lines or []
            if line.type == 'line' and line.shipment_cost is None]
        return rate_context(self.shipment_address, date, items)

    def check_for_quotation(self):
        super().check_for_quotation()
        self.check_carrier_rate()

    def check_carrier_rate(self):
        "Refuse a sale whose carrier has no rate for its shipment"
        pool = Pool()
        Carrier = pool.get('carrier')
        if not (self.carrier and self.shipment_cost_method
                and self.carrier.carrier_cost_method == 'rate'
                and any(line.quantity >= 0
                    for line in self.lines if line.movable)):
            return
        arguments = Carrier.rate_arguments(self._get_rate_context())
        self.carrier.check_rate(document=self.rec_name, **arguments)
