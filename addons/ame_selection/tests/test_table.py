# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""选型表 (table.py): the XLSX import (all or nothing, each error located),
the requirement that narrows the list, the order by price, quoting a row
at its price with the customer's discounts, opening it in the
configurator, and who may do what."""
import datetime as dt
import io
from contextlib import contextmanager
from decimal import Decimal

import openpyxl

from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_crm.tests.tools import (
    create_customer, create_sales_team)
from trytond.modules.ame_permission.tests.tools import as_user, create_user
from trytond.modules.ame_price_strategy.tests.tools import (
    create_catalogue, create_quotation, create_strategy)
from trytond.modules.ame_selection import table
from trytond.modules.ame_selection.demo import table as demo_table
from trytond.modules.ame_selection.tests.families import (
    differential_pressure, thermocouple)
from trytond.modules.ame_selection.tests.tools import (
    MODULE_EXTRAS, import_families)
from trytond.modules.company.tests import create_company, set_company
from trytond.modules.currency.tests import add_currency_rate, create_currency
from trytond.pool import Pool
from trytond.pyson import PYSONDecoder
from trytond.tests.test_tryton import with_transaction

D = Decimal
HEADER = ['型号', '说明', '量程下限', '量程上限', '单位', '精度(%)', '材质',
    '输出', '价格', '库存', '加工期(天)']
# The table of the AM3051 family: four codes its template reads (range 3:
# ±250 kPa, 4: ±2.07 MPa, 5: ±13.8 MPa; diaphragm 2: 316L, 3: C-276),
# one special model it does not
TRANSMITTERS = [
    ['AM3051CD3A21A1', "差压变送器 0~250 kPa", 0, 250, 'kPa', 0.075,
        "316L 不锈钢", "4~20 mA + HART", 4800, 5, 7],
    ['AM3051CD4A21A1', "差压变送器 0~2 MPa", 0, 2, 'MPa', 0.075,
        "316L 不锈钢", "4~20 mA + HART", 5200, 2, 10],
    ['AM3051CD5A21A1', "差压变送器 0~10 MPa", 0, 10, 'MPa', 0.1,
        "316L 不锈钢", "4~20 mA + HART", 5600, 0, 12],
    ['AM3051CD5A31A1', "差压变送器 0~3000 kPa 哈氏合金", 0, 3000, 'kpa', 0.2,
        "哈氏合金 C-276", "4~20 mA + HART", 7000, 1, 20],
    ['AM3051-SP01', "高精度差压变送器（非标）", 0, 4, 'MPa', 0.04,
        "316L 不锈钢", "RS485 Modbus", 9800, 0, 30],
    ]
THERMOCOUPLES = [
    ['WRN-230-500', "K 分度热电偶", 0, 1000, '°C', 0.75, "304", "mV", 360,
        20, 3],
    ]


def xlsx(rows, header=HEADER, formats=None):
    """The bytes of an XLSX whose first sheet has the header and rows, as
    a spreadsheet program saves it; formats: {(row, column): format} of
    the data rows (1-based, the header is row 1)"""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "选型表"
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    for (row, column), number_format in (formats or {}).items():
        sheet.cell(row=row, column=column).number_format = number_format
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


class TableTestCase(AmeTestCase):
    "The selection tables"
    module = 'ame_selection'
    extras = MODULE_EXTRAS

    @contextmanager
    def world(self):
        """A company in yuan, its sales team (chen and wang, reps; li, the
        sales manager), 周工 who keeps the selection tables, the two
        families (the transmitter's product made in 14 days) and a
        customer of chen"""
        pool = Pool()
        ProductTemplate = pool.get('product.template')
        cny = create_currency('CNY')
        add_currency_rate(cny, 1)
        company = create_company("示例仪表有限公司", currency=cny)
        with set_company(company):
            for name, value in create_sales_team(company).items():
                setattr(self, name, value)
            self.zhou, self.zhou_user = create_user(
                company, 'zhou', None, ['role_application_engineer'],
                name="周工")
            spindle = create_catalogue()['spindle']
            self.transmitter, self.thermocouple = import_families(
                differential_pressure(), thermocouple())
            ProductTemplate.write([self.transmitter.product.template], {
                    'lead_time': dt.timedelta(days=14),
                    # Without taxes, as the catalogue's products
                    'account_category':
                    spindle.template.account_category.id,
                    })
            self.customer = create_customer(
                "苏州精密机械有限公司", owner=self.chen)
            self.company = company
            yield company

    def import_tables(self):
        "Both tables; return the rows by model code"
        Row = Pool().get('ame.selection.table.row')
        Row.import_xlsx(self.transmitter, xlsx(TRANSMITTERS))
        Row.import_xlsx(self.thermocouple, xlsx(THERMOCOUPLES))
        return {r.model_code: r for r in Row.search([])}

    def run_wizard(self, name, user, records, data, state, **context):
        "Run the wizard as user through its RPC calls (no access checks)"
        Wizard = Pool().get(name, type='wizard')
        if records:
            context.update(active_model=records[0].__name__,
                active_id=records[0].id,
                active_ids=[r.id for r in records])
        with as_user(user, check_access=False, **context):
            session_id, _, _ = Wizard.create()
            return Wizard.execute(session_id, data, state)

    @with_transaction()
    def test_import(self):
        """The rows of the sheet with their typed values: units in their
        usual writing, a percentage cell as %, a whole number code"""
        Row = Pool().get('ame.selection.table.row')
        with self.world():
            rows = THERMOCOUPLES + [
                # A cell formatted as a percentage holds the fraction
                ['WRN-230-1000', "K 分度热电偶", '0', '1200', 'degC', 0.0075,
                    "310S", "mV", '420.50', '', ''],
                # A code typed as a number, shown as its digits
                [3051, "旧型号", None, None, None, None, None, None, 100, 1,
                    0],
                ]
            counts = Row.import_xlsx(self.thermocouple, xlsx(
                    rows, formats={(3, 6): '0.00%'}))
            self.assertEqual(counts, {'created': 3, 'updated': 0,
                    'deleted': 0, 'archived': 0})
            rows = {r.model_code: r for r in Row.search([])}
            self.assertEqual(list(rows), ['3051', 'WRN-230-500',
                    'WRN-230-1000'])
            row = rows['WRN-230-1000']
            self.assertEqual(
                (row.template, row.description, row.range_min,
                    row.range_max, row.range_unit, row.accuracy,
                    row.material, row.output, row.price, row.stock,
                    row.lead_days, row.currency.code),
                (self.thermocouple, "K 分度热电偶", 0, 1200, '℃', 0.75,
                    "310S", "mV", D('420.50'), None, None, 'CNY'))
            self.assertEqual(rows['WRN-230-500'].range_unit, '℃')
            self.assertEqual(
                (rows['3051'].range_min, rows['3051'].price),
                (None, D(100)))

    @with_transaction()
    def test_import_errors(self):
        """A file with errors: each located by its row and column, nothing
        written, the table as it was"""
        Row = Pool().get('ame.selection.table.row')
        with self.world():
            rows = self.import_tables()
            before = {c: (r.price, r.active) for c, r in rows.items()}
            data = [list(r) for r in TRANSMITTERS * 2]
            # Rows 7 to 11 repeat rows 2 to 6: new codes for them
            for i, row in enumerate(data[5:]):
                row[0] = f'AM3051-X{i}'
            data[3][0] = 'am3051cd4a21a1'          # row 5: row 3's code
            data += [
                ['AM3051-X10', "", 0, 1, 'MPa', 0.1, "", "", 'abc', 1, 1],
                ['AM3051-X11', "", 5, 1, 'MPa', 0.1, "", "", 100, 1, 2.5],
                [0.5, "", 0, 1, 'MPa', 'one', "", "", 100, -1, 1],
                [1234, "", 0, 1, 'MPa', 0.1, "", "", '12.34567', 1, 1],
                [None, "无型号", 0, 1, 'MPa', 0.1, "", "", None, 1, 1],
                ]
            with self.assertRaises(ValidationError) as context, \
                    rolled_back():
                Row.import_xlsx(self.transmitter, xlsx(
                        data, formats={(15, 1): '0000'}))
            message = context.exception.message
            self.assertTrue(message.startswith("Nothing was imported:\n"))
            self.assertEqual(message.splitlines()[1:], [
                    'Row 5, 型号: "am3051cd4a21a1" is already on row 3',
                    'Row 12, 价格: "abc" is not a number',
                    'Row 13, 量程下限: the range starts at 5, above its '
                    'end 1',
                    'Row 13, 加工期(天): "2.5" is not a whole number',
                    'Row 14, 型号: the number 0.5 may not be the model '
                    'code as typed: format the column as text',
                    'Row 14, 精度(%): "one" is not a number',
                    'Row 14, 库存: "-1" is not between 0 and '
                    '1,000,000,000',
                    'Row 15, 型号: the number 1234 may not be the model '
                    'code as typed: format the column as text',
                    'Row 15, 价格: "12.34567" has more than 4 decimals',
                    'Row 16, 型号: a value is required',
                    'Row 16, 价格: a value is required',
                    ])
            self.assertEqual(
                {r.model_code: (r.price, r.active) for r in Row.search(
                        [('active', 'in', [True, False])])},
                before)

    @with_transaction()
    def test_import_file_errors(self):
        "A header the table does not know, a missing column, not a file"
        Row = Pool().get('ame.selection.table.row')
        with self.world():
            for data, errors in [
                    (xlsx([['AM3051-X', 1]], header=['型号', '价钱']), [
                            'Row 1, 价钱: not a column of a selection '
                            'table (型号、说明、量程下限、量程上限、单位、'
                            '精度(%)、材质、输出、价格、库存、加工期(天))',
                            'The header row has no column 价格.']),
                    (xlsx([], header=['型号', '价格']),
                        ["The sheet has no rows under its header row."]),
                    (b'PK\x03\x04 not a workbook',
                        ["The file is not an XLSX workbook that can be "
                            "read."]),
                    ]:
                with self.assertRaises(ValidationError) as context:
                    Row.import_xlsx(self.transmitter, data)
                self.assertEqual(
                    context.exception.message.splitlines()[1:], errors)
            # Full-width brackets and spaces are the same label
            Row.import_xlsx(self.transmitter, xlsx(
                    [['AM3051-X', 100, 3]],
                    header=['型 号', '价格', '加工期（天）']))
            row, = Row.search([])
            self.assertEqual((row.model_code, row.lead_days), ('AM3051-X', 3))

    @with_transaction()
    def test_replace_and_merge(self):
        """Replacing a table deletes the old rows but archives the one a
        quotation refers to; merging updates the same codes and adds"""
        pool = Pool()
        Row = pool.get('ame.selection.table.row')
        Line = pool.get('sale.line')
        with self.world():
            rows = self.import_tables()
            sale = create_quotation(self.company, self.customer, self.chen,
                [])
            line = Line.add_table_row(sale, rows['AM3051CD4A21A1'])
            counts = Row.import_xlsx(self.transmitter, xlsx(
                    [TRANSMITTERS[1][:8] + [5300, 2, 10]]))
            self.assertEqual(counts, {'created': 1, 'updated': 0,
                    'deleted': 4, 'archived': 1})
            row, = Row.search([('template', '=', self.transmitter.id)])
            self.assertEqual((row.model_code, row.price),
                ('AM3051CD4A21A1', D(5300)))
            line = Line(line.id)
            self.assertEqual(line.selection_table_row,
                rows['AM3051CD4A21A1'])
            self.assertFalse(line.selection_table_row.active)

            counts = Row.import_xlsx(self.transmitter, xlsx(
                    [['am3051cd4a21a1', "差压变送器", 0, 2, 'MPa', 0.075,
                            "316L", "HART", 5250, 3, 10],
                        TRANSMITTERS[0]]), replace=False)
            self.assertEqual(counts, {'created': 1, 'updated': 1,
                    'deleted': 0, 'archived': 0})
            self.assertEqual(
                [(r.model_code, r.price) for r in Row.search(
                        [('template', '=', self.transmitter.id)])],
                [('AM3051CD3A21A1', D(4800)), ('am3051cd4a21a1', D(5250))])

    @with_transaction()
    def test_requirement(self):
        """The requirement above the list narrows it: the range measured
        in its unit (kPa rows converted), the accuracy, the material, the
        output, the price, the family; sorted by price"""
        Row = Pool().get('ame.selection.table.row')
        with self.world():
            self.import_tables()

            def codes(**requirement):
                with as_user(self.chen_user, **requirement):
                    return [r.model_code for r in Row.search(
                            [('meets_requirement', '=', True)])]
            transmitter = self.transmitter.id
            self.assertEqual(codes(), ['WRN-230-500', 'AM3051CD3A21A1',
                    'AM3051CD4A21A1', 'AM3051CD5A21A1', 'AM3051CD5A31A1',
                    'AM3051-SP01'])
            # measures 0–2.5 MPa: 0–3000 kPa does, 0–2 MPa does not
            self.assertEqual(codes(family=transmitter, measure_from=0,
                    measure_to=2.5, unit='MPa'),
                ['AM3051CD5A21A1', 'AM3051CD5A31A1', 'AM3051-SP01'])
            self.assertEqual(codes(measure_from=0, measure_to=2500,
                    unit='kPa'),
                ['AM3051CD5A21A1', 'AM3051CD5A31A1', 'AM3051-SP01'])
            # one value: the range contains it
            self.assertEqual(codes(measure_to=0.25, unit='mpa'),
                ['AM3051CD3A21A1', 'AM3051CD4A21A1', 'AM3051CD5A21A1',
                    'AM3051CD5A31A1', 'AM3051-SP01'])
            self.assertEqual(codes(measure_from=900, unit='℃'),
                ['WRN-230-500'])
            self.assertEqual(codes(measure_from=0, measure_to=2.5,
                    unit='MPa', max_accuracy=0.1),
                ['AM3051CD5A21A1', 'AM3051-SP01'])
            self.assertEqual(codes(measure_from=0, measure_to=2.5,
                    unit='MPa', max_accuracy=0.1, material='316l',
                    output='hart'),
                ['AM3051CD5A21A1'])
            self.assertEqual(codes(material='C-276'), ['AM3051CD5A31A1'])
            self.assertEqual(codes(max_price=D(5000)),
                ['WRN-230-500', 'AM3051CD3A21A1'])
            # a wildcard typed is a character
            self.assertEqual(codes(material='%'), [])
            # a call may send anything: refused by name
            with self.assertRaises(ValidationError) as context:
                codes(measure_from='2,5', unit='MPa')
            self.assertEqual(context.exception.message,
                'The condition "measure_from" of the selection table is not '
                'valid: 2,5.')

            # The conditions compare in the unit of most of the family's
            # rows once the family is chosen
            Context = Pool().get('ame.selection.table.context')
            requirement = Context(family=self.transmitter, unit=None)
            requirement.on_change_family()
            self.assertEqual(requirement.unit, 'MPa')

            with as_user(self.chen_user, family=transmitter,
                    max_accuracy=0.075):
                rows = Row.search([('template', '=', transmitter)])
                self.assertEqual(
                    [(r.model_code, r.meets_requirement) for r in rows], [
                        ('AM3051CD3A21A1', True), ('AM3051CD4A21A1', True),
                        ('AM3051CD5A21A1', False), ('AM3051CD5A31A1', False),
                        ('AM3051-SP01', True)])
                self.assertEqual([r.model_code for r in Row.search(
                            [('meets_requirement', '=', False)])],
                    ['WRN-230-500', 'AM3051CD5A21A1', 'AM3051CD5A31A1'])

    @with_transaction()
    def test_code_unique(self):
        """A model code is once in a family's table whatever its case; an
        archived row or another family's does not count; a range ends
        above its start"""
        Row = Pool().get('ame.selection.table.row')
        with self.world():
            rows = self.import_tables()
            values = {'template': self.transmitter.id,
                'model_code': 'am3051cd3a21a1', 'price': D(1)}
            with self.assertRaises(ValidationError) as context, \
                    rolled_back():
                Row.create([values])
            self.assertEqual(context.exception.message,
                "The model code is already in the family's selection table.")
            Row.create([dict(values, template=self.thermocouple.id)])
            Row.write([rows['AM3051CD3A21A1']], {'active': False})
            row, = Row.create([values])
            with self.assertRaises(ValidationError) as context, \
                    rolled_back():
                Row.write([row], {'range_min': 5, 'range_max': 1})
            self.assertEqual(context.exception.message,
                'The range of "am3051cd3a21a1" starts above its end.')

    @with_transaction()
    def test_search_and_order(self):
        """The list's search bar: numbers with >= and <=; the list is
        sorted by price, and by any column asked"""
        Row = Pool().get('ame.selection.table.row')
        with self.world():
            self.import_tables()
            with as_user(self.chen_user):
                self.assertEqual([r.model_code for r in Row.search([
                                ('range_max', '>=', 2),
                                ('range_unit', '=', 'MPa'),
                                ('accuracy', '<=', 0.075),
                                ])],
                    ['AM3051CD4A21A1', 'AM3051-SP01'])
                self.assertEqual([r.price for r in Row.search(
                            [('template', '=', self.transmitter.id)])],
                    [D(4800), D(5200), D(5600), D(7000), D(9800)])
                self.assertEqual([r.model_code for r in Row.search(
                            [], order=[('lead_days', 'DESC')], limit=2)],
                    ['AM3051-SP01', 'AM3051CD5A31A1'])

    @with_transaction()
    def test_quote(self):
        """加入报价单: the row's price is the list price that the customer's
        10 % applies to; a code the template reads makes a configured
        line, the row's lead time is the line's"""
        pool = Pool()
        Sale = pool.get('sale.sale')
        with self.world():
            rows = self.import_tables()
            create_strategy(self.company, 'customer', [
                    ('all', None, 'discount', 10)],
                customer=self.customer.id)
            sale = create_quotation(self.company, self.customer, self.chen,
                [])
            quoted = [rows['AM3051CD4A21A1'], rows['AM3051-SP01']]
            self.run_wizard('ame.selection.table.quote', self.chen_user,
                quoted, {'start': {'sale': sale.id, 'quantity': 2}}, 'add')
            sale = Sale(sale.id)
            configured, special = sale.lines
            today = dt.date.today()
            self.assertEqual(
                [(ln.product, ln.quantity, ln.unit_price,
                        ln.selection_table_row, ln.shipping_date)
                    for ln in sale.lines], [
                    (self.transmitter.product, 2, D('4680.0000'),
                        quoted[0], today + dt.timedelta(days=14 + 10)),
                    (self.transmitter.product, 2, D('8820.0000'),
                        quoted[1], today + dt.timedelta(days=14 + 30)),
                    ])
            self.assertEqual(configured.price_strategy.strategy.customer,
                self.customer)
            # The configuration is stored: quoting validates it again
            self.assertEqual(
                (configured.selection_code, configured.selection_version),
                ('AM3051CD4A21A1', self.transmitter.current_version))
            self.assertIsNone(special.selection_version)
            self.assertEqual(configured.description.splitlines()[:3], [
                    'AM3051CD4A21A1', "差压变送器 0~2 MPa",
                    "0 ~ 2 MPa, ±0.075 %, 316L 不锈钢, 4~20 mA + HART"])
            self.assertEqual(special.description.splitlines(), [
                    'AM3051-SP01', "高精度差压变送器（非标）",
                    "0 ~ 4 MPa, ±0.04 %, 316L 不锈钢, RS485 Modbus"])
            # The client's on_change keeps the row's price
            special.quantity = 3
            special.on_change_quantity()
            self.assertEqual(special.unit_price, D('8820.0000'))
            Sale.quote([sale])
            self.assertEqual(Sale(sale.id).state, 'quotation')

    @with_transaction()
    def test_quote_refused(self):
        """Only on a draft quotation the rep may change, and with a row of
        the table in force; a client may not send the row of a line"""
        pool = Pool()
        Line = pool.get('sale.line')
        Row = pool.get('ame.selection.table.row')
        Sale = pool.get('sale.sale')
        with self.world():
            rows = self.import_tables()
            row = rows['AM3051CD4A21A1']
            sale = create_quotation(self.company, self.customer, self.chen,
                [])

            def quote(user, rows=(row,)):
                self.run_wizard('ame.selection.table.quote', user,
                    list(rows), {'start': {'sale': sale.id, 'quantity': 1}},
                    'add')
            # wang sees no quotation of chen's
            with self.assertRaises(AccessError), rolled_back():
                quote(self.wang_user)
            Row.write([rows['AM3051-SP01']], {'active': False})
            with self.assertRaises(ValidationError) as context, \
                    rolled_back():
                quote(self.chen_user, [rows['AM3051-SP01']])
            self.assertEqual(context.exception.message,
                'The row "AM3051-SP01" is archived: it is no longer in the '
                'selection table.')
            Sale.write([sale], {'state': 'quotation'})
            with self.assertRaises(ValidationError), rolled_back():
                quote(self.chen_user)
            self.assertEqual(Sale(sale.id).lines, ())

            draft = create_quotation(self.company, self.customer, self.chen,
                [])
            with as_user(self.chen_user), \
                    self.assertRaises(AccessError), rolled_back():
                Line.create([{'sale': draft.id, 'type': 'line',
                            'product': self.transmitter.product.id,
                            'quantity': 1, 'unit_price': D(1),
                            'selection_table_row': row.id}])

    @with_transaction()
    def test_open_configurator(self):
        """A row whose code the template in force reads opens it in the
        configurator: the action carries the code, the configurator reads
        it into its choices"""
        pool = Pool()
        Row = pool.get('ame.selection.table.row')
        Configurator = pool.get('ame.selection.configurator', type='wizard')
        with self.world():
            rows = self.import_tables()
            with as_user(self.chen_user):
                self.assertEqual(
                    {r.model_code: Row(r.id).configurable
                        for r in rows.values()},
                    {'AM3051CD3A21A1': True, 'AM3051CD4A21A1': True,
                        'AM3051CD5A21A1': True, 'AM3051CD5A31A1': True,
                        'AM3051-SP01': False, 'WRN-230-500': True})
                action = Row.open_configurator([rows['AM3051CD4A21A1']])
            self.assertEqual(action['type'], 'ir.action.wizard')
            self.assertEqual(action['wiz_name'], 'ame.selection.configurator')
            context = PYSONDecoder().decode(action['pyson_context'])
            self.assertEqual(context['selection_model_code'],
                'AM3051CD4A21A1')
            with as_user(self.chen_user, check_access=False, **context):
                session_id, _, _ = Configurator.create()
                result = Configurator.execute(session_id, {}, 'start')
            values = result['view']['defaults']
            self.assertEqual(
                (values['template'], values['model_code'], values['valid']),
                (self.transmitter.id, 'AM3051CD4A21A1', True))

    @with_transaction()
    def test_access(self):
        """The reps read the tables and quote them; only those who keep
        the templates change and import them"""
        pool = Pool()
        Row = pool.get('ame.selection.table.row')
        with self.world():
            rows = self.import_tables()
            row = rows['AM3051CD4A21A1']
            with as_user(self.chen_user):
                self.assertEqual(len(Row.search([])), 6)
                for call in [
                        lambda: Row.write([row], {'price': D(1)}),
                        lambda: Row.create([{
                                    'template': self.transmitter.id,
                                    'model_code': 'AM3051-Y',
                                    'price': D(1)}]),
                        lambda: Row.delete([row]),
                        ]:
                    with self.assertRaises(AccessError), rolled_back():
                        call()
            data = {'start': {'template': self.transmitter.id,
                    'file': xlsx(THERMOCOUPLES), 'replace': True}}
            with self.assertRaises(AccessError), rolled_back():
                self.run_wizard('ame.selection.table.import',
                    self.chen_user, [], data, 'import_')
            self.assertEqual(Row(row.id).price, D(5200))

            result = self.run_wizard('ame.selection.table.import',
                self.zhou_user, [], data, 'import_')
            self.assertEqual(result['view']['defaults']['summary'],
                f"The selection table of {self.transmitter.rec_name} is "
                "imported: 1 added, 0 updated, 5 deleted, 0 archived "
                "(quotations refer to them).")
            with as_user(self.zhou_user):
                self.assertEqual(
                    [r.model_code for r in Row.search(
                            [('template', '=', self.transmitter.id)])],
                    ['WRN-230-500'])
                Row.write(Row.search([('model_code', '=', 'WRN-230-500'),
                            ('template', '=', self.transmitter.id)]),
                    {'price': D(380)})

    @with_transaction()
    def test_demo_table(self):
        """The demo's table: 500 transmitters of distinct codes that the
        template reads, priced as it prices them"""
        pool = Pool()
        Row = pool.get('ame.selection.table.row')
        with self.world():
            rows = demo_table.generate(self.transmitter)
            self.assertEqual(len(rows), 500)
            self.assertEqual(len({r.model_code for r in rows}), 500)
            family = self.transmitter.current_version.family
            for row in Row.browse(rows):
                result = family.parse(row.model_code)
                self.assertTrue(result['valid'], row.model_code)
                self.assertEqual(result['price'], row.price)
                self.assertLessEqual(row.range_min, row.range_max)
                self.assertIn(row.range_unit, {'kPa', 'MPa'})
            # Deterministic: the same table again
            Row.write(rows, {'active': False})
            self.assertEqual(
                [r.model_code for r in demo_table.generate(
                        self.transmitter, rows=5)],
                [r.model_code for r in rows[:5]])

    def test_units(self):
        "The units compared after conversion, the others as they are"
        self.assertEqual(table.canonical_unit(' m3/h '), 'm³/h')
        self.assertEqual(table.canonical_unit('KPA'), 'kPa')
        self.assertEqual(table.canonical_unit('t/h'), 't/h')
        conversions = table.unit_conversions('MPa')
        self.assertEqual(conversions['kPa'], 1000)
        self.assertEqual(conversions['bar'], 10)
        self.assertNotIn('m³/h', conversions)
        self.assertEqual(table.unit_conversions('t/h'), {'t/h': 1})
