# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .ocr_document_mixin import OCR_MIMETYPES, is_ocr_mimetype

_logger = logging.getLogger(__name__)

TARGET_MODELS = ("account.move", "hr.expense")
# the move types of Invoicing's Upload on the purchase side: vendor bills, refunds and receipts
PURCHASE_MOVE_TYPES = ("in_invoice", "in_refund", "in_receipt")


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        attachments._ocr_enqueue_auto()
        return attachments

    def write(self, vals):
        res = super().write(vals)
        # Uploads are often created first and linked to their bill/expense afterwards.
        if "res_model" in vals or "res_id" in vals:
            self._ocr_enqueue_auto()
        return res

    def _check_contents(self, values):
        """A file uploaded to be read keeps its pixels. Odoo shrinks every image over base.image_autoresize_max_px
        (1920x1920) on upload and re-encodes it at JPEG quality 80: a phone photo of a till strip then reaches the
        worker with half its pixels per line of text (on a real Odoo 17, 13 of 35 tune receipt photos were shrunk; one
        date read wrong and two totals read less surely than from the photo taken). Files uploaded to the records the
        worker reads, or through a journal's Upload, are stored as uploaded (Odoo's own switch, image_no_postprocess);
        an image field of those records (res_field) and every other image as Odoo does."""
        if self._ocr_uploaded_to_be_read(values):
            return super(IrAttachment, self.with_context(image_no_postprocess=True))._check_contents(values)
        return super()._check_contents(values)

    def _ocr_uploaded_to_be_read(self, values):
        """A file given to a record the worker reads (not an image field of it), or to Invoicing's Upload: that button
        (Vendor Bills' list, a journal's card on the dashboard) creates the file bare, with no res_model, under a
        context naming the move type or journal of the bill it is about to make (account_file_uploader), and links it
        afterwards."""
        if values.get("res_field"):
            return False
        model = values.get("res_model")
        if model in self._ocr_target_models() + ("account.journal",):
            return True
        # only a file being created bare (self is empty on create, the records on write), under a vendor bill's move
        # type or a purchase journal: a bank journal's card or a later write of stored files is shrunk as Odoo does
        if self or model:
            return False
        context = self.env.context
        if context.get("default_move_type") in PURCHASE_MOVE_TYPES:
            return True
        journal_id = context.get("default_journal_id")
        if not isinstance(journal_id, int) or not journal_id:
            return False
        return self.env["account.journal"].sudo().browse(journal_id).exists().type == "purchase"

    @api.model
    def _ocr_target_models(self):
        """Records whose files are digitized; the Sales and Inventory bridges add quotations and receipts."""
        return TARGET_MODELS

    def _ocr_enqueue_auto(self):
        """Queue the files of drafts whose company digitizes automatically."""
        if self.env.context.get("ocr_worker_skip_enqueue"):
            return
        targets = self._ocr_target_models()
        candidates = self.sudo().filtered(
            lambda a: a.res_model in targets
            and a.res_id
            and not a.res_field
            and a.type == "binary"
            and is_ocr_mimetype(a.mimetype)
        )
        Job = self.env["ocr.job"].sudo()
        for attachment in candidates:
            record = self.env[attachment.res_model].sudo().browse(attachment.res_id).exists()
            if not record or not record._ocr_is_eligible() or record._ocr_mode() != "auto":
                continue
            try:
                # An enqueue problem must never cost the user the upload itself.
                with self.env.cr.savepoint():
                    Job._ocr_enqueue(
                        attachment, record._name, record.id, record.company_id,
                        record._ocr_channel(), manual=False,
                    )
            except Exception:
                _logger.exception("Could not queue attachment %s for OCR", attachment.id)

    @api.model
    def _ocr_enqueue_missed(self, days=7, limit=500):
        """Queue recent attachments of drafts that never had a job (hooks missed them)."""
        self.env["ocr.job"].flush_model()
        self.flush_model()
        since = fields.Datetime.now() - timedelta(days=days)
        self.env.cr.execute(
            """
            SELECT a.id FROM ir_attachment a
             WHERE a.res_model = ANY(%s) AND a.res_id > 0 AND a.res_field IS NULL
               AND a.type = 'binary' AND a.create_date >= %s
               AND (a.mimetype = ANY(%s) OR a.mimetype LIKE 'image/%%')
               AND NOT EXISTS (SELECT 1 FROM ocr_job j WHERE j.attachment_id = a.id)
             ORDER BY a.id DESC
             LIMIT %s
            """,
            [list(self._ocr_target_models()), since, list(OCR_MIMETYPES), limit],
        )
        attachments = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        attachments._ocr_enqueue_auto()
        return attachments

    def action_ocr_digitize(self):
        """Server action "Digitize with OCR worker" on attachments."""
        Job = self.env["ocr.job"]
        Job._ocr_check_user()
        jobs = Job
        for attachment in self:
            if attachment.res_field or not is_ocr_mimetype(attachment.mimetype):
                raise UserError(
                    _("%s is not a PDF, image or XML file.", attachment.name)
                )
            if attachment.res_model in self._ocr_target_models() and attachment.res_id:
                record = self.env[attachment.res_model].browse(attachment.res_id).exists()
                if not record or not record._ocr_is_eligible():
                    raise UserError(
                        _("%s is not attached to a draft bill or expense.", attachment.name)
                    )
                if record._ocr_mode() == "off":
                    raise UserError(_("Digitization is turned off for this kind of document."))
                jobs |= Job._ocr_enqueue(
                    attachment, record._name, record.id, record.company_id,
                    record._ocr_channel(), manual=True,
                )
            elif not attachment.res_id or attachment.res_model in (False, "ir.attachment"):
                # A bare file: the worker creates a draft bill from it.
                company = attachment.company_id or self.env.company
                if company.ocr_bill_mode == "off":
                    raise UserError(_("Digitization of vendor bills is turned off."))
                jobs |= Job._ocr_enqueue(
                    attachment, "ir.attachment", attachment.id, company,
                    company.ocr_bill_channel or "root", manual=True,
                )
            else:
                raise UserError(
                    _("Files attached to %s cannot be digitized.", attachment.res_model)
                )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": _("%s file(s) queued for OCR.", len(jobs)),
                "type": "success",
                "sticky": False,
            },
        }
