# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from decimal import ROUND_HALF_UP, Decimal

import cn2an

from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model import ModelSingleton, ModelSQL, ModelView, fields
from trytond.modules.company.model import (
    CompanyMultiValueMixin, CompanyValueMixin)
from trytond.pool import Pool
from trytond.pyson import Eval, Id

# The AME documents whose 业务号规则 the runtime parameters choose per
# company, in the order of the form. A module that adds a document adds its
# rule with it (numbering.py; docs/developer.md): a sequence type and a
# default sequence in XML, the fields on ame.configuration and
# ame.configuration.sequence, its name here. The standard documents keep
# the rules of their own configuration: sale.configuration numbers the
# quotations and the orders (sale.py), purchase.configuration the purchases.
DOCUMENTS = []

# The name that precedes the capitals on Chinese financial documents.
CURRENCY_NAME = '人民币'


def amount_in_words(amount):
    """Return the amount in Chinese financial capitals (大写金额), rounded
    to the fen: 12345.67 -> 壹万贰仟叁佰肆拾伍元陆角柒分, 10 -> 壹拾元整"""
    amount = Decimal(str(amount)).quantize(
        Decimal('0.01'), rounding=ROUND_HALF_UP)
    return cn2an.an2cn(str(amount), 'rmb')


# The sequence type of a document is sequence_type_<document> and its default
# rule sequence_<document>, in the XML of the module that adds the document.

def sequence_field(document, string, module='ame_base'):
    return fields.Many2One(
        'ir.sequence', string, required=True,
        domain=[
            ('company', 'in', [Eval('company', -1), None]),
            ('sequence_type', '=',
                Id(module, f'sequence_type_{document}')),
            ])


def default_sequence(document, module='ame_base'):
    @classmethod
    def default(cls):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        try:
            return ModelData.get_id(module, f'sequence_{document}')
        except KeyError:
            return None
    return default


def multivalue_sequence_field(document, string, module='ame_base'):
    return fields.MultiValue(fields.Many2One(
            'ir.sequence', string, required=True,
            domain=[
                ('company', 'in',
                    [Eval('context', {}).get('company', -1), None]),
                ('sequence_type', '=',
                    Id(module, f'sequence_type_{document}')),
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
    amount_in_words = fields.Selection([
            ('plain', "Capitals"),
            ('currency', "Capitals with the Currency Name"),
            ], "Amount in Words", required=True,
        help="How printed documents write amounts in Chinese capitals "
        "(大写金额).")

    @classmethod
    def multivalue_model(cls, field):
        pool = Pool()
        if field in {f'{d}_sequence' for d in DOCUMENTS}:
            return pool.get('ame.configuration.sequence')
        return super().multivalue_model(field)

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
    def default_amount_in_words(cls):
        return 'plain'

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

    def format_amount_in_words(self, amount):
        "Return the amount in Chinese capitals as documents print it"
        words = amount_in_words(amount)
        if self.amount_in_words == 'currency':
            words = CURRENCY_NAME + words
        return words


class ConfigurationSequence(ModelSQL, CompanyValueMixin):
    # The numbering rules of the company's AME documents (DOCUMENTS), one
    # field per document
    __name__ = 'ame.configuration.sequence'
    __string__ = "Runtime Parameters Numbering Rule"

    @classmethod
    def __register__(cls, module):
        table_h = cls.__table_handler__(module)
        super().__register__(module)
        # Migration from 8.0.0 (pre-release): the quotations take their
        # rule from sale.configuration (sale_quotation_sequence)
        if table_h.column_exist('quotation_sequence'):
            table_h.drop_column('quotation_sequence')
