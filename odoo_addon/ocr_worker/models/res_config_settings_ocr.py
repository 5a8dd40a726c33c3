# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The OCR settings page in plain words: the threshold in percent, and whether a
worker is running (when it was last seen, which version)."""
from odoo import _, api, fields, models
from odoo.tools import format_datetime


class ResConfigSettingsOcr(models.TransientModel):
    _inherit = "res.config.settings"

    ocr_write_threshold_percent = fields.Integer(
        "Write values read with at least (%)",
        compute="_compute_ocr_write_threshold_percent",
        inverse="_inverse_ocr_write_threshold_percent",
        help="A value is written when the measured chance that it was read right reaches this; "
        "below it the value is offered next to its field and the document is marked for review.",
    )
    ocr_worker_status = fields.Char("OCR Worker", compute="_compute_ocr_worker_status")
    ocr_worker_stale = fields.Boolean(compute="_compute_ocr_worker_status")

    @api.depends("company_id.ocr_write_threshold")
    def _compute_ocr_write_threshold_percent(self):
        for settings in self:
            settings.ocr_write_threshold_percent = round((settings.company_id.ocr_write_threshold or 0.0) * 100)

    def _inverse_ocr_write_threshold_percent(self):
        for settings in self:
            percent = min(max(settings.ocr_write_threshold_percent, 0), 100)
            if round(settings.company_id.ocr_write_threshold * 100) != percent:
                settings.company_id.ocr_write_threshold = percent / 100.0

    @api.depends("company_id")  # computed when the settings form opens
    def _compute_ocr_worker_status(self):
        latest = self.env["ocr.worker.presence"]._ocr_latest()
        if latest:
            status = _(
                "%(worker)s, last seen %(when)s, version %(version)s",
                worker=latest.name,
                when=format_datetime(self.env, latest.last_seen, dt_format="short"),
                version=latest.version or _("unknown"),
            )
        else:
            status = _("No OCR worker has connected yet.")
        for settings in self:
            settings.ocr_worker_status = status
            settings.ocr_worker_stale = latest._ocr_is_stale() if latest else True
