# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""客户管理 in a real browser (issue 8, item 14): the 销售员 opens the 360
of one of his customers (客户管理 → 客户关系 → 客户综合信息) and reads its
tabs, then claims (领取) a customer of the public pool (客户管理 → 公海客户),
whose phone he sees masked before and which is his after.
Screenshots go to tests/artifacts/."""
import re

import pytest
from playwright.sync_api import expect

from ametest import login, rpc
from browser import ARTIFACTS, open_client, open_menu, wait_idle

pytestmark = pytest.mark.browser

PASSWORD = 'ame-demo-2026'
TABS_360 = [
    "客户信息", "联系人", "联系记录", "销售机会", "销售单据", "客户价值分析",
    "公海历史"]


def call(ame, demo, auth, model, method, *args):
    status, result = rpc(ame.url, demo, f'model.{model}.{method}', *args,
        {'language': 'zh_CN'}, auth=auth)
    assert status == 200, (model, method, result)
    return result


def test_sales_rep_opens_a_360_and_claims_a_pool_customer(
        ame, demo, browser):
    sales = login(ame.url, demo, 'sales', PASSWORD)
    employee = call(ame, demo, sales, 'res.user', 'get_preferences', True
        )['employee']
    mine = call(ame, demo, sales, 'party.party', 'search_read',
        [('is_customer', '=', True), ('owner', '=', employee),
            ('contacts.name', '!=', None)],
        0, 1, [('name', 'ASC')], ['name', 'customer_number'])[0]
    # A pool customer with a phone that he did not give back himself (no
    # cool-down), among the first rows of 公海客户 (sao shows a list by
    # pages of rows)
    first = call(ame, demo, sales, 'party.party', 'search_read',
        [('is_customer', '=', True), ('owner', '=', None)], 0, 20,
        [('pool_date', 'DESC NULLS LAST'), ('id', 'DESC')],
        ['name', 'customer_number', 'previous_owner', 'masked_phone'])
    pooled = next(p for p in first
        if p['masked_phone'] and p['previous_owner'] != employee)
    page = open_client(browser, ame, demo, 'sales', PASSWORD)
    pane = open_menu(page, "客户管理", "客户关系", "客户综合信息")
    # His customers are all on the list's first page: his customer
    # selected by its code, away from the links of the row, the form
    # switched to
    row = pane.locator('table.tree tbody tr', has_text=mine['name']).first
    row.get_by_text(mine['customer_number'], exact=True).click()
    wait_idle(page)
    pane.locator('button[id=switch_]').first.click()
    name = pane.locator('input[name=name]:visible')
    try:
        name.wait_for()
    finally:
        page.screenshot(path=str(ARTIFACTS / 'crm_360_open.png'))
    expect(name).to_have_value(mine['name'])
    tabs = [
        t.strip() for t in pane.locator('.nav-tabs li a').all_inner_texts()]
    for tab in TABS_360:
        assert tab in tabs, (tab, tabs)
    pane.locator('.nav-tabs li a', has_text=re.compile(r'^\s*联系人\s*$')
        ).first.click()
    pane.locator('.tab-pane.active table.tree tbody tr').first.wait_for()
    page.screenshot(path=str(ARTIFACTS / 'crm_360.png'))

    # 客户管理 is open already
    pane = open_menu(page, "公海客户")
    row = pane.locator('table.tree tbody tr', has_text=pooled['name']).first
    # The number stays masked until he claims the customer
    expect(row).to_contain_text(pooled['masked_phone'])
    assert re.fullmatch(r'\d{3}\*+\d{4}', pooled['masked_phone'])
    page.screenshot(path=str(ARTIFACTS / 'crm_pool.png'))
    row.locator('td', has_text=pooled['customer_number']).first.click()
    row.locator('button[name=claim]').click()
    confirm = page.locator('.modal-dialog:visible', has_text="领取")
    confirm.locator('button', has_text="确定").click()
    wait_idle(page)
    page.screenshot(path=str(ARTIFACTS / 'crm_claimed.png'))

    claimed, = call(ame, demo, sales, 'party.party', 'read',
        [pooled['id']], ['owner', 'pool', 'contact_mechanisms'])
    assert claimed['owner'] == employee
    assert claimed['pool'] is None
    # Claimed, its numbers are his to read
    assert claimed['contact_mechanisms']
