# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The approval of a Workflow document.

A document model adopts it in a few lines (see sale.py)::

    class Sale(ApprovalMixin, metaclass=PoolMeta):
        __name__ = 'sale.sale'
        # guarded transition -> states where it is submitted and executed
        _approval_transitions = {'confirm': ['quotation']}

        @classmethod
        def confirm(cls, sales):
            cls.check_approval(sales, 'confirm')
            super().confirm(sales)

        @classmethod
        @reset_approval
        def draft(cls, sales):
            super().draft(sales)

and its form gets a page with ``approval_state``, ``approval_reason``,
``approval_history`` and the ``submit_approval`` button.
"""
from collections import defaultdict
from functools import wraps

from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import without_check_access

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


class ApprovalMixin:
    "Approval of the guarded transitions of a Workflow document"
    __slots__ = ()

    # The transitions (button names) that an approval business can guard,
    # each with the states where the document is submitted to approval and
    # from which the transition runs once approved.
    _approval_transitions = {}
    # The transition that takes a rejected document back to draft
    _approval_reject_transition = 'draft'

    approval_state = fields.Function(
        fields.Selection(APPROVAL_STATES, "Approval State"),
        'get_approval')
    approval_reason = fields.Function(
        fields.Text(
            "Rejection Reason",
            help="Why the last approval request was rejected."),
        'get_approval')
    approval_requests = fields.Function(
        fields.Many2Many(
            'ame.approval.request', None, None, "Approval Requests"),
        'get_approval')
    approval_history = fields.Function(
        fields.Many2Many(
            'ame.approval.decision', None, None, "Approval History"),
        'get_approval')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        state = cls._transition_state
        states = sorted({s for ss in cls._approval_transitions.values()
                for s in ss})
        cls._buttons.update({
                'submit_approval': {
                    'invisible': (~Eval(state).in_(states)
                        | ~Eval('approval_state').in_(
                            ['required', 'rejected'])),
                    'depends': [state, 'approval_state'],
                    'icon': 'tryton-forward',
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
    def data_scope_domain(cls):
        # The approvers of a pending step see the document they decide on,
        # whatever their data scope (ame_base's record rules).
        pool = Pool()
        Step = pool.get('ame.approval.step')
        domain = super().data_scope_domain()
        with without_check_access():
            ids = [s.request.document.id for s in Step.search([
                        ('is_my_turn', '=', True),
                        ('request.document', 'like', f'{cls.__name__},%'),
                        ])]
        if ids:
            domain = ['OR', domain, ('id', 'in', ids)]
        return domain

    @classmethod
    def get_approval(cls, records, names):
        pool = Pool()
        Request = pool.get('ame.approval.request')
        Decision = pool.get('ame.approval.decision')
        result = {n: {} for n in names}
        references = [str(r) for r in records]
        with without_check_access():
            requests = Request.search([
                    ('document', 'in', references),
                    ])
            by_document = defaultdict(list)
            for request in requests:
                by_document[request.document].append(request)
            if 'approval_history' in names:
                history = defaultdict(list)
                for decision in Decision.search([
                            ('step.request.document', 'in', references),
                            ]):
                    history[decision.step.request.document].append(
                        decision.id)
            if 'approval_state' in names:
                to_route = [r for r in records
                    if not by_document[r]
                    or by_document[r][0].state == 'cancelled']
                routed = set()
                for transition in cls._approval_transitions:
                    for record, (_, flow, _) in cls.get_approval_routes(
                            to_route, transition).items():
                        if flow:
                            routed.add(record)
        states = {
            'pending': 'waiting',
            'approved': 'approved',
            'rejected': 'rejected',
            }
        for record in records:
            requests = by_document[record]
            latest = requests[0] if requests else None
            for name in names:
                if name == 'approval_state':
                    if latest and latest.state in states:
                        value = states[latest.state]
                    else:
                        value = 'required' if record in routed else 'none'
                elif name == 'approval_reason':
                    value = (latest.reason
                        if latest and latest.state == 'rejected' else None)
                elif name == 'approval_requests':
                    value = [r.id for r in requests]
                elif name == 'approval_history':
                    value = history[record]
                result[name][record.id] = value
        return result

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
        is not complete; call it at the top of the guarded transition"""
        states = cls._approval_transitions[transition]
        records = [r for r in records
            if getattr(r, cls._transition_state) in states]
        routes = cls.get_approval_routes(records, transition)
        routes = {r: v for r, v in routes.items() if v[1]}
        latest = cls.get_latest_requests(
            list(routes), {r: v[0] for r, v in routes.items()})
        for record, (business, flow, amount) in routes.items():
            request = latest.get(record)
            if not request or request.state != 'approved':
                raise ApprovalRequiredError(gettext(
                        'ame_approval.msg_approval_required',
                        document=record.rec_name,
                        business=business.rec_name))
            if request.amount != amount:
                raise ApprovalRequiredError(gettext(
                        'ame_approval.msg_approval_amount_changed',
                        document=record.rec_name,
                        business=business.rec_name))

    @classmethod
    @ModelView.button
    def submit_approval(cls, records):
        "Submit the documents to the approval of their next transition"
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
                            document=document.rec_name))
                if (request and request.state == 'approved'
                        and request.amount == amount):
                    raise ApprovalError(gettext(
                            'ame_approval.msg_approval_already_approved',
                            document=document.rec_name))
                items.append((document, business, flow, amount))
                submitted.add(document)
        for record in records:
            if record not in submitted:
                raise ApprovalError(gettext(
                        'ame_approval.msg_approval_not_needed',
                        document=record.rec_name))
        Request.submit(items)

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
