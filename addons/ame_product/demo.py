# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo product data: categories, brands, series, products with their
technical specifications, brand agencies, warehouses and storage bins."""
import datetime as dt
import random
from decimal import Decimal

from trytond.pool import Pool
from trytond.tools import grouped_slice
from trytond.transaction import Transaction

# Records saved per call at large scales: on SQLite Tryton checks unique
# constraints with one nested SQL condition per record, which overflows
# SQLite's parser stack from about a hundred records.
SEED = 20261127
BATCH = 50

# (code, name, parent code)
CATEGORIES = [
    ('10', "数控机床", None),
    ('1010', "数控车床", '10'),
    ('1020', "加工中心", '10'),
    ('20', "仪器仪表", None),
    ('2010', "压力仪表", '20'),
    ('2020', "流量仪表", '20'),
    ('30', "备品备件", None),
    ]

# (code, name, own brand, owner (None: the company), country, website)
BRANDS = [
    ('HR', "华锐数控", True, None, 'CN', 'https://www.example.com/huarui'),
    ('JC', "精测", True, None, 'CN', 'https://www.example.com/jingce'),
    ('FANUC', "FANUC 发那科", False, "发那科株式会社", 'JP',
        'https://www.fanuc.co.jp'),
    ]

# (code, name, brand, category, specification template)
SERIES = [
    ('CK', "CK 系列数控车床", 'HR', '1010',
        "最大回转直径：Φ___mm\n最大加工长度：___mm\n主轴转速：___rpm\n"
        "主电机功率：___kW\n数控系统：FANUC 0i-TF\n定位精度：±0.01mm"),
    ('VMC', "VMC 立式加工中心", 'HR', '1020',
        "工作台尺寸：___mm\nX/Y/Z 行程：___mm\n主轴转速：___rpm\n"
        "刀库容量：___把\n数控系统：FANUC 0i-MF\n定位精度：±0.008mm"),
    ('PT', "PT 压力变送器", 'JC', '2010',
        "测量范围：___\n精度：±0.075%\n输出信号：4-20mA + HART\n"
        "过程连接：M20×1.5\n防爆等级：Ex ia IIC T4 Ga\n防护等级：IP67"),
    ('FM', "FM 电磁流量计", 'JC', '2020',
        "公称通径：DN___\n精度：±0.5%\n衬里材料：PTFE\n电极材料：316L\n"
        "输出信号：4-20mA / 脉冲 / RS485\n防护等级：IP68"),
    ('VF', "VF 涡街流量计", 'JC', '2020',
        "公称通径：DN___\n精度：±1.0%\n介质：气体 / 蒸汽 / 液体\n"
        "输出信号：4-20mA / 脉冲\n防护等级：IP65"),
    ('0i', "0i-F 数控系统", 'FANUC', '30',
        "控制轴数：___\n最小设定单位：0.001mm\n显示器：10.4 英寸彩色 LCD"),
    ]

# (model code, name, brand, series, category, unit, list price, spec)
PRODUCTS = [
    ('CK6136', "数控车床 CK6136", 'HR', 'CK', '1010', "台", 98000,
        "最大回转直径：Φ360mm\n最大加工长度：750mm\n主轴转速：150-3000rpm\n"
        "主电机功率：5.5kW\n数控系统：FANUC 0i-TF\n定位精度：±0.01mm"),
    ('CK6140', "数控车床 CK6140", 'HR', 'CK', '1010', "台", 118000,
        "最大回转直径：Φ400mm\n最大加工长度：1000mm\n主轴转速：100-2500rpm\n"
        "主电机功率：7.5kW\n数控系统：FANUC 0i-TF\n定位精度：±0.01mm"),
    ('CK6150', "数控车床 CK6150", 'HR', 'CK', '1010', "台", 168000,
        "最大回转直径：Φ500mm\n最大加工长度：1000mm\n主轴转速：50-2000rpm\n"
        "主电机功率：11kW\n数控系统：FANUC 0i-TF\n定位精度：±0.01mm"),
    ('CK6163', "数控车床 CK6163", 'HR', 'CK', '1010', "台", 228000,
        "最大回转直径：Φ630mm\n最大加工长度：1500mm\n主轴转速：30-1600rpm\n"
        "主电机功率：15kW\n数控系统：FANUC 0i-TF\n定位精度：±0.012mm"),
    ('CK6180', "数控车床 CK6180", 'HR', 'CK', '1010', "台", 326000,
        "最大回转直径：Φ800mm\n最大加工长度：2000mm\n主轴转速：20-1200rpm\n"
        "主电机功率：22kW\n数控系统：FANUC 0i-TF\n定位精度：±0.015mm"),
    ('VMC650', "立式加工中心 VMC650", 'HR', 'VMC', '1020', "台", 238000,
        "工作台尺寸：800×400mm\nX/Y/Z 行程：650/400/500mm\n"
        "主轴转速：8000rpm\n刀库容量：16把\n数控系统：FANUC 0i-MF"),
    ('VMC850', "立式加工中心 VMC850", 'HR', 'VMC', '1020', "台", 298000,
        "工作台尺寸：1000×500mm\nX/Y/Z 行程：800/500/550mm\n"
        "主轴转速：8000rpm\n刀库容量：24把\n数控系统：FANUC 0i-MF"),
    ('VMC855', "立式加工中心 VMC855", 'HR', 'VMC', '1020', "台", 318000,
        "工作台尺寸：1000×550mm\nX/Y/Z 行程：800/550/550mm\n"
        "主轴转速：10000rpm\n刀库容量：24把\n数控系统：FANUC 0i-MF"),
    ('VMC1060', "立式加工中心 VMC1060", 'HR', 'VMC', '1020', "台", 398000,
        "工作台尺寸：1300×600mm\nX/Y/Z 行程：1000/600/600mm\n"
        "主轴转速：8000rpm\n刀库容量：24把\n数控系统：FANUC 0i-MF"),
    ('VMC1160', "立式加工中心 VMC1160", 'HR', 'VMC', '1020', "台", 468000,
        "工作台尺寸：1400×600mm\nX/Y/Z 行程：1100/600/600mm\n"
        "主轴转速：8000rpm\n刀库容量：30把\n数控系统：FANUC 0i-MF"),
    ('PT-3051-GP-10M', "表压变送器 PT-3051-GP", 'JC', 'PT', '2010', "台",
        3800,
        "测量范围：0-10MPa\n精度：±0.075%\n输出信号：4-20mA + HART\n"
        "过程连接：M20×1.5\n防爆等级：Ex ia IIC T4 Ga"),
    ('PT-3051-DP-100K', "差压变送器 PT-3051-DP", 'JC', 'PT', '2010', "台",
        4600,
        "测量范围：0-100kPa\n精度：±0.075%\n静压：16MPa\n"
        "输出信号：4-20mA + HART\n过程连接：1/2-14NPT"),
    ('PT-3051-AP-1M', "绝压变送器 PT-3051-AP", 'JC', 'PT', '2010', "台",
        4200,
        "测量范围：0-1MPa（绝压）\n精度：±0.075%\n输出信号：4-20mA + HART\n"
        "过程连接：M20×1.5"),
    ('PT-2088-G-1.6M', "经济型压力变送器 PT-2088", 'JC', 'PT', '2010', "台",
        1600,
        "测量范围：0-1.6MPa\n精度：±0.25%\n输出信号：4-20mA\n"
        "过程连接：M20×1.5\n防护等级：IP65"),
    ('PT-3351-LT-DN80', "法兰液位变送器 PT-3351-LT", 'JC', 'PT', '2010', "台",
        6800,
        "测量范围：0-5m 水柱\n精度：±0.1%\n法兰规格：DN80 PN16\n"
        "膜片材料：316L\n输出信号：4-20mA + HART"),
    ('FM-DN25', "电磁流量计 FM-DN25", 'JC', 'FM', '2020', "台", 6800,
        "公称通径：DN25\n流量范围：0.2-17m³/h\n精度：±0.5%\n"
        "衬里材料：PTFE\n电极材料：316L"),
    ('FM-DN50', "电磁流量计 FM-DN50", 'JC', 'FM', '2020', "台", 8200,
        "公称通径：DN50\n流量范围：0.7-70m³/h\n精度：±0.5%\n"
        "衬里材料：PTFE\n电极材料：316L"),
    ('FM-DN80', "电磁流量计 FM-DN80", 'JC', 'FM', '2020', "台", 9600,
        "公称通径：DN80\n流量范围：1.8-180m³/h\n精度：±0.5%\n"
        "衬里材料：PTFE\n电极材料：316L"),
    ('FM-DN100', "电磁流量计 FM-DN100", 'JC', 'FM', '2020', "台", 11200,
        "公称通径：DN100\n流量范围：2.8-280m³/h\n精度：±0.5%\n"
        "衬里材料：氯丁橡胶\n电极材料：316L"),
    ('FM-DN150', "电磁流量计 FM-DN150", 'JC', 'FM', '2020', "台", 14800,
        "公称通径：DN150\n流量范围：6.4-640m³/h\n精度：±0.5%\n"
        "衬里材料：氯丁橡胶\n电极材料：哈氏合金 C"),
    ('FM-DN200', "电磁流量计 FM-DN200", 'JC', 'FM', '2020', "台", 18800,
        "公称通径：DN200\n流量范围：11-1100m³/h\n精度：±0.5%\n"
        "衬里材料：氯丁橡胶\n电极材料：哈氏合金 C"),
    ('VF-DN50', "涡街流量计 VF-DN50", 'JC', 'VF', '2020', "台", 5600,
        "公称通径：DN50\n介质：饱和蒸汽\n精度：±1.0%\n"
        "输出信号：4-20mA / 脉冲\n温度补偿：一体化 PT1000"),
    ('VF-DN100', "涡街流量计 VF-DN100", 'JC', 'VF', '2020', "台", 7400,
        "公称通径：DN100\n介质：压缩空气\n精度：±1.0%\n"
        "输出信号：4-20mA / 脉冲\n温压补偿：一体化"),
    ('SP-CK6150-SPD', "主轴单元（CK6150 用）", 'HR', None, '30', "套", 26000,
        "适用机型：CK6150\n主轴孔径：Φ82mm\n主轴头型式：A2-8\n"
        "轴承：P4 级角接触球轴承"),
    ('AK31-8T', "电动刀塔 8 工位", 'HR', None, '30', "套", 9800,
        "工位数：8\n刀方尺寸：25×25mm\n重复定位精度：±0.003mm\n"
        "换刀时间：0.6s（相邻）"),
    ('HC-08', "8 英寸液压卡盘", 'HR', None, '30', "套", 4600,
        "卡盘规格：8 英寸\n最高转速：4500rpm\n夹持范围：Φ15-210mm"),
    ('SFU4010-C3', "滚珠丝杠 SFU4010", 'HR', None, '30', "件", 2200,
        "公称直径：40mm\n导程：10mm\n精度等级：C3\n长度：1200mm"),
    ('A06B-0227-B100', "伺服电机 αiF 8/3000", 'FANUC', '0i', '30', "件",
        12800,
        "额定转矩：8N·m\n最高转速：3000rpm\n编码器：αiA4000\n"
        "适用系统：FANUC 0i-F"),
    ('A06B-6240-H105', "伺服放大器 αiSV 40", 'FANUC', '0i', '30', "件",
        9600,
        "额定电流：40A\n适用电机：αiF 8/3000、αiF 12/3000\n"
        "适用系统：FANUC 0i-F"),
    ('A02B-0333-B500', "数控系统 0i-TF", 'FANUC', '0i', '30', "套", 56000,
        "控制轴数：4 轴\n最小设定单位：0.001mm\n"
        "显示器：10.4 英寸彩色 LCD\n适用机型：数控车床"),
    ('PT-CORE-10M', "压力传感器芯体 10MPa", 'JC', None, '30', "件", 680,
        "量程：0-10MPa\n类型：扩散硅\n膜片材料：316L\n适用型号：PT-3051-GP"),
    ('FM-C200', "电磁流量转换器 FM-C200", 'JC', None, '30', "件", 2600,
        "显示：LCD 背光双行\n输出信号：4-20mA / 脉冲 / RS485\n"
        "供电：220VAC / 24VDC\n适用型号：FM 系列"),
    ]

UNITS = ["台", "件", "套"]

# (code, name, bin prefix, zones, shelves, levels)
WAREHOUSES = [
    ('SH01', "上海总仓", 'A', 2, 3, 3),
    ('SZ01', "苏州备件库", 'S', 1, 2, 3),
    ]


def generate(scale=1):
    rng = random.Random(SEED)
    categories = _categories()
    units = _units()
    brands = _brands()
    series = _series(brands, categories)
    _products(rng, scale, brands, series, categories, units)
    _agencies(brands)
    _warehouses()
    _users_warehouse(WAREHOUSES[0][0])
    return []


def _categories():
    pool = Pool()
    Category = pool.get('product.category')
    categories = {}
    for code, name, parent in CATEGORIES:
        category = Category(code=code, name=name)
        if parent:
            category.parent = categories[parent]
        category.save()
        categories[code] = category
    return categories


def _units():
    pool = Pool()
    Uom = pool.get('product.uom')
    ModelData = pool.get('ir.model.data')
    category = ModelData.get_id('product', 'uom_cat_unit')
    units = {u.name: u for u in Uom.search([
                ('category', '=', category),
                ('name', 'in', UNITS),
                ])}
    to_create = [Uom(
            name=name, symbol=name, category=category,
            rate=1, factor=1, rounding=1, digits=0)
        for name in UNITS if name not in units]
    Uom.save(to_create)
    units.update((u.name, u) for u in to_create)
    return units


def _country(code, name):
    pool = Pool()
    Country = pool.get('country.country')
    countries = Country.search([('code', '=', code)], limit=1)
    if countries:
        return countries[0]
    country = Country(code=code, name=name)
    country.save()
    return country


def _brands():
    pool = Pool()
    Brand = pool.get('product.brand')
    Party = pool.get('party.party')
    Company = pool.get('company.company')
    company = Company(Transaction().context['company'])
    countries = {
        'CN': _country('CN', "中国"),
        'JP': _country('JP', "日本"),
        }
    brands = {}
    for code, name, own, owner, country, website in BRANDS:
        if owner:
            owner = Party(name=owner)
            owner.save()
        else:
            owner = company.party
        brands[code] = Brand(
            code=code, name=name, own_brand=own, owner=owner,
            country=countries[country], website=website)
    Brand.save(brands.values())
    return brands


def _series(brands, categories):
    pool = Pool()
    Series = pool.get('product.series')
    series = {}
    for code, name, brand, category, specification in SERIES:
        series[code] = Series(
            code=code, name=name, brand=brands[brand],
            category=categories[category], specification=specification)
    Series.save(series.values())
    return series


def _products(rng, scale, brands, series, categories, units):
    pool = Pool()
    Template = pool.get('product.template')
    Product = pool.get('product.product')
    templates = []
    numbers = {}
    for copy in range(scale):
        for (model_code, name, brand, serie, category, unit, price,
                specification) in PRODUCTS:
            if copy:
                # Later copies are derived models: CK6150-B, CK6150-C...
                suffix = _suffix(copy)
                model_code = f'{model_code}-{suffix}'
                name = f'{name}（{suffix} 型）'
                price = price * rng.randint(90, 125) / 100
            numbers[category] = numbers.get(category, 0) + 1
            template = Template(
                name=name,
                code=f'{category}{numbers[category]:05d}',
                type='goods',
                default_uom=units[unit],
                list_price=_round_price(price),
                brand=brands[brand],
                series=series[serie] if serie else None,
                model_code=model_code,
                place_of_origin=(
                    "日本山梨" if brand == 'FANUC' else "江苏苏州"),
                technical_specification=specification,
                categories=[categories[category]],
                products=[Product(cost_price=_cost_price(rng, price))],
                )
            templates.append(template)
    for batch in grouped_slice(templates, BATCH):
        Template.save(list(batch))
    return templates


def _cost_price(rng, price):
    "The cost of a product: 55 to 70 % of its list price, to the yuan"
    return Decimal(round(price * rng.randint(55, 70) / 100))


def _round_price(price):
    "Round to hundreds of yuan from 10 000, else to yuan"
    step = 100 if price >= 10000 else 1
    return Decimal(round(price / step) * step)


def _suffix(number):
    "Return B, C, ... Z, BA, BB... for 1, 2, ... 24, 25, 26..."
    letters = 'BCDEFGHJKLMNPQRSTUVWXYZ'
    suffix = ''
    while True:
        number, rest = divmod(number - 1, len(letters))
        suffix = letters[rest] + suffix
        if not number:
            return suffix


def _agencies(brands):
    pool = Pool()
    Agency = pool.get('product.brand.agency')
    Party = pool.get('party.party')
    Subdivision = pool.get('country.subdivision')
    Company = pool.get('company.company')
    Date = pool.get('ir.date')
    company = Company(Transaction().context['company'])
    year = Date.today().year
    places = {s.code: s for s in Subdivision.search([
                ('code', 'in', ['CN-JS', 'CN-SH', 'CN-ZJ', 'CN-GD']),
                ])}
    suzhou_agent = Party(name="苏州锐精机电设备有限公司")
    guangzhou_agent = Party(name="广州华南仪表贸易有限公司")
    Party.save([suzhou_agent, guangzhou_agent])
    Agency.save([
            Agency(
                brand=brands['HR'], agent=suzhou_agent, level='exclusive',
                subdivisions=[places[c] for c in ['CN-JS', 'CN-SH']
                    if c in places],
                from_date=dt.date(year - 1, 1, 1),
                to_date=dt.date(year + 1, 12, 31),
                contract_number=f'DL-HR-{year - 1}-001',
                notes="华锐数控 CK、VMC 系列在江苏省、上海市的独家代理，"
                "年度销售目标 60 台。"),
            Agency(
                brand=brands['JC'], agent=guangzhou_agent, level='general',
                subdivisions=[places[c] for c in ['CN-GD'] if c in places],
                from_date=dt.date(year - 1, 7, 1),
                to_date=dt.date(year + 1, 6, 30),
                contract_number=f'DL-JC-{year - 1}-003',
                notes="精测压力变送器、流量计在广东省的一般代理。"),
            Agency(
                brand=brands['FANUC'], agent=company.party,
                level='distributor',
                from_date=dt.date(year - 2, 1, 1),
                contract_number=f'FANUC-SH-{year - 2}-018',
                notes="本公司经销 FANUC 数控系统、伺服电机及备件，"
                "主要配套自产机床并供应售后备件。"),
            ])


def _warehouses():
    pool = Pool()
    Location = pool.get('stock.location')
    ModelData = pool.get('ir.model.data')
    # The company's own warehouses replace Tryton's example one (仓库)
    Location.write([Location(ModelData.get_id('stock', 'location_warehouse'))],
        {'active': False})
    for code, name, prefix, zones, shelves, levels in WAREHOUSES:
        input_, output, storage = Location.create([
                {'name': "收货区", 'code': f'{code}-IN', 'type': 'storage'},
                {'name': "发货区", 'code': f'{code}-OUT', 'type': 'storage'},
                {'name': "存储区", 'code': f'{code}-STO', 'type': 'storage'},
                ])
        Location.create([{
                    'name': name,
                    'code': code,
                    'type': 'warehouse',
                    'input_location': input_.id,
                    'output_location': output.id,
                    'storage_location': storage.id,
                    }])
        bins = []
        for zone in range(zones):
            letter = chr(ord(prefix) + zone)
            for shelf in range(1, shelves + 1):
                for level in range(1, levels + 1):
                    bin_ = f'{letter}-{shelf:02d}-{level:02d}'
                    bins.append({
                            'name': bin_,
                            'code': f'{code}-{bin_}',
                            'type': 'storage',
                            'parent': storage.id,
                            })
        Location.create(bins)


def _users_warehouse(code):
    """The demo users work at the main warehouse: it is their documents'
    default warehouse (Tryton's preference 当前仓库)"""
    pool = Pool()
    Location = pool.get('stock.location')
    User = pool.get('res.user')
    warehouse, = Location.search([
            ('type', '=', 'warehouse'), ('code', '=', code)])
    users = User.search([])
    User.write(users, {'warehouse': warehouse.id})
