# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal

from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction


def create_sequence(**values):
    "Create a numbering rule of quotations for the tests"
    pool = Pool()
    Sequence = pool.get('ir.sequence')
    ModelData = pool.get('ir.model.data')
    values.setdefault('name', "测试报价")
    values.setdefault('sequence_type', ModelData.get_id(
            'ame_base', 'sequence_type_quotation'))
    values.setdefault('prefix', 'BJ-${date_Y}${date_m}-')
    values.setdefault('padding', 4)
    values.setdefault('reset', 'monthly')
    sequence, = Sequence.create([values])
    return sequence


def numbers(sequence, date, n=1):
    "Take n numbers of the sequence on date"
    with Transaction().set_context(date=date):
        return [sequence.get() for _ in range(n)]


class ConfigurationTestCase(AmeTestCase):
    "Runtime parameters and numbering rules"
    extras = ['sale_opportunity', 'purchase']

    @with_transaction()
    def test_sequence_reset_monthly(self):
        "A monthly sequence restarts at 1 in each month"
        pool = Pool()
        Period = pool.get('ir.sequence.period')
        sequence = create_sequence()

        self.assertEqual(numbers(sequence, dt.date(2026, 11, 5), 2),
            ['BJ-202611-0001', 'BJ-202611-0002'])
        self.assertEqual(numbers(sequence, dt.date(2026, 12, 1)),
            ['BJ-202612-0001'])
        # A document dated back in November continues its month
        self.assertEqual(numbers(sequence, dt.date(2026, 11, 30)),
            ['BJ-202611-0003'])
        self.assertEqual(
            [(p.period, p.number_next) for p in Period.search(
                    [('sequence', '=', sequence.id)])],
            [('202612', 2), ('202611', 4)])

        # A copy starts its own counters
        copy, = type(sequence).copy([sequence])
        self.assertEqual(copy.periods, ())
        self.assertEqual(numbers(copy, dt.date(2026, 11, 5)),
            ['BJ-202611-0001'])

    @with_transaction()
    def test_sequence_reset_yearly_daily(self):
        "Yearly and daily sequences restart with the year and the day"
        sales_project = create_sequence(
            prefix='XM-${date_Y}-', reset='yearly')
        self.assertEqual(
            numbers(sales_project, dt.date(2026, 1, 1))
            + numbers(sales_project, dt.date(2026, 12, 31))
            + numbers(sales_project, dt.date(2027, 1, 1)),
            ['XM-2026-0001', 'XM-2026-0002', 'XM-2027-0001'])

        daily = create_sequence(
            prefix='FW${date_Y}${date_m}${date_d}', padding=3, reset='daily')
        self.assertEqual(
            numbers(daily, dt.date(2026, 11, 27), 2)
            + numbers(daily, dt.date(2026, 11, 28)),
            ['FW20261127001', 'FW20261127002', 'FW20261128001'])

    @with_transaction()
    def test_sequence_reset_never(self):
        "Without reset, a sequence numbers as Tryton's standard one"
        pool = Pool()
        Sequence = pool.get('ir.sequence')
        Period = pool.get('ir.sequence.period')
        sequence = create_sequence(reset='never')
        standard, = Sequence.create([{
                    'name': "Standard",
                    'sequence_type': sequence.sequence_type.id,
                    'prefix': 'BJ-${date_Y}${date_m}-',
                    'padding': 4,
                    }])
        self.assertEqual(standard.reset, 'never')

        for record in [sequence, standard]:
            self.assertEqual(
                numbers(record, dt.date(2026, 11, 30))
                + numbers(record, dt.date(2026, 12, 1)),
                ['BJ-202611-0001', 'BJ-202612-0002'])
            self.assertEqual(Sequence(record.id).number_next, 3)
        self.assertFalse(Period.search([]))

    @with_transaction()
    def test_sequence_strict_reset(self):
        "A strict sequence restarts too, and its views load"
        pool = Pool()
        Strict = pool.get('ir.sequence.strict')
        Period = pool.get('ir.sequence.period')
        ModelData = pool.get('ir.model.data')
        strict, = Strict.create([{
                    'name': "严格报价",
                    'sequence_type': ModelData.get_id(
                        'ame_base', 'sequence_type_quotation'),
                    'prefix': 'BJ-${date_Y}-',
                    'padding': 3,
                    'reset': 'yearly',
                    }])
        self.assertEqual(
            numbers(strict, dt.date(2026, 11, 1), 2)
            + numbers(strict, dt.date(2027, 1, 1)),
            ['BJ-2026-001', 'BJ-2026-002', 'BJ-2027-001'])
        self.assertEqual(
            sorted((p.period, p.number_next) for p in Period.search([
                        ('sequence_strict', '=', strict.id)])),
            [('2026', 3), ('2027', 2)])
        for view_type in ['form', 'tree']:
            with self.subTest(view_type=view_type):
                view = Strict.fields_view_get(view_type=view_type)
                self.assertIn('reset', view['fields'])

    @with_transaction()
    def test_sequence_padding_increment(self):
        "Padding and increment apply to the counter of the period"
        november = dt.date(2026, 11, 1)
        self.assertEqual(
            numbers(create_sequence(padding=0), november, 2),
            ['BJ-202611-1', 'BJ-202611-2'])
        self.assertEqual(
            numbers(create_sequence(padding=6, number_increment=5),
                november, 2),
            ['BJ-202611-000001', 'BJ-202611-000006'])
        # Numbers outgrow the padding
        sequence = create_sequence(padding=2)
        sequence.periods = [{'period': '202611', 'number_next': 99}]
        sequence.save()
        self.assertEqual(numbers(sequence, november, 2),
            ['BJ-202611-99', 'BJ-202611-100'])

    @with_transaction()
    def test_sequence_next_number(self):
        "The next number shows the number of the current period"
        pool = Pool()
        Sequence = pool.get('ir.sequence')
        sequence = create_sequence()
        november = dt.date(2026, 11, 20)
        with Transaction().set_context(date=november):
            self.assertEqual(
                Sequence(sequence.id).next_number, 'BJ-202611-0001')
        numbers(sequence, november, 3)
        with Transaction().set_context(date=november):
            self.assertEqual(
                Sequence(sequence.id).next_number, 'BJ-202611-0004')
        with Transaction().set_context(date=dt.date(2026, 12, 1)):
            self.assertEqual(
                Sequence(sequence.id).next_number, 'BJ-202612-0001')
        # An administrator continues the numbering of a former system
        with Transaction().set_context(date=dt.date(2027, 1, 1)):
            sequence = Sequence(sequence.id)
            sequence.periods += ({'period': '202701', 'number_next': 58},)
            sequence.save()
            self.assertEqual(
                Sequence(sequence.id).next_number, 'BJ-202701-0058')
            self.assertEqual(sequence.get(), 'BJ-202701-0058')

    @with_transaction()
    def test_configuration_unknown_document(self):
        "Only the AME documents have a rule in the runtime parameters"
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        company = create_company()
        with set_company(company):
            with self.assertRaises(ValueError):
                Configuration(1).get_sequence('invoice')

    @with_transaction()
    def test_sequence_reset_validation(self):
        "Bad reset or period counters raise a clear error, change nothing"
        pool = Pool()
        Sequence = pool.get('ir.sequence')
        Period = pool.get('ir.sequence.period')
        sequence = create_sequence()
        numbers(sequence, dt.date(2026, 11, 1))

        with self.assertRaises(ValidationError) as cm, rolled_back():
            Sequence.write([sequence], {'type': 'decimal timestamp'})
        self.assertIn("Only an incremental sequence", cm.exception.message)
        self.assertEqual(Sequence(sequence.id).type, 'incremental')

        for key in ['2026-11', '202613', '2026', '20261101', 'abcdef']:
            with self.subTest(period=key):
                with self.assertRaises(ValidationError) as cm, rolled_back():
                    Period.create([{
                                'sequence': sequence.id,
                                'period': key,
                                }])
                self.assertIn(
                    f'"{key}" is not a period', cm.exception.message)
                self.assertIn('like "', cm.exception.message)
        period, = Period.search([('sequence', '=', sequence.id)])
        for number_next in [0, -3]:
            with self.assertRaises(ValidationError) as cm, rolled_back():
                Period.write([period], {'number_next': number_next})
            self.assertIn("must be 1 or more", cm.exception.message)
        self.assertEqual(Period(period.id).number_next, 2)
        self.assertEqual(Period.search_count([]), 1)

        standard = create_sequence(reset='never')
        with self.assertRaises(ValidationError) as cm, rolled_back():
            Period.create([{'sequence': standard.id, 'period': '202611'}])
        self.assertIn("never restarts", cm.exception.message)
        self.assertEqual(Period.search_count([]), 1)

    def test_amount_in_words(self):
        "Amounts in Chinese financial capitals (大写金额)"
        from trytond.modules.ame_base.configuration import amount_in_words
        for amount, words in [
                (Decimal('0.5'), '伍角'),
                (0.5, '伍角'),
                (10, '壹拾元整'),
                (Decimal('12345.67'), '壹万贰仟叁佰肆拾伍元陆角柒分'),
                (100000000, '壹亿元整'),
                (Decimal('100.05'), '壹佰元零伍分'),
                (Decimal('1001'), '壹仟零壹元整'),
                (Decimal('0'), '零元整'),
                (Decimal('1.995'), '贰元整'),
                (Decimal('0.004'), '零元整'),
                ]:
            with self.subTest(amount=amount):
                self.assertEqual(amount_in_words(amount), words)

    @with_transaction()
    def test_configuration_amount_in_words(self):
        "Documents print the amount in the configured style"
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        configuration = Configuration(1)
        self.assertEqual(configuration.amount_in_words, 'plain')
        self.assertEqual(
            configuration.format_amount_in_words(Decimal('12345.67')),
            '壹万贰仟叁佰肆拾伍元陆角柒分')
        configuration.amount_in_words = 'currency'
        configuration.save()
        self.assertEqual(
            Configuration(1).format_amount_in_words(10), '人民币壹拾元整')

    @with_transaction()
    def test_address_default_country(self):
        "New addresses are in the default country of the tenant"
        pool = Pool()
        Country = pool.get('country.country')
        Configuration = pool.get('ame.configuration')
        Party = pool.get('party.party')
        Address = pool.get('party.address')
        china, germany = Country.create([
                {'name': "中国", 'code': 'CN'},
                {'name': "德国", 'code': 'DE'},
                ])
        self.assertEqual(Configuration(1).default_country, china)
        party, = Party.create([{
                    'name': "苏州精密机床有限公司",
                    'addresses': [('create', [{'city': "苏州"}])],
                    }])
        self.assertEqual(party.addresses[0].country, china)

        configuration = Configuration(1)
        configuration.default_country = germany
        configuration.save()
        self.assertEqual(Address.default_country(), germany.id)
        configuration.default_country = None
        configuration.save()
        self.assertIsNone(Address.default_country())
        party, = Party.create([{
                    'name': "无锡仪表厂",
                    'addresses': [('create', [{'city': "无锡"}])],
                    }])
        self.assertIsNone(party.addresses[0].country)

    @with_transaction()
    def test_configuration_admin_only(self):
        "Only administrators write the parameters and the numbering rules"
        pool = Pool()
        User = pool.get('res.user')
        Configuration = pool.get('ame.configuration')
        Sequence = pool.get('ir.sequence')
        Period = pool.get('ir.sequence.period')
        ModelData = pool.get('ir.model.data')
        Configuration.create([{}])
        quotation = Sequence(
            ModelData.get_id('ame_base', 'sequence_quotation'))
        numbers(quotation, dt.date(2026, 11, 1))
        period, = Period.search([('sequence', '=', quotation.id)])
        user, = User.create([{'name': "张三", 'login': 'zhangsan'}])

        with Transaction().set_user(user.id), \
                Transaction().set_context(_check_access=True):
            self.assertEqual(Configuration(1).amount_in_words, 'plain')
            with self.assertRaises(AccessError), rolled_back():
                Configuration.write(
                    [Configuration(1)], {'amount_in_words': 'currency'})
            with self.assertRaises(AccessError), rolled_back():
                Sequence.write([Sequence(quotation.id)], {'prefix': 'X-'})
            with self.assertRaises(AccessError), rolled_back():
                Period.write([Period(period.id)], {'number_next': 1})
            with self.assertRaises(AccessError), rolled_back():
                create_sequence()
            # Anybody numbers documents
            self.assertEqual(
                numbers(Sequence(quotation.id), dt.date(2026, 11, 2)),
                ['BJ-202611-0002'])
        self.assertEqual(Configuration(1).amount_in_words, 'plain')
        self.assertEqual(
            Sequence(quotation.id).prefix, 'BJ-${date_Y}${date_m}-')
        self.assertEqual(Period(period.id).number_next, 3)


    @with_transaction()
    def test_demo_configuration(self):
        "The demo parameters and numbering rules of the demo company"
        import random

        from trytond.modules.ame_base.demo import configuration as demo
        pool = Pool()
        Country = pool.get('country.country')
        Configuration = pool.get('ame.configuration')
        SaleSequence = pool.get('sale.configuration.sequence')
        PurchaseSequence = pool.get('purchase.configuration.sequence')
        china, = Country.create([{'name': "中国", 'code': 'CN'}])
        company = create_company()
        with set_company(company):
            self.assertEqual(demo.generate(random.Random(1), 1), [])
            configuration = Configuration(1)
            self.assertEqual(configuration.default_country, china)
            self.assertEqual(configuration.amount_in_words, 'currency')
        # The company has its own values, that its administrator changes
        sale, = SaleSequence.search([])
        purchase, = PurchaseSequence.search([])
        self.assertEqual((sale.company, purchase.company), (company, company))
        self.assertEqual(
            [s.prefix for s in [
                    sale.sale_quotation_sequence, sale.sale_sequence,
                    purchase.purchase_sequence]],
            ['BJ-${date_Y}${date_m}-', 'XS-${date_Y}${date_m}-',
                'CG-${date_Y}${date_m}-'])

