# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a bill or expense shows of its OCR: one banner in words, the suggestions that
are not on the document yet, and the end of the review."""
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, format_datetime

from .ocr_job import ACTIVE_STATES, FINISHED_STATES


class OcrDocumentReview(models.AbstractModel):
    _inherit = "ocr.document.mixin"

    ocr_banner_html = fields.Html("OCR Status Message", compute="_compute_ocr_banner", sanitize=False)
    ocr_banner_level = fields.Selection(
        [("info", "Info"), ("success", "Success"), ("warning", "Warning"), ("danger", "Danger")],
        compute="_compute_ocr_banner",
    )
    # computed as superuser: 19 checks read access on the rows a many2many is set to, even none, for the uploader
    # without OCR rights who opens their expense. The rows are the same for whoever asks, the field is for OCR users
    ocr_suggestion_ids = fields.Many2many(
        "ocr.job.suggestion", string="Read by OCR, not on the document", compute="_compute_ocr_suggestions",
        compute_sudo=True, groups="ocr_worker.group_ocr_user",
    )
    # what the asker may see: computed per user, since one transaction's cache serves every user of it
    ocr_suggestion_count = fields.Integer(compute="_compute_ocr_suggestion_view")
    ocr_box_data = fields.Json(compute="_compute_ocr_suggestion_view")
    ocr_can_rerun = fields.Boolean(compute="_compute_ocr_banner")

    # ------------------------------------------------------------------
    # Banner
    # ------------------------------------------------------------------

    def _compute_ocr_banner(self):
        for record in self:
            job = record.ocr_job_ids[:1].sudo()
            record.ocr_banner_level, record.ocr_banner_html = record._ocr_banner(job)
            # Reading again is offered once a reading ended, unless the file itself is unreadable.
            record.ocr_can_rerun = bool(job) and job.can_rerun

    def _ocr_banner(self, job):
        """(level, html): the heading first, then the reasons, each said once."""
        if not job:
            return False, False
        percent = job.confidence_percent
        if job.state == "pending":
            text = _("Queued for OCR: a worker will read the attached file shortly.")
            if job.attempts and job.error_message:
                text += " " + _("Last attempt: %s", job.error_message)
            return "info", Markup("<p class='mb-0'>%s</p>") % text
        if job.state == "running":
            return "info", Markup("<p class='mb-0'>%s</p>") % _("The OCR worker is reading the attached file.")
        if job.state == "failed":
            return "danger", Markup("<p class='mb-0'><strong>%s</strong> %s</p>") % (
                _("OCR could not read this document."), job.error_message or "")
        if job.state == "cancelled":
            return False, False
        if job.state == "review":
            heading = Markup("<p class='mb-1'><strong>%s</strong> %s</p>") % (
                _("Please review the values read by OCR."),
                _("Overall confidence %s %%.", percent),
            )
            reasons = job._ocr_review_lines()
            items = Markup("").join(Markup("<li>%s</li>") % r for r in dict.fromkeys(reasons))
            return "warning", heading + (Markup("<ul class='mb-0'>%s</ul>") % items if items else "")
        if job.reviewed_at:
            return "success", Markup("<p class='mb-0'>%s</p>") % _(
                "OCR review closed by %(user)s on %(when)s (%(how)s).",
                user=job.reviewed_by_id.name,
                when=format_datetime(self.env, job.reviewed_at, dt_format="short"),
                how=dict(job._fields["review_resolution"]._description_selection(self.env)).get(
                    job.review_resolution, ""),
            )
        return "success", Markup("<p class='mb-0'>%s</p>") % _(
            "Filled in by OCR, overall confidence %s %%. Only empty fields were written; "
            "check them before confirming.", percent)

    # ------------------------------------------------------------------
    # Suggestions
    # ------------------------------------------------------------------

    def _compute_ocr_suggestions(self):
        for record in self:
            record.ocr_suggestion_ids = record._ocr_open_suggestions().sudo(False)

    @api.depends_context("uid")
    def _compute_ocr_suggestion_view(self):
        # suggestions and the values' places are for OCR users: none for anyone else
        asker = self.env["ocr.job.suggestion"]
        if hasattr(asker, "has_access"):  # 18+
            may_read = asker.has_access("read")
        else:
            may_read = asker.check_access_rights("read", raise_exception=False)
        for record in self:
            reader = record.sudo()
            job = reader.ocr_job_ids[:1]
            record.ocr_suggestion_count = len(reader._ocr_open_suggestions()) if may_read else 0
            record.ocr_box_data = reader._ocr_boxes(job) if job and may_read else False

    def _ocr_open_suggestions(self):
        """The job's first choices still open that differ from what the document holds (as superuser)."""
        job = self.ocr_job_ids[:1].sudo()
        if job.state in FINISHED_STATES and self.id and self._ocr_is_eligible():
            return job.suggestion_ids.filtered(
                lambda r: r.state == "open" and not r.rank and self._ocr_suggestion_differs(r)
            )
        return self.env["ocr.job.suggestion"].sudo()

    def _ocr_boxes(self, job):
        """Where each read value sits on the document, for the preview to highlight, with the
        other values read for the field (runner-up first) to choose from while still open."""
        boxes = {}
        rows = job.suggestion_ids.sorted(lambda r: (r.sequence, r.rank, r.id))
        choosable = self.id and self._ocr_is_eligible()
        for row in rows.filtered(lambda r: not r.rank):
            field = self._ocr_suggestion_field(row.key) or row.key
            others = [
                {"id": other.id, "value": other.value, "page": other.page, "box": other.box or False}
                for other in rows
                if other.rank and other.key == row.key and other.state == "open" and choosable
                and self._ocr_suggestion_vals(other) is not None  # only what one click can apply
            ]
            if (row.page and row.box) or others:
                boxes.setdefault(field, []).append({
                    "page": row.page, "box": row.box or False, "value": row.value,
                    "confidence": row.confidence_percent, "label": row.label, "alternatives": others,
                })
        return boxes or False

    def _ocr_suggestion_field(self, key):
        """The field of this document a suggestion fills, or None."""
        return self._ocr_suggestion_fields().get(key)

    def _ocr_suggestion_fields(self):
        raise NotImplementedError

    def _ocr_suggestion_differs(self, row):
        name = self._ocr_suggestion_field(row.key)
        if not name or name not in self._fields:
            return False
        vals = self._ocr_suggestion_vals(row)
        if vals is None:
            return row.key == "vendor"  # a vendor not found: offered for creation
        for name, value in vals.items():
            if not self._ocr_suggestion_holds(name, value):
                return True
        return False

    def _ocr_suggestion_holds(self, name, value):
        """Whether the record already holds a suggested value (then it is not offered)."""
        field = self._fields[name]
        current = self[name]
        if field.type == "many2one":
            return current.id == value
        if field.type in ("float", "monetary"):
            return float_compare(current or 0.0, value or 0.0, precision_digits=2) == 0
        if field.type in ("one2many", "many2many"):
            return bool(current)  # lines already there: not offered
        return current == value

    def _ocr_suggestion_current(self, row):
        """The document's value before a suggestion replaces it, as text."""
        name = self._ocr_suggestion_field(row.key)
        if not name or name not in self._fields:
            return False
        value = self[name]
        if isinstance(value, models.BaseModel):
            return ", ".join(value.mapped("display_name")) or False
        return str(value) if value not in (False, None) else False

    def _ocr_suggestion_vals(self, row):
        """{field: value} that applies a suggestion here, or None when it cannot be used."""
        name = self._ocr_suggestion_field(row.key)
        if not name or name not in self._fields:
            return None
        if row.key == "vendor":
            partner = self._ocr_find_vendor(row.value, row.vendor_vat)
            return {name: partner.id} if partner else None
        if row.key == "currency":
            currency = self.env["res.currency"].with_context(active_test=False).search(
                [("name", "=", (row.value or "").upper())], limit=1)
            return {name: currency.id} if currency and currency.active else None
        field = self._fields[name]
        if row.key == "amount_total" and not self._ocr_same_currency(row):
            return None
        try:
            if field.type == "date":
                return {name: fields.Date.to_date(row.value)}
            if field.type in ("float", "monetary"):
                return {name: float(row.value)}
        except ValueError:
            return None
        return {name: row.value}

    def _ocr_same_currency(self, row):
        """An amount is only offered in the document's currency: 56.02 EUR is not 56.02 USD."""
        currency = ((row.job_id.result or {}).get("fields") or {}).get("currency") or {}
        code = currency.get("value")
        return not code or code == self.currency_id.name

    def _ocr_find_vendor(self, name, vat):
        """The partner a read vendor is: by VAT first, then by exact name."""
        Partner = self.env["res.partner"]
        company = self.company_id
        scope = ["|", ("company_id", "=", False), ("company_id", "=", company.id)]
        compact = (vat or "").replace(" ", "").replace(".", "").replace("-", "").upper()
        if compact:
            found = Partner.search(scope + [("vat", "=ilike", compact)], limit=1)
            if not found and len(compact) > 2 and compact[:2].isalpha():
                found = Partner.search(scope + [("vat", "=ilike", compact[2:])], limit=1)
            if found:
                return found.commercial_partner_id
        if name:
            return Partner.search(scope + [("name", "=ilike", name.strip()), ("parent_id", "=", False)], limit=1)
        return Partner

    def action_ocr_rerun(self):
        for record in self:
            job = record.ocr_job_ids[:1].sudo()
            if job and not job.can_rerun and job.state not in ACTIVE_STATES:
                raise UserError(job.error_message)
        return super().action_ocr_rerun()

    def action_ocr_apply_all(self):
        for record in self:
            record.ocr_suggestion_ids.filtered(lambda r: r.key != "vendor" or r.vendor_found).action_apply()
        return True

    # ------------------------------------------------------------------
    # The end of a review
    # ------------------------------------------------------------------

    def _ocr_end_review(self, resolution):
        """Validating the document (or saying so) closes its OCR review."""
        jobs = self.env["ocr.job"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids), ("state", "=", "review")]
        )
        return jobs._ocr_end_review(resolution)

    def _ocr_validated(self, resolution, learn_from=None):
        """The documents were validated (a bill confirmed, an expense submitted or approved): their OCR review
        ends, and the jobs of ``learn_from`` (default: all of them) ask the worker's vendor memory to learn."""
        learn_from = self if learn_from is None else learn_from
        if not self.ids:
            return
        jobs = self.env["ocr.job"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids), ("state", "in", FINISHED_STATES)]
        )
        jobs._ocr_end_review(resolution)
        # a record is learned from once, through its newest finished job: a second validation (an expense approved
        # after it was submitted, a bill posted again after a reset, a re-run's new job) would count its kept values
        # twice in the vendor's profile
        learned = set(jobs.filtered(lambda j: j.learn_state == "done").mapped("res_id"))
        newest = {j.res_id: j.id for j in jobs.sorted("id") if j.res_id in learn_from.ids and j.res_id not in learned}
        jobs.browse(list(newest.values())).filtered(lambda j: j.learn_state != "pending").write({"learn_state": "pending"})

    def action_ocr_mark_reviewed(self):
        self.env["ocr.job"]._ocr_check_reviewer()
        if hasattr(self, "check_access"):  # 18+
            self.check_access("write")
        else:
            self.check_access_rights("write")
            self.check_access_rule("write")
        self._ocr_end_review("marked")
        self._ocr_after_mark_reviewed()
        return True

    def _ocr_after_mark_reviewed(self):
        """Odoo's own review flag follows (bills): set to "reviewed" through write, as a person would."""
        flag = self._ocr_review_flag()
        if flag:
            field, to_review = flag
            self.filtered(lambda r: r[field] == to_review).write({field: not to_review})
