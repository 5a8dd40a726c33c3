# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""17.0: an expense's OCR review ends when its report is submitted or approved.
(19.0 has no expense reports; the port patch leaves this file out.)"""
from odoo import models


class HrExpenseSheetReview(models.Model):
    _inherit = "hr.expense.sheet"

    def _do_submit(self):
        res = super()._do_submit()
        self.expense_line_ids._ocr_end_review("submitted")
        return res

    def _do_approve(self):
        res = super()._do_approve()
        self.expense_line_ids._ocr_end_review("approved")
        return res
