# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
import io

import openpyxl

from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model.exceptions import AccessError
from trytond.modules.ame_base.tests.tools import AmeTestCase
from trytond.modules.ame_crm.customer_import import MAX_ROWS, Importer
from trytond.modules.ame_crm.tests.test_customer import SalesTeamMixin
from trytond.modules.ame_crm.tests.tools import (
    create_contact, create_customer, create_subdivisions, credit_code,
    xlsx_workbook)
from trytond.modules.ame_permission.tests.tools import as_user, create_user
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.pyson import PYSONDecoder
from trytond.tests.test_tryton import with_transaction

CUSTOMER_HEADER = [
    "Name", "Unified Social Credit Code", "Industry", "Customer Grade",
    "Customer Source", "Enterprise Nature", "Enterprise Size", "Owner",
    "Province", "City", "Street", "Phone", "Mobile", "Email"]
CONTACT_HEADER = [
    "Customer", "Name", "Position", "Department", "Role in Purchases",
    "Main Contact", "Birthday", "Phone", "Mobile", "WeChat", "E-Mail",
    "Comment"]


class CustomerImportTestCase(SalesTeamMixin, AmeTestCase):
    "导入客户资料: customers and contacts from XLSX, all or nothing"

    def setup_import(self):
        "陈静 and 王磊 with their codes, and China's places"
        pool = Pool()
        Employee = pool.get('company.employee')
        Employee.write([self.chen], {'code': 'S001'})
        Employee.write([self.wang], {'code': 'S002'})
        self.places = create_subdivisions()

    def run_import(self, kind, rows, user=None):
        """Import the rows (the header first) as user, as the wizard does
        (without the access checks of a call, which it makes itself)"""
        data = xlsx_workbook(rows)
        with as_user(user or self.chen_user, check_access=False):
            return Importer(kind).run(data)

    def counts(self):
        pool = Pool()
        Party = pool.get('party.party')
        Contact = pool.get('ame.customer.contact')
        Mechanism = pool.get('party.contact_mechanism')
        Address = pool.get('party.address')
        return [Model.search([], count=True)
            for Model in [Party, Contact, Mechanism, Address]]

    @with_transaction()
    def test_import_customers(self):
        "A good file imports customers with numbers, classes and address"
        pool = Pool()
        Party = pool.get('party.party')
        with self.sales_team():
            self.setup_import()
            records, errors = self.run_import('customer', [
                    CUSTOMER_HEADER,
                    ["苏州精密机械有限公司", credit_code().lower(),
                        "汽车及零部件", "A", "展会", "民营企业",
                        "中型（300–1000人）", "S001", "江苏省", "苏州",
                        "工业园区星湖街 328 号", "0512-66668888",
                        13800001234, "info@szjm.example.com"],
                    ["杭州重型机床厂", None, "energy", None, None, None,
                        None, "陈静", "浙江", "杭州市"],
                    [],
                    ["北京精工仪器有限公司", None, None, None, None, None,
                        None, None, "北京市", "北京"],
                    ])
            self.assertEqual(errors, [])
            self.assertEqual(len(records), 3)
            suzhou, hangzhou, beijing = (Party(r.id) for r in records)

            self.assertRegex(suzhou.customer_number, r'^KH-\d{6}$')
            self.assertEqual(
                [p.customer_number for p in [suzhou, hangzhou, beijing]],
                sorted(p.customer_number
                    for p in [suzhou, hangzhou, beijing]))
            self.assertTrue(all(p.is_customer for p in records))
            self.assertEqual(suzhou.credit_code, credit_code())
            self.assertEqual(
                [getattr(suzhou, n).code for n in ['industry',
                        'customer_grade', 'customer_source',
                        'enterprise_nature', 'enterprise_size']],
                ['automotive', 'A', 'exhibition', 'private', 'medium'])
            self.assertEqual(hangzhou.industry.code, 'energy')
            self.assertIsNone(hangzhou.customer_grade)
            # The address in the city, the province and city derived
            address, = suzhou.addresses
            self.assertEqual(address.subdivision, self.places["苏州市"])
            self.assertEqual(address.street, "工业园区星湖街 328 号")
            self.assertEqual((suzhou.province, suzhou.city),
                (self.places["江苏省"], self.places["苏州市"]))
            self.assertEqual(hangzhou.city, self.places["杭州市"])
            self.assertEqual(
                (beijing.province, beijing.city),
                (self.places["北京市"], None))
            # The numbers as contact mechanisms (a number cell as typed)
            self.assertEqual(
                sorted((m.type, m.value) for m in suzhou.contact_mechanisms),
                [('email', "info@szjm.example.com"),
                    ('mobile', "13800001234"), ('phone', "0512-66668888")])
            # The owner by code, by name or the importer, and his
            # department
            self.assertEqual([p.owner for p in [suzhou, hangzhou, beijing]],
                [self.chen] * 3)
            self.assertEqual(suzhou.owner_department, self.chen.department)

    @with_transaction()
    def test_import_contacts(self):
        "Contacts are attached to customers by number or by name"
        pool = Pool()
        Contact = pool.get('ame.customer.contact')
        with self.sales_team():
            self.setup_import()
            suzhou = create_customer("苏州精密机械有限公司", self.chen)
            wuxi = create_customer("无锡重型机床厂", self.chen)
            create_contact(wuxi, "赵敏")
            records, errors = self.run_import('contact', [
                    CONTACT_HEADER,
                    [suzhou.customer_number, "张伟", "采购经理", "采购部",
                        "Purchasing", "Yes", dt.datetime(1980, 5, 1),
                        "0512-66668888", "13912345678", "zhangwei_sz",
                        "zhangwei@example.com", "每月初下单"],
                    ["无锡重型机床厂", "李娜", "总工程师", None,
                        "technical", "否", "1985/10/2"],
                    [f"[{suzhou.customer_number}] 苏州精密机械有限公司",
                        "王芳", None, None, None, None, None, None,
                        "13912340000"],
                    ])
            self.assertEqual(errors, [])
            zhang, li, wang = (Contact(r.id) for r in records)
            self.assertEqual(
                [(c.party, c.name) for c in [zhang, li, wang]],
                [(suzhou, "张伟"), (wuxi, "李娜"), (suzhou, "王芳")])
            self.assertEqual(
                (zhang.title, zhang.department_name, zhang.role,
                    zhang.is_main, zhang.birthday, zhang.comment),
                ("采购经理", "采购部", 'purchasing', True,
                    dt.date(1980, 5, 1), "每月初下单"))
            self.assertEqual(
                (zhang.phone, zhang.mobile, zhang.wechat, zhang.email),
                ("0512-66668888", "13912345678", "zhangwei_sz",
                    "zhangwei@example.com"))
            self.assertEqual((li.role, li.is_main, li.birthday),
                ('technical', False, dt.date(1985, 10, 2)))
            self.assertEqual(wang.mobile, "13912340000")
            # The numbers are the customer's contact mechanisms
            self.assertIn("13912345678",
                [m.value for m in suzhou.contact_mechanisms])

    @with_transaction()
    def test_bad_rows(self):
        "Every bad row is reported with its column, and nothing is written"
        with self.sales_team():
            self.setup_import()
            existing = create_customer(
                "苏州精密机械有限公司", self.chen, phone="13800001234")
            wrong_code = credit_code()[:17] + (
                '0' if credit_code()[17] != '0' else '1')
            before = self.counts()
            records, errors = self.run_import('customer', [
                    CUSTOMER_HEADER,
                    ["常州数控机床有限公司", None, "纺织"],          # 2
                    [None, None, "汽车及零部件"],                   # 3
                    ["无锡精工有限公司", wrong_code],               # 4
                    ["苏州精密机械有限责任公司"],                    # 5
                    ["南京机床厂", None, None, None, None, None,    # 6
                        None, None, None, None, None, None,
                        "+86 138 0000 1234"],
                    ["杭州机电设备有限公司", credit_code('MA2NXXXX0')],
                    ["杭州机电设备有限责任公司"],                    # 8
                    ["嘉兴机械厂", None, None, None, None, None,    # 9
                        None, "S002"],
                    ["扬州电机厂", None, None, None, None, None,    # 10
                        None, None, "浙江省", "苏州市"],
                    ["泰州仪表厂", None, None, None, None, None,    # 11
                        None, "S999"],
                    ["镇江精密铸造厂"],                             # 12
                    ])
            self.assertEqual(records, [])
            industries = "、".join(v.name for v in Pool().get(
                    'ame.dictionary.value').search([
                        ('category.code', '=', 'industry')]))
            duplicate = {
                reason: gettext('ame_crm.msg_party_duplicate_owner',
                    party=name, code=existing.customer_number,
                    owner=self.chen.rec_name,
                    reason=gettext(f'ame_crm.msg_party_duplicate_{reason}'))
                for reason, name in [
                    ('name', "苏州精密机械有限责任公司"),
                    ('phone', "南京机床厂")]}
            self.assertEqual(errors, [
                    (2, "Industry", gettext(
                            'ame_crm.msg_import_value_unknown', value="纺织",
                            column="Industry", values=industries)),
                    (3, "Name", gettext('ame_crm.msg_import_required',
                            column="Name")),
                    (4, "Unified Social Credit Code", gettext(
                            'ame_crm.msg_party_credit_code_invalid',
                            code=wrong_code, party="无锡精工有限公司")),
                    (5, "Name", duplicate['name']),
                    (6, "Mobile", duplicate['phone']),
                    (8, "Name", gettext('ame_crm.msg_import_duplicate_row',
                            row=7, reason=gettext(
                                'ame_crm.msg_party_duplicate_name'))),
                    (9, "Owner", gettext('ame_permission.msg_data_scope_owner',
                            employee=self.wang.rec_name)),
                    (10, "City", gettext('ame_crm.msg_import_city_province',
                            city="苏州市", province="浙江省")),
                    (11, "Owner", gettext(
                            'ame_crm.msg_import_employee_unknown',
                            value="S999")),
                    ])
            # Nothing written: neither the good rows nor their addresses,
            # numbers or codes
            self.assertEqual(self.counts(), before)
            # and the customer numbers go on from the existing one (SQLite
            # gives the rolled-back numbers again; PostgreSQL's sequence
            # leaves gaps)
            number = int(existing.customer_number.removeprefix('KH-'))
            again = create_customer("镇江精密铸造厂", self.chen)
            self.assertGreater(
                int(again.customer_number.removeprefix('KH-')), number)

    @with_transaction()
    def test_bad_contact_rows(self):
        "A contact of an unknown or unseen customer, a duplicate person"
        with self.sales_team():
            self.setup_import()
            mine = create_customer("苏州精密机械有限公司", self.chen)
            create_contact(mine, "张伟")
            theirs = create_customer("广州机床厂", self.wang)
            before = self.counts()
            records, errors = self.run_import('contact', [
                    CONTACT_HEADER,
                    ["广州机床厂", "陈刚"],
                    [theirs.customer_number, "陈刚"],
                    ["苏州精密机械有限公司", "张 伟"],
                    ["苏州精密机械有限公司", "李娜", None, None, "Boss"],
                    ["苏州精密机械有限公司", "王芳", None, None, None,
                        "maybe", "next week"],
                    ["苏州精密机械有限公司", "刘洋"],
                    ["苏州精密机械有限公司", "刘洋"],
                    ["苏州精密机械有限公司", "周杰", "经理" * 200],
                    ])
            self.assertEqual(records, [])
            self.assertEqual([(n, c) for n, c, _ in errors], [
                    (2, "Customer"), (3, "Customer"), (4, "Name"),
                    (5, "Role in Purchases"), (6, "Main Contact"),
                    (8, "Name"), (9, "Position")])
            self.assertEqual(errors[0][2], gettext(
                    'ame_crm.msg_import_customer_unknown', value="广州机床厂"))
            self.assertEqual(errors[2][2], gettext(
                    'ame_crm.msg_import_contact_exists',
                    customer=mine.rec_name, name="张 伟"))
            self.assertEqual(errors[5][2], gettext(
                    'ame_crm.msg_import_contact_duplicate_row', row=7,
                    customer=mine.rec_name, name="刘洋"))
            self.assertEqual(errors[6][2], gettext(
                    'ame_crm.msg_import_too_long', column="Position",
                    size=400, max=256))
            self.assertEqual(self.counts(), before)

            # Their manager imports the contact of 王磊's customer
            records, errors = self.run_import('contact', [
                    CONTACT_HEADER, [theirs.customer_number, "陈刚"]],
                user=self.li_user)
            self.assertEqual((len(records), errors), (1, []))

    @with_transaction()
    def test_file_errors(self):
        "A file that is no import of the kind is refused, translated"
        with self.sales_team():
            self.setup_import()
            for data, message in [
                    (b"Name,Owner\n", 'ame_crm.msg_import_not_xlsx'),
                    (xlsx_workbook([CUSTOMER_HEADER]),
                        'ame_crm.msg_import_empty'),
                    (xlsx_workbook([["Name"]] + [["苏州精机"]] * 3
                            + [["Name"]] * (MAX_ROWS - 2)),
                        'ame_crm.msg_import_too_many_rows'),
                    (b'PK' + b'\0' * 100, 'ame_crm.msg_import_not_xlsx'),
                    ]:
                with self.subTest(message=message):
                    with self.assertRaises(UserError) as cm, \
                            as_user(self.chen_user, check_access=False):
                        Importer('customer').run(data)
                    self.assertEqual(cm.exception.message, gettext(
                            message, max=MAX_ROWS))
            with self.assertRaises(UserError) as cm, \
                    as_user(self.chen_user, check_access=False):
                Importer('customer').run(xlsx_workbook([
                            ["Name", "Fax", "Colour"], ["苏州精机"]]))
            self.assertIn('“Fax”、“Colour”', cm.exception.message)
            with self.assertRaises(UserError) as cm, \
                    as_user(self.chen_user, check_access=False):
                Importer('contact').run(xlsx_workbook([
                            ["Name", "Mobile"], ["张伟"]]))
            self.assertEqual(cm.exception.message, gettext(
                    'ame_crm.msg_import_missing_columns',
                    columns='“Customer”'))

    @with_transaction()
    def test_template(self):
        "The template has the labels, notes and lists, and imports back"
        pool = Pool()
        Party = pool.get('party.party')
        with self.sales_team():
            self.setup_import()
            with as_user(self.chen_user, check_access=False):
                importer = Importer('customer')
                data = importer.template()
                labels = [Party.fields_get([c.field])[c.field]['string']
                    if c.model == 'party.party' else "Street"
                    for c in importer.columns]
            workbook = openpyxl.load_workbook(io.BytesIO(data))
            sheet = workbook.worksheets[0]
            header = [c.value for c in sheet[1]]
            self.assertEqual(header, ["Name*"] + labels[1:])
            self.assertEqual(labels, CUSTOMER_HEADER)
            # The note row, skipped at import, says what to write
            self.assertEqual(sheet['A2'].value, "Note: Required. "
                + gettext('ame_crm.msg_import_note_customer_name'))
            self.assertEqual(sheet['H2'].value,
                gettext('ame_crm.msg_import_note_owner'))
            # The lists of the dictionaries, of the employees in the
            # user's scope, of the provinces
            lists = workbook['lists']
            self.assertEqual(lists.sheet_state, 'hidden')
            validations = {
                str(v.sqref).split(':')[0]: v
                for v in sheet.data_validations.dataValidation
                if v.type == 'list'}

            def cells(validation):
                "The values of the list of the validation"
                _, cells = validation.formula1.split('!')
                return [c.value for c, in lists[cells.replace('$', '')]]
            self.assertEqual(cells(validations['D3']),
                ["A 类（重点客户）", "B 类（一般客户）", "C 类（潜在客户）"])
            self.assertEqual(cells(validations['H3']), ["陈静"])
            self.assertEqual(cells(validations['I3']),
                ["北京市", "江苏省", "浙江省"])

            # Filled below its notes, it imports
            sheet.append(["无锡精工有限公司", None, "汽车及零部件",
                    "B 类（一般客户）", None, None, None, "陈静", "江苏省",
                    "无锡市", None, None, "13700001111"])
            output = io.BytesIO()
            workbook.save(output)
            with as_user(self.chen_user, check_access=False):
                records, errors = Importer('customer').run(
                    output.getvalue())
            self.assertEqual(errors, [])
            customer, = records
            self.assertEqual((customer.name, customer.customer_grade.code,
                    customer.city), ("无锡精工有限公司", 'B',
                    self.places["无锡市"]))

    @with_transaction()
    def test_wizard(self):
        "The wizard imports, shows the result and opens the records"
        pool = Pool()
        Party = pool.get('party.party')
        Wizard = pool.get('ame.customer.import', type='wizard')
        with self.sales_team():
            self.setup_import()
            with as_user(self.chen_user, check_access=False):
                session, _, _ = Wizard.create()
                start = Wizard.execute(session, {}, 'start')['view']
                self.assertEqual(start['defaults']['kind'], 'customer')
                self.assertEqual(start['defaults']['template_name'],
                    gettext('ame_crm.msg_import_template_name',
                        kind="Customers") + '.xlsx')
                self.assertTrue(
                    start['defaults']['template'].startswith(b'PK'))

                # A bad file: the errors, their report, nothing written
                count = Party.search([], count=True)
                result = Wizard.execute(session, {'start': {
                            'kind': 'customer', 'file': xlsx_workbook([
                                    ["Name", "Owner"],
                                    ["苏州精机", "S002"],
                                    ["无锡精工"]])}},
                    'import_')['view']['defaults']
                self.assertFalse(result['success'])
                self.assertEqual(result['message'], gettext(
                        'ame_crm.msg_import_failed', count=1))
                self.assertEqual(
                    [(e['row'], e['column']) for e in result['errors']],
                    [(2, "Owner")])
                report = openpyxl.load_workbook(io.BytesIO(result['report']))
                self.assertEqual(
                    [[c.value for c in r] for r in report.active.rows],
                    [["Row", "Column", "Reason"],
                        [2, "Owner", result['errors'][0]['reason']]])
                self.assertEqual(Party.search([], count=True), count)

                # Back, corrected: imported, and opened
                Wizard.execute(session, {}, 'start')
                result = Wizard.execute(session, {'start': {
                            'kind': 'customer', 'file': xlsx_workbook([
                                    ["Name", "Owner"],
                                    ["苏州精机", "S001"],
                                    ["无锡精工"]])}},
                    'import_')['view']['defaults']
                self.assertTrue(result['success'])
                self.assertEqual(result['message'], gettext(
                        'ame_crm.msg_import_done_customer', count=2))
                (action, _), = Wizard.execute(session, {}, 'open_')['actions']
                ids = PYSONDecoder().decode(action['pyson_domain'])[0][2]
                self.assertEqual(
                    sorted(p.name for p in Party.browse(ids)),
                    ["无锡精工", "苏州精机"])
                self.assertEqual(action['res_model'], 'party.party')
                Wizard.delete(session)

                # Contacts open in their own list
                customer = create_customer("常州机床厂", self.chen)
                session, _, _ = Wizard.create()
                Wizard.execute(session, {'start': {
                            'kind': 'contact', 'file': xlsx_workbook([
                                    ["Customer", "Name"],
                                    [customer.customer_number, "张伟"]])}},
                    'import_')
                (action, _), = Wizard.execute(session, {}, 'open_')['actions']
                self.assertEqual(action['res_model'], 'ame.customer.contact')

    @with_transaction()
    def test_wizard_access(self):
        "Who does not keep customers cannot run the import"
        pool = Pool()
        Wizard = pool.get('ame.customer.import', type='wizard')
        company = create_company()
        with set_company(company):
            _, keeper = create_user(
                company, 'keeper', roles=['role_warehouse_keeper'])
            with as_user(keeper, check_access=False), \
                    self.assertRaises(AccessError):
                Wizard.create()

    @with_transaction()
    def test_import_leads(self):
        "Leads of the importer; customers, open leads and rows of the "
        "same company are bad rows, and nothing is written"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        with self.sales_team():
            self.setup_import()
            header = LEAD_HEADER
            records, errors = self.run_import('lead', [
                    header,
                    ["昆山华恒精密机械有限公司", "周建华", "139 1234 5678",
                        350000, dt.date(2027, 3, 31), "立式加工中心询价",
                        "展会登记"],
                    ["南通中远重工装备有限公司", None, None, "1,200,000",
                        "2027-06-30"],
                    ])
            self.assertEqual(errors, [])
            kunshan, nantong = (Opportunity(r.id) for r in records)
            self.assertEqual(
                [(o.state, o.employee, o.party) for o in records],
                [('lead', self.chen, None)] * 2)
            self.assertEqual(
                (kunshan.lead_company, kunshan.lead_contact,
                    kunshan.lead_phone, kunshan.amount, kunshan.end_date,
                    kunshan.description, kunshan.comment),
                ("昆山华恒精密机械有限公司", "周建华", "139 1234 5678",
                    350000, dt.date(2027, 3, 31), "立式加工中心询价",
                    "展会登记"))
            self.assertEqual(nantong.amount, 1_200_000)

            customer = create_customer(
                "苏州精密机械有限公司", self.wang, phone="13800138000")
            before = Opportunity.search([], count=True)
            _, errors = self.run_import('lead', [
                    header,
                    ["苏州精密机械有限责任公司"],
                    ["无锡重型机床厂", None, "+86 138 0013 8000"],
                    ["昆山华恒精密机械股份有限公司"],
                    ["常州恒通汽车零部件有限公司"],
                    ["常州恒通汽车零部件有限公司"],
                    ["宁波海纳液压件有限公司", None, None, "很多"],
                    ])
            duplicate = {reason: gettext(
                    'ame_crm.msg_party_duplicate_owner',
                    party=name, code=customer.customer_number,
                    owner=self.wang.rec_name,
                    reason=gettext(f'ame_crm.msg_party_duplicate_{reason}'))
                for reason, name in [
                    ('name', "苏州精密机械有限责任公司"),
                    ('phone', "无锡重型机床厂")]}
            self.assertEqual(errors, [
                    (2, "Prospect Company", duplicate['name']),
                    (3, "Prospect Phone", duplicate['phone']),
                    (4, "Prospect Company", gettext(
                            'ame_crm.msg_import_lead_exists',
                            company="昆山华恒精密机械股份有限公司",
                            lead=kunshan.number, owner=self.chen.rec_name)),
                    (6, "Prospect Company", gettext(
                            'ame_crm.msg_import_duplicate_row', row=5,
                            reason=gettext(
                                'ame_crm.msg_party_duplicate_name'))),
                    (7, "Amount", gettext(
                            'ame_crm.msg_import_number_invalid',
                            value="很多", column="Amount")),
                    ])
            self.assertEqual(Opportunity.search([], count=True), before)

    @with_transaction()
    def test_lead_template(self):
        "The template of leads has the lead's columns"
        with self.sales_team():
            self.setup_import()
            with as_user(self.chen_user, check_access=False):
                data = Importer('lead').template()
            sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
            self.assertEqual([c.value for c in sheet[1]],
                ["Prospect Company*"] + LEAD_HEADER[1:])


LEAD_HEADER = [
    "Prospect Company", "Prospect Contact", "Prospect Phone", "Amount",
    "End Date", "Description", "Comment"]
