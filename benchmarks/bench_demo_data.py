# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""The demo data generator at a larger scale, and the master-data searches
users run all day on it: products by model code (型号), employees by
department, sales regions of a city. SQLite by default, AME_DB_URI for
PostgreSQL."""
import os

import common

TENANT = 'ame_bench_demo'
SCALE = int(os.environ.get('AME_BENCH_SCALE', 20))


def main():
    backend = common.configure()
    from trytond.pool import Pool
    from trytond.transaction import Transaction
    print(f"  backend: {backend}; demo data at scale {SCALE}")
    with common.tenant(TENANT, ['ame_base'], scale=SCALE):
        pool = Pool(TENANT)

        def as_admin(func):
            def run():
                with Transaction().start(TENANT, 1, readonly=True):
                    User = pool.get('res.user')
                    with Transaction().set_context(
                            User.get_preferences(context_only=True)):
                        return func()
            return run

        Template = pool.get('product.template')
        Employee = pool.get('company.employee')
        Region = pool.get('ame.sales.region')
        Subdivision = pool.get('country.subdivision')
        with Transaction().start(TENANT, 0, readonly=True):
            products = Template.search_count([])
            employees = Employee.search_count([])
        print(f"  {products} products, {employees} employees")

        def by_model_code():
            return Template.search([('rec_name', 'ilike', '%6150%')])

        def by_department():
            return Employee.search([('department.name', 'ilike', '%销售%')])

        def region_of_city():
            suzhou, = Subdivision.search([('name', '=', '苏州市')])
            return Region.find(suzhou)

        for label, func in [
                ("products by model code (型号 ilike)", by_model_code),
                ("employees of the sales departments", by_department),
                ("sales region of a city", region_of_city),
                ]:
            common.report(label, common.measure(as_admin(func)))


if __name__ == '__main__':
    main()
