# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import UserError

# What a quotation made from a customer's order may say: the customer, their reference, where it came from, the
# lines. Never a state, a salesperson's decision (pricelist, fiscal position) or anything that confirms it.
ORDER_FIELDS = {"partner_id", "client_order_ref", "origin", "order_line", "company_id"}
ORDER_LINE_FIELDS = {"product_id", "name", "product_uom_qty", "price_unit", "display_type"}


class OcrJob(models.Model):
    _inherit = "ocr.job"

    @api.model
    def _ocr_writable_models(self):
        return super()._ocr_writable_models() + ("sale.order",)

    @api.model
    def _selection_target_model(self):
        return super()._selection_target_model() + [("sale.order", _("Sales Order"))]

    def _ocr_create_order(self, create_vals):
        """The draft quotation of a customer's order from the inbox, with the file attached. Never confirmed."""
        self.ensure_one()
        vals = dict(create_vals)
        if "company_id" in vals and vals.pop("company_id") != self.company_id.id:
            raise UserError(_("values.create_order.company_id must be the job's company."))
        unknown = set(vals) - ORDER_FIELDS
        if unknown:
            raise UserError(_("values.create_order may not set %s.", ", ".join(sorted(unknown))))
        for command in vals.get("order_line") or []:
            if not (isinstance(command, (list, tuple)) and len(command) == 3 and command[0] == 0 and isinstance(command[2], dict)):
                raise UserError(_("values.create_order.order_line may only create lines."))
            if set(command[2]) - ORDER_LINE_FIELDS:
                raise UserError(_("values.create_order.order_line may not set %s.", ", ".join(sorted(set(command[2]) - ORDER_LINE_FIELDS))))
        order = self.env["sale.order"].with_company(self.company_id).create(vals)
        self.attachment_id.sudo().write({"res_model": "sale.order", "res_id": order.id})
        return order
