# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt

from trytond.model import DeactivableMixin, ModelSQL, ModelView, fields
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction, without_check_access


class Node(DeactivableMixin, ModelSQL, ModelView):
    # 审批节点: an approval step and who approves it: the holders of a
    # position, the users of a role, the manager of the document's
    # department, that manager's manager, or named users; one of them or all
    # of them.
    __name__ = 'ame.approval.node'
    __string__ = "Approval Node"

    name = fields.Char("Name", required=True)
    company = fields.Many2One(
        'company.company', "Company", required=True, ondelete='CASCADE')
    approver_type = fields.Selection([
            ('position', "Position"),
            ('role', "Role"),
            ('department_manager', "Department Manager"),
            ('manager_of_manager', "Manager's Manager"),
            ('users', "Named Users"),
            ], "Approvers", required=True,
        help="Department Manager: the manager of the department of the "
        "document (else of the submitter); Manager's Manager: the manager "
        "above that one. The submitter never approves his own document.")
    position = fields.Many2One(
        'company.position', "Position", ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('company', -1)),
            ],
        states={
            'required': Eval('approver_type') == 'position',
            'invisible': Eval('approver_type') != 'position',
            },
        context={
            'company': Eval('company', -1),
            },
        depends={'company'},
        help="The employees who hold the position on the day the step "
        "starts approve.")
    role = fields.Many2One(
        'res.role', "Role", ondelete='RESTRICT',
        states={
            'required': Eval('approver_type') == 'role',
            'invisible': Eval('approver_type') != 'role',
            },
        help="The users who have the role on the day the step starts "
        "approve.")
    users = fields.Many2Many(
        'ame.approval.node-res.user', 'node', 'user', "Users",
        states={
            'required': Eval('approver_type') == 'users',
            'invisible': Eval('approver_type') != 'users',
            })
    mode = fields.Selection([
            ('any', "Any One"),
            ('all', "All"),
            ], "Mode", required=True,
        help="Any One: the first approver's decision completes the step; "
        "All: every approver must approve.")
    description = fields.Text("Description")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('name', 'ASC'))

    @classmethod
    def default_company(cls):
        return Transaction().context.get('company')

    @classmethod
    def default_approver_type(cls):
        return 'position'

    @classmethod
    def default_mode(cls):
        return 'any'

    @without_check_access
    def get_candidates(self, request, date=None):
        """Return the users who approve the step of the request: active
        users of the company, not the submitter, within their approval
        limits"""
        pool = Pool()
        Limit = pool.get('ame.approval.limit')
        Date = pool.get('ir.date')
        if date is None:
            with Transaction().set_context(company=request.company.id):
                date = Date.today()
        users = getattr(self, f'_get_users_{self.approver_type}')(
            request, date)
        users = {u for u in users
            if u.active and u != request.submitted_by
            and request.company in u.companies}
        users = Limit.filter_users(
            users, request.company, request.business, request.amount, date)
        return sorted(users, key=lambda u: u.id)

    def _get_users_position(self, request, date):
        pool = Pool()
        EmployeePosition = pool.get('company.employee.position')
        employee_positions = EmployeePosition.search([
                ('position', '=', self.position.id),
                ['OR',
                    ('from_date', '=', None),
                    ('from_date', '<=', date),
                    ],
                ['OR',
                    ('to_date', '=', None),
                    ('to_date', '>=', date),
                    ],
                ])
        return employee_users(
            [p.employee for p in employee_positions], request.company)

    def _get_users_role(self, request, date):
        pool = Pool()
        UserRole = pool.get('res.user.role')
        now = dt.datetime.combine(date, dt.datetime.now().time())
        return [r.user for r in UserRole.search([
                    ('role', '=', self.role.id),
                    ['OR',
                        ('from_date', '=', None),
                        ('from_date', '<=', now),
                        ],
                    ['OR',
                        ('to_date', '=', None),
                        ('to_date', '>=', now),
                        ],
                    ])]

    def _get_managers(self, request):
        "The managers above the submitter in the department of the request"
        if not request.department:
            return []
        submitters = set(request.submitted_by.employees)
        return [m for m in request.department.get_manager_chain()
            if m not in submitters]

    def _get_users_department_manager(self, request, date):
        managers = self._get_managers(request)
        return employee_users(managers[:1], request.company)

    def _get_users_manager_of_manager(self, request, date):
        managers = self._get_managers(request)
        return employee_users(managers[1:2], request.company)

    def _get_users_users(self, request, date):
        return list(self.users)


class NodeUser(ModelSQL):
    __name__ = 'ame.approval.node-res.user'
    __string__ = "Approval Node - User"

    node = fields.Many2One(
        'ame.approval.node', "Node", required=True, ondelete='CASCADE')
    user = fields.Many2One(
        'res.user', "User", required=True, ondelete='CASCADE')


def employee_users(employees, company):
    "Return the users who act as the employees in the company"
    pool = Pool()
    User = pool.get('res.user')
    employees = [e for e in employees if e.company == company]
    if not employees:
        return []
    with without_check_access():
        return User.search([
                ('employees', 'in', [e.id for e in employees]),
                ])
