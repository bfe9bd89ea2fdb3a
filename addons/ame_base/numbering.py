# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Document numbers (单据号) from the first save.

A Chinese user expects a document to have its number as soon as it is
saved, a draft too: he quotes it on the phone, finds it again, and no
error or list ever shows "(29)". ``DocumentNumberMixin`` gives a document
its number when it is created, from a numbering rule (业务号规则: an
``ir.sequence``, with AME's yearly, monthly or daily restart, sequence.py)
that the document's configuration chooses per company:

- ``_number_fields``: the read-only fields that receive the number;
- ``_number_date_fields``: the dates of the document (the first one set)
  whose year, month and day the period parts of the number
  (``${date_Y}${date_m}``) and the counter of its period follow; today (of
  the company) when they are empty;
- ``_number_document``: the name of an AME document whose rule the
  runtime parameters choose (``configuration.DOCUMENTS``, a field
  ``<document>_sequence`` on ``ame.configuration``); or, for the standard
  documents, ``get_number_sequence(company_id)`` returns the rule of their
  own configuration (``sale.configuration`` ... : sale.py, purchase.py).

The number is taken in ``preprocess_values`` (every create, from a client
or from the server), the counter of the rule's period being locked until
the transaction ends (``PeriodicSequenceMixin._get_many``): concurrent
saves never share a number. A number sent by a client at creation is
refused (``WorkflowGuardMixin``: ``_guarded_create_fields``), as its
write is; copies take a new number.
"""
from trytond.pool import Pool
from trytond.transaction import Transaction


class DocumentNumberMixin:
    "Number the document at its first save with its numbering rule"
    __slots__ = ()
    # The fields that the number of the rule fills at creation
    _number_fields = ('number',)
    # The dates of the document that the period parts follow, the first
    # one set
    _number_date_fields = ()
    # The AME document whose rule ame.configuration chooses
    _number_document = None

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # The guard refuses these from a client at creation
        cls._guarded_create_fields = tuple(dict.fromkeys(
                getattr(cls, '_guarded_create_fields', ())
                + tuple(cls._number_fields)))

    @classmethod
    def get_number_sequence(cls, company_id):
        "Return the numbering rule (ir.sequence) of the company's documents"
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        # A translated error when the company has no rule
        return Configuration(1).get_sequence(
            cls._number_document, company=company_id)

    @classmethod
    def get_number_date(cls, values, company_id):
        "Return the date that numbers a document created with values"
        pool = Pool()
        Date = pool.get('ir.date')
        date = next(
            (values[n] for n in cls._number_date_fields if values.get(n)),
            None)
        if not date:
            with Transaction().set_context(company=company_id):
                date = Date.today()
        return date

    @classmethod
    def take_number(cls, company_id, date):
        "Return the next number of the company's rule for date, or None"
        sequence = cls.get_number_sequence(company_id)
        if not sequence:
            return None
        with Transaction().set_context(date=date, company=company_id):
            return sequence.get()

    @classmethod
    def preprocess_values(cls, mode, values):
        values = super().preprocess_values(mode, values)
        if mode == 'create' and not any(
                values.get(n) for n in cls._number_fields):
            company_id = values.get('company')
            if company_id is None and hasattr(cls, 'default_company'):
                company_id = cls.default_company()
            if company_id is not None:
                number = cls.take_number(
                    company_id, cls.get_number_date(values, company_id))
                for name in cls._number_fields:
                    values[name] = number
        return values

    @classmethod
    def copy(cls, records, default=None):
        default = default.copy() if default is not None else {}
        for name in cls._number_fields:
            default.setdefault(name, None)
        return super().copy(records, default=default)
