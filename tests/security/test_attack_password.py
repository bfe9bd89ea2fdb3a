# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Passwords and identity under attack (issue 6, items 1 and 4): no user
reads or searches another's password, changes his own without the current
one, or takes another employee's identity."""
import threading

import pytest

from attack import PASSWORD, Client, assert_refused, assert_refused_or_empty
from ametest import rpc_response
from targets import ROLES

# The victim of the password attacks; the attackers are the other roles
VICTIM = 'service'
ATTACKERS = [login for login in ROLES if login != VICTIM]


@pytest.fixture(scope='module')
def victim(admin, clients):
    "The victim after an anonymous request of a password reset"
    status, body = rpc_response(
        admin.url, admin.database, 'common.db.reset_password', VICTIM,
        'zh_CN')
    assert status == 200 and 'error' not in body, (status, body)
    return clients(VICTIM).id


@pytest.mark.parametrize('login', ATTACKERS)
def test_read_password_of_another_user(clients, victim, login):
    answer = clients(login).attempt(
        'model.res.user.read', [victim],
        ['password_reset', 'password_hash'])
    if not answer.refused:
        assert answer.status == 200, answer
        values, = answer.result
        assert not values['password_reset'], answer
        assert not values['password_hash'], answer


@pytest.mark.parametrize('login', ATTACKERS)
def test_search_on_password(clients, victim, login):
    "No oracle: a search on the hash or the reset password answers nothing"
    client = clients(login)
    for domain in [
            [('password_hash', 'like', '$%')],
            [('password_hash', '!=', None)],
            [('password_reset', '!=', None)],
            [('id', '=', victim), ('password_reset', 'like', '%')],
            ]:
        assert_refused_or_empty(client.attempt(
                'model.res.user.search_count', domain))
        assert_refused_or_empty(client.attempt(
                'model.res.user.search', domain, 0, None, None))


def logs_in(admin, password):
    status, body = rpc_response(
        admin.url, admin.database, 'common.db.login', VICTIM,
        {'password': password}, 'zh_CN')
    return status == 200 and 'result' in body


def test_change_password_without_current_one(admin, victim):
    new = 'Ame-Changed-2026!'
    client = Client(admin.url, admin.database, VICTIM)
    try:
        assert_refused(client.attempt(
                'model.res.user.set_preferences', {'password': new}))
        assert not logs_in(admin, new)
        assert logs_in(admin, PASSWORD)
    finally:
        # The other tests log in as the victim
        if not logs_in(admin, PASSWORD):
            admin.model('res.user', 'write', [victim], {'password': PASSWORD})


@pytest.mark.parametrize('login',
    [login for login, role in ROLES.items() if role.outsiders])
def test_preference_of_another_employee(world, clients, login):
    "Item 1: a user's employee is one of his own employees"
    client = clients(login)
    own = world.employees[ROLES[login].employee]
    other = world.employees[ROLES[login].outsiders[0]]
    try:
        assert_refused(client.attempt(
                'model.res.user.set_preferences', {'employee': other}))
        preferences = client.model('res.user', 'get_preferences', True,
            context=False)
        assert preferences['employee'] == own
    finally:
        client.attempt('model.res.user.set_preferences', {'employee': own},
            context=False)


def test_lockout_spares_a_known_device(admin):
    "Item 10: failed logins throttle unknown devices, not a known one"
    login, password = 'attack_lockout', 'Ame-Lockout-2026!'
    admin.model('res.user', 'create', [{
                'login': login, 'name': "登录限制测试", 'password': password}])
    cookie = Client(admin.url, admin.database, login, password).model(
        'res.user.device', 'renew', None, context=False)

    def log_in(password, **parameters):
        return rpc_response(admin.url, admin.database, 'common.db.login',
            login, dict(parameters, password=password), 'zh_CN')
    # At once: Tryton delays each failure by up to 2 ** failures seconds
    failures = [threading.Thread(target=log_in, args=("wrong-password",))
        for _ in range(7)]
    for thread in failures:
        thread.start()
    for thread in failures:
        thread.join()
    status, _ = log_in(password)
    assert status == 429
    status, body = log_in(password, device_cookie=cookie)
    assert status == 200 and 'result' in body, (status, body)
