# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.model import ModelSingleton, ModelSQL, ModelView, fields
from trytond.pool import Pool


class Configuration(ModelSingleton, ModelSQL, ModelView):
    __name__ = 'ame.configuration'
    __string__ = "Runtime Parameters"

    user_language = fields.Many2One(
        'ir.lang', "User Language",
        domain=[('translatable', '=', True)],
        help="The language given to new users of this tenant.")

    @classmethod
    def default_user_language(cls):
        pool = Pool()
        Lang = pool.get('ir.lang')
        languages = Lang.search([
                ('code', '=', 'zh_CN'),
                ('translatable', '=', True),
                ], limit=1)
        return languages[0].id if languages else None
