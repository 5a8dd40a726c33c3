# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.tools import float_is_zero, format_date

from ..writeback_rules import writable_states


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
        return self.state in writable_states(self._name)

    def _ocr_not_editable_reason(self):
        return _("The expense is no longer a draft; the OCR values were not written.")

    # Odoo's own defaults, by the names the rules table gives them (data/writeback_rules.json, empty_when)

    def _ocr_default_named_after_file(self, attachment):
        # Odoo names an expense created from a file after the file (up to 18); 19 titles it "Untitled Expense <its
        # creation day>" in the uploader's language and date format, which its own method gives back exactly.
        untitled = getattr(self, "_get_untitled_expense_name", None)
        if untitled and self.create_date:
            creator = self.sudo().create_uid
            local = self.with_context(tz=creator.tz or "UTC", lang=creator.lang or self.env.lang)
            day = fields.Date.context_today(local, timestamp=self.create_date)
            if self.name == local._get_untitled_expense_name(format_date(local.env, day)):
                return True
        if not attachment:
            return False
        stem = attachment.name.rsplit(".", 1)[0] if attachment.name else ""
        return self.name in (attachment.name, stem)

    def _ocr_default_creation_day(self, attachment):
        # A new expense's date defaults to the day it was created, not a date a person chose: that day as its
        # creator's calendar had it (Odoo's default is context_today, the creator's time zone), not UTC's.
        if not self.create_date:
            return False
        creator_tz = self.sudo().create_uid.tz or "UTC"
        return self.date == fields.Date.context_today(self.with_context(tz=creator_tz), timestamp=self.create_date)

    def _ocr_default_no_amount(self, attachment):
        # The currency of an expense without an amount is the default, not a choice.
        return float_is_zero(self.total_amount_currency or 0.0, precision_digits=6)
