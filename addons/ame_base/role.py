# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.model import fields
from trytond.pool import PoolMeta


class Role(metaclass=PoolMeta):
    __name__ = 'res.role'

    data_scope = fields.Selection([
            ('own', "Own"),
            ('department', "Own Department"),
            ('department_tree', "Department and Sub-departments"),
            ('company', "Company"),
            ('all', "All Companies"),
            ], "Data Scope", required=True,
        help="The records of sales, opportunities, purchases ... that the "
        "users of the role see: their own, their department's, ...")

    @classmethod
    def default_data_scope(cls):
        return 'own'
