# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The ``ame`` administrator command: tenants (系统域), demo data, serving.

The database server comes from the trytond configuration file (--config or
TRYTOND_CONFIG); AME_DB_URI, when set, replaces its ``[database] uri`` so
that the same command works on SQLite and PostgreSQL.
"""
import argparse
import os
import sys

DEMO_TENANT = 'demo'
DEMO_COMPANY = "示例装备制造有限公司"
DEMO_ADMIN_PASSWORD = 'admin'


def get_parser():
    parser = argparse.ArgumentParser(
        prog='ame', description="AME administration: tenants and serving")
    parser.add_argument(
        '-c', '--config', default=os.environ.get('TRYTOND_CONFIG'),
        help="trytond configuration file (default: $TRYTOND_CONFIG)")
    commands = parser.add_subparsers(dest='command', required=True)

    tenant = commands.add_parser('tenant', help="manage tenants")
    tenant_commands = tenant.add_subparsers(
        dest='tenant_command', required=True)

    create = tenant_commands.add_parser('create', help="create a tenant")
    create.add_argument('name')
    create.add_argument(
        '--modules', nargs='+', metavar='MODULE',
        help="modules to activate instead of the whole product (every AME "
        "module, sale, purchase, sale_opportunity); those of 系统管理 always "
        "are: ame_base, ame_organisation, ame_permission, ame_product")
    create.add_argument('--lang', default='zh_CN', help="users' language")
    create.add_argument('--company', help="name of the first company")
    create.add_argument(
        '--admin-password-file', required=True, metavar='FILE',
        help="file holding the password of the tenant's admin user")
    create.add_argument('--admin-email', help="email of the admin user")

    tenant_commands.add_parser('list', help="list the tenants")

    modules = tenant_commands.add_parser(
        'modules', help="list or activate a tenant's modules")
    modules.add_argument('name')
    modules.add_argument(
        '--activate', nargs='+', default=[], metavar='MODULE',
        help="modules to activate, with their dependencies")

    update = tenant_commands.add_parser(
        'update', help="update a tenant's modules to the installed release")
    update.add_argument('names', nargs='*', metavar='NAME')
    update.add_argument(
        '--all', action='store_true', help="every tenant that has AME")

    drop = tenant_commands.add_parser('drop', help="delete a tenant")
    drop.add_argument('name')
    drop.add_argument(
        '--confirm', metavar='NAME',
        help="the tenant name again, instead of typing it when asked")

    demo_data = commands.add_parser(
        'demo-data', help="load the demo data of the activated modules")
    demo_data.add_argument('name')
    demo_data.add_argument(
        '--scale', type=int, default=1,
        help="multiply the volume of generated records (default: 1)")
    demo_data.add_argument(
        '--force', action='store_true',
        help="load it though the configuration is not a demo one "
        "([ame] demo = True)")

    demo = commands.add_parser(
        'demo', help=f"create the {DEMO_TENANT!r} tenant once, then serve it")
    demo.add_argument(
        '--tenant', default=DEMO_TENANT, metavar='NAME',
        help=f"name of the demo tenant (default: {DEMO_TENANT})")
    demo.add_argument(
        '--reset', action='store_true', help="drop and recreate it first")
    demo.add_argument(
        '--no-serve', action='store_true', help="do not start the server")
    demo.add_argument(
        '--force', action='store_true',
        help="make it though the configuration is not a demo one "
        "([ame] demo = True)")

    selection = commands.add_parser(
        'selection', help="import and export selection templates (选型模版)")
    selection_commands = selection.add_subparsers(
        dest='selection_command', required=True)
    selection_import = selection_commands.add_parser(
        'import', help="import the families of a JSON or XLSX file "
        "(all or nothing)")
    selection_import.add_argument('file', metavar='FILE')
    selection_export = selection_commands.add_parser(
        'export', help="export families as JSON (or XLSX with an .xlsx "
        "--output)")
    selection_export.add_argument('families', nargs='+', metavar='FAMILY')
    selection_export.add_argument(
        '--output', metavar='FILE', help="write to FILE (default: stdout)")
    for parser_ in [selection_import, selection_export]:
        parser_.add_argument('--tenant', required=True, metavar='NAME')

    serve = commands.add_parser('serve', help="serve tenants over HTTP")
    serve.add_argument(
        'names', nargs='*', metavar='NAME',
        help="tenants to load at start (default: all)")
    return parser


def configure(path):
    from trytond import config
    if path:
        if not os.path.exists(path):
            raise SystemExit(f"ame: configuration file {path!r} not found")
        config.update_etc(path)
    if uri := os.environ.get('AME_DB_URI'):
        config.set('database', 'uri', uri)
    if config.get('database', 'uri', default='').startswith('sqlite'):
        # SQLite opens its files by URI, which needs an absolute path.
        path = os.path.abspath(config.get('database', 'path'))
        os.makedirs(path, exist_ok=True)
        config.set('database', 'path', path)
    if root := config.get('web', 'root'):
        config.set('web', 'root', os.path.abspath(root))


def read_password(path):
    try:
        with open(path, encoding='utf-8') as file:
            lines = file.read().splitlines()
    except OSError as exception:
        raise SystemExit(f"ame: cannot read {path!r}: {exception.strerror}")
    return lines[0] if lines else ''


def cmd_tenant(options):
    from ame import tenant
    if options.tenant_command == 'create':
        tenant.create(
            options.name, options.modules,  # None: the product
            password=read_password(options.admin_password_file),
            language=options.lang, company=options.company,
            email=options.admin_email)
        print(f"tenant {options.name!r} created")
    elif options.tenant_command == 'list':
        for name in tenant.tenant_names():
            print(describe_line(tenant, name))
    elif options.tenant_command == 'modules':
        if options.activate:
            tenant.activate(options.name, options.activate)
        info = tenant.describe(options.name)
        print('\n'.join(info['modules']))
    elif options.tenant_command == 'update':
        if options.all == bool(options.names):
            raise tenant.TenantError(
                "name the tenants to update, or give --all")
        names = tenant.ame_tenant_names() if options.all else options.names
        for name in names:
            if not tenant.exists(name):
                raise tenant.TenantError(f"tenant {name!r} does not exist")
        for name in names:
            print(f"updating {name!r} ...", flush=True)
            tenant.update(name)
            print(f"tenant {name!r} updated", flush=True)
            missing = sorted(set(tenant.product_modules())
                - set(tenant.describe(name)['modules']))
            if missing:
                print(f"  not activated (ame tenant modules {name} "
                    f"--activate ...): {' '.join(missing)}")
    elif options.tenant_command == 'drop':
        confirm = options.confirm
        if confirm is None:
            confirm = input(
                f"Type the name of the tenant to drop ({options.name}): ")
        if confirm.strip() != options.name:
            raise tenant.TenantError("the names differ; nothing was dropped")
        tenant.drop(options.name)
        print(f"tenant {options.name!r} dropped")


def describe_line(tenant, name):
    info = tenant.describe(name)
    if tenant.BASE_MODULE not in info['modules']:
        return f"{name}\t(not an AME tenant)"
    ame_modules = [m for m in info['modules'] if m.startswith('ame_')]
    return '\t'.join([
            name, info['language'], ', '.join(info['companies']),
            ' '.join(ame_modules)])


def is_demo_configuration():
    """A configuration is a demo one when it says so ([ame] demo = True, as
    config/trytond.conf does); any other, production.conf.example's first,
    is a production one."""
    from trytond import config
    return config.getboolean('ame', 'demo', default=False)


def check_demo_configuration(options, what):
    "Refuse demo data on a production configuration unless forced"
    from ame import tenant
    if not is_demo_configuration() and not options.force:
        raise tenant.TenantError(
            "this is a production configuration (it lacks [ame] demo = "
            f"True): {what} would add demo users, a 系统管理员 among "
            "them, and made-up customers and documents. "
            "Give --force to do it anyway.")


def cmd_demo_data(options):
    from ame import tenant
    check_demo_configuration(options, "demo data")
    logins = tenant.load_demo_data(options.name, scale=options.scale)
    print_logins(logins)
    if logins:
        print("These passwords are random and shown only now: note them, "
            "or reset them in 系统管理 → 权限管理 → 用户管理.")


def cmd_selection(options):
    from ame import selection
    if options.selection_command == 'import':
        codes = selection.import_file(options.tenant, options.file)
        print(f"imported {len(codes)} families: {', '.join(codes)}")
        return
    xlsx = bool(options.output) and options.output.lower().endswith('.xlsx')
    data = selection.export_families(
        options.tenant, options.families, xlsx=xlsx)
    if not options.output:
        sys.stdout.write(data)
    elif xlsx:
        with open(options.output, 'wb') as file:
            file.write(data)
    else:
        with open(options.output, 'w', encoding='utf-8') as file:
            file.write(data)


def print_logins(logins):
    if not logins:
        return
    print("Demo logins (user / password / role):")
    width = max(14, *(len(password) for _, password, _ in logins))
    for login, password, role in logins:
        print(f"  {login:<16} {password:<{width}} {role}")


def cmd_demo(options):
    from ame import tenant
    check_demo_configuration(
        options, "the demo tenant, with admin/admin as its administrator,")
    name = options.tenant
    modules = tenant.product_modules()
    if options.reset and tenant.exists(name):
        tenant.drop(name)
    logins = None
    if tenant.exists(name):
        check_demo_modules(tenant, name, modules)
    else:
        ame_modules = [m for m in modules if m.startswith('ame_')]
        print(f"Creating the {name!r} tenant with {', '.join(ame_modules)} "
            "and the demo data (takes a few minutes) ...", flush=True)
        tenant.create(
            name, modules,
            password=tenant.random_password(), company=DEMO_COMPANY)
        try:
            logins = tenant.load_demo_data(name, published_passwords=True)
            # admin/admin breaks the password rules on purpose: demo only.
            tenant.set_password(
                name, 'admin', DEMO_ADMIN_PASSWORD, policy=False)
        except BaseException:
            tenant.drop(name)
            raise
    if logins is None:
        logins = tenant.demo_logins(name)
    print_logins(
        [('admin', DEMO_ADMIN_PASSWORD, "系统管理员 (demo only)")] + logins)
    if not options.no_serve:
        serve([name])


def check_demo_modules(tenant, name, modules):
    """Refuse a demo tenant that lacks some of the modules: one made by an
    older AME (before ame_base was split, or before a module was added)
    would be served without their screens and data."""
    missing = sorted(set(modules) - set(tenant.describe(name)['modules']))
    if missing:
        reset = ('make demo-reset' if name == DEMO_TENANT
            else f'ame demo --reset --tenant {name}')
        raise tenant.TenantError(
            f"the {name!r} tenant was made by an older AME: it lacks "
            f"{', '.join(missing)}. Run `{reset}` to recreate it with the "
            "demo data (its changes are lost).")


def serve(names):
    from ame import compat
    from trytond import config
    compat.apply()
    if not names:
        from ame import tenant
        names = tenant.tenant_names()
    listen = config.get('web', 'listen')
    print(f"Serving {', '.join(names)} at http://{listen}/ (Ctrl+C stops)",
        flush=True)
    # trytond's own server, configured above: no -c, so that AME_DB_URI
    # is not overridden by the file again.
    os.environ.pop('TRYTOND_CONFIG', None)
    from trytond.cli import main as trytond_main
    sys.argv = ['trytond'] + (['-d', *names] if names else [])
    return trytond_main()


def main(argv=None):
    options = get_parser().parse_args(argv)
    configure(options.config)
    from ame.tenant import TenantError
    from trytond.exceptions import UserError
    try:
        if options.command == 'tenant':
            cmd_tenant(options)
        elif options.command == 'demo-data':
            cmd_demo_data(options)
        elif options.command == 'demo':
            cmd_demo(options)
        elif options.command == 'selection':
            cmd_selection(options)
        elif options.command == 'serve':
            serve(options.names)
    except TenantError as exception:
        print(f"ame: {exception}", file=sys.stderr)
        return 2
    except UserError as exception:
        print(f"ame: {exception.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == '__main__':
    sys.exit(main())
