# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.ocr_worker.models.res_company import OCR_MODES


class ResCompany(models.Model):
    _inherit = "res.company"

    # On demand by default: quotations collect all kinds of files, only the one a person sends is a customer's order.
    ocr_order_mode = fields.Selection(OCR_MODES, "OCR of Customer Orders", default="manual", required=True)
