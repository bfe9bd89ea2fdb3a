# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.model import DeactivableMixin, ModelSQL, ModelView, Unique, fields
from trytond.modules.ame_base.model import CodeSearchMixin
from trytond.pyson import Eval
from trytond.transaction import Transaction


class Position(CodeSearchMixin, DeactivableMixin, ModelSQL, ModelView):
    # 岗位管理: the jobs of a company (总经理, 销售员, 服务工程师 ...),
    # held by employees through company.employee.position.
    __name__ = 'company.position'
    __string__ = "Position"

    name = fields.Char("Name", required=True)
    code = fields.Char("Code", required=True, strip=True)
    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='CASCADE')
    department = fields.Many2One(
        'company.department', "Department", ondelete='SET NULL',
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        context={
            'company': Eval('company', -1),
            },
        depends={'company'},
        help="The department where the position usually is.")
    description = fields.Text("Description")
    employee_positions = fields.One2Many(
        'company.employee.position', 'position', "Employees", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('code_unique', Unique(t, t.company, t.code),
                'ame_organisation.msg_position_code_unique'),
            ]
        cls._order.insert(0, ('code', 'ASC'))

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

