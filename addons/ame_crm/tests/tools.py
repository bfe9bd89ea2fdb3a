# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Customers built with the Pool models inside a transaction (a unit
test's, or a scenario's through ame_base.tests.tools.build)."""
import datetime as dt
from decimal import Decimal

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
def create_product(name, list_price, cost_price, type_='goods'):
    """A salable product of the unit u at list_price with its cost price in
    the company of the context"""
    pool = Pool()
    Template = pool.get('product.template')
    Uom = pool.get('product.uom')
    unit, = Uom.search([('symbol', '=', 'u')])
    template, = Template.create([{
                'name': name, 'type': type_, 'default_uom': unit.id,
                'salable': True, 'sale_uom': unit.id,
                'list_price': list_price,
                'products': [('create', [{'cost_price': cost_price}])],
                }])
    return template.products[0]


def _document_lines(lines):
    "The values of lines (product or description, quantity, unit price)"
    values = []
    for item, quantity, unit_price in lines:
        line = {'type': 'line', 'quantity': quantity,
            'unit_price': unit_price}
        if isinstance(item, str):
            line['description'] = item
        else:
            line.update(product=item.id, unit=item.default_uom.id)
        values.append(line)
    return values


def create_sale(company, customer, date, lines, state='confirmed',
        employee=None, **values):
    """A sale of customer dated date in state (set as the workflow leaves
    it), owned by employee (default the customer's owner), with values;
    lines are (product or description, quantity, unit price)"""
    sale, = create_sales(company, [(customer, date, lines, state)],
        employee=employee, **values)
    return sale


def create_sales(company, rows, employee=None, **values):
    """The sales of rows (customer, date, lines, state) as create_sale
    makes them, in one call"""
    Sale = Pool().get('sale.sale')

    def owner(customer):
        owner = employee or customer.owner
        return owner.id if owner else None
    sales = Sale.create([{
                'company': company.id, 'party': customer.id,
                'invoice_address': customer.addresses[0].id,
                'employee': owner(customer),
                'sale_date': date,
                'invoice_method': 'manual', 'shipment_method': 'manual',
                'lines': [('create', _document_lines(lines))],
                **values} for customer, date, lines, _ in rows])
    by_state = {}
    for sale, (*_, state) in zip(sales, rows):
        if state != sale.state:
            by_state.setdefault(state, []).append(sale)
    for state, state_sales in by_state.items():
        Sale.write(state_sales, {'state': state})
    return sales


def create_accounts(company):
    """The accounts customer and supplier invoices need (receivable,
    revenue, payable, expense) in company: a chart of four, faster than
    Tryton's"""
    pool = Pool()
    Type = pool.get('account.account.type')
    Account = pool.get('account.account')
    types = Type.create([{
                'name': name, 'company': company.id, 'statement': statement,
                'assets': kind == 'receivable', kind: True,
                } for name, statement, kind in [
                ("应收账款", 'balance', 'receivable'),
                ("应付账款", 'balance', 'payable'),
                ("营业收入", 'income', 'revenue'),
                ("营业成本", 'income', 'expense'),
                ]])
    return Account.create([{
                'name': name, 'code': code, 'company': company.id,
                'type': type_.id, 'party_required': party_required,
                } for (code, name, party_required), type_ in zip([
                    ('1122', "应收账款", True),
                    ('2202', "应付账款", True),
                    ('6001', "主营业务收入", False),
                    ('6401', "主营业务成本", False),
                    ], types)])


def create_invoices(company, rows):
    """The invoices of rows (customer, date, lines, state, type), in state
    as posting leaves them (without their move): type out for a customer
    invoice, in for a supplier's; negative quantities make a credit note.
    The company needs its accounts (create_accounts)."""
    pool = Pool()
    Invoice = pool.get('account.invoice')
    Account = pool.get('account.account')
    Journal = pool.get('account.journal')
    accounts = {}
    for kind in ['receivable', 'payable', 'revenue', 'expense']:
        accounts[kind], = Account.search([
                ('company', '=', company.id), (f'type.{kind}', '=', True),
                ('closed', '!=', True),
                ], limit=1)
    journals = {t: Journal.search([('type', '=', t)], limit=1)[0]
        for t in ['revenue', 'expense']}
    invoices = Invoice.create([{
                'company': company.id, 'type': type_,
                'party': customer.id,
                'invoice_address': customer.addresses[0].id,
                'currency': company.currency.id,
                'journal': journals[
                    'revenue' if type_ == 'out' else 'expense'].id,
                'account': accounts[
                    'receivable' if type_ == 'out' else 'payable'].id,
                'invoice_date': date,
                'lines': [('create', [dict(line, account=accounts[
                                        'revenue' if type_ == 'out'
                                        else 'expense'].id)
                                for line in _document_lines(lines)])],
                } for customer, date, lines, _, type_ in rows])
    by_state = {}
    for invoice, (*_, state, _) in zip(invoices, rows):
        if state != invoice.state:
            by_state.setdefault(state, []).append(invoice)
    for state, state_invoices in by_state.items():
        Invoice.write(state_invoices, {'state': state})
    return invoices


# The known data of the value analysis tests (period 2025): customer (name,
# owner login or None for the pool), sales (date, lines, state). The
# scores and classes they give are asserted in test_value_analysis.py and
# scenario_value_analysis.rst.
VALUE_CUSTOMERS = [
    ("苏州精密机械有限公司", 'chen'),
    ("无锡重型机床厂", 'wang'),
    ("常州恒通汽车零部件有限公司", 'chen'),
    ("宁波海纳液压件有限公司", 'wang'),
    ("杭州万通阀门股份有限公司", None),
    ("东莞联创模具有限公司", 'chen'),
    ]


def create_value_sales(company, team):
    """The products, customers and sales of the value analysis tests;
    team: create_sales_team's. Return the customers in VALUE_CUSTOMERS'
    order."""
    lathe = create_product("数控车床 CK6150", Decimal(100000), Decimal(60000))
    spindle = create_product("主轴备件", Decimal(1000), Decimal(400))
    Party = Pool().get('party.party')
    c1, c2, c3, c4, c5, c6 = customers = Party.create([{
                'name': name, 'is_customer': True,
                'owner': team[owner].id if owner else None,
                'addresses': [('create', [{}])],
                } for name, owner in VALUE_CUSTOMERS])
    d = dt.date
    create_sales(company, [
            (c1, d(2025, 12, 1), [(lathe, 1, Decimal(100000))], 'confirmed'),
            (c1, d(2025, 6, 1), [(lathe, 1, Decimal(100000))], 'done'),
            (c1, d(2025, 3, 1), [(spindle, 2, Decimal(1000))], 'processing'),
            (c2, d(2025, 11, 1), [(lathe, 1, Decimal(90000))], 'confirmed'),
            (c2, d(2025, 2, 1), [(spindle, 10, Decimal(1000))], 'done'),
            (c3, d(2025, 12, 16), [(spindle, 30, Decimal(1000))],
                'confirmed'),
            (c4, d(2025, 1, 10), [(spindle, 5, Decimal(1000))], 'done'),
            (c4, d(2025, 4, 10), [(spindle, 5, Decimal(1000))], 'done'),
            (c4, d(2025, 7, 10), [(spindle, 5, Decimal(1000))], 'done'),
            (c4, d(2025, 10, 10), [(spindle, 5, Decimal(1000))], 'done'),
            # A service without product: no cost
            (c5, d(2025, 5, 20), [("设备安装调试", 1, Decimal(8000))],
                'confirmed'),
            (c6, d(2025, 12, 16), [(spindle, 2, Decimal(1000))], 'confirmed'),
            # Not counted: a draft, a quotation, a cancelled sale, and a
            # sale of the year before
            (c1, d(2025, 12, 20), [(lathe, 5, Decimal(100000))], 'draft'),
            (c6, d(2025, 12, 20), [(lathe, 1, Decimal(100000))],
                'quotation'),
            (c5, d(2025, 8, 1), [(lathe, 1, Decimal(100000))], 'cancelled'),
            (c1, d(2024, 12, 31), [(lathe, 3, Decimal(100000))], 'done'),
            ])
    return customers


def stage(key):
    "The opportunity stage of ame_crm's data opportunity_stage_<key>"
    pool = Pool()
    ModelData = pool.get('ir.model.data')
    Stage = pool.get('sale.opportunity.stage')
    return Stage(ModelData.get_id('ame_crm', f'opportunity_stage_{key}'))


def dictionary_value(category, code):
    "The value of code in the dictionary category"
    Value = Pool().get('ame.dictionary.value')
    value, = Value.search([
            ('category.code', '=', category), ('code', '=', code)])
    return value


def create_opportunity(company, employee, amount, stage_key=None,
        state='opportunity', **values):
    """An opportunity of employee (None: nobody's lead) for amount at the
    stage of stage_key, in state (set as the workflow leaves it)"""
    Opportunity = Pool().get('sale.opportunity')
    if stage_key:
        values['stage'] = stage(stage_key).id
    opportunity, = Opportunity.create([{
                'company': company.id,
                'employee': employee.id if employee else None,
                'amount': amount,
                **values}])
    if state != opportunity.state:
        Opportunity.write([opportunity], {'state': state})
    return opportunity


def create_pool(company, name="华东公海", departments=(), roles=(),
        rules=(), **values):
    """A public pool of company whose members are the departments and the
    roles (XML ids of ame_permission); rules: (grade code or None, days
    without contact, days without won deal, warning days)"""
    pool = Pool()
    CustomerPool = pool.get('ame.customer.pool')
    ModelData = pool.get('ir.model.data')
    Value = pool.get('ame.dictionary.value')

    def grade(code):
        if code:
            value, = Value.search([
                    ('category.code', '=', 'customer_grade'),
                    ('code', '=', code)])
            return value.id
    customer_pool, = CustomerPool.create([{
                'company': company.id, 'name': name,
                'departments': [('add', [d.id for d in departments])],
                'roles': [('add', [ModelData.get_id('ame_permission', r)
                            for r in roles])],
                'rules': [('create', [{
                                'customer_grade': grade(code),
                                'no_contact_days': contact,
                                'no_win_days': win,
                                'warning_days': warning,
                                } for code, contact, win, warning in rules])],
                **values}])
    return customer_pool


def set_claim_limit(company, role, limit):
    "The claim limit of the role (XML id of ame_permission) in company"
    pool = Pool()
    Limit = pool.get('ame.customer.pool.limit')
    ModelData = pool.get('ir.model.data')
    Limit.create([{'company': company.id, 'limit': limit,
                'role': ModelData.get_id('ame_permission', role)}])


def run_pool_wizard(name, user, parties, start, state, check_access=False):
    """Run the wizard name (ame.customer.pool.release or .assign) on the
    parties as user, through its RPC calls, with the values of start"""
    from trytond.modules.ame_permission.tests.tools import as_user
    Wizard = Pool().get(name, type='wizard')
    context = {'active_model': 'party.party', 'active_id': parties[0].id,
        'active_ids': [p.id for p in parties]}
    with as_user(user, check_access=check_access, **context):
        session_id, _, _ = Wizard.create()
        Wizard.execute(session_id, {}, 'start')
        return Wizard.execute(session_id, {'start': start}, state)


def run_pool_cron(date):
    "Run the public pool's daily cron as of date"
    Pool().get('ame.customer.pool').return_overdue(date)
