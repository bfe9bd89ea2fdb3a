# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
import unittest
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model.exceptions import AccessError, ValidationError
from trytond.model.modelview import AccessButtonError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_crm.tests.test_customer import SalesTeamMixin
from trytond.modules.ame_crm.tests.tools import (
    create_accounts, create_customer, create_invoices, create_product,
    create_sale, create_value_sales)
from trytond.modules.ame_crm.value_analysis import (
    abc_classes, last_twelve_months, quintile_scores)
from trytond.modules.ame_permission.tests.tools import as_user, create_user
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction

D = Decimal
# The lines of the analysis of 2025 on the sales of create_value_sales, in
# VALUE_CUSTOMERS' order: last purchase, recency, frequency, revenue, cost,
# gross margin, R, F, M, RFM, ABC class by revenue and by gross margin
EXPECTED_SALES = [
    (dt.date(2025, 12, 1), 30, 3, D(202000), D(120800), D(81200),
        4, 5, 5, '455', 'A', 'A'),
    (dt.date(2025, 11, 1), 60, 2, D(100000), D(64000), D(36000),
        3, 4, 5, '345', 'A', 'A'),
    (dt.date(2025, 12, 16), 15, 1, D(30000), D(12000), D(18000),
        5, 3, 4, '534', 'B', 'B'),
    (dt.date(2025, 10, 10), 82, 4, D(20000), D(8000), D(12000),
        2, 5, 3, '253', 'C', 'B'),
    (dt.date(2025, 5, 20), 225, 1, D(8000), D(0), D(8000),
        1, 3, 2, '132', 'C', 'C'),
    (dt.date(2025, 12, 16), 15, 1, D(2000), D(800), D(1200),
        5, 3, 1, '531', 'C', 'C'),
    ]
LINE_FIELDS = ['last_purchase_date', 'recency', 'frequency', 'revenue',
    'cost', 'gross_margin', 'r_score', 'f_score', 'm_score', 'rfm_code',
    'revenue_class', 'margin_class']


def run_queue():
    "Run the tasks queued by the transaction, as trytond-worker would"
    Queue = Pool().get('ir.queue')
    transaction = Transaction()
    while transaction.tasks:
        Queue(transaction.tasks.pop(0)).run()


def line_values(line):
    return tuple(getattr(line, f) for f in LINE_FIELDS)


class ScoringTestCase(unittest.TestCase):
    "The rules of the scores and classes, without database"

    def test_quintiles(self):
        "Ten values: two of each score, the greatest 5"
        scores = quintile_scores({i: i for i in range(10)}, lambda v: v)
        self.assertEqual([scores[i] for i in range(10)],
            [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])

    def test_quintiles_ties(self):
        "Equal values score the same: the score of the first of them"
        scores = quintile_scores(
            {'a': 9, 'b': 9, 'c': 9, 'd': 1, 'e': 0}, lambda v: v)
        self.assertEqual(scores, {'a': 5, 'b': 5, 'c': 5, 'd': 2, 'e': 1})

    def test_quintiles_few(self):
        "Fewer than 5 values go down from 5 by 5/N"
        for values, expected in [
                ([7], [5]),
                ([7, 3], [5, 3]),
                ([7, 3, 1], [5, 4, 2]),
                ([7, 3, 1, 0], [5, 4, 3, 2]),
                ]:
            scores = quintile_scores(dict(enumerate(values)), lambda v: v)
            self.assertEqual([scores[i] for i in range(len(values))],
                expected)
        self.assertEqual(quintile_scores({}, lambda v: v), {})

    def test_abc(self):
        "A while the amounts before make less than 70 %, B less than 90 %"
        self.assertEqual(abc_classes(
                {'a': D(50), 'b': D(30), 'c': D(10), 'd': D(6), 'e': D(4)},
                D(70), D(90)),
            {'a': 'A', 'b': 'A', 'c': 'B', 'd': 'C', 'e': 'C'})
        # One customer alone is A, whatever his share
        self.assertEqual(abc_classes({'a': D(5)}, D(70), D(90)), {'a': 'A'})

    def test_abc_ties_and_negatives(self):
        "Equal amounts share a class; no amount or a credit is C"
        self.assertEqual(abc_classes(
                {'a': D(60), 'b': D(20), 'c': D(20), 'd': D(0),
                    'e': D(-5)},
                D(70), D(90)),
            {'a': 'A', 'b': 'A', 'c': 'A', 'd': 'C', 'e': 'C'})
        self.assertEqual(abc_classes({'a': D(0)}, D(70), D(90)), {'a': 'C'})

    def test_last_twelve_months(self):
        self.assertEqual(last_twelve_months(dt.date(2026, 12, 7)),
            (dt.date(2025, 12, 1), dt.date(2026, 11, 30)))
        self.assertEqual(last_twelve_months(dt.date(2026, 3, 1)),
            (dt.date(2025, 3, 1), dt.date(2026, 2, 28)))


