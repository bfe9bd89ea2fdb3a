# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The approval of a Workflow document.

A document model adopts it in a few lines (see sale.py)::

    class Sale(ApprovalMixin, metaclass=PoolMeta):
        __name__ = 'sale.sale'
        # guarded transition -> states where it is submitted and executed
        _approval_transitions = {'confirm': ['quotation']}
        # what the approvers decide on: its fields and messages
        _approval_content_fields = {'party', 'lines', ...}
        _approval_content_messages = {'customer': 'ame_approval.msg_...'}

        def get_approval_content(self):
            return {'customer': self.party.id, ...}

        @classmethod
        def confirm(cls, sales):
            cls.check_approval(sales, 'confirm')
            super().confirm(sales)

        @classmethod
        @reset_approval
        def draft(cls, sales):
            super().draft(sales)

its lines adopt ApprovalLineMixin, and its form gets a page with
``approval_state``, ``approval_reason``, ``approval_history``, the
``submit_approval`` button and the approvers' ``approve_approval`` and
``reject_approval`` buttons; its XML adds the actions of the wizards
``ame.approval.step.approve``, ``ame.approval.step.reject`` and
``ame.approval.request.submitted`` for its model (see sale.xml).
"""
import json
from collections import defaultdict
from functools import wraps

from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import (
    Transaction, check_access, without_check_access)

from .exceptions import ApprovalError, ApprovalRequiredError

APPROVAL_STATES = [
    ('none', "No Approval Needed"),
    ('required', "To Submit"),
    ('waiting', "Waiting Approval"),
    ('approved', "Approved"),
    ('rejected', "Rejected"),
    ]


def reset_approval(func):
    """Decorate a transition that takes documents back (draft, cancel): the
    pending or approved requests of the documents that changed state are
    cancelled"""
    @wraps(func)
    def wrapper(cls, records, *args, **kwargs):
        field = cls._transition_state
        before = {r.id: getattr(r, field) for r in records}
        result = func(cls, records, *args, **kwargs)
        changed = [r for r in cls.browse(list(before))
            if getattr(r, field) != before[r.id]]
        cls.cancel_approval(changed)
        return result
    return wrapper


def lines_content(lines):
    """The approved content of document lines: product (or description),
    quantity, unit and unit price, whatever their order (comments and
    subtotals are not approved)"""
    return sorted(([
                line.product.id if line.product else line.description,
                line.quantity,
                line.unit.id if line.unit else None,
                str(line.unit_price) if line.unit_price is not None else None,
                ] for line in lines if line.type == 'line'), key=str)


class ApprovalMixin:
    "Approval of the guarded transitions of a Workflow document"
    __slots__ = ()

    # The transitions (button names) that an approval business can guard,
    # each with the states where the document is submitted to approval and
    # from which the transition runs once approved.
    _approval_transitions = {}
    # The transition that takes a rejected document back to draft
    _approval_reject_transition = 'draft'
    # The fields whose change sends a submitted document back to approval,
    # and for each key of get_approval_content the message that names its
    # change
    _approval_content_fields = set()
    _approval_content_messages = {}

    # Stored for the lists, moved by the requests' transitions and set when
    # the document enters a state where it is submitted
    approval_state = fields.Selection(
        APPROVAL_STATES, "Approval State", readonly=True, required=True,
        sort=False)
    approval_reason = fields.Function(
        fields.Text(
            "Approval Reason",
            help="Why the document needs a new approval: the comment of "
            "the approver who rejected it, or what changed since it was "
            "submitted."),
        'get_approval')
    approval_requests = fields.One2Many(
        'ame.approval.request', 'document', "Approval Requests",
        readonly=True)
    approval_history = fields.Function(
        fields.Many2Many(
            'ame.approval.decision', None, None, "Approval History"),
        'get_approval')
    approval_my_turn = fields.Function(
        fields.Boolean(
            "My Approval Turn",
            help="The document waits for my approval (or for the approval "
            "of someone I substitute)."),
        'get_approval_my_turn')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        state = cls._transition_state
        states = sorted(cls._approval_submit_states())
        my_turn = ~Eval('approval_my_turn', False)
        cls._buttons.update({
                'submit_approval': {
                    'invisible': (~Eval(state).in_(states)
                        | ~Eval('approval_state').in_(
                            ['required', 'rejected'])),
                    'depends': [state, 'approval_state'],
                    'icon': 'tryton-forward',
                    },
                # The approver decides from the document's form too
                'approve_approval': {
                    'invisible': my_turn,
                    'depends': ['approval_my_turn'],
                    'icon': 'tryton-ok',
                    },
                'reject_approval': {
                    'invisible': my_turn,
                    'depends': ['approval_my_turn'],
                    'icon': 'tryton-cancel',
                    },
                })
        # The guarded buttons wait for the approval
        for transition in cls._approval_transitions:
            button = dict(cls._buttons.get(transition, {}))
            waiting = Eval('approval_state').in_(
                ['required', 'waiting', 'rejected'])
            if 'invisible' in button:
                button['invisible'] = button['invisible'] | waiting
            else:
                button['invisible'] = waiting
            button['depends'] = list(button.get('depends', [])) + [
                'approval_state']
            cls._buttons[transition] = button

    @classmethod
    def default_approval_state(cls):
        return 'none'

    @classmethod
    def _approval_submit_states(cls):
        return {s for ss in cls._approval_transitions.values() for s in ss}

    @classmethod
    def get_approval(cls, records, names):
        "The reason and history of the approvals, for the form"
        pool = Pool()
        Request = pool.get('ame.approval.request')
        Decision = pool.get('ame.approval.decision')
        result = {n: {} for n in names}
        # The requests that the user may read (function fields are
        # computed without access checks): the form shows nothing else.
        with check_access():
            requests = Request.search([
                    ('document', 'in', [str(r) for r in records]),
                    ])
        latest = {}
        for request in requests:
            latest.setdefault(request.document, request)
        history = defaultdict(list)
        if 'approval_history' in names:
            for decision in Decision.search([
                        ('step.request', 'in', [r.id for r in requests]),
                        ]):
                history[decision.step.request.document].append(decision.id)
        for record in records:
            request = latest.get(record)
            if 'approval_reason' in names:
                result['approval_reason'][record.id] = (request.reason
                    if request
                    and record.approval_state in {'required', 'rejected'}
                    and request.state in {'rejected', 'cancelled'}
                    else None)
            if 'approval_history' in names:
                result['approval_history'][record.id] = history[record]
        return result

    @classmethod
    def get_approval_my_turn(cls, records, name):
        steps = cls.get_my_approval_steps(records)
        documents = {s.request.document for s in steps}
        return {r.id: r in documents for r in records}

    @classmethod
    def get_my_approval_steps(cls, records):
        "Return the pending steps of the records that the user decides now"
        pool = Pool()
        Step = pool.get('ame.approval.step')
        if not records or not Transaction().user:
            return []
        with without_check_access():
            return Step.search([
                    ('state', '=', 'pending'),
                    ('request.document', 'in', [str(r) for r in records]),
                    ('is_my_turn', '=', True),
                    ])

    def get_approval_name(self, amount=None, currency=None):
        """Return the name of the document for its approvers: its number
        (rec_name), its party and its amount (by default the document's
        total)"""
        pool = Pool()
        Lang = pool.get('ir.lang')
        if amount is None:
            amount = getattr(self, 'total_amount', None)
            currency = getattr(self, 'currency', None)
        party = getattr(self, 'party', None)
        if not party:
            return self.rec_name
        if amount is None or not currency:
            return gettext('ame_approval.msg_approval_document_party',
                document=self.rec_name, party=party.rec_name)
        return gettext('ame_approval.msg_approval_document_name',
            document=self.rec_name, party=party.rec_name,
            amount=Lang.get().currency(amount, currency, grouping=True))

    @classmethod
    def _approval_action(cls, wizard):
        "Return the id of the action of the wizard for the model, or None"
        pool = Pool()
        ActionWizard = pool.get('ir.action.wizard')
        with without_check_access():
            actions = ActionWizard.search([
                    ('wiz_name', '=', wizard),
                    ('model', '=', cls.__name__),
                    ], limit=1)
        if actions:
            action, = actions
            return action.action.id

    def compute_fields(self, field_names=None):
        values = super().compute_fields(field_names=field_names)
        state = self._transition_state
        # Whether an approval is needed is known when the document enters
        # the states where it is submitted (its amount is fixed there).
        if ((field_names is None or state in field_names)
                and getattr(self, state) in self._approval_submit_states()
                and self.approval_state not in {'waiting', 'approved'}):
            value = self.get_approval_required([self])[self]
            if value != self.approval_state:
                values['approval_state'] = value
        return values

    @classmethod
    def get_approval_required(cls, records):
        """Return for each record 'required' if a transition from its state
        needs approval, else 'none'"""
        result = dict.fromkeys(records, 'none')
        for transition, states in cls._approval_transitions.items():
            routes = cls.get_approval_routes([r for r in records
                    if getattr(r, cls._transition_state) in states],
                transition)
            for record, (_, flow, _) in routes.items():
                if flow:
                    result[record] = 'required'
        return result

    @classmethod
    @without_check_access
    def refresh_approval_required(cls):
        """Recompute whether the documents to submit need approval, after a
        change of the configuration"""
        records = cls.search([
                (cls._transition_state, 'in',
                    list(cls._approval_submit_states())),
                ('approval_state', 'in', ['none', 'required']),
                ], order=[])
        to_write = defaultdict(list)
        for record, value in cls.get_approval_required(records).items():
            if value != record.approval_state:
                to_write[value].append(record)
        for value, records in to_write.items():
            cls.write(records, {'approval_state': value})

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        # Only the transitions move the approval state; checked before the
        # generic guard of read-only fields, whose message says less.
        if external and (
                (mode == 'write' and 'approval_state' in values)
                or (mode == 'create' and any(
                        r.approval_state != 'none' for r in records))):
            raise AccessError(gettext(
                    'ame_approval.msg_approval_state_modify'))
        super().check_modification(
            mode, records, values=values, external=external)

    @classmethod
    def on_modification(cls, mode, records, field_names=None):
        super().on_modification(mode, records, field_names=field_names)
        if mode == 'write' and field_names & cls._approval_content_fields:
            cls.withdraw_changed_approvals(records)

    @classmethod
    def copy(cls, records, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('approval_state', 'none')
        default.setdefault('approval_requests', None)
        return super().copy(records, default=default)

    def get_approval_content(self):
        """Return what the approvers decide on, as a JSON-able dict whose
        keys are in _approval_content_messages"""
        return {}

    def dump_approval_content(self):
        return json.dumps(
            self.get_approval_content(), sort_keys=True, default=str)

    def get_approval_changes(self, request):
        """Return the messages naming what changed since the request was
        submitted, joined, or None"""
        approved = json.loads(request.content or '{}')
        current = json.loads(self.dump_approval_content())
        changes = [gettext(message)
            for key, message in self._approval_content_messages.items()
            if approved.get(key) != current.get(key)]
        return '；'.join(changes) or None

    @classmethod
    def withdraw_changed_approvals(cls, records):
        """Cancel the pending or approved requests of the submitted records
        whose content changed, with what changed as the reason"""
        pool = Pool()
        Request = pool.get('ame.approval.request')
        states = cls._approval_submit_states()
        records = [r for r in records
            if r.approval_state in {'waiting', 'approved'}
            and getattr(r, cls._transition_state) in states]
        if not records:
            return
        with without_check_access():
            for request in Request.search([
                        ('document', 'in', [str(r) for r in records]),
                        ('state', 'in', ['pending', 'approved']),
                        ]):
                changes = request.document.get_approval_changes(request)
                if changes:
                    Request.cancel([request], reason=changes)

    @classmethod
    def get_approval_routes(cls, records, transition):
        """Return for each record (business, flow, amount) of the approval
        of the transition; flow is None when no approval is needed"""
        pool = Pool()
        Business = pool.get('ame.approval.business')
        routes = dict.fromkeys(records, (None, None, None))
        if not records:
            return routes
        with without_check_access():
            businesses = Business.search([
                    ('model', '=', cls.__name__),
                    ('transition', '=', transition),
                    ])
            remaining = list(records)
            for business in businesses:
                documents = [r for r in remaining
                    if getattr(r, 'company', business.company)
                    == business.company]
                documents = business.filter_documents(documents)
                amounts = {d: business.get_amount(d) for d in documents}
                documents = [d for d in documents
                    if business.applies_to_amount(amounts[d])]
                flows = business.get_flows(documents, amounts)
                for document in documents:
                    routes[document] = (
                        business, flows[document], amounts[document])
                    remaining.remove(document)
        return routes

    @classmethod
    def get_latest_requests(cls, records, businesses=None):
        """Return the latest request of each record (of its business when
        businesses maps the records to businesses)"""
        pool = Pool()
        Request = pool.get('ame.approval.request')
        latest = {}
        with without_check_access():
            for request in Request.search([
                        ('document', 'in', [str(r) for r in records]),
                        ]):
                document = request.document
                if document in latest:
                    continue
                if (businesses is not None
                        and businesses.get(document) != request.business):
                    continue
                latest[document] = request
        return latest

    @classmethod
    def check_approval(cls, records, transition):
        """Refuse the transition of the records that need an approval which
        is not complete or whose content changed since; call it at the top
        of the guarded transition"""
        states = cls._approval_transitions[transition]
        records = [r for r in records
            if getattr(r, cls._transition_state) in states]
        routes = cls.get_approval_routes(records, transition)
        routes = {r: v for r, v in routes.items() if v[1]}
        latest = cls.get_latest_requests(
            list(routes), {r: v[0] for r, v in routes.items()})
        for record, (business, flow, amount) in routes.items():
            request = latest.get(record)
            if request and request.state == 'approved':
                changes = record.get_approval_changes(request)
            elif request and request.state == 'cancelled' and request.reason:
                # Withdrawn because the document changed
                changes = request.reason
            else:
                raise ApprovalRequiredError(gettext(
                        'ame_approval.msg_approval_required',
                        document=record.get_approval_name(),
                        business=business.rec_name))
            if changes:
                raise ApprovalRequiredError(gettext(
                        'ame_approval.msg_approval_content_changed',
                        document=record.get_approval_name(),
                        business=business.rec_name,
                        changes=changes))

    @classmethod
    @ModelView.button
    def submit_approval(cls, records):
        """Submit the documents to the approval of their next transition;
        return the action that tells the submitter who approves next"""
        pool = Pool()
        Request = pool.get('ame.approval.request')
        items = []
        submitted = set()
        for transition, states in cls._approval_transitions.items():
            documents = [r for r in records
                if getattr(r, cls._transition_state) in states
                and r not in submitted]
            routes = cls.get_approval_routes(documents, transition)
            latest = cls.get_latest_requests(
                documents, {r: v[0] for r, v in routes.items()})
            for document in documents:
                business, flow, amount = routes[document]
                if not flow:
                    continue
                request = latest.get(document)
                if request and request.state == 'pending':
                    raise ApprovalError(gettext(
                            'ame_approval.msg_approval_pending',
                            document=document.get_approval_name()))
                if request and request.state == 'approved':
                    changes = document.get_approval_changes(request)
                    if not changes:
                        raise ApprovalError(gettext(
                                'ame_approval.msg_approval_already_approved',
                                document=document.get_approval_name()))
                    with without_check_access():
                        Request.cancel([request], reason=changes)
                items.append((document, business, flow, amount))
                submitted.add(document)
        for record in records:
            if record not in submitted:
                raise ApprovalError(gettext(
                        'ame_approval.msg_approval_not_needed',
                        document=record.get_approval_name()))
        Request.submit(items)
        return cls._approval_action('ame.approval.request.submitted')

    @classmethod
    @ModelView.button
    def approve_approval(cls, records):
        "Open the approval of the user's turn on the documents"
        cls.check_approval_turn(records)
        return cls._approval_action('ame.approval.step.approve')

    @classmethod
    @ModelView.button
    def reject_approval(cls, records):
        "Open the rejection of the user's turn on the documents"
        cls.check_approval_turn(records)
        return cls._approval_action('ame.approval.step.reject')

    @classmethod
    def check_approval_turn(cls, records):
        """Return the steps of the records that the user decides now; raise
        when a record does not wait for him"""
        steps = cls.get_my_approval_steps(records)
        documents = {s.request.document for s in steps}
        for record in records:
            if record not in documents:
                raise ApprovalError(gettext(
                        'ame_approval.msg_approval_not_my_turn',
                        document=record.get_approval_name()))
        return steps

    @classmethod
    def cancel_approval(cls, records):
        "Cancel the pending and approved requests of the records"
        pool = Pool()
        Request = pool.get('ame.approval.request')
        if not records:
            return
        with without_check_access():
            requests = Request.search([
                    ('document', 'in', [str(r) for r in records]),
                    ('state', 'in', ['pending', 'approved']),
                    ])
            Request.cancel(requests)

    def get_approval_department(self):
        """The department whose managers approve the manager levels: the
        department of the document, else of its employee (None: the
        department of the submitter)"""
        department = getattr(self, 'department', None)
        if department:
            return department
        employee = getattr(self, 'employee', None)
        if employee:
            return employee.department

    @classmethod
    def approval_approved(cls, records):
        "Called when the approval of the records is complete"
        pass

    @classmethod
    def approval_rejected(cls, records):
        "Called when the approval of the records is rejected: back to draft"
        getattr(cls, cls._approval_reject_transition)(records)

    @classmethod
    def on_delete(cls, records):
        pool = Pool()
        Request = pool.get('ame.approval.request')
        callback = super().on_delete(records)
        with without_check_access():
            requests = Request.search([
                    ('document', 'in', [str(r) for r in records]),
                    ])
        if requests:
            def delete_requests():
                with without_check_access():
                    Request.delete(Request.browse(requests))
            callback.append(delete_requests)
        return callback


class ApprovalLineMixin:
    "The lines of an approved document: their change withdraws its approval"
    __slots__ = ()
    # The Many2One to the document
    _approval_document = None

    @classmethod
    def _approval_documents(cls, lines):
        Document = cls._fields[cls._approval_document].get_target()
        return Document, Document.browse(list({
                    getattr(line, cls._approval_document).id
                    for line in lines}))

    @classmethod
    def on_modification(cls, mode, lines, field_names=None):
        super().on_modification(mode, lines, field_names=field_names)
        if mode != 'delete':
            Document, documents = cls._approval_documents(lines)
            Document.withdraw_changed_approvals(documents)

    @classmethod
    def on_delete(cls, lines):
        callback = super().on_delete(lines)
        Document, documents = cls._approval_documents(lines)
        callback.append(
            lambda: Document.withdraw_changed_approvals(
                Document.browse(documents)))
        return callback


class ApprovalConfigurationMixin:
    """A part of the approval configuration: its change tells the documents
    waiting to be submitted whether they need approval now"""
    __slots__ = ()

    def get_approval_model(self):
        "Return the name of the document model that the record configures"
        raise NotImplementedError

    @classmethod
    def refresh_approval_required(cls, model_names):
        pool = Pool()
        for model_name in filter(None, model_names):
            try:
                Model = pool.get(model_name)
            except KeyError:
                continue
            if issubclass(Model, ApprovalMixin):
                Model.refresh_approval_required()

    @classmethod
    def on_modification(cls, mode, records, field_names=None):
        super().on_modification(mode, records, field_names=field_names)
        if mode != 'delete':
            cls.refresh_approval_required(
                {r.get_approval_model() for r in records})

    @classmethod
    def on_delete(cls, records):
        callback = super().on_delete(records)
        model_names = {r.get_approval_model() for r in records}
        callback.append(lambda: cls.refresh_approval_required(model_names))
        return callback
