# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models
from odoo.tools import float_is_zero

# 'reported' = in a report that is still a draft: editable in 17.0.
EDITABLE_EXPENSE_STATES = ("draft", "reported")


class HrExpense(models.Model):
    _name = "hr.expense"
    _inherit = ["hr.expense", "ocr.document.mixin"]

    def _ocr_mode(self):
        self.ensure_one()
        return self.company_id.ocr_expense_mode or "off"

    def _ocr_channel(self):
        self.ensure_one()
        return self.company_id.ocr_expense_channel or "root"

    def _ocr_is_eligible(self):
        self.ensure_one()
        return self.state in EDITABLE_EXPENSE_STATES

    def _ocr_not_editable_reason(self):
        return _("The expense is no longer a draft; the OCR values were not written.")

    def _ocr_value_is_placeholder(self, field_name, attachment):
        if field_name == "name" and attachment:
            # Odoo names an expense created from a file after the file.
            stem = attachment.name.rsplit(".", 1)[0] if attachment.name else ""
            return self.name in (attachment.name, stem)
        if field_name == "date" and self.create_date:
            # A new expense's date defaults to the day it was created, not a date a person chose.
            return self.date == self.create_date.date()
        if field_name == "currency_id":
            # The currency of an expense without an amount is the default, not a choice.
            return float_is_zero(self.total_amount_currency or 0.0, precision_digits=6)
        return False
