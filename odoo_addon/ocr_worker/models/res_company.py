# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

OCR_MODES = [
    ("off", "Do not digitize"),
    ("manual", "Digitize on demand only"),
    ("auto", "Digitize automatically"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    ocr_bill_mode = fields.Selection(OCR_MODES, "OCR of Vendor Bills", default="auto", required=True)
    ocr_expense_mode = fields.Selection(OCR_MODES, "OCR of Expenses", default="auto", required=True)
    ocr_bill_channel = fields.Char("OCR Channel for Bills", default="root", required=True)
    ocr_expense_channel = fields.Char("OCR Channel for Expenses", default="root", required=True)
    ocr_overwrite = fields.Boolean(
        "OCR Overwrites Values",
        help="Let OCR results replace values already on a draft, instead of filling "
        "empty fields only.",
    )
    ocr_review_threshold = fields.Float(
        "OCR Review Threshold",
        default=0.8,
        help="Results with a lower overall confidence (0-1) are marked for review.",
    )
    ocr_max_attempts = fields.Integer("OCR Attempts", default=5, required=True)

    @api.constrains("ocr_review_threshold", "ocr_max_attempts")
    def _check_ocr_settings(self):
        for company in self:
            if not 0 <= company.ocr_review_threshold <= 1:
                raise ValidationError(_("The OCR review threshold must be between 0 and 1."))
            if not 1 <= company.ocr_max_attempts <= 100:
                raise ValidationError(_("The OCR attempts must be between 1 and 100."))