class ValueAnalysisTestCase(SalesTeamMixin, AmeTestCase):
    "客户价值分析: RFM scores and ABC classes on known data"

    def create_analysis(self, company, **values):
        Analysis = Pool().get('ame.customer.value.analysis')
        analysis, = Analysis.create([{
                    'company': company.id,
                    'from_date': dt.date(2025, 1, 1),
                    'to_date': dt.date(2025, 12, 31),
                    **values}])
        return analysis

    def compute(self, analysis):
        "Click 计算 and let the queue run"
        Analysis = Pool().get('ame.customer.value.analysis')
        Analysis.compute([analysis])
        self.assertEqual(Analysis(analysis.id).state, 'computing')
        run_queue()
        return Analysis(analysis.id)

    def lines(self, analysis):
        Line = Pool().get('ame.customer.value')
        return {line.customer: line for line in Line.search([
                    ('analysis', '=', analysis.id)])}

    @with_transaction()
    def test_sales(self):
        "Confirmed sales of the period: exact scores and classes"
        with self.sales_team() as company:
            customers = create_value_sales(company, self.__dict__)
            analysis = self.create_analysis(company)
            self.assertEqual(analysis.source, 'sales')
            self.assertEqual(
                (analysis.a_threshold, analysis.b_threshold), (70, 90))
            analysis = self.compute(analysis)

            self.assertEqual(analysis.state, 'done')
            self.assertEqual(analysis.date, dt.date.today())
            lines = self.lines(analysis)
            self.assertEqual(set(lines), set(customers))
            for customer, expected in zip(customers, EXPECTED_SALES):
                with self.subTest(customer=customer.name):
                    self.assertEqual(line_values(lines[customer]), expected)
            self.assertEqual(analysis.customer_count, 6)
            self.assertEqual(analysis.revenue, D(362000))
            self.assertEqual(analysis.gross_margin, D(156400))
            self.assertEqual(lines[customers[0]].rec_name,
                customers[0].rec_name)

    @with_transaction()
    def test_customer_360_page(self):
        "The customer's 360 lists his scores of each period, newest first"
        Party = Pool().get('party.party')
        with self.sales_team() as company:
            customers = create_value_sales(company, self.__dict__)
            year = self.compute(self.create_analysis(company))
            half = self.compute(self.create_analysis(
                    company, to_date=dt.date(2025, 6, 30)))
            customer = Party(customers[0].id)
            self.assertEqual(
                [(v.analysis, v.revenue) for v in customer.customer_values],
                [(year, D(202000)), (half, D(102000))])

    @with_transaction()
    def test_invoices(self):
        "Posted customer invoices of the period, credit notes deducted"
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        company = create_company()
        with set_company(company):
            create_accounts(company)
            lathe = create_product("数控车床 CK6150", D(100000), D(60000))
            spindle = create_product("主轴备件", D(1000), D(400))
            x = create_customer("苏州精密机械有限公司")
            y = create_customer("无锡重型机床厂")
            create_invoices(company, [
                    (x, dt.date(2025, 3, 1), [(spindle, 10, D(1000))],
                        'posted', 'out'),
                    (x, dt.date(2025, 9, 1), [(spindle, 5, D(1000))],
                        'paid', 'out'),
                    # A credit note: less revenue and cost, no purchase
                    (x, dt.date(2025, 10, 1), [(spindle, -2, D(1000))],
                        'posted', 'out'),
                    (y, dt.date(2025, 12, 1), [(lathe, 1, D(100000))],
                        'posted', 'out'),
                    # Not counted: a draft, a supplier invoice, an invoice
                    # of the year after
                    (y, dt.date(2025, 12, 5), [(lathe, 1, D(100000))],
                        'draft', 'out'),
                    (x, dt.date(2025, 6, 1), [(spindle, 50, D(500))],
                        'posted', 'in'),
                    (x, dt.date(2026, 1, 2), [(spindle, 50, D(1000))],
                        'posted', 'out'),
                    ])
            # A confirmed sale, not counted from invoices
            create_sale(company, x, dt.date(2025, 4, 1),
                [(lathe, 1, D(100000))])

            # The company invoices its sales: its analyses sum invoices
            configuration = Configuration(1)
            configuration.value_analysis_source = 'invoices'
            configuration.save()
            analysis = self.compute(self.create_analysis(company))
            self.assertEqual(analysis.source, 'invoices')
            lines = self.lines(analysis)
            self.assertEqual(line_values(lines[x]), (
                    dt.date(2025, 9, 1), 121, 2, D(13000), D(5200), D(7800),
                    3, 5, 3, '353', 'B', 'B'))
            self.assertEqual(line_values(lines[y]), (
                    dt.date(2025, 12, 1), 30, 1, D(100000), D(60000),
                    D(40000), 5, 3, 5, '535', 'A', 'A'))
            self.assertEqual(len(lines), 2)

            # The same period from the sales
            analysis = self.compute(
                self.create_analysis(company, source='sales'))
            lines = self.lines(analysis)
            self.assertEqual(list(lines), [x])
            self.assertEqual(line_values(lines[x]), (
                    dt.date(2025, 4, 1), 274, 1, D(100000), D(60000),
                    D(40000), 5, 5, 5, '555', 'A', 'A'))

    @with_transaction()
    def test_other_currency(self):
        "A sale in another currency counts at the rate of its date"
        pool = Pool()
        Currency = pool.get('currency.currency')
        company = create_company()
        with set_company(company):
            euro, = Currency.create([{
                        'name': "Euro", 'code': 'EUR', 'symbol': "€",
                        'rates': [('create', [
                                    {'date': dt.date(2025, 1, 1),
                                        'rate': D('0.5')},
                                    {'date': dt.date(2025, 7, 1),
                                        'rate': D('0.25')},
                                    ])]}])
            customer = create_customer("苏州精密机械有限公司")
            for date in [dt.date(2025, 3, 1), dt.date(2025, 9, 1)]:
                create_sale(company, customer, date,
                    [("设备安装调试", 1, D(1000))], currency=euro.id)
            analysis = self.compute(self.create_analysis(company))
            line, = self.lines(analysis).values()
            # The company's currency is at 1: 1000 / 0.5 + 1000 / 0.25
            self.assertEqual(line.revenue, D(6000))
            self.assertEqual(line.frequency, 2)

    @with_transaction()
    def test_no_sales(self):
        "A period without sales gives an analysis without lines"
        company = create_company()
        with set_company(company):
            analysis = self.compute(self.create_analysis(company))
            self.assertEqual(analysis.state, 'done')
            self.assertEqual(analysis.lines, ())
            self.assertEqual(analysis.customer_count, 0)
            self.assertEqual(analysis.revenue, D(0))

    @with_transaction()
    def test_period_refused(self):
        "A period that ends before it starts is refused, nothing changed"
        pool = Pool()
        Analysis = pool.get('ame.customer.value.analysis')
        company = create_company()
        with set_company(company):
            with self.assertRaises(ValidationError) as cm, rolled_back():
                self.create_analysis(company, to_date=dt.date(2024, 12, 31))
            self.assertEqual(cm.exception.message, gettext(
                    'ame_crm.msg_value_analysis_period',
                    analysis=Analysis(from_date=dt.date(2025, 1, 1),
                        to_date=dt.date(2024, 12, 31)).get_rec_name(None)))
            self.assertEqual(Analysis.search([], count=True), 0)

            analysis = self.create_analysis(company)
            with self.assertRaises(ValidationError), rolled_back():
                Analysis.write([analysis], {'from_date': dt.date(2026, 1, 1)})
            self.assertEqual(
                Analysis(analysis.id).from_date, dt.date(2025, 1, 1))

    @with_transaction()
    def test_thresholds_refused(self):
        "The A threshold is above 0 and at most B, at most 100"
        pool = Pool()
        Analysis = pool.get('ame.customer.value.analysis')
        company = create_company()
        with set_company(company):
            analysis = self.create_analysis(company)
            for a, b in [(D(95), D(90)), (D(0), D(90)), (D(70), D(101))]:
                with self.subTest(a=a, b=b):
                    with self.assertRaises(ValidationError) as cm, \
                            rolled_back():
                        Analysis.write([analysis],
                            {'a_threshold': a, 'b_threshold': b})
                    self.assertEqual(cm.exception.message, gettext(
                            'ame_crm.msg_value_analysis_thresholds',
                            analysis=analysis.rec_name, a=a, b=b))
            analysis = Analysis(analysis.id)
            self.assertEqual(
                (analysis.a_threshold, analysis.b_threshold), (70, 90))

    @with_transaction()
    def test_thresholds(self):
        "Configured thresholds: A the first 50 %, B the next 30 %"
        with self.sales_team() as company:
            customers = create_value_sales(company, self.__dict__)
            analysis = self.compute(self.create_analysis(company,
                    a_threshold=D(50), b_threshold=D(80)))
            lines = self.lines(analysis)
            self.assertEqual(
                [lines[c].revenue_class for c in customers],
                ['A', 'B', 'C', 'C', 'C', 'C'])
            self.assertEqual(
                [lines[c].margin_class for c in customers],
                ['A', 'B', 'B', 'C', 'C', 'C'])

    @with_transaction()
    def test_nobody_writes_the_results(self):
        "The lines and the state are the computation's: writes refused"
        pool = Pool()
        Analysis = pool.get('ame.customer.value.analysis')
        Line = pool.get('ame.customer.value')
        with self.sales_team() as company:
            customers = create_value_sales(company, self.__dict__)
            analysis = self.compute(self.create_analysis(company))
            line = self.lines(analysis)[customers[2]]
            # The manager of 销售部 runs the analyses
            with as_user(self.li_user):
                with self.assertRaises(AccessError) as cm, rolled_back():
                    Line.write([Line(line.id)], {'revenue_class': 'A'})
                self.assertEqual(cm.exception.message,
                    gettext('ame_crm.msg_customer_value_computed'))
                with self.assertRaises(AccessError), rolled_back():
                    Line.create([{'analysis': analysis.id,
                                'customer': customers[2].id,
                                'currency': company.currency.id,
                                'revenue_class': 'A', 'margin_class': 'A'}])
                with self.assertRaises(AccessError), rolled_back():
                    Line.delete([Line(line.id)])
                with self.assertRaises(AccessError) as cm, rolled_back():
                    Analysis.write([Analysis(analysis.id)],
                        {'state': 'draft'})
                self.assertEqual(cm.exception.message, gettext(
                        'ame_base.msg_guard_state',
                        **Analysis.__names__('state', analysis)))
                with self.assertRaises(AccessError), rolled_back():
                    Analysis.write([Analysis(analysis.id)],
                        {'revenue': D(1)})
                with self.assertRaises(AccessError), rolled_back():
                    Analysis.write([Analysis(analysis.id)],
                        {'to_date': dt.date(2025, 6, 30)})
                # Nor a new analysis created computed
                with self.assertRaises(AccessError), rolled_back():
                    Analysis.create([{'company': company.id,
                                'from_date': dt.date(2025, 1, 1),
                                'to_date': dt.date(2025, 12, 31),
                                'state': 'done'}])
            # A rep runs none
            with as_user(self.chen_user):
                with self.assertRaises(AccessError), rolled_back():
                    Analysis.create([{'company': company.id}])
                with self.assertRaises(AccessButtonError), rolled_back():
                    Analysis.draft([Analysis(analysis.id)])
            analysis = Analysis(analysis.id)
            self.assertEqual(analysis.state, 'done')
            self.assertEqual(analysis.revenue, D(362000))
            self.assertEqual(Line(line.id).revenue_class, 'B')
            self.assertEqual(len(analysis.lines), 6)

    @with_transaction()
    def test_draft_and_compute_again(self):
        "Back to draft removes the lines; computed again they are back"
        pool = Pool()
        Analysis = pool.get('ame.customer.value.analysis')
        Line = pool.get('ame.customer.value')
        with self.sales_team() as company:
            customers = create_value_sales(company, self.__dict__)
            analysis = self.compute(self.create_analysis(company))
            Analysis.draft([analysis])
            analysis = Analysis(analysis.id)
            self.assertEqual(analysis.state, 'draft')
            self.assertEqual(Line.search([], count=True), 0)
            self.assertIsNone(analysis.revenue)
            # A computation that waits in the queue is not deleted
            Analysis.compute([analysis])
            with self.assertRaises(AccessError) as cm, rolled_back():
                Analysis.delete([Analysis(analysis.id)])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_crm.msg_value_analysis_delete_computing',
                    analysis=analysis.rec_name))
            run_queue()
            lines = self.lines(analysis)
            self.assertEqual([line_values(lines[c]) for c in customers],
                EXPECTED_SALES)
            # A done analysis is deleted with its lines
            Analysis.delete([Analysis(analysis.id)])
            self.assertEqual(Line.search([], count=True), 0)

    @with_transaction()
    def test_data_scope(self):
        "A rep reads the lines of the customers he may read"
        pool = Pool()
        Analysis = pool.get('ame.customer.value.analysis')
        Line = pool.get('ame.customer.value')
        with self.sales_team() as company:
            c1, c2, c3, c4, c5, c6 = create_value_sales(
                company, self.__dict__)
            analysis = self.compute(self.create_analysis(company))
            _, keeper = create_user(
                company, 'zheng', None, ['role_warehouse_keeper'])
            lines = self.lines(analysis)

            def visible():
                return {line.customer for line in Line.search([])}
            # 陈静 his customers and the pool's; 王磊 his; 李强 (manager of
            # 销售部) all of them
            for user, customers in [
                    (self.chen_user, {c1, c3, c5, c6}),
                    (self.wang_user, {c2, c4, c5}),
                    (self.li_user, {c1, c2, c3, c4, c5, c6}),
                    ]:
                with self.subTest(user=user.login), as_user(user):
                    self.assertEqual(visible(), customers)
                    self.assertEqual(Analysis.search([]), [analysis])
            with as_user(self.chen_user):
                with self.assertRaises(AccessError):
                    Line.read([lines[c2].id], ['revenue'])
                # Through the analysis: the lines he may read
                row, = Analysis.read([analysis.id], ['lines'])
                self.assertEqual(
                    {Line(i).customer for i in row['lines']},
                    {c1, c3, c5, c6})
            # The warehouse reads none
            with as_user(keeper):
                self.assertEqual(Line.search([]), [])
                with self.assertRaises(AccessError):
                    Analysis.search([])
                with self.assertRaises(AccessError):
                    Line.read([lines[c1].id], ['revenue'])

    @with_transaction()
    def test_grade_follows_abc(self):
        "The grades of the customers follow the newest analysis"
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        Value = pool.get('ame.dictionary.value')
        Party = pool.get('party.party')
        with self.sales_team() as company:
            grades = {v.code: v for v in Value.search([
                        ('category.code', '=', 'customer_grade')])}
            customers = create_value_sales(company, self.__dict__)
            Party.write(customers, {'customer_grade': grades['C'].id})
            other = create_customer(
                "青岛重工机械有限公司", customer_grade=grades['A'].id)

            # Without the option nothing changes
            self.compute(self.create_analysis(company))
            self.assertEqual(
                {Party(c.id).customer_grade for c in customers},
                {grades['C']})

            configuration = Configuration(1)
            configuration.customer_grade_follows_abc = True
            configuration.save()
            self.compute(self.create_analysis(company))
            self.assertEqual(
                [Party(c.id).customer_grade.code for c in customers],
                ['A', 'A', 'B', 'C', 'C', 'C'])
            # A customer not analysed keeps his grade
            self.assertEqual(Party(other.id).customer_grade, grades['A'])

            # An analysis of an earlier period changes no grade
            create_sale(company, customers[5], dt.date(2024, 6, 1),
                [("设备大修", 1, D(500000))])
            self.compute(self.create_analysis(company,
                    from_date=dt.date(2024, 1, 1),
                    to_date=dt.date(2024, 12, 31)))
            self.assertEqual(
                [Party(c.id).customer_grade.code for c in customers],
                ['A', 'A', 'B', 'C', 'C', 'C'])

    @with_transaction()
    def test_cron(self):
        "Each month the analysis of the last 12 months, once per company"
        pool = Pool()
        Analysis = pool.get('ame.customer.value.analysis')
        Cron = pool.get('ir.cron')
        with self.sales_team() as company:
            from_date, to_date = last_twelve_months(dt.date.today())
            customer = create_customer("苏州精密机械有限公司", self.chen)
            create_sale(company, customer, to_date,
                [("设备安装调试", 1, D(8000))])
            create_sale(company, customer, from_date - dt.timedelta(days=1),
                [("设备安装调试", 1, D(9000))])
            self.assertIn(('ame.customer.value.analysis|create_monthly',
                    "Compute the Customer Value Analysis of the Last "
                    "12 Months"), Cron.method.selection)

        # As trytond-cron runs it: without company in the context
        with Transaction().set_context(company=None):
            Analysis.create_monthly()
        analysis, = Analysis.search([])
        self.assertEqual(analysis.state, 'computing')
        self.assertEqual((analysis.company, analysis.from_date,
                analysis.to_date), (company, from_date, to_date))
        run_queue()
        analysis = Analysis(analysis.id)
        self.assertEqual(analysis.state, 'done')
        line, = analysis.lines
        self.assertEqual(
            (line.customer, line.recency, line.revenue, line.rfm_code),
            (customer, 0, D(8000), '555'))
        # Run again in the month: nothing more
        with Transaction().set_context(company=company.id):
            self.assertEqual(Analysis.create_monthly(), [])
        self.assertEqual(Analysis.search([], count=True), 1)
