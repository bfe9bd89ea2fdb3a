# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The exchange of selection templates: JSON and XLSX files of families
(no Tryton).

JSON is {"families": [family dict, ...]}, each family in the format of
engine.py, written with indent 2, the Chinese as is, the keys in the
format's order and a final newline: dump, load and dump again gives the
same bytes.

The XLSX layout engineers keep (dump_xlsx writes it, load_xlsx reads it):

* one sheet per family, named by the family code (at most 28 characters,
  none of []:*?/\\), that starts with the family's fields as label/value
  rows in columns A and B: 代码 (code), 名称 (name), 英文名称 (name_en),
  基础代码 (base_code), 基础价格 (base_price), 币种 (currency);
* then, after a blank row, the header row of the positions and options,
  whose first cell is 位置代码: 位置代码, 位置名称, 必选 (是/否), 前缀,
  选项代码, 选项名称, 英文名称, 规格说明, 加价, 加工期(天), 选项前缀,
  位置英文名称 (the last two may be left out, columns in any order);
* a row with a 位置代码 starts a position, its first option on the same
  row; the following options are on rows whose position columns are
  empty. A position row without option cells is a position without
  options (so far);
* the extra options are the position whose 位置代码 is extras: its 位置名称
  is their name (附加选项), its 前缀 the text written before them, its
  选项前缀 the text written before each of them (/), its options the extra
  options. No extras row: no extra options;
* the rules are on a second sheet named "<family code> 规则" (none: no
  rules), one per row under the header 编号, 类型, 如果位置, 如果选项,
  则位置, 则选项, 提示; 类型 is 排斥 (excludes) or 需要 (requires), in
  Chinese or English; the options are separated by spaces or commas, ""
  is the empty code and a code with a space or comma is written in double
  quotes.

Codes are texts: dump_xlsx writes them as text in columns formatted as
text, so that 02 stays "02". A code cell that holds a number (or a date:
Excel reads 1-2 as a date) is an error asking to format the column as
text: load_xlsx never guesses the digits the engineer typed. Prices are
written as text to keep their exact decimals; load_xlsx reads them from
a text or a number.

