# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""价格策略: the company's, a product's and a customer's price strategies.

A strategy is a document: drafted, submitted to the approval of its
business (ame_approval), approved, active from its start date (at once or
by the daily cron) until its end date or until a newer version of it is
active, then expired. An active strategy is never edited: 修订 (revise)
makes a draft of its next version, which replaces it when it is active.

Only the active strategies valid on the sale date price the sale lines
(sale.py plugs them into Tryton's get_sale_price). Among the lines that
apply to a product and quantity the precedence is, first to last:

1. the level of the strategy: a customer strategy of the party, of the
   party's customer grade, a product strategy, the company strategy;
2. the scope of the line: the product, its series, its brand, its
   category (the nearest of its categories' ancestors first), all products;
3. the largest quantity break not above the quantity;
4. the latest start date (then the latest line).

The company strategy's list prices (method list_price) are not in that
contest: they replace the product's list price, on which the discounts
apply, and set the price when no other line applies.
"""
import datetime as dt
from collections import defaultdict, namedtuple
from decimal import Decimal

from sql import Column, Null, Window
from sql.aggregate import Min
from sql.conditionals import Case, Coalesce

from trytond import backend
from trytond.i18n import gettext
from trytond.model import (
    Index, ModelSQL, ModelView, Workflow, fields)
from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.ame_approval.mixin import ApprovalMixin, reset_approval
from trytond.modules.ame_base.guard import WorkflowGuardMixin
from trytond.modules.ame_base.model import (
    MAX_QUANTITY, MAX_UNIT_PRICE, InputBoundsMixin)
from trytond.modules.ame_base.numbering import DocumentNumberMixin
from trytond.modules.product import price_digits
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval, If
from trytond.tools import grouped_slice
from trytond.transaction import Transaction, without_check_access

KINDS = [
    ('company', "Company"),
    ('product', "Product"),
    ('customer', "Customer"),
    ]
STATES = [
    ('draft', "Draft"),
    ('submitted', "Submitted"),
    ('approved', "Approved"),
    ('active', "Active"),
    ('expired', "Expired"),
    ('cancelled', "Cancelled"),
    ]
SCOPES = [
    ('product', "Product"),
    ('series', "Series"),
    ('brand', "Brand"),
    ('category', "Category"),
    ('all', "All Products"),
    ]
METHODS = [
    ('discount', "Discount on List Price"),
    ('fixed', "Fixed Unit Price"),
    ('list_price', "List Price"),
    ]
# The precedence of the scopes, the most specific first
SCOPE_RANKS = {s: i for i, (s, _) in enumerate(SCOPES)}
# The states in which the fields of a strategy are edited
EDITABLE = Eval('state') != 'draft'

# A line of an active strategy as the pricing reads it
Candidate = namedtuple('Candidate', [
        'id', 'strategy', 'level', 'start_date', 'scope', 'product',
        'series', 'brand', 'category', 'min_quantity', 'method', 'discount',
        'unit_price'])
# The price a product gets: price and base (the list price the discounts
# apply to) per unit of the product's default unit in the company currency;
# line is the strategy line that set the price (None: none applies)
Price = namedtuple('Price', ['price', 'line', 'base'])


def strategy_level(kind, customer, customer_grade):
    """The level of a strategy in the precedence, the strongest first: 1 a
    customer's, 2 a customer grade's, 3 a product strategy, 4 the
    company's"""
    if kind == 'customer':
        return 1 if customer else 2
    return 3 if kind == 'product' else 4


def strategy_level_sql(strategy):
    "strategy_level of the rows of the strategy table, in SQL"
    return Case(
        ((strategy.kind == 'customer') & (strategy.customer != Null), 1),
        (strategy.kind == 'customer', 2),
        (strategy.kind == 'product', 3),
        else_=4)


def _decimal(value):
    "SQLite returns numerics as float or int"
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def candidate(id_, strategy, level, start_date, scope, product, series,
        brand, category, min_quantity, method, discount, unit_price):
    "The Candidate of a row of PriceStrategy.get_candidates' query"
    if isinstance(start_date, str):
        start_date = dt.date.fromisoformat(start_date)
    return Candidate(
        id=id_, strategy=strategy, level=level, start_date=start_date,
        scope=scope, product=product, series=series, brand=brand,
        category=category, min_quantity=min_quantity, method=method,
        discount=_decimal(discount), unit_price=_decimal(unit_price))


def precedence_key(candidate, distance=0):
    """The sort key of a candidate line, the one that prices first:
    level, scope (distance: how far up the product's categories the line's
    category is), quantity break, start date, line"""
    return (candidate.level, SCOPE_RANKS[candidate.scope], distance,
        -candidate.min_quantity, -candidate.start_date.toordinal(),
        -candidate.id)


class ProductProfile:
    """What the strategy lines match of a product: its series, brand and
    categories (category id: distance from the product's own
    categories); its list price and default unit (id)"""
    __slots__ = ('id', 'series', 'brand', 'categories', 'list_price',
        'default_uom')

    def __init__(self, id_, series=None, brand=None, categories=None,
            list_price=None, default_uom=None):
        self.id = id_
        self.series = series
        self.brand = brand
        self.categories = categories or {}
        self.list_price = list_price
        self.default_uom = default_uom

    def scope_keys(self):
        "The (scope, value) of the candidates that may apply to the product"
        yield 'all', None
        yield 'product', self.id
        for scope in ['series', 'brand']:
            if getattr(self, scope) is not None:
                yield scope, getattr(self, scope)
        for category in self.categories:
            yield 'category', category

    def match(self, candidate):
        """Return the distance of the candidate's scope to the product
        (0 except for categories), or None when it does not apply"""
        scope = candidate.scope
        if scope == 'all':
            return 0
        if scope == 'category':
            return self.categories.get(candidate.category)
        value = self.id if scope == 'product' else getattr(self, scope)
        if value is not None and getattr(candidate, scope) == value:
            return 0


def default_quantity(quantity, unit, default_uom):
    """Return the quantity of unit (None: the default unit) in the default
    unit (id) of a product"""
    pool = Pool()
    Uom = pool.get('product.uom')
    quantity = abs(quantity or 0)
    if unit is None or unit.id == default_uom:
        return quantity
    default_uom = Uom(default_uom)
    if unit.category == default_uom.category:
        return Uom.compute_qty(unit, quantity, default_uom, round=False)
    return quantity


def category_distances(categories, parents):
    """Return the distance of the categories and of their ancestors
    (parents: category id: parent id) from the categories"""
    distances = {}
    for category in categories:
        distance = 0
        while category is not None:
            known = distances.get(category)
            if known is None or known > distance:
                distances[category] = distance
            category, distance = parents.get(category), distance + 1
    return distances


def scope_value(candidate):
    "The value of the candidate's scope: a product, series, brand, category"
    if candidate.scope != 'all':
        return getattr(candidate, candidate.scope)


def group_candidates(candidates):
    """Return the candidates grouped by (list price method, scope, scope
    value), each group in the order of precedence"""
    groups = defaultdict(list)
    for candidate in candidates:
        groups[candidate.method == 'list_price', candidate.scope,
            scope_value(candidate)].append(candidate)
    for group in groups.values():
        group.sort(key=precedence_key)
    return groups


def leaders(groups, profile, quantity, methods=None):
    """Return the first candidate for the quantity of each group (of
    group_candidates) that applies to the product (among the methods,
    default all): the others never win, as the candidates of a group have
    the same scope and distance"""
    result = []
    for list_price in [True, False]:
        for key in profile.scope_keys():
            for candidate in groups.get((list_price, *key), []):
                if methods is not None and candidate.method not in methods:
                    continue
                if candidate.min_quantity <= quantity:
                    result.append(candidate)
                    break
    return result


def best(candidates, profile, quantity):
    "Return the candidate that prices the product's quantity, or None"
    keys = []
    for candidate in candidates:
        if candidate.min_quantity > quantity:
            continue
        distance = profile.match(candidate)
        if distance is not None:
            keys.append((precedence_key(candidate, distance), candidate))
    return min(keys, key=lambda k: k[0])[1] if keys else None


def resolve(candidates, profile, quantity, list_price=None):
    """Return the Price of the product's quantity among the candidates;
    list_price, when given, is the list price of this request (a
    configured model's), to which only the discounts apply"""
    list_prices = [c for c in candidates if c.method == 'list_price']
    others = [c for c in candidates if c.method != 'list_price']
    if list_price is not None:
        list_prices = []
        others = [c for c in others if c.method == 'discount']
    list_line = best(list_prices, profile, quantity)
    base = list_line.unit_price if list_line else profile.list_price
    if list_price is not None:
        base = list_price
    line = best(others, profile, quantity)
    if line and line.method == 'fixed':
        return Price(line.unit_price, line, base)
    if line and base is not None:
        rate = 1 - line.discount / 100
        return Price(base * rate, line, base)
    if list_line:
        return Price(base, list_line, base)
    return Price(None, None, base)


class PriceStrategy(
        DocumentNumberMixin, ApprovalMixin, WorkflowGuardMixin,
        InputBoundsMixin, Workflow, ModelSQL, ModelView):
    __name__ = 'ame.price.strategy'
    __string__ = "Price Strategy"
    _rec_name = 'number'
    _number_document = 'price_strategy'
    _number_date_fields = ('start_date',)
    # Approved, the strategy runs the transition approve
    _approval_transitions = {'approve': ['submitted']}
    _approval_content_fields = {
        'kind', 'customer', 'customer_grade', 'start_date', 'end_date',
        'lines'}
    _approval_content_messages = {
        'customer': 'ame_price_strategy.msg_approval_changed_customer',
        'dates': 'ame_price_strategy.msg_approval_changed_dates',
        'lines': 'ame_price_strategy.msg_approval_changed_lines',
        }

    company = fields.Many2One(
        'company.company', "Company", required=True,
        states={'readonly': EDITABLE})
    number = fields.Char("Number", readonly=True)
    name = fields.Char(
        "Name", required=True, states={'readonly': EDITABLE})
    kind = fields.Selection(
        KINDS, "Kind", required=True, states={'readonly': EDITABLE},
        help="Company: the list prices and general discounts; Product: the "
        "discounts of products, series, brands or categories; Customer: "
        "the prices of a customer or of a customer grade, which come "
        "first.")
    customer = fields.Many2One(
        'party.party', "Customer", ondelete='RESTRICT',
        domain=[('is_customer', '=', True)],
        states={
            'readonly': EDITABLE,
            'invisible': Eval('kind') != 'customer',
            'required': ((Eval('kind') == 'customer')
                & ~Eval('customer_grade')),
            },
        context={'company': Eval('company', -1)}, depends={'company'},
        help="The customer whose prices the strategy sets.")
    customer_grade = fields.Many2One(
        'ame.dictionary.value', "Customer Grade", ondelete='RESTRICT',
        domain=[('category.code', '=', 'customer_grade')],
        states={
            'readonly': EDITABLE,
            'invisible': Eval('kind') != 'customer',
            'required': (Eval('kind') == 'customer') & ~Eval('customer'),
            },
        help="The grade of the customers whose prices the strategy sets; "
        "a strategy of the customer itself comes first.")
    start_date = fields.Date(
        "Start Date", required=True, states={'readonly': EDITABLE},
        help="The first sale date that the strategy prices.")
    end_date = fields.Date(
        "End Date", states={'readonly': EDITABLE},
        domain=[If(Bool(Eval('end_date')),
                ('end_date', '>=', Eval('start_date')), ())],
        help="The last sale date that the strategy prices; empty for no "
        "end.")
    version = fields.Integer("Version", readonly=True, required=True)
    previous_version = fields.Many2One(
        'ame.price.strategy', "Previous Version", readonly=True,
        ondelete='RESTRICT',
        help="The version this one replaces once it is active.")
    next_versions = fields.One2Many(
        'ame.price.strategy', 'previous_version', "Next Versions",
        readonly=True)
    state = fields.Selection(
        STATES, "State", readonly=True, required=True, sort=False)
    lines = fields.One2Many(
        'ame.price.strategy.line', 'strategy', "Lines",
        states={'readonly': EDITABLE})
    description = fields.Text(
        "Description", states={'readonly': EDITABLE})
    level = fields.Function(fields.Integer(
            "Precedence",
            help="1 a customer's, 2 a customer grade's, 3 a product "
            "strategy, 4 the company's: the smaller comes first."),
        'on_change_with_level')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.number.search_unaccented = False
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.number, Index.Equality())),
                Index(t,
                    (t.company, Index.Range()),
                    (t.start_date, Index.Range()),
                    where=t.state == 'active'),
                Index(t, (t.customer, Index.Range()),
                    where=t.state == 'active'),
                Index(t, (t.customer_grade, Index.Range()),
                    where=t.state == 'active'),
                })
        cls._order = [
            ('start_date', 'DESC NULLS FIRST'),
            ('number', 'DESC'),
            ('version', 'DESC'),
            ('id', 'DESC'),
            ]
        cls._transitions |= {
            ('draft', 'submitted'),
            ('submitted', 'draft'),
            ('submitted', 'approved'),
            ('approved', 'active'),
            ('approved', 'expired'),
            ('active', 'expired'),
            ('draft', 'cancelled'),
            ('submitted', 'cancelled'),
            ('cancelled', 'draft'),
            }
        cls._buttons.update({
                'submit': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    'icon': 'tryton-forward',
                    },
                'draft': {
                    'invisible': ~Eval('state').in_(
                        ['submitted', 'cancelled']),
                    'depends': ['state'],
                    'icon': 'tryton-back',
                    },
                'cancel': {
                    'invisible': ~Eval('state').in_(['draft', 'submitted']),
                    'depends': ['state'],
                    'icon': 'tryton-cancel',
                    },
                # Approved by the approval engine; by hand when the
                # configuration needs no approval any more
                'approve': {
                    'invisible': Eval('state') != 'submitted',
                    'depends': ['state'],
                    'icon': 'tryton-ok',
                    },
                'revise': {
                    'invisible': ~Eval('state').in_(['approved', 'active']),
                    'depends': ['state'],
                    'icon': 'tryton-copy',
                    },
                })

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_kind(cls):
        return Transaction().context.get('price_strategy_kind', 'product')

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def default_version(cls):
        return 1

    @classmethod
    def default_start_date(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        return Date.today()

    @fields.depends('kind', 'customer', 'customer_grade')
    def on_change_with_level(self, name=None):
        if self.kind:
            return strategy_level(
                self.kind, self.customer, self.customer_grade)

    @fields.depends('kind')
    def on_change_kind(self):
        if self.kind != 'customer':
            self.customer = self.customer_grade = None

    def get_rec_name(self, name):
        number = self.number or ''
        if self.version and self.version > 1:
            number = f'{number} v{self.version}'
        return f'{number} {self.name}'.strip()

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        if operator.startswith('!') or operator.startswith('not '):
            bool_op = 'AND'
        else:
            bool_op = 'OR'
        return [bool_op,
            ('number', operator, operand, *extra),
            ('name', operator, operand, *extra),
            ]

    def get_approval_content(self):
        return {
            'customer': [
                self.kind,
                self.customer.id if self.customer else None,
                self.customer_grade.id if self.customer_grade else None],
            'dates': [str(self.start_date), str(self.end_date)],
            'lines': sorted(
                (line.get_approval_content() for line in self.lines),
                key=str),
            }

    def get_approval_name(self, amount=None, currency=None):
        return self.rec_name

    @classmethod
    def validate_fields(cls, strategies, field_names):
        super().validate_fields(strategies, field_names)
        cls.check_customer(strategies, field_names)

    @classmethod
    def check_customer(cls, strategies, field_names=None):
        "A customer strategy is of a customer or of a grade, not both"
        if field_names and not (
                field_names & {'kind', 'customer', 'customer_grade'}):
            return
        for strategy in strategies:
            if (strategy.kind == 'customer'
                    and bool(strategy.customer)
                    == bool(strategy.customer_grade)):
                raise ValidationError(gettext(
                        'ame_price_strategy.msg_strategy_customer',
                        strategy=strategy.rec_name))

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if mode == 'delete':
            for strategy in records:
                if strategy.state not in {'draft', 'cancelled'}:
                    raise AccessError(gettext(
                            'ame_price_strategy.msg_strategy_delete',
                            strategy=strategy.rec_name))

    @classmethod
    def copy(cls, strategies, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('version', 1)
        default.setdefault('previous_version', None)
        default.setdefault('next_versions', None)
        return super().copy(strategies, default=default)

    @classmethod
    def check_lines(cls, strategies):
        "A strategy is submitted with lines that fit its kind"
        for strategy in strategies:
            if not strategy.lines:
                raise ValidationError(gettext(
                        'ame_price_strategy.msg_strategy_no_lines',
                        strategy=strategy.rec_name))
        Line = Pool().get('ame.price.strategy.line')
        Line.check_method(sum((list(s.lines) for s in strategies), []))

    @classmethod
    @ModelView.button
    def submit(cls, strategies):
        """Submit the drafts: to the approval of their business, or
        approved at once when no business applies to them"""
        cls.check_lines(strategies)
        cls._submit(strategies)
        strategies = cls.browse(strategies)
        free = [s for s in strategies if s.approval_state == 'none']
        if free:
            cls.approve(free)
        waiting = [s for s in strategies if s.approval_state == 'required']
        if waiting:
            return cls.submit_approval(waiting)

    @classmethod
    @Workflow.transition('submitted')
    def _submit(cls, strategies):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    @reset_approval
    def draft(cls, strategies):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('cancelled')
    @reset_approval
    def cancel(cls, strategies):
        pass

    @classmethod
    @ModelView.button
    def approve(cls, strategies):
        "Approve the strategies and activate those whose date has come"
        cls._approve(strategies)
        cls.update_states(strategies)

    @classmethod
    @Workflow.transition('approved')
    def _approve(cls, strategies):
        cls.check_approval(strategies, 'approve')

    @classmethod
    def approval_approved(cls, strategies):
        super().approval_approved(strategies)
        cls.approve(strategies)

    @classmethod
    @Workflow.transition('active')
    def activate(cls, strategies):
        # The version a strategy replaces expires when it is active
        cls.expire([s.previous_version for s in strategies
                if s.previous_version
                and s.previous_version.state in {'approved', 'active'}])

    @classmethod
    @Workflow.transition('expired')
    def expire(cls, strategies):
        pass

    @classmethod
    def update_states(cls, strategies=None, date=None):
        """Activate the approved strategies whose start date has come and
        expire those whose end date has passed (by default all of them, as
        of today)"""
        pool = Pool()
        Date = pool.get('ir.date')
        if date is None:
            date = Date.today()
        if strategies is None:
            strategies = cls.search([
                    ('state', 'in', ['approved', 'active']),
                    ], order=[('start_date', 'ASC'), ('version', 'ASC')])
        ids = [s.id for s in strategies]
        cls.expire([s for s in cls.browse(ids)
                if s.end_date and s.end_date < date])
        cls.activate([s for s in cls.browse(ids)
                if s.state == 'approved' and s.start_date <= date])

    @classmethod
    def update_states_cron(cls):
        "The daily cron: update the strategies of every company"
        pool = Pool()
        Company = pool.get('company.company')
        for company in Company.search([]):
            with Transaction().set_context(company=company.id):
                cls.update_states(cls.search([
                            ('company', '=', company.id),
                            ('state', 'in', ['approved', 'active']),
                            ], order=[
                            ('start_date', 'ASC'), ('version', 'ASC')]))

    @classmethod
    @ModelView.button_action('ame_price_strategy.act_strategy_revision')
    def revise(cls, strategies):
        """Make the draft of the next version of the approved or active
        strategies; return the action that opens them"""
        revisions = []
        for strategy in strategies:
            pending = [s for s in strategy.next_versions
                if s.state not in {'cancelled', 'expired'}]
            if pending:
                raise AccessError(gettext(
                        'ame_price_strategy.msg_strategy_revision_exists',
                        strategy=strategy.rec_name,
                        revision=pending[0].rec_name))
            revision, = cls.copy([strategy], default={
                    'number': strategy.number,
                    'version': strategy.version + 1,
                    'previous_version': strategy.id,
                    'start_date': max(
                        strategy.start_date, cls.default_start_date()),
                    })
            revisions.append(revision)
        return {'res_id': [r.id for r in revisions]}

    @classmethod
    def get_candidates(cls, profiles, customer, date, company_id):
        """Return the lines of the active strategies of the company valid
        on date that apply to the products (ProductProfile) and the
        customer (a party or None), as Candidates"""
        pool = Pool()
        Line = pool.get('ame.price.strategy.line')
        strategy = cls.__table__()
        line = Line.__table__()
        cursor = Transaction().connection.cursor()
        where = ((strategy.state == 'active')
            & (strategy.company == company_id)
            & (strategy.start_date <= date)
            & ((strategy.end_date == Null) | (strategy.end_date >= date)))
        parties = strategy.kind.in_(['company', 'product'])
        if customer:
            parties |= strategy.customer == customer.id
            if getattr(customer, 'customer_grade', None):
                parties |= (
                    strategy.customer_grade == customer.customer_grade.id)
        where &= parties
        candidates = {}
        size = backend.MAX_QUERY_PARAMS // 4
        for sub_profiles in grouped_slice(profiles, size):
            sub_profiles = list(sub_profiles)
            scopes = line.scope == 'all'
            for name, values in [
                    ('product', {p.id for p in sub_profiles}),
                    ('series', {p.series for p in sub_profiles}),
                    ('brand', {p.brand for p in sub_profiles}),
                    ('category', {c for p in sub_profiles
                            for c in p.categories}),
                    ]:
                values.discard(None)
                if values:
                    scopes |= ((line.scope == name)
                        & getattr(line, name).in_(sorted(values)))
            cursor.execute(*cls._candidates_query(line, strategy,
                    where & scopes))
            # fetchall: psycopg fetches the thousands of rows at once
            for row in cursor.fetchall():
                candidates[row[0]] = candidate(*row)
        return list(candidates.values())

    @classmethod
    def _candidates_query(cls, line, strategy, where):
        """The query of the candidate rows of get_candidates that may price
        a quantity: in the order of precedence of the lines with the same
        method and scope (and scope value), a line whose quantity break is
        not below that of a line before it never applies first (leaders),
        so thousands of lines of the same products are not read"""
        level = strategy_level_sql(strategy)
        value = Case(*((line.scope == s, getattr(line, s))
                for s in ['product', 'series', 'brand', 'category']))
        min_quantity = Coalesce(line.min_quantity, 0)
        window = Window([line.method, line.scope, value],
            order_by=[level.asc, min_quantity.desc,
                strategy.start_date.desc, line.id.desc],
            frame='ROWS', start=None, end=-1)
        # The columns of candidate(), named for the outer query
        columns = [line.id, strategy.id, level, strategy.start_date,
            line.scope, line.product, line.series, line.brand, line.category,
            min_quantity, line.method, line.discount, line.unit_price]
        names = [f'c{i}' for i in range(len(columns))]
        ranked = line.join(strategy,
            condition=line.strategy == strategy.id
            ).select(*(c.as_(n) for c, n in zip(columns, names)),
            Min(min_quantity, window=window).as_('before'),
            where=where)
        # Not columns.index: SQL expressions compare into expressions
        quantity, = (Column(ranked, n)
            for c, n in zip(columns, names) if c is min_quantity)
        before = Column(ranked, 'before')
        return ranked.select(*(Column(ranked, n) for n in names),
            where=(before == Null) | (quantity < before))

    @classmethod
    def get_profiles(cls, product_ids, company_id):
        """Return the ProductProfile of the products by id, their list
        price in the company as list_price_used gives it (the variant's,
        else the template's): read in SQL, as the ORM is too slow for the
        hundreds of lines of a quotation"""
        pool = Pool()
        Product = pool.get('product.product')
        Template = pool.get('product.template')
        TemplateCategory = pool.get('product.template-product.category')
        ListPrice = pool.get('product.list_price')
        product, template = Product.__table__(), Template.__table__()
        template_category = TemplateCategory.__table__()
        variant_price, template_price = (
            ListPrice.__table__(), ListPrice.__table__())
        cursor = Transaction().connection.cursor()
        profiles, own = {}, defaultdict(set)
        for sub_ids in grouped_slice(
                list(product_ids), backend.MAX_QUERY_PARAMS // 2):
            cursor.execute(*product.join(template,
                    condition=product.template == template.id
                    ).join(template_category, 'LEFT',
                    condition=template_category.template == template.id
                    ).join(variant_price, 'LEFT',
                    condition=(variant_price.product == product.id)
                    & (variant_price.company == company_id)
                    ).join(template_price, 'LEFT',
                    condition=(template_price.template == template.id)
                    & (template_price.product == Null)
                    & (template_price.company == company_id)
                    ).select(
                    product.id, template.series, template.brand,
                    variant_price.list_price, template_price.list_price,
                    template.default_uom, template_category.category,
                    where=product.id.in_(list(sub_ids))))
            for (id_, series, brand, variant_list_price, list_price, uom,
                    category) in cursor:
                if variant_list_price is not None:
                    list_price = variant_list_price
                profiles[id_] = ProductProfile(
                    id_, series, brand, None, _decimal(list_price), uom)
                if category is not None:
                    own[id_].add(category)
        parents = cls.get_category_parents(
            {c for ids in own.values() for c in ids})
        for id_, categories in own.items():
            profiles[id_].categories = category_distances(
                categories, parents)
        return profiles

    @classmethod
    def get_category_parents(cls, category_ids):
        "Return the parent of the categories and of their ancestors"
        pool = Pool()
        Category = pool.get('product.category')
        category = Category.__table__()
        cursor = Transaction().connection.cursor()
        parents, missing = {}, set(category_ids)
        while missing:
            for sub_ids in grouped_slice(
                    list(missing), backend.MAX_QUERY_PARAMS):
                cursor.execute(*category.select(
                        category.id, category.parent,
                        where=category.id.in_(list(sub_ids))))
                parents.update(cursor)
            missing = set(parents.values()) - set(parents) - {None}
        return parents

    @classmethod
    def get_prices(cls, requests, customer=None, date=None,
            company_id=None):
        """Return the Price of each (product, quantity, unit, list_price)
        of requests (unit: of the quantity, None for the product's default
        unit; list_price: None, or the list price of the request, per
        default unit in the company currency, to which only discounts
        apply) for the customer (party) on date (default today) in the
        company (default the context's)"""
        pool = Pool()
        Date = pool.get('ir.date')
        if company_id is None:
            company_id = Transaction().context.get('company')
        if date is None:
            date = Date.today()
        if not requests or company_id is None:
            return [Price(None, None, None) for _ in requests]
        profiles = cls.get_profiles(
            {r[0].id for r in requests}, company_id)
        with without_check_access():
            candidates = cls.get_candidates(
                list(profiles.values()), customer, date, company_id)
        requests = [(profiles[p.id], default_quantity(
                    quantity, unit, profiles[p.id].default_uom), list_price)
            for p, quantity, unit, list_price in requests]
        # Matching each product against thousands of candidates is too
        # slow: each product takes the leaders of its groups
        groups = group_candidates(candidates)
        return [resolve(
                leaders(groups, profile, quantity,
                    methods=None if list_price is None else {'discount'}),
                profile, quantity, list_price=list_price)
            for profile, quantity, list_price in requests]


class PriceStrategyLine(InputBoundsMixin, ModelSQL, ModelView):
    __name__ = 'ame.price.strategy.line'
    __string__ = "Price Strategy Line"
    _number_bounds = {
        'min_quantity': (0, MAX_QUANTITY),
        'unit_price': (0, MAX_UNIT_PRICE),
        }

    strategy = fields.Many2One(
        'ame.price.strategy', "Strategy", required=True,
        ondelete='CASCADE')
    company = fields.Function(
        fields.Many2One('company.company', "Company"),
        'on_change_with_company')
    strategy_kind = fields.Function(
        fields.Selection(KINDS, "Strategy Kind"),
        'on_change_with_strategy_kind')
    scope = fields.Selection(
        SCOPES, "Applies To", required=True, sort=False,
        help="The products that the line prices; the most specific scope "
        "comes first.")
    product = fields.Many2One(
        'product.product', "Product", ondelete='RESTRICT',
        domain=[('salable', '=', True)],
        states={
            'required': Eval('scope') == 'product',
            'invisible': Eval('scope') != 'product',
            },
        context={'company': Eval('company', -1)}, depends={'company'})
    series = fields.Many2One(
        'product.series', "Series", ondelete='RESTRICT',
        states={
            'required': Eval('scope') == 'series',
            'invisible': Eval('scope') != 'series',
            })
    brand = fields.Many2One(
        'product.brand', "Brand", ondelete='RESTRICT',
        states={
            'required': Eval('scope') == 'brand',
            'invisible': Eval('scope') != 'brand',
            })
    category = fields.Many2One(
        'product.category', "Category", ondelete='RESTRICT',
        states={
            'required': Eval('scope') == 'category',
            'invisible': Eval('scope') != 'category',
            },
        context={'company': Eval('company', -1)}, depends={'company'},
        help="The products of the category and of its sub-categories.")
    min_quantity = fields.Float(
        "From Quantity", required=True,
        domain=[('min_quantity', '>=', 0)],
        help="The quantity break: the line applies from this quantity, in "
        "the product's default unit.")
    method = fields.Selection(
        METHODS, "Method", required=True, sort=False,
        help="Discount: a percentage off the list price; Fixed Unit "
        "Price: the unit price itself; List Price (company strategy, one "
        "product): the list price that discounts apply to.")
    discount = fields.Numeric(
        "Discount %", digits=(5, 2),
        domain=[If(Eval('method') == 'discount',
                [('discount', '>=', 0), ('discount', '<=', 100)],
                [])],
        states={
            'required': Eval('method') == 'discount',
            'invisible': Eval('method') != 'discount',
            },
        help="The percentage off the list price: 10 sells at 90%.")
    unit_price = fields.Numeric(
        "Unit Price", digits=price_digits,
        domain=[If(Eval('method') != 'discount',
                [('unit_price', '>=', 0)], [])],
        states={
            'required': Eval('method') != 'discount',
            'invisible': Eval('method') == 'discount',
            },
        help="In the company currency, per default unit of the product.")
    strategy_state = fields.Function(
        fields.Selection(STATES, "Strategy State"),
        'on_change_with_strategy_state')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('strategy')
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.strategy, Index.Range())),
                Index(t, (t.product, Index.Range())),
                Index(t, (t.series, Index.Range())),
                Index(t, (t.brand, Index.Range())),
                Index(t, (t.category, Index.Range())),
                Index(t, (t.scope, Index.Equality()),
                    where=t.scope == 'all'),
                })
        cls._order = [
            ('strategy', 'ASC'), ('scope', 'ASC'), ('min_quantity', 'ASC'),
            ('id', 'ASC')]

    @classmethod
    def default_scope(cls):
        return 'product'

    @classmethod
    def default_min_quantity(cls):
        return 0

    @classmethod
    def default_method(cls):
        return 'discount'

    @fields.depends('strategy', '_parent_strategy.company')
    def on_change_with_company(self, name=None):
        return self.strategy.company if self.strategy else None

    @fields.depends('strategy', '_parent_strategy.kind')
    def on_change_with_strategy_kind(self, name=None):
        return self.strategy.kind if self.strategy else None

    @fields.depends('strategy', '_parent_strategy.state')
    def on_change_with_strategy_state(self, name=None):
        return self.strategy.state if self.strategy else None

    @fields.depends('scope', 'product', 'series', 'brand', 'category')
    def on_change_scope(self):
        for name in ['product', 'series', 'brand', 'category']:
            if self.scope != name:
                setattr(self, name, None)

    def get_rec_name(self, name):
        return f'{self.strategy.rec_name} · {self.get_scope_name()}'

    def get_scope_name(self):
        "The products the line applies to, and from which quantity"
        if self.scope == 'all':
            name = gettext('ame_price_strategy.msg_line_all_products')
        else:
            target = getattr(self, self.scope)
            name = target.rec_name if target else ''
        if self.min_quantity:
            name = gettext('ame_price_strategy.msg_line_from_quantity',
                name=name, quantity=self.min_quantity)
        return name

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('strategy.rec_name', *clause[1:])]

    def get_approval_content(self):
        return [self.scope,
            getattr(self, self.scope).id if self.scope != 'all' else None,
            self.min_quantity, self.method,
            str(self.discount) if self.discount is not None else None,
            str(self.unit_price) if self.unit_price is not None else None]

    @classmethod
    def validate_fields(cls, lines, field_names):
        super().validate_fields(lines, field_names)
        if field_names is None or (field_names & {
                    'method', 'scope', 'strategy'}):
            cls.check_method(lines)

    @classmethod
    def check_method(cls, lines):
        "The list prices are the company strategy's, one per product"
        for line in lines:
            if line.method == 'list_price' and (
                    line.strategy.kind != 'company'
                    or line.scope != 'product'):
                raise ValidationError(gettext(
                        'ame_price_strategy.msg_line_list_price',
                        strategy=line.strategy.rec_name))

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        # An approved strategy is never changed: its next version is
        super().check_modification(
            mode, lines, values=values, external=external)
        allowed = {'draft', 'cancelled'} if mode == 'delete' else {'draft'}
        for line in lines:
            if line.strategy.state not in allowed:
                raise AccessError(gettext(
                        'ame_price_strategy.msg_line_modify',
                        strategy=line.strategy.rec_name))
        if mode == 'write' and 'strategy' in values:
            Strategy = Pool().get('ame.price.strategy')
            strategy = Strategy(values['strategy'])
            if strategy.state != 'draft':
                raise AccessError(gettext(
                        'ame_price_strategy.msg_line_modify',
                        strategy=strategy.rec_name))

    @classmethod
    def on_modification(cls, mode, lines, field_names=None):
        # The approved content includes the lines
        super().on_modification(mode, lines, field_names=field_names)
        if mode != 'delete':
            Strategy = Pool().get('ame.price.strategy')
            Strategy.withdraw_changed_approvals(
                Strategy.browse({line.strategy.id for line in lines}))


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('ame.price.strategy|update_states_cron',
                "Activate and Expire the Price Strategies"))
