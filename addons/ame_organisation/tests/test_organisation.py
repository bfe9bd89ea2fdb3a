# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.i18n import gettext
from trytond.model.exceptions import (
    AccessError, DomainValidationError, RecursionError, SQLConstraintError,
    ValidationError)
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_organisation.tests.tools import (
    HEAD_DEPARTMENTS, create_departments, set_managers)
from trytond.modules.company.tests import (
    create_company, create_employee, set_company)
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction


class OrganisationTestCase(AmeTestCase):
    "Company information, departments, positions and employees"
    module = 'ame_organisation'

    def test_credit_code_check_digit(self):
        "GB 32100-2015 check character of unified social credit codes"
        from stdnum.cn import uscc

        from trytond.modules.ame_organisation.company import (
            credit_code_check_digit, is_valid_credit_code)
        for code in [
                '91110000600037341L', '91350100M000100Y43',
                '91320594MA1MXXXX1Y'[:17], '11100000000013127K']:
            self.assertEqual(
                credit_code_check_digit(code), uscc.calc_check_digit(code))
        self.assertTrue(is_valid_credit_code('91110000600037341L'))
        self.assertTrue(is_valid_credit_code('91350100M000100Y43'))
        # Codes of other registration authorities start with a letter
        code = 'Y2110000MA00000X0'
        self.assertTrue(
            is_valid_credit_code(code + credit_code_check_digit(code)))
        for invalid in [
                None, '', '91110000600037341', '91110000600037341L0',
                '91110000600037341M', '91110000600037341l',
                '9111000060003734IL', '911100A0600037341L']:
            self.assertFalse(is_valid_credit_code(invalid), invalid)

    @with_transaction()
    def test_company_credit_code(self):
        "An invalid credit code is refused; a valid one is upper-cased"
        company = create_company()
        with self.assertRaises(ValidationError) as cm, rolled_back():
            company.credit_code = '91110000600037341M'
            company.save()
        self.assertEqual(cm.exception.message, gettext(
                'ame_organisation.msg_company_credit_code_invalid',
                code='91110000600037341M', company=company.rec_name))
        company = type(company)(company.id)
        self.assertIsNone(company.credit_code)

        company.credit_code = '91110000600037341l'
        company.save()
        self.assertEqual(company.credit_code, '91110000600037341L')

    @with_transaction()
    def test_company_party_facts(self):
        "Phone, fax, website and address of the company live on its party"
        pool = Pool()
        Company = pool.get('company.company')
        Subdivision = pool.get('country.subdivision')
        Country = pool.get('country.country')
        company = create_company()
        china = Country(name="中国", code='CN')
        china.save()
        jiangsu = Subdivision(
            name="江苏省", code='CN-JS', type='province', country=china)
        jiangsu.save()

        Company.write([company], {
                'phone': '0512-66668888',
                'website': 'https://www.example.cn',
                'address_subdivision': jiangsu.id,
                'address_street': "工业园区星湖街 328 号",
                'address_postal_code': '215123',
                })
        company = Company(company.id)
        self.assertEqual(company.party.phone, '0512-66668888')
        self.assertEqual(company.party.website, 'https://www.example.cn')
        address, = company.party.addresses
        self.assertEqual(address.subdivision, jiangsu)
        self.assertEqual(address.country, china)
        self.assertEqual(address.street, "工业园区星湖街 328 号")
        self.assertEqual(company.address_postal_code, '215123')

        Company.write([company], {'phone': '0512-66669999', 'fax': None})
        company = Company(company.id)
        self.assertEqual(
            [m.value for m in company.party.contact_mechanisms
                if m.type == 'phone'], ['0512-66669999'])
        Company.write([company], {'website': None})
        self.assertIsNone(Company(company.id).website)

    def _create_departments(self, company):
        "Create 总经办 > 销售部 > 华东销售一部 with managers"
        head, sales, east = create_departments(
            company, HEAD_DEPARTMENTS).values()
        set_managers({
                head: create_employee(company, "王建国"),
                sales: create_employee(company, "李强"),
                east: create_employee(company, "赵敏"),
                })
        return head, sales, east

    @with_transaction()
    def test_department_tree(self):
        "Departments form a tree without cycles"
        pool = Pool()
        Department = pool.get('company.department')
        company = create_company()
        with set_company(company):
            head, sales, east = self._create_departments(company)
            self.assertEqual(east.rec_name, "总经办 / 销售部 / 华东销售一部")
            self.assertEqual(
                Department.search([('rec_name', 'ilike', 'SALES-E1')]),
                [east])

            with self.assertRaises(RecursionError) as cm, rolled_back():
                Department.write([head], {'parent': east.id})
            self.assertEqual(cm.exception.message, gettext(
                    'ir.msg_recursion_error', rec_name="总经办",
                    parent_rec_name="华东销售一部"))
            self.assertIsNone(Department(head.id).parent)

    @with_transaction()
    def test_department_code_unique(self):
        "The code of a department is unique per company"
        pool = Pool()
        Department = pool.get('company.department')
        company = create_company()
        other = create_company("示例仪器有限公司")
        Department.create([{
                    'name': "销售部", 'code': 'SALES', 'company': company.id,
                    }, {
                    'name': "销售部", 'code': 'SALES', 'company': other.id,
                    }])
        # The failed statement changes nothing; on SQLite the error also
        # ends the test transaction, so it comes last.
        with self.assertRaises(SQLConstraintError) as cm:
            Department.create([{
                        'name': "市场部", 'code': 'SALES',
                        'company': company.id,
                        }])
        self.assertEqual(cm.exception.message, gettext(
                'ame_organisation.msg_department_code_unique'))

    @with_transaction()
    def test_department_same_company(self):
        "The manager and the parent belong to the department's company"
        pool = Pool()
        Department = pool.get('company.department')
        company = create_company()
        other = create_company("示例仪器有限公司")
        stranger = create_employee(other, "外单位员工")
        department, = Department.create([{
                    'name': "销售部", 'code': 'SALES', 'company': company.id,
                    }])
        other_department, = Department.create([{
                    'name': "销售部", 'code': 'SALES', 'company': other.id,
                    }])
        for values in [
                {'manager': stranger.id},
                {'parent': other_department.id}]:
            with self.assertRaises(DomainValidationError), rolled_back():
                Department.write([department], values)
            department = Department(department.id)
            self.assertIsNone(department.manager)
            self.assertIsNone(department.parent)

    @with_transaction()
    def test_department_descendants_managers(self):
        "Sub-departments and the chain of managers above"
        pool = Pool()
        Department = pool.get('company.department')
        Employee = pool.get('company.employee')
        company = create_company()
        with set_company(company):
            head, sales, east = self._create_departments(company)
            south, = Department.create([{
                        'name': "华南销售部", 'code': 'SALES-S',
                        'company': company.id, 'parent': sales.id,
                        'active': False,
                        }])
            self.assertEqual(
                set(Department.get_descendants([sales])),
                {sales, east, south})
            self.assertEqual(Department.get_descendants([]), [])
            self.assertEqual(
                set(Department.search([
                            ('parent', 'child_of', [sales.id]),
                            ])), {sales, east})

            self.assertEqual(
                [e.rec_name for e in east.get_manager_chain()],
                ["赵敏", "李强", "王建国"])
            # A department without manager gives its parents' managers
            self.assertEqual(
                [e.rec_name for e in south.get_manager_chain()],
                ["李强", "王建国"])

            seller = create_employee(company, "陈静")
            Employee.write([seller], {'department': east.id})
            self.assertEqual(
                [e.rec_name for e in seller.get_manager_chain()],
                ["赵敏", "李强", "王建国"])
            # The manager's own managers exclude himself
            self.assertEqual(
                [e.rec_name for e in east.manager.get_manager_chain()], [])
            Employee.write([east.manager], {'department': east.id})
            self.assertEqual(
                [e.rec_name
                    for e in Employee(east.manager.id).get_manager_chain()],
                ["李强", "王建国"])
            self.assertEqual(Department(east.id).employee_count, 2)

    @with_transaction()
    def test_employee_positions(self):
        "Positions over time, the primary one gives the job title"
        pool = Pool()
        Employee = pool.get('company.employee')
        EmployeePosition = pool.get('company.employee.position')
        Position = pool.get('company.position')
        Date = pool.get('ir.date')
        company = create_company()
        with set_company(company):
            head, sales, east = self._create_departments(company)
            seller_position, manager_position, engineer = Position.create([{
                        'name': "销售员", 'code': 'SALES-REP',
                        'department': sales.id,
                        }, {
                        'name': "销售经理", 'code': 'SALES-MGR',
                        }, {
                        'name': "应用工程师", 'code': 'APP-ENG',
                        }])
            employee = create_employee(company, "陈静")
            Employee.write([employee], {
                    'code': 'E0007', 'department': east.id})
            first, second, third = EmployeePosition.create([{
                        'employee': employee.id,
                        'position': seller_position.id,
                        'from_date': dt.date(2024, 1, 1),
                        'to_date': dt.date(2025, 6, 30),
                        'primary': True,
                        }, {
                        'employee': employee.id,
                        'position': manager_position.id,
                        'from_date': dt.date(2025, 7, 1),
                        'primary': True,
                        }, {
                        'employee': employee.id,
                        'position': engineer.id,
                        'from_date': dt.date(2025, 1, 1),
                        }])
            # The department of the position, else of the employee
            self.assertEqual(first.department, sales)
            self.assertEqual(second.department, east)

            self.assertEqual(
                employee.get_positions(dt.date(2024, 3, 1)),
                [seller_position])
            self.assertEqual(
                employee.get_positions(dt.date(2025, 3, 1)),
                [seller_position, engineer])
            self.assertEqual(
                employee.get_positions(dt.date(2025, 7, 1)),
                [manager_position, engineer])
            self.assertEqual(employee.get_positions(dt.date(2023, 1, 1)), [])
            self.assertEqual(
                employee.get_primary_position(dt.date(2025, 3, 1)),
                seller_position)
            with Transaction().set_context(date=dt.date(2024, 3, 1)):
                self.assertEqual(Employee(employee.id).job_title, "销售员")
                self.assertEqual(
                    Employee.search([('job_title', '=', "销售员")]),
                    [employee])
            if Date.today() >= dt.date(2025, 7, 1):
                self.assertEqual(Employee(employee.id).job_title, "销售经理")
                self.assertEqual(
                    EmployeePosition.search([
                            ('employee', '=', employee.id),
                            ('current', '=', True),
                            ], order=[('id', 'ASC')]),
                    [second, third])
            self.assertEqual(
                Employee.search([('rec_name', '=', 'E0007')]), [employee])

    @with_transaction()
    def test_employee_position_errors(self):
        "Reversed dates and overlapping primary positions are refused"
        pool = Pool()
        EmployeePosition = pool.get('company.employee.position')
        Position = pool.get('company.position')
        company = create_company()
        other = create_company("示例仪器有限公司")
        with set_company(company):
            seller, manager = Position.create([{
                        'name': "销售员", 'code': 'SALES-REP',
                        }, {
                        'name': "销售经理", 'code': 'SALES-MGR',
                        }])
            stranger, = Position.create([{
                        'name': "销售员", 'code': 'SALES-REP',
                        'company': other.id,
                        }])
            employee = create_employee(company, "陈静")
            current, = EmployeePosition.create([{
                        'employee': employee.id, 'position': seller.id,
                        'from_date': dt.date(2024, 1, 1), 'primary': True,
                        }])

            with self.assertRaises(ValidationError) as cm, rolled_back():
                EmployeePosition.create([{
                            'employee': employee.id,
                            'position': manager.id,
                            'from_date': dt.date(2025, 1, 1),
                            'to_date': dt.date(2024, 12, 31),
                            }])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_organisation.msg_employee_position_dates',
                    employee="陈静", position="销售经理"))

            with self.assertRaises(ValidationError) as cm, rolled_back():
                EmployeePosition.create([{
                            'employee': employee.id,
                            'position': manager.id,
                            'from_date': dt.date(2025, 1, 1),
                            'primary': True,
                            }])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_organisation.msg_employee_position_primary_overlap',
                    employee="陈静", first="销售员 (01/01/2024 ~ )",
                    second="销售经理 (01/01/2025 ~ )"))
            self.assertEqual(
                EmployeePosition.search([]), [current])

            # Once the first period ends, a new primary position may start
            EmployeePosition.write([current], {
                    'to_date': dt.date(2024, 12, 31)})
            EmployeePosition.create([{
                        'employee': employee.id,
                        'position': manager.id,
                        'from_date': dt.date(2025, 1, 1),
                        'primary': True,
                        }])
            # ...and the old one cannot be stretched over it
            with self.assertRaises(ValidationError), rolled_back():
                EmployeePosition.write([current], {'to_date': None})
            self.assertEqual(
                EmployeePosition(current.id).to_date, dt.date(2024, 12, 31))

            # A position of another company is refused
            with self.assertRaises(DomainValidationError), rolled_back():
                EmployeePosition.create([{
                            'employee': employee.id,
                            'position': stranger.id,
                            }])
            self.assertEqual(EmployeePosition.search_count([]), 2)

    @with_transaction()
    def test_employee_code_unique(self):
        "The employee number is unique per company"
        pool = Pool()
        Employee = pool.get('company.employee')
        company = create_company()
        other = create_company("示例仪器有限公司")
        first = create_employee(company, "王建国")
        second = create_employee(company, "李强")
        stranger = create_employee(other, "外单位员工")
        Employee.write([first, stranger], {'code': 'E0001'})
        # The failed statement changes nothing; on SQLite the error also
        # ends the test transaction, so it comes last.
        with self.assertRaises(SQLConstraintError) as cm:
            Employee.write([second], {'code': 'E0001'})
        self.assertEqual(cm.exception.message, gettext(
                'ame_organisation.msg_employee_code_unique'))

    @with_transaction()
    def test_organisation_writers(self):
        "Only the organisation administrators change the organisation"
        pool = Pool()
        User = pool.get('res.user')
        Department = pool.get('company.department')
        Position = pool.get('company.position')
        company = create_company()
        department, = Department.create([{
                    'name': "销售部", 'code': 'SALES', 'company': company.id,
                    }])
        user, = User.create([{
                    'name': "销售员", 'login': 'seller',
                    'companies': [('add', [company.id])],
                    'company': company.id,
                    }])
        with Transaction().set_user(user.id), \
                Transaction().set_context(
                    User.get_preferences(context_only=True),
                    _check_access=True):
            self.assertEqual(Department.search([]), [department])
            with self.assertRaises(AccessError), rolled_back():
                Department.write([department], {'name': "市场部"})
            with self.assertRaises(AccessError), rolled_back():
                Position.create([{'name': "销售员", 'code': 'S'}])
        self.assertEqual(Department(department.id).name, "销售部")


    @with_transaction()
    def test_demo_organisation(self):
        "The demo organisation, its users, and N times the employees"
        from trytond.modules.ame_organisation import demo
        pool = Pool()
        Company = pool.get('company.company')
        Department = pool.get('company.department')
        Employee = pool.get('company.employee')
        Position = pool.get('company.position')
        User = pool.get('res.user')
        company = create_company("示例装备制造有限公司")
        with set_company(company):
            logins = demo.generate(scale=2)
            self.assertEqual(logins, demo.LOGINS)
            self.assertEqual(Department.search_count([]), 10)
            self.assertEqual(Position.search_count([]), 9)
            employees = Employee.search([])
            self.assertEqual(len(employees), 2 * len(demo.EMPLOYEES))
            self.assertTrue(all(e.job_title for e in employees))
            self.assertTrue(all(e.mobile for e in employees))
            sales, = Department.search([('code', '=', 'SALES')])
            self.assertEqual(
                len(Employee.search([
                            ('department', 'child_of', [sales.id], 'parent'),
                            ])), 6 + len(demo.EMPLOYEES))
            for login, password, role in logins:
                user, = User.search([('login', '=', login)])
                self.assertEqual(user.employee.company, company)
                self.assertEqual(user.employee.job_title, role)
                self.assertEqual(user.company, company)
                self.assertTrue(User._login_password(
                        login, {'password': password}))
            seller, = User.search([('login', '=', 'sales')])
            self.assertEqual(
                [e.party.name for e in seller.employee.get_manager_chain()],
                ["赵敏", "李强"])
            self.assertEqual(seller.employee.supervisor.party.name, "赵敏")
            self.assertEqual(Company(company.id).short_name, "示例装备")

