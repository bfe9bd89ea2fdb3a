# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import Unique, fields
from trytond.model.exceptions import ValidationError
from trytond.pool import Pool, PoolMeta

# GB 32100-2015: the characters of a unified social credit code, valued by
# their index (0-30); I, O, S, V and Z are never used.
CREDIT_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
CREDIT_CODE_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def credit_code_check_digit(code):
    "Return the check character (GB 32100-2015) of the first 17 characters"
    total = sum(
        CREDIT_CODE_CHARACTERS.index(c) * w
        for c, w in zip(code[:17], CREDIT_CODE_WEIGHTS))
    return CREDIT_CODE_CHARACTERS[(31 - total % 31) % 31]


def is_valid_credit_code(code):
    """Tell if code is an 18 characters unified social credit code: the
    registration authority and entity type, the 6 digits of the
    administrative division, the organisation code and the check character"""
    if not code or len(code) != 18:
        return False
    if any(c not in CREDIT_CODE_CHARACTERS for c in code):
        return False
    if not code[2:8].isdigit():
        return False
    return code[17] == credit_code_check_digit(code)


def set_contact_mechanism(parties, type_, value):
    """Set value to the first contact mechanism of the type of the parties,
    creating it when missing and deleting it when value is empty"""
    pool = Pool()
    ContactMechanism = pool.get('party.contact_mechanism')
    to_save, to_delete = [], []
    for party in parties:
        mechanism = party.contact_mechanism_get(type_)
        if value:
            if not mechanism:
                to_save.append(
                    ContactMechanism(party=party, type=type_, value=value))
            elif mechanism.value != value:
                mechanism.value = value
                to_save.append(mechanism)
        elif mechanism:
            to_delete.append(mechanism)
    ContactMechanism.save(to_save)
    ContactMechanism.delete(to_delete)


class CreditCodeMixin:
    """A unified social credit code (credit_code) kept in capitals and
    checked: _credit_code_message names the error, formatted with the code
    and the record's name as _credit_code_record"""
    __slots__ = ()
    _credit_code_message = None
    _credit_code_record = 'record'

    @fields.depends('credit_code')
    def on_change_credit_code(self):
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if values.get('credit_code'):
            values['credit_code'] = values['credit_code'].strip().upper()
        return values

    @classmethod
    def validate_fields(cls, records, field_names):
        super().validate_fields(records, field_names)
        if field_names and 'credit_code' not in field_names:
            return
        for record in records:
            if (record.credit_code
                    and not is_valid_credit_code(record.credit_code)):
                raise ValidationError(gettext(cls._credit_code_message,
                        code=record.credit_code,
                        **{cls._credit_code_record: record.rec_name}))


class Company(CreditCodeMixin, metaclass=PoolMeta):
    __name__ = 'company.company'
    _credit_code_message = 'ame_organisation.msg_company_credit_code_invalid'
    _credit_code_record = 'company'

    short_name = fields.Char(
        "Short Name",
        help="The name used in lists and documents where space is short.")
    credit_code = fields.Char(
        "Unified Social Credit Code", size=18, strip=True,
        help="The 18 characters code of the business licence "
        "(GB 32100-2015).")
    legal_representative = fields.Char("Legal Representative")
    registered_capital = fields.Numeric(
        "Registered Capital", digits=(16, 2),
        domain=['OR',
            ('registered_capital', '=', None),
            ('registered_capital', '>=', 0),
            ],
        help="In the company currency.")
    established_date = fields.Date("Established Date")
    bank_name = fields.Char("Bank Name", help="The bank of the basic account.")
    bank_account = fields.Char("Bank Account", strip=True)

    # Contact facts and the address live on the company's party; they are
    # shown and edited here for convenience.
    phone = fields.Function(
        fields.Char("Phone"), 'get_party_contact', setter='set_party_contact')
    fax = fields.Function(
        fields.Char("Fax"), 'get_party_contact', setter='set_party_contact')
    email = fields.Function(
        fields.Char("Email"), 'get_party_contact', setter='set_party_contact')
    website = fields.Function(
        fields.Char("Website"), 'get_party_contact',
        setter='set_party_contact')
    address_subdivision = fields.Function(
        fields.Many2One(
            'country.subdivision', "Province or City",
            help="The province or city of the registered address."),
        'get_party_address', setter='set_party_address')
    address_street = fields.Function(
        fields.Text("Street Address"),
        'get_party_address', setter='set_party_address')
    address_postal_code = fields.Function(
        fields.Char("Postal Code"),
        'get_party_address', setter='set_party_address')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('credit_code_unique', Unique(t, t.credit_code),
                'ame_organisation.msg_company_credit_code_unique'),
            ]

    def get_party_contact(self, name):
        mechanism = self.party.contact_mechanism_get(name)
        return mechanism.value if mechanism else None

    @classmethod
    def set_party_contact(cls, companies, name, value):
        set_contact_mechanism([c.party for c in companies], name, value)

    _address_fields = {
        'address_subdivision': 'subdivision',
        'address_street': 'street',
        'address_postal_code': 'postal_code',
        }

    def get_party_address(self, name):
        address = self.party.address_get()
        if address:
            value = getattr(address, self._address_fields[name])
            if name == 'address_subdivision':
                return value.id if value else None
            return value

    @classmethod
    def set_party_address(cls, companies, name, value):
        pool = Pool()
        Address = pool.get('party.address')
        Subdivision = pool.get('country.subdivision')
        field = cls._address_fields[name]
        addresses = []
        for company in companies:
            address = company.party.address_get()
            if not address:
                address = Address(party=company.party)
            if field == 'subdivision':
                subdivision = Subdivision(value) if value else None
                address.subdivision = subdivision
                if subdivision:
                    address.country = subdivision.country
            else:
                setattr(address, field, value)
            addresses.append(address)
        Address.save(addresses)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            super().search_rec_name(name, clause),
            ('short_name', operator, operand, *extra),
            ('credit_code', operator, operand, *extra),
            ]

