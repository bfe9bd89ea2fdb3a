# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
"""What the security suite attacks, declared once.

A module whose documents adopt the data scope (an owner employee and a
department) or the approvals adds a ``Target`` to TARGETS; the suite then
runs every attack of tests/security/ on it, as each role of ROLES. Nothing
else is written for it: the attacks are generated from these declarations.

The roles and employees are those of the demo tenant
(addons/ame_base/demo/organisation.py and roles.py; the approval flows of
addons/ame_approval/demo.py). The suite makes its own documents, as the
administrator, owned by the employees named here, so that an attack that
succeeds spoils none of the demo's records.
"""
import dataclasses
import datetime as dt


@dataclasses.dataclass(frozen=True)
class Role:
    "A demo login: his employee, and the owners of documents he may not see"
    employee: str
    # Employees (codes) in the user's data scope, besides himself
    insiders: tuple = ()
    # Employees whose documents are outside the user's data scope
    outsiders: tuple = ()


# login -> Role, from the roles' data scopes in the demo organisation
ROLES = {
    # 销售员, 本人: 陈静 of 华东销售一部
    'sales': Role('E0004', outsiders=('E0005', 'E0007')),
    # 应用工程师, 本部门: 孙浩 of 应用工程部
    'engineer': Role('E0009', outsiders=('E0004',)),
    # 销售经理, 本部门及下级: 李强 of 销售部 and its two departments
    'sales_manager': Role(
        'E0002', insiders=('E0004', 'E0007'), outsiders=('E0009',)),
    # 服务经理, 本部门及下级: 马超 of 售后服务部
    'service_manager': Role('E0011', outsiders=('E0004',)),
    # 总经理 and 财务, 本公司
    'gm': Role('E0001', insiders=('E0004', 'E0009', 'E0013')),
    'finance': Role('E0013', insiders=('E0004', 'E0009')),
    # Without access to the sales documents
    'warehouse': Role('E0010'),
    'service': Role('E0012'),
    }


@dataclasses.dataclass(frozen=True)
class Lines:
    "The lines of a document, seen through their parent's access"
    model: str
    parent: str
    # Numeric fields a user types (quantity, price)
    numbers: tuple = ('quantity',)
    # The One2Many of the document
    field: str = 'lines'


@dataclasses.dataclass(frozen=True)
class Approval:
    "A transition guarded by the approvals of the demo (审批配置)"
    transition: str
    # The buttons that bring a new document to the guarded state
    submit_from: tuple
    # Who submits (the owner) and who approves the demo's flow
    submitter: str
    approvers: tuple
    # Other values of the approved content (from the World)
    content: object
    # The button that submits the document to its approval, once in the
    # guarded state (a document whose own button submits it: that button,
    # and no submit_from)
    submit_button: str = 'submit_approval'


@dataclasses.dataclass(frozen=True)
class Target:
    "A document that adopts the data scope (and maybe the approvals)"
    model: str
    # Logins with read access to the model (the others have none), and
    # those of them who may also change and create its documents
    readers: tuple
    writers: tuple
    # None for a model without lines
    lines: Lines
    # Values of a new document (ids from the World); its owner is added
    new: object
    # A state no client may write, with what the state requires (None for
    # a model without workflow)
    forbidden_state: object
    # Fields the server sets: read-only in the form, or computed
    server_fields: tuple
    # The owner employee and his department; None for a model whose
    # records follow their parent's data scope and have no owner
    owner: str = 'employee'
    department: str = 'department'
    # The Many2One to the model of another target whose data scope the
    # records follow (__access__): a record "of" an employee is then on
    # his parent record (his customer)
    parent: str = None
    state: str = 'state'
    # A text the user types (the attacks tamper with it) and the number
    # the server gives
    text: str = 'description'
    number: str = 'number'
    # A dotted read through a relation of the record
    related: str = 'party.name'
    # Other fields whose change the snapshots show
    watched: tuple = ('state', 'party')
    # Logins who read every record of the model (no data scope applies to
    # them): only their writes are attacked
    unscoped: tuple = ()
    history: bool = False
    approval: Approval = None
    # False for a company-wide document that no employee owns (price
    # strategies): attacked for its approvals and bad input, not for a
    # data scope it has not
    scoped: bool = True

    def __str__(self):
        return self.model

    @property
    def parent_target(self):
        "The target of the parent model"
        if self.parent:
            model = TARGET_PARENTS[self.model]
            target, = [t for t in TARGETS if t.model == model]
            return target

    @property
    def owner_path(self):
        "The path from the record to its owner employee"
        if self.owner:
            return self.owner
        return f'{self.parent}.{self.parent_target.owner}'


