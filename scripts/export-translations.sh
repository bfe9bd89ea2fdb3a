#!/usr/bin/env bash
# Refresh addons/<module>/locale/zh_CN.po from the module's strings: new
# strings are added with an empty msgstr, translated ones are kept, gone
# ones are dropped. Fill in the empty msgstr values, then run the tests
# (tests/test_translations.py fails on any untranslated string).
# Usage: scripts/export-translations.sh ame_base [ame_approval ...]
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${VENV:-.venv}
[ $# -ge 1 ] || { echo "usage: $0 MODULE..." >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/trytond.conf" <<CONF
[database]
uri = sqlite://
path = $tmp
language = en
CONF
echo admin-password > "$tmp/pass"
touch "$tmp/i18n.sqlite"
export TRYTONPASSFILE="$tmp/pass"
unset TRYTOND_DATABASE_URI TRYTOND_CONFIG
admin="$venv/bin/trytond-admin -c $tmp/trytond.conf -d i18n"
$admin --all --email admin@example.com -l zh_CN >/dev/null
# With the optional modules of the AME add-ons, so that the strings of
# their integrations (<data depends=...>, [register sale]) are exported.
$admin -u "$@" sale_opportunity purchase --activate-dependencies -l zh_CN \
    >/dev/null
$admin -u "$@" -l zh_CN --export-translations
for module in "$@"; do
    po=addons/$module/locale/zh_CN.po
    untranslated=$(grep -c '^msgstr ""$' "$po" || true)
    fuzzy=$(grep -c "^#, fuzzy" "$po" || true)
    echo "$po: $untranslated empty and $fuzzy fuzzy entries to translate"
done
