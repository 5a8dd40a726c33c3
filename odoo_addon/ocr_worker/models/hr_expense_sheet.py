# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""An expense is validated — submitted or approved — and its OCR review ends and the vendor memory learns from it.
Up to 18 that happens through its expense report (hr.expense.sheet); 19 dropped reports: an expense is submitted
and approved on its own."""
import importlib.util

from odoo import models

# Expense reports (hr.expense.sheet) exist up to Odoo 18 (worker_limits.py asks too)
HAS_EXPENSE_REPORTS = importlib.util.find_spec("odoo.addons.hr_expense.models.hr_expense_sheet") is not None

if HAS_EXPENSE_REPORTS:

    class HrExpenseSheet(models.Model):
        _inherit = "hr.expense.sheet"

        def _do_submit(self):
            res = super()._do_submit()
            self.expense_line_ids._ocr_validated("submitted")
            return res

        def _do_approve(self):
            res = super()._do_approve()
            self.expense_line_ids._ocr_validated("approved")
            return res

else:

    class HrExpenseValidation(models.Model):
        _inherit = "hr.expense"

        def action_submit(self):
            res = super().action_submit()
            # an expense no one needs to approve was approved inside (its _do_approve said so already)
            self.filtered(lambda e: e.approval_state == "submitted")._ocr_validated("submitted")
            return res

        def _do_approve(self, check=True):
            res = super()._do_approve(check=check)
            self.filtered(lambda e: e.approval_state == "approved")._ocr_validated("approved")
            return res
