# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""常用功能 (frequently used entries) on the home: the menu entries the
user's roles list, which administrators set per role, and the ones the user
marked himself with the web client's favourite star.

The web client asks the server for a menu entry's action once a day
(ir.action.keyword.get_keyword is cached) and in a read-only transaction,
so the server cannot count how often each user opens an entry: the role
says what its users work with, the star what each user adds."""
import datetime as dt

from trytond.model import ModelSQL, fields
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction, without_check_access


class Role(metaclass=PoolMeta):
    __name__ = 'res.role'

    home_menus = fields.Many2Many(
        'res.role-ir.ui.menu', 'role', 'menu', "Frequently Used",
        help="The menu entries the home of the role's users lists "
        "under 常用功能, besides the ones each user marks with the star.")


class RoleMenu(ModelSQL):
    __name__ = 'res.role-ir.ui.menu'
    __string__ = "Role Menu"

    role = fields.Many2One(
        'res.role', "Role", required=True, ondelete='CASCADE')
    menu = fields.Many2One(
        'ir.ui.menu', "Menu", required=True, ondelete='CASCADE')


class Menu(metaclass=PoolMeta):
    __name__ = 'ir.ui.menu'

    home = fields.Function(fields.Boolean("Frequently Used"),
        'get_home', searcher='search_home')

    @classmethod
    def home_menus(cls):
        "Return the ids of the current user's frequently used entries"
        pool = Pool()
        User = pool.get('res.user')
        Favorite = pool.get('ir.ui.menu.favorite')
        transaction = Transaction()
        if not transaction.user:
            return set()
        with without_check_access(), transaction.set_context(
                active_test=False):
            user = User(transaction.user)
            now = dt.datetime.now()
            menus = {m.id for r in user.roles if r.valid(now)
                for m in r.role.home_menus}
            menus.update(f.menu.id for f in Favorite.search([
                        ('user', '=', user.id),
                        ]))
        return menus

    @classmethod
    def get_home(cls, menus, name):
        home = cls.home_menus()
        return {m.id: m.id in home for m in menus}

    @classmethod
    def search_home(cls, name, clause):
        _, operator, value = clause
        include = (operator == '=') == bool(value)
        return [('id', 'in' if include else 'not in',
                list(cls.home_menus()))]


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    @classmethod
    def get_home_actions(cls):
        # 常用功能 opens first: the modules that depend on this one add
        # theirs after it (我的待审批 of ame_approval is the tab in front).
        return super().get_home_actions() + [
            cls.home_action('ame_permission', 'act_home_menu')]
