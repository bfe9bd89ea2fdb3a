# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Purchase numbers (采购单号, CG-202612-0001) from the first save, with
Tryton's own ``purchase_sequence`` of the purchase configuration (AME's
default: CG, monthly), dated by the purchase date or today."""
from trytond.pool import Pool, PoolMeta

from .numbering import DocumentNumberMixin


class ConfigurationSequence(metaclass=PoolMeta):
    __name__ = 'purchase.configuration.sequence'

    @classmethod
    def default_purchase_sequence(cls):
        # AME's numbering rule (CG) for the companies that have not chosen
        # one: new tenants, the demo
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        try:
            return ModelData.get_id('ame_base', 'sequence_purchase')
        except KeyError:
            return super().default_purchase_sequence()


class Purchase(DocumentNumberMixin, metaclass=PoolMeta):
    __name__ = 'purchase.purchase'
    _number_date_fields = ('purchase_date',)

    @classmethod
    def get_number_sequence(cls, company_id):
        pool = Pool()
        Configuration = pool.get('purchase.configuration')
        return Configuration(1).get_multivalue(
            'purchase_sequence', company=company_id)
