# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Malformed domains and values get a translated error, on every model
(validation.py), with the checks RPC runs."""
from trytond.i18n import gettext
from trytond.model.exceptions import ValidationError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_permission.tests.tools import (
    as_user, create_sale, create_user)
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction


class InputTestCase(AmeTestCase):
    "Malformed input over RPC"
    module = 'ame_permission'
    extras = ['sale_opportunity', 'purchase']

    def assertInputError(self, call, message, **names):
        with self.assertRaises(ValidationError) as cm, rolled_back():
            call()
        self.assertEqual(cm.exception.message, gettext(message, **names))

    @with_transaction()
    def test_domains(self):
        "A domain Tryton cannot convert is refused before its search"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'sales', roles=['role_sales_rep'])
            sale = create_sale(company, employee)
            with as_user(user):
                for domain, message, names in [
                        ([('lines.quantity', '=', 'abc')],
                            'ame_base.msg_input_value', {
                                'value': 'abc', 'field': "Quantity",
                                'model': "Sale Line"}),
                        ([('lines', 'where', [('unit_price', '>', 'x')])],
                            'ame_base.msg_input_value', {
                                'value': 'x', 'field': "Unit Price",
                                'model': "Sale Line"}),
                        ([('description', 'where', 'x')],
                            'ame_base.msg_input_operator', {
                                'operator': 'where', 'field': "Description",
                                'model': "Sale"}),
                        ([('state', 'like', 'draft'), ('party', 'is', 1)],
                            'ame_base.msg_input_operator', {
                                'operator': 'is', 'field': "Party",
                                'model': "Sale"}),
                        ([('salary', '>', 0)],
                            'ame_base.msg_input_field_unknown', {
                                'name': 'salary', 'model': "Sale"}),
                        (['NOT', ('state', '=', 'draft')],
                            'ame_base.msg_input_domain', {
                                'domain': "['NOT', ('state', '=', 'draft')]",
                                'model': "Sale"}),
                        ]:
                    with self.subTest(domain=domain):
                        self.assertInputError(
                            lambda: Sale.search(domain), message, **names)

                # Well-formed domains are searched as before
                self.assertEqual(Sale.search([
                            ('lines.quantity', '>', 0),
                            ['OR',
                                ('state', '=', 'draft'),
                                ('state', 'in', ['quotation'])],
                            ('lines', 'where', [('quantity', '>=', 1)]),
                            ('party.rec_name', 'not ilike', 'X%'),
                            ]), [sale])

    @with_transaction()
    def test_order_and_read(self):
        "An order or a read of unknown fields is refused in words"
        pool = Pool()
        Sale = pool.get('sale.sale')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'sales', roles=['role_sales_rep'])
            sale = create_sale(company, employee)
            with as_user(user):
                for order, message, names in [
                        ([('salary', 'ASC')],
                            'ame_base.msg_input_field_unknown', {
                                'name': 'salary', 'model': "Sale"}),
                        ([('party.salary', 'DESC')],
                            'ame_base.msg_input_field_unknown', {
                                'name': 'salary', 'model': "Party"}),
                        ([('number', 'SIDEWAYS')],
                            'ame_base.msg_input_order', {
                                'order': "[('number', 'SIDEWAYS')]",
                                'model': "Sale"}),
                        ('number', 'ame_base.msg_input_order', {
                                'order': "number", 'model': "Sale"}),
                        ]:
                    with self.subTest(order=order):
                        self.assertInputError(
                            lambda: Sale.search([], order=order),
                            message, **names)
                for names in [['number', 'salary'], ['party.salary']]:
                    with self.subTest(names=names):
                        self.assertInputError(
                            lambda: Sale.read([sale.id], names),
                            'ame_base.msg_input_field_unknown',
                            name='salary',
                            model="Party" if '.' in names[0] else "Sale")

                # What the web client asks is answered as before
                self.assertEqual(Sale.search([], order=[
                            ('party.name', 'desc nulls last'),
                            ('number', None)]), [sale])
                row, = Sale.read([sale.id], [
                        'number', 'party.rec_name', 'state:string',
                        '_timestamp', '_write', '_delete'])
                self.assertEqual(row['party.']['rec_name'], sale.party.name)

    @with_transaction()
    def test_values(self):
        "A value of the wrong type is refused before it is written"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Line = pool.get('sale.line')
        User = pool.get('res.user')
        company = create_company()
        with set_company(company):
            employee, user = create_user(
                company, 'sales', roles=['role_sales_rep'])
            sale = create_sale(company, employee)
            with as_user(user):
                line, = Sale(sale.id).lines
                for values, message, names in [
                        ({'quantity': "abc"}, 'ame_base.msg_input_value', {
                                'value': 'abc', 'field': "Quantity",
                                'model': "Sale Line"}),
                        ({'quantity': float('nan')},
                            'ame_base.msg_input_value', {
                                'value': 'nan', 'field': "Quantity",
                                'model': "Sale Line"}),
                        ({'product': "car"}, 'ame_base.msg_input_value', {
                                'value': 'car', 'field': "Product",
                                'model': "Sale Line"}),
                        ({'salary': 1}, 'ame_base.msg_input_field_unknown', {
                                'name': 'salary', 'model': "Sale Line"}),
                        ]:
                    with self.subTest(values=values):
                        self.assertInputError(
                            lambda: Line.write([line], values),
                            message, **names)
                self.assertEqual(Line(line.id).quantity, 1)
                self.assertInputError(
                    lambda: Line.create([{
                                'sale': sale.id, 'quantity': "两台"}]),
                    'ame_base.msg_input_value', value="两台",
                    field="Quantity", model="Sale Line")
        # On any model: a computed field without setter
        self.assertInputError(
            lambda: User.write([user], {'sessions': 0}),
            'ame_base.msg_input_field_readonly',
            field="Sessions", model="User")


del AmeTestCase
