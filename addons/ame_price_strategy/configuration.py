# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.modules.ame_base.configuration import (
    DOCUMENTS, default_multivalue, default_sequence,
    multivalue_sequence_field, sequence_field)
from trytond.pool import PoolMeta

# 价格策略单号: the numbering rule of the price strategies (JG-2026-0001)
DOCUMENTS.append('price_strategy')


class Configuration(metaclass=PoolMeta):
    __name__ = 'ame.configuration'

    price_strategy_sequence = multivalue_sequence_field(
        'price_strategy', "Price Strategy Numbering",
        module='ame_price_strategy')

    default_price_strategy_sequence = default_multivalue(
        'price_strategy_sequence')


class ConfigurationSequence(metaclass=PoolMeta):
    __name__ = 'ame.configuration.sequence'

    price_strategy_sequence = sequence_field(
        'price_strategy', "Price Strategy Numbering",
        module='ame_price_strategy')

    default_price_strategy_sequence = default_sequence(
        'price_strategy', 'ame_price_strategy')
