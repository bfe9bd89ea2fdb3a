# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The browser tests' shared pieces: Debian's Chromium driven by Playwright
(the `browser` fixture of conftest.py), logging into the web client of a
served tenant, and where screenshots go. A browser test module imports
open_client and ARTIFACTS from here and marks itself `pytestmark`."""
import pathlib
import shutil

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from ametest import ROOT

CHROMIUM = shutil.which('chromium') or '/usr/bin/chromium'
ARTIFACTS = ROOT / 'tests' / 'artifacts'
# Below this width sao lays out for a phone (bootstrap's xs screens)
PHONE_WIDTH = 768
# Tryton's own top menus: under 系统管理 → 标准功能, for administrators.
STANDARD_MENUS = [
    "往来单位", "公司", "产品", "财务", "库存", "采购", "销售", "管理",
    "运输商", "营销"]
CHROMIUM_ARGS = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update',
    '--disable-sync']


def launch():
    "Yield a headless Chromium, or skip when it is not installed"
    if not pathlib.Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed ({CHROMIUM}): "
            "apt-get install chromium fonts-noto-cjk")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_client(browser, ame, database, login, password,
        viewport=(1366, 800)):
    "Log into the web client as login; return the page showing its menu"
    context = browser.new_context(
        locale='zh-CN',
        viewport={'width': viewport[0], 'height': viewport[1]})
    context.set_default_timeout(60_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page = context.new_page()
    page.goto(f'{ame.url}/#{database}')
    password_input = page.locator('input[type=password]')
    # On a loaded machine sao may rebuild its login dialog while it starts
    # and lose the first submit: submit again (the screenshot of each
    # attempt stays for diagnosis).
    for attempt in range(4):
        page.wait_for_selector(
            '#login, input[type=password]', state='visible', timeout=60_000)
        if password_input.is_visible():
            break
        page.fill('#login', login)
        page.screenshot(path=str(ARTIFACTS / f'login-{attempt}.png'))
        page.click('.login-dialog button[type=submit]')
        try:
            password_input.wait_for(state='visible', timeout=30_000)
            break
        except PlaywrightTimeoutError:
            pass
    password_input.fill(password)
    password_input.press('Enter')
    menu = page.locator('#menu .treeview')
    if viewport[0] < PHONE_WIDTH:
        # On a phone the menu folds away each time the home opens one of
        # its tabs: once they are open, the title bar's menu button shows
        # it again
        page.wait_for_selector('#tablist li', state='attached',
            timeout=120_000)
        wait_idle(page, timeout=120_000)
        menu.wait_for(state='hidden')
        page.click('.navbar-brand[data-toggle=menu]')
    menu.wait_for(timeout=120_000)
    return page


# sao calls the server through jQuery.ajax; the bus, when the server has
# one, keeps a long poll open that is no work in flight.
_IDLE = """() => window.jQuery && jQuery.active == (
    window.Sao && Sao.Bus.request && Sao.Bus.request.state() == 'pending'
    ? 1 : 0)"""


def open_menu(page, *path):
    "Open the menu entry at the end of path; return the tab's pane"
    menu = page.locator('#menu .treeview')
    for name in path[:-1]:
        menu.get_by_text(name, exact=True).first.click()
    menu.get_by_text(path[-1], exact=True).first.dblclick()
    # The tab's pane, not the active pages of a notebook in another tab
    pane = page.locator('#tabcontent > .tab-pane.active')
    pane.locator('table.tree tbody tr').first.wait_for()
    return pane


def wait_idle(page, timeout=60_000):
    """Wait until the client has no call in flight, as a user waits for the
    screen to settle: a field typed while an on_change is on its way is
    reset when its answer is displayed. The calls of one change follow
    each other, so the client must stay idle a moment."""
    while True:
        page.wait_for_function(_IDLE, timeout=timeout, polling=100)
        page.wait_for_timeout(300)
        if page.evaluate(_IDLE):
            return
