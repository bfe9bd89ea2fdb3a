# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Publish the user guide (docs/user/*.md) as HTML next to the web client,
where its Help menu (Sao.config.doc_url = 'docs/') opens it: air-gapped
installations have it too."""
import argparse
import html
import pathlib
import re

import markdown

EXTENSIONS = ['tables', 'fenced_code', 'toc', 'sane_lists']
TITLE = '用户手册 · AME'
PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="guide.css">
</head>
<body>
<nav><a href="index.html">{home}</a></nav>
<main>
{body}
</main>
</body>
</html>
"""
CSS = """body { font-family: "Noto Sans CJK SC", "PingFang SC",
    "Microsoft YaHei", sans-serif; color: #26323d; margin: 0;
    line-height: 1.7; }
nav { background: #3b5873; padding: .6em 2em; }
nav a { color: #fff; text-decoration: none; font-weight: bold; }
main { max-width: 56em; margin: 0 auto; padding: 1em 2em 4em; }
h1, h2, h3 { color: #3b5873; }
code { background: #eef1f4; padding: 0 .3em; border-radius: 3px; }
table { border-collapse: collapse; }
th, td { border: 1px solid #c9d1d9; padding: .3em .6em; }
"""
# A link from one guide to another: ame_base.md, ame_base.md#section
MD_LINK = re.compile(r'href="([\w-]+)\.md(#[^"]*)?"')
# A line break inside Chinese text: Markdown would turn it into a space,
# which Chinese does not put between its characters.
CJK = '\u3000-\u303f\u3400-\u9fff\uff00-\uffef'
CJK_BREAK = re.compile(rf'(?<=[{CJK}])\n[ \t]*(?=[{CJK}])')


def title_of(text, default):
    match = re.search(r'^# (.+)$', text, re.M)
    return match.group(1).strip() if match else default


def render(text):
    body = markdown.markdown(
        CJK_BREAK.sub('', text), extensions=EXTENSIONS)
    return MD_LINK.sub(lambda m: f'href="{m[1]}.html{m[2] or ""}"', body)


def page(title, body):
    return PAGE.format(
        title=html.escape(f'{title} · AME'), home=html.escape(TITLE),
        body=body)


def build(source, target):
    "Write target/index.html, a page per guide of source and the style"
    target.mkdir(parents=True, exist_ok=True)
    entries = []
    for path in sorted(source.glob('*.md')):
        text = path.read_text(encoding='utf-8')
        title = title_of(text, path.stem)
        (target / f'{path.stem}.html').write_text(
            page(title, render(text)), encoding='utf-8')
        entries.append((path.stem, title))
    items = '\n'.join(
        f'<li><a href="{name}.html">{html.escape(title)}</a></li>'
        for name, title in entries)
    (target / 'index.html').write_text(
        page('用户手册', f'<h1>用户手册</h1>\n<ul>\n{items}\n</ul>'),
        encoding='utf-8')
    (target / 'guide.css').write_text(CSS, encoding='utf-8')
    return entries


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('source', type=pathlib.Path)
    parser.add_argument('target', type=pathlib.Path)
    options = parser.parse_args(argv)
    for name, title in build(options.source, options.target):
        print(f"{name}: {title}")


if __name__ == '__main__':
    main()
