# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo runtime parameters of 示例装备制造有限公司: addresses in China,
amounts printed as 人民币…元整, and the default numbering rule of each
document for the company."""
from trytond.pool import Pool

from ..configuration import DOCUMENTS


def generate(rng, scale):
    pool = Pool()
    Configuration = pool.get('ame.configuration')
    Country = pool.get('country.country')
    china, = Country.search([('code', '=', 'CN')], limit=1)
    configuration = Configuration(1)
    configuration.default_country = china
    configuration.amount_in_words = 'currency'
    # The company (of the context) gets its own value of each numbering
    # rule, so that the administrator changes it for this company only.
    for document in DOCUMENTS:
        name = f'{document}_sequence'
        setattr(configuration, name, getattr(configuration, name))
    configuration.save()
    return []
