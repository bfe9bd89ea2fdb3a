# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
import json
from collections import defaultdict

from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, Workflow, fields
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateView, Wizard

REQUEST_STATES = [
    ('pending', "Pending"),
    ('approved', "Approved"),
    ('rejected', "Rejected"),
    ('cancelled', "Cancelled"),
    ]


class Request(Workflow, ModelSQL, ModelView):
    # 审批单: one submission of a document to the approval flow of a
    # business, with a snapshot of its amount and of its approved content. A
    # re-submission is a new request; the old ones stay in the history.
    # Nobody has write access: only the transitions, run by the steps'
    # buttons and the documents' transitions, move it.
    __name__ = 'ame.approval.request'
    __string__ = "Approval Request"

    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True,
        ondelete='CASCADE')
    document = fields.Reference(
        "Document", selection='get_models', required=True, readonly=True)
    business = fields.Many2One(
        'ame.approval.business', "Business", required=True, readonly=True,
        ondelete='RESTRICT')
    flow = fields.Many2One(
        'ame.approval.flow', "Flow", required=True, readonly=True,
        ondelete='RESTRICT')
    amount = Monetary(
        "Amount", currency='currency', digits='currency', readonly=True,
        help="The amount of the document when it was submitted, in the "
        "company currency.")
    currency = fields.Many2One(
        'currency.currency', "Currency", required=True, readonly=True,
        ondelete='RESTRICT')
    employee = fields.Many2One(
        'company.employee', "Employee", readonly=True, ondelete='SET NULL',
        help="The employee in charge of the document when it was submitted: "
        "the request is in his data scope.")
    department = fields.Many2One(
        'company.department', "Department", readonly=True,
        ondelete='SET NULL',
        help="The department whose managers approve the manager levels.")
    content = fields.Text(
        "Approved Content", readonly=True,
        help="What the approvers decide on (JSON): a change of it sends the "
        "document back to approval.")
    submitted_by = fields.Many2One(
        'res.user', "Submitted By", required=True, readonly=True,
        ondelete='RESTRICT')
    submitted_at = fields.DateTime(
        "Submitted At", required=True, readonly=True)
    closed_at = fields.DateTime("Closed At", readonly=True)
    state = fields.Selection(
        REQUEST_STATES, "State", required=True, readonly=True, sort=False)
    steps = fields.One2Many(
        'ame.approval.step', 'request', "Steps", readonly=True)
    # For the record rules of the documents: their approvers now
    pending_steps = fields.One2Many(
        'ame.approval.step', 'request', "Pending Steps", readonly=True,
        filter=[('state', '=', 'pending')])
    current_step = fields.Function(
        fields.Many2One('ame.approval.step', "Current Step"),
        'get_current_step')
    reason = fields.Text(
        "Reason", readonly=True,
        help="The comment of the approver who rejected, or what changed in "
        "the document since it was submitted.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.document, Index.Equality())),
                Index(t, (t.state, Index.Equality(cardinality='low')),
                    where=t.state == 'pending'),
                })
        cls._order = [
            ('submitted_at', 'DESC'),
            ('id', 'DESC'),
            ]
        cls._transitions |= {
            ('pending', 'approved'),
            ('pending', 'rejected'),
            ('pending', 'cancelled'),
            ('approved', 'cancelled'),
            }

    @classmethod
    def default_state(cls):
        return 'pending'

    @classmethod
    def get_models(cls):
        pool = Pool()
        IrModel = pool.get('ir.model')
        from .mixin import ApprovalMixin
        return IrModel.get_name_items(ApprovalMixin)

    def get_rec_name(self, name):
        # The document by its number, party and submitted amount
        return self.get_document_name()

    def get_document_name(self):
        "The name of the document with the amount of the request"
        if not self.document or self.document.id is None or (
                self.document.id < 0):
            return ''
        return self.document.get_approval_name(
            amount=self.amount, currency=self.currency)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('business.rec_name', operator, operand, *extra),
            ('submitted_by.rec_name', operator, operand, *extra),
            ]

    def get_submitted_message(self):
        "Tell the submitter who approves the request next"
        step = self.current_step
        if not step:
            return ''
        return gettext('ame_approval.msg_request_submitted',
            document=self.get_document_name(),
            business=self.business.rec_name,
            level=step.sequence,
            node=step.node.rec_name,
            approvers=step.get_approvers(None))

    def get_current_step(self, name):
        for step in self.steps:
            if step.state == 'pending':
                return step.id

    @classmethod
    def submit(cls, items):
        """Create and start a request for each (document, business, flow,
        amount); check that every level has an approver"""
        pool = Pool()
        Step = pool.get('ame.approval.step')
        User = pool.get('res.user')
        transaction = Transaction()
        user = User(transaction.user)
        now = dt.datetime.now()
        requests = []
        for document, business, flow, amount in items:
            department = document.get_approval_department()
            if not department:
                department = _user_department(user, business.company)
            requests.append(cls(
                    company=business.company,
                    document=document,
                    business=business,
                    flow=flow,
                    amount=amount,
                    currency=business.company.currency,
                    employee=getattr(document, 'employee', None),
                    department=department,
                    content=document.dump_approval_content(),
                    submitted_by=user,
                    submitted_at=now,
                    state='pending',
                    steps=[Step(
                            sequence=i,
                            node=level.node,
                            mode=level.node.mode,
                            state='waiting',
                            ) for i, level in enumerate(flow.levels, 1)],
                    ))
        with without_check_access():
            cls.save(requests)
            for request in requests:
                for step in request.steps:
                    step.check_candidates()
            Step.start([r.steps[0] for r in requests])
            cls.set_approval_state(requests, 'waiting')
        return requests

    @classmethod
    def step_done(cls, steps):
        "Go on with the requests of the decided steps"
        pool = Pool()
        Step = pool.get('ame.approval.step')
        to_reject, to_approve, to_start = [], [], []
        for step in steps:
            request = step.request
            if step.state == 'rejected':
                request.reason = step.get_reason()
                to_reject.append(request)
            elif step.state == 'approved':
                following = [s for s in request.steps
                    if s.state == 'waiting']
                if following:
                    to_start.append(following[0])
                else:
                    to_approve.append(request)
        with without_check_access():
            cls.save(to_reject)
            Step.start(to_start)
            cls.approve(to_approve)
            cls.reject(to_reject)
            cls.decided(to_approve + to_reject)

    @classmethod
    @Workflow.transition('approved')
    def approve(cls, requests):
        cls.write(requests, {'closed_at': dt.datetime.now()})

    @classmethod
    @Workflow.transition('rejected')
    def reject(cls, requests):
        pool = Pool()
        Step = pool.get('ame.approval.step')
        cls.write(requests, {'closed_at': dt.datetime.now()})
        Step.skip([s for r in requests for s in r.steps
                if s.state in {'waiting', 'pending'}])

    @classmethod
    def decided(cls, requests):
        """Tell the documents and the submitters the outcome of the closed
        requests (once their state is written: a rejected document goes
        back to draft, which withdraws its open requests)"""
        for state in ['approved', 'rejected']:
            closed = [r for r in cls.browse(requests) if r.state == state]
            cls.set_approval_state(closed, state)
            cls.notify_submitter(closed, state)
            for Model, documents in cls.group_documents(closed).items():
                getattr(Model, f'approval_{state}')(documents)

    @classmethod
    @Workflow.transition('cancelled')
    def cancel(cls, requests, reason=None):
        """Withdraw the requests of documents that went back or changed
        (reason: what changed); the documents need a new approval"""
        pool = Pool()
        Step = pool.get('ame.approval.step')
        cls.write(requests, {
                'closed_at': dt.datetime.now(),
                'reason': reason,
                })
        Step.skip([s for r in requests for s in r.steps
                if s.state in {'waiting', 'pending'}])
        cls.set_approval_state(requests, 'required')

    @classmethod
    def set_approval_state(cls, requests, state):
        "Store on the documents of the requests the state of their approval"
        for Model, documents in cls.group_documents(requests).items():
            Model.write(documents, {'approval_state': state})

    @classmethod
    def group_documents(cls, requests):
        documents = defaultdict(list)
        for request in requests:
            documents[request.document.__class__].append(request.document)
        return documents

    @classmethod
    def notify_submitter(cls, requests, state):
        for request in requests:
            send_notification(
                request.submitted_by,
                f'ame_approval.msg_notification_request_{state}',
                f'ame_approval.msg_notification_request_{state}_description',
                model=request.document.__name__,
                ids=[request.document.id],
                document=request.get_document_name,
                business=request.business.rec_name,
                reason=request.reason or '')


