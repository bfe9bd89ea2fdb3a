# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""Demo runtime parameters of 示例装备制造有限公司: addresses in China,
amounts printed as 人民币…元整, and the default numbering rule of each
document for the company (quotations BJ, sales orders XS, purchases CG)."""
from trytond.pool import Pool

from ..configuration import DOCUMENTS

# The standard documents' configurations and their numbering rules
NUMBERED = [
    ('sale.configuration', ['sale_quotation_sequence', 'sale_sequence']),
    ('purchase.configuration', ['purchase_sequence']),
    ]


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
    own_rules(configuration, [f'{d}_sequence' for d in DOCUMENTS])
    configuration.save()
    for model, names in NUMBERED:
        try:
            Model = pool.get(model)
        except KeyError:
            continue
        other = Model(1)
        own_rules(other, names)
        other.save()
    return []


def own_rules(configuration, names):
    for name in names:
        setattr(configuration, name, getattr(configuration, name))
