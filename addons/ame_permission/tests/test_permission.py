# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from lxml import etree

import trytond.config as config
from trytond.i18n import gettext, ngettext
from trytond.model.exceptions import AccessError, SelectionValidationError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.pool import Pool
from trytond.res.exceptions import PasswordError
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction

# The models of the 权限管理 screens, their sub-lists and the forms opened
# from them
SCREEN_MODELS = [
    'res.user', 'res.user.role', 'res.role', 'res.group',
    'res.user.application', 'ir.ui.menu', 'ir.ui.menu.favorite',
    'ir.action', 'ir.action.keyword', 'ir.model.button',
    'ir.model.button.rule', 'ir.model.button.click', 'ir.model.access',
    'ir.model.field.access', 'ir.rule.group', 'ir.rule',
    ]
SCREEN_ACTIONS = [
    ('user_role', 'act_role_form'), ('res', 'act_user_form'),
    ('ame_permission', 'wizard_change_password'), ('res', 'act_group_form'),
    ('ir', 'act_menu_list'), ('ir', 'act_model_button_form'),
    ]
# The modules of the menus under 系统管理 in the tested database
AME_MENU_MODULES = [
    'ame_base', 'ame_organisation', 'ame_permission', 'ame_product']
PERMISSION_MENUS = [
    'menu_role_form', 'menu_user_form', 'menu_change_password',
    'menu_group_form', 'menu_menu_list', 'menu_model_button_form',
    ]
# Strings that stay as they are in Chinese screens: the record id, the
# name of the REST API and the technical names of the action models that
# a menu opens (upstream has no translation entry for them)
ASCII_LABELS = {
    'ID', 'REST API', 'ir.action.act_window', 'ir.action.report',
    'ir.action.url', 'ir.action.wizard',
    }

# The data scope of each standard role (level 4 of the permissions)
ROLE_SCOPES = {
    'role_system_admin': 'all',
    'role_general_manager': 'company',
    'role_sales_manager': 'department_tree',
    'role_sales_rep': 'own',
    'role_application_engineer': 'department',
    'role_warehouse_keeper': 'company',
    'role_service_manager': 'department_tree',
    'role_service_engineer': 'own',
    'role_finance': 'company',
    }
# The menus of the AME tree (as trees: a menu and its children) that a role
# does not see
ROLE_HIDDEN_MENUS = {
    'role_system_admin': [],
    # 业务配置 shows them 业务移交 only
    'role_general_manager': [
        'menu_configuration', 'menu_numbering_rule_form',
        *PERMISSION_MENUS[:2], *PERMISSION_MENUS[3:]],
    'role_sales_manager': [
        'menu_configuration', 'menu_numbering_rule_form',
        'menu_organisation',
        *PERMISSION_MENUS[:2], *PERMISSION_MENUS[3:]],
    }
for role in ROLE_SCOPES:
    ROLE_HIDDEN_MENUS.setdefault(role, [
            'menu_business_configuration',
            'menu_organisation', 'menu_period_generate',
            *PERMISSION_MENUS[:2], *PERMISSION_MENUS[3:]])
# 仓库管理 needs the stock rights
for role in ['role_sales_manager', 'role_sales_rep',
        'role_application_engineer', 'role_service_engineer',
        'role_finance']:
    ROLE_HIDDEN_MENUS[role].append('menu_warehouse')
# The entries of the sales and purchase screens need their groups
for role in ['role_warehouse_keeper', 'role_service_engineer']:
    ROLE_HIDDEN_MENUS[role].extend(
        ['menu_lead_form', 'menu_opportunity_form', 'menu_sale_form'])
for role in ['role_sales_manager', 'role_sales_rep',
        'role_application_engineer', 'role_warehouse_keeper',
        'role_service_manager', 'role_service_engineer']:
    ROLE_HIDDEN_MENUS[role].append('menu_product_supplier')
# Tryton's own menus (系统管理 → 标准功能) are for administrators
for role in ROLE_SCOPES:
    if role != 'role_system_admin':
        ROLE_HIDDEN_MENUS[role].append('menu_standard')
del role


