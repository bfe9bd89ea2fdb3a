# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"A model of the test databases only (tests/tryton.cfg)"
from trytond.model import ModelSQL
from trytond.modules.ame_base.dictionary import dictionary_field


class DictionaryRecord(ModelSQL):
    __name__ = 'ame.test.dictionary.record'
    __string__ = "Dictionary Record"
    # As the customers of a later module refer to their lost reason
    lost_reason = dictionary_field('lost_reason', "Lost Reason")
