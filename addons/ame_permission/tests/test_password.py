# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Passwords and logins under attack: the hash and the reset password of
other users, the preferences, and the throttling of failed logins against
a known device, with the checks RPC runs."""
from trytond import config
from trytond.exceptions import RateLimitException
from trytond.i18n import gettext
from trytond.model.exceptions import AccessError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_permission.tests.tools import (
    as_user, create_user)
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.res.exceptions import PasswordError
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction

PASSWORD = 'Zw#machine-tool-9'


def password_hash(user):
    cursor = Transaction().connection.cursor()
    table = Pool().get('res.user').__table__()
    cursor.execute(*table.select(
            table.password_hash, where=table.id == user.id))
    return cursor.fetchone()[0]


class PasswordTestCase(AmeTestCase):
    "Passwords and logins"
    module = 'ame_permission'
    extras = ['sale_opportunity', 'purchase']

    def _users(self):
        "The victim and the attacker, both 销售员, the victim's password set"
        pool = Pool()
        User = pool.get('res.user')
        company = create_company()
        with set_company(company):
            _, victim = create_user(
                company, 'zhangwei', roles=['role_sales_rep'])
            _, attacker = create_user(
                company, 'lisi', roles=['role_sales_rep'])
        User.write([victim], {'password': PASSWORD})
        return victim, attacker

    @with_transaction()
    def test_password_fields_hidden(self):
        "Nobody but the administrators reads or searches the password fields"
        pool = Pool()
        User = pool.get('res.user')
        victim, attacker = self._users()
        # What an anonymous common.db.reset_password does
        User.reset_password([victim])
        with as_user(attacker):
            for name in [
                    'password_hash', 'password_reset',
                    'password_reset_expire']:
                message = gettext(
                    'ir.msg_access_rule_field_error',
                    **User.__names__(name))
                with self.subTest(field=name):
                    with self.assertRaises(AccessError) as cm:
                        User.read([victim.id], [name])
                    self.assertEqual(cm.exception.message, message)
                    # the oracle (of a prefix for the hash)
                    with self.assertRaises(AccessError) as cm:
                        User.search_count([(name, '!=', None)])
                    self.assertEqual(cm.exception.message, message)
                    with self.assertRaises(AccessError):
                        User.search([], order=[(name, 'ASC')])
            with self.assertRaises(AccessError):
                User.search_count([('password_hash', 'like', '$argon2%')])
            # The rest of a user stays readable, as clients read it
            self.assertEqual(
                User.read([victim.id], ['name'])[0]['name'], 'zhangwei')
            eager = [n for n, f in User._fields.items()
                if f.loading == 'eager']
            self.assertEqual(
                User.read([victim.id], eager)[0]['login'], 'zhangwei')

        admin = User(Pool().get('ir.model.data').get_id('res', 'user_admin'))
        with as_user(admin):
            reset, = User.read([victim.id], ['password_reset'])
            self.assertTrue(reset['password_reset'])

    @with_transaction()
    def test_preferences_password(self):
        "The preferences do not change the password without the current one"
        pool = Pool()
        User = pool.get('res.user')
        victim, _ = self._users()
        before = password_hash(victim)
        with Transaction().set_user(victim.id):
            for password in ['Ls#stolen-session-1', '', None]:
                with self.subTest(password=password):
                    with self.assertRaises(PasswordError) as cm, \
                            rolled_back():
                        User.set_preferences({'password': password})
                    self.assertEqual(cm.exception.message, gettext(
                            'ame_permission.msg_preferences_password'))
            self.assertEqual(password_hash(victim), before)

            # The other preferences, and the placeholder the client sends
            User.set_preferences({'name': "张伟", 'password': 'x' * 10})
        self.assertEqual(User(victim.id).name, "张伟")
        self.assertEqual(password_hash(victim), before)
        view = User.get_preferences_fields_view()
        self.assertNotIn('password', view['fields'])

    @with_transaction()
    def test_known_device_logs_in(self):
        "Failed logins throttle the login but not the user's known device"
        pool = Pool()
        User = pool.get('res.user')
        Device = pool.get('res.user.device')
        victim, _ = self._users()
        # What the web client does after a login: it keeps the cookie
        with Transaction().set_user(victim.id):
            cookie = Device.renew(None)

        max_attempt = config.get('session', 'max_attempt', default='5')
        # Fewer attempts before the limit: each one waits up to 2^n s
        config.set('session', 'max_attempt', '2')
        try:
            for _ in range(3):
                self.assertIsNone(
                    User.get_login('zhangwei', {'password': 'guess'}))
            # The attacker is throttled, even with the right password
            with self.assertRaises(RateLimitException):
                User.get_login('zhangwei', {'password': PASSWORD})
            # a forged cookie is no known device
            with self.assertRaises(RateLimitException):
                User.get_login('zhangwei', {
                        'password': PASSWORD, 'device_cookie': 'forged'})

            # The victim's browser logs in, and again
            for _ in range(2):
                self.assertEqual(User.get_login('zhangwei', {
                            'password': PASSWORD, 'device_cookie': cookie}),
                    victim.id)
            # while the attacker stays throttled
            with self.assertRaises(RateLimitException):
                User.get_login('zhangwei', {'password': PASSWORD})
        finally:
            config.set('session', 'max_attempt', max_attempt)


del AmeTestCase
