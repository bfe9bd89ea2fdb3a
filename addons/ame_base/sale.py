# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Sale numbers: a quotation number (报价单号, BJ-202612-0001) from the
first save, an order number (销售订单号, XS-202612-0001) at confirmation.

Tryton's sale is one document from draft to done; a Chinese user knows it
first as a quotation, then as a sales order with a number of its own, the
one the customer's purchase order, the delivery and the invoice quote. So:

- ``number`` (Tryton's, the 单据号 of every list, error and link) is the
  quotation number from the first save, and the order number once
  confirmed; ``quotation_number`` keeps the quotation number for ever,
  shown and searched beside it;
- the rules are those of the sale configuration, per company: Tryton's
  ``sale_sequence`` numbers the orders (AME's default: XS, monthly) and
  ``sale_quotation_sequence`` the quotations (BJ, monthly); Tryton's own
  numbering at quotation only numbers the sales created before.
"""
from trytond import backend
from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.tools import grouped_slice
from trytond.transaction import Transaction

from .configuration import (
    default_multivalue, default_sequence, multivalue_sequence_field,
    sequence_field)
from .numbering import DocumentNumberMixin


class Configuration(metaclass=PoolMeta):
    __name__ = 'sale.configuration'

    sale_quotation_sequence = multivalue_sequence_field(
        'quotation', "Quotation Numbering")

    @classmethod
    def multivalue_model(cls, field):
        pool = Pool()
        if field == 'sale_quotation_sequence':
            return pool.get('sale.configuration.sequence')
        return super().multivalue_model(field)

    default_sale_quotation_sequence = default_multivalue(
        'sale_quotation_sequence')


class ConfigurationSequence(metaclass=PoolMeta):
    __name__ = 'sale.configuration.sequence'

    sale_quotation_sequence = sequence_field(
        'quotation', "Quotation Numbering")

    default_sale_quotation_sequence = default_sequence('quotation')

    @classmethod
    def default_sale_sequence(cls):
        # AME's order numbering rule (XS) for the companies that have not
        # chosen one: new tenants, the demo
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        try:
            return ModelData.get_id('ame_base', 'sequence_sale_order')
        except KeyError:
            return super().default_sale_sequence()


class Sale(DocumentNumberMixin, metaclass=PoolMeta):
    __name__ = 'sale.sale'
    _number_fields = ('number', 'quotation_number')
    # A quotation entered late (补录) is numbered in its month
    _number_date_fields = ('quotation_date', 'sale_date')

    quotation_number = fields.Char(
        "Quotation Number", readonly=True,
        help="The number of the sale as a quotation, kept once it is "
        "confirmed with its order number.")
    warehouse_required = fields.Function(
        fields.Boolean("Warehouse Required"), 'get_warehouse_required')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.quotation_number.search_unaccented = False
        # Tryton freezes the quotation date once the sale is numbered, as
        # it numbers at quotation; numbered from the first save, a draft
        # keeps its date editable
        cls.quotation_date.states = cls.quotation_date.states.copy()
        cls.quotation_date.states['readonly'] = Eval('state') != 'draft'
        # Tryton refuses to quote goods without a warehouse, in a message
        # about a line: the form marks the sale's warehouse required as
        # soon as a line ships goods.
        cls.warehouse.states = cls.warehouse.states.copy()
        cls.warehouse.states['required'] = (
            Eval('warehouse_required', False)
            & Eval('state').in_(['draft', 'quotation']))
        cls.warehouse.depends = (
            set(cls.warehouse.depends or ()) | {'warehouse_required'})

    @fields.depends('lines')
    def on_change_with_warehouse_required(self, name=None):
        pool = Pool()
        Line = pool.get('sale.line')
        types = Line.movable_types()
        return any(
            getattr(line, 'type', 'line') == 'line'
            and getattr(line, 'product', None)
            and line.product.type in types
            for line in self.lines or [])

    @classmethod
    def get_warehouse_required(cls, sales, name):
        # Every list of sales reads it (the warehouse's states depend on
        # it): one query, not the products of each sale's lines
        pool = Pool()
        Line = pool.get('sale.line')
        Product = pool.get('product.product')
        Template = pool.get('product.template')
        line = Line.__table__()
        product = Product.__table__()
        template = Template.__table__()
        cursor = Transaction().connection.cursor()
        required = set()
        for sub_ids in grouped_slice(
                [s.id for s in sales], backend.MAX_QUERY_PARAMS):
            cursor.execute(*line
                .join(product, condition=line.product == product.id)
                .join(template, condition=product.template == template.id)
                .select(line.sale,
                    where=fields.SQL_OPERATORS['in'](line.sale, sub_ids)
                    & (line.type == 'line')
                    & template.type.in_(list(Line.movable_types())),
                    group_by=line.sale))
            required.update(sale for sale, in cursor)
        return {s.id: s.id in required for s in sales}

    @classmethod
    def get_number_sequence(cls, company_id):
        pool = Pool()
        Configuration = pool.get('sale.configuration')
        return Configuration(1).get_multivalue(
            'sale_quotation_sequence', company=company_id)

    @property
    def has_order_number(self):
        "Tell whether the sale has its order number"
        return bool(self.number and self.number != self.quotation_number)

    @classmethod
    def set_number(cls, sales):
        # Called by quote: only the sales created before AME numbered
        # them at creation have no number yet; they get a quotation number
        for sale in sales:
            if not sale.number:
                sale.number = sale.quotation_number = cls.take_number(
                    sale.company.id, sale.quotation_date
                    or sale.sale_date or cls._today(sale.company.id))
        super().set_number(sales)

    @classmethod
    def set_order_number(cls, sales):
        "Give the sales that are confirmed their order number"
        pool = Pool()
        Configuration = pool.get('sale.configuration')
        configuration = Configuration(1)
        to_save = []
        for sale in sales:
            if ((sale.state, 'confirmed') not in cls._transitions
                    or sale.has_order_number):
                continue
            company_id = sale.company.id
            sequence = configuration.get_multivalue(
                'sale_sequence', company=company_id)
            # The order is dated at its confirmation (set_sale_date)
            date = sale.sale_date or cls._today(company_id)
            with Transaction().set_context(date=date, company=company_id):
                sale.number = sequence.get()
            to_save.append(sale)
        cls.save(to_save)

    @classmethod
    def _today(cls, company_id):
        pool = Pool()
        Date = pool.get('ir.date')
        with Transaction().set_context(company=company_id):
            return Date.today()

    @classmethod
    def confirm(cls, sales):
        # Before the processing, which makes the shipments and invoices
        # that quote the order
        cls.set_order_number(sales)
        super().confirm(sales)

    @classmethod
    def search_rec_name(cls, name, clause):
        domain = super().search_rec_name(name, clause)
        _, operator, value = clause
        # Found by its quotation number too, once it has its order number
        return domain + [('quotation_number', operator, value)]
