# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
import json

from trytond.i18n import gettext
from trytond.model import Index, ModelSQL, ModelView, Workflow, fields
from trytond.modules.ame_base.model import InputBoundsMixin
from trytond.modules.currency.fields import Monetary
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

from .exceptions import ApprovalError, ApproverError
from .request import REQUEST_STATES, send_notification

STEP_STATES = [
    ('waiting', "Waiting"),
    ('pending', "Pending"),
    ('approved', "Approved"),
    ('rejected', "Rejected"),
    ('skipped', "Skipped"),
    ]


class Step(Workflow, ModelSQL, ModelView):
    # A level of an approval request. Its approvers (candidates) are
    # resolved from the node when the step starts; "我的待审批" lists the
    # pending steps where the user is an approver or a substitute.
    #
    # Nobody may write the steps: the approve and reject buttons belong to
    # the approvers' group (every AME role has it), are shown only when it
    # is the user's turn, and record the decision through the transitions.
    __name__ = 'ame.approval.step'
    __string__ = "Approval Step"

    request = fields.Many2One(
        'ame.approval.request', "Request", required=True, readonly=True,
        ondelete='CASCADE')
    sequence = fields.Integer("Level", required=True, readonly=True)
    node = fields.Many2One(
        'ame.approval.node', "Node", required=True, readonly=True,
        ondelete='RESTRICT')
    mode = fields.Selection([
            ('any', "Any One"),
            ('all', "All"),
            ], "Mode", required=True, readonly=True)
    candidates = fields.Many2Many(
        'ame.approval.step-res.user', 'step', 'user', "Approvers",
        readonly=True,
        help="The users who approve the step, set when it starts.")
    approvers = fields.Function(
        fields.Char(
            "Approvers",
            help="The names of the users who approve the step."),
        'get_approvers')
    state = fields.Selection(
        STEP_STATES, "State", required=True, readonly=True, sort=False)
    state_string = state.translated('state')
    started_at = fields.DateTime("Started At", readonly=True)
    finished_at = fields.DateTime("Finished At", readonly=True)
    decisions = fields.One2Many(
        'ame.approval.decision', 'step', "Decisions", readonly=True)
    is_my_turn = fields.Function(
        fields.Boolean(
            "My Turn",
            help="The step waits for my decision (or for the decision of "
            "someone I substitute)."),
        'get_is_my_turn', searcher='search_is_my_turn')
    decided_by_me = fields.Function(
        fields.Boolean("Decided by Me"),
        'get_decided_by_me', searcher='search_decided_by_me')
    my_decision = fields.Function(
        fields.Selection([
                (None, ""),
                ('approve', "Approved"),
                ('reject', "Rejected"),
                ], "My Decision"),
        'get_my_decision')
    my_comment = fields.Function(
        fields.Text("My Comment"), 'get_my_decision')
    waiting = fields.Function(
        fields.TimeDelta(
            "Waiting",
            help="How long the step has waited for its approvers (until "
            "they decided)."),
        'get_waiting')

    # The request seen from the step, for the lists
    document = fields.Function(
        fields.Reference("Document", selection='get_models'),
        'get_request_field', searcher='search_request_field')
    party = fields.Function(
        fields.Char(
            "Customer or Supplier",
            help="The party of the document."),
        'get_party')
    business = fields.Function(
        fields.Many2One('ame.approval.business', "Business"),
        'get_request_field', searcher='search_request_field')
    company = fields.Function(
        fields.Many2One('company.company', "Company"),
        'get_request_field', searcher='search_request_field')
    amount = fields.Function(
        Monetary("Amount", currency='currency', digits='currency'),
        'get_request_field', searcher='search_request_field')
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'get_request_field')
    submitted_by = fields.Function(
        fields.Many2One('res.user', "Submitted By"),
        'get_request_field', searcher='search_request_field')
    submitted_at = fields.Function(
        fields.DateTime("Submitted At"),
        'get_request_field', searcher='search_request_field')
    request_state = fields.Function(
        fields.Selection(REQUEST_STATES, "Request State"),
        'get_request_field')
    history = fields.Function(
        fields.Many2Many(
            'ame.approval.decision', None, None, "History"),
        'get_history')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('request')
        t = cls.__table__()
        cls._sql_indexes.add(
            Index(t, (t.state, Index.Equality(cardinality='low')),
                where=t.state == 'pending'))
        cls._order = [
            ('request', 'DESC'),
            ('sequence', 'ASC'),
            ('id', 'ASC'),
            ]
        cls._transitions |= {
            ('waiting', 'pending'),
            ('pending', 'approved'),
            ('pending', 'rejected'),
            ('waiting', 'skipped'),
            ('pending', 'skipped'),
            }
        # The server refuses a click out of turn (the state of the button);
        # check_turn explains why to the code that decides without a click.
        cls._buttons.update({
                'approve': {
                    'invisible': ~Eval('is_my_turn', False),
                    'depends': ['is_my_turn'],
                    'icon': 'tryton-ok',
                    },
                'reject': {
                    'invisible': ~Eval('is_my_turn', False),
                    'depends': ['is_my_turn'],
                    'icon': 'tryton-cancel',
                    },
                })

    @classmethod
    def default_state(cls):
        return 'waiting'

    @classmethod
    def get_models(cls):
        # Only the documents that the user may read: Tryton drops from the
        # views a reference whose models are not all readable, and reading
        # the name of an unreadable document fails. The access of the user
        # is read directly as function fields are computed without checks.
        pool = Pool()
        Request = pool.get('ame.approval.request')
        ModelAccess = pool.get('ir.model.access')
        models = Request.get_models()
        if Transaction().user:
            access = ModelAccess.get_access([m for m, _ in models])
            models = [(m, n) for m, n in models if access[m]['read']]
        # An unreadable document is shown empty.
        return [(None, '')] + models

    def get_rec_name(self, name):
        return gettext('ame_approval.msg_step_name',
            request=self.request.rec_name, level=self.sequence,
            node=self.node.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('request.rec_name', operator, operand, *extra),
            ('node.rec_name', operator, operand, *extra),
            ]

    @classmethod
    def get_request_field(cls, steps, names):
        readable = {model for model, _ in cls.get_models() if model}
        result = {}
        for name in names:
            values = result[name] = {}
            for step in steps:
                value = getattr(step.request, name.replace('request_', ''))
                if name == 'document':
                    model = getattr(value, '__name__', None)
                    value = str(value) if model in readable else None
                elif isinstance(value, ModelSQL):
                    value = value.id
                values[step.id] = value
        return result

    @classmethod
    def search_request_field(cls, name, clause):
        return [('request.' + clause[0], *clause[1:])]

    def get_approvers(self, name):
        return '、'.join(u.rec_name for u in self.candidates)

    @classmethod
    def get_party(cls, steps, name):
        readable = {model for model, _ in cls.get_models() if model}
        result = {}
        for step in steps:
            document = step.request.document
            party = getattr(document, 'party', None)
            result[step.id] = (party.rec_name
                if party and document.__name__ in readable else None)
        return result

    def get_waiting(self, name):
        if not self.started_at:
            return None
        end = self.finished_at or dt.datetime.now()
        # To the minute: the list shows days, hours and minutes
        return dt.timedelta(
            minutes=int((end - self.started_at).total_seconds() // 60))

    @classmethod
    def get_my_decision(cls, steps, names):
        user = Transaction().user
        result = {n: {} for n in names}
        for step in steps:
            mine = [d for d in step.decisions if d.user.id == user]
            decision = mine[-1] if mine else None
            if 'my_decision' in names:
                result['my_decision'][step.id] = (
                    decision.decision if decision else None)
            if 'my_comment' in names:
                result['my_comment'][step.id] = (
                    decision.comment if decision else None)
        return result

    def get_history(self, name):
        return [d.id for s in self.request.steps for d in s.decisions]

    @staticmethod
    def _transaction_user():
        return Pool().get('res.user')(Transaction().user)

    def get_principals(self, user, date=None):
        """Return the approvers of the step for whom the user decides now:
        himself and those he substitutes, who have not decided yet"""
        pool = Pool()
        Delegation = pool.get('ame.approval.delegation')
        if self.state != 'pending' or user == self.request.submitted_by:
            return []
        decided = {d.on_behalf_of or d.user for d in self.decisions}
        candidates = set(self.candidates) - decided
        principals = [user] if user in candidates else []
        for principal in Delegation.get_principals(
                user, self.request.business, date):
            if principal in candidates and principal not in principals:
                principals.append(principal)
        return principals

    def get_is_my_turn(self, name):
        return bool(self.get_principals(self._transaction_user()))

    @classmethod
    def search_is_my_turn(cls, name, clause):
        pool = Pool()
        Delegation = pool.get('ame.approval.delegation')
        Date = pool.get('ir.date')
        _, operator, value = clause
        user = cls._transaction_user()
        today = Date.today()
        with without_check_access():
            delegations = Delegation.search([
                    ('substitute', '=', user.id),
                    ('from_date', '<=', today),
                    ('to_date', '>=', today),
                    ])
            domain = ['OR', ('candidates', '=', user.id)]
            for delegation in delegations:
                if delegation.business:
                    domain.append([
                            ('candidates', '=', delegation.user.id),
                            ('request.business', '=',
                                delegation.business.id),
                            ])
                else:
                    domain.append(('candidates', '=', delegation.user.id))
            steps = cls.search([('state', '=', 'pending'), domain])
            ids = [s.id for s in steps if s.get_principals(user, today)]
        if (operator == '=') == bool(value):
            return [('id', 'in', ids)]
        return [('id', 'not in', ids)]

    def get_decided_by_me(self, name):
        user = self._transaction_user()
        return any(d.user == user for d in self.decisions)

    @classmethod
    def search_decided_by_me(cls, name, clause):
        _, operator, value = clause
        user = Transaction().user
        if (operator == '=') == bool(value):
            return [('decisions.user', '=', user)]
        return [('decisions.user', '!=', user)]

    def check_candidates(self):
        "Return the approvers of the step; raise if there is none"
        candidates = self.node.get_candidates(self.request)
        if not candidates:
            raise ApprovalError(gettext(
                    'ame_approval.msg_step_no_approver',
                    document=self.request.get_document_name(),
                    level=self.sequence,
                    node=self.node.rec_name,
                    flow=self.request.flow.rec_name))
        return candidates

    @classmethod
    @without_check_access
    @Workflow.transition('pending')
    def start(cls, steps):
        "Resolve the approvers of the steps, make them pending and notify"
        now = dt.datetime.now()
        for step in steps:
            step.candidates = step.check_candidates()
            step.started_at = now
        cls.save(steps)
        cls.notify_approvers(steps)

    @classmethod
    @Workflow.transition('approved')
    def grant(cls, steps):
        "Close the steps that their approvers approved"
        cls.write(steps, {'finished_at': dt.datetime.now()})

    @classmethod
    @Workflow.transition('rejected')
    def refuse(cls, steps):
        "Close the steps that an approver rejected"
        cls.write(steps, {'finished_at': dt.datetime.now()})

    @classmethod
    def notify_approvers(cls, steps):
        "Notify once each approver and substitute of the steps"
        pool = Pool()
        Delegation = pool.get('ame.approval.delegation')
        cls.remove_notifications(steps)
        for step in steps:
            request = step.request
            substitutes = Delegation.get_substitutes(
                step.candidates, request.business)
            recipients = list(step.candidates)
            for candidate in step.candidates:
                for substitute in substitutes.get(candidate, []):
                    if (substitute not in recipients
                            and substitute != request.submitted_by):
                        recipients.append(substitute)
            for user in recipients:
                send_notification(
                    user,
                    'ame_approval.msg_notification_step_label',
                    'ame_approval.msg_notification_step_description',
                    model=cls.__name__,
                    ids=[step.id],
                    document=request.get_document_name,
                    business=request.business.rec_name,
                    level=step.sequence,
                    node=step.node.rec_name,
                    submitter=request.submitted_by.rec_name)

    @classmethod
    @without_check_access
    def remove_notifications(cls, steps, users=None):
        """Remove the notifications of the steps (only of the users): the
        bell lists only what still waits for the user"""
        pool = Pool()
        Notification = pool.get('res.notification')
        if not steps:
            return
        domain = [
            ('model', '=', cls.__name__),
            ('records', 'in', [json.dumps([s.id]) for s in steps]),
            ]
        if users is not None:
            domain.append(('user', 'in', [u.id for u in users]))
        notifications = Notification.search(domain)
        # Tryton's notifications fail to delete none on PostgreSQL ("IN ()")
        if notifications:
            Notification.delete(notifications)

    @classmethod
    @without_check_access
    @Workflow.transition('skipped')
    def skip(cls, steps):
        cls.write(steps, {'finished_at': dt.datetime.now()})
        cls.remove_notifications(steps)

    def get_reason(self):
        for decision in reversed(self.decisions):
            if decision.decision == 'reject':
                return decision.comment

    @classmethod
    @ModelView.button_action('ame_approval.wizard_step_approve')
    def approve(cls, steps):
        "Open the approval, with an optional comment"
        cls.check_turn(steps)

    @classmethod
    @ModelView.button_action('ame_approval.wizard_step_reject')
    def reject(cls, steps):
        "Open the rejection, with its reason"
        cls.check_turn(steps)

    @classmethod
    def check_turn(cls, steps, date=None):
        """Raise unless the user decides each step now; return the
        principals for each step"""
        user = cls._transaction_user()
        principals = {}
        for step in steps:
            if step.state != 'pending':
                raise ApprovalError(gettext(
                        'ame_approval.msg_step_not_pending',
                        step=step.rec_name,
                        state=step.state_string))
            if user == step.request.submitted_by:
                raise ApproverError(gettext(
                        'ame_approval.msg_step_own_document',
                        step=step.rec_name))
            principals[step] = step.get_principals(user, date)
            if not principals[step]:
                if any(d.user == user for d in step.decisions):
                    raise ApprovalError(gettext(
                            'ame_approval.msg_step_already_decided',
                            step=step.rec_name))
                raise ApproverError(gettext(
                        'ame_approval.msg_step_not_approver',
                        step=step.rec_name,
                        user=user.rec_name))
        return principals

    @classmethod
    def decide(cls, steps, decision, comment=None):
        """Record the decision of the user (and of those he substitutes) on
        the steps and go on with their requests"""
        pool = Pool()
        Decision = pool.get('ame.approval.decision')
        Request = pool.get('ame.approval.request')
        assert decision in {'approve', 'reject'}
        if comment is not None and not isinstance(comment, str):
            raise ApprovalError(gettext('ame_approval.msg_comment_invalid'))
        comment = (comment or '').strip() or None
        if decision == 'reject' and not comment:
            raise ApprovalError(gettext(
                    'ame_approval.msg_reject_comment_required'))
        principals = cls.check_turn(steps)
        user = cls._transaction_user()
        now = dt.datetime.now()
        with without_check_access():
            Decision.save([Decision(
                        step=step,
                        user=user,
                        on_behalf_of=principal if principal != user else None,
                        decision=decision,
                        comment=comment,
                        date=now,
                        )
                    for step in steps for principal in principals[step]])
            steps = cls.browse(steps)
            if decision == 'reject':
                done = steps
                cls.refuse(done)
            else:
                done = [s for s in steps if s.mode == 'any'
                    or {d.on_behalf_of or d.user for d in s.decisions}
                    >= set(s.candidates)]
                cls.grant(done)
            done = cls.browse(done)
            # Once the step is decided, or the user (and those he
            # substitutes) decided, it waits no longer for him
            cls.remove_notifications(done)
            cls.remove_notifications(
                steps, users=[user, *{p for ps in principals.values()
                        for p in ps}])
            Request.step_done(done)


class StepUser(ModelSQL):
    __name__ = 'ame.approval.step-res.user'
    __string__ = "Approval Step - User"

    step = fields.Many2One(
        'ame.approval.step', "Step", required=True, ondelete='CASCADE')
    user = fields.Many2One(
        'res.user', "User", required=True, ondelete='CASCADE')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('step')


class Decision(InputBoundsMixin, ModelSQL, ModelView):
    # 审批记录: who decided, for whom, when, what and why.
    __name__ = 'ame.approval.decision'
    __string__ = "Approval Decision"

    step = fields.Many2One(
        'ame.approval.step', "Step", required=True, readonly=True,
        ondelete='CASCADE')
    user = fields.Many2One(
        'res.user', "Approver", required=True, readonly=True,
        ondelete='RESTRICT')
    on_behalf_of = fields.Many2One(
        'res.user', "On Behalf Of", readonly=True, ondelete='RESTRICT',
        help="The approver whom the user substitutes.")
    approver = fields.Function(
        fields.Char("Approver"), 'get_approver')
    decision = fields.Selection([
            ('approve', "Approved"),
            ('reject', "Rejected"),
            ], "Decision", required=True, readonly=True)
    decision_string = decision.translated('decision')
    comment = fields.Text("Comment", readonly=True)
    date = fields.DateTime("Date", required=True, readonly=True)
    level = fields.Function(
        fields.Integer("Level"), 'get_step_field')
    node = fields.Function(
        fields.Many2One('ame.approval.node', "Node"), 'get_step_field')
    request = fields.Function(
        fields.Many2One('ame.approval.request', "Request"),
        'get_step_field', searcher='search_request')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('step')
        cls._order = [
            ('date', 'ASC'),
            ('id', 'ASC'),
            ]

    def get_approver(self, name):
        if self.on_behalf_of:
            return gettext(
                'ame_approval.msg_decision_on_behalf_of',
                user=self.user.rec_name,
                principal=self.on_behalf_of.rec_name)
        return self.user.rec_name

    def get_step_field(self, name):
        if name == 'level':
            return self.step.sequence
        return getattr(self.step, name).id

    @classmethod
    def search_request(cls, name, clause):
        return [('step.' + clause[0], *clause[1:])]

    def get_rec_name(self, name):
        return '%s: %s' % (self.approver, self.decision_string)


class StepDecideStart(ModelView):
    __name__ = 'ame.approval.step.decide.start'
    __string__ = "Approval Decision"

    decision = fields.Selection([
            ('approve', "Approve"),
            ('reject', "Reject"),
            ], "Decision", readonly=True)
    documents = fields.Text("Documents", readonly=True)
    comment = fields.Text(
        "Comment",
        states={
            'required': Eval('decision') == 'reject',
            },
        help="Why the document is approved or rejected; the submitter "
        "reads it. A rejection needs it.")


class StepDecide(Wizard):
    # 同意 / 驳回 with a comment, run from 我的待审批 (the steps) or from
    # the document's form (its step of the user's turn). The decision is the
    # wizard's, never a value of the form.
    # The subclasses define the start view with their buttons (Wizard
    # copies a state from the first class that defines it)
    _decision = None
    decide = StateTransition()

    def steps(self):
        """The steps that the user decides: the selected steps, or the
        steps of his turn on the selected documents"""
        pool = Pool()
        Step = pool.get('ame.approval.step')
        if self.model and self.model.__name__ == Step.__name__:
            Step.check_turn(self.records)
            return list(self.records)
        if self.model and hasattr(self.model, 'check_approval_turn'):
            return self.model.check_approval_turn(self.records)
        return []

    def default_start(self, fields):
        return {
            'decision': self._decision,
            'documents': '\n'.join(s.request.rec_name for s in self.steps()),
            }

    def transition_decide(self):
        pool = Pool()
        Step = pool.get('ame.approval.step')
        Step.decide(
            self.steps(), self._decision,
            getattr(self.start, 'comment', None))
        return 'end'

    def end(self):
        # The decided steps leave the list of the user's turn
        return 'reload'


class StepApprove(StepDecide):
    __name__ = 'ame.approval.step.approve'
    __string__ = "Approve"
    _decision = 'approve'

    start = StateView(
        'ame.approval.step.decide.start',
        'ame_approval.step_decide_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Approve", 'decide', 'tryton-ok', default=True),
            ])


class StepReject(StepDecide):
    # 驳回: the approver gives the reason; the document goes back to draft.
    __name__ = 'ame.approval.step.reject'
    __string__ = "Reject Approval"
    _decision = 'reject'

    start = StateView(
        'ame.approval.step.decide.start',
        'ame_approval.step_decide_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Reject", 'decide', 'tryton-cancel', default=True),
            ])
