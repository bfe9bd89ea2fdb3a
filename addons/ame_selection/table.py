# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""选型表: the tables of ready models of a family (the models a maker keeps
in its catalogue or in stock), one row per model: its code, its
parameters as typed columns, its price, stock and lead time.

Sales find a model by the customer's requirement: the list's context
(ame.selection.table.context, the 选型条件 above the list) narrows it to
the rows that measure the whole range asked ("measures 0–2.5 MPa": the
row's range starts at or below 0 and ends at or above 2.5, after
converting kPa, bar ... into MPa), whose accuracy is at most the one
asked, whose material and output contain the text asked and whose price
is at most the one asked; the list's search bar searches every column
(numbers with >=, <=). The list is sorted by price. 加入报价单 adds the
chosen rows to a draft quotation at their price, to which the customer's
discounts apply (ame_price_strategy); a row whose model code the family's
template reads opens in the configurator (选型工具).

The XLSX of a table (导入选型表, Row.import_xlsx): the first sheet of the
workbook, whose first non-empty row is the header, with these labels in
any order (only 型号 and 价格 are required; a full-width bracket is read
as a bracket):

* 型号: the model code, a text (a whole number is read as its digits when
  the cell shows them as they are, general or 0 format; any other number
  is refused: format the column as text, the file cannot tell 0123 from
  123);
* 说明: the description;
* 量程下限, 量程上限: the range the model measures, numbers (lower not
  above upper);
* 单位: the unit of the range (MPa, kPa, bar, ℃, m³/h, mm ...; m3/h and °C
  are read as m³/h and ℃);
* 精度(%): the accuracy in %, a number (0.075), or a cell formatted as a
  percentage (0.075 %);
* 材质, 输出: the wetted material and the output signal, texts;
* 价格: the price in the family's currency, at most 4 decimals;
* 库存: the quantity in stock;
* 加工期(天): the lead time in days, a whole number.

