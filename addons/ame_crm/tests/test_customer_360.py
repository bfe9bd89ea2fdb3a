# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from decimal import Decimal

from trytond.modules.ame_base.tests.tools import AmeTestCase
from trytond.modules.ame_crm.tests.test_customer import SalesTeamMixin
from trytond.modules.ame_crm.tests.tools import (
    create_contact, create_customer)
from trytond.modules.ame_permission.tests.tools import (
    as_user, create_sale, create_user)
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction


class Customer360TestCase(SalesTeamMixin, AmeTestCase):
    "客户综合信息: the customer's pages and figures"

    @with_transaction()
    def test_figures_follow_the_scope(self):
        "The figures sum what the user may read of the customer"
        pool = Pool()
        Party = pool.get('party.party')
        Opportunity = pool.get('sale.opportunity')
        Sale = pool.get('sale.sale')
        with self.sales_team() as company:
            customer = create_customer("苏州精密机械有限公司", self.chen)
            address = customer.addresses[0]
            for employee, amount, state in [
                    (self.chen, 100_000, 'opportunity'),
                    (self.wang, 50_000, 'lead'),
                    (self.chen, 300_000, 'lost')]:
                opportunity, = Opportunity.create([{
                            'party': customer.id, 'company': company.id,
                            'employee': employee.id,
                            'amount': Decimal(amount)}])
                Opportunity.write([opportunity], {'state': state})
            for employee, confirm in [
                    (self.chen, True), (self.wang, True),
                    (self.chen, False)]:
                sale = create_sale(company, employee, party=customer.id,
                    invoice_address=address.id)
                Sale.quote([sale])
                if confirm:
                    Sale.confirm([sale])
            names = ['open_opportunities', 'pipeline_amount',
                'sales_amount_year']

            def figures():
                party, = Party.read([customer.id], names)
                return [party[n] for n in names]

            # 陈静 sees his own documents of his customer
            with as_user(self.chen_user):
                self.assertEqual(figures(),
                    [1, Decimal(100_000), Decimal(690_000)])
            # 李强, the manager of both reps, sees theirs
            with as_user(self.li_user):
                self.assertEqual(figures(),
                    [2, Decimal(150_000), Decimal(1_380_000)])
            # A warehouse keeper, who may read neither opportunities nor
            # sales, reads the customer without their figures
            _, keeper = create_user(
                company, 'zhao', roles=['role_warehouse_keeper'])
            with as_user(keeper):
                self.assertEqual(figures(), [0, Decimal(0), None])

    @with_transaction()
    def test_pages(self):
        "The 360 opens from a customer with its pages"
        pool = Pool()
        Party = pool.get('party.party')
        ModelData = pool.get('ir.model.data')
        Action = pool.get('ir.action.act_window')
        with self.sales_team():
            customer = create_customer("苏州精密机械有限公司", self.chen)
            create_contact(customer, "张伟", mobile="13912345678")
            view_id = ModelData.get_id('ame_crm', 'customer_360_view_form')
            relate = Action(ModelData.get_id(
                    'ame_crm', 'act_customer_360_relate'))
            with as_user(self.chen_user):
                view = Party.fields_view_get(view_id=view_id)
                for name in ['contacts', 'contact_records', 'opportunities',
                        'sales', 'last_contact', 'pipeline_amount']:
                    self.assertIn(f'name="{name}"', view['arch'])
                # The relate action of a customer opens it alone
                self.assertEqual(
                    relate.act_window_views[0].view.id, view_id)
                party, = Party.read([customer.id], ['contacts.name'])
                self.assertEqual(
                    [c['name'] for c in party['contacts.']], ["张伟"])
