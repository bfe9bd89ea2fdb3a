# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    @classmethod
    def default_language(cls):
        # AME tenants keep English as the storage language (so that module
        # translations load) but their users work in the tenant's language.
        pool = Pool()
        Configuration = pool.get('ame.configuration')
        language = Configuration(1).user_language
        return language.id if language else None

    @classmethod
    def _get_preferences(cls, user, context_only=False):
        # Tryton runs the user's login actions ("actions") when the client
        # starts, and puts the module configuration wizard first for the
        # administrator while it has open steps. A user with no login
        # action of his own opens AME's home: the actions the modules list
        # in _home_actions that his groups give him (我的待审批 ...).
        preferences = super()._get_preferences(
            user, context_only=context_only)
        if 'actions' in preferences and not user.actions:
            actions = preferences['actions']
            actions += [a for a in cls._home_actions(user)
                if a not in actions]
        return preferences

    @classmethod
    def _home_actions(cls, user):
        """Return the ir.action ids of the home of user, the ones he may
        open among those of get_home_actions"""
        pool = Pool()
        Action = pool.get('ir.action')
        ActionWindow = pool.get('ir.action.act_window')
        ModelAccess = pool.get('ir.model.access')
        groups = {g.id for g in user.groups}
        result = []
        with Transaction().set_user(user.id), \
                Transaction().set_context(_check_access=True):
            for action in Action.browse(cls.get_home_actions()):
                if action.groups and not groups & {
                        g.id for g in action.groups}:
                    continue
                windows = ActionWindow.search([
                        ('action', '=', action.id),
                        ])
                if (windows and windows[0].res_model
                        and not ModelAccess.check(windows[0].res_model,
                            'read', raise_exception=False)):
                    continue
                result.append(action.id)
        return result

    @classmethod
    def home_action(cls, module, fs_id):
        "Return the ir.action id of the act_window module.fs_id"
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        ActionWindow = pool.get('ir.action.act_window')
        return ActionWindow(ModelData.get_id(module, fs_id)).action.id

    @classmethod
    def get_home_actions(cls):
        """Return the ir.action ids to open at login, in order, for users
        with no login action of their own; modules extend it, adding
        theirs at the end: the web client shows the last one in front"""
        return []
