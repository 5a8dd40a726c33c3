# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models


class OcrJob(models.Model):
    _inherit = "ocr.job"

    @api.model
    def _ocr_writable_models(self):
        return super()._ocr_writable_models() + ("stock.picking",)

    @api.model
    def _ocr_filing_models(self):
        # a delivery note from the inbox is filed on the receipt it was matched to
        return super()._ocr_filing_models() + ("stock.picking",)

    @api.model
    def _selection_target_model(self):
        return super()._selection_target_model() + [("stock.picking", _("Transfer"))]