An import is all or nothing: load_json and load_xlsx raise
engine.FormatError listing every located error (family, position,
option, rule; for XLSX the sheet, row and column) or return the family
dicts, normalised. With check=True (the default) the errors of
Family.check (an ambiguous code format, a rule naming an unknown option
...) are errors of the import too.
"""
import io
import json
import re
import zipfile
from decimal import Decimal

import openpyxl
import xlsxwriter

from . import engine

FormatError = engine.FormatError

MESSAGES = {
    'format_json': (
        "The file is not valid JSON: %(error)s (line %(line)s, column "
        "%(column)s)."),
    'duplicate_family': 'The family code "%(code)s" is used more than once.',
    'xlsx_unreadable': "The file is not an XLSX workbook.",
    'xlsx_too_large': "The file is too large (at most %(size)s MB).",
    'xlsx_too_many_rows': "The sheet has more than %(rows)s rows.",
    'xlsx_no_family': "The workbook has no family sheet.",
    'xlsx_numeric_code': (
        "The cell holds the number or date %(value)s, not a text: format "
        "the column %(column)s as text and type the code again."),
    'xlsx_unknown_label': 'Unknown field "%(label)s" in column A.',
    'xlsx_missing_header': (
        "The sheet has no header row starting with %(label)s."),
    'xlsx_unknown_column': 'Unknown column "%(label)s".',
    'xlsx_missing_column': "The column %(label)s is missing.",
    'xlsx_sheet_code': (
        'The sheet "%(sheet)s" holds the family "%(code)s": a family\'s '
        'sheet is named by its code.'),
    'xlsx_rules_without_family': (
        'The rules sheet "%(sheet)s" has no family sheet "%(family)s".'),
    'xlsx_option_before_position': (
        "An option comes before the first position."),
    'xlsx_missing_position_code': (
        "The row fills position columns but not %(label)s."),
    'xlsx_option_prefix': (
        "Only the extras row has a %(label)s."),
    'xlsx_boolean': '%(label)s must be 是 or 否, not "%(value)s".',
    'xlsx_quote': "The codes %(value)s have a quote that is not closed.",
    'xlsx_sheet_name': (
        'The family code "%(code)s" cannot name a sheet: at most 28 '
        'characters, none of []:*?/\\, unique without regard to case.'),
    'xlsx_rule_not_writable': (
        'Rule %(rule)s (kind %(kind)s) cannot be written to a sheet.'),
    'xlsx_code_not_writable': (
        'The code "%(code)s" of rule %(rule)s cannot be written in a list '
        '(it holds a double quote).'),
    }

# The label rows of a family sheet: label, field
FAMILY_LABELS = [
    ('代码', 'code'),
    ('名称', 'name'),
    ('英文名称', 'name_en'),
    ('基础代码', 'base_code'),
    ('基础价格', 'base_price'),
    ('币种', 'currency'),
    ]
# The columns of the positions and options: label, field, required
COLUMNS = [
    ('位置代码', 'position', True),
    ('位置名称', 'position_name', True),
    ('必选', 'required', True),
    ('前缀', 'prefix', True),
    ('选项代码', 'code', True),
    ('选项名称', 'name', True),
    ('英文名称', 'name_en', True),
    ('规格说明', 'spec', True),
    ('加价', 'price', True),
    ('加工期(天)', 'lead_days', True),
    ('选项前缀', 'option_prefix', False),
    ('位置英文名称', 'position_name_en', False),
    ]
RULE_COLUMNS = [
    ('编号', 'id'),
    ('类型', 'kind'),
    ('如果位置', 'if_position'),
    ('如果选项', 'if_options'),
    ('则位置', 'then_position'),
    ('则选项', 'then_options'),
    ('提示', 'message'),
    ]
# The cells holding codes: never a number
CODE_FIELDS = {'code', 'base_code', 'position', 'id', 'if_position',
    'if_options', 'then_position', 'then_options'}
POSITION_FIELDS = ('position', 'position_name', 'required', 'prefix',
    'option_prefix', 'position_name_en')
OPTION_FIELDS = ('code', 'name', 'name_en', 'spec', 'price', 'lead_days')
# The kinds of rules as the sheets name them (other kinds by their name)
KIND_LABELS = {'excludes': '排斥', 'requires': '需要'}
TRUE_TEXTS = {'是', 'y', 'yes', 'true', '1', '必选'}
FALSE_TEXTS = {'否', 'n', 'no', 'false', '0', '可选'}
RULES_SUFFIX = ' 规则'
# The first row of the position table (after the label rows and a blank)
HEADER_ROW = len(FAMILY_LABELS) + 2
# The bounds of a workbook: file, unpacked content, rows, columns
MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_UNPACKED_SIZE = 100 * 1024 * 1024
MAX_ROWS = 10000
MAX_COLUMNS = 30
SHEET_NAME_SIZE = 31 - len(RULES_SUFFIX)
_BAD_SHEET_CHARS = re.compile(r'[\[\]:*?/\\]')
_CODE_SEPARATORS = re.compile(r'[\s,，、]')


def default_translate(key, **params):
    "The English text of a message of the exchange or of the engine"
    return (MESSAGES.get(key) or engine.MESSAGES[key]) % params


def _error(translate, key, params=None, **location):
    "A located error of an import"
    params = params or {}
    error = {
        'sheet': None, 'row': None, 'column': None, 'family': None,
        'position': None, 'option': None, 'rule': None, 'field': None,
        }
    error.update(location)
    error.update(
        message=translate(key, **params), key=key, params=params)
    return error


def _located(error):
    "An engine error (FormatError's) with every location key"
    result = {'sheet': None, 'row': None, 'column': None, 'family': None,
        'position': None, 'option': None, 'rule': None, 'field': None}
    result.update(error)
    return result


def _families(families, translate):
    """The compiled families (Family, or dicts compiled), checked when
    asked; raise FormatError listing every error"""
    compiled, errors = [], []
    for data in families:
        if isinstance(data, engine.Family):
            compiled.append(data)
            continue
        try:
            compiled.append(engine.Family.from_dict(data, translate))
        except FormatError as error:
            errors += [_located(e) for e in error.errors]
    if errors:
        raise FormatError(errors)
    return compiled


def _check(compiled, translate, check):
    """The errors of the import: duplicated family codes and, with check,
    each family's check (located by family, position, option, rule)"""
    errors, seen = [], set()
    for family in compiled:
        if family.code in seen:
            errors.append(_error(translate, 'duplicate_family',
                    {'code': family.code}, family=family.code))
        seen.add(family.code)
        if not check:
            continue
        for error in family.check():
            errors.append(_located({
                        'family': family.code,
                        'position': error['position'],
                        'option': error['code'],
                        'rule': error['params'].get('rule'),
                        'message': error['message'],
                        'key': error['key'],
                        'params': error['params'],
                        }))
    return errors


