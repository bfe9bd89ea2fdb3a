# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta

from .data_scope import DataScopeMixin, department_field


class Opportunity(DataScopeMixin, metaclass=PoolMeta):
    __name__ = 'sale.opportunity'
    _handover_excluded_states = ('converted', 'won', 'lost', 'cancelled')
    department = department_field()

    def _get_sale_opportunity(self):
        sale = super()._get_sale_opportunity()
        sale.employee = self.employee
        sale.department = self.department
        return sale