def view_labels(view):
    "The strings that a view shows: its arch and its fields"
    model = view['model']
    yield (model, 'model', model, None)
    for element in etree.fromstring(view['arch']).iter():
        for attribute in ['string', 'confirm', 'help']:
            if element.get(attribute):
                yield (model, 'view', element.tag, element.get(attribute))
    for name, field in view['fields'].items():
        yield from field_labels(model, name, field)
        if field.get('relation'):
            yield (field['relation'], 'model', field['relation'], None)
        for subview in field.get('views', {}).values():
            yield from view_labels(subview)


def field_labels(model, name, field):
    yield (model, 'field', name, field['string'])
    if field.get('help'):
        yield (model, 'help', name, field['help'])
    if isinstance(field.get('selection'), list):
        for value, label in field['selection']:
            if value is not None and label:
                yield (model, 'selection', name, label)


def screen_labels():
    """The strings of the 权限管理 screens in the language of the context:
    (model, kind, name, string)"""
    pool = Pool()
    IrModel = pool.get('ir.model')
    models = set()
    for label in _screen_labels():
        if label[1] == 'model':
            models.add(label[0])
        else:
            yield label
    # The titles of the windows that open records of these models
    for model in sorted(models):
        yield (model, 'model', model, IrModel.get_name(model))


def _screen_labels():
    pool = Pool()
    ModelData = pool.get('ir.model.data')
    Action = pool.get('ir.action')
    Menu = pool.get('ir.ui.menu')
    Wizard = pool.get('res.user.change_password', type='wizard')
    for model in SCREEN_MODELS:
        Model = pool.get(model)
        yield (model, 'model', model, None)
        for name, field in Model.fields_get().items():
            yield from field_labels(model, name, field)
        if not hasattr(Model, 'fields_view_get'):
            continue
        for view_type in ['tree', 'form']:
            yield from view_labels(Model.fields_view_get(view_type=view_type))
        toolbar = Model.view_toolbar_get()
        for keyword in ['print', 'action', 'relate']:
            for action in toolbar[keyword]:
                yield (model, 'action', keyword, action['name'])
    for module, fs_id in SCREEN_ACTIONS:
        action = Action(ModelData.get_id(module, fs_id))
        yield ('ir.action', 'action', fs_id, action.name)
    for fs_id in ['menu_permission', *PERMISSION_MENUS]:
        menu = Menu(ModelData.get_id('ame_permission', fs_id))
        yield ('ir.ui.menu', 'menu', fs_id, menu.name)
    session_id, start, _ = Wizard.create()
    try:
        result = Wizard.execute(session_id, {}, start)
        yield from view_labels(result['view']['fields_view'])
        for button in result['view']['buttons']:
            yield ('res.user.change_password', 'button', button['state'],
                button['string'])
    finally:
        Wizard.delete(session_id)


