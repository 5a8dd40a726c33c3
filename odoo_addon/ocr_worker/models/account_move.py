# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models

from ..writeback_rules import writable_states
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
        return self.move_type in PURCHASE_MOVE_TYPES and self.state in writable_states(self._name)

    def _ocr_not_editable_reason(self):
        return _("The bill is no longer a draft; the OCR values were not written.")

    # Odoo's own defaults, by the names the rules table gives them (data/writeback_rules.json, empty_when)

    def _ocr_default_no_lines(self, attachment):
        # The currency of a bill without lines is the company default, not a choice.
        return not self.invoice_line_ids

    def _ocr_default_no_invoice_date(self, attachment):
        # Odoo computes a due date for every draft; only one next to a bill date counts as entered.
        return not self.invoice_date
