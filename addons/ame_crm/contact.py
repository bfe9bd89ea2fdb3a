# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""客户联系人: the persons of a customer and their part in its purchases.

A contact belongs to one customer and follows its access and data scope
(``__access__``): whoever may read the customer reads its contacts. His
phone, mobile, e-mail and WeChat are contact mechanisms of the customer
(Tryton's party.contact_mechanism, linked to the contact), so that the
customer's form, the documents' contact fields and the duplicate check of
phone numbers see them as they see the customer's own.
"""
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelView, fields, sequence_ordered)
from trytond.modules.ame_base.guard import WorkflowGuardMixin
from trytond.modules.ame_base.model import InputBoundsMixin
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction

ROLES = [
    (None, ""),
    ('decision_maker', "Decision Maker"),
    ('technical', "Technical"),
    ('purchasing', "Purchasing"),
    ('finance', "Finance"),
    ('user', "User"),
    ('other', "Other"),
    ]
# The contact mechanism types that a contact's form shows as fields
MECHANISM_TYPES = ['phone', 'mobile', 'email', 'wechat']


class Contact(WorkflowGuardMixin, InputBoundsMixin, sequence_ordered(),
        DeactivableMixin, ModelSQL, ModelView):
    __name__ = 'ame.customer.contact'
    __string__ = "Customer Contact"

    party = fields.Many2One(
        'party.party', "Customer", required=True, ondelete='CASCADE',
        domain=[('is_customer', '=', True)],
        states={'readonly': Eval('id', -1) >= 0},
        help="The customer the person works for.")
    name = fields.Char("Name", required=True)
    title = fields.Char("Position", help="The position held (职务).")
    department_name = fields.Char(
        "Department", help="The department of the customer he works in.")
    role = fields.Selection(
        ROLES, "Role in Purchases",
        help="His part in the customer's buying decision.")
    is_main = fields.Boolean(
        "Main Contact", help="The first person to call at the customer.")
    birthday = fields.Date("Birthday")
    phone = fields.Function(
        fields.Char("Phone"), 'get_mechanisms', setter='set_mechanisms',
        searcher='search_mechanisms')
    mobile = fields.Function(
        fields.Char("Mobile"), 'get_mechanisms', setter='set_mechanisms',
        searcher='search_mechanisms')
    email = fields.Function(
        fields.Char("E-Mail"), 'get_mechanisms', setter='set_mechanisms',
        searcher='search_mechanisms')
    wechat = fields.Function(
        fields.Char("WeChat"), 'get_mechanisms', setter='set_mechanisms',
        searcher='search_mechanisms')
    contact_mechanisms = fields.One2Many(
        'party.contact_mechanism', 'contact', "Contact Mechanisms",
        readonly=True)
    comment = fields.Text("Comment")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('party')
        cls._order = [
            ('party', 'ASC'),
            ('is_main', 'DESC'),
            ('sequence', 'ASC NULLS LAST'),
            ('name', 'ASC'),
            ('id', 'ASC'),
            ]

    @classmethod
    def default_party(cls):
        # Opened from a customer (its contacts page, the 360)
        return Transaction().context.get('customer')

    def get_rec_name(self, name):
        details = ', '.join(filter(None, [self.title, self.party.rec_name]))
        return f'{self.name} ({details})' if details else self.name

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('name', operator, operand, *extra),
            ('contact_mechanisms.value', operator, operand, *extra),
            ]

    @classmethod
    def get_mechanisms(cls, contacts, names):
        "The first mechanism of each type (in their order)"
        result = {n: {c.id: None for c in contacts} for n in names}
        for contact in contacts:
            for mechanism in contact.contact_mechanisms:
                values = result.get(mechanism.type)
                if values is not None and values[contact.id] is None:
                    values[contact.id] = mechanism.value
        return result

    @classmethod
    def set_mechanisms(cls, contacts, name, value):
        "Keep one mechanism of the type name with value (none when empty)"
        pool = Pool()
        Mechanism = pool.get('party.contact_mechanism')
        to_delete, to_save = [], []
        for contact in contacts:
            mechanisms = [m for m in contact.contact_mechanisms
                if m.type == name]
            if not value:
                to_delete.extend(mechanisms)
            elif not mechanisms:
                to_save.append(Mechanism(
                        party=contact.party, contact=contact, type=name,
                        value=value))
            elif mechanisms[0].value != value:
                mechanisms[0].value = value
                to_save.append(mechanisms[0])
        Mechanism.delete(to_delete)
        Mechanism.save(to_save)

    @classmethod
    def search_mechanisms(cls, name, clause):
        _, operator, operand, *extra = clause
        return [('contact_mechanisms', 'where', [
                    ('type', '=', name),
                    ('value', operator, operand, *extra),
                    ])]


class ContactMechanism(metaclass=PoolMeta):
    __name__ = 'party.contact_mechanism'

    contact = fields.Many2One(
        'ame.customer.contact', "Contact Person", ondelete='CASCADE',
        domain=[('party', '=', Eval('party', -1))],
        help="The person of the party this mechanism reaches.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # 微信 is how Chinese customers are reached first
        if ('wechat', "WeChat") not in cls.type.selection:
            cls.type.selection.insert(
                cls.type.selection.index(('email', 'Email')),
                ('wechat', "WeChat"))

    @classmethod
    def copy(cls, mechanisms, default=None):
        # A copied party has none of the contacts (a copied contact gives
        # his own to his mechanisms)
        default = default.copy() if default is not None else {}
        default.setdefault('contact', None)
        return super().copy(mechanisms, default=default)


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    contacts = fields.One2Many(
        'ame.customer.contact', 'party', "Contacts",
        states={'invisible': ~Eval('is_customer', False)})

    @classmethod
    def copy(cls, parties, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('contacts', None)
        return super().copy(parties, default=default)