# JSON

def load_json(text, translate=None, check=True):
    """The family dicts of a JSON text (or bytes), normalised; raise
    FormatError listing every located error"""
    translate = translate or default_translate
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode('utf-8-sig', errors='replace')
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exception:
        raise FormatError([_error(translate, 'format_json', {
                        'error': exception.msg, 'line': exception.lineno,
                        'column': exception.colno})])
    if not isinstance(data, dict):
        raise FormatError([_error(translate, 'format_mapping',
                    {'field': 'file', 'value': engine.show(data)},
                    field='file')])
    if 'families' not in data:
        raise FormatError([_error(translate, 'format_missing',
                    {'field': 'families'}, field='families')])
    families = data['families']
    errors = [_error(translate, 'format_unknown_field', {'field': str(k)},
            field=str(k)) for k in data if k != 'families']
    if not isinstance(families, list):
        raise FormatError(errors + [_error(translate, 'format_list',
                    {'field': 'families', 'value': engine.show(families)},
                    field='families')])
    compiled = []
    for item in families:
        try:
            compiled += _families([item], translate)
        except FormatError as error:
            errors += error.errors
    if not errors:
        errors = _check(compiled, translate, check)
    if errors:
        raise FormatError(errors)
    return [f.to_dict() for f in compiled]


def dump_json(families):
    """The JSON text of families (dicts or Family objects); raise
    FormatError for a family of a wrong structure"""
    compiled = _families(families, default_translate)
    return json.dumps({'families': [f.to_dict() for f in compiled]},
        indent=2, ensure_ascii=False) + '\n'


# XLSX: writing

def _quote_codes(codes, rule, translate, errors):
    "The option codes of a rule as a cell writes them"
    words = []
    for code in codes:
        if '"' in code:
            errors.append(_error(translate, 'xlsx_code_not_writable',
                    {'code': code, 'rule': rule}, rule=rule))
        elif not code or _CODE_SEPARATORS.search(code):
            words.append(f'"{code}"')
        else:
            words.append(code)
    return ' '.join(words)


def _sheet_names(compiled, translate):
    "Refuse the family codes that cannot name a sheet"
    errors, seen = [], set()
    for family in compiled:
        code = family.code
        if (len(code) > SHEET_NAME_SIZE or _BAD_SHEET_CHARS.search(code)
                or code.startswith("'") or code.endswith("'")
                or code.lower() in seen or code.endswith(RULES_SUFFIX)):
            errors.append(_error(translate, 'xlsx_sheet_name',
                    {'code': code}, family=code))
        seen.add(code.lower())
    return errors


def dump_xlsx(families):
    """The XLSX workbook (bytes) of families (dicts or Family objects) in
    the layout of this module's docstring; raise FormatError for what the
    layout cannot hold"""
    translate = default_translate
    compiled = _families(families, translate)
    errors = _sheet_names(compiled, translate)
    rules = {}
    for family in compiled:
        rules[family.code] = _rule_rows(family, translate, errors)
    if errors:
        raise FormatError(errors)
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {'in_memory': True})
    formats = {
        'bold': workbook.add_format({'bold': True}),
        'text': workbook.add_format({'num_format': '@'}),
        'header': workbook.add_format({
                'bold': True, 'bg_color': '#DDEBF7', 'border': 1}),
        }
    for family in compiled:
        _write_family(workbook, formats, family)
        if rules[family.code]:
            _write_rules(workbook, formats, family, rules[family.code])
    workbook.close()
    return output.getvalue()