class PermissionTestCase(AmeTestCase):
    "Roles with their data scope, the 权限管理 screens, changing passwords"
    module = 'ame_permission'
    extras = ['sale_opportunity', 'purchase']

    def _role(self, fs_id):
        pool = Pool()
        Role = pool.get('res.role')
        ModelData = pool.get('ir.model.data')
        return Role(ModelData.get_id('ame_permission', fs_id))

    def _create_user(
            self, login, role=None, password='Ame-2026-start', name="张伟"):
        pool = Pool()
        User = pool.get('res.user')
        values = {'name': name, 'login': login, 'password': password}
        if role:
            values['roles'] = [('create', [{'role': self._role(role).id}])]
        user, = User.create([values])
        return user

    @with_transaction()
    def test_role_data_scope(self):
        "Each standard role has its data scope; a new role sees its own"
        pool = Pool()
        Role = pool.get('res.role')
        for fs_id, scope in ROLE_SCOPES.items():
            self.assertEqual(self._role(fs_id).data_scope, scope, fs_id)
        role, = Role.create([{'name': "实习生"}])
        self.assertEqual(role.data_scope, 'own')

        with self.assertRaises(SelectionValidationError), rolled_back():
            Role.write([role], {'data_scope': 'group'})
        self.assertEqual(Role(role.id).data_scope, 'own')

    @with_transaction()
    def test_standard_role_copy(self):
        "The standard roles are kept as delivered; their copies are free"
        pool = Pool()
        Role = pool.get('res.role')
        manager = self._role('role_sales_manager')
        with self.assertRaises(AccessError), rolled_back():
            Role.write([manager], {'data_scope': 'company'})
        self.assertEqual(
            self._role('role_sales_manager').data_scope, 'department_tree')

        regional, = Role.copy([manager], default={'name': "大区经理"})
        Role.write([regional], {'data_scope': 'company'})
        self.assertEqual(regional.data_scope, 'company')
        self.assertEqual(regional.groups, manager.groups)
        self.assertEqual(regional.users, ())

    @with_transaction()
    def test_role_menus(self):
        "Each role sees the AME menus its job needs and no other"
        pool = Pool()
        Menu = pool.get('ir.ui.menu')
        ModelData = pool.get('ir.model.data')
        menus = {
            d.db_id: d.fs_id for d in ModelData.search([
                    ('module', 'in', AME_MENU_MODULES),
                    ('model', '=', 'ir.ui.menu'),
                    ])}

        def subtrees(fs_ids):
            roots = [i for i, f in menus.items() if f in fs_ids]
            return {menus[m.id] for m in Menu.search(['OR',
                        ('id', 'in', roots),
                        ('parent', 'child_of', roots),
                        ]) if m.id in menus}

        def with_folders(fs_ids):
            "Return the entries of fs_ids and the folders leading to them"
            result = set()
            for menu in Menu.browse(
                    [i for i, f in menus.items() if f in fs_ids]):
                # An entry, or a folder of other modules' menus (标准功能)
                if not menu.action_keywords and all(
                        c.id in menus for c in menu.childs):
                    continue
                while menu and menu.id in menus:
                    result.add(menus[menu.id])
                    menu = menu.parent
            return result

        for fs_id in ROLE_SCOPES:
            user = self._create_user(fs_id, role=fs_id)
            # A folder with no entry for the user is hidden (ame_base).
            expected = with_folders(set(menus.values()) - subtrees(
                    ROLE_HIDDEN_MENUS[fs_id]))
            with Transaction().set_user(user.id), \
                    Transaction().set_context(_check_access=True):
                visible = {
                    menus[m.id] for m in Menu.search([
                            ('id', 'in', list(menus)),
                            ])}
            self.assertEqual(visible, expected, fs_id)
            self.assertIn('menu_change_password', visible)

    @with_transaction()
    def test_home_menus(self):
        "常用功能 lists the entries of the user's roles and his favourites"
        pool = Pool()
        Menu = pool.get('ir.ui.menu')
        Favorite = pool.get('ir.ui.menu.favorite')
        RoleMenu = pool.get('res.role-ir.ui.menu')
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')

        def menu(fs_id, module='ame_base'):
            return ModelData.get_id(module, fs_id)

        def home(user, value=True):
            with Transaction().set_user(user.id), \
                    Transaction().set_context(_check_access=True):
                return {m.id for m in Menu.search([('home', '=', value)])}
        sales = self._create_user('xiaoshou', role='role_sales_rep')
        keeper = self._create_user('cangku', role='role_warehouse_keeper')
        self.assertEqual(home(sales), {menu('menu_sale_form'),
                menu('menu_lead_form'), menu('menu_opportunity_form')})
        self.assertEqual(home(keeper), {menu('menu_shipment_in_form'),
                menu('menu_shipment_out_form'),
                menu('menu_reporting_inventory')})
        self.assertNotIn(menu('menu_sale_form'), home(keeper, False))
        self.assertIn(menu('menu_sale_form'), home(sales, False) | home(
                sales))

        # The star adds an entry for the user who set it, among those he
        # may open
        Favorite.create([{
                    'user': sales.id,
                    'menu': menu('menu_change_password', 'ame_permission'),
                    }, {
                    'user': sales.id,
                    'menu': menu('menu_product_supplier'),
                    }])
        self.assertEqual(
            home(sales) - home(keeper) - {menu('menu_sale_form'),
                menu('menu_lead_form'), menu('menu_opportunity_form')},
            {menu('menu_change_password', 'ame_permission')})
        self.assertNotIn(
            menu('menu_change_password', 'ame_permission'), home(keeper))

        # 常用功能 opens at login
        home_action = ModelData.get_id('ame_permission', 'act_home_menu')
        self.assertIn(
            pool.get('ir.action.act_window')(home_action).action.id,
            User._home_actions(sales))

        # Only administrators set a role's entries
        regional, = pool.get('res.role').copy(
            [self._role('role_sales_rep')], default={'name': "大区销售"})
        self.assertEqual(len(regional.home_menus), 3)
        with Transaction().set_user(sales.id), \
                Transaction().set_context(_check_access=True):
            for call in [
                    lambda: RoleMenu.create([{'role': regional.id,
                            'menu': menu('menu_user_form',
                                'ame_permission')}]),
                    lambda: RoleMenu.delete(RoleMenu.search([
                                ('role', '=', regional.id)])),
                    lambda: pool.get('res.role').write([regional], {
                            'home_menus': [('clear',)]}),
                    ]:
                with self.assertRaises(AccessError), rolled_back():
                    call()
        self.assertEqual(len(regional.home_menus), 3)

    @with_transaction()
    def test_role_groups_synchronised(self):
        "A user gets the groups of his roles, within their dates"
        pool = Pool()
        User = pool.get('res.user')
        UserRole = pool.get('res.user.role')
        ModelData = pool.get('ir.model.data')
        group = ModelData.get_id('product', 'group_product_admin')
        user = self._create_user('gongcheng', role='role_application_engineer')
        self.assertIn(group, [g.id for g in user.groups])

        role, = user.roles
        UserRole.write([role], {'to_date': role.create_date})
        User.sync_roles([user])
        self.assertNotIn(group, [g.id for g in User(user.id).groups])

    @with_transaction()
    def test_permission_screens_admin_only(self):
        "Only administrators write roles, users, groups, menus and buttons"
        pool = Pool()
        Role = pool.get('res.role')
        User = pool.get('res.user')
        Group = pool.get('res.group')
        Menu = pool.get('ir.ui.menu')
        Button = pool.get('ir.model.button')
        ButtonRule = pool.get('ir.model.button.rule')
        ModelAccess = pool.get('ir.model.access')
        ModelData = pool.get('ir.model.data')
        user = self._create_user('xiaoshou', role='role_sales_rep')
        other = self._create_user('other')
        role = self._role('role_sales_rep')
        group = Group(ModelData.get_id('product', 'group_product_admin'))
        menu = Menu(ModelData.get_id('ame_base', 'menu_basic_data'))
        button, = Button.search([], limit=1)
        access, = ModelAccess.search([], limit=1)
        button_rules = ButtonRule.search([], count=True)

        with Transaction().set_user(user.id), \
                Transaction().set_context(_check_access=True):
            for call in [
                    lambda: Role.write([role], {'data_scope': 'all'}),
                    lambda: Role.create([{'name': "超级销售"}]),
                    lambda: User.write([other], {'name': "改名"}),
                    lambda: User.write([user], {'roles': [('create', [{
                                        'role': self._role(
                                            'role_system_admin').id}])]}),
                    lambda: Group.write([group], {'name': "改名"}),
                    lambda: Group.write([group], {
                            'users': [('add', [user.id])]}),
                    lambda: Menu.write([menu], {'name': "改名"}),
                    lambda: Menu.write([menu], {
                            'groups': [('add', [group.id])]}),
                    lambda: Button.write([button], {'string': "改名"}),
                    lambda: ButtonRule.create([{
                                'button': button.id, 'number_user': 2}]),
                    lambda: ModelAccess.write(
                        [access], {'perm_write': True}),
                    ]:
                with self.assertRaises(AccessError), rolled_back():
                    call()
        self.assertEqual(Role(role.id).data_scope, 'own')
        self.assertEqual(User(other.id).name, "张伟")
        self.assertEqual(len(User(user.id).roles), 1)
        self.assertNotIn(user, Group(group.id).users)
        self.assertEqual(Menu(menu.id).name, "Basic Data")
        self.assertEqual(ButtonRule.search([], count=True), button_rules)
        self.assertEqual(Menu(menu.id).groups, ())

    @with_transaction()
    def test_permission_menus(self):
        "权限管理 entries are for administrators, but 更改密码"
        pool = Pool()
        Menu = pool.get('ir.ui.menu')
        ModelData = pool.get('ir.model.data')
        admin = ModelData.get_id('res', 'group_admin')
        permission = Menu(
            ModelData.get_id('ame_permission', 'menu_permission'))
        self.assertEqual(permission.parent.id, ModelData.get_id(
                'ame_base', 'menu_system'))
        self.assertEqual(permission.groups, ())
        for fs_id in PERMISSION_MENUS:
            menu = Menu(ModelData.get_id('ame_permission', fs_id))
            self.assertEqual(menu.parent, permission)
            self.assertEqual(
                [g.id for g in menu.groups],
                [] if fs_id == 'menu_change_password' else [admin], fs_id)

    @with_transaction()
    def test_permission_forms(self):
        "The role and user forms show what administrators maintain"
        pool = Pool()
        Role = pool.get('res.role')
        User = pool.get('res.user')
        fields = Role.fields_view_get(view_type='form')['fields']
        self.assertTrue({'name', 'data_scope', 'groups', 'users'} <= set(
                fields))
        self.assertTrue({'name', 'data_scope'} <= set(
                Role.fields_view_get(view_type='tree')['fields']))
        users = fields['users']['views']['tree']['fields']
        self.assertTrue({'user', 'from_date', 'to_date'} <= set(users))
        fields = User.fields_view_get(view_type='form')['fields']
        self.assertTrue({
                'login', 'password', 'roles', 'groups', 'employees',
                'employee', 'companies', 'company', 'language',
                } <= set(fields))

    def _change_password(self, current, password, confirm=None):
        pool = Pool()
        Wizard = pool.get('res.user.change_password', type='wizard')
        session_id, start, _ = Wizard.create()
        try:
            Wizard.execute(session_id, {
                    start: {
                        'current_password': current,
                        'password': password,
                        'password_confirm': (
                            password if confirm is None else confirm),
                        },
                    }, 'change')
        finally:
            Wizard.delete(session_id)

    def _password_hash(self, user):
        cursor = Transaction().connection.cursor()
        table = Pool().get('res.user').__table__()
        cursor.execute(*table.select(
                table.password_hash, where=table.id == user.id))
        return cursor.fetchone()[0]

    @with_transaction()
    def test_change_password(self):
        "A user changes his password; his sessions end"
        pool = Pool()
        User = pool.get('res.user')
        Session = pool.get('ir.session')
        user = self._create_user('zhangwei')

        with Transaction().set_user(user.id), \
                Transaction().set_context(_check_access=True):
            Session.new()
            self._change_password('Ame-2026-start', 'Zw#machine-tool-9')
        self.assertEqual(
            User._login_password('zhangwei', {
                    'password': 'Zw#machine-tool-9'}), user.id)
        self.assertIsNone(User._login_password(
                'zhangwei', {'password': 'Ame-2026-start'}))
        self.assertEqual(Session.search([
                    ('create_uid', '=', user.id),
                    ], count=True), 0)

    @with_transaction()
    def test_change_password_errors(self):
        "Wrong current password, mismatch or refused password change nothing"
        pool = Pool()
        User = pool.get('res.user')
        user = self._create_user('lisi-sales', name="欧阳明月")
        length = config.getint('password', 'length', default=0)
        password_hash = self._password_hash(user)
        with Transaction().set_user(user.id), \
                Transaction().set_context(_check_access=True):
            for args, message in [
                    (('wrong', 'Zw#machine-tool-9'),
                        gettext('ame_permission.msg_change_password_wrong')),
                    (('Ame-2026-start', 'Zw#machine-tool-9',
                            'Zw#machine-tool-8'),
                        gettext('ame_permission.msg_change_password_confirm')),
                    (('Ame-2026-start', 'Ame-2026-start'),
                        gettext('ame_permission.msg_change_password_same')),
                    (('Ame-2026-start', 'LISI-sales'),
                        gettext('res.msg_password_login')),
                    (('Ame-2026-start', "欧阳明月"),
                        gettext('res.msg_password_name')),
                    (('Ame-2026-start', 'x' * (length - 1)),
                        ngettext(
                            'res.msg_password_length', length,
                            length=length)),
                    ]:
                with self.assertRaises(PasswordError) as cm, rolled_back():
                    self._change_password(*args)
                self.assertEqual(cm.exception.message, message)
        self.assertEqual(self._password_hash(user), password_hash)
        self.assertEqual(User._login_password(
                'lisi-sales', {'password': 'Ame-2026-start'}), user.id)

    @with_transaction()
    def test_permission_messages_zh_cn(self):
        "The errors of 更改密码 and of access rights are in Chinese"
        pool = Pool()
        Lang = pool.get('ir.lang')
        zh_cn, = Lang.search([('code', '=', 'zh_CN')])
        Lang.load_translations([zh_cn])
        with Transaction().set_context(language='zh_CN'):
            self.assertEqual(
                gettext('ame_permission.msg_change_password_wrong'),
                "当前密码不正确。")
            self.assertEqual(
                gettext('res.msg_password_name'), "密码不能与用户姓名相同。")
            self.assertEqual(
                gettext('res.msg_password_length', length=8),
                "密码至少需要 8 个字符。")
            self.assertEqual(
                gettext(
                    'ir.msg_write_xml_record', model="角色", record="销售经理",
                    field="数据范围"),
                "不能修改“角色”的预置记录“销售经理”的字段“数据范围”。")
            self.assertEqual(
                gettext('ir.msg_context_groups', groups="基础资料管理"),
                "所属界面组：基础资料管理")

    def test_change_password_attempts(self):
        "Wrong current passwords count as failed logins, up to the limit"
        login = 'wangwu'

        @with_transaction()
        def wrong_password():
            user = self._create_user(login)
            with Transaction().set_user(user.id):
                with self.assertRaises(PasswordError):
                    self._change_password('wrong', 'Zw#machine-tool-9')

        @with_transaction()
        def too_many_attempts():
            pool = Pool()
            Attempt = pool.get('res.user.login.attempt')
            # Recorded once the request transaction was rolled back
            self.assertEqual(Attempt.count(login), 1)
            user = self._create_user(login)
            password_hash = self._password_hash(user)
            for _ in range(config.getint('session', 'max_attempt', default=5)):
                Attempt.add(login)
            with Transaction().set_user(user.id):
                with self.assertRaises(PasswordError) as cm, rolled_back():
                    self._change_password(
                        'Ame-2026-start', 'Zw#machine-tool-9')
            self.assertEqual(cm.exception.message, gettext(
                    'ame_permission.msg_change_password_attempts'))
            self.assertEqual(self._password_hash(user), password_hash)

        wrong_password()
        too_many_attempts()

    @with_transaction()
    def test_permission_screens_zh_cn(self):
        "The 权限管理 screens read in Chinese"
        pool = Pool()
        Lang = pool.get('ir.lang')
        zh_cn, = Lang.search([('code', '=', 'zh_CN')])
        Lang.load_translations([zh_cn])

        with Transaction().set_context(language='zh_CN'):
            labels = list(screen_labels())
        english = sorted({
                label for label in labels
                if label[3].isascii() and label[3] not in ASCII_LABELS})
        self.assertEqual(english, [])
        self.assertGreater(len(labels), 500)
        labels = {(m, k, n): s for m, k, n, s in labels}
        for key, string in [
                (('res.role', 'field', 'data_scope'), "数据范围"),
                (('ir.ui.menu', 'menu', 'menu_permission'), "权限管理"),
                (('ir.ui.menu', 'menu', 'menu_group_form'), "界面组管理"),
                (('ir.ui.menu', 'menu', 'menu_model_button_form'),
                    "界面方法管理"),
                (('ir.action', 'action', 'act_menu_list'), "界面管理"),
                (('res.user', 'field', 'roles'), "角色"),
                (('res.user', 'field', 'employees'), "员工"),
                (('res.group', 'model', 'res.group'), "界面组"),
                (('ir.model.access', 'field', 'perm_write'), "修改权限"),
                ]:
            self.assertEqual(labels[key], string, key)
        with Transaction().set_context(language='zh_CN'):
            selection = pool.get('res.role').fields_get(
                ['data_scope'])['data_scope']['selection']
        self.assertEqual(
            [s for _, s in selection],
            ["本人", "本部门", "本部门及下级", "全公司", "全部"])


del AmeTestCase
