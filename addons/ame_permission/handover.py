# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Business handover (业务移交): move the ownership of records from one
employee to another, with a preview and a log.

The documents are those that adopted the data scopes (DataScopeMixin). A
wizard runs without access checks: the documents are searched and moved
with the user's model access and record rules, and the target employee
must be in the user's data scope, so that a user hands over only what he
may see and change, to whom he may give it."""
from collections import defaultdict

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Bool, Eval
from trytond.transaction import Transaction, check_access
from trytond.wizard import Button, StateAction, StateView, Wizard

from .data_scope import data_scope_models, employees_out_of_scope
from .exceptions import HandoverError


def handover_models():
    "The owned documents that the user may change"
    pool = Pool()
    ModelAccess = pool.get('ir.model.access')
    with check_access():
        return [name for name in data_scope_models()
            if ModelAccess.check(name, 'write', raise_exception=False)]


def get_models(names=None):
    pool = Pool()
    Model = pool.get('ir.model')
    return [(m.name, m.string) for m in Model.search([
                ('name', 'in',
                    data_scope_models() if names is None else names),
                ], order=[('name', 'ASC')])]


class HandoverLog(ModelSQL, ModelView):
    __name__ = 'ame.handover.log'
    __string__ = "Handover Log"

    company = fields.Many2One(
        'company.company', "Company", required=True, readonly=True)
    from_employee = fields.Many2One(
        'company.employee', "From", readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    to_employee = fields.Many2One(
        'company.employee', "To", required=True, readonly=True,
        context={'company': Eval('company', -1)}, depends={'company'})
    reason = fields.Text("Reason", readonly=True)
    lines = fields.One2Many(
        'ame.handover.log.line', 'log', "Records", readonly=True)
    record_count = fields.Function(
        fields.Integer("Records"), 'get_record_count')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [('create_date', 'DESC'), ('id', 'DESC')]

    def get_record_count(self, name):
        return len(self.lines)

    def get_rec_name(self, name):
        return gettext('ame_permission.msg_handover_log_name',
            from_=self.from_employee.rec_name if self.from_employee else '-',
            to=self.to_employee.rec_name,
            date=self.create_date.strftime('%Y-%m-%d %H:%M'))


class HandoverLogLine(ModelSQL, ModelView):
    __name__ = 'ame.handover.log.line'
    __string__ = "Handover Log Line"

    log = fields.Many2One(
        'ame.handover.log', "Log", required=True, ondelete='CASCADE')
    model = fields.Many2One(
        'ir.model', "Document Type", required=True, readonly=True,
        ondelete='CASCADE')
    document = fields.Reference(
        "Document", selection='get_models', readonly=True)
    document_name = fields.Char("Name", readonly=True)
    previous_owner = fields.Many2One(
        'company.employee', "Previous Owner", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.__access__.add('log')

    @classmethod
    def get_models(cls):
        return [(None, '')] + get_models()


class HandoverStart(ModelView):
    __name__ = 'ame.handover.start'
    __string__ = "Business Handover"

    company = fields.Many2One('company.company', "Company", readonly=True)
    from_employee = fields.Many2One(
        'company.employee', "From",
        domain=[('company', '=', Eval('company', -1))],
        context={'company': Eval('company', -1)},
        states={
            'required': ~Eval('selected'),
            },
        help="The employee who hands over his documents. Leave empty to "
        "hand over the selected documents, whoever owns them.")
    to_employee = fields.Many2One(
        'company.employee', "To", required=True,
        domain=[
            ('company', '=', Eval('company', -1)),
            ('id', '!=', Eval('from_employee', -1)),
            ],
        context={'company': Eval('company', -1)},
        help="The employee who takes the documents over.")
    models = fields.MultiSelection(
        'get_models', "Documents",
        states={
            'invisible': Bool(Eval('selected')),
            },
        help="The kinds of documents to hand over; all when empty.")
    selected = fields.Integer("Selected Documents", readonly=True,
        states={
            'invisible': ~Eval('selected'),
            })
    reason = fields.Text("Reason")

    @classmethod
    def get_models(cls):
        return get_models(handover_models())


class HandoverPreview(ModelView):
    __name__ = 'ame.handover.preview'
    __string__ = "Business Handover Preview"

    from_employee = fields.Many2One(
        'company.employee', "From", readonly=True)
    to_employee = fields.Many2One(
        'company.employee', "To", readonly=True)
    lines = fields.One2Many(
        'ame.handover.log.line', None, "Documents to Hand Over",
        readonly=True)
    summary = fields.Text("Summary", readonly=True)


class Handover(Wizard):
    __name__ = 'ame.handover'
    start = StateView('ame.handover.start',
        'ame_permission.handover_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Preview", 'preview', 'tryton-forward', default=True),
            ])
    preview = StateView('ame.handover.preview',
        'ame_permission.handover_preview_view_form', [
            Button("Back", 'start', 'tryton-back'),
            Button("Hand Over", 'handover', 'tryton-ok', default=True),
            ])
    handover = StateAction('ame_permission.act_handover_log_form')

    def _selected_records(self):
        "The selected documents when run from one of their lists"
        if self.model and self.model.__name__ in handover_models():
            return list(self.records)
        return []

    def default_start(self, fields):
        selected = self._selected_records()
        return {
            'company': Transaction().context.get('company'),
            'selected': len(selected),
            }

    def documents(self):
        """Return the documents that the handover moves, those that the
        user may see, after checking the target and the access"""
        pool = Pool()
        ModelAccess = pool.get('ir.model.access')
        if self.start.from_employee == self.start.to_employee:
            raise HandoverError(gettext('ame_permission.msg_handover_same'))
        if employees_out_of_scope([self.start.to_employee]):
            raise HandoverError(gettext('ame_permission.msg_handover_target',
                    employee=self.start.to_employee.rec_name))
        if self.start.selected:
            records = self._selected_records()
            if not records:
                return []
            names = [records[0].__name__]
            domains = {names[0]: [('id', 'in', [r.id for r in records])]}
            if self.start.from_employee:
                domains[names[0]].append((records[0]._data_scope_owner,
                        '=', self.start.from_employee.id))
        elif self.start.from_employee:
            names = [n for n in self.start.models or handover_models()
                if n in data_scope_models()]
            domains = {n: pool.get(n).handover_domain(
                    self.start.from_employee) for n in names}
        else:
            return []
        records = []
        with check_access():
            for name in names:
                ModelAccess.check(name, 'write')
                records.extend(pool.get(name).search(
                        domains[name], order=[('id', 'ASC')]))
        return records

    def default_preview(self, fields):
        documents = self.documents()
        if not documents:
            raise HandoverError(gettext('ame_permission.msg_handover_nothing'))
        counts = defaultdict(int)
        for document in documents:
            counts[document.__names__()['model']] += 1
        return {
            'from_employee': (
                self.start.from_employee.id
                if self.start.from_employee else None),
            'to_employee': self.start.to_employee.id,
            'lines': self._lines(documents),
            'summary': '\n'.join(
                f'{name}: {count}' for name, count in sorted(counts.items())),
            }

    @staticmethod
    def _lines(documents, link=False):
        pool = Pool()
        Model = pool.get('ir.model')
        model_ids = {m.name: m.id for m in Model.search([
                    ('name', 'in', list({d.__name__ for d in documents})),
                    ])}
        lines = []
        for document in documents:
            owner = getattr(document, document._data_scope_owner)
            line = {
                'model': model_ids[document.__name__],
                'document_name': document.get_handover_name(),
                'previous_owner': owner.id if owner else None,
                }
            if link:
                line['document'] = str(document)
            lines.append(line)
        return lines

    def do_handover(self, action):
        pool = Pool()
        Log = pool.get('ame.handover.log')
        documents = self.documents()
        if not documents:
            raise HandoverError(gettext('ame_permission.msg_handover_nothing'))
        lines = self._lines(documents, link=True)
        by_model = defaultdict(list)
        for document in documents:
            by_model[document.__class__].append(document)
        with check_access():
            for Model, records in by_model.items():
                Model.write(records, {
                        Model._data_scope_owner: self.start.to_employee.id,
                        })
        log, = Log.create([{
                    'company': self.start.to_employee.company.id,
                    'from_employee': (
                        self.start.from_employee.id
                        if self.start.from_employee else None),
                    'to_employee': self.start.to_employee.id,
                    'reason': self.start.reason,
                    'lines': [('create', lines)],
                    }])
        action['res_id'] = [log.id]
        action['views'].reverse()
        return action, {}
