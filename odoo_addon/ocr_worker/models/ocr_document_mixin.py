# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero

from ..writeback_rules import default_condition, overwrite_applies, review_flag
from .ocr_job import FINISHED_STATES, JOB_STATES, PROTECTED_FIELDS

OCR_MIMETYPES = ("application/pdf", "application/xml", "text/xml")


def is_ocr_mimetype(mimetype):
    """PDFs, images and XML e-invoices are what a worker can read."""
    mimetype = mimetype or ""
    return mimetype in OCR_MIMETYPES or mimetype.startswith("image/")


class OcrDocumentMixin(models.AbstractModel):
    """OCR status and write-back rules shared by vendor bills and expenses."""

    _name = "ocr.document.mixin"
    _description = "Document digitized by the OCR worker"

    ocr_job_ids = fields.One2many(
        "ocr.job", compute="_compute_ocr_jobs", string="OCR Jobs"
    )
    ocr_job_count = fields.Integer(compute="_compute_ocr_jobs")
    ocr_state = fields.Selection(
        JOB_STATES,
        string="OCR Status",
        compute="_compute_ocr_jobs",
        search="_search_ocr_state",
        help="State of the latest OCR job of this document.",
    )
    ocr_confidence = fields.Float(
        "OCR Confidence", compute="_compute_ocr_jobs", digits=(3, 2)
    )
    ocr_confidence_percent = fields.Integer(
        "OCR Confidence (%)", compute="_compute_ocr_jobs"
    )
    ocr_review_reasons = fields.Text("OCR Review Reasons", compute="_compute_ocr_jobs")
    ocr_error = fields.Text("OCR Error", compute="_compute_ocr_jobs")
    ocr_can_digitize = fields.Boolean(compute="_compute_ocr_can_digitize")

    def _compute_ocr_jobs(self):
        jobs_by_id = {}
        if self.ids:
            jobs = self.env["ocr.job"].sudo().search(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                order="id desc",
            )
            for job in jobs:
                jobs_by_id.setdefault(job.res_id, self.env["ocr.job"].sudo())
                jobs_by_id[job.res_id] |= job
        for record in self:
            jobs = jobs_by_id.get(record.id, self.env["ocr.job"])
            last = jobs[:1]
            record.ocr_job_ids = jobs.sudo(False)
            record.ocr_job_count = len(jobs)
            record.ocr_state = last.state or False
            record.ocr_confidence = last.confidence if last.state in FINISHED_STATES else 0.0
            record.ocr_confidence_percent = round(record.ocr_confidence * 100)
            record.ocr_review_reasons = last.review_reasons if last.state == "review" else False
            record.ocr_error = last.error if last.state in ("failed", "pending") else False

    def _search_ocr_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Unsupported search on the OCR status."))
        values = [value] if isinstance(value, str) or value is False else list(value)
        self.env["ocr.job"].flush_model()
        # The latest job of each record decides its OCR status.
        self.env.cr.execute(
            """
            SELECT DISTINCT ON (res_id) res_id, state FROM ocr_job
             WHERE res_model = %s AND res_id IS NOT NULL AND res_id != 0
             ORDER BY res_id, id DESC
            """,
            [self._name],
        )
        latest = dict(self.env.cr.fetchall())
        matching = [res_id for res_id, state in latest.items() if state in values]
        if False in values:
            # "no OCR status" matches the records that never had a job
            domain = ["|", ("id", "not in", list(latest)), ("id", "in", matching)]
        else:
            domain = [("id", "in", matching)]
        return domain if operator in ("=", "in") else ["!"] + domain

    # ------------------------------------------------------------------
    # Hooks the concrete models define
    # ------------------------------------------------------------------

    def _ocr_mode(self):
        """'off', 'manual' or 'auto' for this record's kind and company."""
        raise NotImplementedError

    def _ocr_channel(self):
        return "root"

    def _ocr_is_eligible(self):
        """Whether this record may still receive OCR values (a draft)."""
        raise NotImplementedError

    def _ocr_not_editable_reason(self):
        return _("The document is no longer a draft; the OCR values were not written.")

    def _ocr_value_is_placeholder(self, field_name, attachment):
        """True for a value Odoo filled by itself, not one a person entered: the rules table names the
        condition (empty_when), the model's ``_ocr_default_<condition>`` tells whether it holds."""
        condition = default_condition(self._name, field_name)
        return bool(condition) and getattr(self, "_ocr_default_" + condition)(attachment)

    def _ocr_review_flag(self):
        """(field, value meaning "to review") of the model's own review flag, or None (rules table)."""
        return review_flag(self._name, self._fields)

    @api.depends_context("uid")
    def _compute_ocr_can_digitize(self):
        for record in self:
            record.ocr_can_digitize = bool(
                record.id and record._ocr_is_eligible() and record._ocr_mode() != "off"
            )

    # ------------------------------------------------------------------
    # Write-back (called by ocr.job.complete as the worker user)
    # ------------------------------------------------------------------

    def _ocr_is_empty(self, field_name):
        field = self._fields[field_name]
        value = self[field_name]
        if field.type in ("float", "monetary"):
            return float_is_zero(value or 0.0, precision_digits=6)
        if field.type == "integer":
            return not value
        if field.type in ("char", "text", "html"):
            return not (value or "").strip()
        return not value

    def _ocr_write_back(self, write_vals, attachment, overwrite):
        """Write the worker's values; returns review reasons (empty when all is fine).

        Only empty fields are written unless ``overwrite`` (and the rules table lets it apply to
        the field); a posted document is not touched at all.
        """
        self.ensure_one()
        if not write_vals:
            return []
        unknown = set(write_vals) - set(self._fields)
        if unknown:
            raise UserError(
                _("%(model)s has no field %(fields)s.",
                  model=self._name, fields=", ".join(sorted(unknown)))
            )
        protected = set(write_vals) & PROTECTED_FIELDS
        if protected:
            raise UserError(
                _("The OCR worker may not write %s.", ", ".join(sorted(protected)))
            )
        if not self._ocr_is_eligible():
            return [self._ocr_not_editable_reason()]
        to_write = {
            name: value
            for name, value in write_vals.items()
            if (overwrite and overwrite_applies(self._name, name))
            or self._ocr_is_empty(name)
            or self._ocr_value_is_placeholder(name, attachment)
        }
        # The worker only sends values for fields that were empty when it read the record: one that is filled now,
        # with something else, was typed by a person in the meantime. It is kept, and the document goes to review.
        kept = [name for name in write_vals if name not in to_write and not self._ocr_same_value(name, write_vals[name])]
        if to_write:
            self.write(to_write)
        if not kept:
            return []
        self._ocr_flag_for_review()
        labels = ", ".join(self._fields[name].get_description(self.env)["string"] for name in kept)
        return [
            _("%(fields)s changed while the document was being read; the values entered were kept and the OCR "
              "values for them were not written.", fields=labels)
        ]

    def _ocr_same_value(self, field_name, value):
        """Whether the record already holds ``value`` (a repeated write, not a person's change)."""
        field = self._fields[field_name]
        if field.type in ("one2many", "many2many"):
            return False
        try:
            return field.convert_to_write(self[field_name], self) == field.convert_to_write(
                field.convert_to_record(field.convert_to_cache(value, self), self), self
            )
        except (ValueError, TypeError, UserError):
            return False

    def _ocr_flag_for_review(self):
        """Marks the record itself as needing a look, where the model has such a flag."""
        flag = self._ocr_review_flag()
        if flag:
            field, to_review = flag
            self[field] = to_review

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def _ocr_main_attachment(self):
        self.ensure_one()
        main = self.message_main_attachment_id if "message_main_attachment_id" in self._fields else None
        if main and is_ocr_mimetype(main.mimetype):
            return main
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", self._name), ("res_id", "=", self.id), ("res_field", "=", False)],
            order="id desc",
        )
        return attachments.filtered(lambda a: is_ocr_mimetype(a.mimetype))[:1]

    def _ocr_enqueue_manual(self):
        self.env["ocr.job"]._ocr_check_user()
        jobs = self.env["ocr.job"]
        for record in self:
            if not record._ocr_is_eligible():
                raise UserError(_("%s is not a draft and cannot be digitized.", record.display_name))
            if record._ocr_mode() == "off":
                raise UserError(_("Digitization is turned off for this kind of document."))
            attachment = record._ocr_main_attachment()
            if not attachment:
                raise UserError(
                    _("%s has no PDF, image or XML attachment to digitize.", record.display_name)
                )
            jobs |= self.env["ocr.job"]._ocr_enqueue(
                attachment, record._name, record.id, record.company_id,
                record._ocr_channel(), manual=True,
            )
        return jobs

    def action_ocr_digitize(self):
        self._ocr_enqueue_manual()
        return True

    def action_ocr_rerun(self):
        return self.action_ocr_digitize()

    def action_ocr_view_jobs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ocr_worker.action_ocr_job")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
