# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The demo's families beside the two of the tests (tests/families.py):
an electromagnetic flow meter, e.g. FM050P1IA-F/G/Q (DN50, PTFE lining,
316L electrodes, integral converter, 4~20 mA + pulse, flange; grounding
rings and a calibration certificate), and a CNC lathe, e.g.
CK6150-1500H8-W/F (Φ500 swing, 1,500 mm between centres, hydraulic
chuck, 8-station turret, hydraulic tailstock, FANUC 0i-TF)."""
from trytond.modules.ame_selection.tests.families import (
    _option, _position, _rule)

FLOW_METER = {
    'code': 'FM-EM',
    'name': "FM 电磁流量计",
    'name_en': "FM Electromagnetic Flow Meter",
    'base_code': 'FM',
    'base_price': '5200.00',
    'currency': 'CNY',
    'positions': [
        _position('diameter', "公称通径", "Nominal Diameter", [
                ('025', "DN25", "DN25", "DN25，流量 0.2~17 m³/h"),
                ('050', "DN50", "DN50", "DN50，流量 0.7~70 m³/h",
                    '1400.00'),
                ('080', "DN80", "DN80", "DN80，流量 1.8~180 m³/h",
                    '2800.00'),
                ('100', "DN100", "DN100", "DN100，流量 2.8~280 m³/h",
                    '4200.00'),
                ('150', "DN150", "DN150", "DN150，流量 6.4~640 m³/h",
                    '7600.00', 5),
                ('200', "DN200", "DN200", "DN200，流量 11~1100 m³/h",
                    '11800.00', 10),
                ]),
        _position('lining', "衬里材料", "Lining", [
                ('P', "PTFE", "PTFE", "衬里 PTFE"),
                ('R', "氯丁橡胶", "Neoprene", "衬里氯丁橡胶", '-200.00'),
                ('F', "F46", "FEP", "衬里 F46", '300.00', 5),
                ]),
        _position('electrode', "电极材料", "Electrodes", [
                ('1', "316L", "316L SST", "电极 316L"),
                ('2', "哈氏合金 C", "Hastelloy C", "电极哈氏合金 C",
                    '600.00', 7),
                ('3', "钛", "Titanium", "电极钛", '800.00', 7),
                ('4', "钽", "Tantalum", "电极钽", '1600.00', 15),
                ]),
        _position('converter', "转换器形式", "Converter", [
                ('I', "一体型", "Integral", "一体型转换器"),
                ('S', "分体型", "Remote", "分体型转换器，10 m 电缆",
                    '900.00'),
                ]),
        _position('output', "输出信号", "Output", [
                ('A', "4~20 mA + 脉冲", "4-20 mA and pulse",
                    "输出 4~20 mA + 脉冲"),
                ('H', "4~20 mA + HART", "4-20 mA with HART",
                    "输出 4~20 mA，HART 协议", '500.00'),
                ('R', "RS485 Modbus", "RS485 Modbus", "输出 RS485 Modbus",
                    '300.00'),
                ]),
        _position('connection', "过程连接", "Process Connection", [
                ('F', "法兰 PN16", "Flange PN16", "法兰连接 PN16"),
                ('W', "夹装", "Wafer", "夹装式连接", '-300.00'),
                ], prefix='-'),
        ],
    'extra_options': {
        'name': "附加选项",
        'prefix': '',
        'option_prefix': '/',
        'options': [
            _option('G', "接地环", "Grounding rings", "316L 接地环",
                '450.00'),
            _option('E', "隔爆认证 Ex d", "Flameproof Ex d",
                "隔爆型 Ex d IIC T6", '1200.00', 10),
            _option('Q', "出厂标定证书", "Calibration certificate",
                "出厂实流标定证书", '300.00', 3),
            ],
        },
    'rules': [
        _rule('F1', 'requires', 'electrode', ['4'], 'lining', ['P', 'F'],
            "钽电极须配 PTFE 或 F46 衬里"),
        _rule('F2', 'excludes', 'diameter', ['150', '200'], 'connection',
            ['W'], "DN150 以上不能夹装，请选法兰连接"),
        _rule('F3', 'excludes', 'converter', ['S'], 'extras', ['E'],
            "分体型转换器没有隔爆型"),
        _rule('F4', 'requires', 'lining', ['R'], 'diameter',
            ['100', '150', '200'], "氯丁橡胶衬里只用于 DN100 以上"),
        ],
    }

CNC_LATHE = {
    'code': 'CK61',
    'name': "CK61 系列数控车床",
    'name_en': "CK61 CNC Lathes",
    'base_code': 'CK61',
    'base_price': '98000.00',
    'currency': 'CNY',
    'positions': [
        _position('swing', "最大回转直径", "Swing", [
                ('40', "Φ400 mm", "400 mm", "最大回转直径 Φ400 mm"),
                ('50', "Φ500 mm", "500 mm", "最大回转直径 Φ500 mm",
                    '42000.00'),
                ('63', "Φ630 mm", "630 mm", "最大回转直径 Φ630 mm",
                    '98000.00', 15),
                ]),
        _position('length', "最大加工长度", "Length", [
                ('750', "750 mm", "750 mm", "最大加工长度 750 mm"),
                ('1000', "1000 mm", "1000 mm", "最大加工长度 1000 mm",
                    '8000.00'),
                ('1500', "1500 mm", "1500 mm", "最大加工长度 1500 mm",
                    '18000.00', 10),
                ('3000', "3000 mm", "3000 mm", "最大加工长度 3000 mm",
                    '46000.00', 20),
                ], prefix='-'),
        _position('chuck', "卡盘", "Chuck", [
                ('M', "手动三爪卡盘", "Manual chuck", "手动三爪卡盘"),
                ('H', "液压卡盘", "Hydraulic chuck", "中空液压卡盘及油缸",
                    '12000.00'),
                ]),
        _position('turret', "刀架", "Turret", [
                ('4', "四工位电动刀架", "4-station", "四工位电动刀架"),
                ('8', "八工位伺服刀塔", "8-station servo", "八工位伺服刀塔",
                    '16000.00', 5),
                ('12', "十二工位液压刀塔", "12-station hydraulic",
                    "十二工位液压刀塔", '28000.00', 10),
                ]),
        _position('tailstock', "尾座", "Tailstock", [
                ('W', "液压尾座", "Hydraulic tailstock", "可编程液压尾座",
                    '9000.00', 5),
                ], required=False, prefix='-'),
        _position('control', "数控系统", "Control", [
                ('F', "FANUC 0i-TF", "FANUC 0i-TF", "数控系统 FANUC 0i-TF"),
                ('S', "SIEMENS 828D", "SIEMENS 828D",
                    "数控系统 SIEMENS 828D", '6000.00'),
                ('G', "广数 GSK 980TDi", "GSK 980TDi",
                    "数控系统广数 GSK 980TDi", '-15000.00'),
                ], prefix='/'),
        ],
    'extra_options': {
        'name': "附加选项",
        'prefix': '',
        'option_prefix': '/',
        'options': [
            _option('PX', "链板式排屑器", "Chip conveyor", "链板式排屑器",
                '8500.00'),
            _option('AD', "自动门", "Automatic door", "气动自动门",
                '4500.00'),
            _option('TS', "对刀仪", "Tool setter", "雷尼绍对刀仪",
                '12000.00', 7),
            ],
        },
    'rules': [
        _rule('C1', 'requires', 'turret', ['12'], 'chuck', ['H'],
            "十二工位刀塔须配液压卡盘"),
        _rule('C2', 'excludes', 'swing', ['40'], 'length', ['3000'],
            "Φ400 车床最大加工长度不超过 1500 mm"),
        _rule('C3', 'excludes', 'control', ['G'], 'turret', ['12'],
            "广数系统不支持十二工位液压刀塔"),
        _rule('C4', 'requires', 'length', ['3000'], 'tailstock', ['W'],
            "3000 mm 长床身须配液压尾座"),
        ],
    }
