# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.i18n import gettext
from trytond.model.exceptions import (
    AccessError, DomainValidationError, ValidationError)
from trytond.model.modelsql import SQLConstraintError
from trytond.modules.ame_base.tests.tools import AmeTestCase, rolled_back
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction


class ProductTestCase(AmeTestCase):
    "Brands, series, products and brand agencies"
    module = 'ame_product'

    def _create_brands(self):
        pool = Pool()
        Brand = pool.get('product.brand')
        Series = pool.get('product.series')
        own, fanuc = Brand.create([
                {'name': "华锐数控", 'code': 'HR', 'own_brand': True},
                {'name': "FANUC 发那科", 'code': 'FANUC'},
                ])
        ck, = Series.create([
                {'name': "CK 系列数控车床", 'code': 'CK', 'brand': own.id},
                ])
        return own, fanuc, ck

    def _create_template(self, **values):
        pool = Pool()
        Template = pool.get('product.template')
        ModelData = pool.get('ir.model.data')
        values.setdefault('name', "数控车床")
        values.setdefault(
            'default_uom', ModelData.get_id('product', 'uom_unit'))
        values.setdefault('products', [('create', [{}])])
        template, = Template.create([values])
        return template

    def _create_places(self):
        "Return Jiangsu, Suzhou (a city of Jiangsu), Zhejiang and 华东区"
        pool = Pool()
        Country = pool.get('country.country')
        Subdivision = pool.get('country.subdivision')
        Region = pool.get('ame.sales.region')
        china, = Country.create([{'name': "中国", 'code': 'CN'}])
        jiangsu, zhejiang = Subdivision.create([
                {'country': china.id, 'name': "江苏省", 'code': 'CN-JS',
                    'type': 'province'},
                {'country': china.id, 'name': "浙江省", 'code': 'CN-ZJ',
                    'type': 'province'},
                ])
        suzhou, = Subdivision.create([
                {'country': china.id, 'name': "苏州市", 'code': 'CN-320500',
                    'type': 'city', 'parent': jiangsu.id},
                ])
        east, = Region.create([{
                    'name': "华东区", 'code': 'E',
                    'subdivisions': [('add', [jiangsu.id])],
                    }])
        return jiangsu, suzhou, zhejiang, east

    def _create_agents(self, *names):
        pool = Pool()
        Party = pool.get('party.party')
        return Party.create([{'name': n} for n in names])

    @with_transaction()
    def test_product_series_brand(self):
        "The series of a product must belong to the brand of the product"
        pool = Pool()
        Template = pool.get('product.template')
        own, fanuc, ck = self._create_brands()
        template = self._create_template(
            brand=own.id, series=ck.id, model_code='CK6150')
        self.assertEqual(template.series, ck)

        # The domain of series refuses a series of another brand
        with self.assertRaises(DomainValidationError) as cm, rolled_back():
            Template.write([template], {'brand': fanuc.id})
        self.assertIn('"Series"', cm.exception.message)
        self.assertEqual(Template(template.id).brand, own)

        # A series needs the brand of the series
        with self.assertRaises(ValidationError) as cm, rolled_back():
            self._create_template(name="车床", series=ck.id)
        self.assertEqual(cm.exception.message, gettext(
                'ame_product.msg_product_series_brand',
                product="车床", series=ck.rec_name, brand=own.rec_name))
        self.assertEqual(Template.search([], count=True), 1)

    @with_transaction()
    def test_series_brand_change(self):
        "The brand of a series with products of another brand is refused"
        pool = Pool()
        Series = pool.get('product.series')
        own, fanuc, ck = self._create_brands()
        template = self._create_template(brand=own.id, series=ck.id)

        with self.assertRaises(ValidationError) as cm, rolled_back():
            Series.write([ck], {'brand': fanuc.id})
        self.assertEqual(cm.exception.message, gettext(
                'ame_product.msg_product_series_brand',
                product=template.rec_name, series=ck.rec_name,
                brand=fanuc.rec_name))
        self.assertEqual(Series(ck.id).brand, own)

    @with_transaction()
    def test_product_on_change_series(self):
        "Choosing a series fills in the brand and the specification"
        pool = Pool()
        Template = pool.get('product.template')
        Series = pool.get('product.series')
        own, fanuc, ck = self._create_brands()
        Series.write([ck], {'specification': "最大回转直径 Φ500mm"})

        template = Template(series=ck, brand=None,
            technical_specification=None)
        template.on_change_series()
        self.assertEqual(template.brand, own)
        self.assertEqual(template.technical_specification,
            "最大回转直径 Φ500mm")

        template.brand = fanuc
        template.on_change_brand()
        self.assertIsNone(template.series)

    @with_transaction()
    def test_product_search_model_code(self):
        "Products are found by their model code"
        pool = Pool()
        Template = pool.get('product.template')
        Product = pool.get('product.product')
        own, _, ck = self._create_brands()
        lathe = self._create_template(
            name="数控车床", brand=own.id, series=ck.id, model_code='CK6150')
        self._create_template(name="立式加工中心", model_code='VMC850')

        self.assertEqual(
            Template.search([('rec_name', '=', 'CK6150')]), [lathe])
        self.assertEqual(
            Template.search([('rec_name', 'ilike', '%ck61%')]), [lathe])
        variant, = lathe.products
        self.assertEqual(
            Product.search([('rec_name', 'ilike', '%CK6150%')]), [variant])
        self.assertNotIn(lathe,
            Template.search([('rec_name', 'not ilike', '%CK6150%')]))

    @with_transaction()
    def test_brand_product_count(self):
        "A brand counts its products"
        own, fanuc, ck = self._create_brands()
        self._create_template(brand=own.id, series=ck.id)
        self._create_template(brand=own.id)
        self.assertEqual((own.product_count, fanuc.product_count), (2, 0))

    @with_transaction()
    def test_brand_name_unique(self):
        "Two brands cannot have the same name"
        pool = Pool()
        Brand = pool.get('product.brand')
        self._create_brands()
        message = gettext('ame_product.msg_brand_name_unique')
        # The constraint error rolls the whole transaction back
        with self.assertRaises(SQLConstraintError) as cm:
            Brand.create([{'name': "华锐数控"}])
        self.assertEqual(cm.exception.message, message)

    @with_transaction()
    def test_agency_dates(self):
        "An agency cannot end before it starts"
        pool = Pool()
        Agency = pool.get('product.brand.agency')
        Lang = pool.get('ir.lang')
        _, fanuc, _ = self._create_brands()
        agent, = self._create_agents("上海精机贸易有限公司")
        start, end = dt.date(2026, 1, 1), dt.date(2025, 12, 31)

        with self.assertRaises(ValidationError) as cm, rolled_back():
            Agency.create([{
                        'brand': fanuc.id, 'agent': agent.id,
                        'from_date': start, 'to_date': end,
                        }])
        lang = Lang.get()
        self.assertEqual(cm.exception.message, gettext(
                'ame_product.msg_brand_agency_dates',
                agency="FANUC 发那科 - 上海精机贸易有限公司",
                from_date=lang.strftime(start), to_date=lang.strftime(end)))
        self.assertEqual(Agency.search([], count=True), 0)

    @with_transaction()
    def test_agency_exclusive_overlap(self):
        "Exclusive agencies of a brand cannot share a place and a time"
        pool = Pool()
        Agency = pool.get('product.brand.agency')
        own, fanuc, _ = self._create_brands()
        jiangsu, suzhou, zhejiang, east = self._create_places()
        a1, a2 = self._create_agents(
            "上海精机贸易有限公司", "苏州工控设备公司")
        first, = Agency.create([{
                    'brand': fanuc.id, 'agent': a1.id, 'level': 'exclusive',
                    'regions': [('add', [east.id])],
                    'from_date': dt.date(2026, 1, 1),
                    'to_date': dt.date(2026, 12, 31),
                    }])

        # Suzhou is in Jiangsu, which is in 华东区
        values = {
            'brand': fanuc.id, 'agent': a2.id, 'level': 'exclusive',
            'subdivisions': [('add', [suzhou.id])],
            'from_date': dt.date(2026, 6, 1),
            }
        with self.assertRaises(ValidationError) as cm, rolled_back():
            Agency.create([values])
        self.assertEqual(cm.exception.message, gettext(
                'ame_product.msg_brand_agency_exclusive_overlap',
                agency="FANUC 发那科 - 苏州工控设备公司",
                other=first.rec_name, brand=fanuc.rec_name))
        self.assertEqual(Agency.search([], count=True), 1)

        # A nationwide exclusive agency overlaps with any territory
        with self.assertRaises(ValidationError), rolled_back():
            Agency.create([{**values, 'subdivisions': []}])
        self.assertEqual(Agency.search([], count=True), 1)

        # Accepted: after the first one, elsewhere, another brand or level
        Agency.create([
                {**values, 'from_date': dt.date(2027, 1, 1)},
                {**values, 'subdivisions': [('add', [zhejiang.id])]},
                {**values, 'brand': own.id},
                {**values, 'level': 'general'},
                ])

        # Extending the first one into the later agency is refused
        with self.assertRaises(ValidationError), rolled_back():
            Agency.write([first], {'to_date': None})
        self.assertEqual(Agency(first.id).to_date, dt.date(2026, 12, 31))

    @with_transaction()
    def test_agency_state(self):
        "The state of an agency follows its dates, and can be searched"
        pool = Pool()
        Agency = pool.get('product.brand.agency')
        Date = pool.get('ir.date')
        _, fanuc, _ = self._create_brands()
        agent, = self._create_agents("上海精机贸易有限公司")
        today = Date.today()
        day = dt.timedelta(days=1)
        past, current, open_, future = Agency.create([
                {'brand': fanuc.id, 'agent': agent.id, **v} for v in [
                    {'from_date': today - 10 * day, 'to_date': today - day},
                    {'from_date': today - day, 'to_date': today},
                    {'from_date': today},
                    {'from_date': today + day, 'to_date': today + 10 * day},
                    ]])
        self.assertEqual(
            [a.state for a in [past, current, open_, future]],
            ['expired', 'valid', 'valid', 'future'])
        search = Agency.search
        self.assertEqual(
            set(search([('state', '=', 'valid')])), {current, open_})
        self.assertEqual(search([('state', '=', 'expired')]), [past])
        self.assertEqual(search([('state', '=', 'future')]), [future])
        self.assertEqual(
            set(search([('state', '!=', 'valid')])), {past, future})
        self.assertEqual(
            set(search([('state', 'in', ['future', 'expired'])])),
            {past, future})
        self.assertEqual(
            set(search([('state', 'not in', ['future', 'expired'])])),
            {current, open_})
        self.assertEqual(search([('state', '=', None)]), [])

    @with_transaction()
    def test_find_agents(self):
        "Find the agents of a brand for a place and a date"
        pool = Pool()
        Agency = pool.get('product.brand.agency')
        own, fanuc, _ = self._create_brands()
        jiangsu, suzhou, zhejiang, east = self._create_places()
        a1, a2, a3 = self._create_agents(
            "上海精机贸易有限公司", "杭州自动化公司", "全国备件经销公司")
        exclusive, general, distributor = Agency.create([{
                    'brand': fanuc.id, 'agent': a1.id, 'level': 'exclusive',
                    'regions': [('add', [east.id])],
                    'from_date': dt.date(2026, 1, 1),
                    'to_date': dt.date(2026, 12, 31),
                    }, {
                    'brand': fanuc.id, 'agent': a2.id, 'level': 'general',
                    'subdivisions': [('add', [zhejiang.id])],
                    'from_date': dt.date(2026, 1, 1),
                    }, {
                    'brand': fanuc.id, 'agent': a3.id,
                    'level': 'distributor',
                    'from_date': dt.date(2025, 1, 1),
                    }])
        self.assertEqual(
            [a.territory for a in [exclusive, general, distributor]],
            ["华东区", "浙江省",
                gettext('ame_product.msg_brand_agency_whole_country')])
        self.assertEqual(
            Agency.search([('territory', 'ilike', '%浙江%')]), [general])

        find = Agency.find_agents
        on = dt.date(2026, 7, 1)
        self.assertEqual(
            find(fanuc, subdivision=suzhou, date=on),
            [exclusive, distributor])
        self.assertEqual(
            find(fanuc, subdivision=zhejiang, date=on),
            [general, distributor])
        self.assertEqual(
            find(fanuc, region=east, date=on), [exclusive, distributor])
        self.assertEqual(
            find(fanuc, date=on), [exclusive, general, distributor])
        self.assertEqual(
            find(fanuc, subdivision=suzhou, date=dt.date(2027, 1, 1)),
            [distributor])
        self.assertEqual(
            find(fanuc, subdivision=suzhou, date=dt.date(2025, 6, 1)),
            [distributor])
        self.assertEqual(find(own, subdivision=suzhou, date=on), [])

    @with_transaction()
    def test_product_data_access(self):
        "Only product administrators write brands, series and agencies"
        pool = Pool()
        User = pool.get('res.user')
        Brand = pool.get('product.brand')
        Series = pool.get('product.series')
        Agency = pool.get('product.brand.agency')
        Template = pool.get('product.template')
        own, fanuc, ck = self._create_brands()
        agent, = self._create_agents("上海精机贸易有限公司")
        template = self._create_template(brand=own.id, series=ck.id)
        user, = User.create([{'name': "销售员", 'login': 'sales'}])

        with Transaction().set_user(user.id), \
                Transaction().set_context(_check_access=True):
            self.assertEqual(Brand.search([], count=True), 2)
            self.assertEqual(
                Template.search([('model_code', '=', None)]), [template])
            with self.assertRaises(AccessError):
                Brand.create([{'name': "精测"}])
            with self.assertRaises(AccessError):
                Series.write([ck], {'name': "CK 系列"})
            with self.assertRaises(AccessError):
                Agency.create([{
                            'brand': fanuc.id, 'agent': agent.id,
                            'from_date': dt.date(2026, 1, 1),
                            }])
            with self.assertRaises(AccessError):
                Template.write([template], {'model_code': 'CK6150'})
        self.assertEqual(Brand.search([], count=True), 2)
        self.assertEqual(Series(ck.id).name, "CK 系列数控车床")
        self.assertEqual(Agency.search([], count=True), 0)
        self.assertIsNone(Template(template.id).model_code)

    @with_transaction()
    def test_product_data_zh_cn(self):
        "The product data screens read in Chinese"
        pool = Pool()
        Lang = pool.get('ir.lang')
        Category = pool.get('product.category')
        Template = pool.get('product.template')
        Agency = pool.get('product.brand.agency')
        Menu = pool.get('ir.ui.menu')
        ModelData = pool.get('ir.model.data')
        zh_cn, = Lang.search([('code', '=', 'zh_CN')])
        Lang.load_translations([zh_cn])

        with Transaction().set_context(language='zh_CN'):
            fields = Category.fields_get(['name', 'parent', 'childs'])
            self.assertEqual(
                [fields[f]['string'] for f in ['name', 'parent', 'childs']],
                ["名称", "上级种类", "下级种类"])
            fields = Template.fields_get(
                ['brand', 'series', 'model_code', 'categories'])
            self.assertEqual(
                [fields[f]['string']
                    for f in ['brand', 'series', 'model_code', 'categories']],
                ["商标", "产品系列", "型号", "产品种类"])
            self.assertEqual(
                dict(Agency.fields_get(['level'])['level']['selection']),
                {'exclusive': "独家代理", 'general': "一般代理",
                    'distributor': "经销"})
            menu = Menu(ModelData.get_id(
                    'ame_product', 'menu_product_category_tree'))
            self.assertEqual(menu.name, "产品种类")
            self.assertEqual(gettext('ame_product.msg_brand_name_unique'),
                "商标名称不能重复。")

    @with_transaction()
    def test_demo_product(self):
        "The demo products, brands, series, agencies and warehouses"
        # More products than SQLite takes in one save (see demo.BATCH)
        scale = 4
        pool = Pool()
        Template = pool.get('product.template')
        Product = pool.get('product.product')
        Brand = pool.get('product.brand')
        Agency = pool.get('product.brand.agency')
        Location = pool.get('stock.location')
        Subdivision = pool.get('country.subdivision')
        from trytond.modules.ame_base import tenant
        from trytond.modules.ame_product import demo
        tenant.get_china()
        company = create_company()
        with set_company(company):
            demo.generate(scale)

            self.assertEqual(
                Template.search([], count=True), scale * len(demo.PRODUCTS))
            self.assertEqual(
                Product.search([], count=True), scale * len(demo.PRODUCTS))
            lathe, = Template.search([('rec_name', '=', 'CK6150')])
            self.assertEqual(
                (lathe.brand.name, lathe.series.code, lathe.default_uom.name,
                    lathe.list_price),
                ("华锐数控", 'CK', "台", 168000))
            self.assertIn("Φ500mm", lathe.technical_specification)
            self.assertTrue(
                Template.search([('rec_name', '=', 'CK6150-B')]))
            huarui, = Brand.search([('code', '=', 'HR')])
            self.assertEqual(huarui.product_count, scale * 14)

            self.assertEqual(
                Agency.search([('state', '=', 'valid')], count=True), 3)
            suzhou, = Subdivision.search([('code', '=', 'CN-320500')])
            agency, = Agency.find_agents(huarui, subdivision=suzhou)
            self.assertEqual(agency.agent.name, "苏州锐精机电设备有限公司")

            shanghai, suzhou = Location.search([
                    ('type', '=', 'warehouse'),
                    ('code', 'in', ['SH01', 'SZ01']),
                    ], order=[('code', 'ASC')])
            self.assertEqual(shanghai.name, "上海总仓")
            bins = Location.search([
                    ('parent', '=', shanghai.storage_location.id),
                    ], order=[('code', 'ASC')])
            self.assertEqual(len(bins), 18)
            self.assertEqual(bins[0].name, 'A-01-01')
            self.assertEqual(bins[-1].name, 'B-03-03')
            self.assertEqual(bins[0].warehouse, shanghai)

