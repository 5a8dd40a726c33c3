# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Values read from a document, one row per field, for the accountant to apply.

A row is made for every extracted value when the worker stores its result. The
document shows the rows whose value is not on it yet (held back below the write
threshold, or not written because a person had typed something else). Applying a
row writes the value as the user and records it as that user's correction: who,
when, what was there before. That is what a vendor memory learns from.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError


# The fields of the scan result that become suggestions; the vendor's name and VAT are one.
SUGGESTED_KEYS = ("vendor", "invoice_number", "date", "due_date", "currency", "amount_total")


class OcrJobSuggestion(models.Model):
    _name = "ocr.job.suggestion"
    _description = "Value read by OCR, offered to the accountant"
    _order = "job_id desc, sequence, id"

    job_id = fields.Many2one("ocr.job", required=True, ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True)
    res_model = fields.Char(related="job_id.res_model")
    res_id = fields.Many2oneReference(related="job_id.res_id", model_field="res_model")
    sequence = fields.Integer(readonly=True)
    key = fields.Char("Read Field", required=True, readonly=True)
    label = fields.Char("Field", compute="_compute_label")
    value = fields.Char("Read on the Document", readonly=True)
    vendor_vat = fields.Char("VAT Read", readonly=True)
    confidence = fields.Float(readonly=True, digits=(3, 2))
    confidence_percent = fields.Integer("Confidence (%)", compute="_compute_label")
    page = fields.Integer(readonly=True, help="Page of the document the value was read on (1 = first).")
    box = fields.Json(readonly=True, help="[x, y, width, height] of the value on its page, as fractions of the page.")
    state = fields.Selection(
        [("open", "Offered"), ("applied", "Applied"), ("dismissed", "Dismissed")],
        default="open", required=True, readonly=True,
    )
    previous_value = fields.Char("Value Before", readonly=True)
    applied_by_id = fields.Many2one("res.users", "Applied By", readonly=True)
    applied_at = fields.Datetime("Applied On", readonly=True)
    vendor_found = fields.Boolean(compute="_compute_vendor_found")

    @api.depends("key", "confidence")
    def _compute_label(self):
        labels = dict(self.env["ocr.job"]._ocr_field_words(), vendor=_("Vendor"))
        for row in self:
            row.label = labels.get(row.key, row.key)
            row.confidence_percent = round((row.confidence or 0.0) * 100)

    def _compute_vendor_found(self):
        for row in self:
            target = row._target()
            row.vendor_found = bool(
                row.key == "vendor" and target and target._ocr_find_vendor(row.value, row.vendor_vat)
            )

    # ------------------------------------------------------------------
    # Rows from a scan result
    # ------------------------------------------------------------------

    @api.model
    def _ocr_sync(self, jobs):
        """(Re)make the rows of jobs whose result changed; applied rows are history and stay."""
        for job in jobs:
            self.search([("job_id", "=", job.id), ("state", "=", "open")]).unlink()
            self.create(self._ocr_rows(job))

    @api.model
    def _ocr_rows(self, job):
        result = job.result if isinstance(job.result, dict) else {}
        extracted = result.get("fields") if isinstance(result.get("fields"), dict) else {}
        rows = []
        for sequence, key in enumerate(SUGGESTED_KEYS):
            if key == "vendor":
                name = extracted.get("vendor_name") or {}
                vat = extracted.get("vendor_vat") or {}
                if not (name.get("value") or vat.get("value")):
                    continue
                field = name if name.get("value") else vat
                row = {"value": name.get("value") or vat.get("value"), "vendor_vat": vat.get("value") or False}
            else:
                field = extracted.get(key) or {}
                if field.get("value") in (None, ""):
                    continue
                row = {"value": str(field["value"])}
            box = field.get("box")
            row.update(
                job_id=job.id, key=key, sequence=sequence,
                confidence=min(max(float(field.get("confidence") or 0.0), 0.0), 1.0),
                page=field.get("page") or 0,
                box=box if isinstance(box, list) and len(box) == 4 else False,
            )
            rows.append(row)
        return rows

    # ------------------------------------------------------------------
    # Applying
    # ------------------------------------------------------------------

    def _target(self):
        self.ensure_one()
        return self.job_id._ocr_target()

    def action_apply(self):
        """Write the value on the document, as the user (their rights apply)."""
        for row in self:
            target = row._target()
            if not target or not target._ocr_is_eligible():
                raise UserError(_("The document is no longer a draft; the value was not applied."))
            if row.state != "open":
                continue
            vals = target._ocr_suggestion_vals(row)
            if vals is None:
                raise UserError(_("%(field)s cannot be applied: %(value)s was not recognised.",
                                  field=row.label, value=row.value))
            before = target._ocr_suggestion_current(row)
            target.write(vals)
            row._ocr_mark_applied(before)
        return True

    def _ocr_mark_applied(self, before):
        self.sudo().write({
            "state": "applied",
            "previous_value": before or False,
            "applied_by_id": self.env.uid,
            "applied_at": fields.Datetime.now(),
        })

    def action_create_vendor(self):
        """Open a new vendor form prefilled from what was read; saving it sets it on the document."""
        self.ensure_one()
        target = self._target()
        if not target or not target._ocr_is_eligible():
            raise UserError(_("The document is no longer a draft; the value was not applied."))
        context = {
            "default_name": self.value,
            "default_is_company": True,
            "ocr_suggestion_id": self.id,
        }
        if self.vendor_vat:
            context["default_vat"] = self.vendor_vat
        if self.job_id.company_id:
            context["default_company_id"] = False
        return {
            "type": "ir.actions.act_window",
            "name": _("New vendor from the document"),
            "res_model": "res.partner",
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "new",
            "context": context,
        }

    def action_dismiss(self):
        self.filtered(lambda r: r.state == "open").sudo().write({
            "state": "dismissed", "applied_by_id": self.env.uid, "applied_at": fields.Datetime.now(),
        })
        return True
