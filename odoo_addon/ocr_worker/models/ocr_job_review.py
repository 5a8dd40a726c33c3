# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What people see of a job and do with it: the end of a review, a re-run that keeps
the history, errors in words, a readable summary of the result, live updates.
"""
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .ocr_job import ACTIVE_STATES, USER_GROUP

# Error codes of the scan contract (src/contract.ts) that come from the file itself:
# reading it again cannot help, a new copy of the document can.
FILE_ERRORS = ("CORRUPT_FILE", "ENCRYPTED_PDF", "UNSUPPORTED_TYPE", "EMPTY_FILE")

REVIEW_RESOLUTIONS = [
    ("posted", "Bill confirmed"),
    ("checked", "Set as checked"),
    ("submitted", "Expense submitted"),
    ("approved", "Expense approved"),
    ("marked", "Marked as reviewed"),
]

# Bus notification type the form listens to (static/src/ocr_live_status.js).
BUS_JOB_UPDATE = "ocr_worker.job_update"


def group_users(group):
    """Every user of a group, implied ones included (17: users; 19: all_user_ids)."""
    return group.all_user_ids if "all_user_ids" in group._fields else group.users


class OcrJobReview(models.Model):
    _inherit = "ocr.job"

    reviewed_by_id = fields.Many2one("res.users", "Reviewed By", readonly=True, copy=False)
    reviewed_at = fields.Datetime("Reviewed On", readonly=True, copy=False)
    review_resolution = fields.Selection(
        REVIEW_RESOLUTIONS, "How the Review Ended", readonly=True, copy=False
    )
    error_code = fields.Char(compute="_compute_error_words")
    error_message = fields.Text("Problem", compute="_compute_error_words")
    can_rerun = fields.Boolean(compute="_compute_error_words")
    confidence_percent = fields.Integer("Confidence (%)", compute="_compute_result_html")
    doc_type_label = fields.Char("Document Type", compute="_compute_result_html")
    result_html = fields.Html("What Was Read", compute="_compute_result_html", sanitize=False)
    suggestion_ids = fields.One2many("ocr.job.suggestion", "job_id", "Suggestions", readonly=True)

    @api.model
    def _ocr_error_words(self, code):
        """What an error code means for the person holding the document (translated: _ finds self.env)."""
        return {
            "CORRUPT_FILE": _("The file is damaged and cannot be read. Attach a new copy of the document."),
            "ENCRYPTED_PDF": _("The PDF is password-protected. Attach a copy without a password."),
            "UNSUPPORTED_TYPE": _("This kind of file cannot be read. Attach a PDF, a photo or an e-invoice (XML)."),
            "EMPTY_FILE": _("The file is empty. Attach the document again."),
            "TOO_LARGE": _("The file is too large to be read."),
            "TOO_MANY_PAGES": _("The document has too many pages to be read."),
            "TOO_MANY_PIXELS": _("The image is too large to be read."),
            "OCR_FAILED": _("The text of the document could not be recognised."),
            "TIMEOUT": _("Reading the document took too long."),
            "NOT_FOUND": _("The file was not found."),
            "INTERNAL": _("The OCR worker ran into an internal error."),
        }.get(code)


    @api.model
    def _ocr_source_words(self, source):
        return {
            "pdf-text": _("text of the PDF"),
            "ocr": _("scanned image (OCR)"),
            "mixed": _("PDF text and OCR"),
            "einvoice:facturx": _("Factur-X / ZUGFeRD e-invoice"),
            "einvoice:cii": _("e-invoice (CII)"),
            "einvoice:ubl": _("e-invoice (UBL)"),
            "einvoice:fatturapa": _("e-invoice (FatturaPA)"),
            "einvoice:cfdi": _("e-invoice (CFDI)"),
        }.get(source or "", source or "")


    @api.model
    def _ocr_doc_type_words(self, doc_type):
        return {
            "invoice": _("Invoice"),
            "credit_note": _("Credit note"),
            "receipt": _("Receipt"),
            "purchase_order": _("Purchase order"),
            "delivery_note": _("Delivery note"),
            "other": _("Other document"),
        }.get(doc_type or "", doc_type or "")


    @api.model
    def _ocr_field_words(self):
        """Extracted fields in the order an accountant reads a document, with their labels."""
        return [
            ("vendor_name", _("Vendor")),
            ("vendor_vat", _("Vendor VAT")),
            ("invoice_number", _("Bill reference")),
            ("date", _("Date")),
            ("due_date", _("Due date")),
            ("currency", _("Currency")),
            ("amount_untaxed", _("Untaxed amount")),
            ("amount_tax", _("Tax")),
            ("amount_total", _("Total")),
            ("po_number", _("Purchase order")),
        ]

    @api.depends("error", "result", "state")
    def _compute_error_words(self):
        for job in self:
            code = job._ocr_error_code()
            words = self._ocr_error_words(code)
            detail = job.error or ""
            if code and detail.startswith(code + ":"):
                detail = detail[len(code) + 1:].strip()
            job.error_code = code or False
            job.error_message = (words or detail) or False
            job.can_rerun = job.state not in ACTIVE_STATES and code not in FILE_ERRORS

    def _ocr_error_code(self):
        """The contract's error code of the job's last attempt, if it failed on the file."""
        self.ensure_one()
        result = self.result if isinstance(self.result, dict) else {}
        code = (result.get("error") or {}).get("code") if isinstance(result.get("error"), dict) else None
        if not code and self.error:
            head = self.error.split(":", 1)[0].strip()
            if head.isupper() and head.replace("_", "").isalpha():
                code = head
        return code

    @api.depends("result", "confidence", "doc_type")
    def _compute_result_html(self):
        for job in self:
            job.confidence_percent = round((job.confidence or 0.0) * 100)
            job.doc_type_label = self._ocr_doc_type_words(job.doc_type) or False
            job.result_html = job._ocr_result_html()

    def _ocr_result_html(self):
        """A table of what was read, in words, for people (the raw JSON stays for developers)."""
        self.ensure_one()
        result = self.result if isinstance(self.result, dict) else {}
        extracted = result.get("fields") if isinstance(result.get("fields"), dict) else {}
        if not extracted:
            return False
        rows = []
        for key, label in self._ocr_field_words():
            field = extracted.get(key) or {}
            if field.get("value") in (None, ""):
                continue
            rows.append(
                Markup("<tr><th>%s</th><td>%s</td><td class='text-end'>%s %%</td></tr>")
                % (label, field["value"], round((field.get("confidence") or 0) * 100))
            )
        head = Markup("<p>%s</p>") % _(
            "%(type)s, read from the %(origin)s, %(pages)s page(s).",
            type=self._ocr_doc_type_words((extracted.get("doc_type") or {}).get("value")) or _("Document"),
            origin=self._ocr_source_words(result.get("source")) or _("file"),
            pages=result.get("pages") or 1,
        )
        table = (
            Markup("<table class='table table-sm o_ocr_result'><thead><tr><th>%s</th><th>%s</th>"
                   "<th class='text-end'>%s</th></tr></thead><tbody>%s</tbody></table>")
            % (_("Field"), _("Read"), _("Confidence"), Markup("").join(rows))
        )
        return head + table

    # ------------------------------------------------------------------
    # The end of a review
    # ------------------------------------------------------------------

    def _ocr_end_review(self, resolution):
        """Close the review of these jobs: who, when, how. Reasons and result stay."""
        jobs = self.sudo().filtered(lambda j: j.state == "review" and not j.reviewed_at)
        if jobs:
            jobs.write({
                "state": "done",
                "reviewed_by_id": self.env.uid,
                "reviewed_at": fields.Datetime.now(),
                "review_resolution": resolution,
            })
        return jobs

    # ------------------------------------------------------------------
    # Re-run: a new job for the same file, the same from the job list and the document
    # ------------------------------------------------------------------

    def action_rerun(self):
        self.env["ocr.job"]._ocr_check_user()
        queued = self.env["ocr.job"]
        for job in self:
            if job.state in ACTIVE_STATES:
                continue
            if not job.can_rerun:
                raise UserError(_("%(job)s: %(why)s", job=job.display_name, why=job.error_message))
            queued |= self.env["ocr.job"]._ocr_enqueue(
                job.attachment_id, job.res_model, job.res_id, job.company_id, job.channel, manual=True
            )
        return self._ocr_notify(_("%s file(s) queued for OCR again.", len(queued)))

    # ------------------------------------------------------------------
    # Suggestions and live updates follow the job's state
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        jobs = super().create(vals_list)
        jobs._ocr_notify_state()
        return jobs

    def write(self, vals):
        res = super().write(vals)
        if "result" in vals:
            self.env["ocr.job.suggestion"].sudo()._ocr_sync(self)
        if "state" in vals or "res_id" in vals:
            self._ocr_notify_state()
        return res

    def _ocr_notify_state(self):
        """Tell the OCR users of the job's company that a document's OCR state moved on,
        so that an open form reloads itself (no content is sent, only what changed)."""
        by_company = {}
        for job in self.sudo():
            if job.res_model in ("account.move", "hr.expense") and job.res_id:
                by_company.setdefault(job.company_id, []).append(
                    {"model": job.res_model, "id": job.res_id, "state": job.state}
                )
        if not by_company:
            return
        group = self.env.ref(USER_GROUP, raise_if_not_found=False)
        if not group:
            return
        # one _sendone per message: 17 and 19 both have it (19 dropped _sendmany)
        bus = self.env["bus.bus"].sudo()
        for company, payloads in by_company.items():
            users = group_users(group.sudo()).filtered(lambda u: company in u.company_ids)
            for partner in users.partner_id:
                for payload in payloads:
                    bus._sendone(partner, BUS_JOB_UPDATE, payload)

    @api.model
    def _ocr_check_reviewer(self):
        """Closing an OCR review (from the job or from its document) is for OCR users."""
        if not self.env.user.has_group(USER_GROUP):
            raise AccessError(_("Only OCR users may close an OCR review."))

    def action_mark_reviewed(self):
        self._ocr_check_reviewer()
        self._ocr_end_review("marked")
        return True
