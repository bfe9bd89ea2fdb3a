# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""我的待审批 in a real browser (issue 7, item 3): the 销售经理 opens his
inbox, reads each quotation's number, customer, amount, submitter and
waiting time, approves one with a comment (it leaves 待我审批, the counter,
the bell and the notifications drop, 我已处理 shows it without buttons,
the 总经理 has it next) and may not reject another without a reason.
Screenshots go to tests/artifacts/."""
from decimal import Decimal

import pytest

from ametest import login, rpc, rpc_response
from browser import ARTIFACTS, open_client

pytestmark = pytest.mark.browser

COLUMNS = ["单据", "客户/供应商", "金额", "提交人", "已等待"]
# Demo quotations waiting for the 销售经理 (ame_approval's demo): the one
# of three levels, approved here, and one of a single level
APPROVED = ("阀体车削生产线", "杭州万通阀门股份有限公司")
REFUSED = ("车间数控车床补充", "无锡华达汽车零部件有限公司")


def total(ame, demo, auth, description):
    "The total amount of the demo quotation, as the inbox shows it"
    status, sales = rpc(ame.url, demo, 'model.sale.sale.search_read',
        [('description', '=', description)], 0, None, None,
        ['total_amount'], {}, auth=auth)
    assert status == 200 and len(sales) == 1, sales
    return Decimal(sales[0]['total_amount']['decimal'])


def open_inbox(page):
    "个人助理 → 我的待审批; return the tab's pane"
    menu = page.locator('#menu .treeview')
    menu.get_by_text("个人助理", exact=True).first.click()
    menu.get_by_text("我的待审批", exact=True).first.dblclick()
    pane = page.locator('#tabcontent .tab-pane.active')
    pane.locator('table.tree tbody tr').first.wait_for()
    return pane


def counter(page, pane, name, expected=None):
    """The number on the tab of the list (待我审批), once the client has
    counted (and it is expected, when given)"""
    badge = pane.locator('.nav-tabs li', has_text=name).locator('.badge')
    for _ in range(120):
        text = badge.inner_text().strip()
        if text.isdigit() and expected in {None, int(text)}:
            break
        page.wait_for_timeout(500)
    return int(text) if text.isdigit() else None


def bell(page, expected):
    """The number on the notification bell, once it shows expected (the
    client counts after login and after each wizard)"""
    # sao copies the badge of its user menu to the navbar's other ones
    shown = """() => [...document.querySelectorAll('.notification-badge')]
        .filter(e => e.offsetParent !== null).map(e => e.textContent)"""
    for _ in range(120):
        texts = page.evaluate(shown)
        text = texts[0].strip() if texts else '0'
        if text == str(expected):
            break
        page.wait_for_timeout(500)
    return int(text) if text.isdigit() else None


def open_dialog(page, row, button):
    "Select the row and click its button; return the dialog it opens"
    # A click selects the row, the next one runs the button
    row.locator('td', has_text="陈静").first.click()
    row.locator(f'button[name={button}]').click()
    dialog = page.locator('.wizard-dialog').last
    try:
        dialog.locator('textarea').first.wait_for()
    finally:
        page.screenshot(path=str(ARTIFACTS / f'inbox_{button}_dialog.png'))
    return dialog


def test_sales_manager_works_his_inbox(ame, demo, browser):
    "The big quotation goes on to the general manager; a reason is needed"
    manager = login(ame.url, demo, 'sales_manager', 'ame-demo-2026')
    amount = total(ame, demo, manager, APPROVED[0])
    shown = f'{amount:,.2f}'
    page = open_client(browser, ame, demo, 'sales_manager', 'ame-demo-2026')
    pane = open_inbox(page)
    head = pane.locator('table.tree thead th')
    for column in COLUMNS:
        assert head.filter(has_text=column).count(), column
    row = pane.locator('table.tree tbody tr', has_text=APPROVED[1])
    row.wait_for()
    # The quotation by its number (a link to it), its amount and who
    # submitted it
    assert row.locator('a', has_text="BJ-").count()
    assert row.get_by_text(shown).count()
    assert row.get_by_text("陈静").count()
    to_decide = counter(page, pane, "待我审批")
    assert to_decide >= 2
    assert bell(page, to_decide) == to_decide
    page.screenshot(path=str(ARTIFACTS / 'inbox.png'))

    # Approved with a comment: the row leaves 待我审批, the counter drops
    dialog = open_dialog(page, row, 'approve')
    assert dialog.get_by_text("审批意见").count()
    dialog.locator('textarea').last.fill("价格在授权范围内，同意。")
    page.screenshot(path=str(ARTIFACTS / 'inbox_approve.png'))
    dialog.locator('.modal-footer button', has_text="同意").click()
    row.wait_for(state='detached')
    assert counter(page, pane, "待我审批", to_decide - 1) == to_decide - 1
    # and the bell, without a reload
    assert bell(page, to_decide - 1) == to_decide - 1
    page.screenshot(path=str(ARTIFACTS / 'inbox_approved.png'))

    # The bell lists what still waits for him, once each
    status, notifications = rpc(ame.url, demo, 'model.res.notification.get',
        {}, auth=manager)
    assert status == 200
    labels = [n['label'] for n in notifications]
    assert len(labels) == len(set(labels)) == to_decide - 1, labels
    assert not [label for label in labels if shown in label]

    # The general manager has it next
    gm = login(ame.url, demo, 'gm', 'ame-demo-2026')
    status, steps = rpc(ame.url, demo, 'model.ame.approval.step.search_read',
        [('is_my_turn', '=', True)], 0, None, None, ['amount'], {}, auth=gm)
    assert status == 200
    # (besides the price strategy of the demo that waits for him, which
    # has no amount)
    assert amount in [
        Decimal(s['amount']['decimal']) for s in steps if s['amount']]

    # A rejection without a reason is refused; the quotation still waits
    row = pane.locator('table.tree tbody tr', has_text=REFUSED[1])
    dialog = open_dialog(page, row, 'reject')
    dialog.locator('.modal-footer button', has_text="驳回").click()
    page.wait_for_timeout(1000)
    assert dialog.is_visible()
    page.screenshot(path=str(ARTIFACTS / 'inbox_reject_refused.png'))
    dialog.locator('.modal-footer button', has_text="取消").click()
    dialog.wait_for(state='detached')
    assert row.is_visible()
    assert counter(page, pane, "待我审批") == to_decide - 1

    # 我已处理: the decision, without buttons
    pane.locator('.nav-tabs li', has_text="我已处理").click()
    row = pane.locator('table.tree tbody tr', has_text=APPROVED[1])
    row.wait_for()
    assert row.get_by_text("已同意").count()
    assert not row.locator('button[name=approve]').is_visible()
    assert not row.locator('button[name=reject]').is_visible()
    page.screenshot(path=str(ARTIFACTS / 'inbox_decided.png'))


def test_sales_rep_reads_who_approves_next(ame, demo, browser):
    "提交审批 on a quotation's form tells the representative who approves"
    sales = login(ame.url, demo, 'sales', 'ame-demo-2026')
    status, context = rpc(ame.url, demo, 'model.res.user.get_preferences',
        True, {}, auth=sales)
    assert status == 200

    def call(method, *args):
        status, body = rpc_response(
            ame.url, demo, f'model.sale.sale.{method}', *args, context,
            auth=sales)
        assert status == 200 and 'result' in body, body
        return body['result']

    # A new quotation like the smallest of the demo (one level: 销售经理)
    quotations = call('search_read', [('state', '=', 'quotation')], 0,
        None, None, [
            'total_amount', 'party', 'invoice_address', 'shipment_address',
            'warehouse', 'payment_term', 'employee', 'lines.product',
            'lines.unit', 'lines.quantity', 'lines.unit_price'])
    demo_sale = min(
        quotations, key=lambda s: Decimal(s['total_amount']['decimal']))
    sale, = call('create', [{
                **{f: demo_sale[f] for f in [
                        'party', 'invoice_address', 'shipment_address',
                        'warehouse', 'payment_term', 'employee']},
                'description': "浏览器测试 提交审批",
                'lines': [('create', [{
                                k: v for k, v in line.items() if k != 'id'}
                            for line in demo_sale['lines.']])],
                }])
    call('quote', [sale])
    try:
        page = open_client(browser, ame, demo, 'sales', 'ame-demo-2026')
        page.goto(f'{ame.url}/#{demo}/model/sale.sale/{sale}')
        form = page.locator('#tabcontent .tab-pane.active')
        button = form.locator('button[name=submit_approval]')
        button.wait_for()
        button.click()
        dialog = page.locator('.wizard-dialog').last
        text = dialog.locator('textarea').first
        try:
            text.wait_for()
            for _ in range(60):
                if text.input_value():
                    break
                page.wait_for_timeout(500)
        finally:
            page.screenshot(path=str(ARTIFACTS / 'inbox_submitted.png'))
        message = text.input_value()
        assert "已提交审批“销售报价审批”" in message, message
        assert "第 1 级“销售经理”，由 李强 审批" in message, message
        dialog.locator('.modal-footer button', has_text="确定").click()
        dialog.wait_for(state='detached')
        state, = call('read', [sale], ['approval_state'])
        assert state['approval_state'] == 'waiting'
    finally:
        # Back to draft: it leaves the approvers' lists
        call('draft', [sale])
