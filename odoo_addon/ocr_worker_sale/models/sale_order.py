# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models

from odoo.addons.ocr_worker.writeback_rules import writable_states


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "ocr.document.mixin"]

    def _ocr_mode(self):
        self.ensure_one()
        return self.company_id.ocr_order_mode or "off"

    def _ocr_is_eligible(self):
        """A quotation still being prepared: the customer's order fills it; a confirmed order is never touched."""
        self.ensure_one()
        return self.state in writable_states(self._name)

    def _ocr_not_editable_reason(self):
        return _("The quotation is no longer a draft; the customer's order was not written.")
