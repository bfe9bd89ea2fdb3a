# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""报价单: the quotation a sales rep prints from the sale form (打印 →
报价单), on the company's letterhead: the quotation number, the customer,
one row per line with its model code (the configured code of a
选型工具 line), specification, price and lead time, the totals and the
total in Chinese capitals (大写金额).

The template (quotation.fodt) only lays out the texts that this file
computes and formats, so that what the quotation says is tested here.
It prints as PDF where the server has LibreOffice (the program of
[report] convert_command, soffice by default) and as ODT otherwise; an
administrator may give the report action another format LibreOffice
makes (DOCX for quotations the reps edit in WPS or Word)."""
import shlex
import shutil
from collections import namedtuple

from trytond import config
from trytond.i18n import gettext
from trytond.modules.company.company import CompanyReport
from trytond.modules.product import price_digits
from trytond.pool import Pool
from trytond.transaction import Transaction

# The program of Tryton's default [report] convert_command
DEFAULT_CONVERTER = 'soffice'
# The format of a quotation whose action names none, where the converter
# is installed
PDF = 'pdf'

Letterhead = namedtuple('Letterhead', ['name', 'address', 'contacts'])
# Between the phone and the e-mail of the letterhead: two ideographic
# spaces, as ODF collapses ordinary ones
CONTACTS_SEPARATOR = '\u3000\u3000'
Row = namedtuple('Row', ['number', 'code', 'spec', 'quantity', 'unit',
        'unit_price', 'amount', 'lead_time'])


def converter():
    """The path of the program that converts the reports to PDF, None
    where it is not installed"""
    command = config.get('report', 'convert_command', default=None)
    program = shlex.split(command)[0] if command else DEFAULT_CONVERTER
    return shutil.which(program)


def output_extension(action):
    """The format the report action prints in on this server: where the
    converter is installed, the action's format, PDF when it has none;
    the template's otherwise"""
    if not converter():
        return action.template_extension
    return action.extension or PDF


class Converting:
    "The report action as Report.convert reads it, printing in extension"

    def __init__(self, action, extension):
        self._action = action
        self.extension = extension

    def __getattr__(self, name):
        return getattr(self._action, name)


def one_line(address):
    "An address on one line, as letterheads print it"
    if not address:
        return ''
    return ' '.join(
        filter(None, (s.strip() for s in address.full_address.splitlines())))


def lead_days(line):
    """The days from the sale date (or today) to the line's planned
    shipment: its product's lead time and the days that its configuration
    or its selection table row adds, as the shipping date of the line;
    None if the product's lead time is unknown"""
    date = line.planned_shipping_date
    if date is None:
        return None
    start = (line.sale.sale_date if line.sale else None) or Pool().get(
        'ir.date').today()
    return (date - start).days


def code_and_spec(line):
    """The model code and the specification of a line: the configured code
    and the description without it, else the product's code (or name)
    and the description (or the product's name)"""
    product = line.product
    description = (line.description or '').strip()
    if line.selection_code:
        first, _, rest = description.partition('\n')
        spec = rest if first.strip() == line.selection_code else description
        return line.selection_code, spec.strip()
    if not product:
        return '', description
    if product.code:
        return product.code, description or product.name
    return product.name, description


