# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ocr_bill_mode = fields.Selection(related="company_id.ocr_bill_mode", readonly=False)
    ocr_expense_mode = fields.Selection(related="company_id.ocr_expense_mode", readonly=False)
    ocr_bill_channel = fields.Char(related="company_id.ocr_bill_channel", readonly=False)
    ocr_expense_channel = fields.Char(related="company_id.ocr_expense_channel", readonly=False)
    ocr_overwrite = fields.Boolean(related="company_id.ocr_overwrite", readonly=False)
    ocr_write_threshold = fields.Float(related="company_id.ocr_write_threshold", readonly=False)
    ocr_activate_currencies = fields.Boolean(related="company_id.ocr_activate_currencies", readonly=False)
    ocr_delivery_write_done = fields.Boolean(related="company_id.ocr_delivery_write_done", readonly=False)
    ocr_create_vendors = fields.Boolean(related="company_id.ocr_create_vendors", readonly=False)
    ocr_max_attempts = fields.Integer(related="company_id.ocr_max_attempts", readonly=False)
    ocr_default_channel_capacity = fields.Integer(
        "Default OCR Channel Capacity",
        config_parameter="ocr_worker.default_channel_capacity",
        default=4,
        help="Capacity of channels created on the fly (0 = no limit).",
    )
    ocr_root_channel_capacity = fields.Integer(
        "Root Channel Capacity",
        help="How many jobs of the root channel may run at once over all workers "
        "(0 = no limit).",
    )

    @api.model
    def get_values(self):
        res = super().get_values()
        root = self.env["ocr.job.channel"].sudo().search([("name", "=", "root")], limit=1)
        res["ocr_root_channel_capacity"] = root.capacity if root else 0
        return res

    def set_values(self):
        super().set_values()
        if not self.env.user.has_group("ocr_worker.group_ocr_manager"):
            return
        Channel = self.env["ocr.job.channel"].sudo().with_context(active_test=False)
        root = Channel.search([("name", "=", "root")], limit=1)
        capacity = max(self.ocr_root_channel_capacity, 0)
        if root:
            if root.capacity != capacity:
                root.capacity = capacity
        else:
            Channel.create({"name": "root", "capacity": capacity})
