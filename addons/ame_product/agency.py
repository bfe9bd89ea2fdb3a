# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
from collections import namedtuple

from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, fields
from trytond.model.exceptions import ValidationError
from trytond.pool import Pool
from trytond.pyson import Eval, If
from trytond.transaction import Transaction

# The places an agency covers: the ids of its sales regions and of their
# sub-regions, and of its provinces and cities with their cities (the
# provinces and cities of its regions included). None is the whole country.
Territory = namedtuple('Territory', ['regions', 'subdivisions'])

LEVELS = [
    ('exclusive', "Exclusive Agent"),
    ('general', "General Agent"),
    ('distributor', "Distributor"),
    ]
STATES = [
    ('future', "Not Yet Valid"),
    ('valid', "Valid"),
    ('expired', "Expired"),
    ]


class BrandAgency(ModelSQL, ModelView):
    # 商标代理: a party appointed to sell a brand in a territory for a period.
    __name__ = 'product.brand.agency'
    __string__ = "Brand Agency"

    brand = fields.Many2One(
        'product.brand', "Brand", required=True, ondelete='RESTRICT')
    agent = fields.Many2One(
        'party.party', "Agent", required=True, ondelete='RESTRICT')
    level = fields.Selection(LEVELS, "Level", required=True, sort=False,
        help="An exclusive agent is the only agent of the brand in its "
        "territory; a general agent is one of several; a distributor buys "
        "and resells the brand without agency rights.")
    regions = fields.Many2Many(
        'product.brand.agency-ame.sales.region', 'agency', 'region',
        "Sales Regions",
        help="Leave the sales regions and the provinces and cities empty "
        "for the whole country.")
    subdivisions = fields.Many2Many(
        'product.brand.agency-country.subdivision', 'agency', 'subdivision',
        "Provinces and Cities",
        help="Provinces and cities covered in addition to the sales regions.")
    territory = fields.Function(
        fields.Char("Territory"),
        'get_territory_name', searcher='search_territory')
    from_date = fields.Date("From Date", required=True)
    to_date = fields.Date(
        "To Date", help="Leave empty for an agency without end.")
    contract_number = fields.Char("Contract Number", strip=True)
    state = fields.Function(fields.Selection(STATES, "State", sort=False),
        'get_state', searcher='search_state')
    notes = fields.Text("Notes")

    @classmethod
    def __setup__(cls):
        cls.contract_number.search_unaccented = False
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t,
                    (t.brand, Index.Range()),
                    (t.from_date, Index.Range())),
                Index(t, (t.agent, Index.Range())),
                })
        cls._order = [
            ('from_date', 'DESC'),
            ('id', 'DESC'),
            ]

    @classmethod
    def default_level(cls):
        return 'general'

    @classmethod
    def default_from_date(cls):
        return Pool().get('ir.date').today()

    def get_rec_name(self, name):
        return f'{self.brand.rec_name} - {self.agent.rec_name}'

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('brand.rec_name', operator, operand, *extra),
            ('agent.rec_name', operator, operand, *extra),
            ('contract_number', operator, operand, *extra),
            ]

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('/tree', 'visual',
                If(Eval('state') == 'expired', 'muted', '')),
            ]

    def get_territory_name(self, name):
        places = [r.rec_name for r in self.regions]
        places += [s.name for s in self.subdivisions]
        if not places:
            return gettext('ame_product.msg_brand_agency_whole_country')
        return "、".join(places)

    @classmethod
    def search_territory(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('regions.name', operator, operand, *extra),
            ('subdivisions.name', operator, operand, *extra),
            ]

    def state_at(self, date):
        "Return the state of the agency on the date"
        if date < self.from_date:
            return 'future'
        if self.to_date and date > self.to_date:
            return 'expired'
        return 'valid'

    @classmethod
    def get_state(cls, agencies, name):
        today = Pool().get('ir.date').today()
        return {a.id: a.state_at(today) for a in agencies}

    @classmethod
    def _state_domain(cls, state, date):
        if state == 'future':
            return [('from_date', '>', date)]
        elif state == 'expired':
            return [('to_date', '<', date)]
        else:
            return [
                ('from_date', '<=', date),
                ['OR',
                    ('to_date', '=', None),
                    ('to_date', '>=', date),
                    ],
                ]

    @classmethod
    def search_state(cls, name, clause):
        _, operator, value = clause[:3]
        today = Pool().get('ir.date').today()
        states = {s for s, _ in STATES}
        if operator == '=':
            selected = {value}
        elif operator == '!=':
            selected = states - {value}
        elif operator == 'in':
            selected = set(value)
        elif operator == 'not in':
            selected = states - set(value)
        else:
            raise NotImplementedError(operator)
        domain = ['OR'] + [
            cls._state_domain(s, today) for s, _ in STATES if s in selected]
        if len(domain) == 1:
            return [('id', '=', None)]
        return domain

    def get_territory(self):
        "Return the Territory covered, None for the whole country"
        pool = Pool()
        Region = pool.get('ame.sales.region')
        Subdivision = pool.get('country.subdivision')
        if not self.regions and not self.subdivisions:
            return None
        with Transaction().set_context(active_test=False):
            regions = Region.search([
                    ('parent', 'child_of', [r.id for r in self.regions]),
                    ])
            subdivisions = {s.id for s in self.subdivisions}
            subdivisions.update(
                s.id for r in regions for s in r.subdivisions)
            subdivisions = Subdivision.search([
                    ('parent', 'child_of', list(subdivisions)),
                    ])
        return Territory(
            frozenset(r.id for r in regions),
            frozenset(s.id for s in subdivisions))

    @classmethod
    def territories_overlap(cls, territory, other):
        "Tell if two territories (from get_territory) have a place in common"
        if territory is None or other is None:
            return True
        return bool(
            (territory.regions & other.regions)
            or (territory.subdivisions & other.subdivisions))

    def covers(self, subdivision=None, region=None, territory=False):
        "Tell if the agency covers the subdivision or the region"
        if territory is False:
            territory = self.get_territory()
        if territory is None:
            return True
        if subdivision and subdivision.id in territory.subdivisions:
            return True
        if region:
            if region.id in territory.regions:
                return True
            places = {s.id for s in region.subdivisions}
            if places and places <= territory.subdivisions:
                return True
        return False

    @classmethod
    def validate_fields(cls, agencies, field_names):
        super().validate_fields(agencies, field_names)
        cls.check_dates(agencies, field_names)
        cls.check_exclusive(agencies, field_names)

    @classmethod
    def check_dates(cls, agencies, field_names=None):
        pool = Pool()
        Lang = pool.get('ir.lang')
        if field_names and not (field_names & {'from_date', 'to_date'}):
            return
        lang = Lang.get()
        for agency in agencies:
            if agency.to_date and agency.to_date < agency.from_date:
                raise ValidationError(gettext(
                        'ame_product.msg_brand_agency_dates',
                        agency=agency.rec_name,
                        from_date=lang.strftime(agency.from_date),
                        to_date=lang.strftime(agency.to_date)))

    @classmethod
    def check_exclusive(cls, agencies, field_names=None):
        "Check that exclusive agencies of a brand share no place and time"
        if field_names and not (field_names & {
                    'brand', 'level', 'from_date', 'to_date', 'regions',
                    'subdivisions'}):
            return
        for agency in agencies:
            if agency.level != 'exclusive':
                continue
            domain = [
                ('id', '!=', agency.id),
                ('brand', '=', agency.brand.id),
                ('level', '=', 'exclusive'),
                ['OR',
                    ('to_date', '=', None),
                    ('to_date', '>=', agency.from_date),
                    ],
                ]
            if agency.to_date:
                domain.append(('from_date', '<=', agency.to_date))
            others = cls.search(domain, order=[('from_date', 'ASC')])
            if not others:
                continue
            territory = agency.get_territory()
            for other in others:
                if cls.territories_overlap(territory, other.get_territory()):
                    raise ValidationError(gettext(
                            'ame_product.msg_brand_agency_exclusive_overlap',
                            agency=agency.rec_name,
                            other=other.rec_name,
                            brand=agency.brand.rec_name))

    @classmethod
    def find_agents(cls, brand, subdivision=None, region=None, date=None):
        """Return the agencies of the brand valid on the date (today by
        default) that cover the subdivision or the region (any place when
        both are None), exclusive agents first, then general agents, then
        distributors."""
        pool = Pool()
        Date = pool.get('ir.date')
        if date is None:
            date = Date.today()
        agencies = cls.search([
                ('brand', '=', brand.id),
                cls._state_domain('valid', date),
                ])
        if subdivision or region:
            agencies = [a for a in agencies
                if a.covers(subdivision=subdivision, region=region)]
        levels = [level for level, _ in LEVELS]
        return sorted(agencies, key=lambda a: (
                levels.index(a.level), a.from_date or dt.date.min, a.id))


class BrandAgencyRegion(ModelSQL):
    __name__ = 'product.brand.agency-ame.sales.region'
    __string__ = "Brand Agency - Sales Region"

    agency = fields.Many2One(
        'product.brand.agency', "Agency", required=True, ondelete='CASCADE')
    region = fields.Many2One(
        'ame.sales.region', "Sales Region", required=True,
        ondelete='CASCADE')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('agency')


class BrandAgencySubdivision(ModelSQL):
    __name__ = 'product.brand.agency-country.subdivision'
    __string__ = "Brand Agency - Subdivision"

    agency = fields.Many2One(
        'product.brand.agency', "Agency", required=True, ondelete='CASCADE')
    subdivision = fields.Many2One(
        'country.subdivision', "Subdivision", required=True,
        ondelete='CASCADE')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('agency')
