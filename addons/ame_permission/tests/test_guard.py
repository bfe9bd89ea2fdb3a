# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Transitions alone move the documents (guard.py) and what a user enters on
them is bounded (model.py): the calls an attacker makes over RPC, made here
with the checks RPC runs (the user's access, _check_access)."""
import datetime as dt
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model.exceptions import (
    AccessError, SizeValidationError, ValidationError)
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_permission.tests.tools import (
    as_user, create_party, create_purchase, create_sale, create_user)
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction


class GuardTestCase(AmeTestCase):
    "Outside writes of what the workflow sets, and bounds of input"
    module = 'ame_permission'
    extras = ['sale_opportunity', 'purchase']

    def assertRefused(self, records, values, message, field, **names):
        "values written on records over RPC are refused, nothing changed"
        Model = records[0].__class__
        before = Model.read([r.id for r in records], list(values))
        with self.assertRaises(AccessError) as cm, rolled_back():
            Model.write(records, values)
        names.setdefault('record', records[0].rec_name)
        self.assertEqual(cm.exception.message, gettext(
                message, field=field, **names))
        with Transaction().set_context(_check_access=False):
            self.assertEqual(
                Model.read([r.id for r in records], list(values)), before)

    @with_transaction()
    def test_sale_state(self):
        "No sale is confirmed by writing its state, whatever its state"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'sales', roles=['role_sales_rep'])
            # Numbered outside the subtests: the first number of a
            # transaction restarts it with the rule's row locked
            sales = [create_sale(company, employee, state)
                for state in ['draft', 'quotation']]
            for sale in sales:
                with self.subTest(state=sale.state):
                    with as_user(user):
                        sale = Sale(sale.id)
                        self.assertRefused(
                            [sale], {'state': 'confirmed'},
                            'ame_base.msg_guard_state', "State")

    @with_transaction()
    def test_purchase_state(self):
        "No purchase is confirmed by writing its state"
        pool = Pool()
        Purchase = pool.get('purchase.purchase')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'finance', roles=['role_finance'])
            purchase = create_purchase(company, employee, 'quotation')
            with as_user(user):
                purchase = Purchase(purchase.id)
                self.assertRefused(
                    [purchase], {'state': 'confirmed'},
                    'ame_base.msg_guard_state', "State")

    @with_transaction()
    def test_opportunity_state(self):
        "No opportunity is won by writing its state"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'sales', roles=['role_sales_rep'])
            opportunity, = Opportunity.create([{
                        'party': create_party().id,
                        'company': company.id,
                        'employee': employee.id,
                        'description': "五轴加工中心",
                        }])
            with as_user(user):
                opportunity = Opportunity(opportunity.id)
                self.assertRefused(
                    [opportunity], {'state': 'won'},
                    'ame_base.msg_guard_state', "State")

    @with_transaction()
    def test_number_at_creation(self):
        "A number sent at creation is refused: the server numbers"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Purchase = pool.get('purchase.purchase')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'gm', roles=['role_general_manager'])
            party = create_party()
            values = {
                'party': party.id,
                'company': company.id,
                'employee': employee.id,
                }
            with as_user(user):
                for Model, number, field in [
                        (Sale, {'number': "XS-209901-0001"}, "Number"),
                        (Sale, {'quotation_number': "BJ-209901-0001"},
                            "Quotation Number"),
                        (Purchase, {'number': "CG-209901-0001"}, "Number"),
                        ]:
                    with self.subTest(model=Model.__name__, field=field):
                        with self.assertRaises(AccessError) as cm, \
                                rolled_back():
                            Model.create([{**values, **number}])
                        self.assertEqual(cm.exception.message, gettext(
                                'ame_base.msg_guard_create_readonly',
                                value=list(number.values())[0],
                                **Model.__names__(list(number)[0])))
                        self.assertEqual(Model.search([]), [])
                        self.assertIn(field, cm.exception.message)
                # Without it, the document has the number of its rule
                sale, = Sale.create([values])
                purchase, = Purchase.create([values])
                today = dt.date.today().strftime('%Y%m')
                self.assertEqual(
                    (sale.number, sale.quotation_number, purchase.number),
                    (f'BJ-{today}-0001', f'BJ-{today}-0001',
                        f'CG-{today}-0001'))

    @with_transaction()
    def test_readonly_fields(self):
        "What transitions and the server set is not written from outside"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'sales', roles=['role_sales_rep'])
            sale = create_sale(company, employee, 'quotation')
            with as_user(user):
                sale = Sale(sale.id)
                for values, field in [
                        ({'number': "S-0001"}, "Number"),
                        ({'total_amount_cache': Decimal(1)}, "Total Cache"),
                        ({'quoted_by': employee.id}, "Quoted By"),
                        ({'shipment_state': 'sent'}, "Shipment State"),
                        ]:
                    with self.subTest(field=field):
                        self.assertRefused(
                            [sale], values,
                            'ame_base.msg_guard_readonly', field)

    @with_transaction()
    def test_states_readonly(self):
        "What the form shows read-only in the record's state is refused"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'sales', roles=['role_sales_rep'])
            sale = create_sale(company, employee, 'confirmed')
            other = create_party()
            with as_user(user):
                sale = Sale(sale.id)
                line, = sale.lines
                self.assertRefused(
                    [sale], {'party': other.id},
                    'ame_base.msg_guard_states_readonly', "Party")
                self.assertRefused(
                    [sale], {'lines': [('write', [line.id], {
                                    'quantity': 2})]},
                    'ame_base.msg_guard_states_readonly', "Lines")
                self.assertRefused(
                    [line], {'unit_price': Decimal(1)},
                    'ame_base.msg_guard_states_readonly', "Unit Price",
                    record=line.rec_name)

                # What the form leaves editable stays so
                Sale.write([sale], {'reference': "PO-2026-118"})
                self.assertEqual(sale.reference, "PO-2026-118")
                # and writing the stored value changes nothing
                Sale.write([sale], {
                        'state': 'confirmed', 'party': sale.party.id})

    @with_transaction()
    def test_draft_is_editable(self):
        "A draft is edited as the form allows"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'sales', roles=['role_sales_rep'])
            sale = create_sale(company, employee)
            with as_user(user):
                sale = Sale(sale.id)
                line, = sale.lines
                Sale.write([sale], {
                        'description': "华东区 2026 年第一批",
                        'lines': [('write', [line.id], {'quantity': 2})],
                        })
                self.assertEqual(sale.description, "华东区 2026 年第一批")
                self.assertEqual(sale.lines[0].quantity, 2)

    @with_transaction()
    def test_transitions(self):
        "The buttons still move the documents over RPC"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'sales', roles=['role_sales_rep'])
            sale = create_sale(company, employee)
            with as_user(user):
                sale = Sale(sale.id)
                Sale.quote([sale])
                self.assertEqual(sale.state, 'quotation')
                self.assertEqual(sale.quoted_by, employee)
                Sale.draft([sale])
                self.assertEqual(sale.state, 'draft')
                self.assertEqual(sale.quoted_by, None)

    @with_transaction()
    def test_create_state(self):
        "A document is created in the first state of its workflow"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'sales', roles=['role_sales_rep'])
            customer = create_party()
            values = {
                'party': customer.id, 'company': company.id,
                'invoice_address': customer.addresses[0].id,
                'sale_date': dt.date.today(),
                'employee': employee.id,
                }
            with as_user(user):
                with self.assertRaises(AccessError) as cm, rolled_back():
                    Sale.create([{'state': 'confirmed', **values}])
                self.assertEqual(cm.exception.message, gettext(
                        'ame_base.msg_guard_create_state',
                        model="Sale", default="Draft", value="Confirmed"))
                self.assertEqual(
                    Sale.search([('party', '=', customer.id)]), [])

                sale, = Sale.create([values])
                self.assertEqual(sale.state, 'draft')
                copy, = Sale.copy([sale])
                self.assertEqual(copy.state, 'draft')

    @with_transaction()
    def test_line_bounds(self):
        "Quantities, prices and text of lines stay within sane bounds"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Line = pool.get('sale.line')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'sales', roles=['role_sales_rep'])
            sale = create_sale(company, employee)
            with as_user(user):
                line, = Sale(sale.id).lines
                for field, value, minimum, maximum in [
                        ('unit_price', Decimal(1e308), '-1,000,000,000,000',
                            '1,000,000,000,000'),
                        ('quantity', 1e20, '-1,000,000,000',
                            '1,000,000,000'),
                        ]:
                    with self.subTest(field=field, value=value):
                        with self.assertRaises(ValidationError) as cm, \
                                rolled_back():
                            Line.write([line], {field: value})
                        self.assertEqual(cm.exception.message, gettext(
                                'ame_base.msg_number_out_of_bounds',
                                field=Line.__names__(field)['field'],
                                record=line.rec_name, value=value,
                                minimum=minimum, maximum=maximum))
                with self.assertRaises(SizeValidationError) as cm, \
                        rolled_back():
                    Line.write([line], {'description': "车" * 5_000_000})
                self.assertEqual(cm.exception.message, gettext(
                        'ir.msg_size_validation',
                        field="Description", model="Sale Line",
                        value="车" * 80 + '…',
                        size=5_000_000, max_size=10000))
                line = Line(line.id)
                self.assertEqual(line.quantity, 1)
                self.assertEqual(line.unit_price, Decimal(690000))
                self.assertEqual(line.description, "数控车床 CK6150")

                # A return (Tryton's negative quantity) and a long text
                Line.write([line], {
                        'quantity': -5, 'description': "车" * 10000})
                self.assertEqual(line.quantity, -5)

    @with_transaction()
    def test_opportunity_line_bounds(self):
        "An opportunity line has no negative quantity"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        Line = pool.get('sale.opportunity.line')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'sales', roles=['role_sales_rep'])
            opportunity, = Opportunity.create([{
                        'party': create_party().id,
                        'company': company.id,
                        'employee': employee.id,
                        }])
            line, = Line.create([{
                        'opportunity': opportunity.id,
                        'description': "五轴加工中心",
                        'quantity': 1,
                        }])
            with as_user(user):
                line = Line(line.id)
                with self.assertRaises(ValidationError) as cm, \
                        rolled_back():
                    Line.write([line], {'quantity': -5})
                self.assertEqual(cm.exception.message, gettext(
                        'ame_base.msg_number_out_of_bounds',
                        field="Quantity", record=line.rec_name,
                        value=-5.0, minimum='0', maximum='1,000,000,000'))
                self.assertEqual(Line(line.id).quantity, 1)


del AmeTestCase
