# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import pytest

import browser as _browser
from ametest import ROOT, Ame, unique_name


@pytest.fixture(scope='session')
def ame(tmp_path_factory):
    "The ame command on a private configuration"
    return Ame(tmp_path_factory.mktemp('ame'))


@pytest.fixture(scope='session')
def demo(ame):
    """A tenant made as `make demo` makes the demo tenant, served on a free
    port for the session"""
    if not (ROOT / 'var' / 'sao' / 'package' / 'index.html').exists():
        pytest.fail("the web client is missing: run `make sao`")
    name = unique_name('demo')
    ame('demo', '--no-serve', '--force', '--tenant', name)
    server = ame.serve(name)
    yield name
    server.terminate()
    server.wait(timeout=30)
    ame('tenant', 'drop', name, '--confirm', name, check=False)


@pytest.fixture(scope='session')
def browser():
    "Debian's Chromium, headless, shared by the browser tests"
    yield from _browser.launch()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    "A failed browser test leaves a screenshot of each of its pages"
    report = yield
    if report.when == 'call' and report.failed and 'browser' in getattr(
            item, 'funcargs', {}):
        _browser.ARTIFACTS.mkdir(exist_ok=True)
        browser = item.funcargs['browser']
        for i, context in enumerate(browser.contexts):
            for j, page in enumerate(context.pages):
                try:
                    page.screenshot(path=str(_browser.ARTIFACTS
                            / f'failed-{item.name}-{i}-{j}.png'))
                except Exception:
                    pass
    return report
