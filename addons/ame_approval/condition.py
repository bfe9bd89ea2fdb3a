# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond import backend
from trytond.i18n import gettext
from trytond.model import fields
from trytond.pool import Pool
from trytond.pyson import PYSONDecoder
from trytond.tools import grouped_slice
from trytond.transaction import Transaction, without_check_access

from .exceptions import ApprovalConfigurationError


class ConditionMixin:
    "A domain that selects the documents a configuration record applies to"
    __slots__ = ()

    condition = fields.Char(
        "Condition",
        help="A domain on the document, in JSON, for example "
        '[["invoice_method", "=", "manual"]]; empty for every document.')

    @property
    def condition_model(self):
        "The name of the document model of the condition"
        raise NotImplementedError

    def get_condition_domain(self):
        "Return the condition as a domain"
        if not self.condition:
            return []
        return PYSONDecoder({}).decode(self.condition)

    @classmethod
    def validate_fields(cls, records, field_names):
        super().validate_fields(records, field_names)
        cls.check_condition(records, field_names)

    @classmethod
    def check_condition(cls, records, field_names=None):
        if field_names and not (field_names & {'condition', 'model'}):
            return
        pool = Pool()
        for record in records:
            if not record.condition or not record.condition_model:
                continue
            try:
                domain = record.get_condition_domain()
                if not isinstance(domain, list):
                    raise ValueError
                fields.domain_validate(domain)
                Model = pool.get(record.condition_model)
                # Build the query without running it: unknown fields and
                # operators fail here, and a bad value cannot abort the
                # transaction.
                with without_check_access():
                    Model.search(domain, query=True)
            except Exception:
                raise ApprovalConfigurationError(gettext(
                        'ame_approval.msg_condition_invalid',
                        condition=record.condition,
                        record=record.rec_name))

    def filter_documents(self, documents):
        "Return the documents that satisfy the condition"
        if not self.condition or not documents:
            return list(documents)
        Model = documents[0].__class__
        domain = self.get_condition_domain()
        ids = set()
        with without_check_access(), \
                Transaction().set_context(active_test=False):
            for sub_documents in grouped_slice(
                    documents, backend.MAX_QUERY_PARAMS):
                ids.update(r.id for r in Model.search([
                            ('id', 'in', [d.id for d in sub_documents]),
                            domain,
                            ], order=[]))
        return [d for d in documents if d.id in ids]
