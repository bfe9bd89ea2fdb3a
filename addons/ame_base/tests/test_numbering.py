# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Document numbers (单据号) from the first save: quotations BJ, orders XS,
purchases CG, with the period of the document date; concurrent saves on
PostgreSQL never share a number."""
import datetime as dt
import threading
import time
import unittest
from decimal import Decimal

from trytond import backend
from trytond.modules.ame_base.tests.tools import AmeTestCase, today
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import DB_NAME, USER, with_transaction
from trytond.transaction import Transaction, TransactionError



def month(date=None):
    return (date or today()).strftime('%Y%m')


def create_party(name="苏州精密机械有限公司"):
    Party = Pool().get('party.party')
    party, = Party.create([{'name': name, 'addresses': [('create', [{}])]}])
    return party


def create_sale(company, party=None, **values):
    "A draft sale of a 690,000 lathe"
    pool = Pool()
    Sale = pool.get('sale.sale')
    party = party or create_party()
    sale, = Sale.create([{
                'party': party.id,
                'invoice_address': party.addresses[0].id,
                'company': company.id,
                'invoice_method': 'manual',
                'shipment_method': 'manual',
                'lines': [('create', [{
                                'type': 'line',
                                'description': "数控车床 CK6150",
                                'quantity': 1,
                                'unit_price': Decimal(690000),
                                }])],
                **values}])
    return sale


def create_purchase(company, **values):
    "A draft purchase of two spindle motors"
    pool = Pool()
    Purchase = pool.get('purchase.purchase')
    party = create_party("无锡主轴电机厂")
    purchase, = Purchase.create([{
                'party': party.id,
                'invoice_address': party.addresses[0].id,
                'company': company.id,
                'lines': [('create', [{
                                'type': 'line',
                                'description': "主轴电机",
                                'quantity': 2,
                                'unit_price': Decimal(35000),
                                }])],
                **values}])
    return purchase


class NumberingTestCase(AmeTestCase):
    "Sales and purchases numbered from their first save"
    extras = ['sale_opportunity', 'purchase']

    @with_transaction()
    def test_sale_numbered_at_creation(self):
        "A draft sale has its quotation number from its first save"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            first = create_sale(company)
            second = create_sale(company)

            self.assertEqual(first.state, 'draft')
            self.assertEqual(first.number, f'BJ-{month()}-0001')
            self.assertEqual(first.quotation_number, first.number)
            self.assertEqual(second.number, f'BJ-{month()}-0002')
            # The list, the links and the errors show it
            self.assertEqual(first.rec_name, f'BJ-{month()}-0001')
            self.assertEqual(
                Sale.search([('rec_name', '=', f'BJ-{month()}-0002')]),
                [second])

    @with_transaction()
    def test_sale_number_dated(self):
        "A quotation entered late is numbered in its month"
        company = create_company()
        november = dt.date(2026, 11, 27)
        with set_company(company):
            sale = create_sale(company, quotation_date=november)
            order = create_sale(company, sale_date=dt.date(2026, 10, 8))
            self.assertEqual(sale.number, 'BJ-202611-0001')
            self.assertEqual(order.number, 'BJ-202610-0001')

    @with_transaction()
    def test_sale_order_number(self):
        "A confirmed sale gets its order number, keeps its quotation number"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            sale = create_sale(company)
            quotation_number = sale.number
            Sale.quote([sale])
            self.assertEqual(sale.number, quotation_number)
            Sale.confirm([sale])

            self.assertEqual(sale.number, f'XS-{month()}-0001')
            self.assertEqual(sale.quotation_number, quotation_number)
            # Found by either number
            for number in [sale.number, quotation_number]:
                self.assertEqual(
                    Sale.search([('rec_name', 'ilike', number)]), [sale])

            # Back to draft and confirmed again: the same order number
            Sale.draft([sale])
            Sale.quote([sale])
            Sale.confirm([sale])
            self.assertEqual(sale.number, f'XS-{month()}-0001')

    @with_transaction()
    def test_sale_copy(self):
        "A copy is a new quotation with its own number"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            sale = create_sale(company)
            copy, = Sale.copy([sale])
            self.assertEqual(copy.number, f'BJ-{month()}-0002')
            self.assertEqual(copy.quotation_number, copy.number)

    @with_transaction()
    def test_sale_rule_per_company(self):
        "A company numbers its sales with the rules it chose"
        pool = Pool()
        Configuration = pool.get('sale.configuration')
        Sequence = pool.get('ir.sequence')
        ModelData = pool.get('ir.model.data')
        company = create_company()
        with set_company(company):
            own, = Sequence.create([{
                        'name': "苏州报价",
                        'sequence_type': ModelData.get_id(
                            'ame_base', 'sequence_type_quotation'),
                        'prefix': 'SZBJ${date_Y}-',
                        'padding': 3,
                        'reset': 'yearly',
                        'company': company.id,
                        }])
            configuration = Configuration(1)
            configuration.sale_quotation_sequence = own
            configuration.save()
            sale = create_sale(company)
            self.assertEqual(sale.number, f'SZBJ{today().year}-001')
        other = create_company(name="Other")
        with set_company(other):
            sale = create_sale(other)
            self.assertEqual(sale.number, f'BJ-{month()}-0001')

    @with_transaction()
    def test_purchase_numbered_at_creation(self):
        "A draft purchase has its number from its first save"
        pool = Pool()
        Purchase = pool.get('purchase.purchase')
        company = create_company()
        with set_company(company):
            purchase = create_purchase(company)
            dated = create_purchase(
                company, purchase_date=dt.date(2026, 11, 27))
            self.assertEqual(purchase.number, f'CG-{month()}-0001')
            self.assertEqual(dated.number, 'CG-202611-0001')
            self.assertEqual(purchase.rec_name, f'CG-{month()}-0001')
            Purchase.quote([purchase])
            Purchase.confirm([purchase])
            self.assertEqual(purchase.number, f'CG-{month()}-0001')

    @with_transaction()
    def test_default_rules(self):
        "The sale and purchase configurations use AME's rules"
        pool = Pool()
        SaleConfiguration = pool.get('sale.configuration')
        PurchaseConfiguration = pool.get('purchase.configuration')
        company = create_company()
        with set_company(company):
            sale = SaleConfiguration(1)
            purchase = PurchaseConfiguration(1)
            self.assertEqual(
                [(s.prefix, s.reset, s.padding) for s in [
                        sale.sale_quotation_sequence, sale.sale_sequence,
                        purchase.purchase_sequence]],
                [('BJ-${date_Y}${date_m}-', 'monthly', 4),
                    ('XS-${date_Y}${date_m}-', 'monthly', 4),
                    ('CG-${date_Y}${date_m}-', 'monthly', 4)])


def _commit(func, *args, context=None):
    "Run func in a transaction of its own and commit, as a request does"
    extras = {}
    for _ in range(100):
        try:
            with Transaction().start(
                    DB_NAME, USER, context=context or {},
                    **extras) as transaction:
                try:
                    result = func(*args)
                except TransactionError as error:
                    # Tryton asks to start again with the rows locked
                    transaction.rollback()
                    error.fix(extras)
                    continue
                transaction.commit()
                return result
        except backend.DatabaseOperationalError:
            # Another transaction holds the lock: retry as the server does
            time.sleep(0.05)
    raise RuntimeError("the transaction never got its locks")


@unittest.skipIf(
    backend.name == 'sqlite',
    "SQLite has no concurrent writers: one transaction writes at a time, "
    "so there is nothing to race; run on PostgreSQL")
class NumberingConcurrencyTestCase(AmeTestCase):
    "Sales saved at once in parallel transactions"
    extras = ['sale_opportunity', 'purchase']
    workers = 6

    def test_concurrent_sales(self):
        "Sales created at once get distinct, consecutive numbers"
        def setup():
            company = create_company(name="并发测试公司")
            party = create_party()
            return company.id, party.id
        company_id, party_id = _commit(setup)
        context = {'company': company_id}

        def create():
            pool = Pool()
            Company = pool.get('company.company')
            Party = pool.get('party.party')
            sale = create_sale(Company(company_id), Party(party_id))
            # Keep the lock a while, so that the others wait for it
            time.sleep(0.1)
            return sale.number

        numbers, errors = [], []
        barrier = threading.Barrier(self.workers)

        def worker():
            try:
                barrier.wait()
                numbers.append(_commit(create, context=context))
            except Exception as exception:
                errors.append(exception)
        threads = [
            threading.Thread(target=worker) for _ in range(self.workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        self.assertEqual(errors, [])
        prefix = f'BJ-{_commit(month, context=context)}'
        self.assertEqual(sorted(numbers), [
                f'{prefix}-{i:04d}' for i in range(1, self.workers + 1)])

        def stored():
            Sale = Pool().get('sale.sale')
            return sorted(s.number for s in Sale.search([
                        ('company', '=', company_id)]))
        self.assertEqual(_commit(stored, context=context), sorted(numbers))
