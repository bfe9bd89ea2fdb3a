# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""AME branding of the web client through sao's customisation hooks.

config/sao/custom.js and custom.css are copied next to sao's index.html by
``make sao``; index.html loads them after sao itself. These tests run
custom.js against a stand-in of sao's objects in Node (title, language of
the login page, login header, palette), and, when the web client is
installed, start trytond on the web root and check it serves the files.
The browser rendering is checked by the Playwright tests.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CUSTOM = ROOT / 'config' / 'sao'
WEB_ROOT = ROOT / 'var' / 'sao' / 'package'
TITLE = '装备制造业客户关系管理 · AME'

# A stand-in of the parts of sao and jQuery that custom.js uses; it prints
# what custom.js set up as JSON.
HARNESS = r"""
const path = process.argv[2];
const languages = JSON.parse(process.argv[3]);
function element(tag) {
    return {
        tag: tag, classes: [], text_: '', children: [],
        addClass(c) { this.classes.push(c); return this; },
        text(t) { this.text_ = t; return this; },
        append(e) { this.children.push(e); return this; },
        prependTo(p) { p.children.unshift(this); return this; },
    };
}
global.jQuery = function(html, attrs) {
    const e = element(html);
    if (attrs && attrs['class']) { e.classes.push(attrs['class']); }
    return e;
};
global.navigator = {languages: languages, language: languages[0]};
global.document = {title: 'Tryton'};
global.window = {matchMedia: (query) => ({media: query, matches: false})};
const calls = [];
global.Sao = {
    config: {title: 'Tryton', doc_url: 'https://docs.tryton.org/8.0',
        icon_colors: ['#267f82'], graph_color: '#267f82',
        calendar_colors: ['#fff', '#267f82']},
    i18n: {setlang: function(lang) { calls.push(lang); return lang; }},
    Dialog: function() {},
    View: {Form: function() {}},
    Wizard: function() {},
    Session: {login_dialog: function() {
        return {modal: element('div'), body: element('div')};
    }},
};
require(path);
Sao.i18n.setlang();
Sao.i18n.setlang('de');
const dialog = Sao.Session.login_dialog();
function texts(e) {
    return [e.text_].concat(...e.children.map(texts)).filter((t) => t);
}
console.log(JSON.stringify({
    title: Sao.config.title,
    document_title: document.title,
    doc_url: Sao.config.doc_url,
    icon_colors: Sao.config.icon_colors,
    graph_color: Sao.config.graph_color,
    setlang: calls,
    modal_classes: dialog.modal.classes,
    header: dialog.body.children.length ? {
        classes: dialog.body.children[0].classes,
        texts: texts(dialog.body.children[0]),
        } : null,
}));
"""


def run_custom_js(languages):
    with tempfile.NamedTemporaryFile(
            'w', suffix='.js', delete=False) as harness:
        harness.write(HARNESS)
    try:
        output = subprocess.run(
            ['node', harness.name, str(CUSTOM / 'custom.js'),
                json.dumps(languages)],
            check=True, capture_output=True, text=True, timeout=30).stdout
    finally:
        os.unlink(harness.name)
    return json.loads(output)


