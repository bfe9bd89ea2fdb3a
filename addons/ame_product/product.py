# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import Index, fields
from trytond.model.exceptions import ValidationError
from trytond.pool import PoolMeta
from trytond.pyson import Bool, Eval, If
from trytond.tools import is_full_text, lstrip_wildcard


class Template(metaclass=PoolMeta):
    # 产品资料: brand, series, model code and technical data of a product.
    __name__ = 'product.template'

    brand = fields.Many2One(
        'product.brand', "Brand", ondelete='RESTRICT')
    series = fields.Many2One(
        'product.series', "Series", ondelete='RESTRICT',
        domain=[
            If(Bool(Eval('brand')),
                ('brand', '=', Eval('brand', -1)),
                ()),
            ],
        help="The product series, of the brand of the product.")
    model_code = fields.Char(
        "Model", strip=True,
        help="The model code (型号) under which the product is sold.")
    place_of_origin = fields.Char("Place of Origin")
    technical_specification = fields.Text(
        "Technical Specification",
        help="The technical parameters of the product, one per line.")

    @classmethod
    def __setup__(cls):
        cls.model_code.search_unaccented = False
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.brand, Index.Range())),
                Index(t, (t.series, Index.Range())),
                Index(t, (t.model_code, Index.Equality())),
                Index(t, (t.model_code, Index.Similarity())),
                })

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        code_value = operand
        if operator.endswith('like') and is_full_text(operand):
            code_value = lstrip_wildcard(operand)
        domain = super().search_rec_name(name, clause)
        return domain + [('model_code', operator, code_value, *extra)]

    @fields.depends('brand', 'series', '_parent_series.brand')
    def on_change_brand(self):
        if self.series and self.series.brand != self.brand:
            self.series = None

    @fields.depends(
        'series', 'brand', 'technical_specification',
        '_parent_series.brand', '_parent_series.specification')
    def on_change_series(self):
        if self.series:
            if not self.brand:
                self.brand = self.series.brand
            if not self.technical_specification:
                self.technical_specification = self.series.specification

    @classmethod
    def validate_fields(cls, templates, field_names):
        super().validate_fields(templates, field_names)
        if field_names is None or (field_names & {'brand', 'series'}):
            cls.check_series_brand(templates)

    @classmethod
    def check_series_brand(cls, templates):
        """Check that the series of each product belongs to its brand
        (the domain of series already refuses another brand)"""
        for template in templates:
            if template.series and template.series.brand != template.brand:
                raise ValidationError(gettext(
                        'ame_product.msg_product_series_brand',
                        product=template.rec_name,
                        series=template.series.rec_name,
                        brand=template.series.brand.rec_name))


class Product(metaclass=PoolMeta):
    __name__ = 'product.product'

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        code_value = operand
        if operator.endswith('like') and is_full_text(operand):
            code_value = lstrip_wildcard(operand)
        domain = super().search_rec_name(name, clause)
        return domain + [('template.model_code', operator, code_value, *extra)]
