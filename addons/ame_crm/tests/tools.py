# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Customers built with the Pool models inside a transaction (a unit
test's, or a scenario's through ame_base.tests.tools.build)."""
from trytond.modules.ame_organisation.company import credit_code_check_digit
from trytond.modules.ame_organisation.tests.tools import create_departments
from trytond.modules.ame_permission.tests.tools import create_user
from trytond.pool import Pool


def create_sales_team(company):
    """Two reps of 华东销售一部 and 华南销售部 and the manager of 销售部;
    return the employees and users by name (chen, chen_user ...)"""
    sales, east, south, _ = create_departments(company).values()
    team = {}
    for login, name, department, role in [
            ('chen', "陈静", east, 'role_sales_rep'),
            ('wang', "王磊", south, 'role_sales_rep'),
            ('li', "李强", sales, 'role_sales_manager'),
            ]:
        team[login], team[f'{login}_user'] = create_user(
            company, login, department, [role], name=name)
    return team


def credit_code(organisation='MA1MXXXX0'):
    "A valid unified social credit code of a Suzhou company"
    code = '91320500' + organisation
    return code + credit_code_check_digit(code)


def create_customer(name, owner=None, phone=None, **values):
    "A customer of owner (None: the public pool) with an address"
    Party = Pool().get('party.party')
    values = {
        'name': name, 'is_customer': True,
        'owner': owner.id if owner else None,
        'addresses': [('create', [{}])],
        **values}
    if phone:
        values['contact_mechanisms'] = [('create', [{
                        'type': 'mobile', 'value': phone}])]
    customer, = Party.create([values])
    return customer


def create_contact(customer, name, **values):
    "A contact person of the customer (mobile, phone ... as keywords)"
    Contact = Pool().get('ame.customer.contact')
    contact, = Contact.create([{'party': customer.id, 'name': name, **values}])
    return contact


def contact_type(code='visit'):
    "The value of the contact_type dictionary of code"
    Value = Pool().get('ame.dictionary.value')
    value, = Value.search([
            ('category.code', '=', 'contact_type'), ('code', '=', code)])
    return value


def create_contact_record(customer, employee, date, type='visit', **values):
    "A contact record of employee with the customer at date"
    Record = Pool().get('ame.contact.record')
    record, = Record.create([{
                'party': customer.id, 'employee': employee.id, 'date': date,
                'type': contact_type(type).id,
                'content': values.pop('content', "介绍新款数控机床"),
                **values}])
    return record


def xlsx_workbook(rows, title=None):
    """The bytes of an xlsx whose first sheet has rows (lists of cell
    values, the header first), written with openpyxl as a user's
    spreadsheet program would"""
    import io

    import openpyxl
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.title = title
    for row in rows:
        sheet.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def create_subdivisions():
    """China with 江苏省 (苏州市, 无锡市), 浙江省 (杭州市) and 北京市;
    return them by name"""
    pool = Pool()
    Country = pool.get('country.country')
    Subdivision = pool.get('country.subdivision')
    china, = Country.search([('code', '=', 'CN')]) or Country.create([{
                'name': "中国", 'code': 'CN'}])
    result = {}
    for name, code, parent in [
            ("江苏省", 'CN-32', None), ("浙江省", 'CN-33', None),
            ("北京市", 'CN-11', None),
            ("苏州市", 'CN-320500', "江苏省"),
            ("无锡市", 'CN-320200', "江苏省"),
            ("杭州市", 'CN-330100', "浙江省")]:
        result[name], = Subdivision.create([{
                    'name': name, 'code': code, 'country': china.id,
                    'type': 'city' if parent else 'province',
                    'parent': result[parent].id if parent else None}])
    return result