def now():
    return {'__class__': 'datetime', **{
            k: getattr(dt.datetime.now(), k) for k in [
                'year', 'month', 'day', 'hour', 'minute', 'second']},
        'microsecond': 0}


def today():
    return _date(dt.date.today())


def _date(date):
    return {'__class__': 'date', **{
            k: getattr(date, k) for k in ['year', 'month', 'day']}}


def decimal(value):
    return {'__class__': 'Decimal', 'decimal': str(value)}


def _sale(world):
    return {
        'party': world.customer,
        'invoice_address': world.customer_address,
        'shipment_address': world.customer_address,
        'warehouse': world.warehouse,
        'payment_term': world.payment_term,
        'lines': [('create', [{
                        'product': world.product,
                        'quantity': 2,
                        'unit': world.unit,
                        # Below 500,000: one level (销售经理)
                        'unit_price': decimal(45000),
                        }])],
        }


def _purchase(world):
    return {
        'party': world.customer,
        'invoice_address': world.customer_address,
        'warehouse': world.warehouse,
        'lines': [('create', [{
                        'product': world.product,
                        'quantity': 1,
                        'unit': world.unit,
                        # Above 100,000: 总经理 approves
                        'unit_price': decimal(150000),
                        }])],
        }


def _opportunity(world):
    return {
        'party': world.customer,
        'amount': decimal(90000),
        'lines': [('create', [{
                        'product': world.product,
                        'quantity': 3,
                        'unit': world.unit,
                        }])],
        }


def _customer(world):
    return {
        'is_customer': True,
        'addresses': [('create', [{'street': "安全测试路 1 号"}])],
        }


def _price_strategy(world):
    # Valid from a day so far ahead that the strategy, once approved,
    # prices none of the quotations of the tests that share the tenant
    start = dt.date.today() + dt.timedelta(days=3650)
    return {
        'kind': 'product',
        'start_date': _date(start),
        'lines': [('create', [{
                        'scope': 'product',
                        'product': world.product,
                        'method': 'discount',
                        'discount': decimal(5),
                        }])],
        }


def _contact(world):
    return {}


def _contact_record(world):
    type_, = world.admin.model('ame.dictionary.value', 'search', [
            ('category.code', '=', 'contact_type'), ('code', '=', 'visit'),
            ], 0, 1, None)
    return {'type': type_, 'date': now()}


# The logins whose roles have 销售 (sale.group_sale)
SALES_GROUP = (
    'sales', 'engineer', 'sales_manager', 'service_manager', 'gm', 'finance')
# The logins whose roles have 客户管理 (ame_crm.group_crm)
CRM_GROUP = ('sales', 'engineer', 'sales_manager', 'gm')