@unittest.skipUnless(shutil.which('node'), "Node.js is not installed")
class CustomJSTestCase(unittest.TestCase):
    "custom.js configures sao for AME"

    def test_title(self):
        "The page and navbar title is the product name"
        result = run_custom_js(['zh-CN'])
        self.assertEqual(result['title'], TITLE)
        self.assertEqual(result['document_title'], TITLE)

    def test_login_header(self):
        "The login dialog shows the product name above the form"
        result = run_custom_js(['zh-CN'])
        self.assertIn('ame-login', result['modal_classes'])
        self.assertEqual(result['header']['classes'], ['ame-login-brand'])
        self.assertIn('装备制造业客户关系管理', result['header']['texts'])
        self.assertIn('AME', result['header']['texts'])

    def test_language_default_chinese(self):
        """The login page is in Chinese unless the browser asks for a
        language sao is translated in"""
        for languages, expected in [
                (['zh-CN', 'zh'], 'zh_CN'),
                (['en-US', 'en'], 'zh_CN'),
                (['ja-JP'], 'zh_CN'),
                (['fr-FR', 'fr'], 'fr'),
                (['de-CH', 'de'], 'de'),
                (['es-419'], 'es_419'),
                ]:
            with self.subTest(languages=languages):
                result = run_custom_js(languages)
                # The second call asks for a language explicitly (the
                # user's preference after login): it is kept.
                self.assertEqual(result['setlang'], [expected, 'de'])

    def test_documentation_and_palette(self):
        "The help points to AME's guide, the colours are AME's"
        result = run_custom_js(['zh-CN'])
        self.assertFalse(result['doc_url'].startswith('http'))
        self.assertNotIn('#267f82', result['icon_colors'])
        self.assertNotEqual(result['graph_color'], '#267f82')


class CustomCSSTestCase(unittest.TestCase):
    "custom.css styles the login header"

    def test_login_header_styled(self):
        css = (CUSTOM / 'custom.css').read_text()
        for selector in ['.ame-login-brand', '.ame-login-product',
                '.ame-login-logo', '.navbar-inverse']:
            with self.subTest(selector=selector):
                self.assertIn(selector, css)
        self.assertEqual(css.count('{'), css.count('}'))


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


@unittest.skipUnless((WEB_ROOT / 'index.html').exists(),
    "the web client is not installed (make sao)")
class ServedTestCase(unittest.TestCase):
    "trytond serves the branding next to sao"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.directory = tempfile.mkdtemp()
        cls.port = free_port()
        config = Path(cls.directory, 'trytond.conf')
        config.write_text(
            "[database]\n"
            "uri = sqlite://\n"
            f"path = {cls.directory}\n"
            "[web]\n"
            f"listen = 127.0.0.1:{cls.port}\n"
            f"root = {WEB_ROOT}\n")
        environ = dict(os.environ)
        for name in ['TRYTOND_CONFIG', 'TRYTOND_DATABASE_URI',
                'TRYTOND_WEB__LISTEN', 'TRYTOND_WEB__ROOT']:
            environ.pop(name, None)
        trytond = Path(sys.executable).with_name('trytond')
        cls.server = subprocess.Popen(
            [str(trytond), '-c', str(config)], env=environ,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.url = f'http://127.0.0.1:{cls.port}/'
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(('127.0.0.1', cls.port), 1):
                    break
            except OSError:
                if (time.monotonic() > deadline
                        or cls.server.poll() is not None):
                    cls.tearDownClass()
                    raise
                time.sleep(0.2)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=30)
        shutil.rmtree(cls.directory, ignore_errors=True)
        super().tearDownClass()

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.status, response.read().decode('utf-8')

    def test_index_loads_custom_files(self):
        "sao's index.html loads custom.js and custom.css"
        status, body = self.get('')
        self.assertEqual(status, 200)
        self.assertIn('src="custom.js"', body)
        self.assertIn('href="custom.css"', body)

    def test_custom_js_served(self):
        "custom.js is served, with the product title, as in config/sao"
        status, body = self.get('custom.js')
        self.assertEqual(status, 200)
        self.assertIn("Sao.config.title = TITLE", body)
        self.assertIn('装备制造业客户关系管理', body)
        self.assertEqual(body, (CUSTOM / 'custom.js').read_text(),
            msg="the served custom.js is stale: run make sao")

    def test_custom_css_served(self):
        "custom.css is served as in config/sao"
        status, body = self.get('custom.css')
        self.assertEqual(status, 200)
        self.assertEqual(body, (CUSTOM / 'custom.css').read_text(),
            msg="the served custom.css is stale: run make sao")
