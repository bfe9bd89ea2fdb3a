# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import Pool, PoolMeta

from .model import InputBoundsMixin


class Address(InputBoundsMixin, metaclass=PoolMeta):
    __name__ = 'party.address'

    @classmethod
    def default_country(cls):
        # New addresses are in the tenant's default country (运行时参数).
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        country = Configuration(1).default_country
        return country.id if country else None


class ContactMechanism(InputBoundsMixin, metaclass=PoolMeta):
    __name__ = 'party.contact_mechanism'
