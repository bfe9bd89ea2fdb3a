# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The demo tenant in a real browser: Debian's Chromium driven by
Playwright logs into the web client as the 销售员 (sales) user, sees the
zh_CN top menu and opens 产品资料; the first login of the administrator
and of the 销售员 opens the home in Chinese; the 销售员 opens an entry of
his home's 常用功能. Screenshots go to
tests/artifacts/."""
import os
import re

import pytest

from ametest import PLACEHOLDER_MENUS, TOP_MENU
from browser import ARTIFACTS, STANDARD_MENUS, open_client
from test_translations import is_english

pytestmark = pytest.mark.browser


def top_menus(page):
    "Return the names of the top menus the page shows"
    return page.eval_on_selector_all(
        '#menu .treeview tbody tr',
        'rows => rows.map(r => r.innerText.trim())')


def english_texts(page, selector, allowed=()):
    """Return the visible texts and titles under selector that are
    English"""
    texts = page.eval_on_selector_all(selector, """elements => {
        const result = [];
        for (const element of elements) {
            if (!element.offsetParent && element.tagName !== 'BODY') {
                continue;
            }
            result.push(...element.innerText.split('\\n'));
            for (const node of element.querySelectorAll(
                    '[title], [placeholder], [aria-label]')) {
                for (const name of ['title', 'placeholder', 'aria-label']) {
                    if (node.getAttribute(name)) {
                        result.push(node.getAttribute(name));
                    }
                }
            }
        }
        return result;
    }""")
    return sorted({t.strip() for t in texts
            if is_english(t.strip()) and t.strip() not in allowed})


def server_databases():
    "The names of the databases of the PostgreSQL server the tests use"
    uri = os.environ.get('TRYTOND_DATABASE_URI', '')
    if not uri.startswith('postgresql'):
        return []
    import psycopg
    with psycopg.connect(uri.rstrip('/') + '/postgres') as connection:
        return [n for n, in connection.execute(
                "SELECT datname FROM pg_database")]


def test_sales_rep_sees_the_zh_cn_menu_and_opens_products(
        ame, demo, browser):
    page = open_client(browser, ame, demo, 'sales', 'ame-demo-2026')
    # The sales rep has no stock rights: no 仓库管理; 合作伙伴 shows him
    # the carriers and their rates (供应商 is for buyers), 决策管理 nothing
    # (价格策略 is for those who keep the strategies).
    expected = [m for m in TOP_MENU if m not in {"仓库管理", "决策管理"}]
    for name in expected:
        page.wait_for_selector(
            f'#menu .treeview >> text="{name}"', timeout=60_000)
    assert "装备制造业客户关系管理" in page.title()
    page.screenshot(path=str(ARTIFACTS / 'menu.png'))
    # Only the top menus with entries for him; none of Tryton's.
    tops = top_menus(page)
    assert tops == expected, tops

    menu = page.locator('#menu .treeview')
    menu.get_by_text("系统管理", exact=True).first.click()
    menu.get_by_text("产品资料", exact=True).first.click()
    # The group opens; its first entry of the same name opens the list.
    menu.get_by_text("产品资料", exact=True).nth(1).dblclick()
    tab = page.locator('#tablist li.active')
    tab.get_by_text("产品资料").first.wait_for(timeout=60_000)
    pane = page.locator('#tabcontent .tab-pane.active')
    pane.locator('table.tree tbody tr').first.wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / 'products.png'))
    # The pager counts the products of the demo; the list shows them
    assert pane.get_by_text(re.compile(r'/\s*3[0-9]$')).count()
    assert pane.get_by_text('CK6150', exact=True).count()


@pytest.mark.parametrize('login, password', [
        ('admin', 'admin'),
        ('sales', 'ame-demo-2026'),
        ])
def test_first_login_opens_the_home_in_chinese(
        ame, demo, browser, login, password):
    """The first login: a Chinese login dialog, no module configuration
    wizard, the home (我的待审批) open, the chrome in Chinese"""
    # Data, not strings of the client: the login and the tenant. The
    # databases the login dialogs list (on a shared PostgreSQL server,
    # other tenants and test databases) are data too.
    allowed = {'AME', login, demo, *server_databases()}
    context = browser.new_context(
        locale='zh-CN', viewport={'width': 1366, 'height': 800})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(f'{ame.url}/#{demo}')
    page.wait_for_selector('#login', state='visible')
    page.fill('#login', login)
    dialog = '.modal.in .modal-content'
    assert not english_texts(page, dialog, allowed)
    page.click('.login-dialog button[type=submit]')
    password_input = page.locator('input[type=password]')
    password_input.wait_for(state='visible')
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / f'first-login-{login}-password.png'))
    assert page.get_by_text(f"{login} 的密码").count()
    assert not english_texts(page, dialog, allowed)
    password_input.fill(password)
    password_input.press('Enter')
    page.wait_for_selector('#menu .treeview')
    # The home: 我的待审批 in front of 常用功能, and no configuration
    # wizard.
    tab = page.locator('#tablist li.active')
    tab.get_by_text("我的待审批").first.wait_for()
    pane = page.locator('#tabcontent .tab-pane.active')
    pane.locator('table.tree').first.wait_for()
    page.wait_for_timeout(1000)
    assert not page.locator('.modal.in').count()
    # (a tab's text starts with its close button's ×)
    assert [t.replace('×', '').strip() for t in page.locator(
            '#tablist li').all_inner_texts()] == ["常用功能", "我的待审批"]
    page.screenshot(path=str(ARTIFACTS / f'first-login-{login}.png'))

    tops = top_menus(page)
    assert not set(tops) & set(PLACEHOLDER_MENUS), tops
    assert not set(tops) & set(STANDARD_MENUS), tops
    assert not english_texts(page, 'nav.navbar, #menu, #tabcontent', allowed)

    # The user menu (Tryton names its administrator "Administrator") and
    # the notifications
    if login == 'admin':
        assert "系统管理员" in page.locator(
            '#user-preferences > a').inner_text()
    page.locator('#user-preferences > a').click()
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / f'first-login-{login}-menu.png'))
    assert not english_texts(page, '#user-preferences', allowed)
    # The preferences dialog
    page.locator('#user-preferences').get_by_text("首选项...").click()
    # sao closes the tabs first, and asks
    confirmation = page.locator('.modal.in .modal-content')
    confirmation.get_by_text("该操作需要关闭所有标签").wait_for()
    assert not english_texts(page, '.modal.in .modal-content', allowed)
    confirmation.locator('button', has_text="确定").click()
    preferences = page.locator('.modal.in .modal-content')
    preferences.locator('.modal-title', has_text="首选项").wait_for()
    preferences.locator('.form').first.wait_for()
    page.wait_for_timeout(1000)
    page.screenshot(
        path=str(ARTIFACTS / f'first-login-{login}-preferences.png'))
    assert not english_texts(page, '.modal.in .modal-content', allowed)
    preferences.locator('.modal-footer button.btn-link').click()
    page.locator('.modal.in').wait_for(state='detached')
    if login == 'admin':
        # Tryton's own menus for the administrator, in one place
        menu = page.locator('#menu .treeview')
        menu.get_by_text("系统管理", exact=True).first.click()
        menu.get_by_text("标准功能", exact=True).first.click()
        menu.get_by_text("往来单位", exact=True).first.wait_for()
        page.screenshot(path=str(ARTIFACTS / 'first-login-admin-standard.png'))
    context.close()


def test_sales_rep_opens_an_entry_of_his_home(ame, demo, browser):
    """常用功能 lists the entries of the 销售员's role; a double click opens
    one"""
    page = open_client(browser, ame, demo, 'sales', 'ame-demo-2026')
    page.locator('#tablist li', has_text="常用功能").click()
    pane = page.locator('#tabcontent .tab-pane.active')
    rows = pane.locator('table.tree tbody tr')
    rows.first.wait_for()
    entries = [' '.join(t.split()) for t in rows.all_inner_texts()]
    page.screenshot(path=str(ARTIFACTS / 'home-frequently-used.png'))
    assert "客户管理 / 销售线索" in entries, entries
    assert "销售管理 / 销售合同 / 销售订单" in entries, entries
    rows.filter(has_text="销售订单").first.dblclick()
    page.locator('#tablist li.active', has_text="销售订单").wait_for()
    pane = page.locator('#tabcontent .tab-pane.active')
    pane.locator('table.tree tbody tr').first.wait_for()
    page.context.close()
