# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.model import fields
from trytond.pool import PoolMeta

DATA_SCOPES = [
    ('own', "Own"),
    ('department', "Own Department"),
    ('department_tree', "Department and Sub-departments"),
    ('company', "Company"),
    ('all', "All Companies"),
    ]


class Role(metaclass=PoolMeta):
    # 角色管理: a role grants groups (screens, models, fields, buttons) and
    # the data scope of the records its users see (四级权限, level 4).
    __name__ = 'res.role'

    data_scope = fields.Selection(
        DATA_SCOPES, "Data Scope", required=True, sort=False,
        help="The business records the users of the role see: "
        "their own, those of their department, "
        "of their department and its sub-departments, "
        "of their company or of all companies.")

    @classmethod
    def default_data_scope(cls):
        return 'own'
