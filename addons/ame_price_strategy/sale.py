# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The price strategies price where Tryton prices: get_sale_price of the
products, which the sale lines call from their on_change (product,
quantity, unit) with the sale's customer, date, currency and unit in the
context. A sale line keeps the strategy line that set its unit price
(price_strategy, set by the server); a quotation whose unit prices are
below the floor of its sales rep's roles (below_floor_price, set when it
is quoted) is what the approval business of floor prices selects."""
from collections import defaultdict
from itertools import chain

from trytond.cache import freeze
from trytond.model import ModelView, fields
from trytond.modules.product import price_digits
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access

# The context key of the unit prices that get_sale_price takes as the
# products' own (per default unit, in the company currency); private: the
# server strips the keys starting with "_" from the clients' contexts
STRATEGY_PRICES = '_ame_price_strategy_prices'
# The context key of the list prices that a sale line sets for its product
# (a configured model's price, ame_selection), per default unit in the
# company currency: the strategies' discounts apply to them; private too
LIST_PRICES = '_ame_price_strategy_list_prices'
# The fields of a sale line whose change decides its price anew
PRICE_FIELDS = {'type', 'product', 'quantity', 'unit', 'unit_price'}


class Product(metaclass=PoolMeta):
    __name__ = 'product.product'

    @classmethod
    def get_sale_price(cls, products, quantity=0):
        if STRATEGY_PRICES in Transaction().context:
            return super().get_sale_price(products, quantity=quantity)
        return cls.get_strategy_sale_price(products, quantity=quantity)[0]

    @classmethod
    def get_strategy_sale_price(cls, products, quantity=0):
        """Return the sale prices of the products (as get_sale_price, with
        its context) and for each the strategy line that set it, or None"""
        pool = Pool()
        Party = pool.get('party.party')
        Strategy = pool.get('ame.price.strategy')
        Uom = pool.get('product.uom')
        context = Transaction().context
        customer = (
            Party(context['customer']) if context.get('customer') else None)
        unit = Uom(context['uom']) if context.get('uom') else None
        list_prices = context.get(LIST_PRICES) or {}
        found = Strategy.get_prices(
            [(p, quantity, unit, list_prices.get(p.id)) for p in products],
            customer=customer, date=context.get('sale_date'))
        strategy_prices = {p.id: f.price for p, f in zip(products, found)
            if f.price is not None}
        with Transaction().set_context({STRATEGY_PRICES: strategy_prices}):
            prices = cls.get_sale_price(products, quantity=quantity)
        return prices, {p.id: f.line for p, f in zip(products, found)}

    @classmethod
    def convert_sale_price(cls, product, price, quantity=0):
        """Return price (per default unit, in the company currency) as
        get_sale_price returns the product's price with the context"""
        with Transaction().set_context({STRATEGY_PRICES: {product.id: price}}):
            return cls.get_sale_price([product], quantity=quantity)[
                product.id]

    def _get_sale_unit_price(self, quantity=0):
        context = Transaction().context
        for key in [STRATEGY_PRICES, LIST_PRICES]:
            prices = context.get(key) or {}
            if self.id in prices:
                return prices[self.id]
        return super()._get_sale_unit_price(quantity=quantity)


