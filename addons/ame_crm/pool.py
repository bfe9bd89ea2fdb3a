# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""公海: the public pool of customers nobody owns.

A pool (``ame.customer.pool``) belongs to a company and may be limited to a
sales region and an industry; its members are departments (with their
sub-departments) and roles (a pool without members is open to every user
of the company), its administrator and the CRM administrators
(``group_crm_admin``) manage it. A customer without owner is in the pool
that matches it best (``Pool.match``: a pool of its region and industry
before a pool of its region or industry, before a pool of the company).

Owners change only through the pool's flows, each logged in
``ame.customer.pool.log``: 领取 (claim, by a member, within the claim
limits of the company's settings and after the cool-down of a customer he
released), 退回公海 (release, by the owner or an administrator, with a
reason), 分配 (assign, by an administrator, within the rep's limit), and
the daily cron (``Pool.return_overdue``) that returns the customers whose
rule (per customer grade) is exceeded after warning their owner. The
business handover moves owned customers (not those of the pool).

The settings (per company, 运行时参数): the global cap of owned customers,
whether customers with a deal count, the cool-down; the limit per role is
``ame.customer.pool.limit``.
"""
import datetime as dt
import json
from collections import defaultdict

from sql import Literal, Null
from sql.aggregate import Count, Max, Min
from sql.conditionals import Coalesce
from sql.functions import CurrentTimestamp

from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, Index, ModelSQL, ModelView, fields)
from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.ame_base.dictionary import dictionary_field
from trytond.modules.company.model import CompanyValueMixin
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval
from trytond.tools import grouped_slice
from trytond.transaction import (
    Transaction, check_access, without_check_access)
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .party import DEAL_SALE_STATES

ACTIONS = [
    ('claim', "Claim"),
    ('release', "Release"),
    ('assign', "Assign"),
    ('auto', "Automatic Return"),
    ]
# The context key of the flows that may change a customer's owner
OWNER_MOVE = '_ame_customer_owner_move'
# The fields through which a search would find a pool customer's numbers
PARTY_NUMBER_FIELDS = {'contact_mechanisms', 'phone', 'mobile', 'email'}
CONTACT_NUMBER_FIELDS = {
    'contact_mechanisms', 'phone', 'mobile', 'email', 'wechat'}
# The rows of one INSERT of the cron's logs, the ids of one UPDATE
BATCH = 1000


class PoolError(ValidationError):
    pass


def mask_phone(value):
    "138****5678: the first three and the last four digits of a number"
    if not value:
        return value
    digits = ''.join(c for c in value if c.isdigit())
    if len(digits) < 7:
        return '*' * len(digits)
    return digits[:3] + '*' * (len(digits) - 7) + digits[-4:]


def _datetime(value):
    "A datetime from the database (SQLite gives text)"
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    return value


def user_employee(user=None, company=None):
    """The employee of the user in the company: his current employee, else
    the first of his employees there (what the server stores, never the
    context)"""
    pool = Pool()
    User = pool.get('res.user')
    transaction = Transaction()
    company = company or transaction.context.get('company')
    with without_check_access():
        user = User(user or transaction.user)
        employees = [e for e in [user.employee, *user.employees]
            if e and e.company.id == company and e in user.employees]
    return employees[0] if employees else None


def is_pool_admin(user=None):
    "Tell whether the user administers the CRM (every pool)"
    pool = Pool()
    ModelData = pool.get('ir.model.data')
    User = pool.get('res.user')
    transaction = Transaction()
    if not transaction.user:
        return True
    with transaction.set_user(user or transaction.user):
        groups = User.get_groups()
    return ModelData.get_id('ame_crm', 'group_crm_admin') in groups


def sees_pool_phones():
    """Tell whether the user reads the numbers of pool customers: the CRM
    administrators and the pools' administrators"""
    pool = Pool()
    CustomerPool = pool.get('ame.customer.pool')
    transaction = Transaction()
    if not transaction.user or is_pool_admin():
        return True
    with without_check_access():
        return bool(CustomerPool.search([
                    ('administrator', '=', transaction.user),
                    ], limit=1))


def masked(name, value):
    "The value of a contact mechanism of type name, masked"
    if not value:
        return value
    return mask_phone(value) if name in {'phone', 'mobile', 'fax'} else (
        '******')


def hide_pool_numbers(domain, names, prefix=''):
    """The domain whose clauses on the fields names (the contact mechanisms)
    skip the customers of the pool (prefix: the path to the party) when the
    user may not read their numbers: a search by a number would tell the
    masked numbers. Without such clauses (every list, every record rule)
    the domain is returned as it is, and the user's pools are not asked."""
    if not _mentions(domain, names) or not hides_pool_numbers():
        return domain
    return _hide(domain, names, prefix)


def _is_clause(domain):
    return isinstance(domain[0], str) and domain[0] not in {'AND', 'OR'}


def _mentions(domain, names):
    if not isinstance(domain, (list, tuple)) or not domain:
        return False
    if _is_clause(domain):
        return domain[0].split('.', 1)[0] in names
    return any(_mentions(d, names) for d in domain)


def _hide(domain, names, prefix):
    if not isinstance(domain, (list, tuple)) or not domain:
        return domain
    if _is_clause(domain):
        if domain[0].split('.', 1)[0] in names:
            return [domain, ['OR',
                    (f'{prefix}is_customer', '!=', True),
                    (f'{prefix}owner', '!=', None)]]
        return domain
    return [_hide(d, names, prefix) for d in domain]


def export_masked(Model, export, records, fields_names, header, in_pool):
    """Model's export (the export_data of its parent class) of the
    records, the columns through the contact mechanisms masked on the rows
    of the records in_pool(record)"""
    paths = [x.split('/') for x in fields_names]
    hidden = [p[0] == 'contact_mechanisms' for p in paths]
    data = []
    if header:
        data.append(Model._convert_field_names(paths))
    for record in records:
        rows = export([record], fields_names)
        if in_pool(record):
            rows = [[masked('phone', v) if h and isinstance(v, str) else v
                    for v, h in zip(row, hidden)] for row in rows]
        data += rows
    return data


def hides_pool_numbers():
    "Tell whether the searches of the user skip the pool's numbers"
    transaction = Transaction()
    return bool(transaction.user and transaction.check_access
        and not sees_pool_phones())


def pool_rule_context():
    """The rule context of the pools: those the user is a member of
    ('customer_pools') and whether he reads the phones of every pool
    customer ('customer_pool_admin')"""
    pool = Pool()
    CustomerPool = pool.get('ame.customer.pool')
    transaction = Transaction()
    if not transaction.user:
        return {'customer_pools': [], 'customer_pool_admin': True}
    with without_check_access():
        pools = CustomerPool.member_pools(transaction.user)
    return {
        'customer_pools': sorted(p.id for p in pools),
        'customer_pool_admin': sees_pool_phones(),
        }


class CustomerPool(DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'ame.customer.pool'
    __string__ = "Customer Pool"

    company = fields.Many2One(
        'company.company', "Company", required=True)
    name = fields.Char("Name", required=True, translate=False)
    sales_region = fields.Many2One(
        'ame.sales.region', "Sales Region",
        help="Leave empty for the customers of every region.")
    industry = dictionary_field(
        'industry', "Industry",
        help="Leave empty for the customers of every industry.")
    departments = fields.Many2Many(
        'ame.customer.pool-company.department', 'pool', 'department',
        "Member Departments",
        domain=[('company', '=', Eval('company', -1))],
        help="The users of these departments and their sub-departments "
        "see and claim the pool's customers.")
    roles = fields.Many2Many(
        'ame.customer.pool-res.role', 'pool', 'role', "Member Roles",
        help="The users of these roles see and claim the pool's customers. "
        "A pool without member departments and roles is open to all.")
    administrator = fields.Many2One(
        'res.user', "Administrator",
        help="Who assigns and releases the pool's customers, besides the "
        "customer management administrators.")
    rules = fields.One2Many(
        'ame.customer.pool.rule', 'pool', "Return Rules",
        help="When the owned customers that match the pool return to it.")
    customers = fields.One2Many(
        'party.party', 'pool', "Customers", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    customer_count = fields.Function(
        fields.Integer("Customers"), 'get_customer_count')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('company', 'ASC'), ('name', 'ASC'), ('id', 'ASC')]

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def get_customer_count(cls, pools, name):
        pool = Pool()
        Party = pool.get('party.party')
        party = Party.__table__()
        cursor = Transaction().connection.cursor()
        counts = {p.id: 0 for p in pools}
        in_ = fields.SQL_OPERATORS['in']
        for sub_ids in grouped_slice(list(counts)):
            cursor.execute(*party.select(party.pool, Count(party.id),
                    where=in_(party.pool, list(sub_ids)) & party.active,
                    group_by=party.pool))
            counts.update(cursor)
        return counts

    @classmethod
    def on_modification(cls, mode, pools, field_names=None):
        pool = Pool()
        Rule = pool.get('ir.rule')
        super().on_modification(mode, pools, field_names=field_names)
        # The members' rule context (customer_pools) follows the pools
        Rule._domain_get_cache.clear()

    @classmethod
    def on_delete(cls, pools):
        pool = Pool()
        Rule = pool.get('ir.rule')
        callback = super().on_delete(pools)
        callback.append(Rule._domain_get_cache.clear)
        return callback

    @classmethod
    def member_pools(cls, user_id):
        "The active pools of which the user is a member"
        pool = Pool()
        User = pool.get('res.user')
        Department = pool.get('company.department')
        with without_check_access():
            user = User(user_id)
            now = dt.datetime.now()
            roles = {r.role.id for r in user.roles if r.valid(now)}
            departments = {e.department.id for e in user.employees
                if e.department}
            pools = cls.search([], order=[])
            admin = is_pool_admin(user_id)
            result = []
            for pool_ in pools:
                if admin or pool_.administrator == user:
                    result.append(pool_)
                    continue
                if not pool_.departments and not pool_.roles:
                    if any(e.company == pool_.company
                            for e in user.employees):
                        result.append(pool_)
                    continue
                if roles & {r.id for r in pool_.roles}:
                    result.append(pool_)
                    continue
                if pool_.departments and departments and Department.search([
                            ('id', 'in', list(departments)),
                            ('parent', 'child_of',
                                [d.id for d in pool_.departments]),
                            ], limit=1, order=[]):
                    result.append(pool_)
        return result

    def is_member(self, user_id=None):
        return self in self.member_pools(user_id or Transaction().user)

    def is_administrator(self, user_id=None):
        user_id = user_id or Transaction().user
        return bool(is_pool_admin(user_id) or (
                self.administrator and self.administrator.id == user_id))

    @classmethod
    def match(cls, company_id, region_id, industry_id, pools=None):
        """The pool of the company that fits a customer of the region and
        industry best: both given, then the region, then the industry,
        then neither"""
        if pools is None:
            with without_check_access():
                pools = cls.search([('company', '=', company_id)])
        best, best_rank = None, -1
        for pool_ in pools:
            region = pool_.sales_region.id if pool_.sales_region else None
            industry = pool_.industry.id if pool_.industry else None
            if region and region != region_id:
                continue
            if industry and industry != industry_id:
                continue
            rank = 2 * bool(region) + bool(industry)
            if rank > best_rank:
                best, best_rank = pool_, rank
        return best

    @classmethod
    def matching(cls, customer):
        "The pools into which the customer may be released, best first"
        with without_check_access():
            pools = cls.search([('company', '=', customer.company_id())])
        region = customer.sales_region.id if customer.sales_region else None
        industry = customer.industry.id if customer.industry else None
        result = []
        for pool_ in pools:
            if pool_.sales_region and pool_.sales_region.id != region:
                continue
            if pool_.industry and pool_.industry.id != industry:
                continue
            result.append(pool_)
        return sorted(result, key=lambda p: (
                -(2 * bool(p.sales_region) + bool(p.industry)), p.id))

    def rule_for(self, grade_id):
        "The rule of the customer grade, else the rule of every grade"
        default = None
        for rule in self.rules:
            if rule.customer_grade and rule.customer_grade.id == grade_id:
                return rule
            if not rule.customer_grade and default is None:
                default = rule
        return default

    @classmethod
    def return_overdue(cls, date=None):
        """The cron: in the company of the context (or each company),
        return the owned customers whose rule is exceeded at date (today)
        to their pool, and warn the owners of those whose return is near"""
        pool = Pool()
        Company = pool.get('company.company')
        Date = pool.get('ir.date')
        company_id = Transaction().context.get('company')
        companies = ([Company(company_id)] if company_id
            else Company.search([]))
        for company in companies:
            with Transaction().set_context(company=company.id):
                cls._return_overdue(company, date or Date.today())

    @classmethod
    def _return_overdue(cls, company, date):
        pools = cls.search([('company', '=', company.id)])
        if not any(p.rules for p in pools):
            return
        rows = cls._overdue_candidates(company, pools, date)
        regions = cls._customer_regions([r[0] for r in rows])
        to_return = defaultdict(list)
        to_warn = []
        for (party, owner, grade, industry, contact_ref, win_ref,
                warned) in rows:
            pool_ = cls.match(
                company.id, regions.get(party), industry, pools=pools)
            rule = pool_.rule_for(grade) if pool_ else None
            if not rule:
                continue
            state = rule.state(date, _datetime(contact_ref),
                _datetime(win_ref), warned)
            if state and state[0] == 'return':
                to_return[pool_].append((party, owner, state[1]))
            elif state and state[0] == 'warn':
                to_warn.append((party, owner, state[1], state[2]))
        for pool_, customers in to_return.items():
            pool_.return_customers(customers, date)
        cls._warn(to_warn, date)

    @classmethod
    def _overdue_candidates(cls, company, pools, date):
        """One query: the owned customers of the company whose timers may
        have reached a warning (the smallest warning horizon of the rules),
        with their owner, grade, industry, the references of the timers
        (the last contact or creation, the last won opportunity or
        creation; the claim restarts both) and the date of their last
        warning"""
        pool = Pool()
        Party = pool.get('party.party')
        Opportunity = pool.get('sale.opportunity')
        Employee = pool.get('company.employee')
        party = Party.__table__()
        opportunity = Opportunity.__table__()
        employee = Employee.__table__()
        rules = [r for p in pools for r in p.rules]
        contact_days = [r.no_contact_days - (r.warning_days or 0)
            for r in rules if r.no_contact_days]
        win_days = [r.no_win_days - (r.warning_days or 0)
            for r in rules if r.no_win_days]
        won = opportunity.select(
            opportunity.party, Max(opportunity.end_date).as_('won'),
            where=(opportunity.state == 'won')
            & (opportunity.company == company.id),
            group_by=opportunity.party)
        since = Coalesce(party.owned_since, party.create_date)
        contact_ref = Coalesce(party.last_contact, party.create_date)
        win_ref = Coalesce(won.won, party.create_date)
        now = dt.datetime.combine(date, dt.time())
        conditions = []
        if contact_days:
            limit = now - dt.timedelta(days=max(min(contact_days), 0))
            conditions.append((contact_ref < limit) & (since < limit))
        if win_days:
            limit = now - dt.timedelta(days=max(min(win_days), 0))
            conditions.append((win_ref < limit) & (since < limit))
        if not conditions:
            return []
        where = conditions[0]
        for condition in conditions[1:]:
            where |= condition
        query = party.join(employee, condition=employee.id == party.owner
            ).join(won, 'LEFT', condition=won.party == party.id
            ).select(
                party.id, party.owner, party.customer_grade, party.industry,
                contact_ref, win_ref, party.pool_warning_date, since,
                where=(party.is_customer == Literal(True)) & party.active
                & (employee.company == company.id) & where,
                order_by=[party.id.asc])
        cursor = Transaction().connection.cursor()
        cursor.execute(*query)
        rows = []
        for (id_, owner, grade, industry, contact, win, warned,
                since_) in cursor:
            since_ = _datetime(since_)
            contact, win = _datetime(contact), _datetime(win)
            rows.append((id_, owner, grade, industry,
                    max(contact, since_) if since_ else contact,
                    max(win, since_) if since_ else win, warned))
        return rows

    @classmethod
    def _customer_regions(cls, party_ids):
        "The sales region of each customer, from its addresses"
        pool = Pool()
        Address = pool.get('party.address')
        Subdivision = pool.get('country.subdivision')
        RegionSubdivision = pool.get('ame.sales.region-country.subdivision')
        address = Address.__table__()
        subdivision = Subdivision.__table__()
        direct = RegionSubdivision.__table__()
        parent = RegionSubdivision.__table__()
        cursor = Transaction().connection.cursor()
        in_ = fields.SQL_OPERATORS['in']
        regions = {}
        for sub_ids in grouped_slice(party_ids, BATCH * 10):
            cursor.execute(*address.join(subdivision,
                    condition=address.subdivision == subdivision.id
                    ).join(direct, 'LEFT',
                    condition=direct.subdivision == subdivision.id
                    ).join(parent, 'LEFT',
                    condition=parent.subdivision == subdivision.parent
                    ).select(address.party,
                    Min(Coalesce(direct.region, parent.region)),
                    where=in_(address.party, list(sub_ids))
                    & address.active,
                    group_by=address.party))
            regions.update(cursor)
        return regions

    def return_customers(self, customers, date, action='auto'):
        """Return the customers ((id, owner, reason)) to the pool in bulk:
        one UPDATE and one INSERT of logs per batch"""
        pool = Pool()
        Party = pool.get('party.party')
        Log = pool.get('ame.customer.pool.log')
        party = Party.__table__()
        log = Log.__table__()
        transaction = Transaction()
        cursor = transaction.connection.cursor()
        user = transaction.user
        now = dt.datetime.now()
        by_reason = defaultdict(list)
        for id_, owner, reason in customers:
            by_reason[reason].append((id_, owner))
        in_ = fields.SQL_OPERATORS['in']
        for reason, rows in by_reason.items():
            for sub_rows in grouped_slice(rows, BATCH):
                sub_rows = list(sub_rows)
                ids = [r[0] for r in sub_rows]
                cursor.execute(*party.update(
                        [party.previous_owner], [party.owner],
                        where=in_(party.id, ids)))
                cursor.execute(*party.update([
                            party.owner, party.owner_department, party.pool,
                            party.pool_date, party.pool_reason,
                            party.pool_warning_date, party.owned_since,
                            party.write_uid, party.write_date], [
                            Null, Null, self.id, now, reason, Null, Null,
                            user, CurrentTimestamp()],
                        where=in_(party.id, ids)))
                cursor.execute(*log.insert([
                            log.company, log.customer, log.date, log.user,
                            log.action, log.reason, log.from_owner,
                            log.pool, log.create_uid, log.create_date], [[
                                self.company.id, id_, now, user, action,
                                reason, owner, self.id, user,
                                CurrentTimestamp()]
                            for id_, owner in sub_rows]))
        Party._cache_clear([c[0] for c in customers])

    @classmethod
    def _warn(cls, customers, date):
        """Notify the owners of the customers ((id, owner, reason, due))
        soon returned, once per owner and run, and remember the warning
        of each customer"""
        pool = Pool()
        Party = pool.get('party.party')
        Employee = pool.get('company.employee')
        party = Party.__table__()
        cursor = Transaction().connection.cursor()
        if not customers:
            return
        by_owner = defaultdict(list)
        for id_, owner, reason, due in customers:
            by_owner[owner].append((id_, reason, due))
        in_ = fields.SQL_OPERATORS['in']
        for sub_ids in grouped_slice([c[0] for c in customers], BATCH):
            cursor.execute(*party.update(
                    [party.pool_warning_date], [date],
                    where=in_(party.id, list(sub_ids))))
        Party._cache_clear([c[0] for c in customers])
        for owner, rows in by_owner.items():
            employee = Employee(owner)
            for user in cls._employee_users(employee):
                first = Party(rows[0][0])
                send_notification(user,
                    'ame_crm.msg_pool_warning_label',
                    'ame_crm.msg_pool_warning_description',
                    [r[0] for r in rows],
                    count=len(rows), customer=first.rec_name,
                    reason=rows[0][1], date=min(r[2] for r in rows))

    @staticmethod
    def _employee_users(employee):
        pool = Pool()
        User = pool.get('res.user')
        with without_check_access():
            return User.search([('employees', '=', employee.id)])

    @classmethod
    def claim_limit(cls, employee):
        """The most customers the employee may own: the greatest limit of
        his users' roles and the global cap, the smaller of the two; None
        without limit"""
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        Limit = pool.get('ame.customer.pool.limit')
        company = employee.company
        now = dt.datetime.now()
        with without_check_access():
            roles = {r.role.id for u in cls._employee_users(employee)
                for r in u.roles if r.valid(now)}
            limits = [r.limit for r in Limit.search([
                        ('company', '=', company.id),
                        ('role', 'in', list(roles)),
                        ])]
            cap = Configuration(1).get_multivalue(
                'pool_claim_cap', company=company.id)
        candidates = [max(limits)] if limits else []
        if cap:
            candidates.append(cap)
        return min(candidates) if candidates else None

    @classmethod
    def owned_count(cls, employee):
        """The customers the employee owns in his company, those with a
        deal excepted unless the settings count them"""
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        Party = pool.get('party.party')
        Sale = pool.get('sale.sale')
        Opportunity = pool.get('sale.opportunity')
        party = Party.__table__()
        sale = Sale.__table__()
        opportunity = Opportunity.__table__()
        count_won = Configuration(1).get_multivalue(
            'pool_count_won', company=employee.company.id)
        where = ((party.owner == employee.id)
            & (party.is_customer == Literal(True)) & party.active)
        if not count_won:
            where &= ~party.id.in_(sale.select(sale.party,
                    where=sale.state.in_(DEAL_SALE_STATES)))
            where &= ~party.id.in_(opportunity.select(opportunity.party,
                    where=opportunity.state == 'won'))
        cursor = Transaction().connection.cursor()
        cursor.execute(*party.select(Count(party.id), where=where))
        return cursor.fetchone()[0]

    @classmethod
    def check_limit(cls, employee, adding):
        "Refuse that the employee holds adding more customers"
        limit = cls.claim_limit(employee)
        if limit is None:
            return
        count = cls.owned_count(employee)
        if count + adding > limit:
            raise PoolError(gettext('ame_crm.msg_pool_claim_limit',
                    employee=employee.rec_name, limit=limit, count=count))

    @classmethod
    def check_cooldown(cls, employee, customers):
        "Refuse a customer the employee released within the cool-down"
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        Log = pool.get('ame.customer.pool.log')
        days = Configuration(1).get_multivalue(
            'pool_cooldown_days', company=employee.company.id)
        if not days:
            return
        since = dt.datetime.now() - dt.timedelta(days=days)
        with without_check_access():
            logs = Log.search([
                    ('customer', 'in', [c.id for c in customers]),
                    ('from_owner', '=', employee.id),
                    ('action', 'in', ['release', 'auto']),
                    ('date', '>', since),
                    ], order=[('date', 'DESC')])
        if logs:
            raise PoolError(gettext('ame_crm.msg_pool_claim_cooldown',
                    customer=logs[0].customer.rec_name, days=days,
                    date=(logs[0].date + dt.timedelta(days=days)).strftime(
                        '%Y-%m-%d')))


def send_notification(user, label, description, ids, **values):
    "A notification of the customers ids in the user's language"
    pool = Pool()
    Notification = pool.get('res.notification')
    language = user.language.code if user.language else None
    with Transaction().set_context(language=language):
        notification = Notification(
            user=user,
            label=gettext(label, **values),
            description=gettext(description, **values),
            icon='tryton-notification',
            model='party.party',
            records=json.dumps(ids))
    with without_check_access():
        notification.save()
    return notification


class CustomerPoolDepartment(ModelSQL):
    __name__ = 'ame.customer.pool-company.department'
    __string__ = "Customer Pool - Department"

    pool = fields.Many2One(
        'ame.customer.pool', "Pool", required=True, ondelete='CASCADE')
    department = fields.Many2One(
        'company.department', "Department", required=True,
        ondelete='CASCADE')


class CustomerPoolRole(ModelSQL):
    __name__ = 'ame.customer.pool-res.role'
    __string__ = "Customer Pool - Role"

    pool = fields.Many2One(
        'ame.customer.pool', "Pool", required=True, ondelete='CASCADE')
    role = fields.Many2One(
        'res.role', "Role", required=True, ondelete='CASCADE')


class CustomerPoolRule(ModelSQL, ModelView):
    __name__ = 'ame.customer.pool.rule'
    __string__ = "Customer Pool Rule"

    pool = fields.Many2One(
        'ame.customer.pool', "Pool", required=True, ondelete='CASCADE')
    customer_grade = dictionary_field(
        'customer_grade', "Customer Grade",
        help="Leave empty for the customers of every grade without a rule "
        "of their own.")
    no_contact_days = fields.Integer(
        "Days Without Contact",
        domain=['OR', ('no_contact_days', '=', None),
            ('no_contact_days', '>', 0)],
        help="A customer without contact record for these days returns "
        "to the pool.")
    no_win_days = fields.Integer(
        "Days Without Won Deal",
        domain=['OR', ('no_win_days', '=', None), ('no_win_days', '>', 0)],
        help="A customer without won opportunity for these days returns "
        "to the pool.")
    warning_days = fields.Integer(
        "Warning Days",
        domain=['OR', ('warning_days', '=', None), ('warning_days', '>=', 0)],
        help="The owner is warned these days before the return.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('pool')

    @classmethod
    def default_warning_days(cls):
        return 7

    def state(self, date, contact_ref, win_ref, warned):
        """('return', reason), ('warn', reason, due date) or None for a
        customer whose timers started at contact_ref and win_ref, last
        warned at warned"""
        warning = dt.timedelta(days=self.warning_days or 0)
        now = dt.datetime.combine(date, dt.time())
        states = []
        for days, ref, message in [
                (self.no_contact_days, contact_ref,
                    'ame_crm.msg_pool_reason_no_contact'),
                (self.no_win_days, win_ref,
                    'ame_crm.msg_pool_reason_no_win')]:
            if not days or not ref:
                continue
            due = ref + dt.timedelta(days=days)
            reason = gettext(message, days=days)
            if due <= now:
                return ('return', reason)
            if due - warning <= now and not (
                    warned and _datetime(warned) >= ref):
                states.append(('warn', reason, due.date()))
        return states[0] if states else None


class CustomerPoolLimit(ModelSQL, ModelView):
    __name__ = 'ame.customer.pool.limit'
    __string__ = "Customer Claim Limit"

    company = fields.Many2One('company.company', "Company", required=True)
    role = fields.Many2One('res.role', "Role", required=True)
    limit = fields.Integer(
        "Limit", required=True, domain=[('limit', '>=', 0)],
        help="The most customers a user of the role owns.")

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')


class CustomerPoolLog(ModelSQL, ModelView):
    __name__ = 'ame.customer.pool.log'
    __string__ = "Customer Pool Log"

    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    customer = fields.Many2One(
        'party.party', "Customer", required=True, readonly=True,
        ondelete='CASCADE',
        context={'company': Eval('company', -1)}, depends={'company'})
    date = fields.DateTime("Date", required=True, readonly=True)
    user = fields.Many2One('res.user', "User", readonly=True)
    action = fields.Selection(ACTIONS, "Action", required=True, readonly=True)
    reason = fields.Text("Reason", readonly=True)
    from_owner = fields.Many2One(
        'company.employee', "From Owner", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    to_owner = fields.Many2One(
        'company.employee', "To Owner", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    pool = fields.Many2One(
        'ame.customer.pool', "Pool", readonly=True, ondelete='SET NULL',
        context={'company': Eval('company', -1)}, depends={'company'})

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.customer, Index.Range()), (t.date, Index.Range())),
                Index(t, (t.from_owner, Index.Range())),
                })
        cls._order = [('date', 'DESC'), ('id', 'DESC')]

    @classmethod
    def add(cls, customers, action, reason=None, to_owner=None, pool=None):
        "Log the move of the customers (before it) as the server"
        now = dt.datetime.now()
        with without_check_access():
            cls.create([{
                        'company': Transaction().context.get('company')
                        or c.company_id(),
                        'customer': c.id,
                        'date': now,
                        'user': Transaction().user or None,
                        'action': action,
                        'reason': reason,
                        'from_owner': c.owner.id if c.owner else None,
                        'to_owner': to_owner.id if to_owner else None,
                        'pool': pool.id if pool else None,
                        } for c in customers])


class Configuration(metaclass=PoolMeta):
    __name__ = 'ame.configuration'

    pool_claim_cap = fields.MultiValue(fields.Integer(
            "Customer Cap",
            help="The most customers any sales rep owns, whatever his "
            "roles' limits; empty for none."))
    pool_count_won = fields.MultiValue(fields.Boolean(
            "Customers with Deals Count",
            help="Check to count the customers who bought or have a won "
            "opportunity in the claim limits."))
    pool_cooldown_days = fields.MultiValue(fields.Integer(
            "Cool-down Days",
            help="The days during which a rep may not claim again a "
            "customer he released."))

    @classmethod
    def multivalue_model(cls, field):
        pool = Pool()
        if field in CustomerPoolConfiguration._value_fields:
            return pool.get('ame.configuration.customer_pool')
        return super().multivalue_model(field)

    @classmethod
    def default_pool_count_won(cls, **pattern):
        return True

    @classmethod
    def default_pool_cooldown_days(cls, **pattern):
        return 30


class CustomerPoolConfiguration(ModelSQL, CompanyValueMixin):
    # The settings of the public pool, per company
    __name__ = 'ame.configuration.customer_pool'
    __string__ = "Runtime Parameters Customer Pool"
    _value_fields = {'pool_claim_cap', 'pool_count_won', 'pool_cooldown_days'}

    pool_claim_cap = fields.Integer("Customer Cap")
    pool_count_won = fields.Boolean("Customers with Deals Count")
    pool_cooldown_days = fields.Integer("Cool-down Days")

    @classmethod
    def default_pool_count_won(cls):
        return True

    @classmethod
    def default_pool_cooldown_days(cls):
        return 30


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    pool = fields.Many2One(
        'ame.customer.pool', "Public Pool", readonly=True,
        states={'invisible': ~Eval('is_customer', False) | Eval('owner')},
        help="The pool of the customer without owner.")
    previous_owner = fields.Many2One(
        'company.employee', "Previous Owner", readonly=True,
        states={'invisible': ~Eval('is_customer', False)})
    pool_date = fields.DateTime(
        "Returned On", readonly=True,
        states={'invisible': ~Eval('is_customer', False)})
    pool_reason = fields.Text(
        "Return Reason", readonly=True,
        states={'invisible': ~Eval('is_customer', False)})
    owned_since = fields.DateTime(
        "Owned Since", readonly=True,
        states={'invisible': ~Eval('is_customer', False)},
        help="When the owner claimed or was assigned the customer: the "
        "return timers start again then.")
    pool_warning_date = fields.Date(
        "Return Warned On", readonly=True,
        states={'invisible': ~Eval('is_customer', False)})
    masked_phone = fields.Function(fields.Char(
            "Phone",
            help="The customer's first number, masked until claimed."),
        'get_masked_phone')
    pool_logs = fields.One2Many(
        'ame.customer.pool.log', 'customer', "Pool History", readonly=True,
        states={'invisible': ~Eval('is_customer', False)})

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.add(Index(t, (t.pool, Index.Range()),
                where=t.pool != Null))
        cls._guarded_create_fields += (
            'pool', 'previous_owner', 'pool_date', 'pool_reason',
            'owned_since', 'pool_warning_date')
        cls._buttons.update({
                'claim': {
                    'invisible': (~Eval('is_customer', False)
                        | Bool(Eval('owner'))),
                    'depends': ['is_customer', 'owner'],
                    },
                'release': {
                    'invisible': (~Eval('is_customer', False)
                        | ~Eval('owner')),
                    'depends': ['is_customer', 'owner'],
                    },
                'assign': {
                    'invisible': (~Eval('is_customer', False)
                        | Bool(Eval('owner'))),
                    'depends': ['is_customer', 'owner'],
                    },
                })

    def company_id(self):
        "The company of the customer: its owner's, else the context's"
        if getattr(self, 'owner', None):
            return self.owner.company.id
        if getattr(self, 'pool', None):
            return self.pool.company.id
        return Transaction().context.get('company')

    @classmethod
    def get_masked_phone(cls, parties, name):
        "The first phone or mobile of each party, masked in the pool"
        admin = sees_pool_phones()
        result = {}
        with without_check_access():
            for party in cls.browse(parties):
                numbers = [m.value for m in party.contact_mechanisms
                    if m.type in {'phone', 'mobile'} and m.active]
                number = numbers[0] if numbers else None
                if party.is_customer and not party.owner and not admin:
                    number = mask_phone(number)
                result[party.id] = number
        return result

    @classmethod
    def search_domain(cls, domain, active_test=None, tables=None):
        domain = hide_pool_numbers(domain, PARTY_NUMBER_FIELDS)
        return super().search_domain(
            domain, active_test=active_test, tables=tables)

    @classmethod
    def search_rec_name(cls, name, clause):
        domain = super().search_rec_name(name, clause)
        return hide_pool_numbers(domain, PARTY_NUMBER_FIELDS)

    @classmethod
    def export_data(cls, records, fields_names, header=False):
        if not hides_pool_numbers():
            return super().export_data(records, fields_names, header=header)
        return export_masked(cls, super().export_data, records,
            fields_names, header, lambda r: r.is_customer and not r.owner)

    def get_contact_mechanism(self, name):
        # Tryton's phone, mobile, e-mail ... of the party, masked in a pool
        value = super().get_contact_mechanism(name)
        if (value and self.is_customer and not self.owner
                and not sees_pool_phones()):
            return masked(name, value)
        return value

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if values.get('owner'):
            # An owned customer is in no pool
            values['pool'] = None
        return values

    @classmethod
    def on_modification(cls, mode, parties, field_names=None):
        super().on_modification(mode, parties, field_names=field_names)
        # A new customer without owner enters the pool that matches it
        if mode == 'create' or (field_names or set()) & {
                'is_customer', 'owner'}:
            cls.enter_pool([p for p in parties
                    if p.is_customer and not p.owner and not p.pool])

    @classmethod
    def enter_pool(cls, parties):
        "Put the customers without owner in their best pool, in SQL"
        pool = Pool()
        CustomerPool = pool.get('ame.customer.pool')
        party = cls.__table__()
        cursor = Transaction().connection.cursor()
        by_pool = defaultdict(list)
        with without_check_access():
            for record in parties:
                matching = CustomerPool.matching(record)
                if matching:
                    by_pool[matching[0].id].append(record.id)
        for pool_id, ids in by_pool.items():
            for sub_ids in grouped_slice(ids, BATCH):
                cursor.execute(*party.update([party.pool], [pool_id],
                        where=party.id.in_(list(sub_ids))))
        cls._cache_clear([p.id for p in parties])

    @classmethod
    def check_modification(cls, mode, parties, values=None, external=False):
        # The owner of a customer changes only through the pool's flows
        # and the handover (OWNER_MOVE), never by a write from outside
        if (mode == 'write' and external and 'owner' in values):
            move = Transaction().context.get(OWNER_MOVE)
            for party in parties:
                if not party.is_customer:
                    continue
                owner = party.owner.id if party.owner else None
                if owner == values['owner']:
                    continue
                if move == 'handover' and owner:
                    continue
                raise AccessError(gettext('ame_crm.msg_pool_owner_write',
                        customer=party.rec_name))
        super().check_modification(
            mode, parties, values=values, external=external)

    @classmethod
    def copy(cls, parties, default=None):
        default = default.copy() if default is not None else {}
        for name in ['pool', 'previous_owner', 'pool_date', 'pool_reason',
                'owned_since', 'pool_warning_date', 'pool_logs']:
            default.setdefault(name, None)
        return super().copy(parties, default=default)

    @classmethod
    @ModelView.button
    def claim(cls, parties):
        "领取: the user takes the pool's customers he may claim"
        pool = Pool()
        CustomerPool = pool.get('ame.customer.pool')
        parties = cls.browse(parties)
        employee = user_employee()
        if not employee:
            raise PoolError(gettext('ame_crm.msg_pool_no_employee'))
        for party in parties:
            if not party.is_customer or party.owner:
                raise PoolError(gettext('ame_crm.msg_pool_not_in_pool',
                        customer=party.rec_name))
            if party.pool and not party.pool.is_member():
                raise AccessError(gettext('ame_crm.msg_pool_not_member',
                        customer=party.rec_name, pool=party.pool.rec_name))
        CustomerPool.check_cooldown(employee, parties)
        CustomerPool.check_limit(employee, len(parties))
        cls._move(parties, 'claim', employee)

    @classmethod
    def _move(cls, parties, action, employee, reason=None):
        "Give the customers to employee, logged"
        pool = Pool()
        Log = pool.get('ame.customer.pool.log')
        for party in parties:
            Log.add([party], action, reason=reason, to_owner=employee,
                pool=party.pool)
        with Transaction().set_context({OWNER_MOVE: action}):
            cls.write(list(parties), {
                    'owner': employee.id,
                    'pool': None,
                    'owned_since': dt.datetime.now(),
                    'pool_warning_date': None,
                    })

    @classmethod
    def release_to(cls, parties, target, reason, action):
        "Return the customers to the pool target, logged"
        pool = Pool()
        Log = pool.get('ame.customer.pool.log')
        Log.add(parties, action, reason=reason, pool=target)
        now = dt.datetime.now()
        previous = defaultdict(list)
        for party in parties:
            previous[party.owner.id].append(party)
        for owner, records in previous.items():
            with Transaction().set_context({OWNER_MOVE: action}), \
                    without_check_access():
                cls.write(records, {
                        'owner': None,
                        'owner_department': None,
                        'previous_owner': owner,
                        'pool': target.id,
                        'pool_date': now,
                        'pool_reason': reason,
                        'owned_since': None,
                        'pool_warning_date': None,
                        })

    @classmethod
    @ModelView.button_action('ame_crm.wizard_pool_release')
    def release(cls, parties):
        pass

    @classmethod
    @ModelView.button_action('ame_crm.wizard_pool_assign')
    def assign(cls, parties):
        pass


class PoolReleaseStart(ModelView):
    __name__ = 'ame.customer.pool.release.start'
    __string__ = "Release to Public Pool"

    company = fields.Many2One('company.company', "Company", readonly=True)
    pool = fields.Many2One(
        'ame.customer.pool', "Public Pool", required=True,
        domain=[
            ('id', 'in', Eval('pools', [])),
            ],
        context={'company': Eval('company', -1)}, depends={'company'},
        help="The pool the customers return to.")
    pools = fields.Many2Many(
        'ame.customer.pool', None, None, "Pools", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    reason = fields.Text("Reason", required=True)


class PoolRelease(Wizard):
    "退回公海: the owner (or an administrator) releases customers"
    __name__ = 'ame.customer.pool.release'
    start = StateView('ame.customer.pool.release.start',
        'ame_crm.pool_release_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Release", 'release', 'tryton-ok', default=True),
            ])
    release = StateTransition()

    def _pools(self):
        "The pools that match every selected customer, best first"
        pool = Pool()
        CustomerPool = pool.get('ame.customer.pool')
        common = None
        for party in self.records:
            matching = CustomerPool.matching(party)
            common = matching if common is None else [
                p for p in common if p in matching]
        return common or []

    def default_start(self, fields):
        pools = self._pools()
        return {
            'company': Transaction().context.get('company'),
            'pools': [p.id for p in pools],
            'pool': pools[0].id if pools else None,
            }

    def transition_release(self):
        pool = Pool()
        Party = pool.get('party.party')
        parties = list(self.records)
        reason = (self.start.reason or '').strip()
        if not reason:
            raise PoolError(gettext('ame_crm.msg_pool_reason_required'))
        target = self.start.pool
        if not target or target not in self._pools():
            raise PoolError(gettext('ame_crm.msg_pool_release_pool',
                    pool=target.rec_name if target else ''))
        employees = set(user_employees())
        admin = target.is_administrator()
        with check_access():
            # Those he may see and change
            Party.read([p.id for p in parties], ['id'])
        for party in parties:
            if not party.is_customer or not party.owner:
                raise PoolError(gettext('ame_crm.msg_pool_release_owned',
                        customer=party.rec_name))
            if party.owner not in employees and not admin:
                raise AccessError(gettext('ame_crm.msg_pool_release_owner',
                        customer=party.rec_name))
        Party.release_to(parties, target, reason, 'release')
        return 'end'


def user_employees():
    "The employees of the user, as the administrator set them"
    pool = Pool()
    User = pool.get('res.user')
    with without_check_access():
        return list(User(Transaction().user).employees)


class PoolAssignStart(ModelView):
    __name__ = 'ame.customer.pool.assign.start'
    __string__ = "Assign Pool Customers"

    company = fields.Many2One('company.company', "Company", readonly=True)
    employee = fields.Many2One(
        'company.employee', "Sales Representative", required=True,
        domain=[('company', '=', Eval('company', -1))],
        context={'company': Eval('company', -1)}, depends={'company'})
    reason = fields.Text("Reason")


class PoolAssign(Wizard):
    "分配: an administrator gives pool customers to a rep"
    __name__ = 'ame.customer.pool.assign'
    start = StateView('ame.customer.pool.assign.start',
        'ame_crm.pool_assign_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Assign", 'assign', 'tryton-ok', default=True),
            ])
    assign = StateTransition()

    def default_start(self, fields):
        return {'company': Transaction().context.get('company')}

    def transition_assign(self):
        pool = Pool()
        Party = pool.get('party.party')
        CustomerPool = pool.get('ame.customer.pool')
        parties = list(self.records)
        employee = self.start.employee
        with check_access():
            Party.read([p.id for p in parties], ['id'])
        for party in parties:
            if not party.is_customer or party.owner:
                raise PoolError(gettext('ame_crm.msg_pool_not_in_pool',
                        customer=party.rec_name))
            admin = (party.pool.is_administrator() if party.pool
                else is_pool_admin())
            if not admin:
                raise AccessError(gettext('ame_crm.msg_pool_assign_admin',
                        customer=party.rec_name))
        if employee.company.id != Transaction().context.get('company'):
            raise PoolError(gettext('ame_crm.msg_pool_assign_company',
                    employee=employee.rec_name))
        CustomerPool.check_limit(employee, len(parties))
        Party._move(parties, 'assign', employee, reason=self.start.reason)
        return 'end'


