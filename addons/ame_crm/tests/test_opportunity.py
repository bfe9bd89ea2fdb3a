# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal

from lxml import etree

from trytond.i18n import gettext
from trytond.exceptions import UserError
from trytond.modules.ame_base.tests.tools import AmeTestCase
from trytond.modules.ame_crm.tests.test_customer import SalesTeamMixin
from trytond.modules.ame_crm.tests.tools import (
    create_customer, create_opportunity, dictionary_value, stage)
from trytond.modules.ame_permission.tests.tools import as_user
from trytond.pool import Pool
from trytond.pyson import PYSONDecoder
from trytond.tests.test_tryton import with_transaction


class OpportunityTestCase(SalesTeamMixin, AmeTestCase):
    "销售线索 and 销售机会: conversion, stages, reasons and reports"

    @with_transaction()
    def test_stage_sets_probability(self):
        "The stage gives its probability; the weighted amount follows"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        with self.sales_team() as company:
            customer = create_customer("苏州精密机械有限公司", self.chen)
            opportunity = create_opportunity(
                company, self.chen, Decimal(120_000), 'proposal',
                party=customer.id)
            self.assertEqual(opportunity.conversion_probability, 0.5)
            self.assertEqual(opportunity.weighted_amount, Decimal(60_000))

            Opportunity.write([opportunity], {
                    'stage': stage('negotiation').id})
            self.assertEqual(opportunity.conversion_probability, 0.75)
            self.assertEqual(opportunity.weighted_amount, Decimal(90_000))

            # A new opportunity starts at the first stage, 10 %
            self.assertEqual(Opportunity.default_stage(),
                stage('contact').id)
            self.assertEqual(Opportunity.default_conversion_probability(),
                0.1)

    @with_transaction()
    def test_lead_columns_in_the_leads_list(self):
        "The prospect's company, contact and phone: in 销售线索's list only"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        ModelData = pool.get('ir.model.data')
        Action = pool.get('ir.action.act_window')
        view = Opportunity.fields_view_get(view_type='tree')
        arch = etree.fromstring(view['arch'])
        leads = Action(ModelData.get_id('ame_base', 'act_lead_form'))
        context = PYSONDecoder().decode(leads.pyson_context)
        for name in ['lead_company', 'lead_contact', 'lead_phone']:
            invisible, = arch.xpath(
                f'//field[@name="{name}"]/@tree_invisible')
            self.assertFalse(PYSONDecoder(context).decode(invisible))
            self.assertTrue(PYSONDecoder({}).decode(invisible))

    @with_transaction()
    def test_convert_lead_creates_customer(self):
        "A lead of a new company makes the customer, its contact and the "
        "opportunity of the converter"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        with self.sales_team() as company:
            lead = create_opportunity(company, self.chen, Decimal(80_000),
                state='lead', lead_company="常州恒通汽车零部件有限公司",
                lead_contact="周建华", lead_phone="139 1234 5678")
            with as_user(self.chen_user):
                Opportunity.convert_lead([lead])

            lead = Opportunity(lead.id)
            self.assertEqual(lead.state, 'opportunity')
            self.assertEqual(lead.employee, self.chen)
            self.assertEqual(lead.department, self.chen.department)
            customer = lead.party
            self.assertTrue(customer.is_customer)
            self.assertEqual(customer.name, "常州恒通汽车零部件有限公司")
            self.assertEqual(customer.owner, self.chen)
            self.assertTrue(customer.customer_number)
            self.assertEqual(
                [(m.type, m.value) for m in customer.contact_mechanisms],
                [('mobile', "139 1234 5678")])
            contact, = customer.contacts
            self.assertEqual(contact.name, "周建华")

    @with_transaction()
    def test_convert_lead_links_customer(self):
        "A lead of a customer the rep may see is linked, nothing created"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        Party = pool.get('party.party')
        with self.sales_team() as company:
            # A pool customer: everybody sees it
            customer = create_customer("苏州精密机械有限公司")
            lead = create_opportunity(company, self.chen, Decimal(50_000),
                state='lead', lead_company="苏州精密机械有限责任公司",
                lead_contact="王芳")
            count = Party.search([], count=True)
            with as_user(self.chen_user):
                Opportunity.convert_lead([lead])

            lead = Opportunity(lead.id)
            self.assertEqual(lead.party, customer)
            self.assertEqual(lead.state, 'opportunity')
            self.assertEqual(Party.search([], count=True), count)
            self.assertEqual([c.name for c in customer.contacts], ["王芳"])

    @with_transaction()
    def test_convert_lead_refuses_other_scope(self):
        "A lead of another department's customer is refused, naming its "
        "code and owner, and nothing changes"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        Party = pool.get('party.party')
        with self.sales_team() as company:
            customer = create_customer(
                "东莞联创模具有限公司", self.wang, phone="13800138000")
            lead = create_opportunity(company, self.chen, Decimal(50_000),
                state='lead', lead_company="联创模具", lead_contact="刘洋",
                lead_phone="+86 138-0013-8000")
            count = Party.search([], count=True)
            with as_user(self.chen_user), \
                    self.assertRaises(UserError) as cm:
                Opportunity.convert_lead([lead])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_crm.msg_party_duplicate_owner',
                    party="联创模具", code=customer.customer_number,
                    owner=self.wang.rec_name,
                    reason=gettext('ame_crm.msg_party_duplicate_phone')))

            self.assertEqual(Opportunity(lead.id).state, 'lead')
            self.assertEqual(Party.search([], count=True), count)

    @with_transaction()
    def test_reasons_required(self):
        "Lost and won need their reason"
        pool = Pool()
        Opportunity = pool.get('sale.opportunity')
        with self.sales_team() as company:
            customer = create_customer("苏州精密机械有限公司", self.chen)
            lost = create_opportunity(
                company, self.chen, Decimal(10_000), 'needs',
                party=customer.id)
            won = create_opportunity(
                company, self.chen, Decimal(20_000), 'contract',
                state='converted', party=customer.id)
            with as_user(self.chen_user):
                with self.assertRaises(UserError) as cm:
                    Opportunity.lost([lost])
                self.assertEqual(cm.exception.message, gettext(
                        'ame_crm.msg_opportunity_loss_reason_required',
                        opportunity=lost.rec_name))
                with self.assertRaises(UserError) as cm:
                    Opportunity.win([won])
                self.assertEqual(cm.exception.message, gettext(
                        'ame_crm.msg_opportunity_won_reason_required',
                        opportunity=won.rec_name))

                Opportunity.write([lost], {'loss_reason': dictionary_value(
                            'lost_reason', 'price').id})
                Opportunity.lost([lost])
                Opportunity.write([won], {'won_reason': dictionary_value(
                            'opportunity_won_reason', 'technology').id})
                Opportunity.win([won])
            self.assertEqual(Opportunity(lost.id).state, 'lost')
            self.assertEqual(Opportunity(won.id).state, 'won')

    @with_transaction()
    def test_reports_follow_scope(self):
        "The pipeline, the forecast and the departments count what the "
        "user may read"
        pool = Pool()
        Pipeline = pool.get('sale.opportunity.reporting.pipeline')
        Forecast = pool.get('sale.opportunity.reporting.forecast')
        Department = pool.get(
            'sale.opportunity.reporting.conversion.department')
        Employee = pool.get('sale.opportunity.reporting.conversion.employee')
        with self.sales_team() as company:
            month = dt.date(2027, 3, 10)
            chens = create_customer("苏州精密机械有限公司", self.chen).id
            wangs = create_customer("东莞联创模具有限公司", self.wang).id
            create_opportunity(company, self.chen, Decimal(100_000),
                'proposal', end_date=month, party=chens)
            create_opportunity(company, self.chen, Decimal(40_000),
                'proposal', end_date=month + dt.timedelta(days=5),
                party=chens)
            create_opportunity(company, self.wang, Decimal(200_000),
                'negotiation', end_date=month, party=wangs)
            # Not in the pipeline: a lost one
            create_opportunity(company, self.wang, Decimal(900_000),
                'negotiation', state='lost', end_date=month, party=wangs)

            def pipeline():
                return {r.stage.id: (r.number, r.amount, r.weighted_amount)
                    for r in Pipeline.search([])}

            def forecast():
                return [(r.date, r.weighted_amount)
                    for r in Forecast.search([])]

            def departments():
                return {r.department.id: r.weighted_amount
                    for r in Department.search([])}

            proposal, negotiation = stage('proposal'), stage('negotiation')
            context = {'from_date': None, 'to_date': None}
            with as_user(self.chen_user, **context):
                self.assertEqual(pipeline(), {
                        proposal.id: (2, Decimal(140_000), Decimal(70_000))})
                self.assertEqual(forecast(),
                    [(dt.date(2027, 3, 1), Decimal(70_000))])
                self.assertEqual(departments(), {
                        self.chen.department.id: Decimal(70_000)})
                self.assertEqual(
                    [r.employee for r in Employee.search([])], [self.chen])
            with as_user(self.wang_user, **context):
                self.assertEqual(pipeline(), {
                        negotiation.id: (
                            1, Decimal(200_000), Decimal(150_000))})
            # 李强 manages both departments
            with as_user(self.li_user, **context):
                self.assertEqual(pipeline(), {
                        proposal.id: (2, Decimal(140_000), Decimal(70_000)),
                        negotiation.id: (
                            1, Decimal(200_000), Decimal(150_000))})
                self.assertEqual(forecast(),
                    [(dt.date(2027, 3, 1), Decimal(220_000))])
                rows = {r.department.id: (r.number, r.lost)
                    for r in Department.search([])}
                self.assertEqual(rows[self.wang.department.id], (2, 1))
