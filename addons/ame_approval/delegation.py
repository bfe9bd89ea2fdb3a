# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from collections import defaultdict

from trytond.cache import Cache
from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.transaction import Transaction, without_check_access

from .exceptions import ApprovalConfigurationError


class Delegation(ModelSQL, ModelView):
    # 审批代理: from a date to a date, a substitute approves in the name of
    # a user (all businesses, or one); the history records "X for Y".
    __name__ = 'ame.approval.delegation'
    __string__ = "Approval Delegation"

    user = fields.Many2One(
        'res.user', "User", required=True, ondelete='CASCADE',
        help="The approver who is away.")
    substitute = fields.Many2One(
        'res.user', "Substitute", required=True, ondelete='CASCADE',
        help="The user who approves in his name.")
    business = fields.Many2One(
        'ame.approval.business', "Business", ondelete='CASCADE',
        help="Leave empty for every business.")
    from_date = fields.Date("From Date", required=True)
    to_date = fields.Date("To Date", required=True)
    reason = fields.Char("Reason")
    current = fields.Function(
        fields.Boolean("Current", help="Valid today."),
        'get_current', searcher='search_current')

    _approval_users_cache = Cache(
        'ame.approval.delegation.approval_users', context=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('from_date', 'DESC'))

    @classmethod
    def on_modification(cls, mode, delegations, field_names=None):
        super().on_modification(mode, delegations, field_names=field_names)
        cls._approval_users_cache.clear()

    @classmethod
    def validate_fields(cls, delegations, field_names):
        super().validate_fields(delegations, field_names)
        cls.check_dates(delegations, field_names)

    @classmethod
    def check_dates(cls, delegations, field_names=None):
        if field_names and not (
                field_names & {'user', 'substitute', 'from_date', 'to_date'}):
            return
        for delegation in delegations:
            if delegation.to_date < delegation.from_date:
                raise ApprovalConfigurationError(gettext(
                        'ame_approval.msg_delegation_dates',
                        delegation=delegation.rec_name))
            if delegation.user == delegation.substitute:
                raise ApprovalConfigurationError(gettext(
                        'ame_approval.msg_delegation_self',
                        delegation=delegation.rec_name))

    def get_rec_name(self, name):
        return '%s → %s' % (self.user.rec_name, self.substitute.rec_name)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('user.rec_name', operator, operand, *extra),
            ('substitute.rec_name', operator, operand, *extra),
            ]

    @staticmethod
    def _today():
        return Pool().get('ir.date').today()

    def get_current(self, name):
        return self.from_date <= self._today() <= self.to_date

    @classmethod
    def search_current(cls, name, clause):
        _, operator, value = clause
        today = cls._today()
        current = [
            ('from_date', '<=', today),
            ('to_date', '>=', today),
            ]
        if (operator == '=') == bool(value):
            return current
        return ['OR',
            ('from_date', '>', today),
            ('to_date', '<', today),
            ]

    @classmethod
    def _valid_domain(cls, business, date):
        return [
            ('from_date', '<=', date),
            ('to_date', '>=', date),
            ['OR',
                ('business', '=', None),
                ('business', '=', business.id if business else None),
                ],
            ]

    @classmethod
    @without_check_access
    def get_principals(cls, substitute, business, date=None):
        "Return the users for whom the substitute approves the business"
        date = date or cls._today()
        return [d.user for d in cls.search([
                    ('substitute', '=', substitute.id),
                    *cls._valid_domain(business, date),
                    ])]

    @classmethod
    def get_approval_users(cls):
        """Return the ids of the user and of those he substitutes today
        (for any business: the record rules let him read their steps, the
        buttons check the business)"""
        user = Transaction().user
        today = cls._today()
        key = (user, today)
        users = cls._approval_users_cache.get(key)
        if users is None:
            with without_check_access():
                principals = {d.user.id for d in cls.search([
                            ('substitute', '=', user),
                            ('from_date', '<=', today),
                            ('to_date', '>=', today),
                            ], order=[])}
            users = cls._approval_users_cache.set(
                key, (user, *sorted(principals - {user})))
        return users

    @classmethod
    @without_check_access
    def get_substitutes(cls, users, business, date=None):
        "Return for each user the substitutes who approve in his name"
        date = date or cls._today()
        result = defaultdict(list)
        for delegation in cls.search([
                    ('user', 'in', [u.id for u in users]),
                    *cls._valid_domain(business, date),
                    ]):
            result[delegation.user].append(delegation.substitute)
        return result