An import is all or nothing: every error is located by its row and column
("第 12 行 价格：“abc” 不是数字"), and nothing is written while one
remains. Replacing a family's table deletes its rows, but archives those
that quotation lines refer to: the lines keep them as their source."""
import datetime as dt
import io
import math
import zipfile
from decimal import Decimal, InvalidOperation

import openpyxl
from sql import Literal
from sql.aggregate import Count
from sql.conditionals import Coalesce
from sql.functions import Lower
from sql.operators import Equal

from trytond import backend
from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, Exclude, Index, ModelSQL, ModelView, fields)
from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.ame_base.model import (
    CHAR_SIZE, MAX_QUANTITY, MAX_UNIT_PRICE, InputBoundsMixin, shorten)
from trytond.modules.product import price_digits
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval, PYSONEncoder
from trytond.tools import grouped_slice
from trytond.transaction import Transaction, check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .template import MAX_LEAD_DAYS

# The columns of the XLSX: (label, field, kind)
COLUMNS = [
    ('型号', 'model_code', 'code'),
    ('说明', 'description', 'text'),
    ('量程下限', 'range_min', 'number'),
    ('量程上限', 'range_max', 'number'),
    ('单位', 'range_unit', 'unit'),
    ('精度(%)', 'accuracy', 'percent'),
    ('材质', 'material', 'text'),
    ('输出', 'output', 'text'),
    ('价格', 'price', 'price'),
    ('库存', 'stock', 'quantity'),
    ('加工期(天)', 'lead_days', 'days'),
    ]
REQUIRED_COLUMNS = {'model_code', 'price'}
COLUMN_ORDER = {label: i for i, (label, _, _) in enumerate(COLUMNS)}
MAX_FILE_SIZE = 30 * 1024 * 1024
MAX_UNPACKED_SIZE = 300 * 1024 * 1024
MAX_ROWS = 100_000
# The errors an import lists before it counts the others
MAX_ERRORS = 50
# The number formats that show a whole number as its digits
PLAIN_FORMATS = {'General', '0', '@'}
# Excel shows whole numbers of more digits in the scientific notation
MAX_PLAIN_INTEGER = 10 ** 11

# The units of the ranges: symbol -> (quantity, factor to its first unit).
# A requirement in one of them matches the rows in the others of the same
# quantity; other units match themselves only.
UNITS = {
    'Pa': ('pressure', 1),
    'kPa': ('pressure', 1e3),
    'MPa': ('pressure', 1e6),
    'mbar': ('pressure', 1e2),
    'bar': ('pressure', 1e5),
    'm³/h': ('flow', 1),
    'm³/min': ('flow', 60),
    'L/h': ('flow', 1e-3),
    'L/min': ('flow', 0.06),
    'mm': ('length', 1e-3),
    'cm': ('length', 1e-2),
    'm': ('length', 1),
    '℃': ('temperature', 1),
    }
UNIT_ALIASES = {
    'm3/h': 'm³/h', 'm3/min': 'm³/min', '°C': '℃', 'degC': '℃',
    'l/h': 'L/h', 'l/min': 'L/min',
    }
# A unit typed in another case is the known one: instrument ranges have no
# milli-pascals to tell from mega-pascals
_UNIT_KEYS = {k.lower(): v for k, v in {
        **{u: u for u in UNITS}, **UNIT_ALIASES}.items()}
# The ids of a clause "in"
IN_MAX = 1000
# Two bounds this close are equal: the conversions are in floats
EPSILON = 1e-9


def canonical_unit(text):
    "The unit as the table stores it: a known one in its usual writing"
    if not text:
        return text
    text = text.strip()
    return _UNIT_KEYS.get(text.lower(), text)


def unit_conversions(unit):
    """The units that a value in unit compares with, and the factor that
    converts it into each: {unit: factor}"""
    unit = canonical_unit(unit)
    if unit not in UNITS:
        return {unit: 1}
    quantity, factor = UNITS[unit]
    return {other: factor / other_factor
        for other, (other_quantity, other_factor) in UNITS.items()
        if other_quantity == quantity}


def like_pattern(text):
    "A text to find inside a column with ilike: its wildcards escaped"
    text = text.replace('\\', '\\\\').replace('%', '\\%').replace('_', '\\_')
    return f'%{text}%'


def read_requirement(context):
    """The values of the requirement in the context, typed: the client
    sends those of the context model, a call may send anything"""
    def number(name, type_=float):
        value = context.get(name)
        if value is None or value == '':
            return None
        try:
            if isinstance(value, bool):
                raise ValueError
            value = type_(str(value) if type_ is Decimal else value)
            if not math.isfinite(value):
                raise ValueError
        except (ValueError, TypeError, ArithmeticError):
            raise ValidationError(gettext(
                    'ame_selection.msg_table_requirement_invalid',
                    name=name, value=shorten(value)))
        return value

    def text(name):
        value = context.get(name)
        if value is not None and not isinstance(value, str):
            raise ValidationError(gettext(
                    'ame_selection.msg_table_requirement_invalid',
                    name=name, value=shorten(value)))
        return value.strip() if value else None
    return {
        'family': number('family', int),
        'measure_from': number('measure_from'),
        'measure_to': number('measure_to'),
        'unit': text('unit'),
        'max_accuracy': number('max_accuracy'),
        'material': text('material'),
        'output': text('output'),
        'max_price': number('max_price', Decimal),
        }


class Row(DeactivableMixin, InputBoundsMixin, ModelSQL, ModelView):
    __name__ = 'ame.selection.table.row'
    __string__ = "Selection Table Row"
    _rec_name = 'model_code'
    _number_bounds = {
        'price': (0, MAX_UNIT_PRICE),
        'accuracy': (0, 100),
        'stock': (0, MAX_QUANTITY),
        'lead_days': (0, MAX_LEAD_DAYS),
        }

    template = fields.Many2One(
        'ame.selection.template', "Family", required=True,
        ondelete='CASCADE',
        help="The selection template of the family the model belongs to.")
    model_code = fields.Char(
        "Model Code", required=True, strip=True,
        help="Unique in the family's table, whatever the case.")
    description = fields.Char("Description")
    range_min = fields.Float(
        "Range From", help="The lowest value the model measures.")
    range_max = fields.Float(
        "Range To", help="The highest value the model measures.")
    range_unit = fields.Char(
        "Unit", help="The unit of the range: MPa, kPa, ℃, m³/h ...")
    accuracy = fields.Float(
        "Accuracy (%)", help="The accuracy in % of the span (0.075).")
    material = fields.Char("Material")
    output = fields.Char("Output")
    price = fields.Numeric(
        "Price", digits=price_digits, required=True,
        help="The price of the model in the family's currency, before the "
        "customer's discounts.")
    currency = fields.Function(fields.Many2One(
            'currency.currency', "Currency"), 'get_currency')
    stock = fields.Float(
        "Stock", help="The quantity in stock that the table gives.")
    lead_days = fields.Integer(
        "Lead Days", help="The days to make the model, added to the "
        "shipping date of the quotation lines.")
    configurable = fields.Function(fields.Boolean(
            "Configurable",
            help="The family's template in force reads the model code: "
            "the configurator opens it."),
        'get_configurable')
    meets_requirement = fields.Function(fields.Boolean(
            "Meets the Requirement",
            help="The row meets the requirement of the context (the "
            "selection table's conditions)."),
        'get_meets_requirement', searcher='search_meets_requirement')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        active = t.active == Literal(True)
        # The database keeps the codes unique where it can (PostgreSQL);
        # elsewhere validate checks them (Tryton's own check of such a
        # constraint nests one clause per row created)
        if backend.name == 'postgresql':
            cls._sql_constraints += [
                ('model_code_unique', Exclude(t,
                        (t.template, Equal), (Lower(t.model_code), Equal),
                        where=active),
                    'ame_selection.msg_table_code_unique'),
                ]
        # The list: one family's rows narrowed by ranges, sorted by price;
        # archived rows are history only
        cls._sql_indexes.update({
                Index(t, (t.template, Index.Range()),
                    (t.range_min, Index.Range()),
                    (t.range_max, Index.Range()), where=active),
                Index(t, (t.template, Index.Range()),
                    (t.price, Index.Range()), where=active),
                Index(t, (t.price, Index.Range()), where=active),
                Index(t, (t.accuracy, Index.Range()), where=active),
                })
        cls._order = [
            ('price', 'ASC'), ('model_code', 'ASC'), ('id', 'ASC')]
        cls._buttons.update({
                'quote': {
                    'invisible': ~Eval('active', True),
                    'depends': ['active'],
                    'icon': 'tryton-add',
                    },
                'open_configurator': {
                    'invisible': ~Eval('configurable'),
                    'depends': ['configurable'],
                    'icon': 'tryton-launch',
                    },
                })

    @classmethod
    def get_currency(cls, rows, name):
        return {r.id: r.template.currency.id for r in rows}

    @classmethod
    def get_configurable(cls, rows, name):
        pool = Pool()
        Template = pool.get('ame.selection.template')
        versions = Template.effective_versions(
            {r.template.id for r in rows})
        result = {}
        for row in rows:
            version = versions.get(row.template.id)
            result[row.id] = bool(
                version and version.family.parse(row.model_code)['valid'])
        return result

    @classmethod
    def validate(cls, rows):
        super().validate(rows)
        if backend.name != 'postgresql':
            cls.check_unique_codes(rows)

    @classmethod
    def check_unique_codes(cls, rows):
        "Refuse an active row whose code another has in the family"
        row, other = cls.__table__(), cls.__table__()
        cursor = Transaction().connection.cursor()
        for sub_ids in grouped_slice([r.id for r in rows], IN_MAX):
            cursor.execute(*row.join(other, condition=(
                        (row.template == other.template)
                        & (Lower(row.model_code) == Lower(other.model_code))
                        & (row.id != other.id)
                        & (other.active == Literal(True)))
                    ).select(row.id, limit=1,
                    where=row.id.in_(list(sub_ids))
                    & (row.active == Literal(True))))
            if cursor.fetchone():
                raise ValidationError(gettext(
                        'ame_selection.msg_table_code_unique'))

    @classmethod
    def validate_fields(cls, rows, field_names):
        super().validate_fields(rows, field_names)
        if field_names & {'range_min', 'range_max'}:
            for row in rows:
                row.check_range()

    def check_range(self):
        if (self.range_min is not None and self.range_max is not None
                and self.range_min > self.range_max):
            raise ValidationError(gettext(
                    'ame_selection.msg_table_row_range_order',
                    row=self.rec_name))

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if values.get('range_unit'):
            values['range_unit'] = canonical_unit(values['range_unit'])
        return values

    # The requirement of the context

    @classmethod
    def requirement_domain(cls, context=None):
        """The domain of the rows that meet the requirement of the context
        (the fields of ame.selection.table.context); [] without one"""
        if context is None:
            context = Transaction().context
        requirement = read_requirement(context)
        domain = []
        if requirement['family'] is not None:
            domain.append(('template', '=', requirement['family']))
        domain.extend(cls.range_domain(requirement['measure_from'],
                requirement['measure_to'], requirement['unit']))
        if requirement['max_accuracy'] is not None:
            domain.append(('accuracy', '<=', requirement['max_accuracy']))
        for name in ['material', 'output']:
            if requirement[name]:
                domain.append(
                    (name, 'ilike', like_pattern(requirement[name])))
        if requirement['max_price'] is not None:
            domain.append(('price', '<=', requirement['max_price']))
        return domain

    @classmethod
    def range_domain(cls, measure_from, measure_to, unit):
        """The rows whose range covers measure_from to measure_to (one of
        them alone: that value) in unit, or in the units it converts to"""
        values = [v for v in [measure_from, measure_to] if v is not None]
        if not values:
            return []
        low, high = min(values), max(values)
        if not unit:
            return [('range_min', '<=', low), ('range_max', '>=', high)]
        clauses = []
        for other, factor in unit_conversions(unit).items():
            margin = EPSILON * max(abs(low), abs(high), 1) * factor
            clauses.append([
                    ('range_unit', '=', other),
                    ('range_min', '<=', low * factor + margin),
                    ('range_max', '>=', high * factor - margin),
                    ])
        return [['OR', *clauses]] if len(clauses) > 1 else clauses

    @classmethod
    def get_meets_requirement(cls, rows, name):
        domain = cls.requirement_domain()
        ids = {r.id for r in rows}
        if domain:
            ids = set()
            for sub_ids in grouped_slice([r.id for r in rows], IN_MAX):
                ids.update(map(int, cls.search(
                            [('id', 'in', list(sub_ids)), domain], order=[])))
        return {r.id: r.id in ids for r in rows}

    @classmethod
    def search_meets_requirement(cls, name, clause):
        _, operator, value = clause[:3]
        domain = cls.requirement_domain()
        if (operator == '=') == bool(value):
            return domain
        if not domain:
            return [('id', '=', None)]
        return [('id', 'not in', cls.search(domain, order=[], query=True))]

    # The XLSX

    @classmethod
    def import_xlsx(cls, template, data, replace=True):
        """Import the rows of the XLSX (bytes) into the table of the family
        of template: with replace, the file is the whole table (the other
        rows are deleted, or archived when a quotation line refers to
        them); without, the rows of the file's codes are updated and the
        others added. All or nothing: raise ValidationError listing each
        located error. Return the counts created, updated, deleted,
        archived."""
        rows = read_xlsx(data)
        existing = cls.search([('template', '=', template.id)], order=[])
        counts = dict.fromkeys(
            ['created', 'updated', 'deleted', 'archived'], 0)
        to_write, to_create = [], []
        if replace:
            counts.update(cls.remove(existing))
            to_create = [dict(v, template=template.id) for v in rows]
        else:
            by_code = {r['model_code'].lower(): r['id'] for r in cls.read(
                    [r.id for r in existing], ['model_code'])}
            for values in rows:
                id_ = by_code.get(values['model_code'].lower())
                if id_ is not None:
                    to_write.extend([[cls(id_)], values])
                else:
                    to_create.append(dict(values, template=template.id))
        if to_write:
            cls.write(*to_write)
            counts['updated'] = len(to_write) // 2
        cls.create_in_batches(to_create)
        counts['created'] = len(to_create)
        return counts

    @classmethod
    def create_in_batches(cls, vlist):
        "Create the rows of the values, many at a time; return them"
        # Tryton checks the batch's records in a time that grows with the
        # square of their number (the ids they share): not too many
        size = 500
        rows = []
        for start in range(0, len(vlist), size):
            rows.extend(cls.create(vlist[start:start + size]))
        return rows

    @classmethod
    def remove(cls, rows):
        """Delete the rows, but archive those that quotation lines refer
        to (the lines keep their source); return the counts"""
        pool = Pool()
        Line = pool.get('sale.line')
        line = Line.__table__()
        cursor = Transaction().connection.cursor()
        # In SQL: the rules of the sales must not hide a line
        referred = set()
        for sub_ids in grouped_slice([r.id for r in rows], IN_MAX):
            cursor.execute(*line.select(line.selection_table_row,
                    where=line.selection_table_row.in_(list(sub_ids)),
                    group_by=[line.selection_table_row]))
            referred.update(i for i, in cursor)
        archived = [r for r in rows if r.id in referred]
        deleted = [r for r in rows if r.id not in referred]
        if archived:
            cls.write(archived, {'active': False})
        if deleted:
            cls.delete(deleted)
        return {'deleted': len(deleted), 'archived': len(archived)}

    def parameters(self):
        "The parameters of the row in a line: range, accuracy, material..."
        parts = []
        if self.range_min is not None or self.range_max is not None:
            parts.append(' '.join(filter(None, [
                            _show(self.range_min), '~',
                            _show(self.range_max), self.range_unit])))
        if self.accuracy is not None:
            parts.append(f'±{_show(self.accuracy)} %')
        parts.extend(filter(None, [self.material, self.output]))
        return ', '.join(parts)

    def quote_description(self, spec=None):
        """The description of a quotation line of the row: its code,
        description and parameters, and the specification of its
        configuration"""
        return '\n'.join(filter(None, [
                    self.model_code, self.description, self.parameters(),
                    spec]))

    # The buttons

    @classmethod
    @ModelView.button_action('ame_selection.wizard_table_quote')
    def quote(cls, rows):
        pass

    @classmethod
    @ModelView.button_action('ame_selection.wizard_configurator')
    def open_configurator(cls, rows):
        "The configurator opened on the row's model code"
        if rows:
            row = rows[0]
            context = {
                'selection_model_code': row.model_code,
                'selection_table_row': row.id,
                }
            return {'pyson_context': PYSONEncoder().encode(context)}


# Reading the XLSX

class _Reader:
    "Reads the cells of the rows, collecting their located errors"

    def __init__(self):
        self.errors = []

    def error(self, row, column, message, **params):
        "A located error: the row's number and the label of the column"
        text = gettext(f'ame_selection.msg_table_{message}', **params)
        if row is not None:
            text = gettext('ame_selection.msg_table_cell',
                row=row, column=column, error=text)
        self.errors.append((row, COLUMN_ORDER.get(column, 0), text))

    def value(self, kind, cell, row, label):
        "The value of the cell for the column's kind, or None (an error)"
        value = cell.value if cell is not None else None
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == '':
            return None
        return getattr(self, f'_{kind}')(value, cell, row, label)

    def _text(self, value, cell, row, label):
        if isinstance(value, bool) or isinstance(value, dt.date):
            return str(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = str(value)
        if len(value) > CHAR_SIZE:
            self.error(row, label, 'text_too_long', size=CHAR_SIZE)
            return None
        return value

    def _code(self, value, cell, row, label):
        if isinstance(value, str):
            return self._text(value, cell, row, label)
        # A number is the code only when the cell shows its digits as
        # they are: 0123 typed in a number cell is 123 in the file
        if (not isinstance(value, bool) and isinstance(value, (int, float))
                and float(value).is_integer()
                and abs(value) < MAX_PLAIN_INTEGER
                and cell.number_format in PLAIN_FORMATS):
            return str(int(value))
        self.error(row, label, 'numeric_code', value=str(value))
        return None

    def _unit(self, value, cell, row, label):
        value = self._text(value, cell, row, label)
        return canonical_unit(value) if value else value

    def _decimal(self, value, row, label):
        "A number cell or a text of a number as a finite Decimal, or None"
        if isinstance(value, bool):
            number = None
        elif isinstance(value, float):
            number = Decimal(repr(value))
        elif isinstance(value, int):
            number = Decimal(value)
        elif isinstance(value, str):
            try:
                number = Decimal(value.replace(' ', ''))
            except InvalidOperation:
                number = None
        else:
            number = None
        if number is None or not number.is_finite():
            self.error(row, label, 'not_number', value=str(value))
            return None
        return number

    def _bounded(self, number, minimum, maximum, row, label, value):
        if number is not None and not (minimum <= number <= maximum):
            self.error(row, label, 'out_of_bounds', value=str(value),
                minimum=f'{minimum:,}', maximum=f'{maximum:,}')
            return None
        return number

    def _number(self, value, cell, row, label):
        number = self._decimal(value, row, label)
        return float(number) if number is not None else None

    def _percent(self, value, cell, row, label):
        number = self._decimal(value, row, label)
        if number is None:
            return None
        # A cell formatted as a percentage holds the fraction
        if (not isinstance(value, str)
                and '%' in (cell.number_format or '')):
            number *= 100
        number = self._bounded(number, 0, 100, row, label, value)
        return float(number) if number is not None else None

    def _price(self, value, cell, row, label):
        number = self._decimal(value, row, label)
        number = self._bounded(number, 0, MAX_UNIT_PRICE, row, label, value)
        if number is None:
            return None
        digits = price_digits[1]
        if number != round(number, digits):
            self.error(row, label, 'price_digits', value=str(value),
                digits=digits)
            return None
        return number

    def _quantity(self, value, cell, row, label):
        number = self._decimal(value, row, label)
        number = self._bounded(number, 0, MAX_QUANTITY, row, label, value)
        return float(number) if number is not None else None

    def _days(self, value, cell, row, label):
        number = self._decimal(value, row, label)
        if number is None:
            return None
        if number != number.to_integral_value():
            self.error(row, label, 'not_whole', value=str(value))
            return None
        number = self._bounded(number, 0, MAX_LEAD_DAYS, row, label, value)
        return int(number) if number is not None else None


def _label_key(label):
    "A header label as people type it (spaces, full-width brackets)"
    return ''.join(str(label).split()).replace('（', '(').replace('）', ')')


def _open_sheet(data, reader):
    "The first sheet of the XLSX data, or None (an error)"
    if not isinstance(data, (bytes, bytearray, memoryview)):
        reader.error(None, None, 'unreadable')
        return None
    data = bytes(data)
    if len(data) > MAX_FILE_SIZE:
        reader.error(None, None, 'too_large',
            size=MAX_FILE_SIZE // (1024 * 1024))
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(i.file_size for i in archive.infolist())
        if unpacked > MAX_UNPACKED_SIZE:
            reader.error(None, None, 'too_large',
                size=MAX_FILE_SIZE // (1024 * 1024))
            return None
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception:
        # Not a zip, not a workbook, a damaged one: openpyxl raises many
        reader.error(None, None, 'unreadable')
        return None
    # Some programs write a wrong dimension, which read-only mode trusts
    sheet.reset_dimensions()
    return sheet


def _header(cells, number, reader):
    "The columns of the header row: [(index, label, field, kind)]"
    known = {_label_key(label): (label, field, kind)
        for label, field, kind in COLUMNS}
    columns, seen = [], set()
    for index, cell in enumerate(cells):
        value = cell.value if cell is not None else None
        if value is None or str(value).strip() == '':
            continue
        found = known.get(_label_key(value))
        if found is None:
            reader.error(number, str(value), 'unknown_column',
                labels='、'.join(label for label, _, _ in COLUMNS))
            continue
        label, field, kind = found
        if field in seen:
            reader.error(number, label, 'duplicate_column')
            continue
        seen.add(field)
        columns.append((index, label, field, kind))
    for label, field, _ in COLUMNS:
        if field in REQUIRED_COLUMNS and field not in seen:
            reader.error(None, None, 'missing_column', label=label)
    return columns


def read_xlsx(data):
    """The values of the rows of the XLSX (dicts of the row's fields, every
    column present); raise ValidationError listing each located error"""
    reader = _Reader()
    sheet = _open_sheet(data, reader)
    rows = []
    if sheet is not None:
        rows = _read_rows(sheet, reader)
    if reader.errors:
        raise ValidationError(gettext(
                'ame_selection.msg_table_import_invalid',
                errors=_error_text(reader.errors)))
    return rows


def _read_rows(sheet, reader):
    columns, rows, first = None, [], {}
    fields_ = [field for _, field, _ in COLUMNS]
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if not any(c.value is not None and str(c.value).strip() != ''
                for c in cells if c is not None):
            continue
        if columns is None:
            columns = _header(cells, number, reader)
            if reader.errors:
                return []
            continue
        if len(rows) >= MAX_ROWS:
            reader.error(None, None, 'too_many_rows', rows=f'{MAX_ROWS:,}')
            return []
        values = dict.fromkeys(fields_)
        for index, label, field, kind in columns:
            cell = cells[index] if index < len(cells) else None
            values[field] = reader.value(kind, cell, number, label)
            if (values[field] is None and field in REQUIRED_COLUMNS
                    and not _has_value(cell)):
                reader.error(number, label, 'required')
        _check_row(values, number, first, reader)
        rows.append(values)
    if columns is None:
        reader.error(None, None, 'no_header')
    elif not rows and not reader.errors:
        reader.error(None, None, 'empty')
    return rows


def _has_value(cell):
    return cell is not None and cell.value not in {None, ''} and (
        not isinstance(cell.value, str) or cell.value.strip() != '')


def _check_row(values, number, first, reader):
    "The checks between the cells of a row, and of its code with others"
    low, high = values['range_min'], values['range_max']
    if low is not None and high is not None and low > high:
        reader.error(number, '量程下限', 'range_order',
            minimum=_show(low), maximum=_show(high))
    code = values['model_code']
    if code:
        other = first.setdefault(code.lower(), number)
        if other != number:
            reader.error(number, '型号', 'duplicate_code', code=code,
                other=other)


def _show(number):
    "A number as people write it: 2.5, 0.075, 3000"
    return f'{number:g}' if number is not None else ''


def _error_text(errors):
    "The errors by row, the first MAX_ERRORS of them"
    # By row, then column; the errors of the file or sheet after them
    lines = [text for *_, text in sorted(errors, key=lambda e: (
                e[0] is None, e[0] or 0, e[1]))]
    if len(lines) > MAX_ERRORS:
        more = len(lines) - MAX_ERRORS
        lines = lines[:MAX_ERRORS] + [gettext(
                'ame_selection.msg_table_more_errors', count=f'{more:,}')]
    return '\n'.join(lines)


# The requirement above the list

class TableContext(ModelView):
    __name__ = 'ame.selection.table.context'
    __string__ = "Selection Table Requirement"

    family = fields.Many2One(
        'ame.selection.template', "Family",
        help="Only the rows of this family; empty: all the tables.")
    measure_from = fields.Float(
        "Measures From",
        help="The model's range must start at or below this value.")
    measure_to = fields.Float(
        "Measures To",
        help="The model's range must end at or above this value.")
    unit = fields.Char(
        "Unit",
        states={
            'required': (Eval('measure_from', None) != None)  # noqa: E711
            | (Eval('measure_to', None) != None),  # noqa: E711
            },
        help="The unit of the values measured (MPa, kPa, ℃, m³/h ...): "
        "the rows in another unit of the same quantity are converted "
        "(2.5 MPa finds 0–2500 kPa).")
    max_accuracy = fields.Float(
        "Accuracy at Most (%)",
        help="The model's accuracy must be this value or better (0.1).")
    material = fields.Char(
        "Material", help="A text the model's material contains (316L).")
    output = fields.Char(
        "Output", help="A text the model's output contains (HART).")
    max_price = fields.Numeric(
        "Price at Most", digits=price_digits,
        help="In the family's currency.")

    @classmethod
    def default_family(cls):
        return Transaction().context.get('family')

    @classmethod
    def default_measure_from(cls):
        return Transaction().context.get('measure_from')

    @classmethod
    def default_measure_to(cls):
        return Transaction().context.get('measure_to')

    @classmethod
    def default_unit(cls):
        return Transaction().context.get('unit')

    @classmethod
    def default_max_accuracy(cls):
        return Transaction().context.get('max_accuracy')

    @classmethod
    def default_material(cls):
        return Transaction().context.get('material')

    @classmethod
    def default_output(cls):
        return Transaction().context.get('output')

    @classmethod
    def default_max_price(cls):
        return Transaction().context.get('max_price')

    @fields.depends('family', 'unit')
    def on_change_family(self):
        # The unit of most of the family's rows, to compare in
        if self.family and not self.unit:
            self.unit = family_unit(self.family)


def family_unit(template):
    "The unit of the ranges of most of the family's rows, or None"
    pool = Pool()
    Row = pool.get('ame.selection.table.row')
    row = Row.__table__()
    cursor = Transaction().connection.cursor()
    cursor.execute(*row.select(row.range_unit,
            where=(row.template == template.id)
            & (row.active == Literal(True))
            & (Coalesce(row.range_unit, '') != ''),
            group_by=[row.range_unit],
            order_by=[Count(row.id).desc, row.range_unit.asc],
            limit=1))
    found = cursor.fetchone()
    return found[0] if found else None


# 导入选型表

class ImportStart(ModelView):
    __name__ = 'ame.selection.table.import.start'
    __string__ = "Import Selection Table"

    template = fields.Many2One(
        'ame.selection.template', "Family", required=True)
    file = fields.Binary("File", filename='filename', required=True,
        help="An XLSX workbook whose first sheet is the table under its "
        "header row: 型号, 说明, 量程下限, 量程上限, 单位, 精度(%), 材质, "
        "输出, 价格, 库存, 加工期(天).")
    filename = fields.Char("File Name")
    replace = fields.Boolean(
        "Replace the Table",
        help="The file is the family's whole table: the rows it does not "
        "have are removed (archived when a quotation refers to them). "
        "Otherwise its rows update those of the same model code and the "
        "others are added.")

    @staticmethod
    def default_replace():
        return True


class ImportDone(ModelView):
    __name__ = 'ame.selection.table.import.done'
    __string__ = "Selection Table Imported"

    summary = fields.Text("Summary", readonly=True)


class Import(Wizard):
    __name__ = 'ame.selection.table.import'
    start = StateView('ame.selection.table.import.start',
        'ame_selection.table_import_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Import", 'import_', 'tryton-ok', default=True),
            ])
    import_ = StateTransition()
    done = StateView('ame.selection.table.import.done',
        'ame_selection.table_import_done_view_form', [
            Button("Close", 'end', 'tryton-close', default=True),
            ])

    def default_start(self, fields):
        context = Transaction().context
        if context.get('active_model') == 'ame.selection.template':
            return {'template': context.get('active_id')}
        if context.get('family'):
            return {'template': context['family']}
        return {}

    def transition_import_(self):
        pool = Pool()
        ModelAccess = pool.get('ir.model.access')
        Row = pool.get('ame.selection.table.row')
        Template = pool.get('ame.selection.template')
        template = self.start.template
        # The wizard runs without access checks: the user must be one who
        # keeps the tables, and see the family
        with check_access():
            for mode in ['create', 'write', 'delete']:
                ModelAccess.check(Row.__name__, mode)
            if not Template.search([('id', '=', template.id)]):
                raise AccessError(gettext(
                        'ame_selection.msg_table_template_access'))
        counts = Row.import_xlsx(
            template, self.start.file, replace=self.start.replace)
        self.done.summary = gettext('ame_selection.msg_table_imported',
            family=template.rec_name, **counts)
        return 'done'

    def default_done(self, fields):
        return {'summary': self.done.summary}


# 加入报价单

class QuoteStart(ModelView):
    __name__ = 'ame.selection.table.quote.start'
    __string__ = "Add Selection Table Rows to a Quotation"

    sale = fields.Many2One(
        'sale.sale', "Quotation", required=True,
        domain=[('state', '=', 'draft')],
        help="The draft quotation the models are added to.")
    quantity = fields.Float(
        "Quantity", required=True, domain=[('quantity', '>', 0)],
        help="The quantity of each model chosen.")

    @staticmethod
    def default_quantity():
        return 1

    @classmethod
    def default_sale(cls):
        context = Transaction().context
        if context.get('active_model') == 'sale.sale':
            return context.get('active_id')
        return context.get('sale')


class Quote(Wizard):
    __name__ = 'ame.selection.table.quote'
    start = StateView('ame.selection.table.quote.start',
        'ame_selection.table_quote_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Add to Quotation", 'add', 'tryton-ok', default=True),
            ])
    add = StateTransition()

    def transition_add(self):
        pool = Pool()
        Line = pool.get('sale.line')
        ModelAccess = pool.get('ir.model.access')
        Row = pool.get('ame.selection.table.row')
        sale = self.start.sale
        ids = [r.id for r in self.records]
        # The wizard runs without access checks: the rows must be ones the
        # user sees, the quotation one he may add lines to
        with check_access():
            ModelAccess.check('sale.line', 'create')
            rows = Row.search([
                    ('id', 'in', ids), ('active', 'in', [True, False]),
                    ], order=[])
            if len(rows) != len(set(ids)):
                raise AccessError(gettext(
                        'ame_selection.msg_table_quote_access'))
        sale.check_lines_addable()
        for row in Row.browse(ids):
            if not row.active:
                raise ValidationError(gettext(
                        'ame_selection.msg_table_quote_archived',
                        row=row.rec_name))
        for row in Row.browse(ids):
            Line.add_table_row(sale, row, self.start.quantity)
        return 'end'


class SaleLine(metaclass=PoolMeta):
    __name__ = 'sale.line'

    selection_table_row = fields.Many2One(
        'ame.selection.table.row', "Selection Table Row", readonly=True,
        ondelete='RESTRICT',
        states={'invisible': ~Eval('selection_table_row')},
        help="The row of the selection table that the line quotes: its "
        "price is the list price of the line.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._guarded_create_fields = (
            tuple(cls._guarded_create_fields) + ('selection_table_row',))

    @classmethod
    def add_table_row(cls, sale, row, quantity=1):
        """Add to the draft sale a line of the row's model at the row's
        price (the list price the customer's discounts apply to); a code
        that the family's template in force reads makes a configured line
        (sale.py). Return the line."""
        pool = Pool()
        Template = pool.get('ame.selection.template')
        template = row.template
        version = Template.effective_versions([template.id])[template.id]
        result = version.family.parse(row.model_code) if version else None
        if result and result['valid']:
            line = cls.add_configured(sale, version, result['selections'],
                result['extras'], quantity=quantity)
            spec = result['spec']
        else:
            line = cls(sale=sale, type='line', quantity=quantity)
            line.on_change_sale()
            line.product = template.product
            spec = None
        line.selection_table_row = row
        line.on_change_product()
        line.description = row.quote_description(spec)
        line.save()
        return line

    @fields.depends('selection_table_row', 'company', 'sale',
        '_parent_sale.sale_date')
    def get_list_price(self):
        list_price = super().get_list_price()
        row = self.selection_table_row
        if row and row.price is not None:
            list_price = row.price
            company_currency = self.company.currency if self.company else None
            if company_currency and row.currency != company_currency:
                pool = Pool()
                Currency = pool.get('currency.currency')
                Date = pool.get('ir.date')
                date = (self.sale.sale_date if self.sale else None
                    ) or Date.today()
                with Transaction().set_context(date=date):
                    list_price = Currency.compute(
                        row.currency, list_price, company_currency,
                        round=False)
        return list_price

    @property
    @fields.depends('selection_table_row', 'selection_lead_days')
    def planned_shipping_date(self):
        date = super().planned_shipping_date
        row = self.selection_table_row
        if date and row:
            # The table's lead time is that of the whole model: it replaces
            # the days the options of a configured line add
            date += dt.timedelta(
                days=(row.lead_days or 0) - (self.selection_lead_days or 0))
        return date
