# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta
from trytond.transaction import Transaction


class Menu(metaclass=PoolMeta):
    __name__ = 'ir.ui.menu'

    @classmethod
    def search(cls, domain, offset=0, limit=None, order=None, count=False,
            query=False):
        # Tryton hides the entries whose action or groups the user lacks,
        # and the menus under a hidden one; AME also hides a folder that
        # leads to no entry the user may open: the top menus of the seed
        # that wait for their business modules (市场管理, 服务管理 ...)
        # and the ones whose every entry is for other roles.
        # As Tryton's own filter, this one applies before the page is cut.
        transaction = Transaction()
        if (query or not transaction.check_access
                or transaction.context.get('_ame_menu_entries')):
            return super().search(domain, offset=offset, limit=limit,
                order=order, count=count, query=query)
        menus = super().search(domain, order=order)
        folders = [m for m in menus if not m.action_keywords]
        if folders:
            with transaction.set_context(_ame_menu_entries=True):
                descendants = cls.search([
                        ('parent', 'child_of', [f.id for f in folders]),
                        ])
            reachable = set()
            for menu in descendants:
                if not menu.action_keywords:
                    continue
                parent = menu.parent
                while parent and parent.id not in reachable:
                    reachable.add(parent.id)
                    parent = parent.parent
            menus = [m for m in menus
                if m.action_keywords or m.id in reachable]
        menus = menus[offset:offset + limit if limit is not None else None]
        return len(menus) if count else menus
