# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The demo tenant in a real browser: Debian's Chromium driven by
Playwright logs into the web client as the 销售员 (sales) user, sees the
zh_CN top menu and opens 产品资料; the 销售经理 approves a quotation in
我的待审批. Screenshots go to tests/artifacts/."""
import re
from decimal import Decimal

import pytest

from ametest import login, rpc
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


def test_sales_manager_approves_a_quotation(ame, demo, browser):
    "个人助理 → 我的待审批: the big quotation goes on to the general manager"
    page = open_client(browser, ame, demo, 'sales_manager', 'ame-demo-2026')
    menu = page.locator('#menu .treeview')
    menu.get_by_text("个人助理", exact=True).first.click()
    menu.get_by_text("我的待审批", exact=True).first.dblclick()
    pane = page.locator('#tabcontent .tab-pane.active')
    row = pane.locator('table.tree tbody tr', has_text='772,920.00')
    row.wait_for(timeout=60_000)
    # The quotation itself is listed (a link to it), not only its amount
    assert pane.locator('table.tree thead th', has_text="单据").count()
    assert row.locator('a', has_text="销售订单").count()
    page.screenshot(path=str(ARTIFACTS / 'my_steps.png'))

    # A click selects the row, the next one runs the button
    row.locator('td', has_text="陈静").click()
    row.locator('button[name=approve]').click()
    dialog = page.locator('.confirmation-dialog')
    dialog.get_by_text("确认同意该单据？").wait_for(timeout=60_000)
    dialog.locator('button', has_text="确定").click()
    row.get_by_text("已同意").wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / 'approved.png'))

    gm = login(ame.url, demo, 'gm', 'ame-demo-2026')
    status, steps = rpc(ame.url, demo, 'model.ame.approval.step.search_read',
        [('is_my_turn', '=', True)], 0, None, None, ['amount'], {}, auth=gm)
    assert status == 200
    # The demo has another big quotation waiting for him already
    assert Decimal(772920) in [
        Decimal(s['amount']['decimal']) for s in steps]
