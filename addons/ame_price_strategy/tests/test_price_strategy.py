# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
import random
import unittest
from contextlib import contextmanager
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.ame_approval.exceptions import ApprovalRequiredError
from trytond.modules.ame_base.tests.tools import (
    AmeTestCase, rolled_back, today)
from trytond.modules.ame_crm.tests.tools import (
    create_customer, create_sales_team)
from trytond.modules.ame_permission.tests.tools import as_user, create_user
from trytond.modules.ame_price_strategy.strategy import (
    Candidate, ProductProfile, group_candidates, leaders, resolve)
from trytond.modules.ame_price_strategy.tests.tools import (
    MODULE_EXTRAS, add_line, create_approvals, create_catalogue,
    create_floor, create_quotation, create_strategy, customer_grade, decide)
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction

D = Decimal


def candidate(id_, level, scope, method='discount', value=10, target=None,
        min_quantity=0, start_date=dt.date(2026, 1, 1)):
    "A Candidate line of the pure precedence tests"
    return Candidate(
        id=id_, strategy=id_, level=level, start_date=start_date,
        scope=scope, product=target if scope == 'product' else None,
        series=target if scope == 'series' else None,
        brand=target if scope == 'brand' else None,
        category=target if scope == 'category' else None,
        min_quantity=min_quantity, method=method,
        discount=D(value) if method == 'discount' else None,
        unit_price=D(value) if method != 'discount' else None)


class FakeProfile(ProductProfile):
    "A product 1 of series 2, brand 3, categories 4 (own) < 5 (parent)"

    def __init__(self, list_price=D(1000)):
        self.id, self.series, self.brand = 1, 2, 3
        self.categories = {4: 0, 5: 1}
        self.list_price = list_price


class PrecedenceTestCase(unittest.TestCase):
    "The precedence of the strategy lines, without database"

    def price(self, candidates, quantity=1):
        "The Price of FakeProfile's quantity, the same from its leaders"
        profile = FakeProfile()
        price = resolve(candidates, profile, quantity)
        found = leaders(group_candidates(candidates), profile, quantity)
        self.assertEqual(resolve(found, profile, quantity), price)
        return price

    def test_leaders(self):
        "The leaders of the groups price as all the candidates"
        rng = random.Random(20261215)
        # Scopes and targets of FakeProfile and of other products
        targets = [('all', None), ('product', 1), ('product', 99),
            ('series', 2), ('brand', 3), ('category', 4), ('category', 5),
            ('category', 98)]
        for _ in range(300):
            candidates = []
            for i in range(rng.randint(0, 12)):
                scope, target = rng.choice(targets)
                candidates.append(candidate(i, rng.randint(1, 4), scope,
                        rng.choice(['discount', 'fixed', 'list_price']),
                        rng.randint(1, 30), target=target,
                        min_quantity=rng.choice([0, 0, 5, 10]),
                        start_date=dt.date(2026, rng.randint(1, 3), 1)))
            for quantity in [0, 1, 5, 7, 10, 50]:
                self.price(candidates, quantity)

    def test_levels(self):
        "Customer > customer grade > product > company, whatever the scope"
        candidates = [
            candidate(1, 4, 'product', value=1, target=1),
            candidate(2, 3, 'series', value=2, target=2),
            candidate(3, 2, 'category', value=3, target=5),
            candidate(4, 1, 'all', value=4),
            ]
        for expected in [4, 3, 2, 1]:
            price = self.price(candidates)
            self.assertEqual(price.line.id, expected)
            self.assertEqual(price.price, D(1000) * (1 - D(expected) / 100))
            candidates = [c for c in candidates if c.id != expected]
        self.assertEqual(self.price(candidates).line, None)

    def test_scopes(self):
        "Product > series > brand > nearest category > category > all"
        candidates = [
            candidate(1, 3, 'all'),
            candidate(2, 3, 'category', target=5),
            candidate(3, 3, 'category', target=4),
            candidate(4, 3, 'brand', target=3),
            candidate(5, 3, 'series', target=2),
            candidate(6, 3, 'product', target=1),
            # Other products' lines never apply
            candidate(7, 1, 'product', target=99),
            candidate(8, 1, 'category', target=98),
            ]
        for expected in [6, 5, 4, 3, 2, 1]:
            self.assertEqual(self.price(candidates).line.id, expected)
            candidates = [c for c in candidates if c.id != expected]

    def test_quantity_breaks(self):
        "The largest break not above the quantity"
        candidates = [
            candidate(1, 3, 'series', value=5, target=2),
            candidate(2, 3, 'series', value=8, target=2, min_quantity=5),
            candidate(3, 3, 'series', value=12, target=2, min_quantity=10),
            ]
        for quantity, expected in [(1, 1), (5, 2), (9, 2), (10, 3), (50, 3)]:
            self.assertEqual(
                self.price(candidates, quantity).line.id, expected)

    def test_start_dates(self):
        "Equal otherwise, the latest start date"
        candidates = [
            candidate(1, 3, 'brand', target=3,
                start_date=dt.date(2026, 3, 1)),
            candidate(2, 3, 'brand', target=3,
                start_date=dt.date(2026, 1, 1)),
            ]
        self.assertEqual(self.price(candidates).line.id, 1)

    def test_list_price_and_fixed(self):
        """A company list price is the base of the discounts and the price
        when nothing else applies; a fixed price ignores it"""
        list_price = candidate(1, 4, 'product', 'list_price', 800, target=1)
        discount = candidate(2, 3, 'brand', value=10, target=3)
        fixed = candidate(3, 1, 'product', 'fixed', 700, target=1)
        self.assertEqual(self.price([list_price]), (D(800), list_price,
                D(800)))
        self.assertEqual(self.price([list_price, discount]),
            (D(720), discount, D(800)))
        self.assertEqual(self.price([list_price, discount, fixed]),
            (D(700), fixed, D(800)))
        self.assertEqual(self.price([]), (None, None, D(1000)))


