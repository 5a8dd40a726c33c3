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
# Other values read for a field, offered on the preview next to the chosen one's box.
MAX_ALTERNATIVES = 2


class OcrJobSuggestion(models.Model):
    _name = "ocr.job.suggestion"
    _description = "Value read by OCR, offered to the accountant"
    _order = "job_id desc, sequence, id"

    job_id = fields.Many2one("ocr.job", required=True, ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True)
    res_model = fields.Char(related="job_id.res_model")
    res_id = fields.Many2oneReference(related="job_id.res_id", model_field="res_model")
    sequence = fields.Integer(readonly=True)
    rank = fields.Integer(
        "Candidate", readonly=True, default=0,
        help="0: the value the reading chose; 1, 2: other values read for the same field (the runner-up first), "
        "offered on the document preview.")
    key = fields.Char("Read Field", required=True, readonly=True)
    label = fields.Char("Field", compute="_compute_label")
    rank_label = fields.Char("Read As", compute="_compute_label")
    value = fields.Char("Read on the Document", readonly=True)
    vendor_vat = fields.Char("VAT Read", readonly=True)
    vendor_street = fields.Char("Street Read", readonly=True)
    vendor_zip = fields.Char("ZIP Read", readonly=True)
    vendor_city = fields.Char("City Read", readonly=True)
    vendor_country_code = fields.Char("Country Read", readonly=True, help="ISO code of the vendor's country.")
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

    @api.depends("key", "confidence", "rank")
    def _compute_label(self):
        labels = dict(self.env["ocr.job"]._ocr_field_words(), vendor=_("Vendor"))
        for row in self:
            row.label = labels.get(row.key, row.key)
            row.rank_label = _("Value read") if not row.rank else (
                _("Runner-up") if row.rank == 1 else _("Other value read"))
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
                row.update(self._ocr_address_vals(result.get("vendor_address")))
                read_alternatives = name
            else:
                field = extracted.get(key) or {}
                if field.get("value") in (None, ""):
                    continue
                row = {"value": str(field["value"])}
                read_alternatives = field
            row.update(
                job_id=job.id, key=key, sequence=sequence,
                confidence=min(max(float(field.get("confidence") or 0.0), 0.0), 1.0),
                **self._ocr_place(field),
            )
            rows.append(row)
            rows += self._ocr_alternative_rows(job, key, sequence, read_alternatives, row["value"])
        return rows

    @api.model
    def _ocr_place(self, read):
        box = read.get("box")
        valid = isinstance(box, list) and len(box) == 4 and all(isinstance(v, (int, float)) for v in box)
        page = read.get("page") if isinstance(read.get("page"), int) else 0
        return {"page": page if valid else 0, "box": box if valid else False}

    @api.model
    def _ocr_alternative_rows(self, job, key, sequence, field, chosen):
        """The other values the reading weighed for a field (optional `alternatives` of the
        result): rows of rank 1, 2, … offered on the preview, not in the suggestions list."""
        alternatives = field.get("alternatives")
        rows = []
        for rank, alternative in enumerate(alternatives if isinstance(alternatives, list) else [], start=1):
            value = alternative.get("value") if isinstance(alternative, dict) else None
            if value in (None, "") or str(value) == chosen or rank > MAX_ALTERNATIVES:
                continue
            rows.append(dict(
                job_id=job.id, key=key, sequence=sequence, rank=rank, value=str(value), confidence=0.0,
                **self._ocr_place(alternative),
            ))
        return rows

    @api.model
    def _ocr_address_vals(self, address):
        """The vendor's address as read (optional `vendor_address` of the result), for Create Vendor."""
        if not isinstance(address, dict):
            return {}
        def text(name, size=128):
            return str(address.get(name) or "").strip()[:size] or False

        country = text("country", 2)
        return {
            "vendor_street": text("street"), "vendor_zip": text("zip"), "vendor_city": text("city"),
            "vendor_country_code": country.upper() if country else False,
        }

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
        context.update(self._ocr_address_defaults())
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

    def _ocr_address_defaults(self):
        """default_* values of the address read (street, zip, city, country when Odoo knows its code)."""
        defaults = {
            "default_%s" % name: self["vendor_%s" % name]
            for name in ("street", "zip", "city") if self["vendor_%s" % name]
        }
        if self.vendor_country_code:
            country = self.env["res.country"].search([("code", "=", self.vendor_country_code.upper())], limit=1)
            if country:
                defaults["default_country_id"] = country.id
        return defaults

    def action_dismiss(self):
        self.filtered(lambda r: r.state == "open").sudo().write({
            "state": "dismissed", "applied_by_id": self.env.uid, "applied_at": fields.Datetime.now(),
        })
        return True
