# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bills: which suggestion fills which field, a total read as one line, the review
ending (and the vendor memory learning) when the bill is confirmed, the review ending when
it is set as checked."""
from odoo import _, fields, models
from odoo.tools import float_compare

BILL_SUGGESTION_FIELDS = {
    "vendor": "partner_id",
    "invoice_number": "ref",
    "date": "invoice_date",
    "due_date": "invoice_date_due",
    "currency": "currency_id",
    "amount_total": "invoice_line_ids",
}


class AccountMoveReview(models.Model):
    _inherit = "account.move"

    def _ocr_suggestion_fields(self):
        return BILL_SUGGESTION_FIELDS

    def _ocr_suggestion_vals(self, row):
        if row.key != "amount_total":
            return super()._ocr_suggestion_vals(row)
        if self.invoice_line_ids or not self._ocr_same_currency(row):
            return None
        try:
            total = float(row.value)
        except ValueError:
            return None
        return {"invoice_line_ids": [(0, 0, self._ocr_total_line(row.job_id, total))]}

    def _ocr_total_line(self, job, total):
        """One line for a total read from the document: the untaxed amount with the purchase
        tax whose rate the document's tax amount shows, else the total without tax."""
        extracted = (job.result or {}).get("fields") or {}
        untaxed = (extracted.get("amount_untaxed") or {}).get("value")
        tax_amount = (extracted.get("amount_tax") or {}).get("value")
        line = {"name": _("Total read from the document"), "quantity": 1, "price_unit": total}
        if isinstance(untaxed, (int, float)) and isinstance(tax_amount, (int, float)) and untaxed > 0:
            if float_compare(untaxed + tax_amount, total, precision_digits=2) == 0:
                rate = round(tax_amount / untaxed * 100, 1)
                tax = self.env["account.tax"].search([
                    ("type_tax_use", "=", "purchase"), ("amount_type", "=", "percent"),
                    ("price_include", "=", False), ("company_id", "=", self.company_id.id),
                ]).filtered(lambda t: float_compare(t.amount, rate, precision_digits=1) == 0)[:1]
                if tax or not tax_amount:
                    line.update(price_unit=untaxed, tax_ids=[(6, 0, tax.ids)])
        return line

    def _ocr_suggestion_holds(self, name, value):
        if name == "invoice_line_ids":
            return bool(self.invoice_line_ids)
        return super()._ocr_suggestion_holds(name, value)

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # the vendor memory learns from vendor bills and receipts only
        posted._ocr_validated("posted", posted.filtered(lambda m: m.is_purchase_document(include_receipts=True)))
        return posted

    def write(self, vals):
        res = super().write(vals)
        # Odoo's own review flag (to_check up to 17, checked from 18 on) set to "reviewed" ends the OCR review.
        flag = self._ocr_review_flag()
        if flag and flag[0] in vals and bool(vals[flag[0]]) != flag[1]:
            self._ocr_end_review("checked")
        return res
