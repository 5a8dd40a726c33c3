# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import _, api, fields, models

from .worker_limits import refuse_worker


class OcrVendorProfile(models.Model):
    """What the OCR worker learned about one vendor of one company from the bills and expenses people validated:
    where each value stands on the vendor's documents (label words and relative position), its format, and the
    accounts/taxes/products chosen. No document text or amounts (docs/memory.md). The worker reads and writes
    `data`; people see the counts on the partner and can forget the profile."""

    _name = "ocr.vendor.profile"
    _description = "OCR Vendor Profile"
    _order = "write_date desc, id desc"

    key = fields.Char(required=True, index=True, readonly=True, copy=False)
    partner_id = fields.Many2one("res.partner", string="Vendor", index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True, default=lambda self: self.env.company
    )
    document_count = fields.Integer("Documents Learned", readonly=True)
    field_count = fields.Integer("Fields Learned", readonly=True)
    data = fields.Text("Profile (JSON)", readonly=True, groups="ocr_worker.group_ocr_manager,ocr_worker.group_ocr_worker")
    summary = fields.Text(compute="_compute_summary")

    if hasattr(models, "Constraint"):
        _key_unique = models.Constraint("UNIQUE(key)", "A vendor profile key is unique.")
    else:
        _sql_constraints = [("key_unique", "UNIQUE(key)", "A vendor profile key is unique.")]

    @api.depends("data")
    def _compute_summary(self):
        by_position = _("(position)")  # not inside the generator below: there _() finds no `self` for the language
        for profile in self:
            try:
                data = json.loads(profile.sudo().data or "{}")
            except ValueError:
                data = {}
            lines = []
            for name, memory in sorted((data.get("fields") or {}).items()):
                anchors = memory.get("anchors") or []
                labels = ", ".join(" ".join(a.get("label") or []) or by_position for a in anchors[:3])
                lines.append("%s: %s" % (name, labels))
            profile.summary = "\n".join(lines)

    def unlink(self):
        # The worker account implies Invoicing, whose users may forget a profile; the worker itself only reads and
        # writes profiles (ir.model.access.csv gives its own group no unlink): it may not delete them either.
        refuse_worker(self.env, _("delete vendor profiles"), self)
        return super().unlink()

    def action_forget(self):
        """Forget: the next document of the vendor is read as if it were the first."""
        self.unlink()
        return True


class ResPartner(models.Model):
    _inherit = "res.partner"

    ocr_profile_ids = fields.One2many("ocr.vendor.profile", "partner_id", string="OCR Profiles")
    ocr_profile_documents = fields.Integer("OCR: documents learned", compute="_compute_ocr_profile")
    ocr_profile_fields = fields.Integer("OCR: fields learned", compute="_compute_ocr_profile")

    @api.depends("ocr_profile_ids.document_count", "ocr_profile_ids.field_count")
    @api.depends_context("company")
    def _compute_ocr_profile(self):
        # only the current company's profile: another company's is neither shown nor counted
        for partner in self:
            mine = partner.ocr_profile_ids.filtered(lambda p: p.company_id == self.env.company)
            partner.ocr_profile_documents = sum(mine.mapped("document_count"))
            partner.ocr_profile_fields = max(mine.mapped("field_count") or [0])

    def action_ocr_forget_profile(self):
        profiles = self.env["ocr.vendor.profile"].search(
            [("partner_id", "in", self.ids), ("company_id", "=", self.env.company.id)]
        )
        return profiles.action_forget()


class OcrJob(models.Model):
    _inherit = "ocr.job"

    @api.model
    def learned(self, job_ids, ok=True):
        """Worker API: the worker learned (ok) or found nothing to learn from these jobs' validated records; they
        leave the learning queue. The worker account may not write jobs itself; only pending jobs of its own
        companies are marked. Returns how many were."""
        self._ocr_check_worker()
        jobs = self.search([("id", "in", [int(i) for i in job_ids]), ("learn_state", "=", "pending")])
        jobs.sudo().write({"learn_state": "done" if ok else "skipped"})
        return len(jobs)
