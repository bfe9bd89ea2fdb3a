# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Set-up functions for AME scenarios: the tenant defaults of a real tenant
(CNY, China's provinces and cities, a company in Asia/Shanghai, zh_CN)."""
from proteus import Model
from proteus import config as pconfig

from trytond.modules.ame_base import tenant
from trytond.tests.test_tryton import DB_NAME

COMPANY_NAME = "示例装备制造有限公司"


def setup_tenant(config=None):
    "Give the scenario database the defaults of a new AME tenant"
    if config is None:
        config = pconfig.get_config()
    tenant.run_in_transaction(
        DB_NAME, config.user, tenant.setup_tenant, COMPANY_NAME,
        language='zh_CN')
    User = Model.get('res.user', config=config)
    config._context = User.get_preferences(True, {})
    return config


def get_company(config=None):
    Company = Model.get('company.company', config=config)
    company, = Company.find()
    return company


def load_translations(config=None, language='zh_CN'):
    """Load the modules' translations of the language, as a tenant created
    with it has them (menus and labels then read in Chinese)"""
    Lang = Model.get('ir.lang', config=config)
    lang, = Lang.find([('code', '=', language)])
    Lang.click([lang], 'load_translations')
    return config
