# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""客户单位资料: a customer is a party.party with AME's customer data.

A party becomes a customer with ``is_customer``: it then has its customer
code (客户编号) from the numbering rule of ame.configuration
(``customer_sequence``, KH-000123), its classes along the dictionary
dimensions, its credit code, an owner (负责人) and the owner's department.
Owned customers follow the data scope (DataScopeMixin, the rule of
party.xml); the other parties (suppliers, employees, the company, customers
of the pool, which have no owner) stay visible to whoever reads parties.
"""
from sql import Column, Literal, Null
from sql.aggregate import Count

from trytond.cache import Cache
from trytond.i18n import gettext
from trytond.model import Index, fields
from trytond.model.exceptions import ValidationError
from trytond.modules.ame_base.dictionary import dictionary_field
from trytond.modules.ame_base.guard import WorkflowGuardMixin
from trytond.modules.ame_base.model import CHAR_SIZE, InputBoundsMixin
from trytond.modules.ame_organisation.company import CreditCodeMixin
from trytond.modules.ame_permission.data_scope import DataScopeMixin
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.tools import grouped_slice
from trytond.transaction import Transaction, without_check_access

from . import duplicate

STATUSES = [
    ('potential', "Potential"),
    ('intent', "Intent"),
    ('deal', "Deal"),
    ('lost', "Lost"),
    ]
# The sale states in which the customer has bought
DEAL_SALE_STATES = ['confirmed', 'processing', 'done']
# The opportunity states of an open or won deal
INTENT_OPPORTUNITY_STATES = ['opportunity', 'converted', 'won']


class CustomerDuplicateError(ValidationError):
    pass


class Party(DataScopeMixin, WorkflowGuardMixin, InputBoundsMixin,
        CreditCodeMixin, metaclass=PoolMeta):
    __name__ = 'party.party'
    _credit_code_message = 'ame_crm.msg_party_credit_code_invalid'
    _credit_code_record = 'party'
    _data_scope_owner = 'owner'
    _data_scope_department = 'owner_department'
    _subdivisions_cache = Cache('party.party.subdivisions', context=False)
    # The server numbers a customer and keys its name
    _guarded_create_fields = ('customer_number', 'customer_name_key')

    is_customer = fields.Boolean(
        "Customer",
        help="Check to manage the party as a customer (客户单位资料).")
    # 客户编号 (purchase's customer_code is the code a supplier gives us)
    customer_number = fields.Char(
        "Customer Number", readonly=True,
        help="The code of the customer, from its numbering rule.")
    customer_name_key = fields.Char(
        "Customer Name Key", readonly=True,
        help="The name as the duplicate check compares it.")
    credit_code = fields.Char(
        "Unified Social Credit Code", size=18,
        help="The 18-character unified social credit code "
        "(统一社会信用代码).")
    industry = dictionary_field('industry', "Industry")
    customer_grade = dictionary_field('customer_grade', "Customer Grade")
    customer_source = dictionary_field('customer_source', "Customer Source")
    enterprise_nature = dictionary_field(
        'enterprise_nature', "Enterprise Nature")
    enterprise_size = dictionary_field('enterprise_size', "Enterprise Size")
    owner = fields.Many2One(
        'company.employee', "Owner",
        states={'invisible': ~Eval('is_customer', False)},
        help="The sales representative in charge of the customer; a "
        "customer without owner is in the public pool.")
    owner_department = fields.Many2One(
        'company.department', "Owner Department", readonly=True,
        states={'invisible': ~Eval('is_customer', False)},
        help="The department of the owner.")
    customer_status = fields.Function(fields.Selection(
            STATUSES, "Customer Status",
            help="Follows the customer's opportunities and sales."),
        'get_customer_status', searcher='search_customer_status')
    province = fields.Function(fields.Many2One(
            'country.subdivision', "Province"),
        'get_location', searcher='search_province')
    city = fields.Function(fields.Many2One(
            'country.subdivision', "City"),
        'get_location', searcher='search_city')
    sales_region = fields.Function(fields.Many2One(
            'ame.sales.region', "Sales Region"),
        'get_sales_region', searcher='search_sales_region')
    sales = fields.One2Many('sale.sale', 'party', "Sales", readonly=True)
    opportunities = fields.One2Many(
        'sale.opportunity', 'party', "Opportunities", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.customer_number, Index.Equality())),
                Index(t, (t.customer_name_key, Index.Equality())),
                Index(t, (t.credit_code, Index.Equality())),
                })
        cls.owner.domain = [
            ('company', '=', Eval('context', {}).get('company', -1)),
            ]
        cls.owner.states = {'invisible': ~Eval('is_customer', False)}
        cls.credit_code.states = {
            'invisible': ~Eval('is_customer', False)}
        for name in ['industry', 'customer_grade', 'customer_source',
                'enterprise_nature', 'enterprise_size']:
            getattr(cls, name).states = {
                'invisible': ~Eval('is_customer', False)}

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('/form/notebook/page[@id="customer"]', 'states', {
                    'invisible': ~Eval('is_customer', False)}),
            ]

    @classmethod
    def default_is_customer(cls):
        return Transaction().context.get('is_customer', False)

    @classmethod
    def default_owner(cls):
        # A rep's new customer is his own; the administrator's goes to the
        # pool unless he chooses an owner.
        if cls.default_is_customer():
            return Transaction().context.get('employee')

    @classmethod
    def default_owner_department(cls):
        pool = Pool()
        Employee = pool.get('company.employee')
        owner = cls.default_owner()
        if owner:
            department = Employee(owner).department
            return department.id if department else None

    @fields.depends('owner')
    def on_change_owner(self):
        self.owner_department = (
            self.owner.department if self.owner else None)

    def get_rec_name(self, name):
        name = super().get_rec_name(name)
        if self.customer_number:
            name = f'[{self.customer_number}] {name}'
        return name

    @classmethod
    def search_rec_name(cls, name, clause):
        domain = super().search_rec_name(name, clause)
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op, domain,
            ('customer_number', operator, operand, *extra)]

    @classmethod
    def get_customer_status(cls, parties, name):
        "潜在 without any deal, 意向 with an open opportunity, 成交 once it "
        "bought, 流失 when every opportunity was lost"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Opportunity = pool.get('sale.opportunity')
        sale = Sale.__table__()
        opportunity = Opportunity.__table__()
        cursor = Transaction().connection.cursor()
        ids = [p.id for p in parties]
        deals, intents, lost = set(), set(), set()
        in_ = fields.SQL_OPERATORS['in']
        for sub_ids in map(list, grouped_slice(ids, 1000)):
            cursor.execute(*sale.select(sale.party,
                    where=in_(sale.party, sub_ids)
                    & sale.state.in_(DEAL_SALE_STATES),
                    group_by=sale.party))
            deals.update(p for p, in cursor)
            cursor.execute(*opportunity.select(
                    opportunity.party,
                    Count(opportunity.id, filter_=opportunity.state.in_(
                            INTENT_OPPORTUNITY_STATES)),
                    Count(opportunity.id, filter_=(
                            opportunity.state == 'lost')),
                    where=in_(opportunity.party, sub_ids),
                    group_by=opportunity.party))
            for party, open_, lost_ in cursor:
                if open_:
                    intents.add(party)
                elif lost_:
                    lost.add(party)
        statuses = {}
        for id_ in ids:
            if id_ in deals:
                statuses[id_] = 'deal'
            elif id_ in intents:
                statuses[id_] = 'intent'
            elif id_ in lost:
                statuses[id_] = 'lost'
            else:
                statuses[id_] = 'potential'
        return statuses

    @classmethod
    def search_customer_status(cls, name, clause):
        _, operator, value = clause
        values = {value} if isinstance(value, str) else set(value or [])
        if operator in {'!=', 'not in'}:
            values = {s for s, _ in STATUSES} - values
        elif operator not in {'=', 'in'}:
            return []
        deal = ('sales.state', 'in', DEAL_SALE_STATES)
        no_deal = ('sales', 'not where', [
                ('state', 'in', DEAL_SALE_STATES)])
        intent = ('opportunities.state', 'in', INTENT_OPPORTUNITY_STATES)
        no_intent = ('opportunities', 'not where', [
                ('state', 'in', INTENT_OPPORTUNITY_STATES)])
        domains = {
            'deal': [deal],
            'intent': [no_deal, intent],
            'lost': [no_deal, no_intent, ('opportunities.state', '=', 'lost')],
            'potential': [no_deal, no_intent, ('opportunities', 'not where',
                    [('state', '=', 'lost')])],
            }
        return ['OR'] + [domains[v] for v in sorted(values) if v in domains]

    def _main_subdivision(self):
        for address in self.addresses:
            if address.subdivision:
                return address.subdivision

    @classmethod
    def get_location(cls, parties, names):
        result = {n: {} for n in names}
        for party in parties:
            subdivision = party._main_subdivision()
            city = province = None
            if subdivision:
                if subdivision.parent:
                    city, province = subdivision, subdivision.parent
                else:
                    province = subdivision
            for name, value in [('province', province), ('city', city)]:
                if name in result:
                    result[name][party.id] = value.id if value else None
        return result

    @classmethod
    def search_province(cls, name, clause):
        return ['OR',
            ('addresses.subdivision.parent',) + tuple(clause[1:]),
            [('addresses.subdivision',) + tuple(clause[1:]),
                ('addresses.subdivision.parent', '=', None)],
            ]

    @classmethod
    def search_city(cls, name, clause):
        return [('addresses.subdivision',) + tuple(clause[1:]),
            ('addresses.subdivision.parent', '!=', None)]

    def get_sales_region(self, name):
        pool = Pool()
        Region = pool.get('ame.sales.region')
        region = Region.find(self._main_subdivision())
        return region.id if region else None

    @classmethod
    def search_sales_region(cls, name, clause):
        "The parties whose address is in the regions of clause"
        pool = Pool()
        Region = pool.get('ame.sales.region')
        _, operator, value = clause[:3]
        if operator == 'child_of':
            domain = [('parent', 'child_of', value)]
        elif isinstance(value, str):
            # As the client searches a Many2One: by the region's name
            domain = [('rec_name', operator, value)]
        else:
            domain = [('id', operator, value)]
        subdivisions = [s.id for r in Region.search(domain, order=[])
            for s in r.subdivisions]
        return ['OR',
            ('addresses.subdivision', 'in', subdivisions),
            ('addresses.subdivision.parent', 'in', subdivisions),
            ]

    @classmethod
    def subdivisions(cls):
        "China's provinces and their cities, for the name key"
        pool = Pool()
        Subdivision = pool.get('country.subdivision')
        names = cls._subdivisions_cache.get(None)
        if names is None:
            with without_check_access():
                provinces = Subdivision.search([
                        ('country.code', '=', 'CN'),
                        ('parent', '=', None),
                        ])
                names = [(p.name, [c.name for c in Subdivision.search([
                                    ('parent', '=', p.id)])])
                    for p in provinces]
            cls._subdivisions_cache.set(None, names)
        return duplicate.subdivisions(
            tuple((p, tuple(cs)) for p, cs in names))

    @classmethod
    def name_key(cls, name):
        """The key of a company name in the duplicate check, of its first
        CHAR_SIZE characters: the key is indexed, and a longer name is
        refused by the bounds after the write"""
        return duplicate.name_key((name or '')[:CHAR_SIZE], cls.subdivisions())

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if 'name' in values:
            values['customer_name_key'] = cls.name_key(values['name'])
        if (mode == 'create' and values.get('is_customer')
                and not values.get('customer_number')):
            values['customer_number'] = cls.take_customer_number()
        return values

    @classmethod
    def take_customer_number(cls):
        "Return the next customer code of the company's numbering rule"
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        company = Transaction().context.get('company')
        return Configuration(1).get_sequence(
            'customer', company=company).get()

    @classmethod
    def on_modification(cls, mode, parties, field_names=None):
        super().on_modification(mode, parties, field_names=field_names)
        # A supplier that becomes a customer gets its code
        if mode == 'write' and 'is_customer' in field_names:
            to_write = []
            for party in parties:
                if party.is_customer and not party.customer_number:
                    to_write.extend([[party], {
                                'customer_number':
                                cls.take_customer_number()}])
            if to_write:
                cls.write(*to_write)

    @classmethod
    def copy(cls, parties, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('customer_number', None)
        default.setdefault('sales', None)
        default.setdefault('opportunities', None)
        return super().copy(parties, default=default)

    @classmethod
    def validate_fields(cls, parties, field_names):
        super().validate_fields(parties, field_names)
        cls.check_duplicate(parties, field_names)

    @classmethod
    def check_duplicate(cls, parties, field_names=None):
        "Refuse a customer whose name or credit code another customer has"
        if field_names and not (field_names & {
                    'name', 'credit_code', 'is_customer'}):
            return
        customers = [p for p in parties if p.is_customer]
        for party in customers:
            for name, reason in [
                    ('customer_name_key', 'name'),
                    ('credit_code', 'credit_code')]:
                value = getattr(party, name)
                if value and (other := cls.find_customer(
                            name, value, exclude=party)):
                    cls.raise_duplicate(party, other, reason)

    @classmethod
    def find_customer(cls, key, value, exclude=None):
        """Return an active customer other than exclude, in any data scope,
        whose key (customer_name_key, credit_code or phone_key) is value.
        In SQL: a domain on a Char that is not required compares
        COALESCE(column, ''), which no index serves."""
        pool = Pool()
        Mechanism = pool.get('party.contact_mechanism')
        party = cls.__table__()
        mechanism = Mechanism.__table__()
        where = (party.is_customer == Literal(True)) & party.active
        if exclude:
            where &= party.id != exclude.id
        if key == 'phone_key':
            table = party.join(mechanism,
                condition=(mechanism.party == party.id) & mechanism.active
                & mechanism.type.in_(['phone', 'mobile']))
            where &= mechanism.phone_key == value
        else:
            table = party
            where &= Column(party, key) == value
        cursor = Transaction().connection.cursor()
        cursor.execute(*table.select(party.id, where=where, limit=1))
        row = cursor.fetchone()
        return cls(row[0]) if row else None

    @classmethod
    def raise_duplicate(cls, party, other, reason):
        """Refuse party as a duplicate of other for reason (name,
        credit_code, phone), naming the other's code and owner, not its
        data, so that the rep asks for a transfer"""
        with without_check_access():
            owner = other.owner.rec_name if other.owner else None
            code = other.customer_number
        raise CustomerDuplicateError(gettext(
                'ame_crm.msg_party_duplicate_owner' if owner
                else 'ame_crm.msg_party_duplicate_pool',
                party=party.name, code=code, owner=owner,
                reason=gettext(f'ame_crm.msg_party_duplicate_{reason}')))

    def get_handover_name(self):
        return self.rec_name

    @classmethod
    def handover_domain(cls, employee):
        return [('owner', '=', employee.id), ('is_customer', '=', True)]


class ContactMechanism(metaclass=PoolMeta):
    __name__ = 'party.contact_mechanism'

    phone_key = fields.Char(
        "Phone Key", readonly=True,
        help="The number as the duplicate check compares it.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.add(Index(t, (t.phone_key, Index.Equality()),
                where=t.phone_key != Null))

    @classmethod
    def preprocess_values(cls, mode, values):
        # The key of a new number is stored with it: no second write
        values = super().preprocess_values(mode, values)
        if mode == 'create' and 'value' in values:
            values['phone_key'] = (duplicate.phone_key(values['value'])
                if values.get('type') in {'phone', 'mobile'} else None)
        return values

    @classmethod
    def on_modification(cls, mode, mechanisms, field_names=None):
        super().on_modification(mode, mechanisms, field_names=field_names)
        # A number changed: its key follows
        if mode == 'write' and field_names & {'value', 'type'}:
            to_write = []
            for mechanism in mechanisms:
                key = (duplicate.phone_key(mechanism.value)
                    if mechanism.type in {'phone', 'mobile'} else None)
                if key != mechanism.phone_key:
                    to_write.extend([[mechanism], {'phone_key': key}])
            if to_write:
                cls.write(*to_write)

    @classmethod
    def validate_fields(cls, mechanisms, field_names):
        pool = Pool()
        Party = pool.get('party.party')
        super().validate_fields(mechanisms, field_names)
        for mechanism in mechanisms:
            party = mechanism.party
            if not (party.is_customer and mechanism.type in {
                        'phone', 'mobile'}):
                continue
            key = duplicate.phone_key(mechanism.value)
            if key and (other := Party.find_customer(
                        'phone_key', key, exclude=party)):
                Party.raise_duplicate(party, other, 'phone')
