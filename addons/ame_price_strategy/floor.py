# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""最低价: the lowest price a role may sell at without approval, as a
percentage of the list price, for all products or for a category or a
series of products.

For one role the most specific floor of a product applies (its series,
then its nearest category, then the role's general floor); a user with
several roles sells down to the lowest floor among them. Roles without a
floor do not count: a user none of whose roles has a floor has none.
"""
import datetime as dt

from trytond.i18n import gettext
from trytond.model import ModelSQL, ModelView, fields
from trytond.model.exceptions import ValidationError
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access


class PriceFloor(ModelSQL, ModelView):
    __name__ = 'ame.price.floor'
    __string__ = "Floor Price"

    company = fields.Many2One('company.company', "Company", required=True)
    role = fields.Many2One(
        'res.role', "Role", required=True, ondelete='CASCADE')
    category = fields.Many2One(
        'product.category', "Category", ondelete='CASCADE',
        context={'company': Eval('company', -1)},
        depends={'company'},
        help="Empty for all categories.")
    series = fields.Many2One(
        'product.series', "Series", ondelete='CASCADE',
        help="Empty for all series; a series' floor comes before its "
        "category's.")
    min_percent = fields.Numeric(
        "Floor % of List Price", digits=(5, 2), required=True,
        domain=[('min_percent', '>=', 0), ('min_percent', '<=', 100)],
        help="The users of the role may sell down to this percentage of "
        "the list price without approval: 90 lets them give up to 10% "
        "off; 0 is no floor.")
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order = [
            ('role', 'ASC'), ('series', 'ASC NULLS FIRST'),
            ('category', 'ASC NULLS FIRST'), ('id', 'ASC')]

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    def get_rec_name(self, name):
        return self.role.rec_name

    @classmethod
    def validate_fields(cls, floors, field_names):
        super().validate_fields(floors, field_names)
        cls.check_unique(floors)

    @classmethod
    def check_unique(cls, floors):
        "One floor per company, role, category and series"
        for floor in floors:
            others = cls.search([
                    ('id', '!=', floor.id),
                    ('company', '=', floor.company.id),
                    ('role', '=', floor.role.id),
                    ('category', '=',
                        floor.category.id if floor.category else None),
                    ('series', '=',
                        floor.series.id if floor.series else None),
                    ], limit=1)
            if others:
                raise ValidationError(gettext(
                        'ame_price_strategy.msg_floor_unique',
                        role=floor.role.rec_name))

    def match(self, profile):
        """Return the rank of the floor for the product (ProductProfile of
        strategy.py), the smaller the more specific, or None"""
        if self.series and self.series.id != profile.series:
            return None
        distance = 0
        if self.category:
            distance = profile.categories.get(self.category.id)
            if distance is None:
                return None
        return (0 if self.series else 1 if self.category else 2, distance)

    @classmethod
    @without_check_access
    def get_user_percent(cls, users, profiles, company_id):
        """Return the floor percentage of each product (ProductProfile) for
        the users (the lowest among the roles they hold today), None when
        they have no floor"""
        pool = Pool()
        Date = pool.get('ir.date')
        now = dt.datetime.combine(Date.today(), dt.datetime.now().time())
        roles = {r.role.id for u in users for r in u.roles if r.valid(now)}
        floors = cls.search([
                ('company', '=', company_id),
                ('role', 'in', list(roles)),
                ]) if roles else []
        by_role = {}
        for floor in floors:
            by_role.setdefault(floor.role.id, []).append(floor)
        result = {}
        for profile in profiles:
            percents = []
            for role_floors in by_role.values():
                ranked = [(f.match(profile), f) for f in role_floors]
                ranked = [(r, f) for r, f in ranked if r is not None]
                if ranked:
                    percents.append(min(ranked, key=lambda x: x[0])[1]
                        .min_percent)
            result[profile.id] = min(percents) if percents else None
        return result
