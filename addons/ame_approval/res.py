# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import PoolMeta


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    @classmethod
    def get_home_actions(cls):
        # The home shows the approvals waiting for the user in front.
        return super().get_home_actions() + [
            cls.home_action('ame_approval', 'act_my_step')]