def _rule_rows(family, translate, errors):
    "The rows of the rules sheet of family"
    rows = []
    for rule in family.rules:
        data = rule.to_dict()
        sides = [data.get(s) for s in ('if', 'then')]
        if (set(data) - {'id', 'kind', 'if', 'then', 'message'}
                or not all(isinstance(s, dict)
                    and set(s) == {'position', 'options'} for s in sides)):
            errors.append(_error(translate, 'xlsx_rule_not_writable',
                    {'rule': rule.id, 'kind': data.get('kind')},
                    family=family.code, rule=rule.id))
            continue
        rows.append([data['id'], KIND_LABELS.get(data['kind'],
                    data['kind']),
                sides[0]['position'],
                _quote_codes(sides[0]['options'], rule.id, translate,
                    errors),
                sides[1]['position'],
                _quote_codes(sides[1]['options'], rule.id, translate,
                    errors),
                data.get('message', '')])
    return rows


def _write_family(workbook, formats, family):
    sheet = workbook.add_worksheet(family.code)
    data = family.to_dict()
    for row, (label, field) in enumerate(FAMILY_LABELS):
        sheet.write_string(row, 0, label, formats['bold'])
        if data[field]:
            sheet.write_string(row, 1, data[field], formats['text'])
    labels = [label for label, _, _ in COLUMNS]
    fields = [field for _, field, _ in COLUMNS]
    text_columns = {'position', 'prefix', 'code', 'price', 'option_prefix'}
    for column, (label, field) in enumerate(zip(labels, fields)):
        sheet.write_string(HEADER_ROW - 1, column, label, formats['header'])
        width = 12 if field in text_columns else 18
        sheet.set_column(column, column, width,
            formats['text'] if field in text_columns else None)
    row = HEADER_ROW
    blocks = [(p.to_dict(), p.required, '') for p in family.positions]
    extras = data['extra_options']
    if extras != engine.Extras().to_dict():
        blocks.append(({
                    'code': engine.EXTRAS, 'name': extras['name'],
                    'name_en': '', 'prefix': extras['prefix'],
                    'options': extras['options'],
                    }, None, extras['option_prefix']))
    for position, required, option_prefix in blocks:
        cells = {
            'position': position['code'],
            'position_name': position['name'],
            'required': {True: '是', False: '否', None: ''}[required],
            'prefix': position['prefix'],
            'option_prefix': option_prefix,
            'position_name_en': position['name_en'],
            }
        for option in position['options'] or [{}]:
            cells.update(option)
            _write_row(sheet, row, fields, cells)
            cells = {}
            row += 1
    sheet.freeze_panes(HEADER_ROW, 0)


def _write_row(sheet, row, fields, cells):
    for column, field in enumerate(fields):
        value = cells.get(field)
        if isinstance(value, int) and not isinstance(value, bool):
            sheet.write_number(row, column, value)
        elif value:
            sheet.write_string(row, column, str(value))


def _write_rules(workbook, formats, family, rows):
    sheet = workbook.add_worksheet(family.code + RULES_SUFFIX)
    for column, (label, field) in enumerate(RULE_COLUMNS):
        sheet.write_string(0, column, label, formats['header'])
        sheet.set_column(column, column, 30 if field == 'message' else 14,
            formats['text'])
    for number, cells in enumerate(rows, start=1):
        for column, value in enumerate(cells):
            if value:
                sheet.write_string(number, column, value)
    sheet.freeze_panes(1, 0)


# XLSX: reading

class _SheetReader:
    "Reads the cells of a sheet, collecting located errors"

    def __init__(self, translate, errors, sheet):
        self.translate = translate
        self.errors = errors
        self.sheet = sheet
        self.family = None

    def error(self, key, params=None, row=None, column=None, **location):
        self.errors.append(_error(self.translate, key, params,
                sheet=self.sheet, row=row, column=column,
                family=self.family, **location))

    def text(self, value, field, label, row, strip=True):
        "A cell as text: codes never from a number (format it as text)"
        if value is None:
            return ''
        if isinstance(value, str):
            return value.strip() if strip else value
        if field in CODE_FIELDS:
            self.error('xlsx_numeric_code', {
                    'value': str(value), 'column': label},
                row=row, column=label)
            return ''
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value)


