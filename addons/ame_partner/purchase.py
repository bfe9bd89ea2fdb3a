# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""供应商价格: Tryton's supplier prices with validity dates and a history.

A price line (``purchase.product_supplier.price``, a quantity break of a
product's supplier) may be valid from a start date to an end date: the
purchase line takes only the prices valid at the purchase date (today for a
purchase without date). Among the lines that match, Tryton takes the last
one: the lines are ordered by quantity then start date, so that the highest
break and the most recent price win. Each change of a price line is logged
(``purchase.product_supplier.price.history``); the prices actually paid are
the lines of the supplier's purchases (the supplier price's 采购记录 page).
"""
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.product import price_digits
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, If
from trytond.transaction import Transaction, without_check_access

from .exceptions import SupplierSuspendedError

# The purchase states whose lines are prices paid (or agreed)
PAID_STATES = ['confirmed', 'processing', 'done']
# The fields of a price line whose change is logged
LOGGED_FIELDS = {'quantity', 'unit_price', 'start_date', 'end_date'}


class ProductSupplier(metaclass=PoolMeta):
    __name__ = 'purchase.product_supplier'

    price_history = fields.One2Many(
        'purchase.product_supplier.price.history', 'product_supplier',
        "Price History", readonly=True)
    purchase_lines = fields.Function(fields.Many2Many(
            'purchase.line', None, None, "Purchases",
            help="The lines of the confirmed purchases of the product to "
            "the supplier: the prices actually paid."),
        'get_purchase_lines')

    @classmethod
    def get_purchase_lines(cls, product_suppliers, name):
        pool = Pool()
        Line = pool.get('purchase.line')
        result = {}
        for product_supplier in product_suppliers:
            if product_supplier.product:
                product = ('product', '=', product_supplier.product.id)
            else:
                product = (
                    'product.template', '=', product_supplier.template.id)
            result[product_supplier.id] = [line.id for line in Line.search([
                        product,
                        ('purchase.party', '=', product_supplier.party.id),
                        ('purchase.company', '=',
                            product_supplier.company.id),
                        ('purchase.state', 'in', PAID_STATES),
                        ], order=[('purchase.purchase_date', 'DESC'),
                        ('id', 'DESC')])]
        return result

    @classmethod
    def copy(cls, product_suppliers, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('price_history', None)
        return super().copy(product_suppliers, default=default)


class ProductSupplierPrice(metaclass=PoolMeta):
    __name__ = 'purchase.product_supplier.price'

    start_date = fields.Date(
        "Start Date",
        domain=[
            If(Eval('start_date') & Eval('end_date'),
                ('start_date', '<=', Eval('end_date')),
                ()),
            ],
        help="The first day the price applies; empty: since always.")
    end_date = fields.Date(
        "End Date",
        domain=[
            If(Eval('start_date') & Eval('end_date'),
                ('end_date', '>=', Eval('start_date')),
                ()),
            ],
        help="The last day the price applies; empty: until further "
        "notice.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # Tryton uses the last matching line: the highest quantity break,
        # then the price valid from the latest date
        index = cls._order.index(('sequence', 'ASC NULLS FIRST')) + 1
        cls._order[index:index] = [
            ('quantity', 'ASC'),
            ('start_date', 'ASC NULLS FIRST'),
            ]

    @classmethod
    def get_pattern(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        pattern = super().get_pattern()
        # The date of get_purchase_price: the purchase's or today
        pattern['date'] = (Transaction().context.get('purchase_date')
            or Date.today())
        return pattern

    def match(self, quantity, unit, pattern):
        pattern = pattern.copy()
        date = pattern.pop('date', None)
        if date is not None and not self.is_valid(date):
            return False
        return super().match(quantity, unit, pattern)

    def is_valid(self, date):
        "Whether the price applies at date"
        return ((not self.start_date or self.start_date <= date)
            and (not self.end_date or date <= self.end_date))

    @classmethod
    def on_modification(cls, mode, prices, field_names=None):
        pool = Pool()
        History = pool.get('purchase.product_supplier.price.history')
        super().on_modification(mode, prices, field_names=field_names)
        if mode == 'create':
            History.log('created', [(p, None) for p in prices])
        elif mode == 'delete':
            History.log('deleted', [(p, p.unit_price) for p in prices])

    @classmethod
    def on_write(cls, prices, values):
        pool = Pool()
        History = pool.get('purchase.product_supplier.price.history')
        callbacks = super().on_write(prices, values)
        if values.keys() & LOGGED_FIELDS:
            old_prices = {p.id: p.unit_price for p in prices}

            def log():
                History.log('modified', [(p, old_prices[p.id])
                        for p in cls.browse(list(old_prices))])
            callbacks.append(log)
        return callbacks


class ProductSupplierPriceHistory(ModelSQL, ModelView):
    __name__ = 'purchase.product_supplier.price.history'
    __string__ = "Supplier Price History"

    date = fields.Timestamp("Date", readonly=True)
    user = fields.Many2One('res.user', "User", readonly=True)
    action = fields.Selection([
            ('created', "Created"),
            ('modified', "Modified"),
            ('deleted', "Deleted"),
            ], "Action", readonly=True)
    product_supplier = fields.Many2One(
        'purchase.product_supplier', "Supplier Price", readonly=True,
        ondelete='SET NULL')
    # Kept with the log, so that it outlives the supplier price
    company = fields.Many2One(
        'company.company', "Company", readonly=True, required=True)
    party = fields.Many2One(
        'party.party', "Supplier", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    template = fields.Many2One(
        'product.template', "Product", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    quantity = fields.Float(
        "Quantity", readonly=True, help="The minimal quantity (break).")
    old_unit_price = fields.Numeric(
        "Old Unit Price", digits=price_digits, readonly=True)
    unit_price = fields.Numeric(
        "Unit Price", digits=price_digits, readonly=True)
    currency = fields.Many2One('currency.currency', "Currency", readonly=True)
    start_date = fields.Date("Start Date", readonly=True)
    end_date = fields.Date("End Date", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('date', 'DESC'), ('id', 'DESC')]

    @classmethod
    def log(cls, action, prices):
        """Record action on prices, a list of (price line, its unit price
        before the change)"""
        transaction = Transaction()
        now = dt.datetime.now()
        # The supplier prices deleted with their prices keep no link
        deleted = transaction.delete_records.get(
            'purchase.product_supplier', set())
        records = []
        for price, old_unit_price in prices:
            product_supplier = price.product_supplier
            records.append({
                    'date': now,
                    'user': transaction.user,
                    'action': action,
                    'product_supplier': (product_supplier.id
                        if product_supplier.id not in deleted else None),
                    'company': product_supplier.company.id,
                    'party': product_supplier.party.id,
                    'template': product_supplier.template.id,
                    'quantity': price.quantity,
                    'old_unit_price': old_unit_price,
                    'unit_price': (price.unit_price
                        if action != 'deleted' else None),
                    'currency': product_supplier.currency.id,
                    'start_date': price.start_date,
                    'end_date': price.end_date,
                    })
        if records:
            with without_check_access():
                cls.create(records)


class Purchase(metaclass=PoolMeta):
    __name__ = 'purchase.purchase'

    def check_for_quotation(self):
        super().check_for_quotation()
        self.check_supplier_qualification()

    @classmethod
    def confirm(cls, purchases):
        for purchase in purchases:
            purchase.check_supplier_qualification()
        super().confirm(purchases)

    def check_supplier_qualification(self):
        "Refuse a purchase to a suspended supplier"
        if (self.party.is_supplier
                and self.party.supplier_qualification == 'suspended'):
            raise SupplierSuspendedError(gettext(
                    'ame_partner.msg_purchase_supplier_suspended',
                    purchase=self.rec_name, supplier=self.party.rec_name))
