# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, Unique, fields, tree)

from .model import CodeSearchMixin


class SalesRegion(CodeSearchMixin, tree(separator=' / '), DeactivableMixin,
        ModelSQL, ModelView):
    # 地区资料: a sales region groups provinces and cities of China; a
    # subdivision belongs to one region at most.
    __name__ = 'ame.sales.region'
    __string__ = "Sales Region"

    name = fields.Char("Name", required=True)
    code = fields.Char("Code", required=True)
    parent = fields.Many2One(
        'ame.sales.region', "Parent", ondelete='RESTRICT')
    children = fields.One2Many('ame.sales.region', 'parent', "Children")
    subdivisions = fields.Many2Many(
        'ame.sales.region-country.subdivision', 'region', 'subdivision',
        "Provinces and Cities")
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'ame_base.msg_sales_region_code_unique'),
            ]
        cls._order.insert(0, ('code', 'ASC'))


    @classmethod
    def find(cls, subdivision):
        "Return the region of the subdivision, or of its province, or None"
        while subdivision:
            regions = cls.search([
                    ('subdivisions', '=', subdivision.id),
                    ], limit=1)
            if regions:
                return regions[0]
            subdivision = subdivision.parent
        return None


class SalesRegionSubdivision(ModelSQL):
    __name__ = 'ame.sales.region-country.subdivision'
    __string__ = "Sales Region - Subdivision"

    region = fields.Many2One(
        'ame.sales.region', "Region", required=True, ondelete='CASCADE')
    subdivision = fields.Many2One(
        'country.subdivision', "Subdivision", required=True,
        ondelete='CASCADE')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('subdivision_unique', Unique(t, t.subdivision),
                'ame_base.msg_sales_region_subdivision_unique'),
            ]
