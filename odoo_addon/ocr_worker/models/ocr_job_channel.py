# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class OcrJobChannel(models.Model):
    """A named lane of OCR jobs with a capacity, like OCA queue_job channels.

    Jobs name their channel by a plain string so that workers and the enqueue code
    never need the record; the record only carries the capacity, and is created on
    demand with the default capacity when a job names an unknown channel.
    """

    _name = "ocr.job.channel"
    _description = "OCR Job Channel"
    _order = "name"

    name = fields.Char(required=True, index=True)
    capacity = fields.Integer(
        default=lambda self: self._default_capacity(),
        help="How many jobs of this channel may be running at once, over all "
        "workers. 0 means no limit.",
    )
    active = fields.Boolean(default=True)
    running_count = fields.Integer(compute="_compute_counts")
    pending_count = fields.Integer(compute="_compute_counts")
    # Written by every claim on a limited channel: concurrent claimers then conflict
    # on this row, and PostgreSQL's serialization check stops a second claimer from
    # counting running jobs on a stale snapshot (Odoo retries the loser).
    last_claim_at = fields.Datetime(readonly=True)

    # 19.0 replaced _sql_constraints (then ignored, with a warning) by models.Constraint.
    if hasattr(models, "Constraint"):
        _name_uniq = models.Constraint("UNIQUE(name)", "A channel name must be unique.")
        _capacity_positive = models.Constraint(
            "CHECK(capacity >= 0)", "The capacity cannot be negative."
        )
    else:
        _sql_constraints = [
            ("name_uniq", "unique(name)", "A channel name must be unique."),
            ("capacity_positive", "CHECK(capacity >= 0)", "The capacity cannot be negative."),
        ]

    @api.model
    def _default_capacity(self):
        value = self.env["ir.config_parameter"].sudo().get_param(
            "ocr_worker.default_channel_capacity", "4"
        )
        try:
            return max(int(value), 0)
        except ValueError:
            return 4

    @api.constrains("name")
    def _check_name(self):
        for channel in self:
            if not channel.name.strip() or channel.name != channel.name.strip():
                raise ValidationError(
                    _("A channel name cannot be empty or start/end with spaces.")
                )

    def _compute_counts(self):
        counts = {}
        if self.ids:
            self.env["ocr.job"].flush_model(["channel", "state"])
            self.env.cr.execute(
                """
                SELECT channel, state, count(*) FROM ocr_job
                 WHERE channel = ANY(%s) AND state IN ('running', 'pending')
                 GROUP BY channel, state
                """,
                [self.mapped("name")],
            )
            for name, state, count in self.env.cr.fetchall():
                counts[(name, state)] = count
        for channel in self:
            channel.running_count = counts.get((channel.name, "running"), 0)
            channel.pending_count = counts.get((channel.name, "pending"), 0)

    @api.model
    def _ensure(self, names):
        """Create the channel records that do not exist yet (capacity: the default)."""
        names = {name for name in names if name}
        if not names:
            return
        Channel = self.sudo().with_context(active_test=False)
        existing = set(Channel.search([("name", "in", list(names))]).mapped("name"))
        missing = names - existing
        if missing:
            Channel.create([{"name": name} for name in sorted(missing)])
