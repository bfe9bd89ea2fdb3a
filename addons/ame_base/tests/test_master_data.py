# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
import random
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction


class MasterDataTestCase(AmeTestCase):
    "Dictionaries, periods and account items"
    extras = ['sale_opportunity', 'purchase']

    @with_transaction()
    def test_dictionary_field_domain(self):
        "dictionary_field restricts to the active values of its category"
        pool = Pool()
        Value = pool.get('ame.dictionary.value')
        from trytond.modules.ame_base.dictionary import dictionary_field

        field = dictionary_field('customer_source', "Source")
        self.assertEqual(field.model_name, 'ame.dictionary.value')
        self.assertEqual(field.ondelete, 'RESTRICT')

        sources = Value.search(field.domain)
        self.assertTrue(sources)
        self.assertEqual(
            {v.category.code for v in sources}, {'customer_source'})
        self.assertEqual(
            set(sources),
            set(Value.search([('category.code', '=', 'customer_source')])))

        exhibition, = Value.search([
                ('category.code', '=', 'customer_source'),
                ('code', '=', 'exhibition'),
                ])
        exhibition.active = False
        exhibition.save()
        self.assertNotIn(exhibition, Value.search(field.domain))
        # A value already in use stays valid once deactivated
        with Transaction().set_context(active_test=False):
            self.assertIn(exhibition, Value.search(field.domain))

        grade = dictionary_field(
            'customer_grade', "Grade", domain=[('code', '!=', 'C')])
        self.assertEqual(
            sorted(v.code for v in Value.search(grade.domain)), ['A', 'B'])

    @with_transaction()
    def test_dictionary_delete_refused(self):
        "A category with values, and a value in use, cannot be deleted"
        pool = Pool()
        Category = pool.get('ame.dictionary.category')
        Value = pool.get('ame.dictionary.value')
        lost, = Category.search([('code', '=', 'lost_reason')])

        with self.assertRaises(AccessError) as cm, rolled_back():
            Category.delete([lost])
        self.assertIn("deactivate", cm.exception.message)
        self.assertEqual(Category.search([('code', '=', 'lost_reason')]),
            [lost])

        # An empty category can go
        empty, = Category.create([{'code': 'test_empty', 'name': "空"}])
        Category.delete([empty])
        self.assertFalse(Category.search([('code', '=', 'test_empty')]))

        # A value used by a record cannot go (the model of the tests)
        Record = pool.get('ame.test.dictionary.record')
        price, = Value.search([
                ('category', '=', lost.id), ('code', '=', 'price')])
        record, = Record.create([{'lost_reason': price.id}])
        with self.assertRaises(AccessError) as cm, rolled_back():
            Value.delete([price])
        self.assertEqual(cm.exception.message, gettext(
                'ame_base.msg_dictionary_value_delete_used',
                value=price.rec_name,
                **Record.__names__('lost_reason')))
        self.assertEqual(Value.search([
                    ('category', '=', lost.id), ('code', '=', 'price')]),
            [price])
        Record.delete([record])

        # An unused value can go
        Value.delete([price])
        self.assertFalse(Value.search([
                    ('category', '=', lost.id), ('code', '=', 'price')]))

    @with_transaction()
    def test_dictionary_value_change_category(self):
        "The category of a value cannot change"
        pool = Pool()
        Category = pool.get('ame.dictionary.category')
        Value = pool.get('ame.dictionary.value')
        industry, = Category.search([('code', '=', 'industry')])
        grade, = Category.search([('code', '=', 'customer_grade')])
        value, = Value.search([
                ('category', '=', grade.id), ('code', '=', 'A')])

        with self.assertRaises(AccessError), rolled_back():
            Value.write([value], {'category': industry.id})
        value = Value(value.id)
        self.assertEqual(value.category, grade)
        # Writing the same category is harmless
        Value.write([value], {'category': grade.id, 'name': "A 类"})

    @with_transaction()
    def test_period_generate(self):
        "Generate a year: 1 year, 4 quarters, 12 months, nested"
        pool = Pool()
        Period = pool.get('ame.period')
        company = create_company()
        with set_company(company):
            periods = Period.generate_year(2026)

            self.assertEqual(len(periods), 17)
            self.assertEqual(Period.search_count([]), 17)
            year, = Period.search([('type', '=', 'year')])
            self.assertEqual(year.code, '2026')
            self.assertEqual(
                (year.start_date, year.end_date),
                (dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
            self.assertIsNone(year.parent)
            self.assertEqual(
                [q.code for q in year.children],
                ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])
            for quarter in year.children:
                self.assertEqual(quarter.type, 'quarter')
                self.assertEqual(len(quarter.children), 3)
                self.assertEqual(
                    quarter.children[0].start_date, quarter.start_date)
                self.assertEqual(
                    quarter.children[-1].end_date, quarter.end_date)
            months = Period.search([('type', '=', 'month')])
            self.assertEqual(
                [m.code for m in months],
                ['2026-%02d' % m for m in range(1, 13)])
            february, = Period.search([('code', '=', '2026-02')])
            self.assertEqual(february.end_date, dt.date(2026, 2, 28))
            self.assertEqual(february.parent.code, '2026-Q1')
            self.assertEqual(february.parent.parent, year)
            self.assertEqual({p.company for p in periods}, {company})
            self.assertEqual({p.year for p in periods}, {2026})

            # Leap year
            Period.generate_year(2028)
            february, = Period.search([('code', '=', '2028-02')])
            self.assertEqual(february.end_date, dt.date(2028, 2, 29))

    @with_transaction()
    def test_period_generate_names(self):
        "Generated names follow the language of the user"
        pool = Pool()
        Period = pool.get('ame.period')
        company = create_company()
        with set_company(company):
            year, q1, january, *_ = Period.generate_year(2026)
        self.assertEqual(
            (year.name, q1.name, january.name),
            ("2026", "2026 Q1", "2026-01"))

    @with_transaction()
    def test_period_generate_duplicate(self):
        "Generating an existing year is refused and creates nothing"
        pool = Pool()
        Period = pool.get('ame.period')
        company = create_company()
        with set_company(company):
            Period.generate_year(2026)
            with self.assertRaises(AccessError) as cm, rolled_back():
                Period.generate_year(2026)
            self.assertIn("2026", cm.exception.message)
            self.assertEqual(Period.search_count([]), 17)

            # Another company has its own calendar
            other = create_company(name="Other")
            Period.generate_year(2026, other)
        with set_company(other):
            self.assertEqual(
                Period.search_count([('company', '=', other.id)]), 17)

    @with_transaction()
    def test_period_generate_overlap_refused(self):
        "A year overlapping a hand-made year is refused as a whole"
        pool = Pool()
        Period = pool.get('ame.period')
        company = create_company()
        with set_company(company):
            Period.create([{
                        'name': "FY", 'code': 'FY', 'type': 'year',
                        'year': 2025,
                        'start_date': dt.date(2025, 7, 1),
                        'end_date': dt.date(2026, 6, 30),
                        }])
            with self.assertRaises(ValidationError) as cm, rolled_back():
                Period.generate_year(2026)
            self.assertIn("overlap", cm.exception.message)
            self.assertEqual(Period.search_count([]), 1)

    @with_transaction()
    def test_period_dates(self):
        "The end of a period is not before its start"
        pool = Pool()
        Period = pool.get('ame.period')
        company = create_company()
        with set_company(company):
            with self.assertRaises(ValidationError) as cm, rolled_back():
                Period.create([{
                            'name': "Bad", 'code': 'BAD', 'type': 'month',
                            'year': 2026,
                            'start_date': dt.date(2026, 2, 1),
                            'end_date': dt.date(2026, 1, 31),
                            }])
            self.assertIn("end date", cm.exception.message)
            self.assertEqual(Period.search_count([]), 0)

    @with_transaction()
    def test_period_overlap(self):
        "Periods of the same type do not overlap within a company"
        pool = Pool()
        Period = pool.get('ame.period')
        company = create_company()
        with set_company(company):
            year, q1, january, *_ = Period.generate_year(2026)
            with self.assertRaises(ValidationError) as cm, rolled_back():
                Period.create([{
                            'name': "Mid", 'code': 'MID', 'type': 'month',
                            'year': 2026,
                            'start_date': dt.date(2026, 1, 15),
                            'end_date': dt.date(2026, 2, 14),
                            }])
            self.assertIn("overlap", cm.exception.message)
            self.assertEqual(Period.search_count([]), 17)

            with self.assertRaises(ValidationError), rolled_back():
                Period.write([january], {'end_date': dt.date(2026, 2, 1)})
            self.assertEqual(Period(january.id).end_date,
                dt.date(2026, 1, 31))

            # Other types and other companies may share the dates
            Period.create([{
                        'name': "Half", 'code': 'H1', 'type': 'quarter',
                        'year': 2027,
                        'start_date': dt.date(2027, 1, 1),
                        'end_date': dt.date(2027, 6, 30),
                        }])
            other = create_company(name="Other")
            Period.create([{
                        'name': "Jan", 'code': '2026-01', 'type': 'month',
                        'year': 2026, 'company': other.id,
                        'start_date': dt.date(2026, 1, 1),
                        'end_date': dt.date(2026, 1, 31),
                        }])

    @with_transaction()
    def test_period_outside_parent(self):
        "A month lies within its quarter and its year"
        pool = Pool()
        Period = pool.get('ame.period')
        company = create_company()
        with set_company(company):
            year, q1, january, *_ = Period.generate_year(2026)
            q2, = Period.search([('code', '=', '2026-Q2')])
            with self.assertRaises(ValidationError) as cm, rolled_back():
                Period.write([january], {'parent': q2.id})
            self.assertIn("within its parent", cm.exception.message)
            self.assertEqual(Period(january.id).parent, q1)

            with self.assertRaises(ValidationError), rolled_back():
                Period.write([year], {'end_date': dt.date(2026, 11, 30)})
            self.assertEqual(Period(year.id).end_date, dt.date(2026, 12, 31))

            with self.assertRaises(ValidationError), rolled_back():
                Period.write([year], {'parent': q1.id})
            self.assertIsNone(Period(year.id).parent)

    @with_transaction()
    def test_period_closed(self):
        "A closed period cannot change until it is reopened"
        pool = Pool()
        Period = pool.get('ame.period')
        company = create_company()
        with set_company(company):
            year, q1, january, *_ = Period.generate_year(2026)
            Period.write([january], {'closed': True})
            with self.assertRaises(AccessError) as cm, rolled_back():
                Period.write([january], {'name': "一月"})
            self.assertIn("closed", cm.exception.message)
            with self.assertRaises(AccessError), rolled_back():
                Period.delete([january])
            with self.assertRaises(AccessError), rolled_back():
                Period.delete([year])
            self.assertEqual(Period.search_count([]), 17)
            self.assertEqual(Period(january.id).name, "2026-01")

            Period.write([january], {'closed': False})
            Period.delete([year])
            self.assertEqual(Period.search_count([]), 0)

    @with_transaction()
    def test_period_find(self):
        "Find the period of a date"
        pool = Pool()
        Period = pool.get('ame.period')
        company = create_company()
        with set_company(company):
            Period.generate_year(2026)
            self.assertEqual(
                Period.find(dt.date(2026, 5, 20)).code, '2026-05')
            self.assertEqual(
                Period.find(dt.date(2026, 5, 20), type='quarter').code,
                '2026-Q2')
            self.assertEqual(
                Period.find(dt.date(2026, 12, 31), type='year').code,
                '2026')
            self.assertIsNone(Period.find(dt.date(2025, 12, 31)))
            other = create_company(name="Other")
            self.assertIsNone(
                Period.find(dt.date(2026, 5, 20), company=other))

    @with_transaction()
    def test_period_access(self):
        "Users outside master data administration cannot write periods"
        pool = Pool()
        Period = pool.get('ame.period')
        User = pool.get('res.user')
        company = create_company()
        user, = User.create([{
                    'name': "Clerk", 'login': 'clerk',
                    'companies': [('add', [company.id])],
                    'company': company.id,
                    }])
        with set_company(company):
            Period.generate_year(2026)
        with Transaction().set_user(user.id), \
                Transaction().set_context(
                    _check_access=True, company=company.id,
                    companies=[company.id]):
            self.assertEqual(Period.search_count([]), 17)
            with self.assertRaises(AccessError), rolled_back():
                Period.generate_year(2027)
            january, = Period.search([('code', '=', '2026-01')])
            with self.assertRaises(AccessError), rolled_back():
                Period.write([january], {'name': "一月"})
        self.assertEqual(Period.search_count([]), 17)

    @with_transaction()
    def test_account_item_percentage(self):
        "The default percentage lies between 0 and 100"
        pool = Pool()
        Item = pool.get('ame.account.item')
        warranty, = Item.search([('code', '=', 'warranty')])
        self.assertEqual(warranty.percentage, Decimal('10'))
        self.assertEqual(warranty.due_days, 365)
        self.assertEqual(warranty.kind, 'receivable')
        count = Item.search_count([])

        for percentage in [Decimal('-1'), Decimal('100.01')]:
            with self.assertRaises(ValidationError) as cm, rolled_back():
                Item.create([{
                            'code': 'test', 'name': "测试",
                            'kind': 'receivable', 'category': 'other',
                            'percentage': percentage,
                            }])
            self.assertIn("between 0 and 100", cm.exception.message)
        self.assertEqual(Item.search_count([]), count)

        with self.assertRaises(ValidationError), rolled_back():
            Item.write([warranty], {'percentage': Decimal('120')})
        with self.assertRaises(ValidationError) as cm, rolled_back():
            Item.write([warranty], {'due_days': -5})
        self.assertIn("negative", cm.exception.message)
        warranty = Item(warranty.id)
        self.assertEqual(
            (warranty.percentage, warranty.due_days), (Decimal('10'), 365))

        for percentage in [Decimal(0), Decimal(100), None]:
            Item.write([warranty], {'percentage': percentage})

    @with_transaction()
    def test_account_item_access(self):
        "Users outside master data administration cannot write items"
        pool = Pool()
        Item = pool.get('ame.account.item')
        User = pool.get('res.user')
        user, = User.create([{'name': "Clerk", 'login': 'clerk'}])
        warranty, = Item.search([('code', '=', 'warranty')])
        with Transaction().set_user(user.id), \
                Transaction().set_context(_check_access=True):
            self.assertEqual(Item(warranty.id).name, "质保金")
            with self.assertRaises(AccessError), rolled_back():
                Item.write([Item(warranty.id)], {'due_days': 180})
        self.assertEqual(Item(warranty.id).due_days, 365)

    @with_transaction()
    def test_demo_master_data(self):
        "The demo master data: regions, two years of periods, values"
        pool = Pool()
        Region = pool.get('ame.sales.region')
        Period = pool.get('ame.period')
        Subdivision = pool.get('country.subdivision')
        Date = pool.get('ir.date')
        from trytond.modules.ame_base import tenant
        from trytond.modules.ame_base.demo import master_data
        tenant.get_china()
        company = create_company()
        with set_company(company):
            master_data.generate(random.Random(1), 1)

            domestic, = Region.search([('code', '=', 'CN')])
            self.assertEqual(len(domestic.children), 7)
            suzhou, = Subdivision.search([('code', '=', 'CN-320500')])
            self.assertEqual(Region.find(suzhou).name, "苏南片区")
            self.assertEqual(Region.find(suzhou.parent).name, "华东区")
            self.assertEqual(Region.search_count([
                        ('subdivisions.parent', '=', None),
                        ('subdivisions.country.code', '=', 'CN'),
                        ]), 7)
            year = Date.today().year
            self.assertEqual(Period.search_count([]), 34)
            self.assertTrue(Period.find(Date.today()))
            self.assertTrue(Period.find(
                    dt.date(year - 1, 6, 30), type='year'))

