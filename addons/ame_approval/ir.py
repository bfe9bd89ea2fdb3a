# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def _get_context(cls, model_name):
        pool = Pool()
        Delegation = pool.get('ame.approval.delegation')
        context = super()._get_context(model_name)
        # The user (the submitter's rule) and the user with those he
        # substitutes today (the approvers' rules on the requests and on the
        # documents of their pending steps); the cache key has both.
        context['approval_user'] = Transaction().user
        context['approval_users'] = list(Delegation.get_approval_users())
        # The data scope opens the requests of documents the user may read
        # (model access depends on the groups, already in the cache key).
        context['approval_readable_models'] = cls._approval_readable_models()
        return context

    @classmethod
    def _approval_readable_models(cls):
        pool = Pool()
        Request = pool.get('ame.approval.request')
        ModelAccess = pool.get('ir.model.access')
        models = [m for m, _ in Request.get_models()]
        access = ModelAccess.get_access(models)
        return sorted(m for m in models if access[m]['read'])

    @classmethod
    def _get_cache_key(cls, model_names):
        pool = Pool()
        Delegation = pool.get('ame.approval.delegation')
        key = super()._get_cache_key(model_names)
        return (*key, Delegation.get_approval_users())
