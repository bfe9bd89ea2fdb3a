# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""市场管理, 合作伙伴 and 价格策略 in a real browser (issue 9): the 销售经理
opens the cost analysis of the marketing activities, the win/loss report
against the competitors, the product price strategies and the carriers'
rates of the demo, each in Chinese with its figures.
Screenshots go to tests/artifacts/."""
import pytest
from playwright.sync_api import expect

from ametest import login, rpc
from browser import ARTIFACTS, open_client, open_menu
from test_translations import is_english

pytestmark = pytest.mark.browser

PASSWORD = 'ame-demo-2026'
# (menu path, model, the column headers the list shows)
SCREENS = [
    (("市场管理", "市场活动", "费用分析"), 'marketing.campaign.cost_analysis',
        ["市场活动", "费用", "线索数", "赢单金额", "投资回报率（%）"]),
    (("市场情报", "竞争胜负分析"), 'ame.industry.company.win_loss',
        ["竞争对手", "赢单数", "丢单数", "赢单率（%）"]),
    (("决策管理", "价格策略", "产品价格策略"), 'ame.price.strategy',
        ["策略编号", "状态"]),
    (("合作伙伴", "运输商", "运输商价格"), 'carrier.rate',
        ["运输商", "省份"]),
    ]


def test_sales_manager_opens_the_market_screens(ame, demo, browser):
    manager = login(ame.url, demo, 'sales_manager', PASSWORD)
    # The context of the web client: his company, which the reports read
    status, context = rpc(ame.url, demo, 'model.res.user.get_preferences',
        True, {}, auth=manager)
    assert status == 200, context
    page = open_client(browser, ame, demo, 'sales_manager', PASSWORD)
    for path, model, headers in SCREENS:
        status, count = rpc(ame.url, demo, f'model.{model}.search_count',
            [], context, auth=manager)
        assert status == 200 and count, (model, count)
        pane = open_menu(page, *path)
        name = model.replace('.', '_')
        page.screenshot(path=str(ARTIFACTS / f'market_{name}.png'))
        header = pane.locator('table.tree thead').first
        for text in headers:
            expect(header).to_contain_text(text)
        texts = [t for t in header.all_inner_texts()[0].split()
            if is_english(t)]
        assert not texts, (path, texts)
