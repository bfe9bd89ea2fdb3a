# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""客户价值分析: RFM scores and ABC classes of the customers over a period,
kept as dated snapshots so that periods can be compared.

An analysis (``ame.customer.value.analysis``) of a company and a period is
computed in the task queue (the button 计算 and the monthly cron enqueue
``process``): SQL aggregates over the documents of the period give, per
customer, the last purchase, the number of purchases, the revenue and the
cost; the scores and classes follow in Python, and the lines
(``ame.customer.value``) are created in batches.

The source (``source``):

- ``sales``: the confirmed sales (confirmed, processing, done) of the
  company whose sale date is in the period; revenue is the ordered quantity
  times the unit price of their lines, untaxed;
- ``invoices``: the posted customer invoices (posted, paid) of the company
  whose invoice date is in the period; credit notes (negative quantities)
  reduce the revenue.

Amounts in another currency are converted to the company's at the rate of
the document's date (a document without a rate there adds no revenue). The
cost of a line is the product's cost price in the company (Tryton's
``cost_price``: fixed or average, as the product says) times the quantity
in the product's unit; a line without product or cost price costs
nothing. Gross margin is revenue minus cost.

A document with a positive amount is a purchase: frequency counts them and
the last of them dates the recency (days from the last purchase to the end
of the period, or to the day of computation while the period runs). Scores
and classes are defined by ``quintile_scores`` and ``abc_classes``.
"""
import datetime as dt
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from sql import Cast, Literal, Null, With
from sql.functions import CurrentTimestamp
from sql.aggregate import Count, Max, Sum
from sql.conditionals import Case, Coalesce

from trytond.i18n import gettext
from trytond.model import (
    Index, ModelSQL, ModelView, Workflow, fields)
from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.ame_base.guard import WorkflowGuardMixin
from trytond.modules.company.model import CompanyValueMixin
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, If
from trytond.tools import grouped_slice
from trytond.transaction import Transaction

SOURCES = [
    ('sales', "Confirmed Sales"),
    ('invoices', "Posted Customer Invoices"),
    ]
CLASSES = [
    ('A', "A"),
    ('B', "B"),
    ('C', "C"),
    ]
# The states of the documents that count
SALE_STATES = ['confirmed', 'processing', 'done']
INVOICE_STATES = ['posted', 'paid']
DEFAULT_A_THRESHOLD = Decimal(70)
DEFAULT_B_THRESHOLD = Decimal(90)
# The lines inserted by one query, the customers written by one call
LINE_BATCH = 1000
WRITE_BATCH = 500


def quintile_scores(values, key):
    """Return the score 1-5 of each id of values ({id: value}) by quintile:
    5 - floor(5 * better / N), where N is the number of values and better
    the number of values strictly better (greater key(value)). So the best
    scores 5, equal values score the same, and with N a multiple of 5 each
    score has a fifth of the ids; with fewer than 5 ids the scores go down
    from 5 by steps of 5/N (2 ids: 5 and 3; 4 ids: 5, 4, 3, 2)."""
    n = len(values)
    ordered = sorted(values.items(), key=lambda i: key(i[1]), reverse=True)
    scores = {}
    better, previous = 0, None
    for rank, (id_, value) in enumerate(ordered):
        if rank == 0 or key(value) != previous:
            better, previous = rank, key(value)
        scores[id_] = 5 - (5 * better) // n
    return scores


def abc_classes(amounts, a_threshold, b_threshold):
    """Return the class A, B or C of each id of amounts ({id: amount}).

    The ids with a positive amount, greatest first, take A while the
    amounts before them make less than a_threshold percent of the total of
    the positive amounts, then B while less than b_threshold percent, then
    C; equal amounts take the class of the first of them, so the greatest
    is always A. An amount of zero or less is C."""
    positive = sorted(((i, a) for i, a in amounts.items() if a > 0),
        key=lambda i: i[1], reverse=True)
    total = sum(a for _, a in positive)
    classes = {i: 'C' for i in amounts}
    cumulated, before, previous = 0, 0, None
    for id_, amount in positive:
        if amount != previous:
            before, previous = cumulated, amount
        share = 100 * Decimal(before) / Decimal(total)
        if share < a_threshold:
            classes[id_] = 'A'
        elif share < b_threshold:
            classes[id_] = 'B'
        cumulated += amount
    return classes


def last_twelve_months(today):
    "Return the first and last day of the 12 months before today's month"
    to_date = today.replace(day=1) - dt.timedelta(days=1)
    from_date = to_date.replace(day=1) - relativedelta(months=11)
    return from_date, to_date


def _date(value):
    "A date from the database (SQLite gives text)"
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


def _decimal(value):
    "A decimal from the database (SQLite gives float)"
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


class Configuration(metaclass=PoolMeta):
    __name__ = 'ame.configuration'

    customer_grade_follows_abc = fields.MultiValue(fields.Boolean(
            "Customer Grade Follows ABC Class",
            help="Check to set the grade (客户等级 A, B, C) of the customers "
            "of the newest value analysis to their ABC class by revenue."))
    value_analysis_source = fields.MultiValue(fields.Selection(
            SOURCES, "Value Analysis Source",
            help="The documents whose amounts the value analyses sum: "
            "confirmed sales, or posted customer invoices for a company "
            "that invoices its sales."))
    value_analysis_a_threshold = fields.MultiValue(fields.Numeric(
            "A Class Threshold (%)", digits=(3, 2),
            help="The customers within this share of the cumulated amount "
            "are A."))
    value_analysis_b_threshold = fields.MultiValue(fields.Numeric(
            "B Class Threshold (%)", digits=(3, 2),
            help="The customers after the A class and within this share of "
            "the cumulated amount are B, the others C."))

    @classmethod
    def multivalue_model(cls, field):
        pool = Pool()
        if field in CustomerValueConfiguration._value_fields:
            return pool.get('ame.configuration.customer_value')
        return super().multivalue_model(field)

    @classmethod
    def default_customer_grade_follows_abc(cls, **pattern):
        return False

    @classmethod
    def default_value_analysis_source(cls, **pattern):
        return 'sales'

    @classmethod
    def default_value_analysis_a_threshold(cls, **pattern):
        return DEFAULT_A_THRESHOLD

    @classmethod
    def default_value_analysis_b_threshold(cls, **pattern):
        return DEFAULT_B_THRESHOLD


class CustomerValueConfiguration(ModelSQL, CompanyValueMixin):
    # The settings of the value analysis, per company
    __name__ = 'ame.configuration.customer_value'
    __string__ = "Runtime Parameters Customer Value"
    _value_fields = {
        'customer_grade_follows_abc', 'value_analysis_source',
        'value_analysis_a_threshold', 'value_analysis_b_threshold'}

    customer_grade_follows_abc = fields.Boolean(
        "Customer Grade Follows ABC Class")
    value_analysis_source = fields.Selection(
        SOURCES, "Value Analysis Source")
    value_analysis_a_threshold = fields.Numeric(
        "A Class Threshold (%)", digits=(3, 2))
    value_analysis_b_threshold = fields.Numeric(
        "B Class Threshold (%)", digits=(3, 2))

    @classmethod
    def default_customer_grade_follows_abc(cls):
        return False

    @classmethod
    def default_value_analysis_source(cls):
        return 'sales'

    @classmethod
    def default_value_analysis_a_threshold(cls):
        return DEFAULT_A_THRESHOLD

    @classmethod
    def default_value_analysis_b_threshold(cls):
        return DEFAULT_B_THRESHOLD


class CustomerValueAnalysis(WorkflowGuardMixin, Workflow, ModelSQL, ModelView):
    # 客户价值分析: the RFM scores and ABC classes of a period, a snapshot
    __name__ = 'ame.customer.value.analysis'
    __string__ = "Customer Value Analysis"
    _states = {'readonly': Eval('state') != 'draft'}

    company = fields.Many2One(
        'company.company', "Company", required=True, states=_states)
    date = fields.Date(
        "Analysis Date", readonly=True,
        help="The day the analysis was computed.")
    from_date = fields.Date("From Date", required=True, states=_states)
    to_date = fields.Date("To Date", required=True, states=_states)
    source = fields.Selection(
        SOURCES, "Source", required=True, states=_states,
        help="The documents whose amounts are summed.")
    a_threshold = fields.Numeric(
        "A Class Threshold (%)", digits=(3, 2), required=True,
        states=_states,
        help="The customers within this share of the cumulated amount "
        "are A.")
    b_threshold = fields.Numeric(
        "B Class Threshold (%)", digits=(3, 2), required=True,
        states=_states,
        help="The customers after the A class and within this share of "
        "the cumulated amount are B, the others C.")
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')
    customer_count = fields.Integer("Customers", readonly=True)
    revenue = Monetary(
        "Revenue", currency='currency', digits='currency', readonly=True)
    gross_margin = Monetary(
        "Gross Margin", currency='currency', digits='currency',
        readonly=True)
    lines = fields.One2Many(
        'ame.customer.value', 'analysis', "Customers", readonly=True)
    state = fields.Selection([
            ('draft', "Draft"),
            ('computing', "Computing"),
            ('done', "Done"),
            ], "State", readonly=True, required=True, sort=False)
    del _states

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.add(Index(t,
                (t.company, Index.Range()), (t.to_date, Index.Range())))
        cls._order = [('to_date', 'DESC'), ('id', 'DESC')]
        cls._transitions |= {
            ('draft', 'computing'),
            ('computing', 'done'),
            ('computing', 'draft'),
            ('done', 'draft'),
            }
        cls._buttons.update({
                'compute': {
                    'invisible': Eval('state') != 'draft',
                    'depends': ['state'],
                    },
                'draft': {
                    'invisible': Eval('state') == 'draft',
                    'icon': If(Eval('state') == 'done',
                        'tryton-clear', 'tryton-cancel'),
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    def _configuration(cls, name):
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        return Configuration(1).get_multivalue(
            name, company=cls.default_company())

    @classmethod
    def default_source(cls):
        return cls._configuration('value_analysis_source') or 'sales'

    @classmethod
    def default_a_threshold(cls):
        return (cls._configuration('value_analysis_a_threshold')
            or DEFAULT_A_THRESHOLD)

    @classmethod
    def default_b_threshold(cls):
        return (cls._configuration('value_analysis_b_threshold')
            or DEFAULT_B_THRESHOLD)

    @classmethod
    def _today(cls, company_id=None):
        pool = Pool()
        Date = pool.get('ir.date')
        with Transaction().set_context(
                company=company_id or cls.default_company()):
            return Date.today()

    @classmethod
    def default_from_date(cls):
        return last_twelve_months(cls._today())[0]

    @classmethod
    def default_to_date(cls):
        return last_twelve_months(cls._today())[1]

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    def get_rec_name(self, name):
        pool = Pool()
        Lang = pool.get('ir.lang')
        lang = Lang.get()
        return '%s - %s' % (
            lang.strftime(self.from_date), lang.strftime(self.to_date))

    @classmethod
    def validate_fields(cls, analyses, field_names):
        super().validate_fields(analyses, field_names)
        cls.check_period(analyses, field_names)
        cls.check_thresholds(analyses, field_names)

    @classmethod
    def check_period(cls, analyses, field_names=None):
        if field_names and not (field_names & {'from_date', 'to_date'}):
            return
        for analysis in analyses:
            if analysis.from_date > analysis.to_date:
                raise ValidationError(gettext(
                        'ame_crm.msg_value_analysis_period',
                        analysis=analysis.rec_name))

    @classmethod
    def check_thresholds(cls, analyses, field_names=None):
        if field_names and not (
                field_names & {'a_threshold', 'b_threshold'}):
            return
        for analysis in analyses:
            if not (0 < analysis.a_threshold <= analysis.b_threshold <= 100):
                raise ValidationError(gettext(
                        'ame_crm.msg_value_analysis_thresholds',
                        analysis=analysis.rec_name,
                        a=analysis.a_threshold, b=analysis.b_threshold))

    @classmethod
    def check_modification(cls, mode, analyses, values=None, external=False):
        super().check_modification(
            mode, analyses, values=values, external=external)
        if mode == 'delete':
            for analysis in analyses:
                if analysis.state == 'computing':
                    raise AccessError(gettext(
                            'ame_crm.msg_value_analysis_delete_computing',
                            analysis=analysis.rec_name))

    @classmethod
    def on_modification(cls, mode, analyses, field_names=None):
        pool = Pool()
        Line = pool.get('ame.customer.value')
        super().on_modification(mode, analyses, field_names=field_names)
        if mode == 'delete':
            # The lines by SQL before Tryton's cascade, which would browse
            # them all at once (tens of thousands)
            Line.delete_lines(analyses)

    @classmethod
    def copy(cls, analyses, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('date', None)
        default.setdefault('lines', None)
        default.setdefault('customer_count', None)
        default.setdefault('revenue', None)
        default.setdefault('gross_margin', None)
        return super().copy(analyses, default=default)

    @classmethod
    @ModelView.button
    @Workflow.transition('draft')
    def draft(cls, analyses):
        "Back to draft to change the period: the lines are removed"
        pool = Pool()
        Line = pool.get('ame.customer.value')
        Line.delete_lines(analyses)
        cls.write(analyses, {
                'date': None, 'customer_count': None, 'revenue': None,
                'gross_margin': None})

    @classmethod
    @ModelView.button
    @Workflow.transition('computing')
    def compute(cls, analyses):
        "Compute in the task queue (trytond-worker), or after the request"
        if analyses:
            cls.__queue__.process(analyses)

    @classmethod
    @Workflow.transition('done')
    def done(cls, analyses):
        pass

    @classmethod
    def process(cls, analyses):
        """Compute the analyses still computing (the task of the queue):
        their lines, totals and date; then the customer grades"""
        analyses = [a for a in cls.browse(analyses)
            if a.state == 'computing']
        for analysis in analyses:
            analysis.compute_lines()
        cls.done(analyses)
        cls.follow_grades(analyses)

    def compute_lines(self):
        "Replace the lines by those of the documents of the period"
        pool = Pool()
        Line = pool.get('ame.customer.value')
        Line.delete_lines([self])
        totals = self.get_totals()
        today = self._today(self.company.id)
        reference = min(self.to_date, today)
        recency = {p: (reference - t['date']).days if t['date'] else None
            for p, t in totals.items()}
        frequency = {p: t['frequency'] for p, t in totals.items()}
        revenue = {p: t['revenue'] for p, t in totals.items()}
        margin = {p: t['revenue'] - t['cost'] for p, t in totals.items()}
        # Most recent first: no purchase at all is the worst
        r_scores = quintile_scores(recency,
            lambda d: -d if d is not None else float('-inf'))
        f_scores = quintile_scores(frequency, lambda f: f)
        m_scores = quintile_scores(revenue, lambda r: r)
        revenue_classes = abc_classes(
            revenue, self.a_threshold, self.b_threshold)
        margin_classes = abc_classes(
            margin, self.a_threshold, self.b_threshold)
        currency = self.company.currency
        vlist = []
        for party, total in totals.items():
            r, f, m = r_scores[party], f_scores[party], m_scores[party]
            vlist.append({
                    'analysis': self.id,
                    'customer': party,
                    'currency': currency.id,
                    'last_purchase_date': total['date'],
                    'recency': recency[party],
                    'frequency': frequency[party],
                    'revenue': currency.round(revenue[party]),
                    'cost': currency.round(total['cost']),
                    'gross_margin': currency.round(margin[party]),
                    'r_score': r,
                    'f_score': f,
                    'm_score': m,
                    'rfm_code': f'{r}{f}{m}',
                    'revenue_class': revenue_classes[party],
                    'margin_class': margin_classes[party],
                    })
        Line.insert(vlist)
        self.date = today
        self.customer_count = len(vlist)
        self.revenue = sum((v['revenue'] for v in vlist), Decimal(0))
        self.gross_margin = sum(
            (v['gross_margin'] for v in vlist), Decimal(0))
        self.save()

    def get_totals(self):
        """Return {party id: {'date', 'frequency', 'revenue', 'cost'}} of the
        documents of the period, by SQL aggregates"""
        pool = Pool()
        Currency = pool.get('currency.currency')
        cursor = Transaction().connection.cursor()
        documents = self._documents_query()
        company_currency = self.company.currency.id
        rate_document = With(query=Currency.currency_rate_sql())
        rate_company = With(query=Currency.currency_rate_sql())

        def rate_condition(rate, currency):
            return ((rate.currency == currency)
                & (documents.currency != company_currency)
                & (rate.start_date <= documents.date)
                & ((rate.end_date == Null)
                    | (rate.end_date > documents.date)))
        purchase = documents.amount > 0
        revenue = Case(
            (documents.currency == company_currency, documents.amount),
            else_=documents.amount * rate_company.rate / rate_document.rate)
        query = (documents
            .join(rate_document, 'LEFT',
                condition=rate_condition(
                    rate_document, documents.currency))
            .join(rate_company, 'LEFT',
                condition=rate_condition(rate_company, company_currency))
            .select(
                documents.party,
                Max(Case((purchase, documents.date))),
                Count(Case((purchase, documents.document))),
                Sum(revenue),
                Sum(documents.cost),
                group_by=[documents.party],
                with_=[rate_document, rate_company]))
        cursor.execute(*query)
        return {party: {
                'date': _date(date),
                'frequency': frequency or 0,
                'revenue': _decimal(revenue),
                'cost': _decimal(cost),
                } for party, date, frequency, revenue, cost in cursor}

    def _documents_query(self):
        """The query of the documents of the period: party, document, date,
        currency, amount (in the document's currency) and cost (in the
        company's)"""
        pool = Pool()
        Product = pool.get('product.product')
        Template = pool.get('product.template')
        Uom = pool.get('product.uom')
        CostPrice = pool.get('product.cost_price')
        if self.source == 'invoices':
            Document = pool.get('account.invoice')
            Line = pool.get('account.invoice.line')
            document, line = Document.__table__(), Line.__table__()
            date = document.invoice_date
            join = line.invoice == document.id
            where = ((document.type == 'out')
                & document.state.in_(INVOICE_STATES))
        else:
            Document = pool.get('sale.sale')
            Line = pool.get('sale.line')
            document, line = Document.__table__(), Line.__table__()
            date = document.sale_date
            join = line.sale == document.id
            where = document.state.in_(SALE_STATES)
        where &= ((document.company == self.company.id)
            & (date >= self.from_date) & (date <= self.to_date)
            & (line.type == 'line'))
        product = Product.__table__()
        template = Template.__table__()
        line_unit = Uom.__table__()
        product_unit = Uom.__table__()
        cost_price = CostPrice.__table__()
        quantity = Cast(line.quantity, 'NUMERIC')
        product_quantity = Case(
            (line.unit == template.default_uom, quantity),
            else_=quantity * Cast(line_unit.factor, 'NUMERIC')
            / Cast(product_unit.factor, 'NUMERIC'))
        cost = Coalesce(product_quantity * cost_price.cost_price, Literal(0))
        return (line
            .join(document, condition=join)
            .join(product, 'LEFT', condition=line.product == product.id)
            .join(template, 'LEFT', condition=product.template == template.id)
            .join(line_unit, 'LEFT', condition=line.unit == line_unit.id)
            .join(product_unit, 'LEFT',
                condition=template.default_uom == product_unit.id)
            .join(cost_price, 'LEFT',
                condition=(cost_price.product == line.product)
                & (cost_price.company == document.company))
            .select(
                document.party.as_('party'),
                document.id.as_('document'),
                date.as_('date'),
                document.currency.as_('currency'),
                Sum(quantity * line.unit_price).as_('amount'),
                Sum(cost).as_('cost'),
                where=where,
                group_by=[document.party, document.id, date,
                    document.currency]))

    @classmethod
    def follow_grades(cls, analyses):
        """Set the grade (客户等级) of the customers of the analyses to their
        ABC class by revenue, for the companies whose configuration says so,
        when the analysis is the newest of its company (the latest period;
        of equal periods the last created)"""
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        Value = pool.get('ame.dictionary.value')
        Line = pool.get('ame.customer.value')
        Party = pool.get('party.party')
        line = Line.__table__()
        party = Party.__table__()
        cursor = Transaction().connection.cursor()
        configuration = Configuration(1)
        grades = {v.code: v for v in Value.search([
                    ('category.code', '=', 'customer_grade'),
                    ('code', 'in', [c for c, _ in CLASSES]),
                    ])}
        for analysis in analyses:
            if not configuration.get_multivalue(
                    'customer_grade_follows_abc',
                    company=analysis.company.id):
                continue
            newest, = cls.search([
                    ('company', '=', analysis.company.id),
                    ('state', '=', 'done'),
                    ], order=[('to_date', 'DESC'), ('id', 'DESC')], limit=1)
            if newest != analysis:
                continue
            for class_, grade in grades.items():
                # The customers of the class whose grade changes, by SQL:
                # a search would browse them all at once
                cursor.execute(*line.join(party,
                        condition=line.customer == party.id).select(
                        party.id,
                        where=(line.analysis == analysis.id)
                        & (line.revenue_class == class_)
                        & ((party.customer_grade == Null)
                            | (party.customer_grade != grade.id))))
                ids = [i for i, in cursor]
                for sub_ids in grouped_slice(ids, WRITE_BATCH):
                    Party.write(Party.browse(sub_ids),
                        {'customer_grade': grade.id})

    @classmethod
    def create_monthly(cls):
        """The cron: for the company of the context (or each company), the
        analysis of the last 12 full months, created and enqueued unless it
        exists"""
        pool = Pool()
        Company = pool.get('company.company')
        company_id = Transaction().context.get('company')
        companies = ([Company(company_id)] if company_id
            else Company.search([]))
        analyses = []
        for company in companies:
            with Transaction().set_context(company=company.id):
                from_date, to_date = last_twelve_months(
                    cls._today(company.id))
                if cls.search([
                            ('company', '=', company.id),
                            ('from_date', '=', from_date),
                            ('to_date', '=', to_date),
                            ('state', '!=', 'draft'),
                            ], limit=1):
                    continue
                analyses.append(cls(
                        company=company, from_date=from_date,
                        to_date=to_date, source=cls.default_source(),
                        a_threshold=cls.default_a_threshold(),
                        b_threshold=cls.default_b_threshold()))
        cls.save(analyses)
        cls.compute(analyses)
        return analyses


class CustomerValue(ModelSQL, ModelView):
    # A customer in a value analysis: his RFM and ABC. Computed; read by
    # whoever may read the customer (__access__: the data scope of party)
    __name__ = 'ame.customer.value'
    __string__ = "Customer Value"

    analysis = fields.Many2One(
        'ame.customer.value.analysis', "Analysis", required=True,
        readonly=True, ondelete='CASCADE')
    customer = fields.Many2One(
        'party.party', "Customer", required=True, readonly=True)
    currency = fields.Many2One(
        'currency.currency', "Currency", required=True, readonly=True)
    last_purchase_date = fields.Date("Last Purchase", readonly=True)
    recency = fields.Integer(
        "Recency (Days)", readonly=True,
        help="The days from the last purchase to the end of the period.")
    frequency = fields.Integer(
        "Frequency", readonly=True,
        help="The number of purchases (documents of a positive amount) "
        "in the period.")
    revenue = Monetary(
        "Revenue", currency='currency', digits='currency', readonly=True)
    cost = Monetary(
        "Cost", currency='currency', digits='currency', readonly=True,
        help="The cost price of the products times the quantities.")
    gross_margin = Monetary(
        "Gross Margin", currency='currency', digits='currency',
        readonly=True)
    r_score = fields.Integer(
        "R", readonly=True,
        help="Recency score, 1 to 5: 5 for the most recent purchases.")
    f_score = fields.Integer(
        "F", readonly=True,
        help="Frequency score, 1 to 5: 5 for the most frequent buyers.")
    m_score = fields.Integer(
        "M", readonly=True,
        help="Monetary score, 1 to 5: 5 for the greatest revenue.")
    rfm_code = fields.Char(
        "RFM", size=3, readonly=True,
        help="The R, F and M scores side by side.")
    revenue_class = fields.Selection(
        CLASSES, "ABC Class (Revenue)", required=True, readonly=True)
    margin_class = fields.Selection(
        CLASSES, "ABC Class (Gross Margin)", required=True, readonly=True)
    # 1 per line: the graphs count the customers by summing it
    number = fields.Function(fields.Integer("Customers"), 'get_number')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.update({'analysis', 'customer'})
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.analysis, Index.Range())),
                Index(t, (t.customer, Index.Range())),
                })
        cls._order = [('revenue', 'DESC NULLS LAST'), ('id', 'ASC')]

    @classmethod
    def insert(cls, vlist):
        """Insert the lines of vlist (the values of every field) by batches
        of SQL: the computation's values need none of the checks of create,
        which would take most of the time of an analysis of 20,000
        customers"""
        if not vlist:
            return
        table = cls.__table__()
        cursor = Transaction().connection.cursor()
        user = Transaction().user
        names = [n for n in cls._fields if n in vlist[0]]
        columns = [getattr(table, n) for n in names] + [
            table.create_uid, table.create_date]

        def row(values):
            return [cls._fields[n].sql_format(values[n]) for n in names] + [
                user]
        # One statement for all rows (psycopg pipelines them): a statement
        # of thousands of rows takes long to parse
        query, _ = tuple(table.insert(
                columns, [row(vlist[0]) + [CurrentTimestamp()]]))
        for sub_vlist in grouped_slice(vlist, LINE_BATCH):
            cursor.executemany(query, [row(v) for v in sub_vlist])

    @classmethod
    def delete_lines(cls, analyses):
        "Delete the lines of the analyses by SQL (the computation's)"
        table = cls.__table__()
        cursor = Transaction().connection.cursor()
        for sub_ids in grouped_slice([a.id for a in analyses], LINE_BATCH):
            cursor.execute(*table.delete(
                    where=table.analysis.in_(list(sub_ids))))

    @classmethod
    def get_number(cls, lines, name):
        return {line.id: 1 for line in lines}

    def get_rec_name(self, name):
        return self.customer.rec_name

    @classmethod
    def search_rec_name(cls, name, clause):
        return [('customer.rec_name',) + tuple(clause[1:])]

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        # Only the computation makes and removes lines
        if external:
            raise AccessError(gettext('ame_crm.msg_customer_value_computed'))


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    # The customer's page of the 360: his scores in each analysis, the
    # newest first, so that periods compare at a glance
    customer_values = fields.One2Many(
        'ame.customer.value', 'customer', "Value Analyses", readonly=True,
        order=[('analysis.to_date', 'DESC'), ('id', 'DESC')])


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('ame.customer.value.analysis|create_monthly',
                "Compute the Customer Value Analysis of the Last 12 Months"))
