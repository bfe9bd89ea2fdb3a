# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase


class AmeBaseTestCase(CompanyTestMixin, ModuleTestCase):
    # Tryton's structural checks, without then with the optional
    # integrations; the unit tests of each concept are in the other
    # test_*.py files.
    module = 'ame_base'


class AmeBaseExtrasTestCase(CompanyTestMixin, ModuleTestCase):
    "The generic checks on the records of ame_base's optional modules"
    module = 'ame_base'
    extras = ['sale_opportunity', 'purchase']


del ModuleTestCase
