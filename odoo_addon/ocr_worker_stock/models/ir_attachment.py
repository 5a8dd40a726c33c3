# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _ocr_target_models(self):
        return super()._ocr_target_models() + ("stock.picking",)
