# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model.exceptions import AccessError, ValidationError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_crm.tests.test_customer import SalesTeamMixin
from trytond.modules.ame_crm.tests.tools import (
    create_contact, create_contact_record, create_customer)
from trytond.modules.ame_permission.tests.tools import as_user
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.pyson import PYSONDecoder
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction


class ContactTestCase(SalesTeamMixin, AmeTestCase):
    "Contacts (客户联系人) and contact records (客户联系记录)"

    @with_transaction()
    def test_contact_mechanisms(self):
        "A contact's numbers are contact mechanisms of his customer"
        pool = Pool()
        Contact = pool.get('ame.customer.contact')
        Party = pool.get('party.party')
        company = create_company()
        with set_company(company):
            customer = create_customer("苏州精密机械有限公司")
            contact = create_contact(customer, "张伟", title="采购经理",
                role='purchasing', mobile="139 1234 5678",
                wechat="zhangwei_sz", email="zhangwei@example.com")

            self.assertEqual(contact.rec_name,
                f"张伟 (采购经理, {customer.rec_name})")
            self.assertEqual(
                [(m.type, m.value, m.contact) for m in
                    Party(customer.id).contact_mechanisms],
                [('mobile', "139 1234 5678", contact),
                    ('wechat', "zhangwei_sz", contact),
                    ('email', "zhangwei@example.com", contact)])
            self.assertEqual(
                (contact.mobile, contact.phone, contact.wechat),
                ("139 1234 5678", None, "zhangwei_sz"))

            # Changed and cleared from the contact's form
            Contact.write([contact], {'mobile': "139 1234 0000",
                    'email': None, 'phone': "0512-66668888"})
            contact = Contact(contact.id)
            self.assertEqual((contact.mobile, contact.email, contact.phone),
                ("139 1234 0000", None, "0512-66668888"))
            self.assertEqual(len(Party(customer.id).contact_mechanisms), 3)

            # Found by his name and by his numbers
            self.assertEqual(Contact.search([('mobile', 'like', '%0000')]),
                [contact])
            self.assertEqual(Contact.search(
                    [('rec_name', 'ilike', '%66668888%')]), [contact])
            self.assertEqual(Contact.search([('rec_name', 'ilike', '张%')]),
                [contact])

    @with_transaction()
    def test_contact_duplicate_phone(self):
        "A contact's mobile that another customer has is refused"
        pool = Pool()
        Contact = pool.get('ame.customer.contact')
        with self.sales_team():
            existing = create_customer(
                "苏州精密机械有限公司", self.chen, phone="13800001234")
            customer = create_customer("无锡重型机床厂", self.wang)
            with self.assertRaises(ValidationError) as cm, rolled_back():
                create_contact(customer, "李娜", mobile="+86 138 0000 1234")
            self.assertEqual(cm.exception.message, gettext(
                    'ame_crm.msg_party_duplicate_owner',
                    party=customer.name, code=existing.customer_number,
                    owner=self.chen.rec_name,
                    reason=gettext('ame_crm.msg_party_duplicate_phone')))
            self.assertEqual(Contact.search([]), [])

    @with_transaction()
    def test_contact_scope(self):
        "A rep reads the contacts of his customers, not of his colleague's"
        pool = Pool()
        Contact = pool.get('ame.customer.contact')
        with self.sales_team():
            mine = create_contact(
                create_customer("苏州精密机械有限公司", self.chen), "张伟")
            theirs = create_contact(
                create_customer("广州数控设备厂", self.wang), "李娜")

            with as_user(self.chen_user):
                self.assertEqual(Contact.search([]), [mine])
                with self.assertRaises(AccessError):
                    Contact.read([theirs.id], ['name'])
                with self.assertRaises(AccessError), rolled_back():
                    Contact.write([Contact(theirs.id)], {'name': "王五"})
            with as_user(self.li_user):
                self.assertEqual(
                    sorted(Contact.search([])), sorted([mine, theirs]))
            self.assertEqual(Contact(theirs.id).name, "李娜")

    @with_transaction()
    def test_contact_customer_not_changed(self):
        "A contact stays with his customer"
        pool = Pool()
        Contact = pool.get('ame.customer.contact')
        with self.sales_team():
            customer = create_customer("苏州精密机械有限公司", self.chen)
            other = create_customer("无锡重型机床厂", self.chen)
            contact = create_contact(customer, "张伟")
            with as_user(self.chen_user):
                with self.assertRaises(AccessError), rolled_back():
                    Contact.write([Contact(contact.id)], {'party': other.id})
            self.assertEqual(Contact(contact.id).party, customer)

    @with_transaction()
    def test_last_contact_and_follow_ups(self):
        "Records keep the customer's last contact and their follow-ups"
        pool = Pool()
        Record = pool.get('ame.contact.record')
        Party = pool.get('party.party')
        with self.sales_team():
            customer = create_customer("苏州精密机械有限公司", self.chen)
            self.assertIsNone(customer.last_contact)
            monday = dt.datetime(2026, 11, 30, 9, 30)
            with as_user(self.chen_user):
                first = create_contact_record(customer, self.chen, monday,
                    next_date=dt.date(2026, 12, 3),
                    next_action="发送报价单")
                self.assertEqual(first.follow_up, 'open')
                self.assertEqual(
                    Party(customer.id).last_contact, monday)

                # A later contact with the customer is the follow-up
                thursday = monday + dt.timedelta(days=3)
                second = create_contact_record(
                    customer, self.chen, thursday, type='phone')
                self.assertEqual(Record(first.id).follow_up, 'done')
                self.assertEqual(second.follow_up, 'none')
                self.assertEqual(Party(customer.id).last_contact, thursday)

                # Planned again, then marked done by the author
                Record.write([second], {'next_date': dt.date(2026, 12, 10),
                        'next_action': "技术交流"})
                self.assertEqual(Record(second.id).follow_up, 'open')
                Record.done_follow_up([Record(second.id)])
                self.assertEqual(Record(second.id).follow_up, 'done')

                # The last record deleted: the one before is the last
                Record.delete([Record(second.id)])
                self.assertEqual(Party(customer.id).last_contact, monday)

    @with_transaction()
    def test_my_follow_ups(self):
        "我的跟进 lists the user's open follow-ups due today or overdue"
        pool = Pool()
        Action = pool.get('ir.action.act_window')
        ModelData = pool.get('ir.model.data')
        Record = pool.get('ame.contact.record')
        Date = pool.get('ir.date')
        with self.sales_team():
            customer = create_customer("苏州精密机械有限公司", self.chen)
            other = create_customer("无锡重型机床厂", self.chen)
            today = Date.today()
            now = dt.datetime.combine(today, dt.time(8))
            overdue = create_contact_record(customer, self.chen,
                now - dt.timedelta(days=10),
                next_date=today - dt.timedelta(days=3), next_action="回访")
            due = create_contact_record(other, self.chen,
                now - dt.timedelta(days=2), next_date=today,
                next_action="确认技术方案")
            create_contact_record(other, self.chen,
                now - dt.timedelta(days=5),
                next_date=today + dt.timedelta(days=7),
                next_action="邀请参观工厂")
            create_contact_record(customer, self.wang,
                now - dt.timedelta(days=20), next_date=today,
                next_action="送样")

            action = Action(ModelData.get_id('ame_crm', 'act_my_follow_up'))
            due_tab, = [d for d in action.act_window_domains
                if d.sequence == 10]
            with as_user(self.chen_user):
                domain = [eval_domain(action.pyson_domain),
                    eval_domain(due_tab.domain)]
                self.assertEqual(Record.search(domain,
                        order=[('next_date', 'ASC')]), [overdue, due])
                self.assertEqual([r.overdue for r in [overdue, due]],
                    [True, False])

    @with_transaction()
    def test_contact_record_author(self):
        "A record is changed by its author and his manager, not by others"
        pool = Pool()
        Record = pool.get('ame.contact.record')
        with self.sales_team():
            # A customer of the public pool: both reps read it
            customer = create_customer("苏州精密机械有限公司")
            date = dt.datetime(2026, 12, 1, 10)
            record = create_contact_record(customer, self.chen, date,
                next_date=dt.date(2026, 12, 8), next_action="报价")
            with as_user(self.wang_user):
                record_ = Record(record.id)
                self.assertEqual(record_.content, "介绍新款数控机床")
                with self.assertRaises(AccessError), rolled_back():
                    Record.write([record_], {'content': "改写"})
                with self.assertRaises(AccessError), rolled_back():
                    Record.delete([record_])
                with self.assertRaises(AccessError), rolled_back():
                    Record.done_follow_up([record_])
                # Nor does he record in his colleague's name
                with self.assertRaises(UserError) as cm, rolled_back():
                    create_contact_record(customer, self.chen, date)
                self.assertEqual(cm.exception.message, gettext(
                        'ame_crm.msg_contact_record_employee',
                        employee=self.chen.rec_name))
                # The server keeps the follow-up's state
                with self.assertRaises(AccessError), rolled_back():
                    Record.write([record_], {'follow_up': 'done'})
            with as_user(self.chen_user):
                with self.assertRaises(AccessError), rolled_back():
                    Record.write([Record(record.id)], {'follow_up': 'done'})
                with self.assertRaises(AccessError), rolled_back():
                    Record.write([Record(record.id)],
                        {'employee': self.wang.id})
            with as_user(self.li_user):
                Record.write([Record(record.id)], {'outcome': "客户有意向"})
            record = Record(record.id)
            self.assertEqual((record.content, record.follow_up,
                    record.employee, record.outcome),
                ("介绍新款数控机床", 'open', self.chen, "客户有意向"))
            self.assertEqual(Record.search([], count=True), 1)

    @with_transaction()
    def test_contact_record_scope(self):
        "The records of a customer outside the scope stay unseen"
        pool = Pool()
        Record = pool.get('ame.contact.record')
        with self.sales_team():
            date = dt.datetime(2026, 12, 1, 10)
            mine = create_contact_record(create_customer(
                    "苏州精密机械有限公司", self.chen), self.chen, date)
            theirs = create_contact_record(create_customer(
                    "广州数控设备厂", self.wang), self.wang, date)
            with as_user(self.chen_user):
                self.assertEqual(Record.search([]), [mine])
                with self.assertRaises(AccessError):
                    Record.read([theirs.id], ['content'])
            with as_user(self.li_user):
                self.assertEqual(len(Record.search([])), 2)


def eval_domain(pyson):
    "The domain of an action's PYSON as the client evaluates it"
    return PYSONDecoder({'context': Transaction().context}).decode(pyson)
