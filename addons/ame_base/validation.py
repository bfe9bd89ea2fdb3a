# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Bad input gets a translated error, on every model.

A domain or a value that a client sends (a string where a number goes, an
unknown field, an operator the field does not have, a domain with NOT)
otherwise fails deep in Tryton with raw Python text ("could not convert
string to float", "'where'"). ``InputValidationMixin`` is registered on
every ModelStorage (``[register_mixin]`` of tryton.cfg) and checks them
before use, with the conversions Tryton itself applies:

- the values of create and write (``preprocess_values``): every field
  exists, is writable (a Function field without setter is not) and its
  value converts to the field's type (``sql_format``), numbers finite;
- the domain of a search from outside (RPC: ``_check_access``): its
  structure, its fields (also through dotted paths and ``where``), the
  operators of their type and the values of the stored fields
  (``_domain_value``), and its order: known fields (also through dotted
  paths) and directions;
- the field names of a read: known fields (the paths after a relation are
  checked by its target's read).
"""
import math

from trytond.const import OPERATORS
from trytond.i18n import gettext
from trytond.model import fields
from trytond.model.exceptions import ValidationError
from trytond.model.fields.field import SQL_OPERATORS
from trytond.pool import Pool
from trytond.transaction import Transaction

from .model import shorten

# What a field conversion raises for a value of the wrong type
_CONVERSION_ERRORS = (
    TypeError, ValueError, ArithmeticError, AttributeError, AssertionError)
_RELATIONS = {'many2one', 'one2many', 'many2many', 'one2one', 'reference'}
# What a read may ask beside the fields (ModelSQL.read)
_READ_NAMES = {'_timestamp', '_write', '_delete', '__name__'}
# The directions of Tryton's order (modelsql.apply_sorting)
_DIRECTIONS = {f'{o} NULLS {n}'.removesuffix(' NULLS ')
    for o in ('ASC', 'DESC') for n in ('', 'FIRST', 'LAST')} | {''}


class InputError(ValidationError):
    pass


class InputValidationMixin:
    "Refuse malformed values and domains with a translated message"
    __slots__ = ()

    @classmethod
    def preprocess_values(cls, mode, values):
        for name, value in values.items():
            cls._check_input_value(name, value)
        return super().preprocess_values(mode, values)

    @classmethod
    def search(cls, domain, offset=0, limit=None, order=None, count=False,
            **kwargs):
        transaction = Transaction()
        if transaction.user and transaction.check_access:
            cls._check_input_domain(domain)
            cls._check_input_order(order)
        return super().search(domain, offset=offset, limit=limit,
            order=order, count=count, **kwargs)

    @classmethod
    def _before_read(cls, ids, fields_names):
        # Tryton answers an unknown name with a KeyError; the names Tryton
        # reads itself are known, so the check costs no access context.
        for name in fields_names:
            name = name.partition('.')[0].removesuffix(':string')
            if name not in cls._fields and name not in _READ_NAMES:
                raise InputError(gettext(
                        'ame_base.msg_input_field_unknown',
                        model=cls.__names__()['model'], name=name))
        return super()._before_read(ids, fields_names)

    @classmethod
    def _check_input_order(cls, order):
        "Refuse an order on unknown fields or in an unknown direction"
        if not order:
            return
        if not isinstance(order, (list, tuple)):
            cls._raise_order(order)
        for item in order:
            if (not isinstance(item, (list, tuple)) or len(item) != 2
                    or not isinstance(item[0], str)):
                cls._raise_order(order)
            expression, direction = item
            if direction is not None and (not isinstance(direction, str)
                    or direction.upper() not in _DIRECTIONS):
                cls._raise_order(order)
            fname, _, nested = expression.partition('.')
            field = cls._fields.get(fname)
            if field is None:
                raise InputError(gettext(
                        'ame_base.msg_input_field_unknown',
                        model=cls.__names__()['model'], name=expression))
            get_target = getattr(field, 'get_target', None)
            Target = get_target() if nested and get_target else None
            if issubclass(Target or object, InputValidationMixin):
                Target._check_input_order([(nested, direction)])

    @classmethod
    def _check_input_value(cls, name, value):
        field = cls._fields.get(name)
        if field is None:
            raise InputError(gettext(
                    'ame_base.msg_input_field_unknown',
                    model=cls.__names__()['model'], name=name))
        if isinstance(field, fields.Function):
            if not field.setter:
                raise InputError(gettext(
                        'ame_base.msg_input_field_readonly',
                        **cls.__names__(name)))
            return
        if value is None or field._type in {'one2many', 'many2many'}:
            return
        try:
            field.sql_format(value)
            finite = (field._type not in {'float', 'numeric'}
                or math.isfinite(float(value)))
        except _CONVERSION_ERRORS:
            finite = None
        if not finite:
            raise InputError(gettext(
                    'ame_base.msg_input_value', value=shorten(value),
                    **cls.__names__(name)))

    @classmethod
    def _check_input_domain(cls, domain):
        "Refuse a domain that Tryton cannot convert"
        if _is_leaf(domain):
            cls._check_input_clause(domain)
            return
        if not isinstance(domain, (list, tuple)):
            cls._raise_domain(domain)
        items = list(domain)
        if items and isinstance(items[0], str) and items[0] in ('AND', 'OR'):
            items = items[1:]
        for item in items:
            if not isinstance(item, (list, tuple)):
                cls._raise_domain(domain)
            cls._check_input_domain(item)

    @classmethod
    def _check_input_clause(cls, clause):
        pool = Pool()
        name, operator, value = clause[:3]
        if not isinstance(name, str):
            cls._raise_domain(clause)
        fname, _, nested = name.partition('.')
        field = cls._fields.get(fname)
        if field is None:
            raise InputError(gettext(
                    'ame_base.msg_input_field_unknown',
                    model=cls.__names__()['model'], name=name))
        if operator not in (
                OPERATORS if field._type in _RELATIONS else SQL_OPERATORS):
            raise InputError(gettext(
                    'ame_base.msg_input_operator', operator=operator,
                    **cls.__names__(fname)))
        if field._type in _RELATIONS:
            if field._type == 'reference':
                Target = None
                if nested:
                    if len(clause) < 4 or not isinstance(clause[3], str):
                        cls._raise_domain(clause)
                    try:
                        Target = pool.get(clause[3])
                    except KeyError:
                        cls._raise_domain(clause)
            else:
                get_target = getattr(field, 'get_target', None)
                Target = get_target() if get_target else None
            if not issubclass(Target or object, InputValidationMixin):
                return
            if nested:
                Target._check_input_clause((nested, *clause[1:3]))
            elif operator in {'where', 'not where'}:
                Target._check_input_domain(value)
            return
        # Tryton ignores the path after a field that is no relation (but
        # the key of a Dict). Searchers and domain_<field> methods convert
        # their own values.
        if (nested and field._type == 'dict'
                or getattr(field, 'searcher', None)
                or getattr(field, 'getter', None)
                or hasattr(cls, f'domain_{fname}')):
            return
        try:
            field._domain_value(operator, value)
        except _CONVERSION_ERRORS:
            raise InputError(gettext(
                    'ame_base.msg_input_value', value=shorten(value),
                    **cls.__names__(fname)))

    @classmethod
    def _raise_order(cls, order):
        raise InputError(gettext(
                'ame_base.msg_input_order', order=shorten(order),
                model=cls.__names__()['model']))

    @classmethod
    def _raise_domain(cls, domain):
        raise InputError(gettext(
                'ame_base.msg_input_domain', domain=shorten(domain),
                model=cls.__names__()['model']))


def _is_leaf(expression):
    # Tryton's is_leaf with the operators checked by the clause
    return (isinstance(expression, (list, tuple))
        and len(expression) > 2
        and isinstance(expression[1], str)
        and (expression[1] in OPERATORS
            or isinstance(expression[0], str)
            and expression[0] not in ('AND', 'OR')))
