# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Selection templates built with the Pool models inside a transaction (a
unit test's, or a scenario's through ame_base.tests.tools.build)."""
import datetime as dt
from decimal import Decimal

from trytond.modules.ame_base.tests.tools import PRODUCT_MODULES
from trytond.pool import Pool

# The unit tests and scenarios run on the whole product's module set
MODULE_EXTRAS = PRODUCT_MODULES


def import_families(*families):
    "Import the families (exchange dicts) as the templates; return them"
    Template = Pool().get('ame.selection.template')
    return Template.import_families(list(families))


def create_family_products(*families):
    """The products of the families (exchange dicts), coded as the
    families, in an accounting category without taxes, shipped 28 days
    after the order, as an administrator prepares them before the
    import"""
    pool = Pool()
    Category = pool.get('product.category')
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')
    unit, = Uom.search([('symbol', '=', 'u')])
    accounting, = Category.create([{'name': "仪表销售", 'accounting': True}])
    templates = Template.create([{
                'name': data['name'], 'code': data['code'],
                'type': 'goods', 'salable': True,
                'list_price': Decimal(data['base_price']),
                'default_uom': unit.id, 'sale_uom': unit.id,
                'account_category': accounting.id,
                'lead_time': dt.timedelta(days=28),
                'products': [('create', [{}])],
                } for data in families])
    return [t.products[0] for t in templates]
