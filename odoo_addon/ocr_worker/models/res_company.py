# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..writeback_rules import CREATE_VENDORS_DEFAULT, WRITE_THRESHOLD_DEFAULT

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
    # One write policy with the worker (WRITE_THRESHOLD, same default): a value is written when its confidence
    # (the measured probability that it is right) reaches this; a job whose weakest key field is below it goes
    # to review.
    ocr_write_threshold = fields.Float(
        "OCR Write Threshold",
        default=WRITE_THRESHOLD_DEFAULT,  # the worker's WRITE_THRESHOLD default too (data/writeback_rules.json)
        help="A value read from a document is written when its confidence (0-1, the measured "
        "probability that it is right) is at least this; a document whose total, date or vendor "
        "is not written goes to review.",
    )
    ocr_review_threshold = fields.Float(
        "OCR Review Threshold (deprecated)",
        compute="_compute_ocr_review_threshold",
        inverse="_inverse_ocr_review_threshold",
        help="Deprecated name of the OCR Write Threshold.",
    )
    ocr_activate_currencies = fields.Boolean(
        "OCR Activates Currencies",
        help="Activate the currency found on a document when it is not active yet "
        "(off: the amounts of such a document are not written).",
    )
    ocr_delivery_write_done = fields.Boolean(
        "Write Received Quantities from Delivery Notes",
        help="With Inventory and Purchase: a delivery note read on a receipt sets the receipt's done quantities "
        "to what the note says arrived (the receipt is never validated). Off: the comparison with the order is "
        "only posted in the receipt's chatter.",
    )
    # The worker's CREATE_VENDORS for this company (same default, data/writeback_rules.json): the worker reads it
    # and creates the vendor itself (src/writeback/vendor-create.ts), one rule for both modes.
    ocr_create_vendors = fields.Boolean(
        "OCR Creates Vendors",
        default=CREATE_VENDORS_DEFAULT,
        help="Create the vendor of a bill when no contact has its VAT, IBAN or name, only when a VAT number with a "
        "valid check digit (or the IBAN of a payment QR code) was read with confidence and a name beside it. "
        "Never from a name alone, never this company itself. The bill's note says \"vendor created: Name (VAT)\" "
        "and asks to check a name read with less than the write threshold's confidence.",
    )
    ocr_max_attempts = fields.Integer("OCR Attempts", default=5, required=True)

    @api.depends("ocr_write_threshold")
    def _compute_ocr_review_threshold(self):
        for company in self:
            company.ocr_review_threshold = company.ocr_write_threshold

    def _inverse_ocr_review_threshold(self):
        for company in self:
            company.ocr_write_threshold = company.ocr_review_threshold

    @api.constrains("ocr_write_threshold", "ocr_max_attempts")
    def _check_ocr_settings(self):
        for company in self:
            if not 0 <= company.ocr_write_threshold <= 1:
                raise ValidationError(_("The OCR write threshold must be between 0 and 1."))
            if not 1 <= company.ocr_max_attempts <= 100:
                raise ValidationError(_("The OCR attempts must be between 1 and 100."))
