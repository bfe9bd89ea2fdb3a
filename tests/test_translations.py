# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Every string users see in AME reads in Chinese.

(a) Every string of an AME module (addons/ame_*: fields, help texts,
    selections, views, menus, actions, messages, reports, groups, wizard
    buttons) has a non-fuzzy zh_CN translation, after Tryton's own
    translation refresh (what ``trytond-admin --export-translations`` runs:
    set, clean, update), so a new or changed string is caught.
(b) The standard screens the AME menus open show no English: for each AME
    menu whose action is a window, the menu, the action and its tabs, and
    the views of its model (labels, selection values, help texts, page and
    button strings, also of the lines shown inside its forms) are read in
    zh_CN and must not be plain English.
(c) The web client's own strings (sao's messages.pot: login dialog, user
    menu, toolbar, notifications, common dialogs) have a Chinese
    translation in the zh_CN.json that ``make sao`` installs, with the
    placeholders of the source and no desktop access keys.
(d) The server strings of the client chrome for a zh_CN user: the names of
    every menu (Tryton's under 标准功能 too), of the groups and of the
    models the permission screens list (界面组管理, 界面方法管理), the
    preferences form and the messages of res (login, notifications).
"""
import json
import re
import unittest

from lxml import etree

import polib

from ametest import AME_MODULES, ROOT
from trytond.modules.ame_base.tests.tools import PRODUCT_MODULES
from trytond.pool import Pool
from trytond.tests.test_tryton import (
    DB_NAME, TestCase, activate_module, backup_db_cache, drop_db,
    restore_db_cache, with_transaction)
from trytond.transaction import Transaction

LANG = 'zh_CN'
TOP_MENUS = [
    'menu_system', 'menu_platform', 'menu_assistant', 'menu_customer',
    'menu_market', 'menu_sales', 'menu_warehouse', 'menu_service',
    'menu_partner', 'menu_fund', 'menu_decision',
    ]
# Strings that stay as they are in Chinese screens: acronyms and product
# names users know in this form.
ALLOWED = {
    'ID', 'SKU', 'URL', 'IRC', 'VIES', 'E-mail', 'Email', 'SIP', 'REST API',
    }
ENGLISH = re.compile(r'[A-Za-z]{2,}')
PLACEHOLDER = re.compile(r'%[0-9]+|%s')
ACCESS_KEY = re.compile(r'\(_[A-Za-z]\)')
SAO_LOCALE = ROOT / 'var' / 'sao' / 'package' / 'locale'
CHINESE = re.compile(r'[\u3400-\u9fff]')


def is_english(text):
    "Tell if a UI text is English (has words and no Chinese character)"
    if not text or text in ALLOWED:
        return False
    return bool(ENGLISH.search(text)) and not CHINESE.search(text)


def refresh_translations(lang):
    """Load the translations of lang and refresh the translation table as
    trytond-admin --export-translations does"""
    pool = Pool()
    Lang = pool.get('ir.lang')
    TranslationSet = pool.get('ir.translation.set', type='wizard')
    TranslationClean = pool.get('ir.translation.clean', type='wizard')
    TranslationUpdate = pool.get('ir.translation.update', type='wizard')
    language, = Lang.search([('code', '=', lang)])
    Lang.load_translations([language])
    session_id, _, _ = TranslationSet.create()
    TranslationSet.execute(session_id, {}, 'set_')
    TranslationSet.delete(session_id)
    session_id, _, _ = TranslationClean.create()
    TranslationClean.execute(session_id, {}, 'clean')
    TranslationClean.delete(session_id)
    session_id, _, _ = TranslationUpdate.create()
    TranslationUpdate.execute(session_id, {
            'start': {'language': language.id},
            }, 'update')
    TranslationUpdate.delete(session_id)


class TranslationTestCase(TestCase):
    "zh_CN translations of the AME screens"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        drop_db()
        modules = PRODUCT_MODULES
        # Tryton's DB cache keeps the activated modules; keep also the
        # refreshed translations (the cache folder is keyed on the
        # add-ons' content by scripts/run-tests.sh).
        name = '-'.join(modules) + '--translations-' + LANG
        if not restore_db_cache(name):
            activate_module(modules)
            with Transaction().start(DB_NAME, 0, close=True) as transaction:
                refresh_translations(LANG)
                transaction.commit()
            backup_db_cache(name)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        drop_db()

    @with_transaction()
    def test_ame_strings_translated(self):
        "Every string of the AME modules has a zh_CN translation"
        pool = Pool()
        Translation = pool.get('ir.translation')
        offenders = []
        for translation in Translation.search([
                    ('lang', '=', LANG),
                    ('module', 'in', AME_MODULES),
                    ], order=[('module', 'ASC'), ('name', 'ASC')]):
            if not translation.value or translation.fuzzy:
                state = 'fuzzy' if translation.value else 'empty'
                offenders.append(
                    f'{translation.module}: {translation.type}:'
                    f'{translation.name} {translation.src!r} ({state})')
        if offenders:
            self.fail(
                f"{len(offenders)} strings without a zh_CN translation; "
                "run scripts/export-translations.sh MODULE and fill "
                "locale/zh_CN.po:\n" + '\n'.join(offenders))

    @with_transaction(context={'language': LANG})
    def test_client_chrome_server_strings_in_chinese(self):
        "The server strings of the client chrome read in Chinese"
        pool = Pool()
        Menu = pool.get('ir.ui.menu')
        Group = pool.get('res.group')
        Model = pool.get('ir.model')
        Button = pool.get('ir.model.button')
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')
        Message = pool.get('ir.message')
        offenders = set()

        def check(where, text):
            if is_english(text):
                offenders.add(f'{where}: {text!r}')

        for menu in Menu.search([]):
            check(f'menu {menu.complete_name}', menu.name)
        for group in Group.search([]):
            check('group', group.name)
        for model in Model.search([
                    ('name', 'in', list({b.model for b in Button.search([])})),
                    ]):
            check(f'model {model.name}', model.string)
        view = User.get_preferences_fields_view()
        for name, field in view['fields'].items():
            check(f'preference {name}', field.get('string'))
            check(f'help of preference {name}', field.get('help'))
        for data in ModelData.search([
                    ('model', '=', 'ir.message'),
                    ('module', '=', 'res'),
                    ]):
            check(f'message res.{data.fs_id}', Message(data.db_id).text)
        if offenders:
            self.fail(
                f"{len(offenders)} English strings in the client chrome; "
                "translate them in addons/ame_base/locale/override/zh_CN.po:"
                "\n" + '\n'.join(sorted(offenders)))

    @with_transaction(context={'language': LANG})
    def test_screens_in_chinese(self):
        "The screens of the AME menus show no English"
        pool = Pool()
        Menu = pool.get('ir.ui.menu')
        ModelData = pool.get('ir.model.data')
        ActionWindow = pool.get('ir.action.act_window')
        View = pool.get('ir.ui.view')

        offenders = set()

        def check(where, text):
            if is_english(text):
                offenders.add(f'{where}: {text!r}')

        tops = [ModelData.get_id('ame_base', fs_id) for fs_id in TOP_MENUS]
        # 系统管理 → 标准功能 holds Tryton's own menus for administrators,
        # as Tryton ships them; only their names are checked
        # (test_client_chrome_in_chinese).
        standard = ModelData.get_id('ame_base', 'menu_standard')
        menus = Menu.search([
                ('parent', 'child_of', tops),
                ('parent', 'not child_of', [standard]),
                ('id', '!=', standard),
                ])
        views = set()
        for menu in menus:
            check(f'menu {menu.complete_name}', menu.name)
            for keyword in menu.action_keywords:
                action = keyword.action
                check(f'action of {menu.complete_name}', action.name)
                if action.type != 'ir.action.act_window':
                    continue
                window, = ActionWindow.search([('action', '=', action.id)])
                for domain in window.act_window_domains:
                    check(f'tab of {menu.complete_name}', domain.name)
                if window.act_window_views:
                    for window_view in window.act_window_views:
                        views.add((window.res_model, window_view.view.id,
                                window_view.view.type))
                else:
                    views.add((window.res_model, None, 'tree'))
                    views.add((window.res_model, None, 'form'))
                if window.context_model:
                    views.add((window.context_model, None, 'form'))

        seen = set()

        def check_view(model_name, view_id, view_type, depth=1):
            if (model_name, view_id, view_type) in seen:
                return
            seen.add((model_name, view_id, view_type))
            Model = pool.get(model_name)
            result = Model.fields_view_get(
                view_id=view_id, view_type=view_type)
            for name, field in result['fields'].items():
                where = f'{model_name}.{name}'
                check(f'label of {where}', field.get('string'))
                check(f'help of {where}', field.get('help'))
                selection = field.get('selection')
                # Time zones are IANA identifiers, shown as such.
                if name == 'timezone':
                    selection = None
                if isinstance(selection, (list, tuple)):
                    for _, label in selection:
                        check(f'selection of {where}', label)
                if (depth > 0
                        and field['type'] in {'one2many', 'many2many'}):
                    for sub_type in ['tree', 'form']:
                        check_view(
                            field['relation'], None, sub_type, depth - 1)
            arch = etree.fromstring(result['arch'])
            for element in arch.iter():
                for attribute in ['string', 'help', 'confirm']:
                    check(f'{view_type} view of {model_name} '
                        f'<{element.tag} {element.get("name", "")}> '
                        f'{attribute}', element.get(attribute))
                # Lines shown with their own views (view_ids="...")
                field = result['fields'].get(element.get('name'))
                if (depth > 0 and element.tag == 'field'
                        and element.get('view_ids') and field
                        and field.get('relation')):
                    for sub_view in View.browse(
                            map(int, element.get('view_ids').split(','))):
                        check_view(field['relation'], sub_view.id,
                            sub_view.type, depth - 1)

        for model_name, view_id, view_type in sorted(
                views, key=lambda v: (v[0], v[1] or 0, v[2])):
            check_view(model_name, view_id, view_type)

        if offenders:
            self.fail(
                f"{len(offenders)} English strings in AME screens; "
                "translate them in addons/ame_base/locale/override/zh_CN.po "
                "(scripts/list-untranslated.py lists them):\n"
                + '\n'.join(sorted(offenders)))


class ClientTranslationTestCase(unittest.TestCase):
    "zh_CN of the web client's own strings, as make sao installs them"

    def test_client_strings_translated(self):
        "Every string of sao has a Chinese translation in its zh_CN.json"
        if not (SAO_LOCALE / 'messages.pot').exists():
            self.fail("the web client is missing: run `make sao`")
        sources = polib.pofile(str(SAO_LOCALE / 'messages.pot'))
        translations = json.loads(
            (SAO_LOCALE / f'{LANG}.json').read_text(encoding='utf-8'))
        offenders = []
        for entry in sources:
            if not entry.msgid:
                continue
            value = translations.get(entry.msgid)
            texts = [t for t in (value or [])[1:] if t]
            if not texts:
                offenders.append(f'{entry.msgid!r}: missing')
                continue
            for text in texts:
                if (sorted(PLACEHOLDER.findall(text))
                        != sorted(PLACEHOLDER.findall(entry.msgid))):
                    offenders.append(
                        f'{entry.msgid!r}: placeholders of {text!r}')
                elif ACCESS_KEY.search(text):
                    offenders.append(f'{entry.msgid!r}: access key {text!r}')
                elif is_english(text) and entry.msgid not in ALLOWED:
                    offenders.append(f'{entry.msgid!r}: English {text!r}')
        if offenders:
            self.fail(
                f"{len(offenders)} strings of the web client without a "
                "Chinese translation; add them to config/sao/locale/"
                "zh_CN.po and run `make sao`:\n" + '\n'.join(offenders))


del TestCase
