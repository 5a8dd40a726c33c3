# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The OCR job: one file of a bill/expense (or a loose file) waiting for a worker.

The worker-facing RPC methods live in ocr_job_lease.py (claim, heartbeat, fail,
requeue) and ocr_job_complete.py (complete and the write-back).
"""
import json

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import create_index

from ..writeback_rules import purchase_move_types

# Job states, shared with the status shown on bills and expenses (ocr.document.mixin).
JOB_STATES = [
    ("pending", "Queued"),
    ("running", "Processing"),
    ("done", "Done"),
    ("review", "Needs Review"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]

WORKER_GROUP = "ocr_worker.group_ocr_worker"
MANAGER_GROUP = "ocr_worker.group_ocr_manager"
USER_GROUP = "ocr_worker.group_ocr_user"

MAX_CLAIM = 100
MIN_LEASE_SECONDS = 10
MAX_LEASE_SECONDS = 86400
MAX_ERROR_CHARS = 4000
MAX_WORKER_ID_CHARS = 128
ACTIVE_STATES = ("pending", "running")
FINISHED_STATES = ("done", "review")
# the journal-entry types the worker fills, from the rules table the worker reads too
PURCHASE_MOVE_TYPES = purchase_move_types()
# Never written from a worker's values, whatever the overwrite setting says.
PROTECTED_FIELDS = frozenset(
    {
        "id",
        "state",
        "company_id",
        "move_type",
        "create_uid",
        "create_date",
        "write_uid",
        "write_date",
        "message_main_attachment_id",
    }
)

LOST = "lost"


class OcrJob(models.Model):
    _name = "ocr.job"
    _description = "OCR Job"
    _order = "id desc"

    attachment_id = fields.Many2one(
        "ir.attachment", required=True, ondelete="cascade", index=True, readonly=True
    )
    attachment_name = fields.Char(related="attachment_id.name", string="File")
    res_model = fields.Char(
        "Target Model", required=True, index=True, readonly=True
    )
    res_id = fields.Many2oneReference(
        "Target ID", model_field="res_model", index=True, readonly=True
    )
    target_ref = fields.Reference(
        selection="_selection_target_model", compute="_compute_target_ref", string="Target"
    )
    channel = fields.Char(required=True, default="root", index=True)
    priority = fields.Selection(
        [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")],
        default="1",
        required=True,
    )
    state = fields.Selection(
        JOB_STATES,
        default="pending",
        required=True,
        index=True,
        readonly=True,
    )
    attempts = fields.Integer(readonly=True)
    max_attempts = fields.Integer(default=lambda self: self.env.company.ocr_max_attempts or 5)
    next_attempt_at = fields.Datetime(readonly=True)
    lease_owner = fields.Char(readonly=True)
    # Read only by the addon's own methods (sudo): a worker gets its tokens from claim, never another's by read().
    lease_token = fields.Char(readonly=True, copy=False, groups="base.group_system")
    lease_expires_at = fields.Datetime(readonly=True, copy=False)
    error = fields.Text(readonly=True)
    result = fields.Json(readonly=True, copy=False)
    result_text = fields.Text("Result (JSON)", compute="_compute_result_text")
    # the reader's code (invoice, receipt…); doc_type_label holds the words people read, so it has the plain label
    doc_type = fields.Char("Document Type Code", readonly=True)
    confidence = fields.Float(readonly=True, digits=(3, 2))
    duration_ms = fields.Integer("Duration (ms)", readonly=True)
    review_reasons = fields.Text(readonly=True, help="One reason per line.")
    created_record = fields.Boolean(
        readonly=True, copy=False, help="The job created its target (a draft bill)."
    )
    done_at = fields.Datetime("Finished At", readonly=True, copy=False)
    # set when the record was posted / submitted / approved: the worker learns the kept values into the vendor's
    # ocr.vendor.profile, then marks it done
    learn_state = fields.Selection(
        [("pending", "To Learn"), ("done", "Learned"), ("skipped", "Nothing to Learn")],
        readonly=True, copy=False, index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    # 19.0 replaced _sql_constraints (then ignored, with a warning) by models.Constraint.
    if hasattr(models, "Constraint"):
        _attempts_positive = models.Constraint(
            "CHECK(attempts >= 0)", "Attempts cannot be negative."
        )
        _max_attempts_positive = models.Constraint(
            "CHECK(max_attempts >= 1)", "Allow at least one attempt."
        )
    else:
        _sql_constraints = [
            ("attempts_positive", "CHECK(attempts >= 0)", "Attempts cannot be negative."),
            ("max_attempts_positive", "CHECK(max_attempts >= 1)", "Allow at least one attempt."),
        ]

    def init(self):
        # The claim query: ready jobs of some channels, by priority then age.
        create_index(
            self.env.cr,
            "ocr_job_claim_idx",
            self._table,
            ["channel", "priority DESC", "create_date", "id"],
            where="state = 'pending'",
        )
        # Capacity counts and lease expiry scans only ever look at running jobs.
        create_index(
            self.env.cr,
            "ocr_job_running_idx",
            self._table,
            ["channel", "lease_expires_at"],
            where="state = 'running'",
        )
        create_index(
            self.env.cr, "ocr_job_target_idx", self._table, ["res_model", "res_id"]
        )

    @api.model
    def _selection_target_model(self):
        return [
            ("account.move", _("Journal Entry")),
            ("hr.expense", _("Expense")),
            ("ir.attachment", _("Attachment")),
        ]

    @api.depends("res_model", "res_id")
    def _compute_target_ref(self):
        known = {model for model, _label in self._selection_target_model()}
        for job in self:
            if job.res_model in known and job.res_id:
                job.target_ref = "%s,%s" % (job.res_model, job.res_id)
            else:
                job.target_ref = False

    @api.depends("result")
    def _compute_result_text(self):
        for job in self:
            job.result_text = (
                json.dumps(job.result, indent=2, ensure_ascii=False, sort_keys=True)
                if job.result
                else False
            )

    @api.depends("attachment_id.name")
    def _compute_display_name(self):
        for job in self:
            job.display_name = _("OCR #%(id)s %(file)s", id=job.id or "", file=job.attachment_id.name or "")

    @api.model_create_multi
    def create(self, vals_list):
        jobs = super().create(vals_list)
        self.env["ocr.job.channel"]._ensure(jobs.mapped("channel"))
        return jobs

    def write(self, vals):
        res = super().write(vals)
        if vals.get("channel"):
            self.env["ocr.job.channel"]._ensure([vals["channel"]])
        return res

    # ------------------------------------------------------------------
    # Enqueueing (used by the buttons, the attachment hooks and the cron)
    # ------------------------------------------------------------------

    @api.model
    def _ocr_check_user(self):
        """Manual digitization (buttons, server action) is for OCR users."""
        if not (self.env.su or self.env.user.has_group(USER_GROUP)):
            raise AccessError(_("Only OCR users may send documents to OCR."))

    @api.model
    def _ocr_enqueue(self, attachment, target_model, target_id, company, channel, manual):
        """Create a pending job unless one is already queued for the attachment.

        Automatic enqueueing also skips attachments that ever had a job, so that
        the cron never digitizes a file twice on its own.
        """
        Job = self.sudo()
        blocking = [("attachment_id", "=", attachment.id)]
        if manual:
            blocking.append(("state", "in", ACTIVE_STATES))
        existing = Job.search(blocking, limit=1)
        if existing:
            return existing if existing.state in ACTIVE_STATES else Job
        return Job.create(
            {
                "attachment_id": attachment.id,
                "res_model": target_model,
                "res_id": target_id,
                "company_id": company.id,
                "channel": channel or "root",
                "priority": "2" if manual else "1",
                "max_attempts": company.ocr_max_attempts or 5,
            }
        )

    @api.model
    def _cron_maintenance(self, enqueue_days=7, batch=500):
        """Free expired leases, then enqueue attachments the hooks missed."""
        self._ocr_release_expired_leases()
        self.env["ir.attachment"]._ocr_enqueue_missed(days=enqueue_days, limit=batch)

    # ------------------------------------------------------------------
    # UI actions (managers)
    # ------------------------------------------------------------------

    def action_requeue(self):
        count = self.requeue(ids=self.ids)
        return self._ocr_notify(_("%s job(s) queued again.", count))

    def action_cancel(self):
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(_("Only OCR managers may cancel OCR jobs."))
        jobs = self.sudo().filtered(lambda j: j.state in ACTIVE_STATES)
        vals = self._ocr_clear_lease_vals()
        vals.update(state="cancelled", next_attempt_at=False, done_at=self._ocr_now())
        jobs.write(vals)
        return self._ocr_notify(_("%s job(s) cancelled.", len(jobs)))

    def action_open_target(self):
        self.ensure_one()
        if not self.target_ref:
            raise UserError(_("This job has no target record."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self.target_ref._name,
            "res_id": self.target_ref.id,
            "view_mode": "form",
        }

    def _ocr_notify(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
