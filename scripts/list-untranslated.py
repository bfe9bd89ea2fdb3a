#!/usr/bin/env python3
# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""List the strings users see through the AME menus that are not translated.

The database must have the AME modules (and the optional modules to check, e.g.
sale_opportunity and purchase) activated with the language loaded, and
English as its storage language. The script refreshes the translation
table as ``trytond-admin --export-translations`` does (set, clean, update),
inside a transaction it rolls back, then prints every string of the models
reachable from the AME menus (menus, actions and their tabs, field labels,
help texts, selection values, view strings, buttons, wizard buttons,
messages of their modules, and every menu) whose translation is empty,
fuzzy or equal to its English source.

With --po the strings are printed as entries of an override file
(addons/ame_base/locale/override/<lang>.po): the context names the module
that owns the string, which is what Tryton's override loader expects.

Usage (a SQLite database in var/i18n, English storage language):
    trytond-admin -c var/i18n/trytond.conf -d i18n --all -l zh_CN
    trytond-admin -c var/i18n/trytond.conf -d i18n -l zh_CN \
        -u ame_approval ame_product sale_opportunity purchase \
        --activate-dependencies
    scripts/list-untranslated.py -c var/i18n/trytond.conf -d i18n [--po]
After editing the .po files, `trytond-admin ... -u ame_base -l zh_CN`
loads them again.
"""
import argparse
import sys
from collections import defaultdict

# Models users reach from the AME menus besides the ones their actions
# open: the documents of AME's sales, purchase and stock flows.
EXTRA_MODELS = [
    'sale.sale', 'sale.line', 'sale.opportunity', 'sale.opportunity.line',
    'stock.shipment.in', 'stock.shipment.out', 'stock.move',
    'stock.location', 'product.product', 'product.template',
    'purchase.product_supplier', 'purchase.product_supplier.price',
    'purchase.purchase', 'purchase.line',
    'party.party', 'party.address', 'party.contact_mechanism',
    'stock.products_by_locations', 'stock.products_by_locations.context',
    'product.by_location.context', 'stock.reporting.inventory.move',
    'stock.product_quantities_warehouse',
    'stock.product_quantities_warehouse.move',
    'stock.reporting.inventory.range.context',
    'stock.reporting.inventory.daily',
    ]
AME_TOP_MENUS = [
    'menu_system', 'menu_platform', 'menu_assistant', 'menu_customer',
    'menu_market', 'menu_sales', 'menu_warehouse', 'menu_service',
    'menu_partner', 'menu_fund', 'menu_decision',
    ]


def refresh_translations(pool, lang):
    "Create the missing translation rows as trytond-admin does"
    TranslationSet = pool.get('ir.translation.set', type='wizard')
    TranslationClean = pool.get('ir.translation.clean', type='wizard')
    TranslationUpdate = pool.get('ir.translation.update', type='wizard')
    Lang = pool.get('ir.lang')
    session_id, _, _ = TranslationSet.create()
    TranslationSet.execute(session_id, {}, 'set_')
    TranslationSet.delete(session_id)
    session_id, _, _ = TranslationClean.create()
    TranslationClean.execute(session_id, {}, 'clean')
    TranslationClean.delete(session_id)
    language, = Lang.search([('code', '=', lang)])
    session_id, _, _ = TranslationUpdate.create()
    TranslationUpdate.execute(session_id, {
            'start': {'language': language.id},
            }, 'update')
    TranslationUpdate.delete(session_id)


def ame_menus(pool, module='ame_base'):
    "Return the menus under the AME top menus"
    Menu = pool.get('ir.ui.menu')
    ModelData = pool.get('ir.model.data')
    tops = [ModelData.get_id(module, fs_id) for fs_id in AME_TOP_MENUS]
    return Menu.search([('parent', 'child_of', tops)])


def view_models(pool, model_name, seen, depth=1):
    """Add to seen the model and, down to depth, the models its views show
    inline (lines, addresses...)"""
    try:
        Model = pool.get(model_name)
    except KeyError:
        return
    seen.add(model_name)
    if depth <= 0 or not hasattr(Model, 'fields_view_get'):
        return
    View = pool.get('ir.ui.view')
    views = View.search([('model', '=', model_name), ('inherit', '=', None)])
    for view in views:
        try:
            result = Model.fields_view_get(
                view_id=view.id, view_type=view.type)
        except Exception as exception:
            print(f'# {view.name}: {exception!r}', file=sys.stderr)
            continue
        for field in result['fields'].values():
            if field['type'] in {'one2many', 'many2many'}:
                view_models(pool, field['relation'], seen, depth - 1)


def reachable(pool):
    """Return the models, the actions and the menus users reach from the
    AME menus"""
    ActionWindow = pool.get('ir.action.act_window')
    ActionWizard = pool.get('ir.action.wizard')
    Keyword = pool.get('ir.action.keyword')
    menus = ame_menus(pool)
    actions = set()
    roots = set(EXTRA_MODELS)
    for menu in menus:
        for keyword in menu.action_keywords:
            actions.add(keyword.action.id)
            action = keyword.action
            if action.type == 'ir.action.act_window':
                window, = ActionWindow.search([('action', '=', action.id)])
                roots.add(window.res_model)
                if window.context_model:
                    roots.add(window.context_model)
            elif action.type == 'ir.action.wizard':
                wizard, = ActionWizard.search([('action', '=', action.id)])
                roots.add(wizard.model)
    roots = set(filter(None, roots))
    models = set()
    for model_name in sorted(roots):
        view_models(pool, model_name, models)
    # Actions run from the records (relate, print, wizards) and the
    # models of those wizards.
    wizards = set()
    for keyword in Keyword.search([
                ('model', 'in', [f'{m},-1' for m in roots]),
                ]):
        actions.add(keyword.action.id)
    for wizard in ActionWizard.search([('model', 'in', list(roots))]):
        actions.add(wizard.action.id)
        wizards.add(wizard.wiz_name)
    for keyword in Keyword.search([('action', 'in', list(actions))]):
        if keyword.action.type == 'ir.action.wizard':
            for wizard in ActionWizard.search(
                    [('action', '=', keyword.action.id)]):
                wizards.add(wizard.wiz_name)
    for wiz_name in sorted(wizards):
        Wizard = pool.get(wiz_name, type='wizard')
        for state in Wizard.states.values():
            model_name = getattr(state, 'model_name', None)
            if model_name:
                view_models(pool, model_name, models, depth=0)
    return models, actions, wizards, menus


def untranslated(pool, lang, review=False):
    """Yield (module, msgctxt, src, value) of strings shown untranslated,
    or of all the strings with review"""
    Translation = pool.get('ir.translation')
    ModelData = pool.get('ir.model.data')
    Button = pool.get('ir.model.button')
    Domain = pool.get('ir.action.act_window.domain')
    Model = pool.get('ir.model')
    Message = pool.get('ir.message')
    Menu = pool.get('ir.ui.menu')
    models, actions, wizards, menus = reachable(pool)

    modules = {m.module for m in Model.search([('name', 'in', list(models))])}
    records = defaultdict(set)
    # Every menu: the standard top menus show next to AME's.
    records['ir.ui.menu'] = {m.id for m in Menu.search([])}
    records['ir.action'] = set(actions)
    records['ir.model'] = {
        m.id for m in Model.search([('name', 'in', list(models))])}
    records['ir.model.button'] = {
        b.id for b in Button.search([('model', 'in', list(models))])}
    records['ir.action.act_window.domain'] = {
        d.id for d in Domain.search(
            [('act_window.action', 'in', list(actions))])}
    records['ir.message'] = {
        m.id for m in Message.search([])
        if ModelData.search([
                ('model', '=', 'ir.message'), ('db_id', '=', m.id),
                ('module', 'in', list(modules))], limit=1)}

    fs_ids = {}
    for data in ModelData.search([
                ('model', 'in', list(records.keys())
                    + ['ir.action.act_window', 'ir.action.wizard',
                        'ir.action.report']),
                ]):
        model = data.model
        if model.startswith('ir.action.') and model != (
                'ir.action.act_window.domain'):
            model = 'ir.action'
        fs_ids[model, data.db_id] = f'{data.module}.{data.fs_id}'

    translations = Translation.search([('lang', '=', lang)])
    # A string may be translated by a row of another module (an entry of
    # an AME module's own file for a standard model): Tryton uses any
    # non-fuzzy translation.
    def english(text):
        return any(c.isalpha() and c.isascii() for c in text)

    translated = {
        (t.type, t.name, t.res_id, t.src) for t in translations
        if t.value and not t.fuzzy
        and not (t.value == t.src and english(t.value))}
    for translation in translations:
        name = translation.name
        if (not review and (translation.type, name, translation.res_id,
                    translation.src) in translated):
            continue
        if translation.type in {'field', 'help', 'selection'}:
            if name.split(',', 1)[0] not in models:
                continue
            res = f'{translation.module}.'
        elif translation.type == 'view':
            if name not in models:
                continue
            res = f'{translation.module}.'
        elif translation.type == 'wizard_button':
            if name.split(',', 1)[0] not in wizards:
                continue
            res = f'{translation.module}.'
        elif translation.type == 'model':
            model = name.split(',', 1)[0]
            if translation.res_id not in records.get(model, ()):
                continue
            res = fs_ids.get((model, translation.res_id))
            if not res:
                continue
        else:
            continue
        value = translation.value or ''
        if translation.fuzzy:
            value = ''
        if (not review and value
                and (value != translation.src or not english(value))):
            continue
        msgctxt = f'{translation.type}:{name}:{res}'
        yield translation.module, msgctxt, translation.src, value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('-c', '--config', required=True)
    parser.add_argument('-d', '--database', required=True)
    parser.add_argument('-l', '--lang', default='zh_CN')
    parser.add_argument('--po', action='store_true',
        help="print override entries instead of a summary")
    parser.add_argument('--review', action='store_true',
        help="list the translated strings too, with their translation")
    parser.add_argument('--module', action='append',
        help="only strings of this module (repeatable)")
    options = parser.parse_args(argv)

    from trytond import config
    config.update_etc(options.config)
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    Pool.start()
    pool = Pool(options.database)
    pool.init()
    with Transaction().start(options.database, 0, readonly=False,
            context={'language': 'en'}) as transaction:
        refresh_translations(pool, options.lang)
        rows = sorted(set(untranslated(
                    pool, options.lang, review=options.review)))
        transaction.rollback()

    if options.module:
        rows = [r for r in rows if r[0] in options.module]
    if options.po:
        current = None
        for module, msgctxt, src, value in rows:
            if module != current:
                print(f'\n# {module}')
                current = module
            print(f'msgctxt {quote(msgctxt)}')
            print(f'msgid {quote(src)}')
            print(f'msgstr {quote(value if value != src else "")}\n')
    else:
        counts = defaultdict(int)
        for module, msgctxt, src, value in rows:
            counts[module, msgctxt.split(':', 1)[0]] += 1
            if options.review:
                print(f'{module}\t{msgctxt}\t{src!r}\t{value!r}')
            else:
                print(f'{module}\t{msgctxt}\t{src!r}')
        for (module, ttype), count in sorted(counts.items()):
            print(f'# {module} {ttype}: {count}', file=sys.stderr)
        print(f'# total: {len(rows)}', file=sys.stderr)
    return 1 if rows else 0


def quote(text):
    text = (text or '').replace('\\', '\\\\').replace('"', '\\"')
    if '\n' in text:
        lines = text.split('\n')
        parts = [line + '\\n' for line in lines[:-1]] + [lines[-1]]
        return '""\n' + '\n'.join(f'"{p}"' for p in parts if p)
    return f'"{text}"'


if __name__ == '__main__':
    sys.exit(main())