def _open_workbook(data, translate):
    "The openpyxl workbook of data; raise FormatError for a bad file"
    if len(data) > MAX_FILE_SIZE:
        raise FormatError([_error(translate, 'xlsx_too_large',
                    {'size': MAX_FILE_SIZE // (1024 * 1024)})])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(i.file_size for i in archive.infolist())
        if unpacked > MAX_UNPACKED_SIZE:
            raise FormatError([_error(translate, 'xlsx_too_large',
                        {'size': MAX_FILE_SIZE // (1024 * 1024)})])
        return openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True)
    except FormatError:
        raise
    except Exception as exception:
        # Not a zip, not a workbook, a damaged one: openpyxl raises many
        raise FormatError([_error(translate, 'xlsx_unreadable')]) \
            from exception


def _sheet_rows(sheet, reader):
    "The rows of sheet (row number, cells), without the empty ones"
    sheet.reset_dimensions()
    rows = []
    for number, cells in enumerate(sheet.iter_rows(
                max_col=MAX_COLUMNS, values_only=True), start=1):
        if number > MAX_ROWS:
            reader.error('xlsx_too_many_rows', {'rows': MAX_ROWS})
            break
        if any(c is not None and c != '' for c in cells):
            rows.append((number, cells))
    return rows


def load_xlsx(data, translate=None, check=True):
    """The family dicts of an XLSX workbook (bytes) in the layout of this
    module's docstring, normalised; raise FormatError listing every
    located error"""
    translate = translate or default_translate
    workbook = _open_workbook(data, translate)
    errors = []
    try:
        sheets = {s.title: s for s in workbook.worksheets}
        tables = {}
        for title, sheet in sheets.items():
            if title.endswith(RULES_SUFFIX):
                continue
            reader = _SheetReader(translate, errors, title)
            tables[title] = _read_family_sheet(
                reader, _sheet_rows(sheet, reader))
        for title, sheet in sheets.items():
            if not title.endswith(RULES_SUFFIX):
                continue
            family = title[:-len(RULES_SUFFIX)]
            reader = _SheetReader(translate, errors, title)
            if family not in tables:
                reader.error('xlsx_rules_without_family',
                    {'sheet': title, 'family': family})
                continue
            reader.family = tables[family][0].get('code')
            tables[family][0]['rules'], tables[family][1]['rules'] = (
                _read_rules_sheet(reader, _sheet_rows(sheet, reader)))
    finally:
        workbook.close()
    if not tables and not errors:
        errors.append(_error(translate, 'xlsx_no_family'))
    compiled = []
    for title, (family, rows) in tables.items():
        try:
            compiled += _families([family], translate)
        except FormatError as error:
            errors += [_row_of(e, title, rows) for e in error.errors]
    if not errors:
        errors = [_row_of(e, e['family'], tables[e['family']][1])
            if e['family'] in tables else e
            for e in _check(compiled, translate, check)]
    if errors:
        raise FormatError(errors)
    return [f.to_dict() for f in compiled]


def _row_of(error, title, rows):
    """Locate an error of the engine on its sheet and row: rows maps
    field, position, (position, option) and 'rules' to rows"""
    error = dict(error)
    if error.get('sheet') is not None:
        return error
    error['sheet'] = title
    if error.get('rule') is not None:
        error['sheet'] = title + RULES_SUFFIX
        error['row'] = rows['rules'].get(error['rule'])
    elif error.get('option') is not None:
        error['row'] = rows['options'].get(
            (error['position'], error['option']))
    elif error.get('position') is not None:
        error['row'] = rows['positions'].get(error['position'])
    else:
        error['row'] = rows['fields'].get(error.get('field'))
    return error


def _read_family_sheet(reader, rows):
    """The family dict of a family sheet and the rows of its parts:
    ({...}, {'fields': {field: row}, 'positions': {code: row},
    'options': {(position, option): row}, 'rules': {id: row}})"""
    family = {}
    where = {'fields': {}, 'positions': {}, 'options': {}, 'rules': {}}
    labels = {label: field for label, field in FAMILY_LABELS}
    labels.update({field: field for _, field in FAMILY_LABELS})
    header_label = COLUMNS[0][0]
    header = None
    for index, (number, cells) in enumerate(rows):
        first = cells[0].strip() if isinstance(cells[0], str) else cells[0]
        if first == header_label:
            header = index
            break
        field = labels.get(first)
        if field is None:
            reader.error('xlsx_unknown_label', {'label': str(first)},
                row=number, column='A')
            continue
        value = cells[1] if len(cells) > 1 else None
        if field == 'base_price':
            family[field] = _price(value)
        else:
            family[field] = reader.text(value, field, first, number)
        where['fields'][field] = number
    code = family.get('code')
    reader.family = code or None
    if code is not None and code != reader.sheet:
        reader.error('xlsx_sheet_code', {'sheet': reader.sheet,
                'code': code})
    if header is None:
        reader.error('xlsx_missing_header', {'label': header_label})
        family['positions'] = []
        return family, where
    columns = _header(reader, *rows[header])
    positions, extras = _read_positions(
        reader, rows[header + 1:], columns, where)
    family['positions'] = positions
    if extras is not None:
        family['extra_options'] = extras
    return family, where


def _header(reader, number, cells):
    "The columns of the header row: {index: (label, field)}"
    known = {_label_key(label): (label, field)
        for label, field, _ in COLUMNS}
    columns = {}
    for index, cell in enumerate(cells):
        if cell is None or cell == '':
            continue
        found = known.get(_label_key(str(cell)))
        if found is None:
            reader.error('xlsx_unknown_column', {'label': str(cell)},
                row=number, column=str(cell))
            continue
        columns[index] = found
    present = {field for _, field in columns.values()}
    for label, field, required in COLUMNS:
        if required and field not in present:
            reader.error('xlsx_missing_column', {'label': label},
                row=number)
    return columns


def _label_key(label):
    "A column label as engineers may type it (full-width brackets...)"
    return ''.join(label.split()).replace('（', '(').replace('）', ')')


def _price(value):
    "A price cell: a text kept as typed, a number as its decimal"
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        return str(Decimal(repr(value))) if value == value else value
    if isinstance(value, int):
        return str(value)
    return value.strip() if isinstance(value, str) else value


def _days(value):
    "A lead time cell: a whole number from a number or a text"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if value is None or value == '':
        return 0
    return value


def _read_positions(reader, rows, columns, where):
    "The positions and the extras (or None) of the table's rows"
    positions, extras, current = [], None, None
    for number, cells in rows:
        values = {}
        for index, (label, field) in columns.items():
            value = cells[index] if index < len(cells) else None
            if field == 'price':
                values[field] = _price(value)
            elif field == 'lead_days':
                values[field] = _days(value)
            elif field == 'required':
                values[field] = value
            else:
                values[field] = reader.text(value, field, label, number,
                    strip=field not in {'prefix', 'option_prefix'})
        labels = {field: label for label, field in columns.values()}
        if values.get('position'):
            current = _start_position(reader, number, values, labels)
            if current['code'] == engine.EXTRAS:
                extras = current
            else:
                positions.append(current)
            where['positions'].setdefault(current['code'], number)
        elif any(values.get(f) not in (None, '')
                for f in POSITION_FIELDS):
            reader.error('xlsx_missing_position_code',
                {'label': labels.get('position', COLUMNS[0][0])},
                row=number)
            continue
        if not any(values.get(f) not in (None, '', 0)
                for f in OPTION_FIELDS):
            continue
        if current is None:
            reader.error('xlsx_option_before_position', row=number)
            continue
        option = {f: values[f] for f in OPTION_FIELDS if f in values}
        if option.get('price') is None:
            option.pop('price', None)
        key = engine.EXTRAS if current is extras else current['code']
        current['options'].append(option)
        where['options'].setdefault((key, option.get('code') or
                f"#{len(current['options'])}"), number)
    return positions, _extras(extras)


def _start_position(reader, number, values, labels):
    "The position (or extras) dict that a position row starts"
    code = values['position']
    if code == engine.EXTRAS:
        return {
            'code': code,
            'name': values.get('position_name', ''),
            'prefix': values.get('prefix', ''),
            'option_prefix': values.get('option_prefix', ''),
            'options': [],
            }
    if values.get('option_prefix'):
        reader.error('xlsx_option_prefix',
            {'label': labels['option_prefix']}, row=number,
            column=labels['option_prefix'], position=code)
    return {
        'code': code,
        'name': values.get('position_name', ''),
        'name_en': values.get('position_name_en', ''),
        'required': _required(reader, values.get('required'), number,
            labels.get('required'), code),
        'prefix': values.get('prefix', ''),
        'options': [],
        }


def _required(reader, value, number, label, position):
    "是/否 (and the usual yes/no texts and booleans); empty: required"
    if value is None or value == '':
        return True
    if isinstance(value, bool):
        return value
    text = str(int(value) if isinstance(value, float)
        and value.is_integer() else value).strip().lower()
    if text in TRUE_TEXTS:
        return True
    if text in FALSE_TEXTS:
        return False
    reader.error('xlsx_boolean', {'label': label, 'value': str(value)},
        row=number, column=label, position=position)
    return True


def _extras(extras):
    "The extra_options dict of the extras row (None: no extras row)"
    if extras is None:
        return None
    return {
        'name': extras['name'],
        'prefix': extras['prefix'],
        'option_prefix': extras['option_prefix'],
        'options': extras['options'],
        }


def _read_rules_sheet(reader, rows):
    "The rule dicts of a rules sheet and their rows {id: row}"
    rules, where = [], {}
    if not rows:
        return rules, where
    number, cells = rows[0]
    known = {_label_key(label): (label, field)
        for label, field in RULE_COLUMNS}
    columns = {}
    for index, cell in enumerate(cells):
        if cell is None or cell == '':
            continue
        found = known.get(_label_key(str(cell)))
        if found is None:
            reader.error('xlsx_unknown_column', {'label': str(cell)},
                row=number, column=str(cell))
        else:
            columns[index] = found
    present = {field for _, field in columns.values()}
    for label, field in RULE_COLUMNS:
        if field not in present:
            reader.error('xlsx_missing_column', {'label': label},
                row=number)
    kinds = {label: kind for kind, label in KIND_LABELS.items()}
    for number, cells in rows[1:]:
        values = {}
        for index, (label, field) in columns.items():
            value = cells[index] if index < len(cells) else None
            if field in {'if_options', 'then_options'}:
                values[field] = _split_codes(reader, reader.text(
                        value, field, label, number), number, label)
            else:
                values[field] = reader.text(value, field, label, number)
        kind = values.get('kind', '')
        rule = {
            'id': values.get('id', ''),
            'kind': kinds.get(kind, kind.lower()),
            'if': {'position': values.get('if_position', ''),
                'options': values.get('if_options', [])},
            'then': {'position': values.get('then_position', ''),
                'options': values.get('then_options', [])},
            'message': values.get('message', ''),
            }
        rules.append(rule)
        where.setdefault(rule['id'] or f'#{len(rules)}', number)
        where.setdefault(f'#{len(rules)}', number)
    return rules, where


def _split_codes(reader, text, number, label):
    """The codes of a rule's cell: separated by spaces or commas, "" (or
    '') the empty code, a code with a separator in double quotes"""
    codes, index = [], 0
    while index < len(text):
        if _CODE_SEPARATORS.match(text[index]):
            index += 1
        elif text[index] == '"':
            end = text.find('"', index + 1)
            if end < 0:
                reader.error('xlsx_quote', {'value': text}, row=number,
                    column=label)
                end = len(text)
            codes.append(text[index + 1:end])
            index = end + 1
        else:
            end = index
            while end < len(text) and not _CODE_SEPARATORS.match(
                    text[end]):
                end += 1
            word = text[index:end]
            codes.append('' if word == "''" else word)
            index = end
    return codes
