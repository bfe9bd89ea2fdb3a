# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""导入客户资料: customers and contacts from an XLSX workbook.

The wizard gives a template (xlsxwriter: one header row of the translated
field labels, the required ones marked, a note row, lists to choose from)
and imports a filled one (openpyxl, read-only): every row is converted and
created with the user's access, rules and data scope, each in its own
savepoint; when any row is bad, nothing is written and the report lists
every bad row with its row number, column and reason.

A kind of import (customers, contacts, leads) is an ImportKind: its
columns (Column declarations) and how the values of its rows are created.
A new kind is a subclass registered in KINDS with its entry in
KIND_SELECTION and its message of success.
"""
import datetime as dt
import io
import itertools
import re
import unicodedata
import zipfile
from decimal import Decimal, InvalidOperation

import openpyxl
import xlsxwriter
import xlsxwriter.utility
from openpyxl.utils.datetime import from_excel

from trytond import backend
from trytond.exceptions import UserError, UserWarning
from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.modules.ame_base.model import CHAR_SIZE, TEXT_SIZE
from trytond.modules.ame_organisation.company import is_valid_credit_code
from trytond.modules.ame_permission.data_scope import (
    employees_in_scope_domain, employees_out_of_scope)
from trytond.pool import Pool
from trytond.pyson import Eval, PYSONEncoder
from trytond.transaction import (
    Transaction, check_access, without_check_access)
from trytond.wizard import Button, StateAction, StateTransition, StateView, \
    Wizard

from . import duplicate
from .party import CustomerDuplicateError

# The bounds of a file: rows of data, the file and its unpacked content
MAX_ROWS = 5000
MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_UNPACKED_SIZE = 100 * 1024 * 1024
MAX_COLUMNS = 100
# The largest amount of a row (a lead's expected amount)
MAX_AMOUNT = Decimal(10) ** 12
# Rows created at once; a batch with a bad row is created again in halves
BATCH_SIZE = 100
# The marker of a required column in the template's header
REQUIRED_MARK = '*'
# What makes a row bad when it is created: the ORM's errors and what the
# database refuses (a value too long for its column ...)
ROW_ERRORS = (UserError, UserWarning, backend.DatabaseDataError,
    backend.DatabaseIntegrityError)
_QUOTED = re.compile(r'["“「『]([^"”」』]+)["”」』]')
_CUSTOMER_NUMBER = re.compile(r'^\[([^\]]+)\]\s*(.*)$')
DATE_FORMATS = [
    '%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y%m%d', '%Y年%m月%d日']


class RowError(Exception):
    "A value of a row that cannot be imported: its column and the reason"

    def __init__(self, column, message):
        super().__init__(message)
        self.column = column
        self.message = message


def normalise(text):
    "The text as two writers of the same value may differ in it"
    text = unicodedata.normalize('NFKC', str(text))
    return re.sub(r'\s+', '', text).lower()


def cell_text(value):
    "The text of a cell as the user typed it (numbers without .0)"
    if value is None:
        return ''
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip()


class Savepoint:
    """A savepoint of the transaction: rollback() undoes what was written
    since, in the database and in the transaction's records and caches.
    Never released on SQLite's outermost level (it would commit): a
    savepoint ends with the transaction."""
    _names = itertools.count()

    def __init__(self):
        transaction = self.transaction = Transaction()
        self.name = f'ame_import_{next(self._names)}'
        self.created = {
            k: len(v) for k, v in transaction.create_records.items()}
        self.deleted = {
            k: set(v) for k, v in transaction.delete_records.items()}
        self.triggered = {
            k: set(v) for k, v in transaction.trigger_records.items()}
        self.warnings = {
            k: set(v) for k, v in transaction.check_warnings.items()}
        self.logs = len(transaction.log_records)
        self.notifications = len(transaction.user_notifications)
        self.datamanagers = len(transaction._datamanagers)
        self.tasks = len(transaction.tasks)
        self.timestamp = transaction.timestamp
        if self.timestamp is not None:
            self.timestamp = dict(self.timestamp)
        transaction.connection.cursor().execute(f'SAVEPOINT {self.name}')

    def release(self):
        self.transaction.connection.cursor().execute(
            f'RELEASE SAVEPOINT {self.name}')

    def rollback(self):
        transaction = self.transaction
        transaction.connection.cursor().execute(
            f'ROLLBACK TO SAVEPOINT {self.name}')
        for name, ids in transaction.create_records.items():
            del ids[self.created.get(name, 0):]
        for attribute, saved in [
                ('delete_records', self.deleted),
                ('trigger_records', self.triggered),
                ('check_warnings', self.warnings)]:
            records = getattr(transaction, attribute)
            records.clear()
            records.update({k: set(v) for k, v in saved.items()})
        del transaction.log_records[self.logs:]
        del transaction.user_notifications[self.notifications:]
        del transaction._datamanagers[self.datamanagers:]
        del transaction.tasks[self.tasks:]
        if self.timestamp is not None:
            transaction.timestamp.clear()
            transaction.timestamp.update(self.timestamp)
        # The records read or written since are gone
        for cache in transaction.cache.values():
            cache.clear()


class Column:
    """A column of an import: the field whose label is its header, the
    conversion of its cells (type) and whether it is required"""

    def __init__(self, name, model, field=None, type='char', required=False,
            category=None, note=None):
        self.name = name
        self.model = model
        self.field = field or name
        # char, text, dictionary, selection, boolean, date, employee,
        # province, city, customer, phone, credit_code
        self.type = type
        self.required = required
        # The dictionary category of a dictionary column
        self.category = category
        # The ir.message of the column's note in the template
        self.note = note

    def label(self):
        "The field's label in the user's language"
        Model = Pool().get(self.model)
        return Model.fields_get([self.field])[self.field]['string']

    def selection(self):
        "The (value, translated label) of a selection column"
        Model = Pool().get(self.model)
        return [(k, v) for k, v in Model.fields_get(
                [self.field])[self.field]['selection'] if k]


class ImportKind:
    "What an import creates, from which columns"
    # The model created and the act_window that shows the created records
    model = None
    action = None
    # The ir.message saying how many were imported (count)
    done_message = None
    columns = []

    def __init__(self, importer):
        self.importer = importer

    def check_row(self, number, row):
        """Check the converted row (column name: value) against the others
        of the file before it is created; raise RowError"""

    def values(self, row):
        "Return the values to create of the converted row; raise RowError"
        raise NotImplementedError

    def create(self, vlist):
        "Create the records of vlist (with the user's access checks)"
        Model = Pool().get(self.model)
        return Model.create(vlist)

    def error_column(self, error, row):
        """Return the name of the column of row that the error of the ORM
        is about, or None when the kind does not know it"""


class CustomerKind(ImportKind):
    model = 'party.party'
    action = 'ame_crm.act_customer_form'
    done_message = 'ame_crm.msg_import_done_customer'
    columns = [
        Column('name', 'party.party', required=True,
            note='ame_crm.msg_import_note_customer_name'),
        Column('credit_code', 'party.party', type='credit_code',
            note='ame_crm.msg_import_note_credit_code'),
        Column('industry', 'party.party', type='dictionary',
            category='industry'),
        Column('customer_grade', 'party.party', type='dictionary',
            category='customer_grade'),
        Column('customer_source', 'party.party', type='dictionary',
            category='customer_source'),
        Column('enterprise_nature', 'party.party', type='dictionary',
            category='enterprise_nature'),
        Column('enterprise_size', 'party.party', type='dictionary',
            category='enterprise_size'),
        Column('owner', 'party.party', type='employee',
            note='ame_crm.msg_import_note_owner'),
        Column('province', 'party.party', type='province',
            note='ame_crm.msg_import_note_province'),
        Column('city', 'party.party', type='city',
            note='ame_crm.msg_import_note_city'),
        Column('street', 'party.address',
            note='ame_crm.msg_import_note_street'),
        Column('phone', 'party.party', type='phone'),
        Column('mobile', 'party.party', type='phone'),
        Column('email', 'party.party'),
        ]
    # The columns of the duplicate check and the reason of each
    _keys = [
        ('name', 'name'), ('credit_code', 'credit_code'),
        ('phone', 'phone'), ('mobile', 'phone')]

    def __init__(self, importer):
        super().__init__(importer)
        # key: the row that had it first
        self.seen = {}

    def _key_values(self, row):
        """Yield (column, reason, key, value) of the row: the keys of the
        duplicate check (Party.find_customer) and their values"""
        pool = Pool()
        Party = pool.get('party.party')
        for column, reason in self._keys:
            value = row.get(column)
            if not value:
                continue
            if column == 'name':
                yield column, reason, 'customer_name_key', Party.name_key(
                    value)
            elif column == 'credit_code':
                yield column, reason, 'credit_code', value
            elif key := duplicate.phone_key(value):
                yield column, reason, 'phone_key', key

    def check_row(self, number, row):
        # Two rows of the file for the same company
        for column, reason, key, value in self._key_values(row):
            other = self.seen.get((key, value))
            if other and other != number:
                raise RowError(column, gettext(
                        'ame_crm.msg_import_duplicate_row', row=other,
                        reason=gettext(
                            f'ame_crm.msg_party_duplicate_{reason}')))
        for _, _, key, value in self._key_values(row):
            self.seen.setdefault((key, value), number)

    def values(self, row):
        pool = Pool()
        User = pool.get('res.user')
        # Said here with the name of the row: the ORM's message would name
        # the customer by a number that the rollback takes back
        code = row.get('credit_code')
        if code and not is_valid_credit_code(code):
            raise RowError('credit_code', gettext(
                    'ame_crm.msg_party_credit_code_invalid',
                    code=code, party=row['name']))
        province, city = row.get('province'), row.get('city')
        if city and province and city != province:
            if city.parent != province:
                raise RowError('city', gettext(
                        'ame_crm.msg_import_city_province',
                        city=city.name, province=province.name))
        subdivision = city or province
        address = {}
        if subdivision:
            address['country'] = subdivision.country.id
            address['subdivision'] = subdivision.id
        if row.get('street'):
            # Not the Function field street, whose setter writes it again
            address['street_unstructured'] = row['street']
        if row.get('owner'):
            owner = row['owner'].id
        else:
            # The importer's customers, as he creates them on the form
            user = User(Transaction().user)
            owner = user.employee.id if user.employee else None
        values = {
            'name': row['name'],
            'is_customer': True,
            'owner': owner,
            'addresses': [('create', [address])],
            }
        for name in ['credit_code', 'industry', 'customer_grade',
                'customer_source', 'enterprise_nature', 'enterprise_size']:
            value = row.get(name)
            if value is not None:
                values[name] = getattr(value, 'id', value)
        mechanisms = [{'type': name, 'value': row[name]}
            for name in ['phone', 'mobile', 'email'] if row.get(name)]
        if mechanisms:
            values['contact_mechanisms'] = [('create', mechanisms)]
        return values

    def error_column(self, error, row):
        pool = Pool()
        Party = pool.get('party.party')
        if not isinstance(error, CustomerDuplicateError):
            return
        # The key whose duplicate message is the error's (the row is
        # rolled back, the other customer stays)
        columns = []
        for column, reason, key, value in self._key_values(row):
            other = Party.find_customer(key, value)
            if not other:
                continue
            columns.append(column)
            try:
                Party.raise_duplicate(Party(name=row['name']), other, reason)
            except CustomerDuplicateError as expected:
                if expected.message == error.message:
                    return column
        return columns[0] if columns else None


class ContactKind(ImportKind):
    model = 'ame.customer.contact'
    action = 'ame_crm.act_contact_form'
    done_message = 'ame_crm.msg_import_done_contact'
    columns = [
        Column('party', 'ame.customer.contact', type='customer',
            required=True, note='ame_crm.msg_import_note_customer'),
        Column('name', 'ame.customer.contact', required=True),
        Column('title', 'ame.customer.contact'),
        Column('department_name', 'ame.customer.contact'),
        Column('role', 'ame.customer.contact', type='selection'),
        Column('is_main', 'ame.customer.contact', type='boolean'),
        Column('birthday', 'ame.customer.contact', type='date'),
        Column('phone', 'ame.customer.contact', type='phone'),
        Column('mobile', 'ame.customer.contact', type='phone'),
        Column('wechat', 'ame.customer.contact'),
        Column('email', 'ame.customer.contact'),
        Column('comment', 'ame.customer.contact', type='text'),
        ]

    def __init__(self, importer):
        super().__init__(importer)
        # (customer id, name key): the row that has the contact first
        self.seen = {}
        # customer id: the name keys of its contacts
        self.existing = {}

    def check_row(self, number, row):
        "The same person twice at a customer is a duplicate"
        pool = Pool()
        Contact = pool.get('ame.customer.contact')
        customer, name = row['party'], row['name']
        if customer.id not in self.existing:
            contacts = Contact.search([('party', '=', customer.id)])
            self.existing[customer.id] = {normalise(c.name) for c in contacts}
        key = normalise(name)
        if key in self.existing[customer.id]:
            raise RowError('name', gettext(
                    'ame_crm.msg_import_contact_exists',
                    customer=customer.rec_name, name=name))
        other = self.seen.setdefault((customer.id, key), number)
        if other != number:
            raise RowError('name', gettext(
                    'ame_crm.msg_import_contact_duplicate_row',
                    row=other, customer=customer.rec_name, name=name))

    def values(self, row):
        values = {}
        for name, value in row.items():
            if value is None:
                continue
            values[name] = getattr(value, 'id', value)
        return values

    def error_column(self, error, row):
        pool = Pool()
        Party = pool.get('party.party')
        if isinstance(error, CustomerDuplicateError):
            for column in ['phone', 'mobile']:
                key = duplicate.phone_key(row.get(column))
                if key and Party.find_customer(
                        'phone_key', key, exclude=row['party']):
                    return column


class LeadKind(ImportKind):
    """Leads (销售线索) of the importer: a company already a customer, or
    already an open lead, is a duplicate"""
    model = 'sale.opportunity'
    action = 'ame_base.act_lead_form'
    done_message = 'ame_crm.msg_import_done_lead'
    columns = [
        Column('lead_company', 'sale.opportunity', required=True,
            note='ame_crm.msg_import_note_lead_company'),
        Column('lead_contact', 'sale.opportunity'),
        Column('lead_phone', 'sale.opportunity', type='phone'),
        Column('amount', 'sale.opportunity', type='numeric'),
        Column('end_date', 'sale.opportunity', type='date'),
        Column('description', 'sale.opportunity'),
        Column('comment', 'sale.opportunity', type='text'),
        ]

    def __init__(self, importer):
        super().__init__(importer)
        # (key, value): the row that had it first
        self.seen = {}
        self._leads = None

    def _key_values(self, row):
        "Yield (column, reason, key, value) of the duplicate check"
        pool = Pool()
        Party = pool.get('party.party')
        yield ('lead_company', 'name', 'customer_name_key',
            Party.name_key(row['lead_company']))
        if key := duplicate.phone_key(row.get('lead_phone')):
            yield 'lead_phone', 'phone', 'phone_key', key

    def leads(self):
        "The open leads of the company by the key of their company name"
        pool = Pool()
        Party = pool.get('party.party')
        Opportunity = pool.get('sale.opportunity')
        if self._leads is None:
            self._leads = {}
            # Another rep's lead is a duplicate too
            with without_check_access():
                leads = Opportunity.search([
                        ('state', '=', 'lead'),
                        ('lead_company', '!=', None),
                        ('company', '=', Transaction().context.get(
                                'company')),
                        ])
            for lead in leads:
                self._leads.setdefault(
                    Party.name_key(lead.lead_company), lead)
        return self._leads

    def check_row(self, number, row):
        pool = Pool()
        Party = pool.get('party.party')
        for column, reason, key, value in self._key_values(row):
            other = self.seen.get((key, value))
            if other and other != number:
                raise RowError(column, gettext(
                        'ame_crm.msg_import_duplicate_row', row=other,
                        reason=gettext(
                            f'ame_crm.msg_party_duplicate_{reason}')))
            customer = Party.find_customer(key, value)
            if customer:
                try:
                    Party.raise_duplicate(
                        Party(name=row['lead_company']), customer, reason)
                except CustomerDuplicateError as error:
                    raise RowError(column, error.message) from error
            if key == 'customer_name_key' and value in self.leads():
                lead = self.leads()[value]
                with without_check_access():
                    owner = (lead.employee.rec_name if lead.employee
                        else '')
                raise RowError(column, gettext(
                        'ame_crm.msg_import_lead_exists',
                        company=row['lead_company'], lead=lead.number,
                        owner=owner))
        for _, _, key, value in self._key_values(row):
            self.seen.setdefault((key, value), number)

    def values(self, row):
        pool = Pool()
        User = pool.get('res.user')
        user = User(Transaction().user)
        values = {
            'state': 'lead',
            'employee': user.employee.id if user.employee else None,
            }
        for name, value in row.items():
            if value is not None:
                values[name] = value
        return values


KIND_SELECTION = [
    ('customer', "Customers"),
    ('contact', "Contacts"),
    ('lead', "Leads"),
    ]
KINDS = {
    'customer': CustomerKind,
    'contact': ContactKind,
    'lead': LeadKind,
    }


class Importer:
    """Reads a workbook of a kind and creates its rows, all or nothing.

    run(data) returns (records, errors): the records created, or the
    errors (row number, column label, reason) and nothing written."""

    def __init__(self, kind):
        self.kind_name = kind
        self.kind = KINDS[kind](self)
        self.columns = self.kind.columns
        self.labels = {c.name: c.label() for c in self.columns}
        self._lookups = {}

    # The file

    def read(self, data):
        """Return the rows of the workbook's first sheet: (row number,
        {column name: cell value}); raise UserError for a file that is not
        an import of the kind"""
        if len(data) > MAX_FILE_SIZE:
            raise UserError(gettext('ame_crm.msg_import_file_too_large',
                    size=MAX_FILE_SIZE // (1024 * 1024)))
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                unpacked = sum(i.file_size for i in archive.infolist())
            if unpacked > MAX_UNPACKED_SIZE:
                raise UserError(gettext(
                        'ame_crm.msg_import_file_too_large',
                        size=MAX_FILE_SIZE // (1024 * 1024)))
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True)
        except UserError:
            raise
        except Exception as exception:
            # Not a zip, not a workbook, a damaged one: openpyxl raises many
            raise UserError(gettext('ame_crm.msg_import_not_xlsx')) \
                from exception
        try:
            return self._read_sheet(workbook.worksheets[0])
        finally:
            workbook.close()

    def _read_sheet(self, sheet):
        # Some writers give wrong dimensions: read what is there
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        header = next(rows, None) or ()
        columns = self.header(header)
        marker = gettext('ame_crm.msg_import_note_marker', note='').strip()
        result = []
        for number, cells in enumerate(rows, start=2):
            values = {}
            for index, column in columns.items():
                value = cells[index] if index < len(cells) else None
                if isinstance(value, str):
                    value = value.strip()
                if value is not None and value != '':
                    values[column.name] = value
            if not values:
                continue
            first = cells[0] if cells else None
            if isinstance(first, str) and first.strip().startswith(marker):
                continue
            if len(result) >= MAX_ROWS:
                raise UserError(gettext(
                        'ame_crm.msg_import_too_many_rows', max=MAX_ROWS))
            result.append((number, values))
        if not result:
            raise UserError(gettext('ame_crm.msg_import_empty'))
        return result

    def header(self, cells):
        """Return {cell index: Column} of the header row: the columns by
        their label in the user's language (the required marked or not)
        or by their name (for files that programs write); raise
        UserError"""
        by_label = {}
        for column in self.columns:
            by_label[normalise(self.labels[column.name])] = column
            by_label.setdefault(normalise(column.name), column)
        columns, unknown, seen = {}, [], set()
        for index, cell in enumerate(cells):
            text = cell_text(cell).strip().strip(REQUIRED_MARK + '＊').strip()
            if not text:
                continue
            column = by_label.get(normalise(text))
            if column is None:
                unknown.append(text)
            elif column.name in seen:
                raise UserError(gettext(
                        'ame_crm.msg_import_column_twice', column=text))
            else:
                seen.add(column.name)
                columns[index] = column
        if unknown:
            raise UserError(gettext('ame_crm.msg_import_unknown_columns',
                    columns='、'.join(f'“{u}”' for u in unknown),
                    expected='、'.join(self.labels[c.name]
                        for c in self.columns)))
        if missing := [c for c in self.columns
                if c.required and c.name not in seen]:
            raise UserError(gettext('ame_crm.msg_import_missing_columns',
                    columns='、'.join(
                        f'“{self.labels[c.name]}”' for c in missing)))
        return columns

    # The rows

    def run(self, data):
        rows = self.read(data)
        errors, converted = [], []
        for number, cells in rows:
            try:
                row = self.convert(cells)
                self.kind.check_row(number, row)
                converted.append((number, cells, row, self.kind.values(row)))
            except RowError as error:
                errors.append(self.error(number, error.column, error.message))
        savepoint = Savepoint()
        try:
            records, create_errors = self.create(converted)
        except BaseException:
            savepoint.rollback()
            raise
        errors.extend(create_errors)
        if errors:
            savepoint.rollback()
            return [], sorted(errors, key=lambda e: e[0])
        return records, []

    def create(self, converted):
        """Create the converted rows in batches; a batch with a bad row is
        created again in halves, down to the bad rows"""
        records, errors = [], []
        for batch in _batches(converted, BATCH_SIZE):
            self._create(batch, records, errors)
        return records, errors

    def _create(self, batch, records, errors):
        savepoint = Savepoint()
        try:
            with check_access():
                created = self.kind.create([v for *_, v in batch])
        except ROW_ERRORS as error:
            savepoint.rollback()
            if len(batch) > 1:
                middle = len(batch) // 2
                self._create(batch[:middle], records, errors)
                self._create(batch[middle:], records, errors)
            else:
                (number, cells, row, _), = batch
                message = getattr(error, 'message', None)
                if message:
                    column = (self.kind.error_column(error, row)
                        or self.guess_column(error, cells))
                else:
                    column, message = None, gettext(
                        'ame_crm.msg_import_database_refused')
                errors.append(self.error(number, column, message))
        else:
            savepoint.release()
            records.extend(created)

    def error(self, number, column, message):
        return (number, self.labels[column] if column else '', message)

    def guess_column(self, error, cells):
        """The column that the ORM's message names: by its label or its
        value between quotes, when only one column matches"""
        quoted = set(_QUOTED.findall(error.message))
        for matches in [
                [n for n, label in self.labels.items() if label in quoted],
                [n for n, value in cells.items()
                    if cell_text(value) in quoted]]:
            if len(matches) == 1:
                return matches[0]

    def convert(self, cells):
        "Return {column name: value} of the cells; raise RowError"
        row = {}
        for column in self.columns:
            value = cells.get(column.name)
            if value is None:
                if column.required:
                    raise RowError(column.name, gettext(
                            'ame_crm.msg_import_required',
                            column=self.labels[column.name]))
                continue
            converter = getattr(self, f'convert_{column.type}')
            row[column.name] = converter(column, value)
        return row

    def _list_error(self, column, value, choices):
        shown = list(choices)[:20]
        return RowError(column.name, gettext(
                'ame_crm.msg_import_value_unknown',
                value=cell_text(value), column=self.labels[column.name],
                values='、'.join(shown) + ('…' if len(choices) > 20 else '')))

    def convert_char(self, column, value, size=CHAR_SIZE):
        text = cell_text(value)
        if len(text) > size:
            raise RowError(column.name, gettext(
                    'ame_crm.msg_import_too_long',
                    column=self.labels[column.name], size=len(text),
                    max=size))
        return text

    def convert_text(self, column, value):
        return self.convert_char(column, value, size=TEXT_SIZE)

    def convert_numeric(self, column, value):
        "A positive amount, as the cell holds it or written"
        amount = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            amount = Decimal(str(value))
        elif not isinstance(value, bool):
            text = unicodedata.normalize('NFKC', cell_text(value))
            try:
                amount = Decimal(re.sub(r'[\s,¥￥元]', '', text))
            except InvalidOperation:
                pass
        if (amount is None or not amount.is_finite() or amount < 0
                or amount >= MAX_AMOUNT):
            raise RowError(column.name, gettext(
                    'ame_crm.msg_import_number_invalid',
                    value=cell_text(value), column=self.labels[column.name]))
        return amount

    convert_phone = convert_char

    def convert_credit_code(self, column, value):
        text = unicodedata.normalize('NFKC', cell_text(value))
        return re.sub(r'\s+', '', text).upper()

    def convert_dictionary(self, column, value):
        values = self.dictionary(column.category)
        text = normalise(cell_text(value))
        for record in values:
            if text in {normalise(record.name), normalise(record.code)}:
                return record
        raise self._list_error(column, value, [v.name for v in values])

    def dictionary(self, category):
        "The active values of the dictionary category"
        pool = Pool()
        Value = pool.get('ame.dictionary.value')
        key = ('dictionary', category)
        if key not in self._lookups:
            self._lookups[key] = Value.search([
                    ('category.code', '=', category),
                    ])
        return self._lookups[key]

    def convert_selection(self, column, value):
        text = normalise(cell_text(value))
        selection = column.selection()
        for key, label in selection:
            if text in {normalise(key), normalise(label)}:
                return key
        raise self._list_error(
            column, value, [label for _, label in selection])

    def yes_no(self):
        return gettext('ame_crm.msg_import_yes'), gettext(
            'ame_crm.msg_import_no')

    def convert_boolean(self, column, value):
        if isinstance(value, bool):
            return value
        yes, no = self.yes_no()
        text = normalise(cell_text(value))
        if text in {normalise(yes), 'yes', 'y', 'true', '1', '√', '是'}:
            return True
        if text in {normalise(no), 'no', 'n', 'false', '0', '×', '否'}:
            return False
        raise self._list_error(column, value, [yes, no])

    def convert_date(self, column, value):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            # A date the spreadsheet shows as a number
            try:
                return from_excel(value).date()
            except (ValueError, OverflowError, TypeError):
                pass
        text = unicodedata.normalize('NFKC', cell_text(value))
        for format_ in DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, format_).date()
            except ValueError:
                continue
        raise RowError(column.name, gettext(
                'ame_crm.msg_import_date_invalid', value=cell_text(value),
                column=self.labels[column.name]))

    def convert_employee(self, column, value):
        "An employee of the company by code (工号) or name, in the scope"
        text = cell_text(value)
        key = ('employee', text)
        if key not in self._lookups:
            try:
                self._lookups[key] = self._employee(column, text)
            except RowError as error:
                self._lookups[key] = error
        result = self._lookups[key]
        if isinstance(result, RowError):
            raise result
        return result

    def _employee(self, column, text):
        pool = Pool()
        Employee = pool.get('company.employee')
        company = Transaction().context.get('company')
        domain = [('company', '=', company)]
        employees = Employee.search(domain + [('code', '=', text)])
        if not employees:
            employees = Employee.search(domain + [('party.name', '=', text)])
        if not employees:
            raise RowError(column.name, gettext(
                    'ame_crm.msg_import_employee_unknown', value=text))
        if len(employees) > 1:
            raise RowError(column.name, gettext(
                    'ame_crm.msg_import_employee_ambiguous', value=text))
        employee, = employees
        if employees_out_of_scope([employee]):
            raise RowError(column.name, gettext(
                    'ame_permission.msg_data_scope_owner',
                    employee=employee.rec_name))
        return employee

    def subdivisions(self):
        """China's provinces and cities by the names writers give them:
        {name: province}, {name: [cities]}"""
        pool = Pool()
        Subdivision = pool.get('country.subdivision')
        if 'subdivisions' not in self._lookups:
            provinces, cities = {}, {}
            for subdivision in Subdivision.search([
                        ('country.code', '=', 'CN'),
                        ], order=[('parent', 'ASC NULLS FIRST'),
                        ('name', 'ASC')]):
                names = {normalise(subdivision.name), normalise(
                        duplicate.short_name(subdivision.name))}
                target = cities if subdivision.parent else provinces
                for name in names:
                    if subdivision.parent:
                        target.setdefault(name, []).append(subdivision)
                    else:
                        target[name] = subdivision
            self._lookups['subdivisions'] = provinces, cities
        return self._lookups['subdivisions']

    def convert_province(self, column, value):
        provinces, _ = self.subdivisions()
        province = provinces.get(normalise(cell_text(value)))
        if not province:
            raise RowError(column.name, gettext(
                    'ame_crm.msg_import_province_unknown',
                    value=cell_text(value)))
        return province

    def convert_city(self, column, value):
        provinces, cities = self.subdivisions()
        text = normalise(cell_text(value))
        found = cities.get(text, [])
        if len(found) == 1:
            return found[0]
        # A municipality (北京市) is its own city
        if not found and text in provinces:
            return provinces[text]
        raise RowError(column.name, gettext(
                'ame_crm.msg_import_city_unknown'
                if not found else 'ame_crm.msg_import_city_ambiguous',
                value=cell_text(value)))

    def convert_customer(self, column, value):
        """A customer the user may see, by its number or its exact name
        (or both, as [KH-000123] name)"""
        pool = Pool()
        Party = pool.get('party.party')
        text = cell_text(value)
        key = ('customer', text)
        if key not in self._lookups:
            if match := _CUSTOMER_NUMBER.match(text):
                clauses = [('customer_number', '=', match.group(1).strip())]
            else:
                clauses = [
                    ('customer_number', '=', text), ('name', '=', text)]
            customers = []
            with check_access():
                for clause in clauses:
                    customers = Party.search([
                            ('is_customer', '=', True), clause], limit=2)
                    if customers:
                        break
            self._lookups[key] = customers
        customers = self._lookups[key]
        if len(customers) != 1:
            raise RowError(column.name, gettext(
                    'ame_crm.msg_import_customer_unknown'
                    if not customers
                    else 'ame_crm.msg_import_customer_ambiguous',
                    value=text))
        return customers[0]

    # The template

    def template(self):
        "Return the template of the kind: an xlsx in the user's language"
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {'in_memory': True})
        sheet = workbook.add_worksheet(_sheet_name(self.kind_label()))
        lists = workbook.add_worksheet('lists')
        lists.hide()
        formats = {
            'header': workbook.add_format({
                    'bold': True, 'bg_color': '#DDEBF7', 'border': 1}),
            'required': workbook.add_format({
                    'bold': True, 'bg_color': '#DDEBF7', 'border': 1,
                    'font_color': '#C00000'}),
            'note': workbook.add_format({
                    'italic': True, 'font_color': '#7F7F7F',
                    'text_wrap': True, 'valign': 'top'}),
            'text': workbook.add_format({'num_format': '@'}),
            'date': workbook.add_format({'num_format': 'yyyy-mm-dd'}),
            'numeric': workbook.add_format({'num_format': '#,##0.00'}),
            }
        last = MAX_ROWS + 1
        list_index = 0
        for index, column in enumerate(self.columns):
            label = self.labels[column.name]
            if column.required:
                sheet.write_string(
                    0, index, label + REQUIRED_MARK, formats['required'])
            else:
                sheet.write_string(0, index, label, formats['header'])
            note = self.note(column)
            sheet.write_string(1, index, gettext(
                    'ame_crm.msg_import_note_marker', note=note)
                if index == 0 else note, formats['note'])
            cell_format = {
                'date': formats['date'], 'numeric': formats['numeric'],
                }.get(column.type, formats['text'])
            sheet.set_column(index, index, max(12, 2 * len(label) + 4),
                cell_format)
            validation = {
                'validate': 'any',
                'input_title': label[:32],
                'input_message': note[:255],
                }
            choices = self.choices(column)
            if choices:
                for row, choice in enumerate(choices):
                    lists.write_string(row, list_index, choice)
                name = xlsxwriter.utility.xl_col_to_name(list_index)
                validation.update({
                        'validate': 'list',
                        'source': (f'=lists!${name}$1:'
                            f'${name}${len(choices)}'),
                        # Codes and short names are welcome too
                        'error_type': 'warning',
                        })
                list_index += 1
            sheet.data_validation(2, index, last, index, validation)
        sheet.set_row(1, 45)
        sheet.freeze_panes(2, 0)
        workbook.close()
        return output.getvalue()

    def kind_label(self):
        "The kind's name in the user's language"
        pool = Pool()
        Start = pool.get('ame.customer.import.start')
        selection = dict(Start.fields_get(['kind'])['kind']['selection'])
        return selection[self.kind_name]

    def note(self, column):
        "The note of the column in the template"
        notes = []
        if column.required:
            notes.append(gettext('ame_crm.msg_import_note_required'))
        if column.note:
            notes.append(gettext(column.note))
        elif column.type in {'dictionary', 'selection'}:
            notes.append(gettext('ame_crm.msg_import_note_list'))
        elif column.type == 'boolean':
            yes, no = self.yes_no()
            notes.append(gettext(
                    'ame_crm.msg_import_note_boolean', yes=yes, no=no))
        elif column.type == 'date':
            notes.append(gettext('ame_crm.msg_import_note_date'))
        return ' '.join(notes)

    def choices(self, column):
        "The values the template proposes in the column"
        if column.type == 'dictionary':
            return [v.name for v in self.dictionary(column.category)]
        if column.type == 'selection':
            return [label for _, label in column.selection()]
        if column.type == 'boolean':
            return list(self.yes_no())
        if column.type in {'province', 'city'}:
            provinces, cities = self.subdivisions()
            source = ([provinces.values()] if column.type == 'province'
                else cities.values())
            names = []
            for subdivisions in source:
                for subdivision in subdivisions:
                    if subdivision.name not in names:
                        names.append(subdivision.name)
            return names
        if column.type == 'employee':
            return self.employees_in_scope()
        return []

    def employees_in_scope(self):
        "The names of the employees the user may give customers to"
        pool = Pool()
        Employee = pool.get('company.employee')
        company = Transaction().context.get('company')
        employees = Employee.search([
                ('company', '=', company),
                employees_in_scope_domain(),
                ], order=[('code', 'ASC'), ('id', 'ASC')])
        return [e.party.name for e in employees]

    def report(self, errors):
        "Return the errors as an xlsx: row, column, reason"
        pool = Pool()
        Error = pool.get('ame.customer.import.error')
        names = ['row', 'column', 'reason']
        strings = Error.fields_get(names)
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {'in_memory': True})
        sheet = workbook.add_worksheet()
        bold = workbook.add_format({'bold': True})
        wrap = workbook.add_format({'text_wrap': True, 'valign': 'top'})
        for index, name in enumerate(names):
            sheet.write_string(0, index, strings[name]['string'], bold)
        sheet.set_column(0, 0, 8)
        sheet.set_column(1, 1, 20)
        sheet.set_column(2, 2, 80, wrap)
        for row, (number, column, reason) in enumerate(errors, start=1):
            if number:
                sheet.write_number(row, 0, number)
            sheet.write_string(row, 1, column or '')
            sheet.write_string(row, 2, reason)
        sheet.freeze_panes(1, 0)
        workbook.close()
        return output.getvalue()


def _batches(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _sheet_name(name):
    "A valid sheet name (31 characters, no []:*?/\\)"
    return re.sub(r'[\[\]:*?/\\]', ' ', name)[:31] or 'Sheet1'


class CustomerImportStart(ModelView):
    __name__ = 'ame.customer.import.start'
    __string__ = "Import Customer Data"

    kind = fields.Selection(
        KIND_SELECTION, "Import", required=True,
        help="What the rows of the file are.")
    template = fields.Binary(
        "Template", readonly=True, filename='template_name',
        help="An empty file to fill in: its first row names the columns "
        "(those marked * are required), its second row explains them.")
    template_name = fields.Char("Template Name", readonly=True)
    file = fields.Binary(
        "File", required=True, filename='file_name',
        help="The filled template (.xlsx): all its rows are imported, or "
        "none when any row is wrong.")
    file_name = fields.Char("File Name")

    @classmethod
    def default_kind(cls):
        return 'customer'

    @fields.depends('kind')
    def on_change_with_template(self, name=None):
        if self.kind:
            return Importer(self.kind).template()

    @fields.depends('kind')
    def on_change_with_template_name(self, name=None):
        if self.kind:
            importer = Importer(self.kind)
            return gettext('ame_crm.msg_import_template_name',
                kind=importer.kind_label()) + '.xlsx'


class CustomerImportResult(ModelView):
    __name__ = 'ame.customer.import.result'
    __string__ = "Import Customer Data Result"

    kind = fields.Selection(KIND_SELECTION, "Import", readonly=True)
    success = fields.Boolean("Success", readonly=True)
    message = fields.Text("Result", readonly=True)
    errors = fields.One2Many(
        'ame.customer.import.error', None, "Errors", readonly=True,
        states={'invisible': Eval('success', False)})
    report = fields.Binary(
        "Report", readonly=True, filename='report_name',
        states={'invisible': Eval('success', False)},
        help="The errors as a spreadsheet.")
    report_name = fields.Char("Report Name", readonly=True)
    imported = fields.Char("Imported Records", readonly=True)


class CustomerImportError(ModelView):
    __name__ = 'ame.customer.import.error'
    __string__ = "Import Customer Data Error"

    row = fields.Integer("Row", readonly=True)
    column = fields.Char("Column", readonly=True)
    reason = fields.Text("Reason", readonly=True)


class CustomerImport(Wizard):
    __name__ = 'ame.customer.import'
    start = StateView(
        'ame.customer.import.start',
        'ame_crm.customer_import_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Import", 'import_', 'tryton-ok', default=True),
            ])
    import_ = StateTransition()
    result = StateView(
        'ame.customer.import.result',
        'ame_crm.customer_import_result_view_form', [
            Button("Back", 'start', 'tryton-back',
                states={'invisible': Eval('success', False)}),
            Button("Close", 'end', 'tryton-close'),
            Button("Open", 'open_', 'tryton-open', default=True,
                states={'invisible': ~Eval('success', False)}),
            ])
    open_ = StateAction('ame_crm.act_customer_form')

    def default_start(self, fields):
        kind = self.start.kind or 'customer'
        importer = Importer(kind)
        return {
            'kind': kind,
            'template': importer.template(),
            'template_name': gettext('ame_crm.msg_import_template_name',
                kind=importer.kind_label()) + '.xlsx',
            }

    def transition_import_(self):
        importer = Importer(self.start.kind)
        records, errors = importer.run(bytes(self.start.file))
        # The client sends the file again with the next import
        self.start.file = None
        result = self.result
        result.kind = self.start.kind
        result.success = not errors
        if errors:
            result.message = gettext('ame_crm.msg_import_failed',
                count=len({e[0] for e in errors}))
            result.errors = [{'row': n, 'column': c, 'reason': r}
                for n, c, r in errors]
            result.report = importer.report(errors)
            result.report_name = gettext(
                'ame_crm.msg_import_report_name') + '.xlsx'
            result.imported = None
        else:
            result.message = gettext(
                importer.kind.done_message, count=len(records))
            result.errors = []
            result.report = None
            result.imported = ','.join(str(r.id) for r in records)
        return 'result'

    def default_result(self, fields):
        result = self.result
        report = result.report
        # The report is not kept in the session
        result.report = None
        return {
            'kind': result.kind,
            'success': result.success,
            'message': result.message,
            'errors': [{'row': e.row, 'column': e.column,
                    'reason': e.reason} for e in (result.errors or [])],
            'report': report,
            'report_name': result.report_name,
            'imported': result.imported,
            }

    def do_open_(self, action):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        Action = pool.get('ir.action')
        kind = KINDS[self.result.kind]
        if kind.action != self.open_.action_id:
            module, fs_id = kind.action.split('.')
            action = Action(Action.get_action_id(
                    ModelData.get_id(module, fs_id))).get_action_value()
        ids = [int(i) for i in (self.result.imported or '').split(',') if i]
        action['pyson_domain'] = PYSONEncoder().encode([('id', 'in', ids)])
        return action, {}
