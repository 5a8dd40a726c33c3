# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""17.0: an expense is validated through its report: submitted or approved, its OCR review ends
and the vendor memory learns from it. (19.0 has no expense reports; the port patch leaves this
file out.)"""
from odoo import models


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