TARGETS = [
    Target(
        'sale.sale',
        readers=SALES_GROUP,
        writers=SALES_GROUP,
        lines=Lines('sale.line', 'sale', ('quantity', 'unit_price')),
        new=_sale,
        forbidden_state=lambda: {'state': 'confirmed', 'sale_date': today()},
        server_fields=(
            'department', 'number', 'quotation_number', 'quoted_by',
            'confirmed_by', 'approval_state', 'below_floor_price'),
        approval=Approval(
            'confirm', ('quote',), submitter='sales',
            approvers=('sales_manager',), content=lambda world: {
                'party': world.other_customer,
                'invoice_address': world.other_customer_address,
                'shipment_address': world.other_customer_address,
                }),
        ),
    Target(
        'purchase.purchase',
        # 库存 reads the purchases
        readers=('finance', 'gm', 'warehouse', 'service_manager'),
        writers=('finance', 'gm'),
        lines=Lines('purchase.line', 'purchase', ('quantity', 'unit_price')),
        new=_purchase,
        forbidden_state=lambda: {
            'state': 'confirmed', 'purchase_date': today()},
        server_fields=(
            'department', 'number', 'quoted_by', 'confirmed_by',
            'approval_state'),
        approval=Approval(
            'confirm', ('quote',), submitter='finance', approvers=('gm',),
            content=lambda world: {
                'party': world.other_customer,
                'invoice_address': world.other_customer_address,
                }),
        ),
    Target(
        'sale.opportunity',
        # Sales reads the opportunities
        readers=SALES_GROUP,
        writers=('sales', 'engineer', 'sales_manager', 'gm'),
        lines=Lines('sale.opportunity.line', 'opportunity'),
        new=_opportunity,
        forbidden_state=lambda: {'state': 'won', 'end_date': today()},
        server_fields=('department', 'number', 'converted_by'),
        history=True,
        ),
    Target(
        'party.party',
        readers=CRM_GROUP,
        writers=CRM_GROUP,
        lines=None,
        new=_customer,
        forbidden_state=None,
        server_fields=(
            'owner_department', 'customer_number', 'customer_name_key'),
        owner='owner',
        department='owner_department',
        text='name',
        number='customer_number',
        related='addresses.street',
        watched=('is_customer', 'credit_code'),
        # They read the customers of their documents (shipments,
        # invoices, service orders): no data scope applies to them
        unscoped=('finance', 'warehouse', 'service', 'service_manager'),
        ),
    # 客户联系人: the persons of a customer follow it
    Target(
        'ame.customer.contact',
        readers=CRM_GROUP,
        writers=CRM_GROUP,
        lines=None,
        new=_contact,
        forbidden_state=None,
        server_fields=(),
        owner=None,
        department=None,
        parent='party',
        text='name',
        number=None,
        watched=('party',),
        # Who reads the customers of their documents reads their persons
        unscoped=('finance', 'warehouse', 'service', 'service_manager'),
        ),
    # 客户联系记录: read with the customer, changed by the author's scope
    Target(
        'ame.contact.record',
        readers=CRM_GROUP,
        writers=CRM_GROUP,
        lines=None,
        new=_contact_record,
        forbidden_state=None,
        server_fields=('follow_up',),
        department=None,
        parent='party',
        text='content',
        number=None,
        watched=('party', 'follow_up'),
        ),
    # 价格策略: the company's, kept by 价格策略管理, approved by 总经理
    Target(
        'ame.price.strategy',
        # The sales roles read the active and expired strategies
        readers=SALES_GROUP,
        writers=('sales_manager', 'gm'),
        lines=Lines('ame.price.strategy.line', 'strategy',
            ('min_quantity', 'discount', 'unit_price')),
        new=_price_strategy,
        forbidden_state=lambda: {'state': 'active'},
        server_fields=(
            'number', 'version', 'previous_version', 'approval_state'),
        owner=None,
        department=None,
        text='name',
        related='company.rec_name',
        watched=('state', 'start_date'),
        approval=Approval(
            'approve', (), submitter='sales_manager', approvers=('gm',),
            content=lambda world: {'start_date': _date(
                    dt.date.today() + dt.timedelta(days=3651))},
            submit_button='submit'),
        scoped=False,
        ),
    ]
# The model of the parent of each target that has one
TARGET_PARENTS = {
    'ame.customer.contact': 'party.party',
    'ame.contact.record': 'party.party',
    }

# The business handover (业务移交): login -> an employee in his data scope
# and one outside it, both without a login, so that a handover of all
# their documents moves only those the handover attacks make.
HANDOVER_WIZARD = 'ame.handover'
HANDOVER_ROLES = {
    'sales_manager': ('E0006', 'E0008'),
    }


def scoped():
    "The targets with a data scope"
    return [t for t in TARGETS if t.scoped]


def outside_scope():
    """(target, login, owner): the documents of owner are outside the data
    scope of login, or login may not read target at all"""
    for target in scoped():
        for login, role in ROLES.items():
            if login in target.unscoped:
                continue
            if login in target.readers:
                owners = role.outsiders
            else:
                owners = (ROLES[target.readers[0]].employee,)
            for owner in owners:
                yield target, login, owner


def readers():
    "(target, login): login may read documents of target"
    for target in scoped():
        for login in target.readers:
            yield target, login


def writers():
    "(target, login): login may change his own documents of target"
    for target in scoped():
        for login in target.writers:
            yield target, login


def handing_out():
    "(target, login, outsider): login has outsiders"
    for target, login in writers():
        for outsider in ROLES[login].outsiders:
            yield target, login, outsider
