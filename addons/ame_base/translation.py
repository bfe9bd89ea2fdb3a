# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import logging
import os
import tempfile

import polib

from trytond.pool import Pool, PoolMeta

logger = logging.getLogger(__name__)
SOURCE_TYPES = {'report', 'view', 'wizard_button', 'selection'}


def owner(entry):
    """Return the module whose string an override entry translates, or None
    for an entry of the module itself"""
    _, _, res_id = entry.msgctxt.split(':')
    if '.' in res_id:
        return res_id.split('.', 1)[0]


class Translation(metaclass=PoolMeta):
    __name__ = 'ir.translation'

    @classmethod
    def translation_import(cls, lang, module, po_path):
        # locale/override/zh_CN.po also translates the optional modules
        # (sale, sale_opportunity, purchase...). Tryton stops on an override
        # entry whose module is not activated: leave those entries out; they
        # are loaded when the optional module is activated, as that
        # upgrades this module too.
        pool = Pool()
        Module = pool.get('ir.module')
        if isinstance(po_path, str):
            po_path = [po_path]
        activated = {m.name for m in Module.search([
                    ('state', 'in',
                        ['activated', 'to activate', 'to upgrade']),
                    ])}
        overrides = []
        with tempfile.TemporaryDirectory() as directory:
            paths = []
            for i, path in enumerate(po_path):
                pofile = polib.pofile(path)
                entries = [e for e in pofile
                    if e.obsolete or owner(e) in activated | {None}]
                overrides.extend(e for e in entries
                    if not e.obsolete and owner(e) and e.msgstr
                    and 'fuzzy' not in e.flags)
                if len(entries) == len(pofile):
                    paths.append(path)
                    continue
                logger.info(
                    "%s: %s skip %d entries of modules not activated",
                    module, path, len(pofile) - len(entries))
                filtered = polib.POFile()
                filtered.metadata = pofile.metadata
                filtered.extend(entries)
                filtered_path = os.path.join(directory, f'{i}-{lang}.po')
                filtered.save(filtered_path)
                paths.append(filtered_path)
            result = super().translation_import(lang, module, paths)
        cls._confirm_overrides(lang, overrides)
        return result

    @classmethod
    def _confirm_overrides(cls, lang, entries):
        """Clear the fuzzy flag of the translations an override confirms:
        Tryton only writes an override whose value differs, so an upstream
        fuzzy translation that the override keeps stays unused."""
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        if not entries:
            return
        fs_ids = {}
        modules = {owner(e) for e in entries}
        for data in ModelData.search([
                    ('module', 'in', list(modules)),
                    ('fs_id', 'in', list({
                                e.msgctxt.split(':')[2].split('.', 1)[1]
                                for e in entries} - {''})),
                    ]):
            fs_ids[data.module, data.fs_id] = data.db_id
        wanted = {}
        for entry in entries:
            ttype, name, res = entry.msgctxt.split(':')
            module, fs_id = res.split('.', 1)
            res_id = fs_ids.get((module, fs_id)) if fs_id else -1
            src = entry.msgid if ttype in SOURCE_TYPES else None
            wanted[ttype, name, res_id, module, src] = entry.msgstr
        to_confirm = []
        for translation in cls.search([
                    ('lang', '=', lang),
                    ('module', 'in', list(modules)),
                    ('fuzzy', '=', True),
                    ]):
            src = translation.src if translation.type in SOURCE_TYPES else None
            key = (translation.type, translation.name, translation.res_id,
                translation.module, src)
            if key in wanted and translation.value == wanted[key]:
                to_confirm.append(translation)
        if to_confirm:
            cls.write(to_confirm, {'fuzzy': False})
