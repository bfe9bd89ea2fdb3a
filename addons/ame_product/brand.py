# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from collections import Counter

from sql.conditionals import NullIf
from sql.operators import Equal

from trytond.model import (
    DeactivableMixin, Exclude, ModelSQL, ModelView, Unique, fields)
from trytond.modules.ame_base.model import CodeSearchMixin
from trytond.pool import Pool


class Brand(CodeSearchMixin, DeactivableMixin, ModelSQL, ModelView):
    # 商标管理: the trademarks of the products the company makes (own
    # brands) or resells as an agent (agency brands).
    __name__ = 'product.brand'
    __string__ = "Brand"

    name = fields.Char("Name", required=True)
    code = fields.Char("Code", strip=True)
    own_brand = fields.Boolean(
        "Own Brand",
        help="Check for a brand of the company; "
        "leave unchecked for a brand the company resells as an agent.")
    owner = fields.Many2One(
        'party.party', "Owner", ondelete='RESTRICT',
        help="The owner of the trademark or the manufacturer.")
    country = fields.Many2One(
        'country.country', "Country of Origin", ondelete='RESTRICT')
    website = fields.Char("Website")
    logo = fields.Binary("Logo")
    description = fields.Text("Description")
    series = fields.One2Many('product.series', 'brand', "Series")
    agencies = fields.One2Many('product.brand.agency', 'brand', "Agencies")
    product_count = fields.Function(
        fields.Integer("Products"), 'get_product_count')

    @classmethod
    def __setup__(cls):
        cls.code.search_unaccented = False
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('name_unique', Unique(t, t.name),
                'ame_product.msg_brand_name_unique'),
            ('code_unique', Exclude(t, (NullIf(t.code, ''), Equal)),
                'ame_product.msg_brand_code_unique'),
            ]
        cls._order.insert(0, ('name', 'ASC'))

    @classmethod
    def default_own_brand(cls):
        return False


    @classmethod
    def get_product_count(cls, brands, name):
        pool = Pool()
        Template = pool.get('product.template')
        templates = Template.search([
                ('brand', 'in', [b.id for b in brands]),
                ])
        counts = Counter(t.brand.id for t in templates)
        return {b.id: counts[b.id] for b in brands}
