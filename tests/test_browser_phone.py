# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The web client on a phone (390×844) as the 销售员 (sales): the
quotation list's search is reachable, a quotation opens at the top of its
form. Screenshots go to tests/artifacts/."""
import re

import pytest

from browser import ARTIFACTS, open_client

pytestmark = pytest.mark.browser
PHONE = (390, 844)


def open_quotations(ame, demo, browser):
    "As the sales rep on a phone, 销售管理 → 销售合同 → 销售订单"
    page = open_client(
        browser, ame, demo, 'sales', 'ame-demo-2026', viewport=PHONE)
    page.screenshot(path=str(ARTIFACTS / 'phone_menu.png'))
    menu = page.locator('#menu .treeview')
    menu.get_by_text("销售管理", exact=True).first.click()
    menu.get_by_text("销售合同", exact=True).first.click()
    menu.get_by_text("销售订单", exact=True).first.dblclick()
    pane = page.locator('#tabcontent .tab-pane.active')
    rows = pane.locator('table.tree tbody tr')
    rows.first.wait_for(timeout=60_000)
    return page, pane, rows


def test_the_quotation_search_is_reachable_on_a_phone(ame, demo, browser):
    "sao hides it below 768 px; config/sao/custom.css shows it again"
    page, pane, rows = open_quotations(ame, demo, browser)
    page.screenshot(path=str(ARTIFACTS / 'phone_quotations.png'))

    # The search entry is on the screen, and takes what is typed
    search = pane.locator('input[placeholder="查找"]:visible').first
    search.scroll_into_view_if_needed()
    box = search.bounding_box()
    assert box and box['width'] >= 100, box
    assert 0 <= box['x'] and box['x'] + box['width'] <= PHONE[0], box
    assert 0 <= box['y'] <= PHONE[1], box
    search.click()
    assert page.evaluate('document.activeElement.placeholder') == "查找"


def test_a_quotation_opens_at_its_top_on_a_phone(ame, demo, browser):
    page, pane, rows = open_quotations(ame, demo, browser)
    # A quotation opens at the top of its form: double-clicked on its
    # number, away from the links (客户, 负责人) that open their own records
    rows.first.get_by_text(re.compile(r'^BJ-\d{6}-\d{4}$')).first.dblclick()
    party = pane.locator('input[name=party]:visible')
    party.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / 'phone_quotation.png'))
    form = party.bounding_box()
    assert form and 0 <= form['y'] <= PHONE[1] / 2, form
    scrolled = page.evaluate(
        "() => [...document.querySelectorAll('*')]"
        ".filter(e => e.scrollTop > 0 && e.offsetParent !== null)"
        ".map(e => e.className)")
    assert not scrolled, scrolled
