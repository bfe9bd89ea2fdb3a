# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""运输商资料 and 运输商价格: carriers (Tryton's carrier) with rate tables.

A carrier whose cost method is 运价表 (``rate``) prices a shipment from its
rates (``carrier.rate``): a destination (a province, or a city of it, or
anywhere), a weight band (kg) and a volume band (m³), a price per kg, per
m³ or per shipment, a minimum charge and a validity. The rates of the most
specific destination (the city over its province over anywhere) whose bands
contain the shipment and that are valid at its date apply; when several
apply (a weight rate and a volume rate), the higher price is charged, as
Chinese carriers charge heavy goods by weight and bulky goods by volume
(计重计方取大). Sales and customer shipments give the destination, weight
and volume in the context (sale.py, stock.py), as carrier_weight does.
"""
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval, If
from trytond.transaction import Transaction
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .exceptions import CarrierRateError

METHODS = [
    ('weight', "Per kg"),
    ('volume', "Per m³"),
    ('fixed', "Per Shipment"),
    ]


def rate_context(address, date, items):
    """The context of a carrier's rate for a shipment to address at date
    of items, a list of (product, quantity, unit)"""
    weight, volume = measure(items)
    return {
        'carrier_destination': (
            address.subdivision.id
            if address and address.subdivision else None),
        'carrier_weight': weight,
        'carrier_volume': volume,
        'carrier_date': date,
        }


def measure(items):
    "The weight (kg) and volume (m³) of items (product, quantity, unit)"
    pool = Pool()
    Uom = pool.get('product.uom')
    ModelData = pool.get('ir.model.data')
    kilogram = Uom(ModelData.get_id('product', 'uom_kilogram'))
    cubic_meter = Uom(ModelData.get_id('product', 'uom_cubic_meter'))
    weight = volume = 0
    for product, quantity, unit in items:
        if not (product and quantity and unit) or quantity < 0:
            continue
        quantity = Uom.compute_qty(
            unit, quantity, product.default_uom, round=False)
        if product.weight:
            weight += Uom.compute_qty(product.weight_uom,
                product.weight * quantity, kilogram, round=False)
        if product.volume:
            volume += Uom.compute_qty(product.volume_uom,
                product.volume * quantity, cubic_meter, round=False)
    return weight, volume


class Carrier(metaclass=PoolMeta):
    __name__ = 'carrier'

    rates = fields.One2Many(
        'carrier.rate', 'carrier', "Rates",
        states={
            'invisible': Eval('carrier_cost_method') != 'rate',
            },
        help="The carrier's prices by destination and weight or volume.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        selection = ('rate', "Rate Table")
        if selection not in cls.carrier_cost_method.selection:
            cls.carrier_cost_method.selection.append(selection)

    def get_sale_price(self):
        price, currency_id = super().get_sale_price()
        if self.carrier_cost_method == 'rate':
            return self.get_rate_price()
        return price, currency_id

    def get_purchase_price(self):
        price, currency_id = super().get_purchase_price()
        if self.carrier_cost_method == 'rate':
            return self.get_rate_price()
        return price, currency_id

    def get_rate_price(self):
        """The price and currency id of the rate for the shipment of the
        context (None, None when no rate applies)"""
        context = Transaction().context
        if context.get('carrier_date') is None:
            return None, None
        found = self.compute_rate(**self.rate_arguments(context))
        if found:
            rate, price = found
            return price, rate.currency.id
        return None, None

    @classmethod
    def rate_arguments(cls, context):
        "The arguments of compute_rate from the context of rate_context"
        pool = Pool()
        Subdivision = pool.get('country.subdivision')
        destination = context.get('carrier_destination')
        return {
            'destination': (
                Subdivision(destination) if destination is not None
                else None),
            'weight': context.get('carrier_weight') or 0,
            'volume': context.get('carrier_volume') or 0,
            'date': context['carrier_date'],
            }

    def compute_rate(self, destination, weight, volume, date):
        """Return the rate that applies to a shipment of weight (kg) and
        volume (m³) to destination (a subdivision or None) at date, and its
        price; or None"""
        rates = [r for r in self.rates
            if r.is_valid(date) and r.contains(weight, volume)
            and r.specificity(destination) is not None]
        if not rates:
            return None
        best = max(r.specificity(destination) for r in rates)
        prices = [(r, r.compute_price(weight, volume)) for r in rates
            if r.specificity(destination) == best]
        return max(prices, key=lambda p: p[1])

    def check_rate(self, destination, weight, volume, date, document):
        "Refuse a shipment of document to which no rate applies"
        if not self.compute_rate(destination, weight, volume, date):
            raise CarrierRateError(gettext(
                    'ame_partner.msg_carrier_rate_missing',
                    carrier=self.rec_name, document=document,
                    destination=(destination.name if destination
                        else gettext('ame_partner.msg_no_destination')),
                    weight=round(weight, 2), volume=round(volume, 3),
                    date=date))

    @classmethod
    def query_rates(cls, destination, weight, volume, date):
        """Return the (carrier, rate, price in the company currency) of the
        active carriers with a rate for the shipment, cheapest first"""
        pool = Pool()
        Company = pool.get('company.company')
        Currency = pool.get('currency.currency')
        company = Company(Transaction().context['company'])
        results = []
        for carrier in cls.search([('carrier_cost_method', '=', 'rate')]):
            found = carrier.compute_rate(destination, weight, volume, date)
            if found:
                rate, price = found
                with Transaction().set_context(date=date):
                    price = Currency.compute(
                        rate.currency, price, company.currency)
                results.append((carrier, rate, price))
        return sorted(results, key=lambda r: (r[2], r[0].rec_name))


class CarrierRate(ModelSQL, ModelView):
    __name__ = 'carrier.rate'
    __string__ = "Carrier Rate"

    carrier = fields.Many2One(
        'carrier', "Carrier", required=True, ondelete='CASCADE')
    province = fields.Many2One(
        'country.subdivision', "Province", ondelete='RESTRICT',
        domain=[('parent', '=', None)],
        help="The province of the destination; empty: anywhere.")
    city = fields.Many2One(
        'country.subdivision', "City", ondelete='RESTRICT',
        domain=[('parent', '=', Eval('province', -1))],
        states={'readonly': ~Eval('province')},
        help="The city of the destination; empty: the whole province.")
    weight_from = fields.Float(
        "From Weight (kg)", domain=['OR',
            ('weight_from', '=', None), ('weight_from', '>=', 0)],
        help="The lowest weight of the band (included).")
    weight_to = fields.Float(
        "To Weight (kg)",
        domain=[If(Bool(Eval('weight_to')) & Bool(Eval('weight_from')),
                ('weight_to', '>', Eval('weight_from', 0)), ())],
        help="The highest weight of the band (excluded); empty: no limit.")
    volume_from = fields.Float(
        "From Volume (m³)", domain=['OR',
            ('volume_from', '=', None), ('volume_from', '>=', 0)],
        help="The lowest volume of the band (included).")
    volume_to = fields.Float(
        "To Volume (m³)",
        domain=[If(Bool(Eval('volume_to')) & Bool(Eval('volume_from')),
                ('volume_to', '>', Eval('volume_from', 0)), ())],
        help="The highest volume of the band (excluded); empty: no limit.")
    method = fields.Selection(
        METHODS, "Price Method", required=True,
        help="How the price applies: per kg, per m³ or per shipment.")
    price = Monetary(
        "Price", currency='currency', digits='currency', required=True,
        domain=[('price', '>=', 0)])
    minimum_charge = Monetary(
        "Minimum Charge", currency='currency', digits='currency',
        domain=['OR',
            ('minimum_charge', '=', None), ('minimum_charge', '>=', 0)],
        help="The lowest price of a shipment (最低收费).")
    currency = fields.Many2One(
        'currency.currency', "Currency", required=True, ondelete='RESTRICT')
    start_date = fields.Date(
        "Start Date",
        domain=[If(Bool(Eval('start_date')) & Bool(Eval('end_date')),
                ('start_date', '<=', Eval('end_date')), ())],
        help="The first day the rate applies; empty: since always.")
    end_date = fields.Date(
        "End Date",
        domain=[If(Bool(Eval('start_date')) & Bool(Eval('end_date')),
                ('end_date', '>=', Eval('start_date')), ())],
        help="The last day the rate applies; empty: until further notice.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('carrier')
        cls._order = [
            ('carrier', 'ASC'),
            ('province', 'ASC NULLS FIRST'),
            ('city', 'ASC NULLS FIRST'),
            ('weight_from', 'ASC NULLS FIRST'),
            ('volume_from', 'ASC NULLS FIRST'),
            ('start_date', 'ASC NULLS FIRST'),
            ('id', 'ASC'),
            ]

    @classmethod
    def default_method(cls):
        return 'weight'

    @classmethod
    def default_currency(cls):
        pool = Pool()
        Company = pool.get('company.company')
        company = Transaction().context.get('company')
        if company is not None and company >= 0:
            return Company(company).currency.id

    @fields.depends('province', 'city')
    def on_change_province(self):
        if self.city and self.city.parent != self.province:
            self.city = None

    def get_rec_name(self, name):
        destination = ' '.join(
            s.name for s in [self.province, self.city] if s) or '*'
        return f'{self.carrier.rec_name}: {destination}'

    def specificity(self, destination):
        """How closely the rate names destination: 2 its city, 1 its
        province, 0 anywhere; None when it does not apply"""
        subdivisions = []
        while destination:
            subdivisions.append(destination)
            destination = destination.parent
        if self.city:
            return 2 if self.city in subdivisions else None
        if self.province:
            return 1 if self.province in subdivisions else None
        return 0

    def contains(self, weight, volume):
        "Whether weight (kg) and volume (m³) are in the bands"
        return (in_band(weight, self.weight_from, self.weight_to)
            and in_band(volume, self.volume_from, self.volume_to))

    def is_valid(self, date):
        return ((not self.start_date or self.start_date <= date)
            and (not self.end_date or date <= self.end_date))

    def compute_price(self, weight, volume):
        "The price of a shipment of weight (kg) and volume (m³)"
        quantity = {
            'weight': weight, 'volume': volume, 'fixed': 1}[self.method]
        price = self.price * Decimal(str(quantity))
        if self.minimum_charge:
            price = max(price, self.minimum_charge)
        return self.currency.round(price)


def in_band(value, lower, upper):
    return ((lower is None or value >= lower)
        and (upper is None or value < upper))


class RateQueryStart(ModelView):
    __name__ = 'carrier.rate.query.start'
    __string__ = "Rate Query"

    province = fields.Many2One(
        'country.subdivision', "Province", domain=[('parent', '=', None)])
    city = fields.Many2One(
        'country.subdivision', "City",
        domain=[('parent', '=', Eval('province', -1))],
        states={'readonly': ~Eval('province')})
    weight = fields.Float("Weight (kg)", domain=[('weight', '>=', 0)])
    volume = fields.Float("Volume (m³)", domain=[('volume', '>=', 0)])
    date = fields.Date("Date", required=True)
    results = fields.One2Many(
        'carrier.rate.query.result', None, "Results", readonly=True)
    queried = fields.Boolean("Queried", readonly=True)

    @classmethod
    def default_date(cls):
        pool = Pool()
        Date = pool.get('ir.date')
        return Date.today()

    @classmethod
    def default_weight(cls):
        return 0

    @classmethod
    def default_volume(cls):
        return 0

    @fields.depends('province', 'city')
    def on_change_province(self):
        if self.city and self.city.parent != self.province:
            self.city = None


class RateQueryResult(ModelView):
    __name__ = 'carrier.rate.query.result'
    __string__ = "Rate Query Result"

    carrier = fields.Many2One('carrier', "Carrier", readonly=True)
    rate = fields.Many2One('carrier.rate', "Rate", readonly=True)
    method = fields.Selection(METHODS, "Price Method", readonly=True)
    unit_price = Monetary(
        "Rate Price", currency='currency', digits='currency', readonly=True)
    minimum_charge = Monetary(
        "Minimum Charge", currency='currency', digits='currency',
        readonly=True)
    price = Monetary(
        "Freight", currency='currency', digits='currency', readonly=True,
        help="The price of the shipment, in the company's currency.")
    currency = fields.Many2One('currency.currency', "Currency", readonly=True)


class RateQuery(Wizard):
    "运价查询: each carrier's price of a shipment, cheapest first"
    __name__ = 'carrier.rate.query'

    start = StateView('carrier.rate.query.start',
        'ame_partner.rate_query_start_view_form', [
            Button("Close", 'end', 'tryton-close'),
            Button("Query", 'query', 'tryton-search', default=True),
            ])
    query = StateTransition()

    def transition_query(self):
        self.start.queried = True
        return 'start'

    def value_start(self, fields):
        # After a query: the criteria and the carriers' prices
        if not getattr(self.start, 'queried', False):
            return {}
        return {
            'province': self.start.province.id if self.start.province
            else None,
            'city': self.start.city.id if self.start.city else None,
            'weight': self.start.weight,
            'volume': self.start.volume,
            'date': self.start.date,
            'results': self.get_results(),
            }

    def get_results(self):
        pool = Pool()
        Carrier = pool.get('carrier')
        Company = pool.get('company.company')
        currency = Company(Transaction().context['company']).currency
        start = self.start
        results = Carrier.query_rates(start.city or start.province,
            start.weight or 0, start.volume or 0, start.date)
        return [{
                'carrier': carrier.id,
                'rate': rate.id,
                'method': rate.method,
                'unit_price': rate.price,
                'minimum_charge': rate.minimum_charge,
                'price': price,
                'currency': currency.id,
                } for carrier, rate, price in results]