class PriceStrategyTestCase(AmeTestCase):
    "Strategies pricing sale lines, their life cycle, floors and access"
    module = 'ame_price_strategy'
    extras = MODULE_EXTRAS

    @contextmanager
    def world(self):
        """A company with its sales team (chen and wang, reps; li, the
        sales manager; zhao, the general manager), the catalogue, and the
        customers 苏州精密 (grade A), 无锡重型 (grade A), 常州恒通 (B)"""
        company = create_company()
        with set_company(company):
            for name, value in create_sales_team(company).items():
                setattr(self, name, value)
            self.zhao, self.zhao_user = create_user(
                company, 'zhao', None, ['role_general_manager'],
                name="赵总")
            self.catalogue = create_catalogue()
            self.suzhou, self.wuxi, self.changzhou = [
                create_customer(name, owner=self.chen,
                    customer_grade=customer_grade(grade).id)
                for name, grade in [
                    ("苏州精密机械有限公司", 'A'),
                    ("无锡重型机床厂", 'A'),
                    ("常州恒通汽车零部件有限公司", 'B')]]
            self.company = company
            yield company

    def strategies(self):
        """The four levels: the company's (list price of CK6150 160,000 and
        2% off all), a product strategy (CK series 5%, 8% from 3), grade
        A's (brand 华锐 10%) and 苏州精密's (CK6150 at 140,000)"""
        c = self.catalogue
        company = self.company
        return {
            'company': create_strategy(company, 'company', [
                    ('product', c['ck6150'], 'list_price', 160000),
                    ('all', None, 'discount', 2)]),
            'product': create_strategy(company, 'product', [
                    ('series', c['series'], 'discount', 5),
                    ('series', c['series'], 'discount', 8, 3)]),
            'grade': create_strategy(company, 'customer', [
                    ('brand', c['brand'], 'discount', 10)],
                customer_grade=customer_grade('A').id),
            'customer': create_strategy(company, 'customer', [
                    ('product', c['ck6150'], 'fixed', 140000)],
                customer=self.suzhou.id),
            }

    @with_transaction()
    def test_sale_line_precedence(self):
        "Each sale line shows the price of the strategy that comes first"
        with self.world():
            s = self.strategies()
            c = self.catalogue
            # customer, product, quantity: unit price, strategy
            cases = [
                (self.suzhou, c['ck6150'], 1, 140000, s['customer']),
                (self.suzhou, c['ck6140'], 1, 106200, s['grade']),
                (self.wuxi, c['ck6150'], 1, 144000, s['grade']),
                (self.changzhou, c['ck6150'], 1, 152000, s['product']),
                (self.changzhou, c['ck6150'], 3, 147200, s['product']),
                (self.changzhou, c['spindle'], 1, 25480, s['company']),
                ]
            for customer, product, quantity, price, strategy in cases:
                sale = create_quotation(self.company, customer, self.chen,
                    [(product, quantity)])
                line, = sale.lines
                self.assertEqual(line.unit_price, D(price))
                self.assertEqual(line.price_strategy.strategy, strategy)

    @with_transaction()
    def test_only_active_valid_strategies(self):
        """Drafts, submitted, expired strategies and those not valid on the
        sale date do not price; a price by hand keeps no strategy"""
        pool = Pool()
        Line = pool.get('sale.line')
        with self.world():
            c = self.catalogue
            for state in ['draft', 'submitted', 'approved', 'expired']:
                create_strategy(self.company, 'product', [
                        ('product', c['ck6140'], 'discount', 50)],
                    state=state)
            create_strategy(self.company, 'product', [
                    ('product', c['ck6140'], 'discount', 40)],
                start_date=today() + dt.timedelta(days=1))
            old = create_strategy(self.company, 'product', [
                    ('product', c['ck6140'], 'discount', 30)],
                end_date=today() - dt.timedelta(days=1))
            sale = create_quotation(self.company, self.changzhou, self.chen,
                [(c['ck6140'], 1)])
            line, = sale.lines
            self.assertEqual(line.unit_price, D(118000))
            self.assertEqual(line.price_strategy, None)

            # A sale dated while the old strategy was valid
            sale = create_quotation(self.company, self.changzhou, self.chen,
                [], sale_date=today() - dt.timedelta(days=2))
            line = add_line(sale, c['ck6140'], 1)
            self.assertEqual(line.unit_price, D(82600))
            self.assertEqual(line.price_strategy.strategy, old)

            # The user types another price: no strategy set it
            Line.write([line], {'unit_price': D(80000)})
            self.assertEqual(line.price_strategy, None)

    @with_transaction()
    def test_price_strategy_set_by_server(self):
        "Nobody writes the strategy of a line; a copy prices anew"
        pool = Pool()
        Line = pool.get('sale.line')
        Sale = pool.get('sale.sale')
        with self.world():
            s = self.strategies()
            sale = create_quotation(self.company, self.changzhou, self.chen,
                [(self.catalogue['ck6150'], 1)])
            line, = sale.lines
            other = s['customer'].lines[0]
            with self.assertRaises(AccessError), rolled_back(), \
                    as_user(self.chen_user):
                Line.write([line], {'price_strategy': other.id})
            self.assertEqual(line.price_strategy.strategy, s['product'])
            copy, = Sale.copy([sale])
            self.assertEqual(
                copy.lines[0].price_strategy, line.price_strategy)

    @with_transaction()
    def test_apply_price_strategies(self):
        "The button prices the lines of a draft again (customer changed)"
        pool = Pool()
        Sale = pool.get('sale.sale')
        with self.world():
            s = self.strategies()
            c = self.catalogue
            sale = create_quotation(self.company, self.changzhou, self.chen,
                [(c['ck6150'], 1), (c['spindle'], 2)])
            address = self.suzhou.addresses[0].id
            Sale.write([sale], {'party': self.suzhou.id,
                    'invoice_address': address,
                    'shipment_address': address})
            with as_user(self.chen_user):
                Sale.apply_price_strategies([Sale(sale.id)])
            lines = sorted(Sale(sale.id).lines, key=lambda line: line.id)
            self.assertEqual([line.unit_price for line in lines],
                [D(140000), D(23400)])
            self.assertEqual([line.price_strategy.strategy for line in lines],
                [s['customer'], s['grade']])

    @with_transaction()
    def test_approval_and_activation(self):
        """A strategy goes through its approval business: submitted, approved
        by the sales manager then the general manager, active at once or on
        its start date by the cron, expired after its end date"""
        pool = Pool()
        Strategy = pool.get('ame.price.strategy')
        with self.world():
            create_approvals(self.company)
            c = self.catalogue
            now = create_strategy(self.company, 'product', [
                    ('series', c['series'], 'discount', 6)], state='draft',
                end_date=today() + dt.timedelta(days=10))
            later = create_strategy(self.company, 'product', [
                    ('series', c['series'], 'discount', 7)], state='draft',
                start_date=today() + dt.timedelta(days=5))
            self.assertTrue(now.number)
            # Submitted by the administrator: the sales manager and the
            # general manager approve
            Strategy.submit([now, later])
            self.assertEqual([(s.state, s.approval_state)
                    for s in Strategy.browse([now, later])],
                [('submitted', 'waiting')] * 2)

            # Not active until approved: the approve button is refused
            with self.assertRaises(ApprovalRequiredError), rolled_back():
                Strategy.approve([now])
            for strategy in [now, later]:
                decide(strategy, self.li_user)
            self.assertEqual(Strategy(now.id).state, 'submitted')
            for strategy in [now, later]:
                decide(strategy, self.zhao_user)
            self.assertEqual(
                [s.state for s in Strategy.browse([now, later])],
                ['active', 'approved'])

            Strategy.update_states(date=today() + dt.timedelta(days=5))
            self.assertEqual(
                [s.state for s in Strategy.browse([now, later])],
                ['active', 'active'])
            Strategy.update_states(date=today() + dt.timedelta(days=11))
            self.assertEqual(
                [s.state for s in Strategy.browse([now, later])],
                ['expired', 'active'])

    @with_transaction()
    def test_rejection(self):
        "A rejected strategy is back to draft, with the comment"
        pool = Pool()
        Strategy = pool.get('ame.price.strategy')
        with self.world():
            create_approvals(self.company)
            strategy = create_strategy(self.company, 'customer', [
                    ('all', None, 'discount', 15)], state='draft',
                customer=self.suzhou.id)
            Strategy.submit([strategy])
            decide(strategy, self.li_user, 'reject', "折扣过大。")
            strategy = Strategy(strategy.id)
            self.assertEqual(
                (strategy.state, strategy.approval_state),
                ('draft', 'rejected'))
            self.assertEqual(strategy.approval_reason, "折扣过大。")

    @with_transaction()
    def test_revise(self):
        """An active strategy is never edited: its revision is a draft of
        the next version, active once approved, which expires it; the sale
        lines keep the version that priced them"""
        pool = Pool()
        Strategy = pool.get('ame.price.strategy')
        StrategyLine = pool.get('ame.price.strategy.line')
        with self.world():
            c = self.catalogue
            v1 = create_strategy(self.company, 'product', [
                    ('series', c['series'], 'discount', 5)])
            sale = create_quotation(self.company, self.changzhou, self.chen,
                [(c['ck6140'], 1)])
            priced, = sale.lines
            self.assertEqual(priced.price_strategy.strategy, v1)

            with as_user(self.li_user):
                for values in [{'name': "改名"},
                        {'end_date': today()}]:
                    with self.assertRaises(AccessError), rolled_back():
                        Strategy.write([Strategy(v1.id)], values)
                with self.assertRaises(AccessError) as cm, rolled_back():
                    StrategyLine.write([v1.lines[0]], {'discount': D(1)})
                self.assertEqual(cm.exception.message, gettext(
                        'ame_price_strategy.msg_line_modify',
                        strategy=v1.rec_name))
                with self.assertRaises(AccessError), rolled_back():
                    Strategy.delete([Strategy(v1.id)])

                action = Strategy.revise([Strategy(v1.id)])
            v2, = Strategy.browse(action['res_id'])
            self.assertEqual(
                (v2.number, v2.version, v2.previous_version, v2.state),
                (v1.number, 2, v1, 'draft'))
            self.assertEqual(v2.rec_name, f"{v1.number} v2 {v1.name}")
            # One revision at a time
            with self.assertRaises(AccessError), rolled_back():
                Strategy.revise([v1])
            StrategyLine.write(list(v2.lines), {'discount': D(9)})
            # v1 still prices until v2 is active
            line = add_line(sale, c['ck6140'], 1)
            self.assertEqual(line.price_strategy.strategy, v1)

            # No approval business: approved on submission
            with as_user(self.li_user):
                Strategy.submit([Strategy(v2.id)])
            self.assertEqual(
                [s.state for s in Strategy.browse([v1, v2])],
                ['expired', 'active'])
            line = add_line(sale, c['ck6140'], 1)
            self.assertEqual(
                (line.unit_price, line.price_strategy.strategy),
                (D(107380), v2))
            self.assertEqual(priced.price_strategy.strategy, v1)
            self.assertEqual(priced.unit_price, D(112100))

    @with_transaction()
    def test_customer_strategy_of_one(self):
        "A customer strategy is of a customer or of a grade"
        with self.world():
            for values in [{}, {'customer': self.suzhou.id,
                        'customer_grade': customer_grade('A').id}]:
                with self.assertRaises(ValidationError) as cm, \
                        rolled_back():
                    create_strategy(self.company, 'customer',
                        [('all', None, 'discount', 1)], name="客户策略",
                        **values)
                if values:
                    self.assertIn("客户策略", cm.exception.message)

    @with_transaction()
    def test_list_price_only_company(self):
        "A list price line belongs to the company strategy"
        with self.world():
            with self.assertRaises(ValidationError) as cm, rolled_back():
                create_strategy(self.company, 'product', [
                        ('product', self.catalogue['ck6150'],
                            'list_price', 1000)], name="错误策略")
            self.assertIn("错误策略", cm.exception.message)

    @with_transaction()
    def test_floor_percent(self):
        """The most specific floor of a role, the lowest among the user's
        roles; no floor without a floor of his roles"""
        pool = Pool()
        Floor = pool.get('ame.price.floor')
        Strategy = pool.get('ame.price.strategy')
        with self.world():
            c = self.catalogue
            create_floor(self.company, 'role_sales_rep', 90)
            create_floor(self.company, 'role_sales_rep', 92,
                category=c['machines'])
            create_floor(self.company, 'role_sales_rep', 95,
                series=c['series'])
            create_floor(self.company, 'role_sales_manager', 93,
                category=c['lathes'])
            keys = ['ck6150', 'spindle']
            found = Strategy.get_profiles(
                [c[k].id for k in keys], self.company.id)
            profiles = [found[c[k].id] for k in keys]

            def percents(user):
                return list(Floor.get_user_percent(
                        [user], profiles, self.company.id).values())
            self.assertEqual(percents(self.chen_user), [D(95), D(90)])
            self.assertEqual(percents(self.li_user), [D(93), None])
            self.assertEqual(percents(self.zhao_user), [None, None])
            _, both = create_user(self.company, 'both', None,
                ['role_sales_rep', 'role_sales_manager'])
            self.assertEqual(percents(both), [D(93), D(90)])

            with self.assertRaises(ValidationError), rolled_back():
                create_floor(self.company, 'role_sales_rep', 80)

    @with_transaction()
    def test_below_floor_needs_approval(self):
        """A quotation below the floor of its rep's role is confirmed only
        once approved; one above it needs no approval"""
        pool = Pool()
        Sale = pool.get('sale.sale')
        with self.world():
            create_approvals(self.company)
            c = self.catalogue
            create_floor(self.company, 'role_sales_rep', 90)
            create_floor(self.company, 'role_sales_manager', 80)
            # 90% of 168,000 = 151,200
            low = create_quotation(self.company, self.changzhou, self.chen,
                [])
            line = add_line(low, c['ck6150'], 1, unit_price=150000)
            self.assertEqual(
                (line.floor_price, line.below_floor_price),
                (D(151200), True))
            ok = create_quotation(self.company, self.changzhou, self.chen,
                [])
            line = add_line(ok, c['ck6150'], 1, unit_price=151200)
            self.assertFalse(line.below_floor_price)
            # The same price is above the floor of the sales manager
            managers = create_quotation(self.company, self.changzhou,
                self.li, [])
            add_line(managers, c['ck6150'], 1, unit_price=150000)

            with as_user(self.chen_user):
                Sale.quote(Sale.browse([low, ok]))
            with as_user(self.li_user):
                Sale.quote([Sale(managers.id)])
            low, ok, managers = Sale.browse([low, ok, managers])
            self.assertEqual(
                [(s.below_floor_price, s.approval_state)
                    for s in [low, ok, managers]],
                [(True, 'required'), (False, 'none'), (False, 'none')])
            with as_user(self.chen_user):
                Sale.confirm([Sale(ok.id)])
                with self.assertRaises(ApprovalRequiredError) as cm, \
                        rolled_back():
                    Sale.confirm([Sale(low.id)])
                self.assertIn("低于最低价审批", cm.exception.message)
                Sale.submit_approval([Sale(low.id)])
            self.assertEqual(Sale(low.id).state, 'quotation')
            decide(low, self.li_user)
            with as_user(self.chen_user):
                Sale.confirm([Sale(low.id)])
            self.assertEqual(Sale(low.id).state, 'confirmed')

    @with_transaction()
    def test_floor_not_borrowed(self):
        """A rep who names his manager on a quotation keeps his own floor:
        the floor is the rep's of the sale, or the user's when higher"""
        pool = Pool()
        Sale = pool.get('sale.sale')
        with self.world():
            c = self.catalogue
            create_floor(self.company, 'role_sales_rep', 90)
            create_floor(self.company, 'role_sales_manager', 80)
            # 150,000 is above li's floor (134,400), below chen's (151,200)
            sale = create_quotation(self.company, self.changzhou, self.li,
                [])
            add_line(sale, c['ck6150'], 1, unit_price=150000)
            with as_user(self.li_user, check_access=False):
                line, = Sale(sale.id).lines
                self.assertEqual(
                    (line.floor_price, line.below_floor_price),
                    (D(134400), False))
            with as_user(self.chen_user, check_access=False):
                line, = Sale(sale.id).lines
                self.assertEqual(
                    (line.floor_price, line.below_floor_price),
                    (D(151200), True))
                Sale.quote([Sale(sale.id)])
            self.assertTrue(Sale(sale.id).below_floor_price)

    @with_transaction()
    def test_access(self):
        """The sales users read the active and expired strategies; those
        who keep them (sales manager, general manager) all; a warehouse
        keeper none; only the keepers write them and the floors"""
        pool = Pool()
        Strategy = pool.get('ame.price.strategy')
        Floor = pool.get('ame.price.floor')
        with self.world():
            c = self.catalogue
            strategies = {state: create_strategy(self.company, 'product', [
                        ('series', c['series'], 'discount', 5)],
                    state=state, name=state)
                for state in ['draft', 'submitted', 'active', 'expired']}
            _, keeper = create_user(self.company, 'keeper', None,
                ['role_warehouse_keeper'])

            def names(user):
                with as_user(user):
                    return sorted(s.name for s in Strategy.search([]))
            self.assertEqual(names(self.chen_user), ['active', 'expired'])
            self.assertEqual(names(self.li_user), sorted(strategies))
            self.assertEqual(names(self.zhao_user), sorted(strategies))
            with as_user(keeper), self.assertRaises(AccessError):
                Strategy.search([])

            values = {'company': self.company.id, 'name': "新策略",
                'kind': 'product', 'start_date': today()}
            with as_user(self.chen_user):
                with self.assertRaises(AccessError), rolled_back():
                    Strategy.create([values])
                with self.assertRaises(AccessError), rolled_back():
                    Strategy.write([strategies['active']], {'name': "x"})
                with self.assertRaises(AccessError), rolled_back():
                    Floor.search([])
            with as_user(self.li_user):
                strategy, = Strategy.create([values])
                self.assertEqual(strategy.state, 'draft')
                Strategy.write([strategy], {'name': "新策略二"})
                floor, = Floor.create([{'company': self.company.id,
                            'role': self.chen_user.roles[0].role.id,
                            'min_percent': D(85)}])