class Contact(metaclass=PoolMeta):
    __name__ = 'ame.customer.contact'

    @classmethod
    def search_domain(cls, domain, active_test=None, tables=None):
        domain = hide_pool_numbers(
            domain, CONTACT_NUMBER_FIELDS, prefix='party.')
        return super().search_domain(
            domain, active_test=active_test, tables=tables)

    @classmethod
    def search_rec_name(cls, name, clause):
        domain = super().search_rec_name(name, clause)
        return hide_pool_numbers(
            domain, CONTACT_NUMBER_FIELDS, prefix='party.')

    @classmethod
    def export_data(cls, records, fields_names, header=False):
        if not hides_pool_numbers():
            return super().export_data(records, fields_names, header=header)
        return export_masked(cls, super().export_data, records,
            fields_names, header,
            lambda r: r.party.is_customer and not r.party.owner)

    @classmethod
    def get_mechanisms(cls, contacts, names):
        "The numbers of a pool customer's persons are masked until claimed"
        with without_check_access():
            result = super().get_mechanisms(cls.browse(contacts), names)
            if sees_pool_phones():
                return result
            for contact in cls.browse(contacts):
                if not contact.party.is_customer or contact.party.owner:
                    continue
                for name in names:
                    result[name][contact.id] = masked(
                        name, result[name][contact.id])
        return result


class Handover(metaclass=PoolMeta):
    __name__ = 'ame.handover'

    def do_handover(self, action):
        # The handover moves owned customers, not those of the pool
        with Transaction().set_context({OWNER_MOVE: 'handover'}):
            return super().do_handover(action)


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.domain.help += (
            '\n- "customer_pools" as list of ids of the public pools of '
            'which the user is a member'
            '\n- "customer_pool_admin" whether the user administers pools')

    @classmethod
    def _get_context(cls, model_name):
        context = super()._get_context(model_name)
        if model_name in {'party.party', 'party.contact_mechanism'}:
            context.update(pool_rule_context())
        return context


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('ame.customer.pool|return_overdue',
                "Return Overdue Customers to the Public Pool"))
