# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import pytest

from attack import Client, World
from targets import ROLES


@pytest.fixture(scope='session')
def admin(ame, demo):
    return Client(ame.url, demo, 'admin', 'admin')


@pytest.fixture(scope='session')
def clients(ame, demo):
    "Client of a demo login, logged in once for the session"
    cache = {}

    def client(login):
        if login not in cache:
            cache[login] = Client(ame.url, demo, login)
        return cache[login]
    return client


@pytest.fixture(scope='module')
def world(admin, clients):
    "The documents of a module's attacks, cleaned when the module ends"
    world = World(admin, clients, ROLES)
    yield world
    world.clean()
