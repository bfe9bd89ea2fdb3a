# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
import json
from contextlib import contextmanager
from decimal import Decimal

from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.ame_base.tests.tools import (
    AmeTestCase, rolled_back, today)
from trytond.modules.ame_crm.tests.tools import (
    create_customer, create_sales_team)
from trytond.modules.ame_permission.tests.tools import as_user
from trytond.modules.ame_price_strategy.tests.tools import (
    create_quotation, create_strategy, customer_grade)
from trytond.modules.ame_selection.sale import SelectionChangedWarning
from trytond.modules.ame_selection.tests.families import (
    differential_pressure, thermocouple)
from trytond.modules.ame_selection.tests.tools import (
    MODULE_EXTRAS, create_family_products, import_families)
from trytond.modules.company.tests import create_company, set_company
from trytond.modules.currency.tests import create_currency
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction

D = Decimal
# 3051 coplanar, differential, -62~62 kPa, HART, 316L, silicone, aluminium
# 1/2-14NPT, 1/4-18NPT flange, 3-valve manifold; bracket and display
CHOICES = {
    'construction': 'C', 'type': 'D', 'range': '2', 'output': 'A',
    'diaphragm': '2', 'fill': '1', 'housing': 'A', 'connection': '1',
    'manifold': 'S5'}
CODE = 'AM3051CD2A21A1-S5/B4/M5'
# 3,800 + 1,100 (S5) + 180 (B4) + 350 (M5)
PRICE = D('5430.00')


