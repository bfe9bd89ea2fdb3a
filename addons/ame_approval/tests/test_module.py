# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.modules.company.tests import CompanyTestMixin
from trytond.modules.ame_base.tests.tools import ModuleSetMixin
from trytond.tests.test_tryton import ModuleTestCase


class AmeApprovalTestCase(
        ModuleSetMixin, CompanyTestMixin, ModuleTestCase):
    # Tryton's structural checks, with the documents that adopt approvals;
    # the unit tests of the approval engine are in test_approval.py.
    module = 'ame_approval'
    extras = ['ame_product', 'sale_opportunity', 'purchase']


del ModuleTestCase
