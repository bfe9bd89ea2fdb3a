# This file is part of AME. The COPYRIGHT file at the top level of this
# repository contains the full copyright notices and license terms.
from trytond.exceptions import UserError
from trytond.model.exceptions import AccessError, ValidationError


class ApprovalConfigurationError(ValidationError):
    "Invalid approval configuration (business, node, flow, limit)"


class ApprovalError(UserError):
    "An approval cannot be submitted or decided"


class ApprovalRequiredError(ApprovalError):
    "A guarded transition is refused until its approval is complete"


class ApproverError(AccessError):
    "The user is not an approver of the current step"
