# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Users with their employee and roles, calls made as them and owned
documents, built with the Pool models inside a transaction (a unit test's,
or a scenario's through ame_base.tests.tools.build)."""
import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

from trytond.modules.ame_organisation.tests.tools import create_employee
from trytond.pool import Pool
from trytond.transaction import Transaction


def create_user(
        company, login, department=None, roles=(), name=None,
        role_from_date=None, groups=(), **employee):
    """The user login (named name) of an employee of department, with the
    roles and groups (XML ids: 'role_sales_rep' of ame_permission or
    'module.xml_id'); employee gives create_employee's position and dates.
    Return (employee, user)."""
    pool = Pool()
    User = pool.get('res.user')
    ModelData = pool.get('ir.model.data')

    def get_id(xml_id):
        module, _, fs_id = xml_id.rpartition('.')
        return ModelData.get_id(module or 'ame_permission', fs_id)
    name = name or login
    employee = create_employee(company, name, department, **employee)
    user, = User.create([{
                'login': login, 'name': name,
                'companies': [('add', [company.id])], 'company': company.id,
                'employees': [('add', [employee.id])],
                'employee': employee.id,
                'groups': [('add', [get_id(g) for g in groups])],
                'roles': [('create', [{
                                'role': get_id(role),
                                'from_date': role_from_date,
                                } for role in roles])],
                }])
    return employee, user


@contextmanager
def as_user(user, check_access=True, **context):
    """Run as user with his preferences, as an RPC call does (with the
    access checks of a call that a screen makes, or not)"""
    pool = Pool()
    User = pool.get('res.user')
    transaction = Transaction()
    with transaction.set_user(user.id):
        preferences = User.get_preferences(context_only=True)
    with transaction.set_user(user.id), transaction.set_context(
            preferences, _check_access=check_access, **context):
        yield


def create_party(name="苏州精密机械有限公司"):
    "A customer or supplier with an address"
    Party = Pool().get('party.party')
    party, = Party.create([{'name': name, 'addresses': [('create', [{}])]}])
    return party


def create_sale(company, employee, state='draft', **values):
    "A sale of a 690,000 lathe in state, owned by employee"
    pool = Pool()
    Sale = pool.get('sale.sale')
    customer = create_party()
    sale, = Sale.create([{
                'party': customer.id,
                'invoice_address': customer.addresses[0].id,
                'company': company.id,
                'employee': employee.id if employee else None,
                'invoice_method': 'manual',
                'shipment_method': 'manual',
                'sale_date': dt.date.today(),
                'lines': [('create', [{
                                'type': 'line',
                                'description': "数控车床 CK6150",
                                'quantity': 1,
                                'unit_price': Decimal(690000),
                                }])],
                **values}])
    if state != sale.state:
        Sale.write([sale], {'state': state})
    return sale


def create_purchase(company, employee, state='draft', **values):
    "A purchase of two 35,000 spindle motors in state, owned by employee"
    pool = Pool()
    Purchase = pool.get('purchase.purchase')
    supplier = create_party()
    purchase, = Purchase.create([{
                'party': supplier.id,
                'invoice_address': supplier.addresses[0].id,
                'company': company.id,
                'employee': employee.id if employee else None,
                'lines': [('create', [{
                                'type': 'line',
                                'description': "主轴电机",
                                'quantity': 2,
                                'unit_price': Decimal(35000),
                                }])],
                **values}])
    if state != purchase.state:
        Purchase.write([purchase], {'state': state})
    return purchase


def run_handover(user, data, records=None):
    "Run the handover as user, through the wizard's RPC calls"
    pool = Pool()
    Handover = pool.get('ame.handover', type='wizard')
    context = {}
    if records:
        context = {'active_model': records[0].__name__,
            'active_id': records[0].id,
            'active_ids': [r.id for r in records]}
    with as_user(user, check_access=False, **context):
        session_id, _, _ = Handover.create()
        return Handover.execute(session_id, {'start': data}, 'handover')
