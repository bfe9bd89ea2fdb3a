# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"The demo's people and dictionaries, shared by the areas"
from trytond.pool import Pool


def employees(*logins):
    """The employees of the demo logins (those that exist), else all the
    company's employees"""
    pool = Pool()
    User = pool.get('res.user')
    Employee = pool.get('company.employee')
    found = [u.employee for u in User.search([('login', 'in', logins)])
        if u.employee]
    return found or Employee.search([], order=[('id', 'ASC')])


def dictionary(category):
    "The values of the dictionary category by code"
    Value = Pool().get('ame.dictionary.value')
    return {v.code: v for v in Value.search([
                ('category.code', '=', category)])}
