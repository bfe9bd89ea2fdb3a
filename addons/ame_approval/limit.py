# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from collections import defaultdict

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.modules.currency.fields import Monetary
from trytond.pyson import Bool, Eval
from trytond.transaction import Transaction, without_check_access

from .exceptions import ApprovalConfigurationError


class Limit(ModelSQL, ModelView):
    # 审批权限: up to which amount a user, or the holders of a position,
    # may approve a business (or every business). An approver whose limits
    # are all below the amount of a document is not an approver of it;
    # approvers without any limit are not limited.
    __name__ = 'ame.approval.limit'
    __string__ = "Approval Limit"

    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='CASCADE')
    business = fields.Many2One(
        'ame.approval.business', "Business", ondelete='CASCADE',
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        help="Leave empty for every business.")
    user = fields.Many2One(
        'res.user', "User", ondelete='CASCADE',
        states={
            'required': ~Eval('position'),
            'readonly': Bool(Eval('position')),
            })
    position = fields.Many2One(
        'company.position', "Position", ondelete='CASCADE',
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        states={
            'required': ~Eval('user'),
            'readonly': Bool(Eval('user')),
            },
        context={
            'company': Eval('company', -1),
            },
        depends={'company'})
    max_amount = Monetary(
        "Up To Amount", currency='currency', digits='currency',
        required=True,
        help="The highest document amount, in the company currency.")
    currency = fields.Function(
        fields.Many2One('currency.currency', "Currency"),
        'on_change_with_currency')

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @fields.depends('company')
    def on_change_with_currency(self, name=None):
        return self.company.currency if self.company else None

    @classmethod
    def validate_fields(cls, limits, field_names):
        super().validate_fields(limits, field_names)
        cls.check_approver(limits, field_names)

    @classmethod
    def check_approver(cls, limits, field_names=None):
        if field_names and not (field_names & {'user', 'position'}):
            return
        for limit in limits:
            if bool(limit.user) == bool(limit.position):
                raise ApprovalConfigurationError(gettext(
                        'ame_approval.msg_limit_user_or_position',
                        limit=limit.rec_name))

    def get_rec_name(self, name):
        approver = self.user or self.position
        return approver.rec_name if approver else str(self.id)

    @classmethod
    def search_rec_name(cls, name, clause):
        _, operator, operand, *extra = clause
        bool_op = 'AND' if operator.startswith(('!', 'not ')) else 'OR'
        return [bool_op,
            ('user.rec_name', operator, operand, *extra),
            ('position.rec_name', operator, operand, *extra),
            ]

    @classmethod
    @without_check_access
    def filter_users(cls, users, company, business, amount, date):
        """Return the users whose limits for the business allow the amount
        at the date"""
        if amount is None:
            return set(users)
        limits = cls.search([
                ('company', '=', company.id),
                ['OR',
                    ('business', '=', None),
                    ('business', '=', business.id),
                    ],
                ])
        if not limits:
            return set(users)
        by_user, by_position = defaultdict(list), defaultdict(list)
        for limit in limits:
            if limit.user:
                by_user[limit.user].append(limit.max_amount)
            else:
                by_position[limit.position].append(limit.max_amount)
        allowed = set()
        for user in users:
            amounts = list(by_user[user])
            for employee in user.employees:
                if employee.company != company:
                    continue
                for position in employee.get_positions(date):
                    amounts.extend(by_position[position])
            if not amounts or max(amounts) >= amount:
                allowed.add(user)
        return allowed
