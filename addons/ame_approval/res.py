# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.pool import Pool, PoolMeta


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    @classmethod
    def get_home_actions(cls):
        # The home opens on the approvals waiting for the user.
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        ActionWindow = pool.get('ir.action.act_window')
        my_step = ActionWindow(
            ModelData.get_id('ame_approval', 'act_my_step'))
        return [my_step.action.id] + super().get_home_actions()
