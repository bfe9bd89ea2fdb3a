# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import logging

import trytond.config as config
from trytond.i18n import gettext
from trytond.model import ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.res.exceptions import PasswordError
from trytond.transaction import Transaction, without_check_access
from trytond.wizard import Button, StateTransition, StateView, Wizard

logger = logging.getLogger(__name__)
PASSWORD_FIELDS = ['password_hash', 'password_reset', 'password_reset_expire']


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # Only the administrators read and search them (the field access in
        # permission.xml); lazy, so that a client reading a user (its eager
        # fields, as proteus does) does not ask for them.
        for name in PASSWORD_FIELDS:
            getattr(cls, name).loading = 'lazy'

    @classmethod
    def set_preferences(cls, values):
        # Tryton's preferences change the password of a session that is
        # still active, without the current password: AME changes it with
        # 更改密码 only, which asks for it (the preferences do not show it).
        # The placeholder is what a client sends back unchanged.
        if values.get('password', 'x' * 10) != 'x' * 10:
            raise PasswordError(
                gettext('ame_permission.msg_preferences_password'))
        super().set_preferences(values)


class ChangePasswordStart(ModelView):
    __name__ = 'res.user.change_password.start'
    __string__ = "Change Password"

    current_password = fields.Char(
        "Current Password", required=True, strip=False)
    password = fields.Char(
        "New Password", required=True, strip=False,
        help="It must follow the password rules of the system.")
    password_confirm = fields.Char(
        "Confirm New Password", required=True, strip=False)


class ChangePassword(Wizard):
    # 更改密码: any user changes his own password. The current password is
    # checked as the login does; the new one is written through res.user so
    # that the password rules apply.
    __name__ = 'res.user.change_password'
    __string__ = "Change Password"

    start = StateView(
        'res.user.change_password.start',
        'ame_permission.change_password_start_view_form', [
            Button("Cancel", 'end', 'tryton-cancel'),
            Button("Change", 'change', 'tryton-ok', default=True),
            ])
    change = StateTransition()

    def transition_change(self):
        pool = Pool()
        User = pool.get('res.user')
        Attempt = pool.get('res.user.login.attempt')
        transaction = Transaction()
        user = User(transaction.user)

        # Failed checks count as failed logins, so that the wizard cannot be
        # used to guess the password faster than the login form.
        max_attempt = config.getint('session', 'max_attempt', default=5)
        if Attempt.count(user.login) > max_attempt:
            raise PasswordError(
                gettext('ame_permission.msg_change_password_attempts'))
        if User._login_password(
                user.login,
                {'password': self.start.current_password}) != user.id:
            transaction.atexit(
                self._add_failed_attempt, transaction.database.name,
                user.login, transaction.context.get('_request'))
            raise PasswordError(
                gettext('ame_permission.msg_change_password_wrong'))
        if self.start.password != self.start.password_confirm:
            raise PasswordError(
                gettext('ame_permission.msg_change_password_confirm'))
        if self.start.password == self.start.current_password:
            raise PasswordError(
                gettext('ame_permission.msg_change_password_same'))

        # The user may not write users: set_preferences does the same.
        # The password rules still apply as the transaction has the user.
        with without_check_access():
            User.write([user], {'password': self.start.password})

        # Keep no password in the wizard session
        self.start.current_password = None
        self.start.password = None
        self.start.password_confirm = None
        return 'end'

    @staticmethod
    def _add_failed_attempt(database_name, login, request=None):
        "Record the failed attempt once the request is rolled back"
        try:
            with Transaction(new=True).start(
                    database_name, 0, context={'_request': request}):
                Attempt = Pool().get('res.user.login.attempt')
                Attempt.add(login)
        except Exception:
            logger.warning(
                "Could not record the failed password change of %s", login,
                exc_info=True)
