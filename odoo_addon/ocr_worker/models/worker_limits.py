# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Least privilege for the technical OCR worker user.

The worker group implies Billing and Expense rights because the write-back edits draft bills and expenses as
that user. Those groups allow far more than a worker ever does (post a bill, delete a user's file, file an
expense report), and Odoo's ACLs and record rules cannot take rights away from a group that another group
grants. The calls a worker never makes are therefore refused here, for members of the worker group, unless the
addon itself acts with sudo. Everything the worker does (read, write draft bills/expenses and their lines, create
a draft bill for a loose file, post a note) stays allowed; job state changes only through the token-checked
methods of ocr.job (the group has read-only access to the model).
"""
from odoo import _, api, models
from odoo.exceptions import AccessError

from .hr_expense_sheet import HAS_EXPENSE_REPORTS
from .ocr_job import WORKER_GROUP


def is_restricted_worker(env):
    """True for a request made by a member of the OCR worker group (not sudo, not the superuser)."""
    return not env.su and env.user.has_group(WORKER_GROUP)


def refuse_worker(env, what, records=None):
    # A call on no record changes nothing and is not refused: Odoo calls these in passing on empty sets (19's
    # move-line write unlinks the payments of no statement line, which resets no entry to draft).
    if records is not None and not records:
        return
    if is_restricted_worker(env):
        # _() reads the language from its caller's `context` local (there is no `self` here)
        context = {"lang": env.lang or env.user.lang}  # noqa: F841
        raise AccessError(
            _("The OCR worker account may not %(what)s: it only reads documents and fills in drafts.", what=what)
        )


class AccountMoveWorkerLimits(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        refuse_worker(self.env, _("post journal entries"), self)
        return super()._post(soft=soft)

    def button_draft(self):
        refuse_worker(self.env, _("reset journal entries to draft"), self)
        return super().button_draft()

    def button_cancel(self):
        refuse_worker(self.env, _("cancel journal entries"), self)
        return super().button_cancel()

    def unlink(self):
        refuse_worker(self.env, _("delete journal entries"), self)
        return super().unlink()


class HrExpenseWorkerLimits(models.Model):
    _inherit = "hr.expense"

    def unlink(self):
        refuse_worker(self.env, _("delete expenses"), self)
        return super().unlink()


# Expense reports (hr.expense.sheet) exist up to Odoo 18; 19 dropped them (an expense is submitted on its own).
if HAS_EXPENSE_REPORTS:

    class HrExpenseSheetWorkerLimits(models.Model):
        _inherit = "hr.expense.sheet"

        @api.model_create_multi
        def create(self, vals_list):
            refuse_worker(self.env, _("create expense reports"))
            return super().create(vals_list)

        def write(self, vals):
            refuse_worker(self.env, _("change expense reports"), self)
            return super().write(vals)

        def unlink(self):
            refuse_worker(self.env, _("delete expense reports"), self)
            return super().unlink()

else:

    # 19: an expense is submitted and approved on its own, and the Expense group the worker needs is an approver's
    class HrExpenseApprovalWorkerLimits(models.Model):
        _inherit = "hr.expense"

        def action_submit(self):
            refuse_worker(self.env, _("submit expenses"), self)
            return super().action_submit()

        def action_approve(self):
            refuse_worker(self.env, _("approve expenses"), self)
            return super().action_approve()

        def action_refuse(self):
            refuse_worker(self.env, _("refuse expenses"), self)
            return super().action_refuse()


# The worker creates vendors and their bank accounts, never deletes them. 17's Billing group has no right to delete
# either; 19's has (the ACL rows differ by version), so it is refused here for every version.
class ResPartnerWorkerLimits(models.Model):
    _inherit = "res.partner"

    def unlink(self):
        refuse_worker(self.env, _("delete contacts"), self)
        return super().unlink()


class ResPartnerBankWorkerLimits(models.Model):
    _inherit = "res.partner.bank"

    def write(self, vals):
        # the worker adds a payment code's account to a vendor; changing an account's number or holder would redirect
        # a vendor's payments (a leaked worker key must not)
        if {"acc_number", "partner_id"} & set(vals):
            refuse_worker(self.env, _("change bank accounts"), self)
        return super().write(vals)

    def unlink(self):
        refuse_worker(self.env, _("delete bank accounts"), self)
        return super().unlink()


class IrAttachmentWorkerLimits(models.Model):
    _inherit = "ir.attachment"

    def unlink(self):
        refuse_worker(self.env, _("delete attachments"), self)
        return super().unlink()