class SelectionTestCase(AmeTestCase):
    "Selection templates, their versions, the RPC calls and the quotations"
    module = 'ame_selection'
    extras = MODULE_EXTRAS

    @contextmanager
    def world(self):
        """A company with its sales team, the two families imported and
        苏州精密 (customer grade A) of the rep chen"""
        company = create_company(currency=create_currency('CNY'))
        with set_company(company):
            for name, value in create_sales_team(company).items():
                setattr(self, name, value)
            families = differential_pressure(), thermocouple()
            create_family_products(*families)
            self.pressure, self.thermocouple = import_families(*families)
            self.customer = create_customer("苏州精密机械有限公司",
                owner=self.chen, customer_grade=customer_grade('A').id)
            self.company = company
            yield company

    def configured_line(self, quantity=2):
        "A quotation of 苏州精密 by chen with the model CODE"
        pool = Pool()
        Line = pool.get('sale.line')
        sale = create_quotation(self.company, self.customer, self.chen, [])
        extras = ['M5', 'B4']
        line = Line.add_configured(sale, self.pressure.current_version,
            CHOICES, extras, quantity=quantity)
        return sale, line

    def publish(self, template, start_date=None):
        Template = Pool().get('ame.selection.template')
        Template.create_versions([template], start_date or today())
        return Template(template.id)

    @with_transaction()
    def test_import_publishes_a_version(self):
        "An import makes each family's template and its first version"
        with self.world():
            version = self.pressure.current_version
            self.assertEqual(
                (version.number, version.start_date,
                    self.pressure.product.code),
                (1, today(), 'AM3051DP'))
            self.assertEqual(self.pressure.to_dict(), differential_pressure())
            self.assertEqual(
                json.loads(version.data), differential_pressure())
            # The same content again publishes nothing new
            pressure, = import_families(differential_pressure())
            self.assertEqual(len(pressure.versions), 1)

    @with_transaction()
    def test_import_all_or_nothing(self):
        "A family with an error stops the whole import, each error named"
        pool = Pool()
        Template = pool.get('ame.selection.template')
        company = create_company(currency=create_currency('CNY'))
        with set_company(company):
            broken = thermocouple()
            broken['positions'][0]['options'][1]['code'] = 'N'
            broken['rules'][0]['then']['position'] = 'colour'
            with self.assertRaises(ValidationError) as cm:
                import_families(differential_pressure(), broken)
            message = cm.exception.message
            self.assertIn('"N"', message)
            self.assertIn('"colour"', message)
            self.assertEqual(Template.search([]), [])

    @with_transaction()
    def test_configure_and_parse_over_rpc(self):
        "configure and parse answer as the RPC documentation says"
        pool = Pool()
        Template = pool.get('ame.selection.template')
        with self.world():
            result = Template.configure('AM3051DP', CHOICES, ['M5', 'B4'])
            self.assertEqual(
                (result['valid'], result['model_code'], result['price'],
                    result['lead_days'], result['errors']),
                (True, CODE, PRICE, 5, []))
            parsed = Template.parse('  am3051cd2a21a1-s5/m5/b4 ')
            self.assertEqual(
                (parsed['valid'], parsed['family'], parsed['selections'],
                    parsed['extras'], parsed['model_code'], parsed['price']),
                (True, 'AM3051DP', CHOICES, ['B4', 'M5'], CODE, PRICE))
            # The empty code of the single element
            single = Template.parse('WRN-230-500')
            self.assertTrue(single['valid'], single['errors'])
            self.assertEqual(single['selections']['elements'], '')
            for bad in [None, 42, '', 'XYZ-1']:
                result = Template.parse(bad)
                self.assertFalse(result['valid'])
                self.assertTrue(result['errors'], bad)
            unknown = Template.configure('NOPE', {}, [])
            self.assertEqual(
                (unknown['valid'], len(unknown['errors'])), (False, 1))
            # A broken rule comes back with its own message
            broken = Template.configure(
                'AM3051DP', dict(CHOICES, construction='T'), [])
            self.assertIn("直连型结构不能测量差压",
                [e['message'] for e in broken['errors']][0])

    @with_transaction()
    def test_versions(self):
        """Edits price nothing until published; a version starts on its
        date and is never changed"""
        pool = Pool()
        Template = pool.get('ame.selection.template')
        Option = pool.get('ame.selection.option')
        Version = pool.get('ame.selection.template.version')
        with self.world():
            manifold = self.pressure.positions[-1]
            s5, = [o for o in manifold.options if o.code == 'S5']
            Option.write([s5], {'price': D('1300.00')})
            self.assertEqual(
                Template.configure('AM3051DP', CHOICES, [])['price'],
                D('4900.00'))
            tomorrow = today() + dt.timedelta(days=1)
            template = self.publish(self.pressure, tomorrow)
            self.assertEqual(template.current_version.number, 1)
            with Transaction().set_context(date=tomorrow):
                self.assertEqual(
                    Template.configure('AM3051DP', CHOICES, [])['price'],
                    D('5100.00'))
            version = template.versions[0]
            for method, args in [
                    (Version.write, ([version], {'start_date': today()})),
                    (Version.delete, ([version],))]:
                with self.assertRaises(ValidationError), rolled_back():
                    method(*args)

    @with_transaction()
    def test_template_validation(self):
        """Saving a template names what is wrong: two choices printing the
        same code, a duplicate option code, a rule's unknown option"""
        pool = Pool()
        Template = pool.get('ame.selection.template')
        with self.world():
            template = self.thermocouple
            elements, graduation = (
                template.positions[1], template.positions[0])
            rule = template.rules[0]
            for values, expected in [
                    # 支数 optional: "not chosen" and the single element's
                    # empty code would print the same codes
                    ({'positions': [('write', [elements.id],
                                    {'required': False})]},
                        "print the same code"),
                    ({'positions': [('write', [graduation.id], {
                                        'options': [('write',
                                                [graduation.options[1].id],
                                                {'code': 'n'})]})]},
                        'option code "n" more than once'),
                    ({'rules': [('write', [rule.id],
                                    {'then_options': 'XX'})]},
                        '"XX"'),
                    ]:
                with self.assertRaises(ValidationError) as cm, \
                        rolled_back():
                    Template.write([template], values)
                self.assertIn(expected, cm.exception.message)

    @with_transaction()
    def test_configured_line(self):
        """A configured model on a quotation: the family's product, the
        code and spec as description, the customer's discount on the
        configured price, the extra lead days"""
        with self.world():
            create_strategy(self.company, 'customer', [
                    ('product', self.pressure.product, 'discount', 10)],
                customer_grade=customer_grade('A').id)
            sale, line = self.configured_line()
            self.assertEqual(
                (line.product, line.selection_code, line.selection_price,
                    line.unit_price, line.selection_lead_days,
                    line.description.splitlines()[0]),
                (self.pressure.product, CODE, PRICE, D('4887.0000'), 5,
                    CODE))
            self.assertEqual(line.price_strategy.strategy.kind, 'customer')
            self.assertEqual(line.amount, D('9774.00'))
            # The product ships in 28 days; the options add 5 days
            self.assertEqual(
                line.shipping_date, today() + dt.timedelta(days=33))

    @with_transaction()
    def test_template_changed_since(self):
        """Quoting names a line whose template has a newer version that
        prices it differently; a configuration its version refuses stops
        the quotation"""
        pool = Pool()
        Sale = pool.get('sale.sale')
        Line = pool.get('sale.line')
        Option = pool.get('ame.selection.option')
        with self.world():
            sale, line = self.configured_line()
            manifold = self.pressure.positions[-1]
            s5, = [o for o in manifold.options if o.code == 'S5']
            Option.write([s5], {'price': D('1300.00')})
            self.publish(self.pressure)
            with as_user(self.chen_user, check_access=False):
                with self.assertRaises(SelectionChangedWarning) as cm, \
                        rolled_back():
                    Sale.quote([Sale(sale.id)])
                self.assertIn(CODE, cm.exception.message)
                self.assertIn('5630', cm.exception.message)
            # A line whose product was changed no longer holds its model
            other, = pool.get('product.product').search(
                [('id', '!=', line.product.id), ('salable', '=', True)],
                limit=1)
            Line.write([line], {'product': other.id})
            with self.assertRaises(ValidationError) as cm:
                Sale.quote([Sale(sale.id)])
            self.assertIn(CODE, cm.exception.message)

    @with_transaction()
    def test_guarded_configuration(self):
        "A client neither sends nor writes the configuration of a line"
        pool = Pool()
        Line = pool.get('sale.line')
        with self.world():
            sale, line = self.configured_line()
            with as_user(self.chen_user):
                with self.assertRaises(AccessError), rolled_back():
                    Line.write([Line(line.id)], {'selection_price': D(1)})
                with self.assertRaises(AccessError), rolled_back():
                    Line.create([{
                                'sale': sale.id, 'type': 'line',
                                'product': line.product.id,
                                'quantity': 1, 'unit': line.unit.id,
                                'unit_price': D(1),
                                'selection_code': CODE,
                                'selection_price': D(1)}])

    @with_transaction()
    def test_configurator(self):
        """The configurator offers what the choices allow, reads a pasted
        code back and adds the model to the quotation"""
        pool = Pool()
        Configurator = pool.get('ame.selection.configurator',
            type='wizard')
        Sale = pool.get('sale.sale')
        with self.world():
            sale = create_quotation(
                self.company, self.customer, self.chen, [])
            with as_user(self.chen_user, check_access=False):
                session_id, _, _ = Configurator.create()
                wizard = Configurator(session_id)
                start = wizard.start
                start.model_code_input = 'am3051td2a21a1/b4'
                start.on_change_model_code_input()
                self.assertEqual(start.template, self.pressure)
                self.assertFalse(start.valid)
                self.assertIn("直连型结构不能测量差压", start.errors)
                by_position = {c.position: c for c in start.choices}
                # 差压 is forbidden while 直连型 is chosen (and shown, as
                # it is the choice read)
                self.assertIn('D: 直连型结构不能测量差压',
                    by_position['type'].reasons)
                by_position['construction'].option = 'o:C'
                start.on_change_choices()
                self.assertEqual(
                    (start.valid, start.model_code, start.price),
                    (True, 'AM3051CD2A21A1/B4', D('3980.00')))
                # Now 直连型 is left out of the list of 结构形式, with why
                by_position = {c.position: c for c in start.choices}
                construction = by_position['construction']
                self.assertEqual(
                    [v for v, _ in construction.get_option_selection()],
                    [None, 'o:C', 'o:L'])
                self.assertIn('T: 直连型结构不能测量差压',
                    construction.reasons)
                start.sale = Sale(sale.id)
                start.quantity = 1
                wizard.transition_add()
            line, = Sale(sale.id).lines
            self.assertEqual(line.selection_code, 'AM3051CD2A21A1/B4')

    @with_transaction()
    def test_configurator_foreign_quotation(self):
        "The configurator adds nothing to a quotation out of one's scope"
        pool = Pool()
        Configurator = pool.get('ame.selection.configurator',
            type='wizard')
        Sale = pool.get('sale.sale')
        with self.world():
            customer = create_customer("无锡重型机床厂", owner=self.wang)
            sale = create_quotation(self.company, customer, self.wang, [])
            with as_user(self.chen_user, check_access=False):
                session_id, _, _ = Configurator.create()
                wizard = Configurator(session_id)
                start = wizard.start
                start.model_code_input = CODE
                start.on_change_model_code_input()
                self.assertTrue(start.valid)
                start.sale = Sale(sale.id)
                start.quantity = 1
                with self.assertRaises(AccessError):
                    wizard.transition_add()
            self.assertEqual(Sale(sale.id).lines, ())
