# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""供应商资料 and 运输商资料: suppliers and carriers are parties.

A party becomes a supplier with ``is_supplier``, as ame_crm makes it a
customer with ``is_customer``: it then has its class (the dictionary
``supplier_class``), its qualification (合格, 试用, 停用) and its rating. A
suspended supplier keeps its history, but no purchase to it is quoted or
confirmed (purchase.py). A party is a carrier when a carrier (运输商资料)
names it. Suppliers and carriers keep their persons with ame_crm's contacts,
as customers do.
"""
from trytond.i18n import gettext
from trytond.model import fields
from trytond.model.exceptions import AccessError
from trytond.modules.ame_base.dictionary import dictionary_field
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval
from trytond.transaction import Transaction, inactive_records

QUALIFICATIONS = [
    (None, ""),
    ('qualified', "Qualified"),
    ('trial', "Trial"),
    ('suspended', "Suspended"),
    ]
RATINGS = [
    (None, ""),
    ('a', "A (Excellent)"),
    ('b', "B (Good)"),
    ('c', "C (Fair)"),
    ('d', "D (Poor)"),
    ]
# What the purchasing staff decide of a supplier: nobody else changes it,
# whatever his access to parties (a rep keeps his customers, not whether a
# suspended supplier may be bought from again)
SUPPLIER_FIELDS = {
    'is_supplier', 'supplier_class', 'supplier_qualification',
    'supplier_rating'}


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    is_supplier = fields.Boolean(
        "Supplier",
        help="Check to manage the party as a supplier (供应商资料).")
    supplier_class = dictionary_field(
        'supplier_class', "Supplier Class",
        states={'invisible': ~Eval('is_supplier', False)},
        help="What the supplier supplies.")
    supplier_qualification = fields.Selection(
        QUALIFICATIONS, "Qualification",
        states={
            'invisible': ~Eval('is_supplier', False),
            'required': Eval('is_supplier', False),
            },
        help="A suspended supplier receives no new purchase.")
    supplier_rating = fields.Selection(
        RATINGS, "Rating",
        states={'invisible': ~Eval('is_supplier', False)},
        help="The evaluation of the supplier's quality, delivery and "
        "service.")
    supplier_prices = fields.One2Many(
        'purchase.product_supplier', 'party', "Supplier Prices",
        readonly=True,
        states={'invisible': ~Eval('is_supplier', False)},
        help="The products the supplier supplies, with their prices.")
    carriers = fields.One2Many(
        'carrier', 'party', "Carriers", readonly=True)
    is_carrier = fields.Function(
        fields.Boolean(
            "Carrier", help="A carrier (运输商资料) names the party."),
        'get_is_carrier', searcher='search_is_carrier')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # Suppliers and carriers keep their persons as customers do
        cls.contacts.states = {
            'invisible': ~(Eval('is_customer', False)
                | Eval('is_supplier', False) | Eval('is_carrier', False)),
            }

    @classmethod
    def view_attributes(cls):
        return super().view_attributes() + [
            ('/form/notebook/page[@id="supplier"]', 'states', {
                    'invisible': ~Eval('is_supplier', False)}),
            ]

    @classmethod
    def default_is_supplier(cls):
        return Transaction().context.get('is_supplier', False)

    @classmethod
    def default_supplier_qualification(cls):
        # A new supplier is on trial until it is qualified
        if cls.default_is_supplier():
            return 'trial'

    @fields.depends('is_supplier', 'supplier_qualification')
    def on_change_is_supplier(self):
        if self.is_supplier and not self.supplier_qualification:
            self.supplier_qualification = 'trial'

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if (mode == 'create' and values.get('is_supplier')
                and not values.get('supplier_qualification')):
            values['supplier_qualification'] = 'trial'
        return values

    @classmethod
    def check_modification(cls, mode, parties, values=None, external=False):
        super().check_modification(
            mode, parties, values=values, external=external)
        if not external or cls._keeps_suppliers():
            return
        if mode == 'create':
            changed = [p for p in parties if p.is_supplier]
        elif mode == 'write' and SUPPLIER_FIELDS & values.keys():
            changed = [p for p in parties
                if any(cls._supplier_value(p, f) != values[f]
                    for f in SUPPLIER_FIELDS & values.keys())]
        else:
            changed = []
        if changed:
            raise AccessError(gettext('ame_partner.msg_supplier_fields',
                    party=changed[0].rec_name))

    @staticmethod
    def _supplier_value(party, name):
        value = getattr(party, name)
        return value.id if hasattr(value, 'id') else value

    @classmethod
    def _keeps_suppliers(cls):
        "Whether the user keeps the suppliers (the purchasing group)"
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        User = pool.get('res.user')
        return (ModelData.get_id('purchase', 'group_purchase')
            in User.get_groups())

    @classmethod
    def get_is_carrier(cls, parties, name):
        carriers = cls._carrier_party_ids([p.id for p in parties])
        return {p.id: p.id in carriers for p in parties}

    @classmethod
    def _carrier_party_ids(cls, party_ids):
        "The ids of the parties (among party_ids) that carriers name"
        Carrier = cls.carriers.get_target()
        with inactive_records():
            return {c.party.id for c in Carrier.search(
                        [('party', 'in', party_ids)])}

    @classmethod
    def search_is_carrier(cls, name, clause):
        _, operator, value = clause
        if operator not in {'=', '!='}:
            return []
        positive = bool(value) == (operator == '=')
        # A subquery on the carriers, the archived ones too
        return [('carriers', 'where' if positive else 'not where',
                [('active', 'in', [True, False])])]

    @classmethod
    def copy(cls, parties, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('carriers', None)
        default.setdefault('supplier_prices', None)
        return super().copy(parties, default=default)


class Contact(metaclass=PoolMeta):
    __name__ = 'ame.customer.contact'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # 供应商联系人 and 运输商联系人 are the persons of suppliers and
        # carriers, with the same model as 客户联系人
        cls.party.domain = ['OR',
            cls.party.domain,
            ('is_supplier', '=', True),
            ('is_carrier', '=', True),
            ]
