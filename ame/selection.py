# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""``ame selection import FILE --tenant NAME`` and ``ame selection export
FAMILY --tenant NAME``: the selection templates (ame_selection) in their
JSON or XLSX format (docs/selection-format.md), as the administrator of
the tenant. An import is all or nothing; a changed family is published as
a version in force today."""
import pathlib

from trytond.pool import Pool
from trytond.transaction import Transaction

from ame import tenant as tenants


def _as_admin(pool, func, *args):
    "Run func as the tenant's administrator, with his preferences"
    User = pool.get('res.user')
    admin, = User.search([('login', '=', 'admin')])
    transaction = Transaction()
    with transaction.set_user(admin.id), transaction.set_context(
            User.get_preferences(context_only=True)):
        return func(*args)


def _pool(name):
    if not tenants.exists(name):
        raise tenants.TenantError(f"tenant {name!r} does not exist")
    Pool.start()
    pool = Pool(name)
    pool.init()
    if 'ame.selection.template' not in dict(pool.iterobject()):
        raise tenants.TenantError(
            f"tenant {name!r} has no ame_selection module")
    return pool


def import_file(name, path):
    """Import the families of the file (.xlsx, else JSON) into the tenant;
    return their codes"""
    path = pathlib.Path(path)
    try:
        data = path.read_bytes()
    except OSError as exception:
        raise tenants.TenantError(
            f"cannot read {str(path)!r}: {exception.strerror}")
    pool = _pool(name)

    def run():
        Template = pool.get('ame.selection.template')
        templates = Template.import_file(
            data, xlsx=path.suffix.lower() == '.xlsx')
        return [t.code for t in templates]
    return tenants.run(name, _as_admin, pool, run)


def export_families(name, codes, xlsx=False):
    "The families of the codes in the JSON (str) or XLSX (bytes) format"
    from trytond.modules.ame_selection import exchange
    pool = _pool(name)

    def run():
        Template = pool.get('ame.selection.template')
        templates = Template.search([('code', 'in', codes)])
        missing = set(codes) - {t.code for t in templates}
        if missing:
            raise tenants.TenantError(
                "no selection template " + ", ".join(sorted(missing)))
        by_code = {t.code: t.to_dict() for t in templates}
        return [by_code[c] for c in codes]
    families = tenants.run(name, _as_admin, pool, run)
    return (exchange.dump_xlsx(families) if xlsx
        else exchange.dump_json(families))
