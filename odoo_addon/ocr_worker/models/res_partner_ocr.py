# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A vendor created from a suggestion ("Create Vendor") is set on its document."""
from odoo import api, models


class ResPartnerOcr(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        suggestion_id = self.env.context.get("ocr_suggestion_id")
        if not suggestion_id:
            return super().create(vals_list)
        # Contacts created inside the new vendor's form (child_ids) must not take its place.
        partners = super(ResPartnerOcr, self.with_context(ocr_suggestion_id=False)).create(vals_list)
        partners = partners.with_env(self.env)
        row = self.env["ocr.job.suggestion"].browse(suggestion_id).exists()
        target = row._target() if row and row.state == "open" and row.key == "vendor" else None
        if target and target._ocr_is_eligible():
            field = target._ocr_suggestion_field("vendor")
            before = target._ocr_suggestion_current(row)
            target.with_context(ocr_suggestion_id=False).write({field: partners[0].id})
            row._ocr_mark_applied(before)
        return partners
