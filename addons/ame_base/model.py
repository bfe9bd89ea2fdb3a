# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Small behaviours shared by the models of the AME modules."""
from trytond.i18n import gettext
from trytond.model import fields
from trytond.model.exceptions import (
    SizeValidationError, ValidationError)


class CodeSearchMixin:
    "Find records by their name or their code where a record is chosen"
    __slots__ = ()

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            super().search_rec_name(name, clause),
            ('code', operator, operand, *extra),
            ]


# What a user may enter on AME's documents (docs/developer.md, 输入限制):
# a line of text (a description, a reference), free text (a comment, the
# description of a line), a quantity and a unit price.
CHAR_SIZE = 256
TEXT_SIZE = 10000
MAX_QUANTITY = 10 ** 9
MAX_UNIT_PRICE = 10 ** 12


def shorten(value, size=80):
    "The start of value to show in a message"
    text = str(value)
    return text if len(text) <= size else text[:size] + '…'


class InputBoundsMixin:
    """Bound the text and the numbers a user enters on a document: the text
    fields without a size hold CHAR_SIZE or TEXT_SIZE characters (checked,
    not set as their size: a size would alter the column of a Char);
    _number_bounds maps numeric fields to their (minimum, maximum)"""
    __slots__ = ()
    _number_bounds = {}

    @classmethod
    def preprocess_values(cls, mode, values):
        # The text before it is stored: an index on the column (Tryton's
        # on the names of parties) cannot hold a value of megabytes, and
        # the database's error would reach the user untranslated.
        values = super().preprocess_values(mode, values)
        for name, value in values.items():
            field = cls._fields.get(name)
            if (not isinstance(value, str) or field is None
                    or field._type not in {'char', 'text'}
                    or isinstance(field, fields.Function)
                    or field.size is not None):
                continue
            max_size = CHAR_SIZE if field._type == 'char' else TEXT_SIZE
            if len(value) > max_size:
                names = cls.__names__(name)
                raise SizeValidationError(gettext(
                        'ir.msg_size_validation', value=shorten(value),
                        size=len(value), max_size=max_size, **names))
        return values

    @classmethod
    def validate_fields(cls, records, field_names):
        super().validate_fields(records, field_names)
        for name, (minimum, maximum) in cls._number_bounds.items():
            if name not in field_names:
                continue
            for record in records:
                value = getattr(record, name)
                # written so that NaN is out of bounds too
                if value is not None and not (minimum <= value <= maximum):
                    raise ValidationError(gettext(
                            'ame_base.msg_number_out_of_bounds',
                            minimum=f'{minimum:,}', maximum=f'{maximum:,}',
                            **cls.__names__(name, record)))
