# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta
from trytond.transaction import Transaction

from .data_scope import data_scope_context


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.domain.help += (
            '\n- "data_scope" as the widest data scope of the user\'s roles'
            '\n- "employees" as list of ids of the user\'s employees'
            '\n- "data_scope_departments" as list of ids of the departments '
            'of the user\'s data scope')

    @classmethod
    def _get_cache_key(cls, model_names):
        # The data scope derives from the user (his roles and employees):
        # the cache is cleared when they or the departments change.
        return (*super()._get_cache_key(model_names), Transaction().user)

    @classmethod
    def _get_context(cls, model_name):
        context = super()._get_context(model_name)
        context.update(data_scope_context())
        return context
