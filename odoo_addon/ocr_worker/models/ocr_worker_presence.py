# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which OCR workers poll the queue: when each was last seen, which channels it takes and which version it runs.

Two uses, one record per worker:
- the settings show it, so that an admin knows whether anything reads the queue at all;
- a capacity-limited channel is shared among the workers seen lately. Without that, the worker that happens to poll
  first fills a channel's capacity and refills each slot the moment it frees, while the others, idle between polls,
  always find the channel full (seen: 39 of 40 jobs on one worker). A claim takes at most its fair share: the
  capacity divided among the workers seen lately that take that channel (the remainder to the first ones by name, so
  that the capacity is used in full and a newcomer always gets a slot once the others' shares free).
Every claim records its worker (with its channels); `hello` records its version when it starts.
"""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

DEFAULT_PRESENCE_SECONDS = 120  # a little more than 2 polls at the worker's default 30 s (+20 % jitter)
# A worker polls every few seconds to a minute; not seen for this long = not running (the settings say so).
STALE_AFTER = timedelta(minutes=10)
MAX_TEXT = 128
_KEEP = object()  # `channels` not known to the caller (hello): the recorded ones stay


class OcrWorkerPresence(models.Model):
    _name = "ocr.worker.presence"
    _description = "OCR worker seen polling"
    _order = "last_seen desc"
    _log_access = False

    name = fields.Char("Worker", required=True, readonly=True)
    channels = fields.Char(readonly=True, help="Channels the worker takes (empty: all), comma separated.")
    version = fields.Char(readonly=True)
    last_seen = fields.Datetime("Last Seen", required=True, readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    if hasattr(models, "Constraint"):
        _name_uniq = models.Constraint("UNIQUE(name)", "One row per worker.")
    else:
        _sql_constraints = [("name_uniq", "unique(name)", "One row per worker.")]

    @api.model
    def hello(self, worker_id, version=None):
        """Called by a worker when it starts: who it is and which version it runs."""
        self.env["ocr.job"]._ocr_check_worker()
        for arg, value in (("worker_id", worker_id), ("version", version)):
            if value is not None and (not isinstance(value, str) or len(value) > MAX_TEXT or not value.strip()):
                raise UserError(_("%(arg)s must be a non-empty string of at most %(n)s characters.", arg=arg, n=MAX_TEXT))
        if worker_id is None:
            raise UserError(_("worker_id is required."))
        self.sudo()._ocr_seen(worker_id, version=version)
        # what complete() accepts beyond the first contract: the worker sends it only then
        return {"accepts": ["review_codes", "claim_documents", "renew", "claim_on_complete"]}

    @api.model
    def _ocr_seen(self, worker_id, channels=_KEEP, now=None, version=None):
        """One statement per claim: claims are frequent and concurrent, so an upsert rather than search + write."""
        keep_channels = channels is _KEEP
        stored_channels = None if keep_channels or not channels else ",%s," % ",".join(channels)
        self.flush_model()
        self.env.cr.execute(
            """
            INSERT INTO ocr_worker_presence (name, channels, version, company_id, last_seen) VALUES (%s, %s, %s, %s, %s)
            ON CONFLICT (name) DO UPDATE SET
                last_seen = EXCLUDED.last_seen,
                company_id = EXCLUDED.company_id,
                channels = CASE WHEN %s THEN ocr_worker_presence.channels ELSE EXCLUDED.channels END,
                version = COALESCE(EXCLUDED.version, ocr_worker_presence.version)
            """,
            [worker_id, stored_channels, version, self.env.company.id, now or fields.Datetime.now(), keep_channels],
        )
        self.invalidate_model()

    @api.model
    def _ocr_fair_shares(self, worker_id, capacities, now):
        """{channel: most jobs ``worker_id`` may hold} for the limited channels given as {channel: capacity}."""
        seconds = self.env["ir.config_parameter"].sudo().get_param(
            "ocr_worker.presence_seconds", DEFAULT_PRESENCE_SECONDS
        )
        try:
            since = now - timedelta(seconds=max(int(seconds), 1))
        except ValueError:
            since = now - timedelta(seconds=DEFAULT_PRESENCE_SECONDS)
        self.flush_model()
        self.env.cr.execute(
            "SELECT name, channels FROM ocr_worker_presence WHERE last_seen >= %s ORDER BY name", [since]
        )
        seen = self.env.cr.fetchall()
        shares = {}
        for name, capacity in capacities.items():
            takers = [worker for worker, channels in seen if not channels or ",%s," % name in channels]
            if worker_id not in takers:
                takers = sorted(takers + [worker_id])
            base, extra = divmod(capacity, len(takers))
            shares[name] = base + (1 if takers.index(worker_id) < extra else 0)
        return shares

    @api.model
    def _ocr_latest(self):
        return self.sudo().search([], limit=1)

    def _ocr_is_stale(self):
        return not self.last_seen or fields.Datetime.now() - self.last_seen > STALE_AFTER
