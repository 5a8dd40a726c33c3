# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models

from .ocr_job import PURCHASE_MOVE_TYPES


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "ocr.document.mixin"]

    def _ocr_mode(self):
        self.ensure_one()
        return self.company_id.ocr_bill_mode or "off"

    def _ocr_channel(self):
        self.ensure_one()
        return self.company_id.ocr_bill_channel or "root"

    def _ocr_is_eligible(self):
        self.ensure_one()
        return self.move_type in PURCHASE_MOVE_TYPES and self.state == "draft"

    def _ocr_not_editable_reason(self):
        return _("The bill is no longer a draft; the OCR values were not written.")

    def _ocr_flag_for_review(self):
        # 18+ has "checked" (reviewed), 17 and older "to_check" (to check).
        if "checked" in self._fields:
            self.checked = False
        elif "to_check" in self._fields:
            self.to_check = True

    def _ocr_value_is_placeholder(self, field_name, attachment):
        if field_name == "currency_id":
            # The currency of a bill without lines is the company default, not a choice.
            return not self.invoice_line_ids
        if field_name == "invoice_date_due":
            # Odoo computes a due date for every draft; only one next to a bill date counts as entered.
            return not self.invoice_date
        return False
