# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo: give each demo user the role of his position."""
from trytond.pool import Pool

ROLES = {
    'sysadmin': 'role_system_admin',
    'gm': 'role_general_manager',
    'sales_manager': 'role_sales_manager',
    'sales': 'role_sales_rep',
    'engineer': 'role_application_engineer',
    'warehouse': 'role_warehouse_keeper',
    'service_manager': 'role_service_manager',
    'service': 'role_service_engineer',
    'finance': 'role_finance',
    }


def generate(rng, scale=1):
    pool = Pool()
    User = pool.get('res.user')
    UserRole = pool.get('res.user.role')
    ModelData = pool.get('ir.model.data')
    users = {u.login: u for u in User.search([
                ('login', 'in', list(ROLES)),
                ])}
    UserRole.create([{
                'user': users[login].id,
                'role': ModelData.get_id('ame_permission', role),
                } for login, role in ROLES.items() if login in users])
