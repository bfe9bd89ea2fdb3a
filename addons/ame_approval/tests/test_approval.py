# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model.exceptions import AccessError, RequiredValidationError
from trytond.modules.ame_approval.exceptions import (
    ApprovalConfigurationError, ApprovalError, ApprovalRequiredError,
    ApproverError)
from trytond.modules.ame_base.tests.tools import (
    AmeTestCase, rolled_back, today)
from trytond.modules.ame_organisation.tests.tools import (
    HEAD_DEPARTMENTS, create_departments, create_positions, set_managers)
from trytond.modules.ame_permission.tests.tools import create_user
from trytond.modules.company.tests import create_company, set_company
from trytond.modules.currency.tests import add_currency_rate, create_currency
from trytond.model.modelview import AccessButtonError
from trytond.pool import Pool
from trytond.pyson import PYSONDecoder
from trytond.tests.test_tryton import with_transaction
from trytond.transaction import Transaction



class ApprovalTestCase(AmeTestCase):
    "Approval configuration, routing, approvers, limits and delegations"
    module = 'ame_approval'
    extras = ['ame_product', 'sale_opportunity', 'purchase']

    def _organisation(self, company):
        """总经办 > 销售部 > 华东销售一部, positions, employees and their
        users; return a dict of the records by short name"""
        org = {'company': company, **create_positions(company)}
        org['gm_dept'], org['sales_dept'], org['east_dept'] = (
            create_departments(company, HEAD_DEPARTMENTS).values())
        # login, name, department, position, from, to, roles
        rows = [
            ('gm', "王建国", 'gm_dept', 'GM', None, None, []),
            ('sales_manager', "李强", 'sales_dept', 'SALES-MGR', None, None,
                []),
            ('east_manager', "赵敏", 'east_dept', 'SALES-MGR',
                dt.date(2022, 1, 1), None, []),
            ('sales', "陈静", 'east_dept', 'SALES-REP', None, None, []),
            ('finance', "林芳", 'gm_dept', 'FIN', None, None,
                ['role_finance']),
            ('former', "周杰", 'sales_dept', 'SALES-MGR',
                dt.date(2015, 1, 1), dt.date(2020, 12, 31), []),
            ]
        for (login, name, department, position, from_date, to_date,
                roles) in rows:
            # Every AME role grants the approvers' group; these users have
            # it without role
            org[login + '_employee'], org[login] = create_user(
                company, login, org[department], roles, name=name,
                groups=['ame_approval.group_approval'],
                position=org[position], from_date=from_date,
                to_date=to_date)
        set_managers({
                org['gm_dept']: org['gm_employee'],
                org['sales_dept']: org['sales_manager_employee'],
                org['east_dept']: org['east_manager_employee'],
                })
        return org

    def _configuration(self, org):
        "The sales business with a three-level flow above 500,000"
        pool = Pool()
        Business = pool.get('ame.approval.business')
        Node = pool.get('ame.approval.node')
        Flow = pool.get('ame.approval.flow')
        ModelData = pool.get('ir.model.data')
        company = org['company']
        business, = Business.create([{
                    'name': "销售报价审批", 'company': company.id,
                    'model': 'sale.sale', 'transition': 'confirm',
                    'amount_field': 'total_amount'}])
        org['business'] = business
        org['node_sm'], org['node_gm'], org['node_fin'] = Node.create([{
                    'name': "销售经理", 'company': company.id,
                    'approver_type': 'position',
                    'position': org['SALES-MGR'].id,
                    }, {
                    'name': "总经理", 'company': company.id,
                    'approver_type': 'position', 'position': org['GM'].id,
                    }, {
                    'name': "财务", 'company': company.id,
                    'approver_type': 'role',
                    'role': ModelData.get_id('ame_permission', 'role_finance'),
                    }])
        org['flow_big'], org['flow_small'] = Flow.create([{
                    'business': business.id, 'name': "大额销售审批",
                    'sequence': 10, 'min_amount': Decimal(500000),
                    'levels': [('create', [
                                {'sequence': 1, 'node': org['node_sm'].id},
                                {'sequence': 2, 'node': org['node_gm'].id},
                                {'sequence': 3, 'node': org['node_fin'].id},
                                ])],
                    }, {
                    'business': business.id, 'name': "常规销售审批",
                    'sequence': 20, 'max_amount': Decimal(500000),
                    'levels': [('create', [
                                {'sequence': 1, 'node': org['node_sm'].id},
                                ])],
                    }])
        return business

    def _sale(self, org, amount, state='quotation', employee=None):
        pool = Pool()
        Party = pool.get('party.party')
        Sale = pool.get('sale.sale')
        customer, = Party.create([{
                    'name': "苏州精密机械有限公司",
                    'addresses': [('create', [{}])]}])
        sale, = Sale.create([{
                    'party': customer.id,
                    'invoice_address': customer.addresses[0].id,
                    'company': org['company'].id,
                    'employee': employee.id if employee else None,
                    'invoice_method': 'manual',
                    'shipment_method': 'manual',
                    'lines': [('create', [{
                                    'type': 'line',
                                    'description': "数控车床 CK6150",
                                    'quantity': 1,
                                    'unit_price': Decimal(amount),
                                    }])],
                    }])
        Sale.write([sale], {'state': state})
        return sale

    def _submitted_sale(self, org, amount, submitter='sales'):
        """A quotation of the submitter's employee, submitted by him; return
        it with its request and steps"""
        pool = Pool()
        Sale = pool.get('sale.sale')
        sale = self._sale(org, amount, employee=org[submitter + '_employee'])
        with Transaction().set_user(org[submitter].id):
            Sale.submit_approval([sale])
        return (Sale(sale.id), *self._steps(sale))

    def _run_decision(self, wizard, records, comment=None, action=None):
        """Run the approval or rejection wizard on the records (steps or
        documents) as the client does; return what it ends with"""
        pool = Pool()
        Wizard = pool.get(wizard, type='wizard')
        ModelData = pool.get('ir.model.data')
        context = {
            'active_model': records[0].__name__,
            'active_id': records[0].id,
            'active_ids': [r.id for r in records],
            }
        if action:
            context['action_id'] = ModelData.get_id('ame_approval', action)
        with Transaction().set_context(context):
            session_id, _, _ = Wizard.create()
            result = Wizard.execute(session_id, {}, 'start')
            Wizard.execute(session_id, {
                    'start': {'comment': comment}}, 'decide')
            end = Wizard.delete(session_id)
        return result['view']['defaults'], end

    def _request(self, org, submitter, department=None, amount=None):
        "An unsaved request, to resolve approvers"
        pool = Pool()
        Request = pool.get('ame.approval.request')
        return Request(
            company=org['company'], business=org['business'],
            amount=Decimal(amount) if amount is not None else None,
            department=department or org['east_dept'],
            submitted_by=org[submitter])

    def _steps(self, sale):
        pool = Pool()
        Request = pool.get('ame.approval.request')
        request, = Request.search([
                ('document', '=', str(sale)),
                ('state', '=', 'pending'),
                ])
        return request, list(request.steps)

    @with_transaction()
    def test_business_selections(self):
        "The business offers the approvable models, actions and amounts"
        pool = Pool()
        Business = pool.get('ame.approval.business')
        company = create_company()
        with set_company(company):
            self.assertIn('sale.sale', dict(Business.get_models()))
            business = Business(model='sale.sale')
            self.assertEqual(
                [n for n, _ in business.get_transitions() if n],
                ['confirm'])
            amounts = dict(business.get_amount_fields())
            self.assertIn('total_amount', amounts)
            self.assertIn('untaxed_amount', amounts)
            self.assertNotIn('number', amounts)

    @with_transaction()
    def test_business_condition_invalid(self):
        "A condition that is not a domain of the document is refused"
        pool = Pool()
        Business = pool.get('ame.approval.business')
        company = create_company()
        with set_company(company):
            business, = Business.create([{
                        'name': "销售报价审批", 'company': company.id,
                        'model': 'sale.sale', 'transition': 'confirm'}])
            for condition in [
                    '[["no_such_field", "=", 1]]', 'invoice_method',
                    '{"a": 1}', '[["state", "like"]]']:
                with self.subTest(condition=condition):
                    with self.assertRaises(ApprovalConfigurationError) as cm, \
                            rolled_back():
                        Business.write([business], {'condition': condition})
                    self.assertEqual(cm.exception.message, gettext(
                            'ame_approval.msg_condition_invalid',
                            condition=condition, record="销售报价审批"))
                    self.assertIsNone(Business(business.id).condition)
            Business.write([business], {
                    'condition': '[["invoice_method", "=", "manual"]]'})

    @with_transaction()
    def test_business_threshold_needs_amount(self):
        "An amount threshold or range needs an amount field"
        pool = Pool()
        Business = pool.get('ame.approval.business')
        Flow = pool.get('ame.approval.flow')
        company = create_company()
        with set_company(company):
            with self.assertRaises(ApprovalConfigurationError) as cm, \
                    rolled_back():
                Business.create([{
                            'name': "采购审批", 'company': company.id,
                            'model': 'sale.sale', 'transition': 'confirm',
                            'min_amount': Decimal(100000)}])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_approval.msg_business_threshold_without_amount',
                    business="采购审批"))
            self.assertEqual(Business.search([]), [])

            org = self._organisation(company)
            business = self._configuration(org)
            with self.assertRaises(ApprovalConfigurationError) as cm, \
                    rolled_back():
                Business.write([business], {'amount_field': None})
            self.assertEqual(cm.exception.message, gettext(
                    'ame_approval.msg_flow_amount_without_field',
                    flow="大额销售审批", business="销售报价审批"))
            self.assertEqual(
                Business(business.id).amount_field, 'total_amount')

            with self.assertRaises(ApprovalConfigurationError) as cm, \
                    rolled_back():
                Flow.write([org['flow_big']], {'max_amount': Decimal(1000)})
            self.assertEqual(cm.exception.message, gettext(
                    'ame_approval.msg_flow_amount_range', flow="大额销售审批"))
            self.assertIsNone(Flow(org['flow_big'].id).max_amount)

    @with_transaction()
    def test_flow_needs_levels(self):
        "A flow has at least one level"
        pool = Pool()
        Flow = pool.get('ame.approval.flow')
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            business = self._configuration(org)
            with self.assertRaises(RequiredValidationError), rolled_back():
                Flow.create([{'business': business.id, 'name': "空流程"}])
            self.assertEqual(len(Flow.search([])), 2)

    @with_transaction()
    def test_routing_by_amount(self):
        "The first matching flow by sequence routes the document"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Business = pool.get('ame.approval.business')
        Flow = pool.get('ame.approval.flow')
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            business = self._configuration(org)
            big = self._sale(org, 1200000)
            limit = self._sale(org, 500000)
            small = self._sale(org, 86000)
            routes = Sale.get_approval_routes([big, limit, small], 'confirm')
            self.assertEqual(routes[big], (
                    business, org['flow_big'], Decimal('1200000.00')))
            self.assertEqual(routes[limit][1], org['flow_small'])
            self.assertEqual(routes[small][1], org['flow_small'])

            # A threshold on the business: small sales need no approval
            Business.write([business], {'min_amount': Decimal(100000)})
            routes = Sale.get_approval_routes([big, small], 'confirm')
            self.assertEqual(routes[small], (None, None, None))
            self.assertEqual(
                Sale(small.id).approval_state, 'none')
            self.assertEqual(Sale(big.id).approval_state, 'required')

            # A condition on the flow (document type)
            Flow.write([org['flow_big']], {
                    'condition': '[["invoice_method", "=", "order"]]'})
            routes = Sale.get_approval_routes([big], 'confirm')
            self.assertEqual(routes[big][1], None)

            # A condition on the business
            Flow.write([org['flow_big']], {'condition': None})
            Business.write([business], {
                    'condition': '[["invoice_method", "=", "order"]]'})
            routes = Sale.get_approval_routes([big], 'confirm')
            self.assertEqual(routes[big], (None, None, None))

            # An inactive business does not apply
            Business.write([business], {'condition': None, 'active': False})
            routes = Sale.get_approval_routes([big], 'confirm')
            self.assertEqual(routes[big], (None, None, None))

    @with_transaction()
    def test_candidates_position(self):
        "The holders of the position today approve, not the submitter"
        pool = Pool()
        Node = pool.get('ame.approval.node')
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            node = org['node_sm']
            self.assertEqual(
                node.get_candidates(self._request(org, 'sales')),
                [org['sales_manager'], org['east_manager']])
            self.assertEqual(
                node.get_candidates(self._request(org, 'sales_manager')),
                [org['east_manager']])
            # Before 2022 赵敏 was not a sales manager, 周杰 was
            self.assertEqual(
                node.get_candidates(
                    self._request(org, 'sales'), date=dt.date(2019, 5, 1)),
                [org['sales_manager'], org['former']])
            # Inactive users do not approve
            org['east_manager'].active = False
            org['east_manager'].save()
            self.assertEqual(
                Node(node.id).get_candidates(self._request(org, 'sales')),
                [org['sales_manager']])

    @with_transaction()
    def test_candidates_role(self):
        "The users of the role approve"
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            self.assertEqual(
                org['node_fin'].get_candidates(self._request(org, 'sales')),
                [org['finance']])
            self.assertEqual(
                org['node_fin'].get_candidates(
                    self._request(org, 'finance')), [])

    @with_transaction()
    def test_candidates_managers(self):
        "The manager of the department and the manager's manager"
        pool = Pool()
        Node = pool.get('ame.approval.node')
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            manager, manager2 = Node.create([{
                        'name': "部门经理", 'company': company.id,
                        'approver_type': 'department_manager',
                        }, {
                        'name': "上级经理", 'company': company.id,
                        'approver_type': 'manager_of_manager',
                        }])
            request = self._request(org, 'sales')
            self.assertEqual(
                manager.get_candidates(request), [org['east_manager']])
            self.assertEqual(
                manager2.get_candidates(request), [org['sales_manager']])
            # The manager submits: the managers above him approve
            request = self._request(org, 'east_manager')
            self.assertEqual(
                manager.get_candidates(request), [org['sales_manager']])
            self.assertEqual(manager2.get_candidates(request), [org['gm']])
            # The top manager has nobody above his manager
            request = self._request(
                org, 'sales', department=org['gm_dept'])
            self.assertEqual(manager.get_candidates(request), [org['gm']])
            self.assertEqual(manager2.get_candidates(request), [])

    @with_transaction()
    def test_candidates_users(self):
        "Named users approve"
        pool = Pool()
        Node = pool.get('ame.approval.node')
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            node, = Node.create([{
                        'name': "指定人员", 'company': company.id,
                        'approver_type': 'users', 'mode': 'all',
                        'users': [('add', [
                                    org['gm'].id, org['finance'].id])],
                        }])
            self.assertEqual(
                node.get_candidates(self._request(org, 'sales')),
                [org['gm'], org['finance']])
            self.assertEqual(
                node.get_candidates(self._request(org, 'gm')),
                [org['finance']])
            with self.assertRaises(RequiredValidationError), rolled_back():
                Node.create([{
                            'name': "指定人员", 'company': company.id,
                            'approver_type': 'users'}])

    @with_transaction()
    def test_limits(self):
        "Approvers whose limits are below the amount do not approve"
        pool = Pool()
        Limit = pool.get('ame.approval.limit')
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            node = org['node_sm']
            Limit.create([{
                        'company': company.id,
                        'position': org['SALES-MGR'].id,
                        'max_amount': Decimal(1000000),
                        }])
            self.assertEqual(
                node.get_candidates(
                    self._request(org, 'sales', amount=1000000)),
                [org['sales_manager'], org['east_manager']])
            self.assertEqual(
                node.get_candidates(
                    self._request(org, 'sales', amount=1000001)),
                [])
            # A higher limit of the user for this business wins
            Limit.create([{
                        'company': company.id,
                        'business': org['business'].id,
                        'user': org['sales_manager'].id,
                        'max_amount': Decimal(5000000),
                        }])
            self.assertEqual(
                node.get_candidates(
                    self._request(org, 'sales', amount=3000000)),
                [org['sales_manager']])
            # Approvers without limits are not limited
            self.assertEqual(
                org['node_gm'].get_candidates(
                    self._request(org, 'sales', amount=90000000)),
                [org['gm']])

            with self.assertRaises(ApprovalConfigurationError) as cm, \
                    rolled_back():
                Limit.create([{
                            'company': company.id,
                            'user': org['gm'].id,
                            'position': org['GM'].id,
                            'max_amount': Decimal(1),
                            }])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_approval.msg_limit_user_or_position', limit="王建国"))
            self.assertEqual(len(Limit.search([])), 2)

    @with_transaction()
    def test_delegation_dates(self):
        "A substitute acts for the user from the first to the last day"
        pool = Pool()
        Delegation = pool.get('ame.approval.delegation')
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            business = self._configuration(org)
            Delegation.create([{
                        'user': org['gm'].id,
                        'substitute': org['sales_manager'].id,
                        'from_date': dt.date(2026, 3, 1),
                        'to_date': dt.date(2026, 3, 10),
                        }, {
                        'user': org['finance'].id,
                        'substitute': org['sales_manager'].id,
                        'business': business.id,
                        'from_date': dt.date(2026, 3, 5),
                        'to_date': dt.date(2026, 3, 5),
                        }])
            for date, principals in [
                    (dt.date(2026, 2, 28), []),
                    (dt.date(2026, 3, 1), [org['gm']]),
                    (dt.date(2026, 3, 5), [org['gm'], org['finance']]),
                    (dt.date(2026, 3, 10), [org['gm']]),
                    (dt.date(2026, 3, 11), []),
                    ]:
                with self.subTest(date=date):
                    self.assertEqual(sorted(Delegation.get_principals(
                                org['sales_manager'], business, date),
                            key=lambda u: u.id), principals)
            self.assertEqual(Delegation.get_principals(
                    org['sales_manager'], None, dt.date(2026, 3, 5)),
                [org['gm']])

            with self.assertRaises(ApprovalConfigurationError) as cm, \
                    rolled_back():
                Delegation.create([{
                            'user': org['gm'].id,
                            'substitute': org['finance'].id,
                            'from_date': dt.date(2026, 3, 10),
                            'to_date': dt.date(2026, 3, 1),
                            }])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_approval.msg_delegation_dates',
                    delegation="王建国 → 林芳"))
            with self.assertRaises(ApprovalConfigurationError) as cm, \
                    rolled_back():
                Delegation.create([{
                            'user': org['gm'].id,
                            'substitute': org['gm'].id,
                            'from_date': dt.date(2026, 3, 1),
                            'to_date': dt.date(2026, 3, 1),
                            }])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_approval.msg_delegation_self',
                    delegation="王建国 → 王建国"))
            self.assertEqual(len(Delegation.search([])), 2)

    @with_transaction()
    def test_three_levels(self):
        "A large sale passes three levels, then it may be confirmed"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Step = pool.get('ame.approval.step')
        Notification = pool.get('res.notification')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            sale = self._sale(org, 1200000)
            self.assertEqual(sale.approval_state, 'required')

            with self.assertRaises(ApprovalRequiredError) as cm:
                Sale.confirm([sale])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_approval.msg_approval_required',
                    document=sale.get_approval_name(),
                    business="销售报价审批"))

            with transaction.set_user(org['sales'].id):
                Sale.submit_approval([sale])
            sale = Sale(sale.id)
            self.assertEqual(sale.approval_state, 'waiting')
            request, steps = self._steps(sale)
            self.assertEqual(request.amount, Decimal('1200000.00'))
            self.assertEqual(request.department, org['east_dept'])
            self.assertEqual(request.submitted_by, org['sales'])
            self.assertEqual(
                [s.state for s in steps], ['pending', 'waiting', 'waiting'])
            self.assertEqual(
                list(steps[0].candidates),
                [org['sales_manager'], org['east_manager']])
            notifications = Notification.search([
                    ('model', '=', 'ame.approval.step'),
                    ])
            self.assertEqual(
                sorted(n.user.login for n in notifications),
                ['east_manager', 'sales_manager'])
            with self.assertRaises(ApprovalError), rolled_back():
                with transaction.set_user(org['sales'].id):
                    Sale.submit_approval([sale])

            for login, step in zip(
                    ['east_manager', 'gm', 'finance'], steps):
                with transaction.set_user(org[login].id):
                    self.assertEqual(
                        Step.search([('is_my_turn', '=', True)]), [step])
                    Step.decide([step], 'approve')
                    self.assertEqual(
                        Step.search([('is_my_turn', '=', True)]), [])
                    self.assertEqual(
                        Step.search([('decided_by_me', '=', True)]), [step])
            request, = sale.approval_requests
            self.assertEqual(request.state, 'approved')
            self.assertEqual(
                [s.state for s in request.steps], ['approved'] * 3)
            self.assertEqual(
                [(d.user, d.decision) for d in Sale(sale.id).approval_history],
                [(org['east_manager'], 'approve'), (org['gm'], 'approve'),
                    (org['finance'], 'approve')])
            self.assertFalse(Notification.search([
                        ('model', '=', 'ame.approval.step'),
                        ('unread', '=', True),
                        ]))
            submitter, = Notification.search([
                    ('user', '=', org['sales'].id)])
            self.assertEqual(submitter.model, 'sale.sale')
            self.assertEqual(Sale(sale.id).approval_state, 'approved')

            Sale.confirm([sale])
            self.assertEqual(Sale(sale.id).state, 'confirmed')

    @with_transaction()
    def test_inbox(self):
        """我的待审批: the rows name the document, its customer and amount;
        one notification per waiting approver, gone once he decided; the
        decision with its comment from the row or from the document"""
        pool = Pool()
        Sale = pool.get('sale.sale')
        Step = pool.get('ame.approval.step')
        Notification = pool.get('res.notification')
        ModelData = pool.get('ir.model.data')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            # The dialogs open on the quotation for those who read it
            pool.get('res.user').write(
                [org[u] for u in ['sales', 'sales_manager', 'gm']], {
                    'groups': [('add', [
                                ModelData.get_id('sale', 'group_sale')])],
                    })
            sale = self._sale(org, 1200000, employee=org['sales_employee'])
            sale.number = 'XS202612-0007'
            sale.save()

            # 提交审批 tells the submitter who approves next
            with transaction.set_user(org['sales'].id):
                action = Sale.submit_approval([sale])
                self.assertEqual(action, ModelData.get_id(
                        'ame_approval', 'wizard_sale_submitted'))
                submitted = pool.get(
                    'ame.approval.request.submitted', type='wizard')
                with transaction.set_context(active_model='sale.sale',
                        active_id=sale.id, active_ids=[sale.id]):
                    session_id, _, _ = submitted.create()
                    result = submitted.execute(session_id, {}, 'start')
                    submitted.delete(session_id)
            amount = pool.get('ir.lang').get().currency(
                Decimal(1200000), sale.currency, grouping=True)
            self.assertIn("1,200,000.00", amount)
            name = f"XS202612-0007 (苏州精密机械有限公司, {amount})"
            self.assertEqual(
                result['view']['defaults']['message'],
                f'"{name}" is submitted to the approval "销售报价审批". '
                "Next: level 1 \"销售经理\", approved by 李强、赵敏.")

            request, steps = self._steps(sale)
            self.assertEqual(request.rec_name, name)
            self.assertEqual(steps[0].rec_name, f"{name}, level 1 销售经理")
            with transaction.set_user(org['sales_manager'].id):
                row, = Step.search([('is_my_turn', '=', True)])
                self.assertEqual(row.document, sale)
                self.assertEqual(row.party, "苏州精密机械有限公司")
                self.assertEqual(row.amount, Decimal('1200000.00'))
                self.assertEqual(row.submitted_by, org['sales'])
                self.assertGreaterEqual(row.waiting, dt.timedelta(0))
                self.assertEqual(row.approvers, "李强、赵敏")
                self.assertTrue(Sale(sale.id).approval_my_turn)
            with transaction.set_user(org['gm'].id):
                self.assertFalse(Sale(sale.id).approval_my_turn)
                with self.assertRaises(ApprovalError) as cm, rolled_back():
                    Sale.approve_approval([sale])
                self.assertEqual(cm.exception.message, gettext(
                        'ame_approval.msg_approval_not_my_turn',
                        document=sale.get_approval_name()))

            # The bell: once each approver of the waiting level
            def bell():
                return sorted(
                    (n.user.login, n.label) for n in Notification.search([
                            ('model', '=', 'ame.approval.step')]))
            self.assertEqual(bell(), [
                    ('east_manager', f"To approve: {name}"),
                    ('sales_manager', f"To approve: {name}"),
                    ])

            # A rejection without a reason is refused; nothing changes
            with transaction.set_user(org['sales_manager'].id):
                with self.assertRaises(ApprovalError) as cm, rolled_back():
                    self._run_decision(
                        'ame.approval.step.reject', [steps[0]], "  ")
                self.assertEqual(cm.exception.message, gettext(
                        'ame_approval.msg_reject_comment_required'))
            self.assertEqual(Step(steps[0].id).state, 'pending')
            self.assertEqual(len(bell()), 2)

            # Approved with a comment from the row: it leaves his turn
            with transaction.set_user(org['sales_manager'].id):
                self.assertEqual(
                    Step.search_count([('is_my_turn', '=', True)]), 1)
                defaults, end = self._run_decision(
                    'ame.approval.step.approve', [steps[0]], "价格合理。")
                self.assertEqual(defaults['documents'], request.rec_name)
                self.assertEqual(defaults['decision'], 'approve')
                self.assertEqual(end, 'reload')
                self.assertEqual(
                    Step.search_count([('is_my_turn', '=', True)]), 0)
                decided, = Step.search([('decided_by_me', '=', True)])
                self.assertEqual(decided.my_decision, 'approve')
                self.assertEqual(decided.my_comment, "价格合理。")
                self.assertEqual(decided.state, 'approved')
            # The level is decided: the other approver's notification goes
            # too; the general manager's comes
            self.assertEqual(bell(), [('gm', f"To approve: {name}")])

            # The general manager rejects from the quotation's form
            with transaction.set_user(org['gm'].id):
                self.assertTrue(Sale(sale.id).approval_my_turn)
                self.assertEqual(
                    Sale.reject_approval([sale]),
                    ModelData.get_id('ame_approval', 'wizard_sale_reject'))
                self._run_decision(
                    'ame.approval.step.reject', [Sale(sale.id)],
                    "交期太紧。", action='wizard_sale_reject')
            self.assertEqual(Step(steps[1].id).state, 'rejected')
            self.assertEqual(Sale(sale.id).state, 'draft')
            self.assertEqual(bell(), [])
            rejected, = Notification.search([('user', '=', org['sales'].id)])
            self.assertEqual(rejected.label, f"Rejected: {name}")
            self.assertEqual(rejected.description, "销售报价审批: 交期太紧。")

    @with_transaction()
    def test_approver_sees_the_document(self):
        "An approver sees the document of his pending step, out of scope"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Step = pool.get('ame.approval.step')
        UserRole = pool.get('res.user.role')
        ModelData = pool.get('ir.model.data')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            sale = self._sale(org, 1200000)
            Sale.write([sale], {'employee': org['sales_employee'].id})
            # The sales manager's own scope does not reach 陈静's sale
            UserRole.create([{
                        'user': org['sales_manager'].id,
                        'role': ModelData.get_id(
                            'ame_permission', 'role_sales_rep'),
                        }])

            def visible():
                with transaction.set_user(org['sales_manager'].id), \
                        transaction.set_context(_check_access=True):
                    return Sale.search([])
            self.assertEqual(visible(), [])

            with transaction.set_user(org['sales'].id):
                Sale.submit_approval([sale])
            self.assertEqual(visible(), [sale])

            _, steps = self._steps(sale)
            with transaction.set_user(org['east_manager'].id):
                Step.decide([steps[0]], 'approve')
            self.assertEqual(visible(), [])

    @with_transaction()
    def test_approver_list_shows_readable_documents(self):
        "我的待审批 shows the document to whoever may read its kind"
        pool = Pool()
        Step = pool.get('ame.approval.step')
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            sale, _, steps = self._submitted_sale(org, 1200000)
            approver = org['east_manager']

            # Without the sales rights the step is listed, not the sale
            with transaction.set_user(approver.id), \
                    transaction.set_context(_check_access=True):
                self.assertEqual(Step.search([('is_my_turn', '=', True)]),
                    steps[:1])
                step, = Step.read([steps[0].id], ['document'])
                self.assertIsNone(step['document'])

            # A sales user who may not read purchases still gets the
            # document column (Tryton drops a reference column when one of
            # its models is unreadable) and the quotation's name.
            User.write([approver], {'groups': [('add', [
                                ModelData.get_id('sale', 'group_sale')])]})
            with transaction.set_user(approver.id), \
                    transaction.set_context(_check_access=True):
                arch = Step.fields_view_get(view_type='tree')['arch']
                self.assertIn('name="document"', arch)
                step, = Step.read(
                    [steps[0].id], ['document', 'document.rec_name'])
                self.assertEqual(step['document'], str(sale))
                self.assertEqual(
                    step['document.']['rec_name'], sale.rec_name)

    @with_transaction()
    def test_approve_out_of_turn(self):
        "Only an approver of the current step decides, once, not his own"
        pool = Pool()
        Step = pool.get('ame.approval.step')
        Decision = pool.get('ame.approval.decision')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            sale, _, steps = self._submitted_sale(org, 1200000)

            # The approver of level 2 before level 1
            with transaction.set_user(org['gm'].id):
                with self.assertRaises(ApproverError) as cm, rolled_back():
                    Step.approve([steps[0]])
                self.assertEqual(cm.exception.message, gettext(
                        'ame_approval.msg_step_not_approver',
                        step=steps[0].rec_name, user="王建国"))
                with self.assertRaises(ApprovalError) as cm, rolled_back():
                    Step.approve([steps[1]])
                self.assertEqual(cm.exception.message, gettext(
                        'ame_approval.msg_step_not_pending',
                        step=steps[1].rec_name, state="Waiting"))
            # The submitter
            with transaction.set_user(org['sales'].id):
                with self.assertRaises(ApproverError) as cm, rolled_back():
                    Step.approve([steps[0]])
                self.assertEqual(cm.exception.message, gettext(
                        'ame_approval.msg_step_own_document',
                        step=steps[0].rec_name))
            self.assertEqual(Decision.search([]), [])
            self.assertEqual(Step(steps[0].id).state, 'pending')


    @with_transaction()
    def test_reject_and_resubmit(self):
        "A rejection needs a reason, takes the sale back to draft"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Step = pool.get('ame.approval.step')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            sale, _, steps = self._submitted_sale(org, 1200000)
            with transaction.set_user(org['sales_manager'].id):
                Step.decide([steps[0]], 'approve')
            with transaction.set_user(org['gm'].id):
                with self.assertRaises(ApprovalError) as cm, rolled_back():
                    Step.decide([steps[1]], 'reject', "  ")
                self.assertEqual(cm.exception.message, gettext(
                        'ame_approval.msg_reject_comment_required'))
                self.assertEqual(Step(steps[1].id).state, 'pending')
                Step.decide(
                    [steps[1]], 'reject', "交期太紧，请与客户重新确认。")
            sale = Sale(sale.id)
            self.assertEqual(sale.state, 'draft')
            self.assertEqual(sale.approval_state, 'rejected')
            self.assertEqual(
                sale.approval_reason, "交期太紧，请与客户重新确认。")
            self.assertEqual(
                [Step(s.id).state for s in steps],
                ['approved', 'rejected', 'skipped'])

            # Quoted again and re-submitted: a new request
            Sale.write([sale], {'state': 'quotation'})
            with transaction.set_user(org['sales'].id):
                Sale.submit_approval([sale])
            sale = Sale(sale.id)
            self.assertEqual(sale.approval_state, 'waiting')
            self.assertEqual(
                [r.state for r in sale.approval_requests],
                ['pending', 'rejected'])

            # Back to draft cancels the pending request
            Sale.draft([sale])
            sale = Sale(sale.id)
            self.assertEqual(
                [r.state for r in sale.approval_requests],
                ['cancelled', 'rejected'])
            self.assertEqual(sale.approval_state, 'required')

    @with_transaction()
    def test_mode_all(self):
        "Mode all waits for every approver; any waits for one"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Node = pool.get('ame.approval.node')
        Step = pool.get('ame.approval.step')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            Node.write([org['node_sm']], {'mode': 'all'})
            sale, request, (step,) = self._submitted_sale(org, 86000)
            with transaction.set_user(org['sales_manager'].id):
                Step.decide([step], 'approve')
                with self.assertRaises(ApprovalError) as cm, rolled_back():
                    Step.approve([step])
                self.assertEqual(cm.exception.message, gettext(
                        'ame_approval.msg_step_already_decided',
                        step=step.rec_name))
            self.assertEqual(Step(step.id).state, 'pending')
            with transaction.set_user(org['east_manager'].id):
                Step.decide([step], 'approve')
            self.assertEqual(Step(step.id).state, 'approved')
            self.assertEqual(Sale(sale.id).approval_state, 'approved')

            Node.write([org['node_sm']], {'mode': 'any'})
            sale, request, (step,) = self._submitted_sale(org, 86000)
            with transaction.set_user(org['east_manager'].id):
                Step.decide([step], 'approve')
            self.assertEqual(Step(step.id).state, 'approved')

    @with_transaction()
    def test_delegated_approval(self):
        "A substitute approves for the approver; the history says so"
        pool = Pool()
        Step = pool.get('ame.approval.step')
        Delegation = pool.get('ame.approval.delegation')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            Delegation.create([{
                        'user': org['gm'].id,
                        'substitute': org['finance'].id,
                        'from_date': today(),
                        'to_date': today() + dt.timedelta(days=7),
                        }])
            sale, _, steps = self._submitted_sale(org, 1200000)
            with transaction.set_user(org['sales_manager'].id):
                Step.decide([steps[0]], 'approve')
            with transaction.set_user(org['finance'].id):
                self.assertEqual(
                    Step.search([('is_my_turn', '=', True)]), [steps[1]])
                Step.decide([steps[1]], 'approve')
            decision = Step(steps[1].id).decisions[0]
            self.assertEqual(decision.user, org['finance'])
            self.assertEqual(decision.on_behalf_of, org['gm'])
            self.assertEqual(decision.approver, gettext(
                    'ame_approval.msg_decision_on_behalf_of',
                    user="林芳", principal="王建国"))

    @with_transaction()
    def test_no_approver(self):
        "A flow whose level has nobody to approve cannot be submitted"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Request = pool.get('ame.approval.request')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            sale = self._sale(org, 1200000)
            # The finance user submits: the finance level has nobody else
            with transaction.set_user(org['finance'].id):
                with self.assertRaises(ApprovalError) as cm, rolled_back():
                    Sale.submit_approval([sale])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_approval.msg_step_no_approver',
                    document=sale.get_approval_name(), level=3,
                    node="财务", flow="大额销售审批"))
            self.assertEqual(Request.search([]), [])

    @with_transaction()
    def test_approval_records_over_rpc(self):
        "Nobody writes the approval records; the buttons decide in turn"
        pool = Pool()
        Step = pool.get('ame.approval.step')
        Request = pool.get('ame.approval.request')
        Decision = pool.get('ame.approval.decision')
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            sale, request, steps = self._submitted_sale(org, 1200000)
            step = steps[0]

            def as_user(login):
                return (transaction.set_user(org[login].id),
                    transaction.set_context(_check_access=True))

            # An approver of the step writes it, its request, a decision
            for Model, records, values in [
                    (Step, [step], {'state': 'approved'}),
                    (Request, [request], {'state': 'approved'}),
                    ]:
                with self.assertRaises(AccessError) as cm, rolled_back():
                    with transaction.set_user(org['east_manager'].id), \
                            transaction.set_context(_check_access=True):
                        Model.write(records, values)
                self.assertEqual(cm.exception.message, gettext(
                        'ir.msg_access_rule_error', **Model.__names__()))
            with self.assertRaises(AccessError), rolled_back():
                with transaction.set_user(org['east_manager'].id), \
                        transaction.set_context(_check_access=True):
                    Decision.create([{
                                'step': step.id,
                                'user': org['east_manager'].id,
                                'decision': 'approve',
                                'date': dt.datetime.now(),
                                }])
            self.assertEqual(Step(step.id).state, 'pending')
            self.assertEqual(Request(request.id).state, 'pending')

            # The button of a step that is not his turn (level 2)
            with self.assertRaises(AccessError) as cm, rolled_back():
                with transaction.set_user(org['gm'].id), \
                        transaction.set_context(_check_access=True):
                    Step.approve([steps[1]])
            self.assertEqual(cm.exception.message, gettext(
                    'ir.msg_read_rule_error', ids=str(steps[1].id),
                    model="Approval Step",
                    rules="Submitter, approvers and data scope"))

            # An approver without the approvers' group (no AME role)
            User.write([org['east_manager']], {'groups': [('remove', [
                                ModelData.get_id(
                                    'ame_approval', 'group_approval')])]})
            with self.assertRaises(AccessButtonError) as cm, rolled_back():
                with transaction.set_user(org['east_manager'].id), \
                        transaction.set_context(_check_access=True):
                    Step.approve([step])
            self.assertEqual(cm.exception.message, gettext(
                    'ir.msg_access_button_error', button='approve',
                    **Step.__names__()))

            # The submitter, who reads the step, clicks out of turn
            with self.assertRaises(AccessButtonError) as cm, rolled_back():
                with transaction.set_user(org['sales'].id), \
                        transaction.set_context(_check_access=True):
                    Step.approve([step])
            self.assertEqual(cm.exception.message, gettext(
                    'ir.msg_button_state_record', button='approve',
                    **Step.__names__(record=step)))
            self.assertEqual(Decision.search([]), [])
            self.assertEqual(Step(step.id).state, 'pending')

            # The approver in turn, as the client calls it (a new instance:
            # the one above caches the submitter's turn): the button opens
            # the approval, which decides
            with transaction.set_user(org['sales_manager'].id), \
                    transaction.set_context(_check_access=True):
                self.assertEqual(
                    Step.approve([Step(step.id)]),
                    ModelData.get_id('ame_approval', 'wizard_step_approve'))
                self._run_decision(
                    'ame.approval.step.approve', [Step(step.id)])
            self.assertEqual(Step(step.id).state, 'approved')
            self.assertEqual(Step(steps[1].id).state, 'pending')

    @with_transaction()
    def test_approval_records_follow_the_document(self):
        "The submitter and the approvers read a request, nobody else"
        pool = Pool()
        Step = pool.get('ame.approval.step')
        Request = pool.get('ame.approval.request')
        Decision = pool.get('ame.approval.decision')
        Delegation = pool.get('ame.approval.delegation')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            sale, request, steps = self._submitted_sale(org, 86000)
            with transaction.set_user(org['east_manager'].id):
                Step.decide(steps, 'approve')

            def visible(login):
                with transaction.set_user(org[login].id), \
                        transaction.set_context(_check_access=True):
                    return (Request.search([]), Step.search([]),
                        len(Decision.search([])))
            for login in ['sales', 'sales_manager', 'east_manager']:
                self.assertEqual(
                    visible(login), ([request], steps, 1), msg=login)
            # 王建国 neither submitted nor approves it
            self.assertEqual(visible('gm'), ([], [], 0))
            with self.assertRaises(AccessError), \
                    transaction.set_user(org['gm'].id), \
                    transaction.set_context(_check_access=True):
                Request.read([request.id], ['amount', 'department'])
            # ... unless he substitutes an approver today
            Delegation.create([{
                        'user': org['east_manager'].id,
                        'substitute': org['gm'].id,
                        'from_date': today(), 'to_date': today(),
                        }])
            self.assertEqual(visible('gm'), ([request], steps, 1))

    @with_transaction()
    def test_request_data_scope_rule(self):
        "The owner's data scope reads his requests (ame_permission's context)"
        pool = Pool()
        Rule = pool.get('ir.rule')
        Request = pool.get('ame.approval.request')
        ModelData = pool.get('ir.model.data')
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            _, request, _ = self._submitted_sale(org, 86000)
            rule = Rule(ModelData.get_id(
                    'ame_approval', 'rule_request_data_scope'))

            def scope(data_scope, employees=(), departments=(),
                    models=('sale.sale',)):
                domain = PYSONDecoder({
                        'approval_readable_models': list(models),
                        'data_scope': data_scope,
                        'employees': [org[e + '_employee'].id
                            for e in employees],
                        'data_scope_departments': [
                            org[d].id for d in departments],
                        }).decode(rule.domain)
                return Request.search(domain)
            self.assertEqual(scope('own', ['sales']), [request])
            self.assertEqual(scope('own', ['east_manager']), [])
            # The owner's manager
            self.assertEqual(
                scope('department', ['east_manager'], ['east_dept']),
                [request])
            self.assertEqual(
                scope('department_tree', ['sales_manager'],
                    ['sales_dept', 'east_dept']),
                [request])
            self.assertEqual(scope('department', ['gm'], ['gm_dept']), [])
            self.assertEqual(scope('company', ['gm']), [request])
            # Whatever his scope, not who may not read sales (a warehouse
            # keeper with the company's scope)
            self.assertEqual(scope('company', ['gm'], models=()), [])
            # Without the context (a user without employee): nothing
            self.assertEqual(Request.search(
                    PYSONDecoder({}).decode(rule.domain)), [])

    @with_transaction()
    def test_approval_state_stored(self):
        "The lists read the approval state; only the approval moves it"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Business = pool.get('ame.approval.business')
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            business = self._configuration(org)
            draft = self._sale(org, 86000, state='draft')
            quotation = self._sale(org, 86000)
            self.assertEqual(
                Sale.search([('approval_state', '=', 'required')]),
                [quotation])
            self.assertEqual(draft.approval_state, 'none')

            # The configuration changes: the quotations follow
            Business.write([business], {'min_amount': Decimal(100000)})
            self.assertEqual(Sale(quotation.id).approval_state, 'none')
            Business.write([business], {'min_amount': None})
            self.assertEqual(Sale(quotation.id).approval_state, 'required')

            # Nobody writes it, nor creates a document with it
            User.write([org['sales']], {'groups': [('add', [
                                ModelData.get_id('sale', 'group_sale')])]})
            sale = self._sale(org, 86000, employee=org['sales_employee'])
            with transaction.set_user(org['sales'].id), \
                    transaction.set_context(_check_access=True):
                with self.assertRaises(AccessError) as cm, rolled_back():
                    Sale.write([sale], {'approval_state': 'approved'})
                self.assertEqual(cm.exception.message, gettext(
                        'ame_approval.msg_approval_state_modify'))
                with self.assertRaises(AccessError), rolled_back():
                    Sale.create([{
                                'party': sale.party.id,
                                'employee': org['sales_employee'].id,
                                'approval_state': 'approved',
                                }])
                copy, = Sale.copy([sale])
            self.assertEqual(Sale(sale.id).approval_state, 'required')
            self.assertEqual(copy.approval_state, 'none')
            self.assertEqual(copy.approval_requests, ())

    @with_transaction()
    def test_content_changed(self):
        "An approval binds the customer, the lines and the amounts"
        pool = Pool()
        Sale = pool.get('sale.sale')
        SaleLine = pool.get('sale.line')
        Party = pool.get('party.party')
        Step = pool.get('ame.approval.step')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            sale, request, (step,) = self._submitted_sale(org, 86000)
            with transaction.set_user(org['sales_manager'].id):
                Step.decide([step], 'approve')
            self.assertEqual(Sale(sale.id).approval_state, 'approved')

            # The customer changes after the approval (a write that the
            # form does not offer, as the server would let it through)
            other, = Party.create([{
                        'name': "无锡重工机械有限公司",
                        'addresses': [('create', [{}])]}])
            Sale.write([sale], {
                    'party': other.id,
                    'invoice_address': other.addresses[0].id})
            sale = Sale(sale.id)
            customer = gettext('ame_approval.msg_approval_changed_customer')
            self.assertEqual(sale.approval_state, 'required')
            self.assertEqual(sale.approval_reason, customer)
            with self.assertRaises(ApprovalRequiredError) as cm, \
                    rolled_back():
                Sale.confirm([sale])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_approval.msg_approval_content_changed',
                    document=sale.get_approval_name(),
                    business="销售报价审批", changes=customer))
            self.assertEqual(Sale(sale.id).state, 'quotation')

            # Submitted again and approved, it is confirmed
            with transaction.set_user(org['sales'].id):
                Sale.submit_approval([sale])
            self.assertEqual(Sale(sale.id).approval_state, 'waiting')
            request, (step,) = self._steps(sale)
            # The price changes while it waits: the approvers do not decide
            # on it any more
            SaleLine.write(list(sale.lines), {'unit_price': Decimal(96000)})
            sale = Sale(sale.id)
            self.assertEqual(sale.approval_state, 'required')
            self.assertEqual(sale.approval_reason, '；'.join([
                        gettext('ame_approval.msg_approval_changed_lines'),
                        gettext('ame_approval.msg_approval_changed_amount'),
                        ]))
            self.assertEqual(step.__class__(step.id).state, 'skipped')
            with transaction.set_user(org['sales'].id):
                Sale.submit_approval([sale])
            _, (step,) = self._steps(sale)
            with transaction.set_user(org['sales_manager'].id):
                Step.decide([step], 'approve')
            Sale.confirm([sale])
            self.assertEqual(Sale(sale.id).state, 'confirmed')

    @with_transaction()
    def test_purchase_content_changed(self):
        "A purchase approval binds its supplier"
        pool = Pool()
        Purchase = pool.get('purchase.purchase')
        Party = pool.get('party.party')
        Business = pool.get('ame.approval.business')
        Flow = pool.get('ame.approval.flow')
        Step = pool.get('ame.approval.step')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            business, = Business.create([{
                        'name': "采购订单审批", 'company': company.id,
                        'model': 'purchase.purchase', 'transition': 'confirm',
                        'amount_field': 'total_amount'}])
            Flow.create([{
                        'business': business.id, 'name': "采购审批",
                        'levels': [('create', [
                                    {'sequence': 1,
                                        'node': org['node_sm'].id}])],
                        }])
            supplier, other = Party.create([{
                        'name': "沈阳数控系统有限公司",
                        'addresses': [('create', [{}])],
                        }, {
                        'name': "大连机床附件有限公司",
                        'addresses': [('create', [{}])],
                        }])
            purchase, = Purchase.create([{
                        'party': supplier.id,
                        'invoice_address': supplier.addresses[0].id,
                        'company': company.id,
                        'invoice_method': 'manual',
                        'lines': [('create', [{
                                        'type': 'line',
                                        'description': "数控系统 (20 套)",
                                        'quantity': 20,
                                        'unit_price': Decimal(9000),
                                        }])],
                        }])
            Purchase.write([purchase], {'state': 'quotation'})
            self.assertEqual(purchase.approval_state, 'required')
            with transaction.set_user(org['sales'].id):
                Purchase.submit_approval([purchase])
            with transaction.set_user(org['sales_manager'].id):
                Step.decide(Step.search([]), 'approve')
            self.assertEqual(
                Purchase(purchase.id).approval_state, 'approved')

            Purchase.write([purchase], {
                    'party': other.id,
                    'invoice_address': other.addresses[0].id})
            purchase = Purchase(purchase.id)
            changed = gettext('ame_approval.msg_approval_changed_supplier')
            self.assertEqual(purchase.approval_state, 'required')
            self.assertEqual(purchase.approval_reason, changed)
            with self.assertRaises(ApprovalRequiredError) as cm:
                Purchase.confirm([purchase])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_approval.msg_approval_content_changed',
                    document=purchase.get_approval_name(),
                    business="采购订单审批", changes=changed))

    @with_transaction()
    def test_cancel_withdraws_approval(self):
        "A cancelled quotation loses its approval, even quoted again"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Step = pool.get('ame.approval.step')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            sale, request, (step,) = self._submitted_sale(org, 86000)
            with transaction.set_user(org['sales_manager'].id):
                Step.decide([step], 'approve')
            Sale.cancel([sale])
            self.assertEqual(request.__class__(request.id).state, 'cancelled')
            Sale.draft([sale])
            Sale.quote([sale])
            sale = Sale(sale.id)
            self.assertEqual(sale.approval_state, 'required')
            with self.assertRaises(ApprovalRequiredError) as cm:
                Sale.confirm([sale])
            self.assertEqual(cm.exception.message, gettext(
                    'ame_approval.msg_approval_required',
                    document=sale.get_approval_name(),
                    business="销售报价审批"))

    @with_transaction()
    def test_delete_document_with_requests(self):
        "A quotation waiting approval stays; a cancelled one takes them"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Request = pool.get('ame.approval.request')
        Step = pool.get('ame.approval.step')
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            sale, request, steps = self._submitted_sale(org, 86000)
            with self.assertRaises(AccessError) as cm, rolled_back():
                Sale.delete([sale])
            self.assertEqual(cm.exception.message, gettext(
                    'sale.msg_sale_delete_cancel', sale=sale.rec_name))
            self.assertEqual(Request.search([]), [request])

            Sale.cancel([sale])
            Sale.delete([sale])
            self.assertEqual(Request.search([]), [])
            self.assertEqual(Step.search([]), [])

    @with_transaction()
    def test_other_currency(self):
        "A sale in another currency is routed by its company amount"
        pool = Pool()
        Sale = pool.get('sale.sale')
        transaction = Transaction()
        company = create_company()
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            # 1 company currency (usd) = 7 of the sale's
            cny = create_currency('cny')
            add_currency_rate(cny, 7)
            sale = self._sale(
                org, 4200000, state='draft', employee=org['sales_employee'])
            Sale.write([sale], {'currency': cny.id})
            Sale.quote([sale])
            self.assertEqual(Sale(sale.id).approval_state, 'required')
            with transaction.set_user(org['sales'].id):
                Sale.submit_approval([sale])
            request, steps = self._steps(sale)
            self.assertEqual(
                (request.flow, request.amount, request.currency),
                (org['flow_big'], Decimal('600000.00'), company.currency))
            self.assertEqual(len(steps), 3)

    @with_transaction()
    def test_other_company(self):
        "The approvals of a company neither apply to nor show in another"
        pool = Pool()
        Sale = pool.get('sale.sale')
        Request = pool.get('ame.approval.request')
        User = pool.get('res.user')
        transaction = Transaction()
        company = create_company()
        other = create_company("无锡分公司", currency=company.currency)
        with set_company(company):
            org = self._organisation(company)
            self._configuration(org)
            _, request, _ = self._submitted_sale(org, 86000)
        with set_company(other):
            sale = self._sale(dict(org, company=other), 1200000)
            self.assertEqual(sale.approval_state, 'none')
            Sale.confirm([sale])
            self.assertEqual(Sale(sale.id).state, 'confirmed')

        def requests():
            with transaction.set_user(org['sales'].id), \
                    transaction.set_context(_check_access=True):
                return Request.search([])
        self.assertEqual(requests(), [request])
        # 陈静 works in the other company now
        User.write([org['sales']], {
                'companies': [('add', [other.id])],
                'company': other.id,
                'employee': None})
        self.assertEqual(requests(), [])
