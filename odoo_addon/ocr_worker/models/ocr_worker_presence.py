# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Which workers poll the queue, so that a capacity-limited channel is shared among them.

Without it the worker that happens to poll first fills a channel's capacity and refills each slot the moment it
frees, while the others, idle between polls, always find the channel full (seen: 39 of 40 jobs on one worker).
Every claim records its worker here; a claim then takes at most its fair share of a limited channel: the capacity
divided among the workers seen lately that take that channel (the remainder to the first ones by name, so that the
capacity is used in full and a newcomer always gets a slot once the others' shares free).
"""
from datetime import timedelta

from odoo import api, fields, models

DEFAULT_PRESENCE_SECONDS = 120  # a little more than 2 polls at the worker's default 30 s (+20 % jitter)


class OcrWorkerPresence(models.Model):
    _name = "ocr.worker.presence"
    _description = "OCR worker seen polling"
    _order = "last_seen desc"
    _log_access = False

    name = fields.Char("Worker", required=True, readonly=True)
    channels = fields.Char(readonly=True, help="Channels the worker takes (empty: all), comma separated.")
    last_seen = fields.Datetime(required=True, readonly=True)

    if hasattr(models, "Constraint"):
        _name_uniq = models.Constraint("UNIQUE(name)", "One row per worker.")
    else:
        _sql_constraints = [("name_uniq", "unique(name)", "One row per worker.")]

    @api.model
    def _ocr_seen(self, worker_id, channels, now):
        self.flush_model()
        self.env.cr.execute(
            """
            INSERT INTO ocr_worker_presence (name, channels, last_seen) VALUES (%s, %s, %s)
            ON CONFLICT (name) DO UPDATE SET channels = EXCLUDED.channels, last_seen = EXCLUDED.last_seen
            """,
            [worker_id, ",%s," % ",".join(channels) if channels else None, now],
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
