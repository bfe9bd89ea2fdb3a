# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from decimal import Decimal

from trytond.modules.ame_base.tests.test_numbering import create_party
from trytond.modules.ame_base.tests.tools import AmeTestCase
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction


def create_product(name, type_):
    pool = Pool()
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')
    unit, = Uom.search([('symbol', '=', 'u')])
    template, = Template.create([{
                'name': name, 'type': type_, 'default_uom': unit.id,
                'salable': True, 'sale_uom': unit.id,
                'list_price': Decimal(1000),
                'products': [('create', [{}])]}])
    return template.products[0]


class SaleTestCase(AmeTestCase):
    "AME's sale glue: the warehouse the form requires"
    extras = ['sale_opportunity', 'purchase']

    @with_transaction()
    def test_warehouse_required(self):
        "A sale needs a warehouse once a line ships goods, whoever reads it"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Line = pool.get('sale.line')
        company = create_company()
        with set_company(company):
            party = create_party()
            lathe = create_product("数控车床 CK6150", 'goods')
            training = create_product("操作培训", 'service')

            def line(product=None, **values):
                return dict(values, type='line', product=product,
                    quantity=1, unit_price=Decimal(1000),
                    unit=product.sale_uom if product else None)

            def sale(*lines):
                return Sale(party=party, company=company,
                    invoice_address=party.addresses[0],
                    lines=[Line(**line) for line in lines])
            cases = [
                ([line(lathe)], True),
                ([line(training), line(lathe)], True),
                ([line(training)], False),
                ([{'type': 'comment', 'description': "含运输"}], False),
                ([line(description="安装调试")], False),
                ([], False),
                ]
            sales = []
            for lines, required in cases:
                unsaved = sale(*lines)
                # The form: computed from the lines being edited
                self.assertEqual(
                    unsaved.on_change_with_warehouse_required(), required)
                unsaved.save()
                sales.append(unsaved)

            # The lists: read from the stored lines
            self.assertEqual(
                [r['warehouse_required'] for r in Sale.read(
                        [s.id for s in sales], ['warehouse_required'])],
                [required for _, required in cases])

