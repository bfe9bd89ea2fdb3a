# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.modules.ame_base.tests.tools import ModuleSetMixin
from trytond.modules.ame_selection.tests.tools import MODULE_EXTRAS
from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase


class AmeSelectionTestCase(ModuleSetMixin, CompanyTestMixin, ModuleTestCase):
    # Tryton's structural checks; the unit tests are in the other
    # test_*.py files.
    module = 'ame_selection'
    extras = MODULE_EXTRAS


del ModuleTestCase
