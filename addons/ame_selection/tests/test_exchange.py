# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The exchange of selection templates (exchange.py) without Tryton: JSON
and XLSX round trips, the layout engineers edit, located import errors."""
import io
import json
import unittest

import openpyxl

from trytond.modules.ame_selection import exchange
from trytond.modules.ame_selection.tests import families
# The engine exchange uses (the same module when loaded from its file)
engine = exchange.engine


def workbook(data):
    "The openpyxl workbook of XLSX bytes"
    return openpyxl.load_workbook(io.BytesIO(data))


def save(book):
    "The bytes of an openpyxl workbook (as an engineer saves it)"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def find_row(sheet, first, column=0):
    "The row number of the first row whose cell in column is first"
    for row in sheet.iter_rows():
        if row[column].value == first:
            return row[0].row
    raise LookupError(first)


class JsonTest(unittest.TestCase):

    def test_round_trip_byte_identical(self):
        "export, import, export: the same bytes; import(export(x)) == x"
        data = families.all_families()
        text = exchange.dump_json(data)
        self.assertTrue(text.endswith('}\n'))
        self.assertIn("差压变送器", text)
        self.assertIn('\n  "families": [\n    {\n      "code"', text)
        loaded = exchange.load_json(text)
        self.assertEqual(loaded, data)
        self.assertEqual(exchange.dump_json(loaded), text)
        self.assertEqual(exchange.load_json(text.encode('utf-8')), data)

    def test_key_order(self):
        "The keys in the format's order, whatever the input's"
        data = families.thermocouple()
        shuffled = dict(reversed(list(data.items())))
        shuffled['positions'] = [dict(reversed(list(p.items())))
            for p in data['positions']]
        text = exchange.dump_json([shuffled])
        self.assertEqual(text, exchange.dump_json([data]))
        family = json.loads(text)['families'][0]
        self.assertEqual(list(family), ['code', 'name', 'name_en',
                'base_code', 'base_price', 'currency', 'positions',
                'extra_options', 'rules'])
        self.assertEqual(list(family['rules'][0]),
            ['id', 'kind', 'if', 'then', 'message'])

    def test_family_objects(self):
        compiled = engine.Family.from_dict(families.thermocouple())
        self.assertEqual(exchange.dump_json([compiled]),
            exchange.dump_json([families.thermocouple()]))

    def test_text_code(self):
        "An option code 02 stays the text 02"
        data = families.thermocouple()
        data['positions'][4]['options'][0]['code'] = '02'
        loaded = exchange.load_json(exchange.dump_json([data]))
        self.assertEqual(loaded[0]['positions'][4]['options'][0]['code'],
            '02')

    def test_bad_json(self):
        with self.assertRaises(engine.FormatError) as context:
            exchange.load_json('{"families": [}')
        error, = context.exception.errors
        self.assertEqual(error['key'], 'format_json')
        self.assertEqual(error['params']['line'], 1)
        for text, key in [('[]', 'format_mapping'), ('{}', 'format_missing'),
                ('{"families": 3}', 'format_list')]:
            with self.assertRaises(engine.FormatError) as context:
                exchange.load_json(text)
            self.assertEqual(
                [e['key'] for e in context.exception.errors], [key])

    def test_all_or_nothing(self):
        "Every located error of every family; nothing returned"
        good, bad = families.all_families()
        bad['positions'][0]['options'][1]['price'] = 1.5
        bad['rules'][0]['id'] = ''
        other = families.thermocouple()
        other['code'] = 'WR-OTHER'
        del other['positions'][2]['name']
        text = json.dumps({'families': [good, bad, other]})
        with self.assertRaises(engine.FormatError) as context:
            exchange.load_json(text)
        found = [(e['family'], e['position'], e['option'], e['rule'],
                e['key']) for e in context.exception.errors]
        self.assertEqual(found, [
                ('WR-TC', 'graduation', 'E', None, 'format_price'),
                ('WR-TC', None, None, '#1', 'format_empty'),
                ('WR-OTHER', 'fixing', None, None, 'format_missing'),
                ])
        self.assertTrue(all(e['sheet'] is None
                for e in context.exception.errors))

    def test_check_errors(self):
        "The template's semantic errors fail the import, located"
        data = families.thermocouple()
        data['rules'][0]['then']['options'] = ['XX']
        data['positions'][5]['options'][1]['code'] = '300'
        second = families.thermocouple()
        text = exchange.dump_json([data, second])
        with self.assertRaises(engine.FormatError) as context:
            exchange.load_json(text)
        found = [(e['family'], e['position'], e['option'], e['rule'],
                e['key']) for e in context.exception.errors]
        self.assertEqual(found, [
                ('WR-TC', 'length', '300', None, 'duplicate_option'),
                ('WR-TC', 'material', 'XX', 'T1', 'rule_unknown_option'),
                ('WR-TC', None, None, None, 'duplicate_family'),
                ])
        # Structure only, when asked
        self.assertEqual(len(exchange.load_json(
                    exchange.dump_json([data]), check=False)), 1)

    def test_ambiguous_import(self):
        data = families.thermocouple()
        # Elements not chosen and the single element print the same
        data['positions'][1]['required'] = False
        with self.assertRaises(engine.FormatError) as context:
            exchange.load_json(exchange.dump_json([data]))
        error, = context.exception.errors
        self.assertEqual(error['key'], 'ambiguous_format')
        self.assertEqual(error['family'], 'WR-TC')

    def test_dump_refuses_bad_structure(self):
        data = families.thermocouple()
        data['base_price'] = 3.5
        with self.assertRaises(engine.FormatError):
            exchange.dump_json([data])


class XlsxTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.data = families.all_families()
        cls.xlsx = exchange.dump_xlsx(cls.data)

    def errors(self, data, **kwargs):
        with self.assertRaises(engine.FormatError) as context:
            exchange.load_xlsx(data, **kwargs)
        return context.exception.errors

    def test_round_trip(self):
        "dump then load gives the same dicts as the JSON import"
        loaded = exchange.load_xlsx(self.xlsx)
        self.assertEqual(loaded, self.data)
        self.assertEqual(loaded,
            exchange.load_json(exchange.dump_json(self.data)))
        # Again (the bytes differ by the workbook's creation time)
        self.assertEqual(
            exchange.load_xlsx(exchange.dump_xlsx(loaded)), self.data)

    def test_layout(self):
        "The sheets, labels, header and extras row engineers keep"
        book = workbook(self.xlsx)
        self.assertEqual(book.sheetnames, ['AM3051DP', 'AM3051DP 规则',
                'WR-TC', 'WR-TC 规则'])
        sheet = book['WR-TC']
        self.assertEqual([sheet.cell(r, 1).value for r in range(1, 7)],
            ['代码', '名称', '英文名称', '基础代码', '基础价格', '币种'])
        self.assertEqual(sheet['B1'].value, 'WR-TC')
        self.assertEqual(sheet['B5'].value, '280.00')
        header = [c.value for c in sheet[8]]
        self.assertEqual(header[:10], ['位置代码', '位置名称', '必选', '前缀',
                '选项代码', '选项名称', '英文名称', '规格说明', '加价',
                '加工期(天)'])
        elements = find_row(sheet, 'elements')
        # The single element: an option row with an empty code
        self.assertEqual([c.value for c in sheet[elements]][:6],
            ['elements', "支数", '是', None, None, "单支"])
        self.assertEqual([c.value for c in sheet[elements + 1]][:6],
            [None, None, None, None, '2', "双支"])
        material = find_row(sheet, 'material')
        self.assertEqual(sheet.cell(material, 3).value, '否')
        self.assertEqual(sheet.cell(material, 4).value, '-')
        extras = find_row(sheet, 'extras')
        self.assertEqual(sheet.cell(extras, 2).value, "附加选项")
        self.assertEqual(sheet.cell(extras, 5).value, 'F')
        self.assertEqual(sheet.cell(extras, 11).value, '/')
        rules = book['WR-TC 规则']
        self.assertEqual([c.value for c in rules[1]], ['编号', '类型',
                '如果位置', '如果选项', '则位置', '则选项', '提示'])
        self.assertEqual([c.value for c in rules[2]][:5],
            ['T1', '需要', 'graduation', 'P R', 'material'])
        # The empty code in a rule's list
        self.assertEqual(rules['F4'].value, '""')

    def test_codes_as_text(self):
        "02 is written as the text 02 and read back as 02"
        data = families.thermocouple()
        data['positions'][4]['options'][0]['code'] = '02'
        xlsx = exchange.dump_xlsx([data])
        sheet = workbook(xlsx)['WR-TC']
        row = find_row(sheet, 'diameter')
        self.assertEqual(sheet.cell(row, 5).value, '02')
        self.assertEqual(sheet.cell(row, 5).data_type, 's')
        loaded = exchange.load_xlsx(xlsx)
        self.assertEqual(loaded[0]['positions'][4]['options'][0]['code'],
            '02')

    def test_numeric_code_refused(self):
        "A code typed as a number: an error asking for a text column"
        book = workbook(self.xlsx)
        sheet = book['WR-TC']
        row = find_row(sheet, 'diameter')
        sheet.cell(row, 5).value = 2
        book['WR-TC 规则']['D3'].value = 5
        errors = self.errors(save(book))
        found = [(e['sheet'], e['row'], e['column'], e['key'])
            for e in errors]
        self.assertEqual(found, [
                ('WR-TC', row, '选项代码', 'xlsx_numeric_code'),
                ('WR-TC 规则', 3, '如果选项', 'xlsx_numeric_code'),
                ])
        self.assertIn("format the column 选项代码 as text",
            errors[0]['message'])

    def test_edited_by_hand(self):
        "Chinese kinds, commas, yes/no texts, numeric prices, new rows"
        book = workbook(self.xlsx)
        sheet = book['WR-TC']
        material = find_row(sheet, 'material')
        sheet.cell(material, 3).value = 'N'
        # A price typed as a number, a lead time typed as a text
        sheet.cell(material + 1, 9).value = 45.5
        sheet.cell(material + 1, 10).value = '4'
        sheet.insert_rows(material + 4)
        for column, value in [(5, 'INC'), (6, "因科镍 600"), (9, 500)]:
            sheet.cell(material + 4, column).value = value
        rules = book['WR-TC 规则']
        rules.append(['T5', 'excludes', 'material', 'INC，GH3030',
                'graduation', 'P, R', "贵金属不配金属保护管"])
        rules['B3'].value = '排斥'
        loaded = exchange.load_xlsx(save(book))
        material = loaded[1]['positions'][6]
        self.assertFalse(material['required'])
        self.assertEqual(material['options'][1]['price'], '45.5')
        self.assertEqual(material['options'][1]['lead_days'], 4)
        self.assertEqual(material['options'][-1], {'code': 'INC',
                'name': "因科镍 600", 'name_en': '', 'spec': '',
                'price': '500', 'lead_days': 0})
        rule = loaded[1]['rules'][-1]
        self.assertEqual(rule['kind'], 'excludes')
        self.assertEqual(rule['if']['options'], ['INC', 'GH3030'])
        self.assertEqual(rule['then']['options'], ['P', 'R'])

    def test_located_errors(self):
        "Every error with its sheet, row and place; nothing returned"
        book = workbook(self.xlsx)
        sheet = book['WR-TC']
        sheet['B5'].value = 'abc'
        fixing = find_row(sheet, 'fixing')
        sheet.cell(fixing, 3).value = '也许'
        box = find_row(sheet, 'box')
        sheet.cell(box + 2, 9).value = 'cheap'
        # A row that continues a position fills no position column
        sheet.cell(box + 1, 3).value = '是'
        rules = book['WR-TC 规则']
        rules['A3'].value = None
        rules['F4'].value = '"unclosed'
        errors = self.errors(save(book))
        found = [(e['sheet'], e['row'], e['key']) for e in errors]
        self.assertEqual(found, [
                ('WR-TC', fixing, 'xlsx_boolean'),
                ('WR-TC', box + 1, 'xlsx_missing_position_code'),
                ('WR-TC 规则', 4, 'xlsx_quote'),
                ('WR-TC', 5, 'format_price'),
                ('WR-TC', box + 2, 'format_price'),
                ('WR-TC 规则', 3, 'format_empty'),
                ])
        self.assertEqual(errors[4]['family'], 'WR-TC')
        self.assertEqual(errors[4]['position'], 'box')
        self.assertIn("WR-TC / 5 / WR-TC: base_price",
            str(engine.FormatError(errors)))

    def test_check_errors_located(self):
        "A rule naming an unknown option: its row on the rules sheet"
        book = workbook(self.xlsx)
        book['AM3051DP 规则']['F5'].value = '9'
        errors = self.errors(save(book))
        self.assertEqual([(e['sheet'], e['row'], e['rule'], e['key'])
                for e in errors],
            [('AM3051DP 规则', 5, 'R4', 'rule_unknown_option')])

    def test_sheet_and_header_errors(self):
        book = workbook(self.xlsx)
        book['WR-TC']['B1'].value = 'WR-TC2'
        book['WR-TC']['A3'].value = '颜色'
        book['WR-TC'].cell(8, 9).value = '价格'
        book.create_sheet('NOPE 规则')
        errors = self.errors(save(book))
        self.assertEqual([(e['sheet'], e['key']) for e in errors], [
                ('WR-TC', 'xlsx_unknown_label'),
                ('WR-TC', 'xlsx_sheet_code'),
                ('WR-TC', 'xlsx_unknown_column'),
                ('WR-TC', 'xlsx_missing_column'),
                ('NOPE 规则', 'xlsx_rules_without_family'),
                ])

    def test_not_a_workbook(self):
        for data in [b'', b'not a zip', exchange.dump_json(
                    self.data).encode()]:
            error, = self.errors(data)
            self.assertEqual(error['key'], 'xlsx_unreadable')
        book = openpyxl.Workbook()
        book.active.title = 'Notes 规则'
        errors = self.errors(save(book))
        self.assertEqual([e['key'] for e in errors],
            ['xlsx_rules_without_family'])
        # A sheet that is no family's: its errors, not a silent skip
        errors = self.errors(save(openpyxl.Workbook()))
        self.assertEqual([(e['sheet'], e['key']) for e in errors],
            [('Sheet', 'xlsx_missing_header')] + [('Sheet', 'format_missing')]
            * 4)

    def test_no_extras_no_rules(self):
        "A family without extras nor rules: no extras row, no rules sheet"
        data = families.thermocouple()
        del data['extra_options']
        data['rules'] = []
        xlsx = exchange.dump_xlsx([data])
        book = workbook(xlsx)
        self.assertEqual(book.sheetnames, ['WR-TC'])
        with self.assertRaises(LookupError):
            find_row(book['WR-TC'], 'extras')
        loaded, = exchange.load_xlsx(xlsx)
        self.assertEqual(loaded, engine.Family.from_dict(data).to_dict())

    def test_codes_that_need_quotes(self):
        data = families.thermocouple()
        data['positions'][6]['options'][0]['code'] = '3 04'
        data['rules'][0]['then']['options'] = ['3 04', 'CR']
        xlsx = exchange.dump_xlsx([data])
        self.assertEqual(workbook(xlsx)['WR-TC 规则']['F2'].value,
            '"3 04" CR')
        loaded, = exchange.load_xlsx(xlsx)
        self.assertEqual(loaded['rules'][0]['then']['options'],
            ['3 04', 'CR'])

    def test_dump_refusals(self):
        "What the layout cannot hold is refused, located"
        data = families.thermocouple()
        data['code'] = 'WR/TC'
        data['rules'].append({'id': 'X', 'kind': 'range', 'min': 1})
        data['rules'][0]['if']['options'] = ['P"']
        with self.assertRaises(engine.FormatError) as context:
            exchange.dump_xlsx([data])
        self.assertEqual([e['key'] for e in context.exception.errors], [
                'xlsx_sheet_name', 'xlsx_code_not_writable',
                'xlsx_rule_not_writable'])


if __name__ == '__main__':
    unittest.main()
