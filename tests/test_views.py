# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The list views of the AME modules render in the web client: sao builds a
list column from the widget of each field (its type by default) and stops
with "ColumnFactory is not a constructor" on a widget it has no column for,
e.g. a date-time field without widget="date" or "time": sao 8.0's lists
have no date-time column."""
import re

from lxml import etree

from ametest import AME_MODULES, ROOT
from trytond.modules.ame_base.tests.tools import PRODUCT_MODULES
from trytond.pool import Pool
from trytond.tests.test_tryton import (
    TestCase, activate_module, drop_db, with_transaction)

SAO = ROOT / 'var' / 'sao' / 'package' / 'dist' / 'tryton-sao.js'


def sao_list_widgets():
    "The widgets sao has a list column for"
    source = SAO.read_text()
    block = re.search(
        r'Sao\.View\.TreeXMLViewParser\.WIDGETS = \{(.*?)\};', source, re.S)
    widgets = set()
    for name, column in re.findall(
            r"'([a-z0-9_]+)':\s*(Sao\.View\.Tree\.\w+)", block.group(1)):
        # A column class that sao does not define is no column at all
        if re.search(rf'{re.escape(column)}\s*=\s*Sao\.class_', source):
            widgets.add(name)
    return widgets


class ViewTestCase(TestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        drop_db()
        activate_module(PRODUCT_MODULES)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        drop_db()

    def test_sao_widgets_found(self):
        widgets = sao_list_widgets()
        self.assertIn('many2one', widgets)
        self.assertNotIn('datetime', widgets)

    @with_transaction()
    def test_list_columns(self):
        "Every column of the AME list views has a sao list widget"
        pool = Pool()
        View = pool.get('ir.ui.view')
        widgets = sao_list_widgets()
        offenders = []
        for view in View.search([
                    ('module', 'in', AME_MODULES),
                    ('type', '=', 'tree'),
                    ]):
            model = view.model or view.inherit.model
            Model = pool.get(model)
            result = Model.fields_view_get(
                view_id=(view.inherit or view).id, view_type='tree')
            for node in etree.fromstring(result['arch']).iter('field'):
                field = result['fields'].get(node.get('name'))
                if not field:
                    continue
                widget = node.get('widget') or field['type']
                if widget not in widgets:
                    offenders.append(
                        f"{view.module}.{view.name}: {node.get('name')} "
                        f"({widget})")
        self.assertFalse(offenders, "\n".join(offenders))
