# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.model import DeactivableMixin, ModelSQL, ModelView, Unique, fields
from trytond.modules.ame_base.model import CodeSearchMixin
from trytond.pool import Pool


class Series(CodeSearchMixin, DeactivableMixin, ModelSQL, ModelView):
    # 产品系列: a product line of one brand (CK series CNC lathes, PT
    # pressure transmitters); its products share a typical specification.
    __name__ = 'product.series'
    __string__ = "Product Series"

    name = fields.Char("Name", required=True)
    code = fields.Char("Code", required=True, strip=True)
    brand = fields.Many2One(
        'product.brand', "Brand", required=True, ondelete='RESTRICT')
    category = fields.Many2One(
        'product.category', "Category", ondelete='RESTRICT',
        help="The product category the products of the series belong to.")
    description = fields.Text("Description")
    specification = fields.Text(
        "Specification Template",
        help="The typical specification lines of the products of the series, "
        "copied to a new product of the series.")
    templates = fields.One2Many('product.template', 'series', "Products")

    @classmethod
    def __setup__(cls):
        cls.code.search_unaccented = False
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'ame_product.msg_series_code_unique'),
            ]
        cls._order.insert(0, ('code', 'ASC'))

    def get_rec_name(self, name):
        return f'[{self.code}] {self.name}'


    @classmethod
    def validate_fields(cls, series, field_names):
        pool = Pool()
        Template = pool.get('product.template')
        super().validate_fields(series, field_names)
        if field_names is None or 'brand' in field_names:
            Template.check_series_brand(
                [t for s in series for t in s.templates])
