# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import Pool, PoolMeta


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    @classmethod
    def default_language(cls):
        # AME tenants keep English as the storage language (so that module
        # translations load) but their users work in the tenant's language.
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        language = Configuration(1).user_language
        return language.id if language else None
