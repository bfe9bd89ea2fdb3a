# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Two realistic ordering tables in the exchange format, shared by the
engine's tests, the demo data and the scenarios.

DIFFERENTIAL_PRESSURE: the AM3051 differential pressure transmitter,
nine positions (the integrated manifold optional, written after "-"),
eight extra options written "/B4/M5" and seven rules, e.g.
AM3051CD2A21A1-S5/B4/M5.

THERMOCOUPLE: the WR assembled thermocouple, whose single element writes
nothing where a duplex one writes "2", with literal "-" between groups of
positions and an optional tube material, e.g. WRN-230-500 (single) and
WRN2-230-500-316L (duplex, 316L tube). Its rule T3 names the empty code.
"""
import copy


def _option(code, name, name_en, spec, price='0', lead_days=0):
    return {
        'code': code,
        'name': name,
        'name_en': name_en,
        'spec': spec,
        'price': price,
        'lead_days': lead_days,
        }


def _position(code, name, name_en, options, required=True, prefix=''):
    return {
        'code': code,
        'name': name,
        'name_en': name_en,
        'required': required,
        'prefix': prefix,
        'options': [_option(*o) for o in options],
        }


def _rule(id_, kind, if_position, if_options, then_position, then_options,
        message):
    return {
        'id': id_,
        'kind': kind,
        'if': {'position': if_position, 'options': if_options},
        'then': {'position': then_position, 'options': then_options},
        'message': message,
        }


_DIFFERENTIAL_PRESSURE = {
    'code': 'AM3051DP',
    'name': "AM3051 差压变送器",
    'name_en': "AM3051 Differential Pressure Transmitter",
    'base_code': 'AM3051',
    'base_price': '3800.00',
    'currency': 'CNY',
    'positions': [
        _position('construction', "结构形式", "Construction", [
                ('C', "共平面型", "Coplanar", "共平面结构"),
                ('T', "直连型", "In-line", "直连式结构", '200.00'),
                ('L', "液位型", "Level", "法兰式液位结构", '1500.00', 10),
                ]),
        _position('type', "测量类型", "Measurement", [
                ('D', "差压", "Differential", "差压测量"),
                ('G', "表压", "Gauge", "表压测量"),
                ('A', "绝压", "Absolute", "绝压测量", '600.00', 5),
                ]),
        _position('range', "量程", "Range", [
                ('1', "-6.2~6.2 kPa", "-6.2 to 6.2 kPa",
                    "量程 -6.2~6.2 kPa"),
                ('2', "-62~62 kPa", "-62 to 62 kPa", "量程 -62~62 kPa"),
                ('3', "-250~250 kPa", "-250 to 250 kPa",
                    "量程 -250~250 kPa"),
                ('4', "-2.07~2.07 MPa", "-2.07 to 2.07 MPa",
                    "量程 -2.07~2.07 MPa"),
                ('5', "-13.8~13.8 MPa", "-13.8 to 13.8 MPa",
                    "量程 -13.8~13.8 MPa", '300.00'),
                ]),
        _position('output', "输出信号", "Output", [
                ('A', "4~20 mA + HART", "4-20 mA with HART",
                    "输出 4~20 mA，HART 协议"),
                ('F', "FF 现场总线", "FOUNDATION Fieldbus",
                    "输出 FOUNDATION 现场总线", '800.00', 5),
                ('W', "PROFIBUS PA", "PROFIBUS PA", "输出 PROFIBUS PA",
                    '800.00', 5),
                ('M', "1~5 V 低功耗", "1-5 V low power", "输出 1~5 V DC",
                    '100.00'),
                ]),
        _position('diaphragm', "隔离膜片材质", "Isolating Diaphragm", [
                ('2', "316L 不锈钢", "316L SST", "膜片 316L 不锈钢"),
                ('3', "哈氏合金 C-276", "Alloy C-276",
                    "膜片哈氏合金 C-276", '1200.00', 15),
                ('4', "蒙乃尔 400", "Alloy 400", "膜片蒙乃尔 400",
                    '1500.00', 15),
                ('5', "钽", "Tantalum", "膜片钽", '2600.00', 25),
                ]),
        _position('fill', "灌充液", "Fill Fluid", [
                ('1', "硅油", "Silicone", "灌充液硅油"),
                ('2', "氟油", "Inert", "灌充液氟油（惰性）", '400.00', 7),
                ]),
        _position('housing', "壳体", "Housing", [
                ('A', "铝合金，1/2-14NPT", "Aluminium, 1/2-14 NPT",
                    "铝合金壳体，1/2-14NPT 电气接口"),
                ('B', "铝合金，M20×1.5", "Aluminium, M20x1.5",
                    "铝合金壳体，M20×1.5 电气接口"),
                ('J', "316 不锈钢，1/2-14NPT", "316 SST, 1/2-14 NPT",
                    "不锈钢壳体，1/2-14NPT 电气接口", '900.00', 10),
                ('K', "316 不锈钢，M20×1.5", "316 SST, M20x1.5",
                    "不锈钢壳体，M20×1.5 电气接口", '900.00', 10),
                ]),
        _position('connection', "过程连接", "Process Connection", [
                ('1', "1/4-18NPT 法兰", "1/4-18 NPT flange",
                    "过程连接 1/4-18NPT"),
                ('2', "1/2-14NPT 转接头", "1/2-14 NPT adapter",
                    "过程连接 1/2-14NPT 转接头", '150.00'),
                ('M', "M20×1.5 转接头", "M20x1.5 adapter",
                    "过程连接 M20×1.5 转接头", '150.00'),
                ]),
        _position('manifold', "集成阀组", "Integral Manifold", [
                ('S5', "三阀组", "3-valve manifold", "集成 316 不锈钢三阀组",
                    '1100.00', 5),
                ('S6', "五阀组", "5-valve manifold", "集成 316 不锈钢五阀组",
                    '1600.00', 7),
                ], required=False, prefix='-'),
        ],
    'extra_options': {
        'name': "附加选项",
        'prefix': '',
        'option_prefix': '/',
        'options': [
            _option('B4', "不锈钢安装支架", "SST mounting bracket",
                "B4 不锈钢安装支架", '180.00'),
            _option('M5', "LCD 数字显示表头", "LCD display",
                "M5 LCD 显示表头", '350.00'),
            _option('D4', "外部接地螺钉", "External ground screw",
                "D4 外部接地螺钉", '60.00'),
            _option('C6', "报警和饱和值定制", "Custom alarm levels",
                "C6 报警和饱和值定制", '120.00'),
            _option('Q4', "出厂校准证书", "Calibration certificate",
                "Q4 出厂校准证书", '200.00', 3),
            _option('E8', "隔爆认证 Ex d IIC T6", "Flameproof Ex d",
                "E8 隔爆型 Ex d IIC T6 Gb", '500.00', 10),
            _option('I1', "本安认证 Ex ia IIC T4", "Intrinsic safety Ex ia",
                "I1 本安型 Ex ia IIC T4 Ga", '500.00', 10),
            _option('T1', "瞬态保护接线端子", "Transient protection",
                "T1 瞬态保护端子", '260.00'),
            ],
        },
    'rules': [
        _rule('R1', 'excludes', 'construction', ['T'], 'type', ['D'],
            "直连型结构不能测量差压，请选择表压或绝压"),
        _rule('R2', 'excludes', 'type', ['A'], 'range', ['1'],
            "绝压型没有 1 档量程"),
        _rule('R3', 'requires', 'diaphragm', ['5'], 'fill', ['1'],
            "钽膜片只能配硅油灌充液"),
        _rule('R4', 'requires', 'manifold', ['S5', 'S6'], 'connection',
            ['1'], "集成阀组须选用 1/4-18NPT 法兰连接"),
        _rule('R5', 'excludes', 'output', ['F', 'W'], 'extras', ['C6'],
            "现场总线输出不能选 C6 报警值定制"),
        _rule('R6', 'excludes', 'extras', ['E8'], 'extras', ['I1'],
            "隔爆和本安认证只能选其一"),
        _rule('R7', 'requires', 'construction', ['L'], 'extras', ['B4'],
            "液位型须选配 B4 安装支架"),
        ],
    }

_THERMOCOUPLE = {
    'code': 'WR-TC',
    'name': "装配式热电偶",
    'name_en': "Assembled Thermocouple",
    'base_code': 'WR',
    'base_price': '280.00',
    'currency': 'CNY',
    'positions': [
        _position('graduation', "分度号", "Type", [
                ('N', "K 分度", "Type K", "K 分度 镍铬-镍硅"),
                ('E', "E 分度", "Type E", "E 分度 镍铬-铜镍", '20.00'),
                ('F', "J 分度", "Type J", "J 分度 铁-铜镍", '10.00'),
                ('P', "S 分度", "Type S", "S 分度 铂铑10-铂", '1800.00', 7),
                ('R', "B 分度", "Type B", "B 分度 铂铑30-铂铑6", '2600.00',
                    10),
                ]),
        _position('elements', "支数", "Elements", [
                ('', "单支", "Single", ""),
                ('2', "双支", "Duplex", "双支测量元件", '120.00'),
                ]),
        _position('fixing', "安装固定形式", "Fixing", [
                ('1', "无固定装置", "No fixing", "无固定装置"),
                ('2', "固定螺纹", "Fixed thread", "固定螺纹 M27×2",
                    '40.00'),
                ('3', "活动法兰", "Sliding flange", "活动法兰", '60.00'),
                ('4', "固定法兰", "Fixed flange", "固定法兰 DN25 PN1.6",
                    '80.00'),
                ], prefix='-'),
        _position('box', "接线盒", "Head", [
                ('2', "防溅式", "Splash-proof", "防溅式接线盒"),
                ('3', "防水式", "Waterproof", "防水式接线盒", '30.00'),
                ('4', "防爆式", "Explosion-proof", "隔爆接线盒 Ex d IIB T4",
                    '180.00', 5),
                ]),
        _position('diameter', "保护管直径", "Tube Diameter", [
                ('0', "Φ16 mm", "16 mm", "保护管 Φ16"),
                ('1', "Φ20 mm", "20 mm", "保护管 Φ20", '30.00'),
                ]),
        _position('length', "插入深度", "Insertion Length", [
                ('300', "300 mm", "300 mm", "L=300 mm"),
                ('500', "500 mm", "500 mm", "L=500 mm", '20.00'),
                ('750', "750 mm", "750 mm", "L=750 mm", '35.00'),
                ('1000', "1000 mm", "1000 mm", "L=1000 mm", '50.00'),
                ('1500', "1500 mm", "1500 mm", "L=1500 mm", '80.00', 3),
                ], prefix='-'),
        _position('material', "保护管材质", "Tube Material", [
                ('304', "304 不锈钢", "304 SST", "保护管 304"),
                ('316L', "316L 不锈钢", "316L SST", "保护管 316L",
                    '40.00'),
                ('GH3030', "GH3030 高温合金", "GH3030 alloy",
                    "保护管 GH3030", '260.00', 10),
                ('CR', "刚玉", "Corundum", "刚玉保护管", '350.00', 7),
                ], required=False, prefix='-'),
        ],
    'extra_options': {
        'name': "附加选项",
        'prefix': '',
        'option_prefix': '/',
        'options': [
            _option('F', "一体化温度变送器", "Head transmitter",
                "一体化变送器 4~20 mA", '260.00', 3),
            _option('C', "第三方校准证书", "Third-party calibration",
                "第三方计量校准证书", '300.00', 5),
            ],
        },
    'rules': [
        _rule('T1', 'requires', 'graduation', ['P', 'R'], 'material',
            ['CR'], "S、B 分度贵金属热电偶须选刚玉保护管 CR"),
        _rule('T2', 'excludes', 'graduation', ['P', 'R'], 'elements', ['2'],
            "贵金属热电偶只供单支"),
        _rule('T3', 'requires', 'extras', ['F'], 'elements', [''],
            "一体化变送器只能配单支热电偶"),
        _rule('T4', 'excludes', 'box', ['4'], 'extras', ['F'],
            "防爆接线盒内不能安装变送器模块"),
        ],
    }


def differential_pressure():
    "The AM3051 differential pressure transmitter family dict (a copy)"
    return copy.deepcopy(_DIFFERENTIAL_PRESSURE)


def thermocouple():
    "The WR assembled thermocouple family dict (a copy)"
    return copy.deepcopy(_THERMOCOUPLE)


def all_families():
    "Both family dicts, as the exchange format lists them"
    return [differential_pressure(), thermocouple()]
