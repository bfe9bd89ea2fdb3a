# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The organisation of the tests: departments, positions and employees,
built with the Pool models inside a transaction (a unit test's, or a
scenario's through ame_base.tests.tools.build)."""
from trytond.pool import Pool

# code, name, parent code[, other values]; parents first
SALES_DEPARTMENTS = [
    ('S', "销售部", None),
    ('SE', "华东销售一部", 'S'),
    ('SS', "华南销售部", 'S'),
    # Inactive sub-departments keep their records visible
    ('SES', "苏州办事处", 'SE', {'active': False}),
    ]
HEAD_DEPARTMENTS = [
    ('GM', "总经办", None),
    ('SALES', "销售部", 'GM'),
    ('SALES-E1', "华东销售一部", 'SALES'),
    ]
POSITIONS = [
    ('GM', "总经理"),
    ('SALES-MGR', "销售经理"),
    ('SALES-REP', "销售员"),
    ('FIN', "财务"),
    ]


def create_departments(company, departments=SALES_DEPARTMENTS):
    "Create the departments of company; return them by code"
    Department = Pool().get('company.department')
    result = {}
    for code, name, parent, *values in departments:
        result[code], = Department.create([{
                    'code': code, 'name': name, 'company': company.id,
                    'parent': result[parent].id if parent else None,
                    **(values[0] if values else {})}])
    return result


def create_positions(company, positions=POSITIONS):
    "Create the positions of company; return them by code"
    Position = Pool().get('company.position')
    records = Position.create([
            {'code': c, 'name': n, 'company': company.id}
            for c, n in positions])
    return {p.code: p for p in records}


def create_employee(
        company, name, department=None, position=None, from_date=None,
        to_date=None):
    """An employee of company in department, holding position (primary)
    from from_date to to_date"""
    pool = Pool()
    Party = pool.get('party.party')
    Employee = pool.get('company.employee')
    party, = Party.create([{'name': name}])
    values = {
        'party': party.id, 'company': company.id,
        'department': department.id if department else None,
        }
    if position:
        values['positions'] = [('create', [{
                        'position': position.id, 'primary': True,
                        'from_date': from_date, 'to_date': to_date}])]
    employee, = Employee.create([values])
    return employee


def set_managers(managers):
    "Make each employee of {department: employee} its department's manager"
    Department = Pool().get('company.department')
    for department, employee in managers.items():
        Department.write([department], {'manager': employee.id})
