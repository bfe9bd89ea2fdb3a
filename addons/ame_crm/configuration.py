# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.modules.ame_base.configuration import (
    DOCUMENTS, default_multivalue, default_sequence,
    multivalue_sequence_field, sequence_field)
from trytond.pool import PoolMeta

# 客户编号: the customers' numbering rule, per company (KH-000123)
DOCUMENTS.append('customer')


class Configuration(metaclass=PoolMeta):
    __name__ = 'ame.configuration'

    customer_sequence = multivalue_sequence_field(
        'customer', "Customer Numbering", module='ame_crm')

    default_customer_sequence = default_multivalue('customer_sequence')


class ConfigurationSequence(metaclass=PoolMeta):
    __name__ = 'ame.configuration.sequence'

    customer_sequence = sequence_field(
        'customer', "Customer Numbering", module='ame_crm')

    default_customer_sequence = default_sequence('customer', 'ame_crm')
