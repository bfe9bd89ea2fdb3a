# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import unittest

from trytond.modules.ame_crm.duplicate import Subdivisions, name_key, phone_key

SUBDIVISIONS = Subdivisions([
        ('江苏省', ['苏州市', '无锡市']),
        ('浙江省', ['杭州市']),
        ('北京市', ['北京市']),
        ('广西壮族自治区', ['南宁市']),
        ])


class DuplicateKeyTestCase(unittest.TestCase):
    "The keys by which two customers are the same company"

    def assertSame(self, *names):
        keys = {name_key(n, SUBDIVISIONS) for n in names}
        self.assertEqual(len(keys), 1, keys)

    def assertDifferent(self, *names):
        keys = [name_key(n, SUBDIVISIONS) for n in names]
        self.assertEqual(len(set(keys)), len(keys), keys)

    def test_legal_forms(self):
        "有限公司, 有限责任公司, 股份有限公司 and (集团) are the same company"
        self.assertSame(
            "苏州精密机械有限公司", "苏州精密机械有限责任公司",
            "苏州精密机械股份有限公司", "苏州精密机械（集团）有限公司",
            "苏州精密机械")

    def test_widths_and_spaces(self):
        "Full-width letters, brackets and spaces are normalised"
        self.assertSame(
            "ＡＢＣ数控（苏州）有限公司", "abc数控(苏州)有限公司",
            "ABC 数控 (苏州) 有限公司")

    def test_province_before_city(self):
        "The province before its city goes, 市 too"
        self.assertSame(
            "江苏省苏州市精密机械有限公司", "江苏苏州精密机械有限公司",
            "苏州市精密机械有限公司", "苏州精密机械有限公司")
        self.assertSame("广西壮族自治区南宁市电力设备厂", "南宁电力设备厂")
        self.assertSame("北京市精雕科技有限公司", "北京精雕科技有限公司")

    def test_places_tell_apart(self):
        "Another city or a province alone is another company"
        self.assertDifferent(
            "苏州精密机械有限公司", "无锡精密机械有限公司",
            "江苏精密机械有限公司", "浙江精密机械有限公司",
            "精密机械有限公司")
        self.assertSame("江苏省精密机械有限公司", "江苏精密机械有限公司")

    def test_phone(self):
        "A number is its digits without China's country code"
        self.assertEqual(phone_key("+86 138-0000-1234"), '13800001234')
        self.assertEqual(phone_key("0086 13800001234"), '13800001234')
        self.assertEqual(phone_key("138 0000 1234"), '13800001234')
        self.assertEqual(phone_key("0512-6666 8888"), '051266668888')
        self.assertIsNone(phone_key("123"))
        self.assertIsNone(phone_key(None))
