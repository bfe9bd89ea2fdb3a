# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo master data: the sales regions of China, the business periods of
the current and the previous year, and a few more dictionary values."""
from trytond.pool import Pool

# (code, name, provinces by ISO 3166-2:CN code)
REGIONS = [
    ('E', "华东区", ['SH', 'JS', 'ZJ', 'AH', 'SD', 'FJ', 'JX']),
    ('S', "华南区", ['GD', 'GX', 'HI', 'HK', 'MO']),
    ('N', "华北区", ['BJ', 'TJ', 'HE', 'SX', 'NM']),
    ('C', "华中区", ['HA', 'HB', 'HN']),
    ('SW', "西南区", ['CQ', 'SC', 'GZ', 'YN', 'XZ']),
    ('NW', "西北区", ['SN', 'GS', 'QH', 'NX', 'XJ']),
    ('NE', "东北区", ['LN', 'JL', 'HL']),
    ]
# Sub-regions of the busiest region: the machine-tool belt of the Yangtze
# delta gets its own sales teams (cities by GB/T 2260 code).
SUB_REGIONS = {
    'E': [
        ('E-SN', "苏南片区", ['3201', '3202', '3204', '3205', '3211']),
        ('E-ZB', "浙北片区", ['3301', '3302', '3304', '3305']),
        ],
    }

DICTIONARY_VALUES = {
    'customer_source': [
        ('cimt', "中国国际机床展览会（CIMT）"),
        ('industry_fair', "工博会"),
        ('alibaba', "阿里巴巴询盘"),
        ],
    'industry': [
        ('rail', "轨道交通"),
        ('medical', "医疗器械"),
        ('new_energy', "新能源汽车"),
        ],
    'lost_reason': [
        ('import_brand', "客户指定进口品牌"),
        ],
    }


def generate(rng, scale):
    create_regions()
    create_periods()
    create_dictionary_values()


def create_regions():
    pool = Pool()
    Region = pool.get('ame.sales.region')
    Subdivision = pool.get('country.subdivision')
    codes = {s.code: s for s in Subdivision.search([
                ('country.code', '=', 'CN'),
                ])}
    regions = []
    for code, name, provinces in REGIONS:
        region = Region(code=code, name=name)
        region.subdivisions = [codes['CN-' + p] for p in provinces]
        region.children = [
            Region(
                code=sub_code, name=sub_name,
                subdivisions=[codes['CN-' + c + '00'] for c in cities])
            for sub_code, sub_name, cities in SUB_REGIONS.get(code, [])]
        regions.append(region)
    domestic = Region(code='CN', name="国内销售", children=regions)
    overseas = Region(
        code='INTL', name="海外销售",
        description="出口业务，按国家或代理商分配。")
    Region.save([domestic, overseas])


def create_periods():
    pool = Pool()
    Date = pool.get('ir.date')
    Period = pool.get('ame.period')
    year = Date.today().year
    for year in [year - 1, year]:
        Period.generate_year(year)


def create_dictionary_values():
    pool = Pool()
    Category = pool.get('ame.dictionary.category')
    Value = pool.get('ame.dictionary.value')
    values = []
    for category_code, entries in DICTIONARY_VALUES.items():
        category, = Category.search([('code', '=', category_code)])
        last = max((v.sequence or 0 for v in category.values), default=0)
        for i, (code, name) in enumerate(entries, 1):
            values.append(Value(
                    category=category, code=code, name=name,
                    sequence=last + 10 * i))
    Value.save(values)
