# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The demo tenant in a real browser: Debian's Chromium driven by
Playwright logs into the web client as the 销售员 (sales) user, sees the
zh_CN top menu and opens 产品资料 (我的待审批: test_browser_inbox.py).
Screenshots go to tests/artifacts/."""
import re

import pytest

from browser import ARTIFACTS, TOP_MENU, open_client

pytestmark = pytest.mark.browser


def test_sales_rep_sees_the_zh_cn_menu_and_opens_products(
        ame, demo, browser):
    page = open_client(browser, ame, demo, 'sales', 'ame-demo-2026')
    # The sales rep has no stock rights: no 仓库管理.
    for name in [m for m in TOP_MENU if m != "仓库管理"]:
        page.wait_for_selector(
            f'#menu .treeview >> text="{name}"', timeout=60_000)
    assert "装备制造业客户关系管理" in page.title()
    page.screenshot(path=str(ARTIFACTS / 'menu.png'))

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
