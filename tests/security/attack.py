# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The attacker's tools: a JSON-RPC client logged in as a demo user, the
documents the suite attacks (made by the administrator), and the checks of
a refusal and of nothing changed."""
import re
import secrets

from ametest import rpc_response

PASSWORD = 'ame-demo-2026'
CJK = re.compile('[\u4e00-\u9fff]')
# The values that a message quotes, which may be Chinese in any language
QUOTED = re.compile('"[^"]*"|“[^”]*”')


class Answer:
    "The answer of the server to one call: a result or an error"

    def __init__(self, method, status, body):
        self.method = method
        self.status = status
        self.body = body or {}

    @property
    def error(self):
        return self.body.get('error')

    @property
    def result(self):
        return self.body.get('result')

    @property
    def refused(self):
        "A UserError (AccessError, ValidationError ...) in the user's language"
        error = self.error
        return (self.status == 200 and isinstance(error, list)
            and error[0] == 'UserError'
            and bool(CJK.search(QUOTED.sub('', error[1][0]))))

    def __repr__(self):
        return (f'<{self.method}: HTTP {self.status}, '
            f'{str(self.error or self.result)[:500]}>')


class Client:
    "A user of the tenant, logged in once, calling as the web client does"

    def __init__(self, url, database, login, password=PASSWORD):
        self.url = url
        self.database = database
        self.login = login
        self.password = password
        self.auth = None
        self.context = {}
        self.log_in()

    def log_in(self):
        status, body = rpc_response(
            self.url, self.database, 'common.db.login', self.login,
            {'password': self.password}, 'zh_CN')
        assert status == 200 and 'result' in body, (self.login, status, body)
        user_id, session = body['result'][:2]
        self.auth = (self.login, user_id, session)
        self.id = user_id
        self.context = self('model.res.user.get_preferences', True,
            context=False)

    def attempt(self, method, *args, context=None):
        "Call method; return the Answer, whatever it is"
        # context=False: the call does not run in the user's context
        params = [*args, {} if context is False else dict(
                self.context, **(context or {}))]
        status, body = rpc_response(
            self.url, self.database, method, *params, auth=self.auth)
        if status == 401:
            # A password change ends the user's sessions
            self.log_in()
            status, body = rpc_response(
                self.url, self.database, method, *params, auth=self.auth)
        return Answer(method, status, body)

    def __call__(self, method, *args, context=None):
        "Call method; return its result, which must not be an error"
        answer = self.attempt(method, *args, context=context)
        assert answer.status == 200 and 'result' in answer.body, answer
        return answer.result

    def model(self, model, method, *args, context=None):
        return self(f'model.{model}.{method}', *args, context=context)

    def search_read(self, model, domain, fields, **kwargs):
        return self.model(
            model, 'search_read', domain, 0, None, None, fields, **kwargs)


def assert_refused(answer):
    "The call was refused with a translated message, not a Python error"
    assert answer.refused, f"not refused: {answer!r}"


def assert_refused_or_empty(answer):
    "A search answers nothing (or is refused, with a translated message)"
    if not answer.refused:
        assert answer.status == 200 and answer.result in ([], 0), (
            f"found: {answer!r}")


class World:
    "The documents that the suite attacks, made by the administrator"

    def __init__(self, admin, clients, roles):
        self.admin = admin
        self.clients = clients
        self.roles = roles
        employees = admin.search_read(
            'company.employee', [], ['code', 'department'])
        self.employees = {e['code']: e['id'] for e in employees}
        # An employee and a department of the warehouse, which no document
        # of the attacks belongs to
        stranger, = [e for e in employees if e['code'] == 'E0010']
        self.strangers = {
            'company.employee': stranger['id'],
            'company.department': stranger['department'],
            }
        # The customers of the demo's quotations, with their addresses
        customers = {}
        for sale in admin.search_read('sale.sale', [
                    ('state', '=', 'quotation'),
                    ], ['party', 'invoice_address']):
            customers.setdefault(sale['party'], sale['invoice_address'])
        (self.customer, self.customer_address), (
            self.other_customer, self.other_customer_address) = sorted(
            customers.items())[:2]
        product, = admin.model('product.product', 'search', [
                ('salable', '=', True), ('purchasable', '=', True),
                ('type', '=', 'goods'),
                ], 0, 1, [('id', 'ASC')])
        self.product = product
        self.unit, = [p['default_uom'] for p in admin.model(
                'product.product', 'read', [product], ['default_uom'])]
        self.warehouse, = admin.model('stock.location', 'search', [
                ('type', '=', 'warehouse')], 0, 1, [('id', 'ASC')])
        self.payment_term, = admin.model(
            'account.invoice.payment_term', 'search', [], 0, 1, None)
        self._records = {}
        self.created = []
        self.token = secrets.token_hex(4)
        last = admin.model('res.notification', 'search', [], 0, 1,
            [('id', 'DESC')])
        self.last_notification = last[0] if last else 0

    def owned(self, target, owner):
        """The values that make a record of target the employee code
        owner's: his as its owner, on his parent record (his customer)"""
        values = {}
        if target.parent:
            values[target.parent] = self.record(target.parent_target, owner)
        if target.owner:
            values[target.owner] = self.employees[owner]
        return values

    def create(self, target, owner, **values):
        "A new document of target owned by the employee code owner"
        values = dict(target.new(self), **values)
        values.update(self.owned(target, owner))
        # Unique in the tenant: customers refuse the name of another
        values.setdefault(target.text,
            f"安全测试 {owner} {self.token}-{len(self.created) + 1}")
        record, = self.admin.model(target.model, 'create', [values])
        self.created.append((target, record))
        return record

    def record(self, target, owner):
        "The document of owner that the attacks which change nothing share"
        key = (target.model, owner)
        if key not in self._records:
            self._records[key] = self.create(target, owner)
        return self._records[key]

    def line(self, target, record):
        line, = self.admin.model(target.lines.model, 'search', [
                (target.lines.parent, '=', record)])
        return line

    def forged_values(self, target):
        "A value for each field that the server sets"
        names = list(target.server_fields)
        definitions = self.admin.model(target.model, 'fields_get', names)
        values = {}
        for name in names:
            definition = definitions[name]
            if definition['type'] == 'many2one':
                values[name] = self.strangers[definition['relation']]
            elif definition['type'] == 'selection':
                keys = [k for k, _ in definition['selection']]
                values[name] = 'approved' if 'approved' in keys else keys[-1]
            else:
                values[name] = "伪造-001"
        return values

    def watched(self, target):
        names = ['write_date', target.owner, target.department,
            target.text, *target.watched] + (
            ['approval_state'] if target.approval else [])
        return [n for n in names if n]

    def snapshot(self, target, record):
        "What the administrator reads of the document and its lines"
        names = self.watched(target)
        if target.lines:
            lines = target.lines.field
            names += [f'{lines}.write_date',
                *(f'{lines}.{n}' for n in target.lines.numbers)]
        document, = self.admin.model(target.model, 'read', [record], names)
        return document

    def waiting(self, target):
        "A new document of the approval's submitter, waiting for approval"
        approval = target.approval
        submitter = self.clients(approval.submitter)
        record = self.create(target, self.roles[approval.submitter].employee)
        for button in approval.submit_from:
            submitter.model(target.model, button, [record])
        submitter.model(target.model, approval.submit_button, [record])
        return record

    def approved(self, target):
        "A document whose approval is complete"
        record = self.waiting(target)
        for login in target.approval.approvers:
            step, = self.pending_steps(target, record)
            answer = self.decide(login, 'approve', 'ame.approval.step', step)
            assert answer.status == 200 and not answer.error, answer
        state, = self.admin.model(
            target.model, 'read', [record], ['approval_state'])
        assert state['approval_state'] == 'approved', state
        return record

    def decide(self, login, decision, model, record, values=None):
        """Run the approval (decision 'approve') or the rejection ('reject')
        of the record (a step or a document) as login, as the web client
        runs it after the button; values: what the dialog sends (by
        default a comment); return the Answer of the first refused call
        or of the decision"""
        client = self.clients(login)
        wizard = f'wizard.ame.approval.step.{decision}'
        action, = self.admin.search_read('ir.action.wizard', [
                ('wiz_name', '=', f'ame.approval.step.{decision}'),
                ('model', '=', model),
                ], ['action'])
        context = {
            'active_model': model,
            'active_id': record,
            'active_ids': [record],
            'action_id': action['action'],
            }
        if values is None:
            values = {'comment': "安全测试 审批意见"}
        answer = client.attempt(f'{wizard}.create', context=context)
        if answer.error:
            return answer
        session = answer.result[0]
        try:
            answer = client.attempt(
                f'{wizard}.execute', session, {}, 'start', context=context)
            if answer.error:
                return answer
            return client.attempt(
                f'{wizard}.execute', session, {'start': values}, 'decide',
                context=context)
        finally:
            client.attempt(f'{wizard}.delete', session, context=context)

    def decisions(self, target, record):
        "The decisions on the document, read by the administrator"
        return self.admin.search_read('ame.approval.decision', [
                ('step.request.document', '=', f'{target.model},{record}'),
                ], ['user', 'on_behalf_of', 'decision', 'comment'])

    def pending_steps(self, target, record):
        return self.admin.model('ame.approval.step', 'search', [
                ('request.document', '=', f'{target.model},{record}'),
                ('state', '=', 'pending'),
                ])

    def request(self, target, record):
        request, = self.admin.model('ame.approval.request', 'search', [
                ('document', '=', f'{target.model},{record}'),
                ])
        return request

    def clean(self):
        """Take the approval documents back to draft: their pending
        requests leave the approvers' lists of the other tests; and drop
        the notifications their approvals sent (to the approvers and the
        submitters), which the other tests' inboxes would count"""
        documents = {}
        for target, record in self.created:
            if target.approval:
                documents.setdefault(target.model, []).append(record)
        for model, records in documents.items():
            # The transition skips the drafts; a document that an attack
            # has pushed too far refuses it, the others still go back.
            if not self.admin.attempt(f'model.{model}.draft', records).error:
                continue
            for record in records:
                self.admin.attempt(f'model.{model}.draft', [record])
        notifications = self.admin.model('res.notification', 'search', [
                ('id', '>', self.last_notification)], 0, None, None)
        if notifications:
            self.admin.model('res.notification', 'delete', notifications)
