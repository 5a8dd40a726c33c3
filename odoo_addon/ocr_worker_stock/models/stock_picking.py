# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "ocr.document.mixin"]

    def _ocr_mode(self):
        self.ensure_one()
        return self.company_id.ocr_receipt_mode or "off"

    def _ocr_is_eligible(self):
        """An incoming transfer not yet done: its delivery note is compared with what was ordered."""
        self.ensure_one()
        return self.picking_type_code == "incoming" and self.state not in ("done", "cancel")

    def _ocr_not_editable_reason(self):
        return _("The receipt is done or cancelled; the delivery note's quantities were not written.")

    def _ocr_write_done_quantities(self, move_quantities):
        """The quantities a delivery note says arrived, as the receipt's done quantities (company setting on).
        Only moves of this receipt that are not done or cancelled; the receipt itself is never validated."""
        self.ensure_one()
        if not self._ocr_is_eligible():
            return
        moves = {move.id: move for move in self.move_ids}
        for line in move_quantities:
            move = moves.get(line["move_id"])
            if move and move.state not in ("done", "cancel") and move.quantity != line["quantity"]:
                move.write({"quantity": line["quantity"], "picked": True})
