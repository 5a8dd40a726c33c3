# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The worker's review reasons in the reader's language.

A worker that knows this addon sends each reason twice: the English sentence
(``values.review_reasons``, what an older addon shows) and a code with parameters
(``values.review_codes``, src/writeback/reasons.ts holds the same codes). The codes are
said here with Odoo's translations, for whoever opens the document; the addon's own
reasons follow them as they were stored. ``ocr.worker.presence.hello`` tells a worker
that this addon accepts codes.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

MAX_CODES = 50
MAX_PARAM_CHARS = 500
DATE_PARAMS = ("due", "date")
PERCENT_PARAMS = ("confidence", "threshold")


class _Params(dict):
    """A parameter the sentence names but the worker did not send reads as nothing."""

    def __missing__(self, key):
        return ""


class OcrJobReason(models.Model):
    _inherit = "ocr.job"

    review_codes = fields.Json(
        "Review Reason Codes", readonly=True, copy=False,
        help="The worker's review reasons as codes with parameters, said in the reader's language.")
    review_text = fields.Text("Why It Needs a Review", compute="_compute_review_text")

    @api.model
    def _ocr_reason_words(self):
        """One sentence per code of src/writeback/reasons.ts (translated: _ finds self.env)."""
        return {
            "field_missing": _("%(field)s not found on the document"),
            "unsure_reading": _("Unsure reading: %(field)s %(confidence)s"),
            "key_not_written": _("%(field)s not written: read with %(confidence)s confidence, below %(threshold)s"),
            "not_written_low_confidence": _("Not written, read with less than %(threshold)s confidence: %(fields)s"),
            "totals_do_not_add_up": _(
                "Amounts do not add up: untaxed %(untaxed)s + tax %(tax)s is not the total %(total)s"),
            "lines_do_not_add_up": _(
                "The lines add up to %(sum)s, which is neither the untaxed amount nor the total"),
            "due_before_date": _("Due date %(due)s is before the bill date %(date)s: not written"),
            "possible_duplicate_reference": _(
                "Possible duplicate: the same vendor and reference %(reference)s as %(documents)s"),
            "possible_duplicate_file": _("Possible duplicate: the same file is already on %(documents)s"),
            "bill_total_differs": _("The bill's total %(bill_total)s differs from the document's total %(total)s"),
            "currency_differs": _("The document's currency %(currency)s differs from the bill's %(bill_currency)s"),
            "no_total_no_lines": _("Total not found on the document: no lines written"),
            "po_not_found": _("Purchase order %(reference)s not found in Odoo"),
            "po_vendor_differs": _(
                "Purchase order %(po)s is of %(po_vendor)s, not of the vendor %(vendor)s: not linked"),
            "po_not_confirmed": _("Purchase order %(po)s is not confirmed: not linked (never confirmed by OCR)"),
            "po_ambiguous": _("Several open purchase orders of the vendor fit the bill (%(orders)s): none linked"),
            "po_price_differs": _("Purchase order %(po)s: %(product)s billed at %(price)s, ordered at %(po_price)s"),
            "po_quantity_exceeds": _(
                "Purchase order %(po)s: %(product)s billed %(quantity)s, only %(open)s open to bill "
                "(received %(received)s, billed %(billed)s)"),
            "po_line_not_ordered": _("Purchase order %(po)s has no line for \"%(line)s\""),
            "po_not_received": _(
                "Purchase order %(po)s: nothing received yet, billed against the quantities ordered"),
            "po_nothing_to_bill": _("Purchase order %(po)s has nothing left to bill"),
            "po_total_differs": _(
                "Purchase order %(po)s: the document total %(total)s differs from the linked lines %(po_total)s"),
        }

    @api.model
    def _ocr_reason_labels(self):
        """Field names of the scan result as an accountant says them (the reasons may name the document type)."""
        return dict(self._ocr_field_words(), doc_type=_("Document type"))

    def _ocr_reason_param(self, name, value, labels):
        if isinstance(value, list):
            return ", ".join(
                "%s %s %%" % (labels.get(item.get("field"), item.get("field")), round((item.get("confidence") or 0) * 100))
                for item in value if isinstance(item, dict)
            )
        if name == "field":
            return labels.get(value, value)
        if name in PERCENT_PARAMS and isinstance(value, (int, float)):
            return "%s %%" % round(value * 100)
        if name in DATE_PARAMS and isinstance(value, str):
            try:
                return format_date(self.env, fields.Date.to_date(value))
            except ValueError:
                return value
        return value

    def _ocr_reason_sentence(self, code, labels=None, words=None):
        """A code in the reader's language; a code without a sentence here is shown as the worker's text."""
        labels = labels if labels is not None else self._ocr_reason_labels()
        words = words if words is not None else self._ocr_reason_words()
        params = code.get("params") if isinstance(code.get("params"), dict) else {}
        template = words.get(code.get("code"))
        if not template:
            return str(params.get("text") or "")
        return template % _Params({name: self._ocr_reason_param(name, value, labels) for name, value in params.items()})

    def _ocr_review_lines(self):
        """The review reasons, each once: the worker's in the reader's language, then the addon's own."""
        self.ensure_one()
        stored = [r for r in (self.review_reasons or "").splitlines() if r.strip()]
        codes = self.review_codes if isinstance(self.review_codes, list) else []
        if not codes or len(codes) > len(stored):
            return stored
        labels, words = self._ocr_reason_labels(), self._ocr_reason_words()
        said = [self._ocr_reason_sentence(code, labels, words) for code in codes]
        return [line for line in said if line] + stored[len(codes):]

    @api.depends("review_reasons", "review_codes")
    def _compute_review_text(self):
        for job in self:
            job.review_text = "\n".join(job._ocr_review_lines()) or False

    # ------------------------------------------------------------------
    # complete(): values.review_codes
    # ------------------------------------------------------------------

    @api.model
    def _ocr_check_values(self, values):
        codes = values.get("review_codes") if isinstance(values, dict) else None
        if isinstance(values, dict) and "review_codes" in values:
            values = {key: value for key, value in values.items() if key != "review_codes"}
        checked = super()._ocr_check_values(values)
        if codes is not None:
            reasons = [r for r in checked.get("review_reasons") or [] if r.strip()]
            self._ocr_check_codes(codes, len(reasons))
            checked = dict(checked, review_codes=codes)
        return checked

    @api.model
    def _ocr_check_codes(self, codes, reason_count):
        message = _("values.review_codes must be a list of {code, params}, one per review reason.")
        if not isinstance(codes, list) or len(codes) != reason_count or len(codes) > MAX_CODES:
            raise UserError(message)
        for code in codes:
            if not isinstance(code, dict) or not isinstance(code.get("code"), str) or len(code["code"]) > 64:
                raise UserError(message)
            params = code.get("params", {})
            if not isinstance(params, dict) or len(str(params)) > MAX_PARAM_CHARS * 4:
                raise UserError(message)

    def _ocr_apply(self, result, values):
        res = super()._ocr_apply(result, values)
        if values.get("review_codes"):
            self.write({"review_codes": values["review_codes"]})
        return res