class Quotation(CompanyReport):
    __name__ = 'ame.selection.quotation'

    @classmethod
    def get_context(cls, records, header, data):
        pool = Pool()
        Date = pool.get('ir.date')
        Lang = pool.get('ir.lang')
        context = super().get_context(records, header, data)
        company = header.get('company')
        with Transaction().set_context(
                company=company.id if company else None):
            today = Date.today()
        # The user's language: AME tenants store English and their users
        # read Chinese; a customer has rarely a language of his own
        lang = Lang.get()
        context['today'] = today
        context['letterhead'] = cls.letterhead(company)
        context['sheet'] = lambda sale: Sheet(cls, sale, lang, today)
        return context

    @classmethod
    def letterhead(cls, company):
        "The company's name, address, and phone and e-mail on one line"
        if not company:
            return Letterhead('', '', '')
        party = company.party
        contacts = [gettext(f'ame_selection.msg_quotation_{name}',
                **{name: value})
            for name, value in [('phone', party.phone), ('email', party.email)]
            if value]
        return Letterhead(party.name, one_line(party.address_get()),
            CONTACTS_SEPARATOR.join(contacts))

    @classmethod
    def convert(cls, report, data, **kwargs):
        # The action names no format (administrators may choose one):
        # the server decides. Without the converter Tryton would try it
        # six times and log an error for each: the ODT is the quotation.
        extension = output_extension(report)
        if extension == report.template_extension:
            return extension, data
        return super().convert(Converting(report, extension), data, **kwargs)


class Sheet:
    "The texts of a sale's quotation, formatted in lang"

    def __init__(self, report, sale, lang, today):
        self.report = report
        self.sale = sale
        self.lang = lang
        self.today = today

    def _money(self, amount, digits=None):
        if amount is None:
            return ''
        return self.report.format_currency(
            amount, self.lang, self.sale.currency, digits=digits)

    def _price_digits(self, price):
        """The decimals a unit price prints with: the currency's, more
        only when the price has them (¥5,430.00, ¥0.1235)"""
        if price is None:
            return None
        decimals = -price.normalize().as_tuple().exponent
        return min(max(self.sale.currency.digits, decimals),
            price_digits[1])

    def _date(self, date):
        return self.report.format_date(date, self.lang) if date else ''

    @property
    def number(self):
        "The quotation number (BJ-…), kept after the confirmation"
        return self.sale.quotation_number or self.sale.number or ''

    @property
    def date(self):
        sale = self.sale
        return self._date(sale.quotation_date or sale.sale_date or self.today)

    @property
    def valid_until(self):
        return self._date(self.sale.quotation_expire)

    @property
    def customer(self):
        # The name the customer signs with, not AME's number of him
        return self.sale.party.name

    @property
    def address(self):
        return one_line(self.sale.invoice_address)

    @property
    def contact(self):
        return self.sale.contact.rec_name if self.sale.contact else ''

    @property
    def sales_rep(self):
        "The responsible employee and how to reach him"
        employee = self.sale.employee
        if not employee:
            return ''
        # His name, not his 工号
        return ' '.join(filter(None,
                [employee.party.name, employee.mobile, employee.email]))

    @property
    def rows(self):
        "The rows of the lines table, numbered from 1 on the product lines"
        rows = []
        number = 0
        for line in self.sale.lines:
            if line.type != 'line':
                rows.append(Row('', '', (line.description or '').strip(),
                        '', '', '',
                        self._money(line.amount)
                        if line.type == 'subtotal' else '', ''))
                continue
            number += 1
            code, spec = code_and_spec(line)
            days = lead_days(line)
            rows.append(Row(str(number), code, spec,
                    self.report.format_number(line.quantity, self.lang,
                        digits=line.unit.digits if line.unit else None),
                    line.unit.rec_name if line.unit else '',
                    self._money(line.unit_price,
                        digits=self._price_digits(line.unit_price)),
                    self._money(line.amount),
                    gettext('ame_selection.msg_quotation_lead_days',
                        days=days) if days is not None else ''))
        return rows

    @property
    def untaxed_amount(self):
        return self._money(self.sale.untaxed_amount)

    @property
    def tax_amount(self):
        return self._money(self.sale.tax_amount)

    @property
    def total_amount(self):
        return self._money(self.sale.total_amount)

    @property
    def amount_in_words(self):
        """The total in Chinese capitals (大写金额) as the runtime parameters
        write them; only for a quotation in yuan, which they name"""
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        if self.sale.currency.code != 'CNY':
            return ''
        return Configuration(1).format_amount_in_words(
            self.sale.total_amount)

    @property
    def comment(self):
        return (self.sale.comment or '').strip()
