# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import cn2an

from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model import ModelSingleton, ModelSQL, ModelView, fields
from trytond.model.exceptions import ValidationError
from trytond.modules.company.model import (
    CompanyMultiValueMixin, CompanyValueMixin)
from trytond.pool import Pool
from trytond.pyson import Eval, Id
from trytond.transaction import Transaction

# The documents that AME numbers with a 业务号规则, in the order of the form.
DOCUMENTS = [
    'contract', 'quotation', 'sales_project', 'service', 'purchase',
    'expense',
    ]

# The name that precedes the capitals on Chinese financial documents.
CURRENCY_NAME = '人民币'


def amount_in_words(amount):
    """Return the amount in Chinese financial capitals (大写金额), rounded
    to the fen: 12345.67 -> 壹万贰仟叁佰肆拾伍元陆角柒分, 10 -> 壹拾元整"""
    amount = Decimal(str(amount)).quantize(
        Decimal('0.01'), rounding=ROUND_HALF_UP)
    return cn2an.an2cn(str(amount), 'rmb')


def sequence_field(document, string):
    return fields.Many2One(
        'ir.sequence', string, required=True,
        domain=[
            ('company', 'in', [Eval('company', -1), None]),
            ('sequence_type', '=',
                Id('ame_base', f'sequence_type_{document}')),
            ])


def default_sequence(document):
    @classmethod
    def default(cls):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        try:
            return ModelData.get_id('ame_base', f'sequence_{document}')
        except KeyError:
            return None
    return default


def multivalue_sequence_field(document, string):
    return fields.MultiValue(fields.Many2One(
            'ir.sequence', string, required=True,
            domain=[
                ('company', 'in',
                    [Eval('context', {}).get('company', -1), None]),
                ('sequence_type', '=',
                    Id('ame_base', f'sequence_type_{document}')),
                ],
            help="The numbering rule of the documents of the company."))


def default_multivalue(field_name):
    @classmethod
    def default(cls, **pattern):
        return getattr(
            cls.multivalue_model(field_name),
            'default_%s' % field_name, lambda: None)()
    return default


class Configuration(
        ModelSingleton, ModelSQL, ModelView, CompanyMultiValueMixin):
    # 运行时参数: the parameters of the tenant, and per company the numbering
    # rule of each document.
    __name__ = 'ame.configuration'
    __string__ = "Runtime Parameters"

    user_language = fields.Many2One(
        'ir.lang', "User Language",
        domain=[('translatable', '=', True)],
        help="The language given to new users of this tenant.")
    default_country = fields.Many2One(
        'country.country', "Default Country",
        help="The country proposed for new addresses.")
    quotation_validity = fields.Integer(
        "Quotation Validity (Days)", required=True,
        help="The number of days a quotation stays valid after its date.")
    amount_in_words = fields.Selection([
            ('plain', "Capitals"),
            ('currency', "Capitals with the Currency Name"),
            ], "Amount in Words", required=True,
        help="How printed documents write amounts in Chinese capitals "
        "(大写金额).")

    contract_sequence = multivalue_sequence_field(
        'contract', "Contract Numbering")
    quotation_sequence = multivalue_sequence_field(
        'quotation', "Quotation Numbering")
    sales_project_sequence = multivalue_sequence_field(
        'sales_project', "Sales Project Numbering")
    service_sequence = multivalue_sequence_field(
        'service', "Service Order Numbering")
    purchase_sequence = multivalue_sequence_field(
        'purchase', "Purchase Numbering")
    expense_sequence = multivalue_sequence_field(
        'expense', "Expense Claim Numbering")

    @classmethod
    def multivalue_model(cls, field):
        pool = Pool()
        if field in {f'{d}_sequence' for d in DOCUMENTS}:
            return pool.get('ame.configuration.sequence')
        return super().multivalue_model(field)

    default_contract_sequence = default_multivalue('contract_sequence')
    default_quotation_sequence = default_multivalue('quotation_sequence')
    default_sales_project_sequence = default_multivalue(
        'sales_project_sequence')
    default_service_sequence = default_multivalue('service_sequence')
    default_purchase_sequence = default_multivalue('purchase_sequence')
    default_expense_sequence = default_multivalue('expense_sequence')

    @classmethod
    def default_user_language(cls):
        pool = Pool()
        Lang = pool.get('ir.lang')
        languages = Lang.search([
                ('code', '=', 'zh_CN'),
                ('translatable', '=', True),
                ], limit=1)
        return languages[0].id if languages else None

    @classmethod
    def default_default_country(cls):
        pool = Pool()
        Country = pool.get('country.country')
        countries = Country.search([('code', '=', 'CN')], limit=1)
        return countries[0].id if countries else None

    @classmethod
    def default_quotation_validity(cls):
        return 30

    @classmethod
    def default_amount_in_words(cls):
        return 'plain'

    @classmethod
    def validate_fields(cls, records, field_names):
        super().validate_fields(records, field_names)
        cls.check_quotation_validity(records, field_names)

    @classmethod
    def check_quotation_validity(cls, records, field_names=None):
        if field_names and 'quotation_validity' not in field_names:
            return
        for record in records:
            if record.quotation_validity <= 0:
                raise ValidationError(gettext(
                        'ame_base.msg_configuration_quotation_validity',
                        days=record.quotation_validity))

    def get_sequence(self, document, **pattern):
        """Return the numbering rule (ir.sequence) of the document for the
        company of the context (or of the pattern)"""
        if document not in DOCUMENTS:
            raise ValueError(f"unknown document {document!r}")
        name = f'{document}_sequence'
        sequence = self.get_multivalue(name, **pattern)
        if not sequence:
            raise UserError(gettext(
                    'ame_base.msg_configuration_sequence_missing',
                    document=self.fields_get([name])[name]['string']))
        return sequence

    def get_number(self, document, date=None, **pattern):
        """Return the next number of the document, numbered on date (or
        the context date, or today)"""
        sequence = self.get_sequence(document, **pattern)
        context = {'date': date} if date else {}
        with Transaction().set_context(**context):
            return sequence.get()

    def quotation_valid_until(self, date):
        "Return the date until which a quotation made on date is valid"
        return date + dt.timedelta(days=self.quotation_validity)

    def format_amount_in_words(self, amount):
        "Return the amount in Chinese capitals as documents print it"
        words = amount_in_words(amount)
        if self.amount_in_words == 'currency':
            words = CURRENCY_NAME + words
        return words


class ConfigurationSequence(ModelSQL, CompanyValueMixin):
    __name__ = 'ame.configuration.sequence'
    __string__ = "Runtime Parameters Numbering Rule"

    contract_sequence = sequence_field('contract', "Contract Numbering")
    quotation_sequence = sequence_field('quotation', "Quotation Numbering")
    sales_project_sequence = sequence_field(
        'sales_project', "Sales Project Numbering")
    service_sequence = sequence_field('service', "Service Order Numbering")
    purchase_sequence = sequence_field('purchase', "Purchase Numbering")
    expense_sequence = sequence_field('expense', "Expense Claim Numbering")

    default_contract_sequence = default_sequence('contract')
    default_quotation_sequence = default_sequence('quotation')
    default_sales_project_sequence = default_sequence('sales_project')
    default_service_sequence = default_sequence('service')
    default_purchase_sequence = default_sequence('purchase')
    default_expense_sequence = default_sequence('expense')