class Line(metaclass=PoolMeta):
    __name__ = 'sale.line'

    price_strategy = fields.Many2One(
        'ame.price.strategy.line', "Price Strategy", readonly=True,
        ondelete='RESTRICT',
        states={'invisible': Eval('type') != 'line'},
        help="The price strategy that set the unit price; empty when the "
        "price is the list price or was entered by hand.")
    floor_price = fields.Function(fields.Numeric(
            "Floor Price", digits=price_digits,
            states={'invisible': Eval('type') != 'line'},
            help="The lowest unit price that the sales rep's roles sell "
            "at without approval."),
        'get_floor')
    below_floor_price = fields.Function(fields.Boolean(
            "Below Floor Price",
            states={'invisible': Eval('type') != 'line'}),
        'get_floor')

    @classmethod
    def copy(cls, lines, default=None):
        # The copy's price is decided anew when it is created
        default = default.copy() if default is not None else {}
        default.setdefault('price_strategy', None)
        return super().copy(lines, default=default)

    def compute_fields(self, field_names=None):
        values = super().compute_fields(field_names=field_names)
        names = set(field_names) if field_names is not None else None
        if names is None or (
                names & PRICE_FIELDS and 'price_strategy' not in names):
            line = self.get_price_strategy()
            if line != self.price_strategy:
                values['price_strategy'] = line.id if line else None
        return values

    def get_list_price(self):
        """Return the list price of the line's product that the line sets
        (per default unit in the company currency), or None: the
        product's"""
        return None

    @fields.depends(methods=['get_list_price'])
    def _get_context_sale_price(self):
        context = super()._get_context_sale_price()
        list_price = self.get_list_price()
        if list_price is not None and self.product:
            context[LIST_PRICES] = {self.product.id: list_price}
        return context

    @fields.depends('type', 'product', 'quantity', 'unit_price', 'sale',
        methods=['_get_context_sale_price'])
    def on_change_with_price_strategy(self, name=None):
        # The client shows the strategy as soon as it has the price: it
        # does not read a new line again after saving its sale (the server
        # sets the field itself, the clients never send a read-only field)
        line = self.get_price_strategy()
        return line.id if line else None

    def get_price_strategy(self):
        """Return the strategy line whose price the line has, or None (a
        price by hand, the list price)"""
        pool = Pool()
        Product = pool.get('product.product')
        if (self.type != 'line' or not self.product or not self.sale
                or self.unit_price is None):
            return None
        with Transaction().set_context(self._get_context_sale_price()):
            prices, lines = Product.get_strategy_sale_price(
                [self.product], abs(self.quantity or 0))
        line = lines[self.product.id]
        if line and prices[self.product.id] == self.unit_price:
            return line

    @classmethod
    def strategy_prices(cls, lines):
        """Return for each line (with a product) the Price of the strategies
        for its sale, product and quantity: one query per sale"""
        pool = Pool()
        Strategy = pool.get('ame.price.strategy')
        by_sale = defaultdict(list)
        for line in lines:
            by_sale[line.sale].append(line)
        result = {}
        for sale, sale_lines in by_sale.items():
            requests = [
                (line.product, line.quantity, line.unit,
                    line.get_list_price())
                for line in sale_lines]
            found = Strategy.get_prices(requests, customer=sale.party,
                date=sale.sale_date, company_id=sale.company.id)
            result.update(zip(sale_lines, found))
        return result

    @classmethod
    def apply_price_strategies(cls, lines):
        """Price the lines (with a product) by the strategies, or at the
        list price when none applies"""
        lines = [ln for ln in lines if ln.type == 'line' and ln.product]
        found = cls.strategy_prices(lines)
        # One write for all, one UPDATE per distinct values
        to_write = defaultdict(list)
        for line, unit_price in cls.strategy_unit_prices(found).items():
            if unit_price is None:
                continue
            line_id = found[line].line.id if found[line].line else None
            if (unit_price != line.unit_price
                    or line_id != (line.price_strategy
                        and line.price_strategy.id)):
                to_write[unit_price, line_id].append(line)
        if to_write:
            cls.write(*chain.from_iterable(
                    (lns, {'unit_price': p, 'price_strategy': s})
                    for (p, s), lns in to_write.items()))

    @classmethod
    def strategy_unit_prices(cls, found):
        """Return the unit price of each line of found (line: Price) in its
        unit and currency, as get_sale_price gives it: the strategies'
        price, else the list price; one call per context and quantity"""
        pool = Pool()
        Product = pool.get('product.product')
        contexts = {}
        # The lines of a product in a batch have the same Price
        batches = defaultdict(lambda: defaultdict(list))
        for line, price in found.items():
            context = line._get_context_sale_price()
            key = freeze(context), abs(line.quantity or 0)
            contexts[key] = context
            batches[key][line.product].append((line, price.price))
        result = {}
        for key, by_product in batches.items():
            # Without a strategy price, get_sale_price gives the list price
            prices = {p.id: lines[0][1] for p, lines in by_product.items()
                if lines[0][1] is not None}
            with Transaction().set_context(
                    contexts[key], **{STRATEGY_PRICES: prices}):
                unit_prices = Product.get_sale_price(
                    list(by_product), quantity=key[1])
            for product, lines in by_product.items():
                result.update(
                    (line, unit_prices[product.id]) for line, _ in lines)
        return result

    @classmethod
    @without_check_access
    def get_floor(cls, lines, names):
        """The floor price of the lines for their sales reps, in the unit
        and currency of the line, and whether the unit price is below it"""
        pool = Pool()
        Product = pool.get('product.product')
        Strategy = pool.get('ame.price.strategy')
        result = {n: dict.fromkeys(ln.id for ln in lines) for n in names}
        if 'below_floor_price' in result:
            result['below_floor_price'] = dict.fromkeys(
                (ln.id for ln in lines), False)
        lines = [ln for ln in lines if ln.type == 'line' and ln.product]
        found = cls.strategy_prices(lines)
        by_sale = defaultdict(list)
        for line in lines:
            by_sale[line.sale].append(line)
        for sale, sale_lines in by_sale.items():
            profiles = Strategy.get_profiles(
                {ln.product.id for ln in sale_lines}, sale.company.id)
            percents = sale.get_floor_percents(list(profiles.values()))
            for line in sale_lines:
                percent = percents[line.product.id]
                base = found[line].base
                if not percent or base is None:
                    continue
                with Transaction().set_context(
                        line._get_context_sale_price()):
                    floor = Product.convert_sale_price(
                        line.product, base * percent / 100, line.quantity)
                if 'floor_price' in result:
                    result['floor_price'][line.id] = floor
                if 'below_floor_price' in result:
                    result['below_floor_price'][line.id] = (
                        line.unit_price is not None
                        and line.unit_price < floor)
        return result


