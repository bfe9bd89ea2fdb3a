# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The demo tenant of `make demo`, seen through JSON-RPC as its users see
it: the demo logins work, each role sees its screens, in zh_CN."""
import urllib.request

import pytest

from ametest import ROOT, TOP_MENU, login, rpc

PASSWORD = 'ame-demo-2026'
ROLES = {
    'sysadmin': "系统管理员", 'gm': "总经理", 'sales_manager': "销售经理",
    'sales': "销售员", 'engineer': "应用工程师", 'warehouse': "仓库管理员",
    'service_manager': "服务经理", 'service': "服务工程师", 'finance': "财务",
    }


def call(ame, demo, auth, model, method, *args):
    # As the web client calls: in the users' language
    status, result = rpc(ame.url, demo, f'model.{model}.{method}', *args,
        {'language': 'zh_CN'}, auth=auth)
    assert status == 200, (model, method, status)
    return result


def search_read(ame, demo, auth, model, domain, fields):
    return call(
        ame, demo, auth, model, 'search_read', domain, 0, None, None, fields)


@pytest.fixture(scope='module')
def admin(ame, demo):
    return login(ame.url, demo, 'admin', 'admin')


def test_admin_logs_in_with_the_demo_password(admin):
    assert admin[1] == 1


@pytest.mark.parametrize('user, role', sorted(ROLES.items()))
def test_each_role_has_a_demo_user(ame, demo, admin, user, role):
    auth = login(ame.url, demo, user, PASSWORD)
    roles = search_read(ame, demo, admin, 'res.user.role',
        [('user.login', '=', user)], ['role.name'])
    assert [r['role.']['name'] for r in roles] == [role]
    preferences = call(ame, demo, auth, 'res.user', 'get_preferences', True)
    assert preferences['language'] == 'zh_CN'
    employee, = search_read(ame, demo, admin, 'company.employee',
        [('id', '=', preferences['employee'])], ['department'])
    assert employee['department']


def top_menu(ame, demo, user):
    auth = login(ame.url, demo, user, PASSWORD)
    return [m['name'] for m in search_read(ame, demo, auth, 'ir.ui.menu',
            [('parent', '=', None)], ['name'])]


def test_each_role_sees_the_ame_menu_in_chinese(ame, demo):
    """The AME tree is the top level, with the top menus that lead to an
    entry for the user: stock screens need the stock rights, suppliers
    the purchase or stock rights, price strategies 价格策略管理; the top
    menus of later business modules (平台管理, 服务管理 ...) and Tryton's
    own (under 系统管理 → 标准功能) are not there"""
    assert top_menu(ame, demo, 'sysadmin') == TOP_MENU
    # The carriers and the suppliers, read-only, for the warehouse
    assert top_menu(ame, demo, 'warehouse') == [
        "系统管理", "个人助理", "仓库管理", "合作伙伴"]
    # The market's intelligence and activities, the carriers' rates
    assert top_menu(ame, demo, 'sales') == [
        "系统管理", "个人助理", "客户管理", "市场管理", "销售管理",
        "合作伙伴"]


def test_demo_volumes(ame, demo, admin):
    def count(model, domain=()):
        return call(ame, demo, admin, model, 'search_count', list(domain))
    assert count('company.company') == 1
    assert count('company.employee') >= 10
    assert count('company.department') >= 7
    assert count('company.position') == 9
    assert count('product.brand') == 3
    assert count('product.series') >= 4
    assert count('product.template') >= 30
    assert count('ame.sales.region') >= 7
    assert count('ame.dictionary.value') >= 20
    assert count('stock.location', [('type', '=', 'warehouse')]) >= 2
    assert count('stock.location', [('type', '=', 'storage')]) >= 4
    assert count('party.party', [('is_customer', '=', True)]) >= 200
    assert count('ame.customer.contact') >= 400
    assert count('ame.contact.record') >= 1000
    assert count('ame.customer.value.analysis', [('state', '=', 'done')]
        ) >= 1
    assert count('sale.opportunity', [('state', '!=', 'lead')]) >= 150
    assert count('sale.opportunity', [('state', '=', 'lead')]) >= 20


def test_demo_reps_see_their_own_customers(ame, demo, admin):
    "销售员 sees his customers, not the whole customer base"
    domain = [('is_customer', '=', True), ('owner', '!=', None)]
    sales = login(ame.url, demo, 'sales', PASSWORD)
    employee = call(ame, demo, sales, 'res.user', 'get_preferences', True
        )['employee']
    everybody = call(ame, demo, admin, 'party.party', 'search_count', domain)
    seen = search_read(ame, demo, sales, 'party.party', domain, ['owner'])
    assert 0 < len(seen) < everybody
    assert {p['owner'] for p in seen} == {employee}


def test_help_opens_the_user_guide(ame, demo):
    "The client's Help menu (doc_url 'docs/') opens AME's guide, in Chinese"
    def get(path):
        with urllib.request.urlopen(f'{ame.url}/{path}', timeout=30) as page:
            assert page.status == 200
            return page.read().decode('utf-8')
    index = get('docs/')
    for guide in sorted((ROOT / 'docs' / 'user').glob('*.md')):
        title = guide.read_text(encoding='utf-8').splitlines()[0][2:]
        assert f'<a href="{guide.stem}.html">{title}</a>' in index
        page = get(f'docs/{guide.stem}.html')
        assert f'>{title}</h1>' in page


def test_demo_again_keeps_the_tenant_and_lists_the_logins(ame, demo):
    "`make demo` on the existing demo tenant serves it as it is"
    result = ame('demo', '--no-serve', '--force', '--tenant', demo)
    assert "Creating" not in result.stdout
    logins = [line.split() for line in result.stdout.splitlines()[1:]]
    assert ['admin', 'admin', '系统管理员', '(demo', 'only)'] in logins
    assert [[user, PASSWORD, role] for user, role in sorted(ROLES.items())
        ] == sorted(login for login in logins if login[0] != 'admin')
