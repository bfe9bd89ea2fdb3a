# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta
from trytond.transaction import Transaction

from .data_scope import DataScopeMixin, department_field, owner_field


class Sale(DataScopeMixin, metaclass=PoolMeta):
    __name__ = 'sale.sale'
    _handover_excluded_states = ('done', 'cancelled')
    employee = owner_field()
    department = department_field()

    @classmethod
    def default_employee(cls):
        return Transaction().context.get('employee')