class Sale(metaclass=PoolMeta):
    __name__ = 'sale.sale'

    below_floor_price = fields.Boolean(
        "Below Floor Price", readonly=True,
        help="When quoted, a unit price was below the floor price of the "
        "sales rep's roles: the approval business of floor prices "
        "applies.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._buttons.update({
                'apply_price_strategies': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    'icon': 'tryton-refresh',
                    },
                })

    @classmethod
    def default_below_floor_price(cls):
        return False

    @classmethod
    def copy(cls, sales, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('below_floor_price', False)
        return super().copy(sales, default=default)

    @classmethod
    @ModelView.button
    def apply_price_strategies(cls, sales):
        "Price the lines of the drafts by the price strategies"
        pool = Pool()
        Line = pool.get('sale.line')
        Line.apply_price_strategies([ln for s in sales
                if s.state == 'draft' for ln in s.lines])

    @classmethod
    def quote(cls, sales):
        # Before the state is written: the approval needed is decided when
        # the sale enters the quotation state, on the stored flag
        cls.set_below_floor_price([s for s in sales if s.state == 'draft'])
        super().quote(sales)

    @classmethod
    @without_check_access
    def set_below_floor_price(cls, sales):
        "Store whether a line of the sales is below its floor price"
        pool = Pool()
        Line = pool.get('sale.line')
        lines = [ln for s in sales for ln in s.lines]
        below = Line.get_floor(lines, ['below_floor_price'])[
            'below_floor_price']
        to_write = defaultdict(list)
        for sale in sales:
            value = any(below[ln.id] for ln in sale.lines)
            if value != sale.below_floor_price:
                to_write[value].append(sale)
        for value, value_sales in to_write.items():
            cls.write(value_sales, {'below_floor_price': value})

    @without_check_access
    def get_floor_users(self):
        """The users whose roles decide the floor prices: those of the
        sales rep (employee) of the sale, else the user"""
        pool = Pool()
        User = pool.get('res.user')
        users = []
        if self.employee:
            users = User.search([('employees', '=', self.employee.id)])
        return users or [User(Transaction().user)]

    def get_floor_percents(self, profiles):
        """Return the floor percentage of each product profile: the floor of
        the sales rep's roles, or the user's when it is higher (naming
        another employee on a sale does not lend his floor to the user)"""
        pool = Pool()
        Floor = pool.get('ame.price.floor')
        User = pool.get('res.user')
        company_id = self.company.id
        users = self.get_floor_users()
        percents = Floor.get_user_percent(users, profiles, company_id)
        user = User(Transaction().user)
        if user.id and user not in users:
            own = Floor.get_user_percent([user], profiles, company_id)
            percents = {k: max(filter(None, [p, own[k]]), default=None)
                for k, p in percents.items()}
        return percents
