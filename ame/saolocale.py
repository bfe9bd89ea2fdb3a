# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Complete the web client's translations with AME's own (config/sao/locale).

sao loads ``locale/<lang>.json`` of its web root, which its release builds
from ``locale/<lang>.po`` (grunt po2json, "raw" format: ``msgid:
[msgid_plural, msgstr, ...]``, fuzzy entries left out). ``make sao`` runs
this module: for each ``<lang>.po`` of AME's folder it rebuilds the
package's ``<lang>.json`` from the package's ``<lang>.po`` with AME's
entries over it, so running it again gives the same file."""
import argparse
import json
import pathlib
import sys

import polib


def entries(pofile):
    "Yield the translated, non-fuzzy entries of pofile as (msgid, value)"
    for entry in pofile:
        if entry.obsolete or 'fuzzy' in entry.flags or not entry.msgid:
            continue
        if entry.msgid_plural:
            plurals = [entry.msgstr_plural[i]
                for i in sorted(entry.msgstr_plural)]
            if any(plurals):
                yield entry.msgid, [entry.msgid_plural] + plurals
        elif entry.msgstr:
            yield entry.msgid, [None, entry.msgstr]


def build(package_po, ame_po, known=None):
    """Return the raw po2json dictionary of package_po completed by ame_po,
    and the msgids of ame_po that are not in known (the package's
    messages.pot), which a sao upgrade made useless"""
    package = polib.pofile(str(package_po))
    ame = polib.pofile(str(ame_po))
    result = {'': {'content-type': 'text/plain; charset=utf-8'}}
    for key, value in package.metadata.items():
        result[''][key.lower()] = value
    result.update(entries(package))
    result.update(entries(ame))
    unknown = []
    if known is not None:
        # Entries for strings that custom.js translates say so.
        unknown = [e.msgid for e in ame
            if e.msgid and e.msgid not in known
            and 'custom.js' not in (e.tcomment or '')]
    return result, unknown


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('source', type=pathlib.Path,
        help="AME's folder of <lang>.po files (config/sao/locale)")
    parser.add_argument('locale', type=pathlib.Path,
        help="the locale folder of sao's package")
    args = parser.parse_args(argv)
    pot = args.locale / 'messages.pot'
    known = ({e.msgid for e in polib.pofile(str(pot))}
        if pot.exists() else None)
    for ame_po in sorted(args.source.glob('*.po')):
        lang = ame_po.stem
        package_po = args.locale / f'{lang}.po'
        if not package_po.exists():
            sys.exit(f"{package_po}: sao has no {lang} translation to "
                "complete")
        data, unknown = build(package_po, ame_po, known)
        for msgid in unknown:
            print(f"{ame_po}: {msgid!r} is not a string of sao",
                file=sys.stderr)
        target = args.locale / f'{lang}.json'
        target.write_text(
            json.dumps(data, ensure_ascii=False, separators=(',', ':')),
            encoding='utf-8')
        print(f"{target}: {len(data) - 1} strings")


if __name__ == '__main__':
    main()
