# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.exceptions import UserError
from trytond.i18n import gettext
from trytond.model.exceptions import AccessError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.ame_crm.pool import mask_phone
from trytond.modules.ame_crm.tests.test_customer import SalesTeamMixin
from trytond.modules.ame_crm.tests.tools import (
    create_contact, create_contact_record, create_customer, create_pool,
    run_pool_wizard, set_claim_limit)
from trytond.modules.ame_permission.tests.tools import as_user
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction


class PoolTestCase(SalesTeamMixin, AmeTestCase):
    "The public pool (公海): claim, limits, release, assign, the cron"

    def setup_pool(self, company, **values):
        "陈静's department's pool, with a rule for every grade"
        values.setdefault('rules', [(None, 30, 180, 7)])
        self.pool = create_pool(
            company, departments=[self.chen.department], **values)
        return self.pool

    def logs(self, customer):
        Log = Pool().get('ame.customer.pool.log')
        return [(g.action, g.from_owner, g.to_owner, g.reason)
            for g in Log.search([('customer', '=', customer.id)],
                order=[('id', 'ASC')])]

    def release(self, user, customers, reason="客户暂无采购计划", pool=None):
        return run_pool_wizard('ame.customer.pool.release', user, customers,
            {'pool': (pool or self.pool).id, 'reason': reason}, 'release')

    @with_transaction()
    def test_mask_phone(self):
        "Numbers show their first three and last four digits"
        self.assertEqual(mask_phone("138 1234 5678"), "138****5678")
        self.assertEqual(mask_phone("0512-66668888"), "051*****8888")
        self.assertEqual(mask_phone("12345"), "*****")
        self.assertIsNone(mask_phone(None))

    @with_transaction()
    def test_claim(self):
        "A member sees the pool's customer, masked, and claims it"
        pool = Pool()
        Party = pool.get('party.party')
        Mechanism = pool.get('party.contact_mechanism')
        Contact = pool.get('ame.customer.contact')
        with self.sales_team() as company:
            customer_pool = self.setup_pool(company)
            customer = create_customer(
                "常州机床厂", phone="13812345678")
            contact = create_contact(customer, "张伟", mobile="13912345678")
            self.assertEqual(customer.pool, customer_pool)

            # 王磊 is no member: he neither sees nor claims it
            with as_user(self.wang_user):
                self.assertEqual(Party.search([
                            ('is_customer', '=', True)]), [])
                with self.assertRaises(UserError), rolled_back():
                    Party.claim([Party(customer.id)])
            with as_user(self.chen_user):
                customer = Party(customer.id)
                self.assertEqual(Party.search([
                            ('is_customer', '=', True)]), [customer])
                self.assertEqual(customer.masked_phone, "138****5678")
                self.assertEqual(Party.read([customer.id], ['mobile'])[0][
                        'mobile'], "138****5678")
                self.assertEqual(Mechanism.search([
                            ('party', '=', customer.id)]), [])
                with self.assertRaises(AccessError):
                    Mechanism.read(
                        [m.id for m in contact.contact_mechanisms],
                        ['value'])
                self.assertEqual(
                    Contact.read([contact.id], ['mobile'])[0]['mobile'],
                    "139****5678")
                # No search tells the numbers
                for domain in [
                        [('contact_mechanisms.value', '=', "13812345678")],
                        [('rec_name', 'ilike', "%5678%")]]:
                    self.assertEqual(Party.search(domain), [])
                for domain in [
                        [('mobile', '=', "13912345678")],
                        [('rec_name', 'ilike', "%5678%")]]:
                    self.assertEqual(Contact.search(domain), [])
                self.assertEqual(
                    Party.search([('rec_name', 'ilike', "%常州%")]),
                    [customer])
                self.assertEqual(Party.export_data([customer],
                        ['contact_mechanisms/value', 'name']),
                    [["138****5678", "常州机床厂"], ["139****5678", ""]])
                self.assertEqual(Contact.export_data([Contact(contact.id)],
                        ['contact_mechanisms/value']), [["139****5678"]])

                Party.claim([customer])
                customer = Party(customer.id)
                self.assertEqual(customer.owner, self.chen)
                self.assertIsNone(customer.pool)
                self.assertEqual(customer.masked_phone, "13812345678")
                self.assertEqual(len(Mechanism.search([
                                ('party', '=', customer.id)])), 2)
            self.assertEqual(self.logs(customer),
                [('claim', None, self.chen, None)])

    @with_transaction()
    def test_owner_write_refused(self):
        "Nobody takes a pool customer (or gives his own) by a write"
        pool = Pool()
        Party = pool.get('party.party')
        with self.sales_team() as company:
            customer_pool = self.setup_pool(company)
            pooled = create_customer("常州机床厂")
            mine = create_customer("苏州精密机械有限公司", self.chen)
            with as_user(self.chen_user):
                for customer, values in [
                        (pooled, {'owner': self.chen.id}),
                        (mine, {'owner': None}),
                        (mine, {'pool': customer_pool.id}),
                        ]:
                    with self.assertRaises(AccessError), rolled_back():
                        Party.write([Party(customer.id)], values)
            self.assertIsNone(Party(pooled.id).owner)
            self.assertEqual(Party(mine.id).owner, self.chen)
            self.assertIsNone(Party(mine.id).pool)

    @with_transaction()
    def test_claim_limit(self):
        "A rep holds at most his role's limit; the won ones may not count"
        pool = Pool()
        Party = pool.get('party.party')
        Configuration = pool.get('ame.configuration')
        Opportunity = pool.get('sale.opportunity')
        with self.sales_team() as company:
            self.setup_pool(company)
            set_claim_limit(company, 'role_sales_rep', 1)
            won = create_customer("苏州精密机械有限公司", self.chen)
            pooled = create_customer("常州机床厂")
            with as_user(self.chen_user):
                with self.assertRaises(UserError) as cm, rolled_back():
                    Party.claim([Party(pooled.id)])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_crm.msg_pool_claim_limit',
                    employee=self.chen.rec_name, limit=1, count=1))
            self.assertIsNone(Party(pooled.id).owner)

            # Won customers do not count once the settings say so
            Opportunity.create([{
                        'party': won.id, 'employee': self.chen.id,
                        'company': company.id, 'description': "数控车床",
                        'state': 'won', 'end_date': dt.date.today()}])
            Configuration.write([Configuration(1)], {'pool_count_won': False})
            with as_user(self.chen_user):
                Party.claim([Party(pooled.id)])
            self.assertEqual(Party(pooled.id).owner, self.chen)

            # The global cap limits every role
            other = create_customer("无锡重型机床厂")
            Configuration.write([Configuration(1)], {'pool_claim_cap': 1})
            with as_user(self.chen_user):
                with self.assertRaises(UserError), rolled_back():
                    Party.claim([Party(other.id)])
            self.assertIsNone(Party(other.id).owner)

    @with_transaction()
    def test_release_and_cooldown(self):
        "The owner releases with a reason and waits to claim it again"
        pool = Pool()
        Party = pool.get('party.party')
        Log = pool.get('ame.customer.pool.log')
        with self.sales_team() as company:
            customer_pool = self.setup_pool(company)
            customer = create_customer("苏州精密机械有限公司", self.chen)

            # 王磊 may not release 陈静's customer, nor without reason
            with self.assertRaises(UserError), rolled_back():
                self.release(self.wang_user, [customer])
            with self.assertRaises(UserError), rolled_back():
                self.release(self.chen_user, [customer], reason=" ")
            self.assertEqual(Party(customer.id).owner, self.chen)

            self.release(self.chen_user, [customer])
            customer = Party(customer.id)
            self.assertIsNone(customer.owner)
            self.assertIsNone(customer.owner_department)
            self.assertEqual(customer.pool, customer_pool)
            self.assertEqual(customer.previous_owner, self.chen)
            self.assertEqual(customer.pool_reason, "客户暂无采购计划")
            self.assertEqual(self.logs(customer), [
                    ('release', self.chen, None, "客户暂无采购计划")])

            # Cool-down: 30 days by default
            with as_user(self.chen_user):
                with self.assertRaises(UserError) as cm, rolled_back():
                    Party.claim([Party(customer.id)])
            self.assertIn("30", cm.exception.message)
            log, = Log.search([('customer', '=', customer.id)])
            Log.write([log], {
                    'date': log.date - dt.timedelta(days=31)})
            with as_user(self.chen_user):
                Party.claim([Party(customer.id)])
            self.assertEqual(Party(customer.id).owner, self.chen)

    @with_transaction()
    def test_assign(self):
        "The manager assigns a pool customer within the rep's limit"
        pool = Pool()
        Party = pool.get('party.party')
        with self.sales_team() as company:
            self.setup_pool(company)
            set_claim_limit(company, 'role_sales_rep', 1)
            first = create_customer("常州机床厂")
            second = create_customer("无锡重型机床厂")
            # A rep administers no pool
            with self.assertRaises(UserError), rolled_back():
                run_pool_wizard('ame.customer.pool.assign', self.chen_user,
                    [first], {'employee': self.chen.id}, 'assign')
            run_pool_wizard('ame.customer.pool.assign', self.li_user,
                [first], {'employee': self.wang.id, 'reason': "华南客户"},
                'assign')
            self.assertEqual(Party(first.id).owner, self.wang)
            self.assertEqual(self.logs(first),
                [('assign', None, self.wang, "华南客户")])
            with self.assertRaises(UserError), rolled_back():
                run_pool_wizard('ame.customer.pool.assign', self.li_user,
                    [second], {'employee': self.wang.id}, 'assign')
            self.assertIsNone(Party(second.id).owner)

    @with_transaction()
    def test_logs_read_only(self):
        "Nobody writes or deletes the pool's history"
        pool = Pool()
        Party = pool.get('party.party')
        Log = pool.get('ame.customer.pool.log')
        with self.sales_team() as company:
            self.setup_pool(company)
            customer = create_customer("常州机床厂")
            with as_user(self.chen_user):
                Party.claim([Party(customer.id)])
                log, = Log.search([])
                for call in [
                        lambda: Log.write([log], {'reason': "伪造"}),
                        lambda: Log.delete([log]),
                        lambda: Log.create([{
                                    'company': company.id,
                                    'customer': customer.id,
                                    'date': dt.datetime.now(),
                                    'action': 'release'}]),
                        ]:
                    with self.assertRaises(AccessError), rolled_back():
                        call()
            self.assertEqual(len(Log.search([])), 1)

    @with_transaction()
    def test_cron(self):
        "The cron warns the owner once, then returns the customer"
        pool = Pool()
        Party = pool.get('party.party')
        CustomerPool = pool.get('ame.customer.pool')
        Notification = pool.get('res.notification')
        with self.sales_team() as company:
            customer_pool = self.setup_pool(company)
            customer = create_customer("苏州精密机械有限公司", self.chen)
            today = dt.date.today()

            CustomerPool.return_overdue(today + dt.timedelta(days=20))
            self.assertEqual(Notification.search([]), [])

            CustomerPool.return_overdue(today + dt.timedelta(days=25))
            notification, = Notification.search([])
            self.assertEqual(notification.user, self.chen_user)
            self.assertEqual(Party(customer.id).pool_warning_date,
                today + dt.timedelta(days=25))
            # Once per period, not every day
            CustomerPool.return_overdue(today + dt.timedelta(days=26))
            self.assertEqual(len(Notification.search([])), 1)

            # A contact record restarts the timer
            create_contact_record(customer, self.chen,
                dt.datetime.now() + dt.timedelta(days=26))
            CustomerPool.return_overdue(today + dt.timedelta(days=31))
            self.assertEqual(Party(customer.id).owner, self.chen)

            self.assertEqual(len(Notification.search([])), 1)
            # A new period: a new warning
            CustomerPool.return_overdue(today + dt.timedelta(days=50))
            self.assertEqual(len(Notification.search([])), 2)
            CustomerPool.return_overdue(today + dt.timedelta(days=57))
            customer = Party(customer.id)
            self.assertIsNone(customer.owner)
            self.assertEqual(customer.pool, customer_pool)
            self.assertEqual(customer.previous_owner, self.chen)
            reason = gettext('ame_crm.msg_pool_reason_no_contact', days=30)
            self.assertEqual(customer.pool_reason, reason)
            self.assertEqual(self.logs(customer),
                [('auto', self.chen, None, reason)])
