# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .ocr_vendor_profile import mark_jobs_to_learn


# 17.0 validates expenses through their sheet; the 19.0 port (no sheets) leaves this file out.
class HrExpenseSheet(models.Model):
    _inherit = "hr.expense.sheet"

    def _do_submit(self):
        res = super()._do_submit()
        mark_jobs_to_learn(self.env, "hr.expense", self.expense_line_ids.ids)
        return res

    def _do_approve(self):
        res = super()._do_approve()
        mark_jobs_to_learn(self.env, "hr.expense", self.expense_line_ids.ids)
        return res
