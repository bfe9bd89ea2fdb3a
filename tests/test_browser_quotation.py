# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""A quotation entered from the keyboard by the 销售员 (sales): the
customer and the product are typed, Tab goes to the first match of the
web client's completion and Enter takes it (as in every Many2One field of
sao); the warehouse, the payment term and the quotation validity come
from the demo company's defaults, the line computes its 13 % VAT.
Screenshots go to tests/artifacts/."""
import re
from decimal import Decimal

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser import ARTIFACTS, open_client, wait_idle

pytestmark = pytest.mark.browser


def open_quotations(page):
    menu = page.locator('#menu .treeview')
    menu.get_by_text("销售管理", exact=True).first.click()
    menu.get_by_text("销售合同", exact=True).first.click()
    menu.get_by_text("销售订单", exact=True).first.dblclick()
    pane = page.locator('#tabcontent .tab-pane.active')
    pane.locator('table.tree tbody tr').first.wait_for(timeout=60_000)
    return pane


def choose(page, entry, text, match):
    "Type text in a Many2One entry, Tab to the first match, Enter"
    completion = page.locator('.dropdown-menu:visible a', has_text=match)
    # On a loaded machine the client may still be loading the form when
    # the first keys arrive: type again until the completion shows and
    # the match is taken
    for attempt in range(3):
        wait_idle(page)
        entry.fill('')
        entry.press_sequentially(text, delay=100)
        try:
            completion.first.wait_for(timeout=20_000)
        except PlaywrightTimeoutError:
            continue
        wait_idle(page)
        entry.press('Tab')
        assert match in page.evaluate('document.activeElement.textContent')
        page.keyboard.press('Enter')
        wait_idle(page)
        if match in entry.input_value():
            return
        print(f"choose {text}: attempt {attempt} lost the match",
            page.evaluate('document.activeElement.outerHTML')[:200])
    raise AssertionError(f"{match} could not be chosen from the keyboard")


def test_sales_rep_enters_a_quotation_from_the_keyboard(ame, demo, browser):
    page = open_client(browser, ame, demo, 'sales', 'ame-demo-2026')
    pane = open_quotations(page)
    page.keyboard.press('Alt+n')
    party = pane.locator('input[name=party]:visible')
    party.wait_for(timeout=60_000)
    party.click()
    page.wait_for_function(
        "() => document.activeElement.name == 'party'", timeout=60_000)
    # The defaults of the new record are loaded
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[name=warehouse]')]"
        ".some(e => e.value)", timeout=60_000)
    choose(page, party, "宁波恒通液压", "宁波恒通液压件有限公司")
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[name=invoice_address]')]"
        ".some(e => e.value)", timeout=60_000)
    # What the demo company's defaults fill in
    assert pane.locator('input[name=warehouse]:visible').input_value() == (
        "[SH01] 上海总仓")
    assert pane.locator('input[name=payment_term]:visible').input_value() == (
        "月结30天")
    assert pane.locator(
        'input[name=quotation_validity]:visible').input_value()

    pane.locator('button[title="新建"]:visible').nth(1).click()
    dialog = page.locator('.modal-dialog:visible')
    product = dialog.locator('input[name=product]:visible')
    product.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => document.activeElement.name == 'product'", timeout=60_000)
    choose(page, product, "CK6150", "数控车床 CK6150")
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[name=unit_price]')]"
        ".some(e => e.value)", timeout=60_000)
    assert "CK6150" in product.input_value()
    # Tab goes on to the quantity
    wait_idle(page)
    page.keyboard.press('Tab')
    # sao's number entry shows a text input that hands the focus over to
    # a number input a moment later: type in the latter
    page.wait_for_function(
        "() => document.activeElement.name == 'quantity'"
        " && document.activeElement.type == 'number'", timeout=60_000)
    page.keyboard.type('1')
    page.keyboard.press('Tab')
    # The unit price is the demo's price strategies' (below the list price
    # of 168,000), the amount that of one
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[name=amount]')]"
        ".some(e => /[1-9]/.test(e.value))", timeout=60_000)
    wait_idle(page)
    price = Decimal(dialog.locator('input[name=unit_price]:visible')
        .input_value().replace(',', ''))
    assert 0 < price < 168_000, price
    assert dialog.locator('input[name=amount]:visible').input_value() == (
        f'{price:,.2f}')
    # and the line says which strategy set its price
    assert "JG-" in dialog.locator(
        'input[name=price_strategy]:visible').input_value()
    page.screenshot(path=str(ARTIFACTS / 'quotation_line.png'))
    dialog.locator('button', has_text=re.compile(r'^\s*添加\s*$')).click()
    lines = pane.locator('table.tree tbody tr', has_text="CK6150")
    lines.first.wait_for(timeout=60_000)
    # The line computes the VAT of its product (13 %); the list shows the
    # strategy of the line
    page.keyboard.press('Control+s')
    tax = (price * Decimal('0.13')).quantize(Decimal('0.01'))
    page.wait_for_function(
        "tax => [...document.querySelectorAll('input[name=tax_amount]')]"
        ".some(e => e.value.includes(tax))", arg=f'{tax:,.2f}',
        timeout=60_000)
    assert "JG-" in lines.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / 'quotation.png'))
