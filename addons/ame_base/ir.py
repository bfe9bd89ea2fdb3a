# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import polib

from trytond.pool import Pool, PoolMeta


class Translation(metaclass=PoolMeta):
    __name__ = 'ir.translation'

    @classmethod
    def translation_import(cls, lang, module, po_path):
        super().translation_import(lang, module, po_path)
        cls._unfuzzy_overrides(lang, module, po_path)

    @classmethod
    def _unfuzzy_overrides(cls, lang, module, po_path):
        """Mark as translated the strings of other modules that an override
        file (locale/override/*.po) translates as their fuzzy upstream
        translation does: trytond 8.0 updates an overridden translation
        only when its text changes, so it stayed fuzzy and unused."""
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        if isinstance(po_path, str):
            po_path = [po_path]
        to_save = []
        for path in po_path:
            for entry in polib.pofile(path):
                if entry.obsolete or 'fuzzy' in entry.flags:
                    continue
                new, res_id = cls.from_poentry(entry)
                if '.' not in res_id or not new.value:
                    continue
                res_module, fs_id = res_id.split('.')
                domain = [
                    ('lang', '=', lang),
                    ('module', '=', res_module),
                    ('type', '=', new.type),
                    ('name', '=', new.name),
                    ('res_id', '=',
                        ModelData.get_id(res_module, fs_id) if fs_id else -1),
                    ('fuzzy', '=', True),
                    ('value', '=', new.value),
                    ]
                if new.type in {
                        'report', 'view', 'wizard_button', 'selection'}:
                    domain.append(('src', '=', new.src))
                for translation in cls.search(domain):
                    translation.fuzzy = False
                    translation.overriding_module = module
                    to_save.append(translation)
        cls.save(to_save)
