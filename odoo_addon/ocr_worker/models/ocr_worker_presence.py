# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which OCR workers were seen, when, and which version they run: shown in the settings
so that an admin knows whether anything reads the queue at all."""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# A worker polls every few seconds to a minute; not seen for this long = not running.
STALE_AFTER = timedelta(minutes=10)
# Claims come often; the time seen is written at most this often per worker.
SEEN_GRANULARITY = timedelta(seconds=30)
MAX_TEXT = 128


class OcrWorkerPresence(models.Model):
    _name = "ocr.worker.presence"
    _description = "OCR worker seen by Odoo"
    _order = "last_seen desc"

    name = fields.Char("Worker", required=True, readonly=True, index=True)
    version = fields.Char(readonly=True)
    last_seen = fields.Datetime("Last Seen", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    if hasattr(models, "Constraint"):
        _name_unique = models.Constraint("UNIQUE(name)", "One row per worker.")
    else:
        _sql_constraints = [("name_unique", "UNIQUE(name)", "One row per worker.")]

    @api.model
    def hello(self, worker_id, version=None):
        """Called by a worker when it starts: who it is and which version it runs."""
        self.env["ocr.job"]._ocr_check_worker()
        for arg, value in (("worker_id", worker_id), ("version", version)):
            if value is not None and (not isinstance(value, str) or len(value) > MAX_TEXT or not value.strip()):
                raise UserError(_("%(arg)s must be a non-empty string of at most %(n)s characters.", arg=arg, n=MAX_TEXT))
        if worker_id is None:
            raise UserError(_("worker_id is required."))
        self._ocr_seen(worker_id, version=version, force=True)
        return True

    @api.model
    def _ocr_seen(self, worker_id, version=None, force=False):
        now = fields.Datetime.now()
        Presence = self.sudo()
        row = Presence.search([("name", "=", worker_id)], limit=1)
        vals = {"last_seen": now, "company_id": self.env.company.id}
        if version:
            vals["version"] = version
        if not row:
            Presence.create(dict(vals, name=worker_id))
        elif force or not row.last_seen or now - row.last_seen >= SEEN_GRANULARITY:
            row.write(vals)

    @api.model
    def _ocr_latest(self):
        return self.sudo().search([], limit=1)

    def _ocr_is_stale(self):
        return not self.last_seen or fields.Datetime.now() - self.last_seen > STALE_AFTER


class OcrJobPresence(models.Model):
    _inherit = "ocr.job"

    @api.model
    def claim(self, worker_id, *args, **kwargs):
        leases = super().claim(worker_id, *args, **kwargs)
        self.env["ocr.worker.presence"]._ocr_seen(worker_id)
        return leases
