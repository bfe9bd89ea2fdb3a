# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""What the sales documents tell the marketing: the competitors of an
opportunity (行业公司) and, when lost, to whom; the activity and the event
that brought a lead (Tryton's marketing campaign, 市场活动), and the
activity a contact with a customer was about."""
from trytond.model import Index, ModelSQL, fields
from trytond.pool import PoolMeta
from trytond.pyson import Eval, If


class Opportunity(metaclass=PoolMeta):
    __name__ = 'sale.opportunity'

    # ame_crm's competitors is the rep's free text (their offers, their
    # relations with the customer): the companies are kept beside it
    competitor_companies = fields.Many2Many(
        'sale.opportunity-ame.industry.company', 'opportunity', 'competitor',
        "Competing Companies",
        domain=[('type', 'in', ['competitor', 'peer'])],
        help="The competitors the customer considers.")
    lost_to = fields.Many2One(
        'ame.industry.company', "Lost To", ondelete='RESTRICT',
        domain=[If(Eval('lost_to'),
                ('id', 'in', Eval('competitor_companies', [])), ())],
        states={
            'invisible': ~Eval('state').in_(['lead', 'opportunity', 'lost']),
            },
        help="The competitor who won the deal, among the competing "
        "companies.")
    marketing_event = fields.Many2One(
        'marketing.campaign.event', "Marketing Event", ondelete='SET NULL',
        domain=[('campaign', '=', Eval('marketing_campaign', -1))],
        states={'invisible': ~Eval('marketing_campaign')},
        help="The event of the activity that brought the lead.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.update({
                Index(t, (t.marketing_campaign, Index.Range()),
                    (t.start_date, Index.Range())),
                Index(t, (t.marketing_event, Index.Range())),
                })

    @fields.depends('marketing_campaign', 'marketing_event')
    def on_change_marketing_campaign(self):
        if (self.marketing_event
                and self.marketing_event.campaign != self.marketing_campaign):
            self.marketing_event = None

    @fields.depends('marketing_event', '_parent_marketing_event.campaign')
    def on_change_marketing_event(self):
        if self.marketing_event:
            self.marketing_campaign = self.marketing_event.campaign

    @classmethod
    def copy(cls, opportunities, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('lost_to', None)
        return super().copy(opportunities, default=default)


class OpportunityCompetitor(ModelSQL):
    __name__ = 'sale.opportunity-ame.industry.company'
    __string__ = "Opportunity - Competitor"

    opportunity = fields.Many2One(
        'sale.opportunity', "Opportunity", required=True, ondelete='CASCADE')
    competitor = fields.Many2One(
        'ame.industry.company', "Competitor", required=True,
        ondelete='RESTRICT')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.add(Index(t, (t.competitor, Index.Range())))


class ContactRecord(metaclass=PoolMeta):
    __name__ = 'ame.contact.record'

    marketing_campaign = fields.Many2One(
        'marketing.campaign', "Marketing Activity", ondelete='SET NULL',
        help="The activity the contact was about (an invitation, a visit "
        "at the booth).")
