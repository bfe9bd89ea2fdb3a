# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import logging
import os
import tempfile
from collections import Counter

import polib

from trytond.pool import Pool, PoolMeta

logger = logging.getLogger(__name__)
# The translation types whose override Tryton finds by their source too
# (see ir.translation translation_import).
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
        # locale/override/*.po translates strings of other modules. Tryton
        # stops the whole module update on an override entry that matches
        # no translation (its module is not activated, e.g. sale, or the
        # module's own file lacks the string) or several ones (help texts
        # of selection values): leave those entries out, with a warning.
        # The entries of an optional module are loaded when it is
        # activated, as that upgrades this module too.
        if isinstance(po_path, str):
            po_path = [po_path]
        overrides = []
        missing = []
        with tempfile.TemporaryDirectory() as directory:
            paths = []
            for i, path in enumerate(po_path):
                pofile = polib.pofile(path)
                entries = [e for e in pofile if not e.obsolete and owner(e)]
                if not entries:
                    paths.append(path)
                    continue
                keys = cls._override_keys(lang, entries)
                counts = cls._count_translations(lang, set(keys.values()))
                kept = []
                for entry in pofile:
                    if (entry.obsolete or not owner(entry)
                            or counts[keys[id(entry)]] == 1):
                        kept.append(entry)
                        if owner(entry):
                            overrides.append((entry, keys[id(entry)]))
                    elif counts[keys[id(entry)]]:
                        logger.warning(
                            "%s: %s: %s %r matches several translations",
                            module, path, entry.msgctxt, entry.msgid)
                    elif cls._is_untranslated_record(keys[id(entry)]):
                        missing.append((entry, keys[id(entry)]))
                    elif owner(entry) in cls._activated_modules():
                        logger.warning(
                            "%s: %s: %s %r has no translation to override",
                            module, path, entry.msgctxt, entry.msgid)
                if len(kept) == len(pofile):
                    paths.append(path)
                    continue
                filtered = polib.POFile()
                filtered.metadata = pofile.metadata
                filtered.extend(kept)
                filtered_path = os.path.join(directory, f'{i}-{lang}.po')
                filtered.save(filtered_path)
                paths.append(filtered_path)
            result = super().translation_import(lang, module, paths)
        cls._confirm_overrides(lang, overrides)
        cls._create_record_translations(lang, missing)
        return result

    @classmethod
    def _is_untranslated_record(cls, key):
        """Tell if key names a record of another module (a group, a menu)
        that its module's translation file leaves out: upstream has no row
        for it in any language but English"""
        ttype, _, res_id, module, _ = key
        return (ttype == 'model' and res_id is not None and res_id >= 0
            and module in cls._activated_modules())

    @classmethod
    def _create_record_translations(cls, lang, missing):
        "Create the translations of the records upstream leaves out"
        to_create = []
        for entry, (ttype, name, res_id, module, _) in missing:
            if not entry.msgstr or 'fuzzy' in entry.flags:
                continue
            to_create.append({
                    'name': name,
                    'res_id': res_id,
                    'lang': lang,
                    'type': ttype,
                    'src': entry.msgid,
                    'value': entry.msgstr,
                    'module': module,
                    'fuzzy': False,
                    })
        if to_create:
            cls.create(to_create)

    @classmethod
    def _activated_modules(cls):
        pool = Pool()
        Module = pool.get('ir.module')
        return {m.name for m in Module.search([
                    ('state', 'in',
                        ['activated', 'to activate', 'to upgrade']),
                    ])}

    @classmethod
    def _override_keys(cls, lang, entries):
        """Return for each override entry (by id) the key of the translation
        it overrides: (type, name, res_id, module, source or None)"""
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        refs = set()
        for entry in entries:
            module, fs_id = entry.msgctxt.split(':')[2].split('.', 1)
            if fs_id:
                refs.add((module, fs_id))
        db_ids = {}
        for data in ModelData.search([
                    ('module', 'in', list({m for m, _ in refs})),
                    ('fs_id', 'in', list({f for _, f in refs})),
                    ]):
            db_ids[data.module, data.fs_id] = data.db_id
        keys = {}
        for entry in entries:
            ttype, name, res = entry.msgctxt.split(':')
            module, fs_id = res.split('.', 1)
            res_id = db_ids.get((module, fs_id)) if fs_id else -1
            src = entry.msgid if ttype in SOURCE_TYPES else None
            keys[id(entry)] = (ttype, name, res_id, module, src)
        return keys

    @classmethod
    def _count_translations(cls, lang, keys):
        "Count the translations of lang matching each key"
        counts = Counter()
        modules = {k[3] for k in keys}
        if not modules:
            return counts
        for translation in cls.search([
                    ('lang', '=', lang),
                    ('module', 'in', list(modules)),
                    ]):
            src = translation.src if translation.type in SOURCE_TYPES else None
            key = (translation.type, translation.name, translation.res_id,
                translation.module, src)
            if key in keys:
                counts[key] += 1
        return counts

    @classmethod
    def _confirm_overrides(cls, lang, overrides):
        """Clear the fuzzy flag of the translations an override confirms:
        Tryton only writes an override whose value differs, so an upstream
        fuzzy translation that the override keeps would stay unused."""
        wanted = {key: entry.msgstr for entry, key in overrides
            if entry.msgstr and 'fuzzy' not in entry.flags}
        if not wanted:
            return
        to_confirm = []
        for translation in cls.search([
                    ('lang', '=', lang),
                    ('module', 'in', list({k[3] for k in wanted})),
                    ('fuzzy', '=', True),
                    ]):
            src = translation.src if translation.type in SOURCE_TYPES else None
            key = (translation.type, translation.name, translation.res_id,
                translation.module, src)
            if key in wanted and translation.value == wanted[key]:
                to_confirm.append(translation)
        if to_confirm:
            cls.write(to_confirm, {'fuzzy': False})
