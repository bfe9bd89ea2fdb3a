# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Transitions alone move a document (工作流保护).

Whatever a form shows read-only is still one RPC ``write`` away unless the
server refuses it. A document model adopts ``WorkflowGuardMixin`` in one
line (see document.py); on every write from outside (RPC, proteus: the
``external`` writes of ``check_modification``) it refuses a change of:

- the workflow state (``_transition_state``): only the transitions move it;
- the fields the model declares read-only (``readonly=True``: the number,
  the cached amounts, the invoice and shipment states, AME's department),
  which the transitions and the server set; ``_guarded_fields`` names more
  of them that the standard form leaves editable (who quoted, confirmed),
  and the mixin makes them read-only too;
- the fields whose ``states['readonly']`` holds for the record as stored
  (the party or the lines of a confirmed sale), evaluated as the server
  evaluates the states of a button.

The standard clients never send these: sao and proteus skip the read-only
fields (but One2Many fields, which carry the changes of their children:
the child model guards those) and send only what changed. A value equal
to the stored one is no change and passes. A record is created in the
default state of its workflow (copies are: ``Workflow.copy``), and without
a value for the fields the server sets at creation
(``_guarded_create_fields``: the number of numbering.py), which the
clients never send either.

Buttons, wizards, the queue and the cron write without access checks, so
the transitions and the server keep writing what they must.
"""
from trytond.i18n import gettext
from trytond.model import Model
from trytond.model.exceptions import AccessError
from trytond.model.modelstorage import _record_eval_pyson
from trytond.pyson import PYSON
from trytond.transaction import Transaction


class WorkflowGuardMixin:
    "Refuse outside writes of what the workflow and the server set"
    __slots__ = ()
    # Fields that the transitions set and the standard form leaves editable
    _guarded_fields = ()
    # Read-only fields that the server fills at creation (the number):
    # check_modification gets no values at creation, so these are checked
    # in the values before they are used
    _guarded_create_fields = ()

    @classmethod
    def __setup__(cls):
        super().__setup__()
        for name in cls._guarded_fields:
            getattr(cls, name).readonly = True

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if not external:
            return
        if mode == 'write':
            cls.check_guarded_write(records, values)
        elif mode == 'create':
            cls.check_guarded_create(records)

    @classmethod
    def _before_create(cls, vlist):
        # The values as the caller sent them, before preprocess_values
        # fills the server's fields
        transaction = Transaction()
        if transaction.user and transaction.check_access:
            cls.check_guarded_create_values(vlist)
        return super()._before_create(vlist)

    @classmethod
    def check_guarded_create_values(cls, vlist):
        "Refuse a value for a field that the server fills at creation"
        for values in vlist:
            for name in cls._guarded_create_fields:
                if values.get(name):
                    raise AccessError(gettext(
                            'ame_base.msg_guard_create_readonly',
                            value=values[name], **cls.__names__(name)))

    @classmethod
    def check_guarded_write(cls, records, values):
        "Refuse the change of a guarded field of the records"
        state = getattr(cls, '_transition_state', None)
        for name, value in values.items():
            field = cls._fields.get(name)
            if field is None:
                continue
            readonly = field.states.get('readonly', False)
            if name == state:
                message = 'ame_base.msg_guard_state'
            elif field.readonly and field._type != 'one2many':
                message = 'ame_base.msg_guard_readonly'
            elif readonly:
                message = 'ame_base.msg_guard_states_readonly'
            else:
                continue
            for record in records:
                if not _changes(record, name, value):
                    continue
                if (message == 'ame_base.msg_guard_states_readonly'
                        and isinstance(readonly, PYSON)
                        and not _record_eval_pyson(record, readonly)):
                    continue
                raise AccessError(gettext(
                        message, **cls.__names__(name, record)))

    @classmethod
    def check_guarded_create(cls, records):
        "Refuse the records that are not created in the default state"
        state = getattr(cls, '_transition_state', None)
        if state not in cls._defaults:
            return
        field = cls._fields[state]
        default = cls._defaults[state]()
        for record in records:
            if getattr(record, state) != default:
                selection = field.get_selection(cls, state, record)
                raise AccessError(gettext(
                        'ame_base.msg_guard_create_state',
                        default=field.get_selection_string(
                            selection, default),
                        **cls.__names__(state, record)))


def _changes(record, name, value):
    "Tell whether writing value changes the field name of the record"
    field = record._fields[name]
    if field._type in {'one2many', 'many2many'}:
        return bool(value)
    stored = getattr(record, name)
    if isinstance(stored, Model):
        stored = str(stored) if field._type == 'reference' else stored.id
    elif isinstance(stored, tuple) and isinstance(value, list):
        value = tuple(value)
    return stored != value
