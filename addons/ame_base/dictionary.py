# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.i18n import gettext
from trytond.model import (
    DeactivableMixin, ModelSQL, ModelStorage, ModelView, Unique, fields,
    sequence_ordered)
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import inactive_records

from .model import CodeSearchMixin


def dictionary_field(category, string, **kwargs):
    """Return a Many2One to the values of the dictionary category code.

    Later modules declare a dictionary-backed field in one line:
    ``source = dictionary_field('customer_source', "Source")``.
    Inactive values are not proposed (the values are deactivable) but stay
    valid on the records that already use them; a value in use cannot be
    deleted.
    """
    domain = [('category.code', '=', category)]
    extra = kwargs.pop('domain', None)
    if extra:
        domain = [domain, extra]
    kwargs.setdefault('ondelete', 'RESTRICT')
    return fields.Many2One(
        'ame.dictionary.value', string, domain=domain, **kwargs)


class DictionaryCategory(
        CodeSearchMixin, DeactivableMixin, ModelSQL, ModelView):
    # 简单字典: the value lists that administrators maintain, one category
    # per list (customer sources, industries, customer grades ...).
    __name__ = 'ame.dictionary.category'
    __string__ = "Dictionary Category"

    code = fields.Char(
        "Code", required=True,
        help="The code by which the modules find the category.")
    name = fields.Char("Name", required=True)
    # The inactive values too, so that they can be reactivated
    values = fields.One2Many(
        'ame.dictionary.value', 'category', "Values",
        filter=[('active', 'in', [True, False])])
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.code),
                'ame_base.msg_dictionary_category_code_unique'),
            ]
        cls._order.insert(0, ('code', 'ASC'))


    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        pool = Pool()
        Value = pool.get('ame.dictionary.value')
        super().check_modification(
            mode, records, values=values, external=external)
        if mode == 'delete':
            with inactive_records():
                used = Value.search([
                        ('category', 'in', [c.id for c in records]),
                        ], limit=1)
            if used:
                category = used[0].category
                raise AccessError(gettext(
                        'ame_base.msg_dictionary_category_delete_values',
                        category=category.rec_name))


class DictionaryValue(
        CodeSearchMixin, sequence_ordered(), DeactivableMixin, ModelSQL,
        ModelView):
    __name__ = 'ame.dictionary.value'
    __string__ = "Dictionary Value"

    category = fields.Many2One(
        'ame.dictionary.category', "Category", required=True,
        ondelete='RESTRICT',
        states={
            'readonly': Eval('id', -1) >= 0,
            })
    code = fields.Char(
        "Code", required=True,
        help="Unique within the category.")
    name = fields.Char("Name", required=True)
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('category_code_unique', Unique(t, t.category, t.code),
                'ame_base.msg_dictionary_value_code_unique'),
            ]
        cls._order.insert(0, ('category', 'ASC'))


    @classmethod
    def _used_by(cls):
        "Yield (Model, field name) of the fields that refer to values"
        pool = Pool()
        for _, Model in pool.iterobject():
            if (not issubclass(Model, ModelStorage)
                    or callable(getattr(Model, 'table_query', None))
                    or Model is cls):
                continue
            for name, field in Model._fields.items():
                if (isinstance(field, fields.Many2One)
                        and field.model_name == cls.__name__):
                    yield Model, name

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if (mode == 'write' and 'category' in values
                and any(r.category.id != values['category']
                    for r in records)):
            raise AccessError(gettext(
                    'ame_base.msg_dictionary_value_change_category'))
        if mode == 'delete':
            ids = [r.id for r in records]
            for Model, name in cls._used_by():
                with inactive_records():
                    used = Model.search([(name, 'in', ids)], limit=1)
                if used:
                    value = getattr(used[0], name)
                    raise AccessError(gettext(
                            'ame_base.msg_dictionary_value_delete_used',
                            value=value.rec_name,
                            **Model.__names__(name)))