class RequestSubmittedStart(ModelView):
    __name__ = 'ame.approval.request.submitted.start'
    __string__ = "Submitted for Approval"

    message = fields.Text("Message", readonly=True)


class RequestSubmitted(Wizard):
    # Shown after 提交审批: who approves the submitted documents next.
    __name__ = 'ame.approval.request.submitted'
    __string__ = "Submitted for Approval"

    start = StateView(
        'ame.approval.request.submitted.start',
        'ame_approval.request_submitted_start_view_form', [
            Button("OK", 'end', 'tryton-ok', default=True),
            ])

    def default_start(self, fields):
        pool = Pool()
        Request = pool.get('ame.approval.request')
        if not self.model or not hasattr(self.model, 'submit_approval'):
            return {}
        with without_check_access():
            requests = Request.search([
                    ('document', 'in', [str(r) for r in self.records]),
                    ('state', '=', 'pending'),
                    ])
        return {
            'message': '\n'.join(
                r.get_submitted_message() for r in requests),
            }


def _user_department(user, company):
    "The department of the user's employee in the company"
    employees = [e for e in [user.employee, *user.employees]
        if e and e.company == company]
    if employees:
        return employees[0].department


def send_notification(user, label, description, model, ids, **values):
    """Create a notification for the user; label and description are
    message ids, formatted in the language of the user with the values
    (a callable value is called in that language)"""
    pool = Pool()
    Notification = pool.get('res.notification')
    language = user.language.code if user.language else None
    with Transaction().set_context(language=language):
        # The names in the language of the user
        values = {k: v() if callable(v) else v for k, v in values.items()}
        notification = Notification(
            user=user,
            label=gettext(label, **values),
            description=gettext(description, **values),
            icon='tryton-notification',
            model=model,
            records=json.dumps(ids),
            )
    with without_check_access():
        notification.save()
    return notification
