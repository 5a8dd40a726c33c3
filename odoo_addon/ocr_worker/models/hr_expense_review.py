# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Expenses: which suggestion fills which field; the review ends when the report is
submitted or approved."""
from odoo import models


class HrExpenseReview(models.Model):
    _inherit = "hr.expense"

    def _ocr_suggestion_fields(self):
        amount = "total_amount_currency" if "total_amount_currency" in self._fields else "total_amount"
        fields_by_key = {"date": "date", "currency": "currency_id", "amount_total": amount}
        if "reference" in self._fields:
            fields_by_key["invoice_number"] = "reference"
        if "vendor_id" in self._fields:
            fields_by_key["vendor"] = "vendor_id"
        return fields_by_key

