# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""``ame selection export`` and ``import`` (issue 10) on the demo tenant,
run as an administrator runs them: an export imported again is the same
family and publishes nothing; a file with an error imports nothing and
says where the error is."""
import json

from ametest import login, rpc

# The demo's administrator
ADMIN = 'admin', 'admin'


def versions(ame, demo, code):
    auth = login(ame.url, demo, *ADMIN)
    status, result = rpc(ame.url, demo,
        'model.ame.selection.template.version.search_read',
        [('template.code', '=', code)], 0, None, None, ['number'], {},
        auth=auth)
    assert status == 200, result
    return sorted(r['number'] for r in result)


def test_export_then_import_is_the_same(ame, demo, tmp_path):
    path = tmp_path / 'families.json'
    ame('selection', 'export', 'AM3051DP', 'WR-TC', '--tenant', demo,
        '--output', str(path))
    families = json.loads(path.read_text(encoding='utf-8'))['families']
    assert [f['code'] for f in families] == ['AM3051DP', 'WR-TC']
    assert families[0]['base_code'] == 'AM3051'
    before = versions(ame, demo, 'AM3051DP')

    result = ame('selection', 'import', str(path), '--tenant', demo)
    assert "imported 2 families: AM3051DP, WR-TC" in result.stdout
    assert versions(ame, demo, 'AM3051DP') == before
    # The same bytes once more: export → import → export is identical
    again = tmp_path / 'again.json'
    ame('selection', 'export', 'AM3051DP', 'WR-TC', '--tenant', demo,
        '--output', str(again))
    assert again.read_bytes() == path.read_bytes()


def test_import_with_an_error_imports_nothing(ame, demo, tmp_path):
    source = tmp_path / 'source.xlsx'
    ame('selection', 'export', 'AM3051DP', '--tenant', demo,
        '--output', str(source))
    path = tmp_path / 'families.json'
    result = ame('selection', 'export', 'AM3051DP', '--tenant', demo)
    data = json.loads(result.stdout)
    family = data['families'][0]
    family['base_price'] = '4000.00'
    # A rule naming an option the transmitter does not have
    family['rules'][0]['then']['options'] = ['X']
    path.write_text(json.dumps(data, ensure_ascii=False), encoding='utf-8')
    before = versions(ame, demo, 'AM3051DP')

    result = ame('selection', 'import', str(path), '--tenant', demo,
        check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert 'AM3051DP' in result.stderr and '“X”' in result.stderr
    assert versions(ame, demo, 'AM3051DP') == before
    # The XLSX export is a workbook with a sheet of the family
    assert source.read_bytes()[:2] == b'PK'
