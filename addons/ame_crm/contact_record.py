# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""客户联系记录: what a sales rep did with a customer, and what he does next.

A contact record (a visit, a call, a WeChat conversation ...) belongs to a
customer and is read by whoever may read the customer (``__access__``): the
owner who takes a customer over, from the public pool too, reads the
history of those before him. It is changed only by its author and those
whose data scope covers him (the global rule of contact_record.xml).

A record may plan a follow-up (next date and action). The follow-up is
open until a later record of the same customer is logged, or its author
marks it done: 我的跟进 lists the open ones due today or overdue. The
customer keeps the date of its last contact (``last_contact``), which
restarts the public pool's timer.
"""
import datetime as dt

from sql.aggregate import Max

from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, fields
from trytond.model.exceptions import AccessError
from trytond.modules.ame_base.dictionary import dictionary_field
from trytond.modules.ame_base.guard import WorkflowGuardMixin
from trytond.modules.ame_base.model import InputBoundsMixin
from trytond.modules.ame_permission.data_scope import employees_out_of_scope
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Bool, Eval
from trytond.tools import grouped_slice
from trytond.transaction import (
    Transaction, check_access, without_check_access)

FOLLOW_UPS = [
    ('none', "None"),
    ('open', "Open"),
    ('done', "Done"),
    ]


class ContactRecord(WorkflowGuardMixin, InputBoundsMixin, ModelSQL,
        ModelView):
    __name__ = 'ame.contact.record'
    __string__ = "Contact Record"

    party = fields.Many2One(
        'party.party', "Customer", required=True, ondelete='CASCADE',
        domain=[('is_customer', '=', True)],
        states={'readonly': Eval('id', -1) >= 0})
    contact = fields.Many2One(
        'ame.customer.contact', "Contact", ondelete='SET NULL',
        domain=[('party', '=', Eval('party', -1))],
        help="The person of the customer who was contacted.")
    employee = fields.Many2One(
        'company.employee', "Employee", required=True,
        states={'readonly': Eval('id', -1) >= 0},
        help="Who contacted the customer.")
    date = fields.DateTime("Date", required=True)
    type = dictionary_field('contact_type', "Type", required=True)
    content = fields.Text("Content", required=True)
    outcome = fields.Text("Outcome")
    opportunity = fields.Many2One(
        'sale.opportunity', "Opportunity", ondelete='SET NULL',
        domain=[
            ('party', '=', Eval('party', -1)),
            ],
        help="The opportunity the contact was about.")
    next_date = fields.Date(
        "Next Follow-up",
        states={'readonly': Eval('follow_up') == 'done'},
        help="When to contact the customer again.")
    next_action = fields.Char(
        "Next Action",
        states={
            'readonly': Eval('follow_up') == 'done',
            'required': Bool(Eval('next_date')),
            })
    follow_up = fields.Selection(
        FOLLOW_UPS, "Follow-up", readonly=True,
        help="Open until a later contact with the customer is recorded or "
        "the follow-up is marked done.")
    overdue = fields.Function(
        fields.Boolean("Overdue"), 'get_overdue')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('party')
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.party, Index.Range()), (t.date, Index.Range())),
                Index(t,
                    (t.employee, Index.Range()),
                    (t.next_date, Index.Range()),
                    where=t.follow_up == 'open'),
                })
        cls._order = [('date', 'DESC'), ('id', 'DESC')]
        cls._buttons.update({
                'done_follow_up': {
                    'invisible': Eval('follow_up') != 'open',
                    'depends': ['follow_up'],
                    },
                })

    @classmethod
    def default_date(cls):
        return dt.datetime.now().replace(microsecond=0)

    @classmethod
    def default_employee(cls):
        return Transaction().context.get('employee')

    @classmethod
    def default_party(cls):
        return Transaction().context.get('customer')

    @classmethod
    def default_follow_up(cls):
        return 'none'

    def get_rec_name(self, name):
        return ' '.join(filter(None, [
                    self.party.rec_name if self.party else None,
                    self.type.name if self.type else None,
                    self.date.strftime('%Y-%m-%d %H:%M')
                    if self.date else None]))

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('party.rec_name', operator, operand, *extra),
            ('content', operator, operand, *extra),
            ]

    def get_overdue(self, name):
        pool = Pool()
        Date = pool.get('ir.date')
        return bool(self.follow_up == 'open' and self.next_date
            and self.next_date < Date.today())

    @classmethod
    def _before_create(cls, vlist):
        # A rep records his own contacts, a manager those of his team: said
        # before the rule refuses it, with a message that says why
        pool = Pool()
        Employee = pool.get('company.employee')
        transaction = Transaction()
        if transaction.user and transaction.check_access:
            employees = {v['employee'] for v in vlist if v.get('employee')}
            if out := employees_out_of_scope(Employee.browse(employees)):
                raise AccessError(gettext(
                        'ame_crm.msg_contact_record_employee',
                        employee=out[0].rec_name))
        return super()._before_create(vlist)

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if mode == 'create':
            # A planned follow-up is open until it is done
            values['follow_up'] = 'open' if values.get('next_date') else 'none'
        return values

    @classmethod
    def on_modification(cls, mode, records, field_names=None):
        pool = Pool()
        Party = pool.get('party.party')
        super().on_modification(mode, records, field_names=field_names)
        # What the server keeps of the records, whoever wrote them
        with without_check_access():
            if mode == 'create':
                cls._close_follow_ups(records)
            if mode == 'write' and 'next_date' in field_names:
                cls._reopen_follow_ups(records)
        if mode == 'create' or {'date', 'party'} & set(field_names or []):
            Party.update_last_contact({r.party.id for r in records})

    @classmethod
    def on_delete(cls, records):
        pool = Pool()
        Party = pool.get('party.party')
        callback = super().on_delete(records)
        parties = {r.party.id for r in records}
        callback.append(lambda: Party.update_last_contact(parties))
        return callback

    @classmethod
    def _close_follow_ups(cls, records):
        "The open follow-ups of the customers that a new record follows"
        to_close = []
        for record in records:
            to_close.extend(cls.search([
                        ('party', '=', record.party.id),
                        ('follow_up', '=', 'open'),
                        ('date', '<', record.date),
                        ('id', 'not in', [r.id for r in records]),
                        ], order=[]))
        if to_close:
            cls.write(to_close, {'follow_up': 'done'})

    @classmethod
    def _reopen_follow_ups(cls, records):
        "A follow-up planned again is open; one whose date is removed, none"
        to_write = {}
        for record in records:
            if record.follow_up == 'done':
                continue
            state = 'open' if record.next_date else 'none'
            if state != record.follow_up:
                to_write.setdefault(state, []).append(record)
        for state, to_write in to_write.items():
            cls.write(to_write, {'follow_up': state})

    @classmethod
    @ModelView.button
    def done_follow_up(cls, records):
        cls.check_follow_up_author(records)
        cls.write(
            [r for r in records if r.follow_up == 'open'],
            {'follow_up': 'done'})

    @classmethod
    def check_follow_up_author(cls, records):
        """The button runs without the rules: only those who may change
        the records mark their follow-ups done"""
        pool = Pool()
        Rule = pool.get('ir.rule')
        with check_access():
            Rule.check(cls.__name__, [r.id for r in records], 'write')


class Party(metaclass=PoolMeta):
    __name__ = 'party.party'

    contact_records = fields.One2Many(
        'ame.contact.record', 'party', "Contact Records",
        states={'invisible': ~Eval('is_customer', False)})
    last_contact = fields.DateTime(
        "Last Contact", readonly=True,
        states={'invisible': ~Eval('is_customer', False)},
        help="The date of the customer's last contact record.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.add(Index(t, (t.last_contact, Index.Range())))

    @classmethod
    def update_last_contact(cls, party_ids):
        """Store the date of the last contact record of the parties; in
        SQL, so that neither the party's write date nor its checks move"""
        pool = Pool()
        Record = pool.get('ame.contact.record')
        party = cls.__table__()
        record = Record.__table__()
        cursor = Transaction().connection.cursor()
        in_ = fields.SQL_OPERATORS['in']
        for sub_ids in grouped_slice(list(party_ids), 1000):
            last = record.select(Max(record.date),
                where=record.party == party.id)
            cursor.execute(*party.update(
                    [party.last_contact], [last],
                    where=in_(party.id, list(sub_ids))))
        cls._cache_clear(party_ids)

    @classmethod
    def _cache_clear(cls, party_ids):
        # The parties read in this transaction before the update
        transaction = Transaction()
        cache = transaction.get_cache().get(cls.__name__)
        if cache:
            for id_ in party_ids:
                cache.pop(id_, None)

    @classmethod
    def copy(cls, parties, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('contact_records', None)
        default.setdefault('last_contact', None)
        return super().copy(parties, default=default)
