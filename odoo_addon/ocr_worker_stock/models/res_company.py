# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.ocr_worker.models.res_company import OCR_MODES


class ResCompany(models.Model):
    _inherit = "res.company"

    # On demand by default: receipts collect all kinds of files, only the one a person sends is the delivery note.
    ocr_receipt_mode = fields.Selection(OCR_MODES, "OCR of Delivery Notes", default="manual", required=True)
