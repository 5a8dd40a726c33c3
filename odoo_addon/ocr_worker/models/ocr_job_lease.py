# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Leases of OCR jobs: the claim / heartbeat / read_document / release / fail / requeue RPC methods.

Every lease carries a random token (a fencing token): a worker whose job was taken
back is refused. All methods are @api.model, take keyword arguments, and are open
to the technical group "OCR worker" only.
"""
import hmac
import logging
import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..backoff import backoff_delay
from .ocr_job import (
    LOST,
    MANAGER_GROUP,
    MAX_CLAIM,
    MAX_ERROR_CHARS,
    MAX_LEASE_SECONDS,
    MAX_WORKER_ID_CHARS,
    MIN_LEASE_SECONDS,
    WORKER_GROUP,
)

_logger = logging.getLogger(__name__)

# At most this many bytes of files in one claim's answer (document_bytes).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
# What read_document answers: the file and the metadata the worker's write-back would otherwise read itself.
DOCUMENT_FIELDS = ["datas", "name", "mimetype", "file_size", "checksum", "res_model", "res_id", "company_id"]


class OcrJobLease(models.Model):
    _inherit = "ocr.job"

    # ------------------------------------------------------------------
    # Argument checks shared by the RPC methods
    # ------------------------------------------------------------------

    @api.model
    def _ocr_check_worker(self):
        if self.env.su or self.env.user.has_group(WORKER_GROUP):
            return
        raise AccessError(
            _("Only members of the group 'OCR worker' may call the OCR worker API.")
        )

    @api.model
    def _ocr_int_arg(self, name, value, low, high):
        if isinstance(value, bool) or not isinstance(value, int):
            raise UserError(_("%(name)s must be an integer, got %(value)r.", name=name, value=value))
        if not low <= value <= high:
            raise UserError(
                _("%(name)s must be between %(low)s and %(high)s, got %(value)s.",
                  name=name, low=low, high=high, value=value)
            )
        return value

    @api.model
    def _ocr_str_arg(self, name, value, max_chars):
        if not isinstance(value, str) or not value.strip():
            raise UserError(_("%(name)s must be a non-empty string.", name=name))
        if len(value) > max_chars:
            raise UserError(
                _("%(name)s is longer than %(max)s characters.", name=name, max=max_chars)
            )
        return value

    @api.model
    def _ocr_channels_arg(self, channels):
        if channels is None or channels is False:
            return None
        if isinstance(channels, str):
            channels = [channels]
        if not isinstance(channels, (list, tuple)) or not all(
            isinstance(c, str) and c.strip() for c in channels
        ):
            raise UserError(_("channels must be a list of channel names or null."))
        return sorted(set(channels))

    # ------------------------------------------------------------------
    # Leases
    # ------------------------------------------------------------------

    @api.model
    def _ocr_now(self):
        return fields.Datetime.now()

    def _ocr_token_matches(self, token):
        self.ensure_one()
        stored = self.sudo().lease_token
        return bool(stored) and isinstance(token, str) and hmac.compare_digest(stored, token)

    @api.model
    @api.model
    def _ocr_check_job_id(self, job_id):
        if isinstance(job_id, bool) or not isinstance(job_id, int):
            raise UserError(_("job_id must be an integer, got %(value)r.", value=job_id))

    @api.model
    def _ocr_worker_sees(self, job):
        """A worker only sees the jobs of its own companies (``self`` in the caller's env, ``job`` read with sudo)."""
        return job.company_id in self.env.user.company_ids or self.env.su

    def _ocr_lock_job(self, job_id):
        """Lock one job row for the rest of the transaction; empty if it is gone."""
        self._ocr_check_job_id(job_id)
        self.flush_model()
        self.env.cr.execute("SELECT id FROM ocr_job WHERE id = %s FOR UPDATE", [job_id])
        if not self.env.cr.fetchone():
            return self.browse()
        job = self.sudo().browse(job_id)
        job.invalidate_recordset()
        return job if self._ocr_worker_sees(job) else self.browse()

    def _ocr_job_tokens_arg(self, job_tokens):
        """[[job_id, token], ...] as heartbeat and release take it, sorted by id: rows are locked in id order,
        as the lease cron does, so that concurrent calls never deadlock."""
        if not isinstance(job_tokens, (list, tuple)) or not all(
            isinstance(pair, (list, tuple)) and len(pair) == 2
            and isinstance(pair[0], int) and not isinstance(pair[0], bool)
            for pair in job_tokens
        ):
            raise UserError(_("job_tokens must be a list of [job_id, token] pairs."))
        if len(job_tokens) > 10 * MAX_CLAIM:
            raise UserError(_("Too many leases in one call."))
        return sorted(job_tokens, key=lambda pair: pair[0])

    def _ocr_clear_lease_vals(self, keep_token=False):
        vals = {"lease_expires_at": False}
        if not keep_token:
            vals.update(lease_owner=False, lease_token=False)
        return vals

    @api.model
    def _ocr_release_expired_leases(self):
        """Take back running jobs whose lease expired: retry later, or dead-letter.

        Clearing the token fences the worker that lost the lease out.
        """
        now = self._ocr_now()
        self.flush_model()
        self.env.cr.execute(
            """
            SELECT id FROM ocr_job
             WHERE state = 'running' AND lease_expires_at < %s
             ORDER BY id
               FOR UPDATE SKIP LOCKED
            """,
            [now],
        )
        jobs = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        for job in jobs:
            message = _(
                "The lease of worker %(owner)s expired (attempt %(attempt)s of %(max)s).",
                owner=job.lease_owner or "?",
                attempt=job.attempts,
                max=job.max_attempts,
            )
            vals = self._ocr_clear_lease_vals()
            if job.attempts >= job.max_attempts:
                vals.update(state="failed", error=message, next_attempt_at=False, done_at=now)
            else:
                vals.update(
                    state="pending",
                    error=message,
                    next_attempt_at=now + timedelta(seconds=backoff_delay(job.attempts)),
                )
            job.write(vals)
        if jobs:
            _logger.info("OCR jobs %s: expired leases taken back", jobs.ids)
        return jobs

    @api.model
    def _ocr_select_claimable(self, limit, channels, company_ids, worker_id=None):
        """Lock up to ``limit`` ready jobs, honouring each channel's capacity and, with ``worker_id``, this
        worker's fair share of it (see ocr.worker.presence)."""
        cr = self.env.cr
        self.flush_model()
        self.env["ocr.job.channel"].flush_model()
        now = self._ocr_now()
        where = (
            "state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= %s)"
            " AND company_id = ANY(%s::int[])"
        )
        params = [now, company_ids]
        if channels is not None:
            where += " AND channel = ANY(%s::varchar[])"
            params.append(channels)
        cr.execute(f"SELECT DISTINCT channel FROM ocr_job WHERE {where}", params)
        ready = [row[0] for row in cr.fetchall()]
        if not ready:
            return []
        self.env["ocr.job.channel"]._ensure(ready)
        self.env["ocr.job.channel"].flush_model()
        cr.execute(
            "SELECT name, capacity FROM ocr_job_channel WHERE name = ANY(%s::varchar[]) AND active",
            [ready],
        )
        capacity = dict(cr.fetchall())
        limited = sorted(name for name, cap in capacity.items() if cap > 0)
        running = {}
        if limited:
            # Conflict on purpose with concurrent claimers of the same channels, see
            # ocr.job.channel.last_claim_at.
            cr.execute(
                "UPDATE ocr_job_channel SET last_claim_at = %s WHERE name = ANY(%s::varchar[])",
                [now, limited],
            )
            self.env["ocr.job.channel"].invalidate_model(["last_claim_at"])
            cr.execute(
                """
                SELECT channel, count(*) FROM ocr_job
                 WHERE state = 'running' AND channel = ANY(%s::varchar[])
                 GROUP BY channel
                """,
                [limited],
            )
            running = dict(cr.fetchall())
        free = {
            name: (None if cap == 0 else max(cap - running.get(name, 0), 0))
            for name, cap in capacity.items()
        }
        if limited and worker_id:
            shares = self.env["ocr.worker.presence"].sudo()._ocr_fair_shares(
                worker_id, {name: capacity[name] for name in limited}, now
            )
            cr.execute(
                """
                SELECT channel, count(*) FROM ocr_job
                 WHERE state = 'running' AND channel = ANY(%s::varchar[]) AND lease_owner = %s
                 GROUP BY channel
                """,
                [limited, worker_id],
            )
            mine = dict(cr.fetchall())
            for name in limited:
                free[name] = max(min(free[name], shares[name] - mine.get(name, 0)), 0)
        taken = []
        # Each round either fills the request, runs out of jobs, or closes at least
        # one full channel: at most len(free) + 1 rounds.
        for _round in range(len(free) + 1):
            open_channels = sorted(n for n, f in free.items() if f is None or f > 0)
            if not open_channels or len(taken) >= limit:
                break
            cr.execute(
                f"""
                SELECT id, channel FROM ocr_job
                 WHERE {where} AND channel = ANY(%s::varchar[]) AND NOT (id = ANY(%s::int[]))
                 ORDER BY priority DESC, create_date ASC, id ASC
                 LIMIT %s
                   FOR UPDATE SKIP LOCKED
                """,
                params + [open_channels, taken, limit - len(taken)],
            )
            rows = cr.fetchall()
            channel_filled = False
            for job_id, channel in rows:
                if free[channel] is None:
                    taken.append(job_id)
                elif free[channel] > 0:
                    taken.append(job_id)
                    free[channel] -= 1
                else:
                    channel_filled = True
            if not rows or not channel_filled:
                break
        return taken

    # ------------------------------------------------------------------
    # Worker API (RPC, keyword arguments)
    # ------------------------------------------------------------------

    @api.model
    def claim(self, worker_id, limit=10, lease_seconds=300, channels=None, document_bytes=0):
        """Lease up to ``limit`` ready jobs to ``worker_id``; see docs/addon.md.

        ``document_bytes`` (17.0.1.4.0): the leases also carry their files (``document``, as read_document answers
        it), in claim order, as long as their sizes add up to at most this many bytes; the rest are downloaded
        with read_document. One call then hands over the jobs and what the worker reads first.
        """
        self._ocr_check_worker()
        worker_id = self._ocr_str_arg("worker_id", worker_id, MAX_WORKER_ID_CHARS)
        limit = self._ocr_int_arg("limit", limit, 1, MAX_CLAIM)
        lease_seconds = self._ocr_int_arg(
            "lease_seconds", lease_seconds, MIN_LEASE_SECONDS, MAX_LEASE_SECONDS
        )
        budget = self._ocr_int_arg("document_bytes", document_bytes or 0, 0, MAX_DOCUMENT_BYTES)
        channels = self._ocr_channels_arg(channels)
        self._ocr_release_expired_leases()
        self.env["ocr.worker.presence"].sudo()._ocr_seen(worker_id, channels, self._ocr_now())
        company_ids = self.env.user.company_ids.ids
        job_ids = self._ocr_select_claimable(limit, channels, company_ids, worker_id=worker_id)
        expires = self._ocr_now() + timedelta(seconds=lease_seconds)
        leases = []
        for job in self.sudo().browse(job_ids):
            token = secrets.token_hex(20)
            job.write(
                {
                    "state": "running",
                    "lease_owner": worker_id,
                    "lease_token": token,
                    "lease_expires_at": expires,
                    "attempts": job.attempts + 1,
                    "next_attempt_at": False,
                }
            )
            attachment = job.attachment_id
            leases.append(
                {
                    "job_id": job.id,
                    "token": token,
                    "attachment_id": attachment.id,
                    "name": attachment.name,
                    "mimetype": attachment.mimetype,
                    "file_size": attachment.file_size,
                    "res_model": job.res_model,
                    "res_id": job.res_id,
                    "company_id": job.company_id.id,
                    "channel": job.channel,
                    "attempts": job.attempts,
                    "max_attempts": job.max_attempts,
                }
            )
            size = attachment.file_size or 0
            if budget and size <= budget:
                # sudo as read_document: the lease just taken is the permission
                [leases[-1]["document"]] = attachment.sudo().read(DOCUMENT_FIELDS)
                budget -= size
            else:
                budget = 0  # in claim order: the next file waits for read_document like this one
        if leases:
            _logger.info("OCR jobs %s leased to %s", job_ids, worker_id)
        return leases

    @api.model
    def heartbeat(self, job_tokens, lease_seconds=300):
        """Extend the leases still held; returns the ids of those jobs."""
        self._ocr_check_worker()
        return self._ocr_renew(job_tokens, lease_seconds)

    @api.model
    def _ocr_renew(self, job_tokens, lease_seconds):
        """heartbeat's work, also done by lookup and complete for the leases a worker sends along (``renew``):
        a worker that finishes documents regularly needs no heartbeat call of its own."""
        lease_seconds = self._ocr_int_arg(
            "lease_seconds", lease_seconds, MIN_LEASE_SECONDS, MAX_LEASE_SECONDS
        )
        job_tokens = self._ocr_job_tokens_arg(job_tokens)
        expires = self._ocr_now() + timedelta(seconds=lease_seconds)
        held = []
        for job_id, token in job_tokens:
            job = self._ocr_lock_job(job_id)
            if job and job.state == "running" and job._ocr_token_matches(token):
                job.write({"lease_expires_at": expires})
                held.append(job.id)
        return held

    @api.model
    def read_document(self, job_id, token):
        """The leased job's file (base64 ``datas``) and its metadata, for the worker holding the lease.

        Read with sudo: the worker's own rights must not decide whether it can read the file it was given (Odoo
        lets only its creator read an attachment linked to no record, e.g. an upload to an inbox). The lease
        token is the permission. A token that no longer holds the job gives ``{"state": "lost"}``.
        """
        self._ocr_check_worker()
        self._ocr_check_job_id(job_id)
        # not locked: reading the file changes nothing, and the lease token is checked as of now
        job = self.sudo().browse(job_id).exists()
        if not job or job.state != "running" or not self._ocr_worker_sees(job) or not job._ocr_token_matches(token):
            return {"state": LOST}
        [document] = job.attachment_id.sudo().read(DOCUMENT_FIELDS)
        return document

    @api.model
    def release(self, job_tokens):
        """Hand running jobs back unfinished (a worker shutting down): pending at once, attempt not counted.

        Returns the ids of the jobs these leases handed back; a token that no longer holds its job changes
        nothing. The token is kept so that a repeated call gets the same answer (the next claim replaces it).
        """
        self._ocr_check_worker()
        released = []
        for job_id, token in self._ocr_job_tokens_arg(job_tokens):
            job = self._ocr_lock_job(job_id)
            if not job or not job._ocr_token_matches(token):
                continue
            if job.state == "running":
                vals = self._ocr_clear_lease_vals(keep_token=True)
                vals.update(
                    state="pending",
                    attempts=max(job.attempts - 1, 0),  # undo the claim's count
                    next_attempt_at=False,
                    error=_("Released by worker %(owner)s before it finished (shutdown); the attempt was not counted.",
                            owner=job.lease_owner or "?"),
                    lease_owner=False,
                )
                job.write(vals)
                released.append(job.id)
            elif job.state == "pending":
                released.append(job.id)  # already handed back by this lease
        if released:
            _logger.info("OCR jobs %s released unfinished", released)
        return released

    @api.model
    def fail(self, job_id, token, error, retryable=True):
        """Give a job back after an error: retry later with backoff, or dead-letter.

        A token that no longer holds the job gives ``{"state": "lost"}`` (no change).
        Repeating a call that already succeeded returns its outcome unchanged.
        """
        self._ocr_check_worker()
        error = self._ocr_str_arg("error", error, 10**6)[:MAX_ERROR_CHARS]
        if not isinstance(retryable, bool):
            raise UserError(_("retryable must be true or false."))
        job = self._ocr_lock_job(job_id)
        if not job or not job._ocr_token_matches(token):
            return {"state": LOST, "next_attempt_at": None}
        if job.state != "running":
            if job.state in ("pending", "failed"):
                return job._ocr_fail_answer()
            return {"state": LOST, "next_attempt_at": None}
        now = self._ocr_now()
        # The token is kept: it identifies this lease, so a repeated call is answered.
        vals = self._ocr_clear_lease_vals(keep_token=True)
        vals["error"] = error
        if retryable and job.attempts < job.max_attempts:
            vals.update(
                state="pending",
                next_attempt_at=now + timedelta(seconds=backoff_delay(job.attempts)),
            )
        else:
            vals.update(state="failed", next_attempt_at=False, done_at=now)
        job.write(vals)
        _logger.info("OCR job %s failed on attempt %s -> %s", job.id, job.attempts, job.state)
        return job._ocr_fail_answer()

    def _ocr_fail_answer(self):
        return {
            "state": self.state,
            "next_attempt_at": fields.Datetime.to_string(self.next_attempt_at) or None,
        }

    @api.model
    def requeue(self, ids=None, domain=None):
        """Put jobs back in the queue from scratch; returns how many were requeued.

        Without ``ids`` and ``domain`` every failed job is requeued. Running jobs whose
        lease is still live are never touched.
        """
        if not (self.env.su or self.env.user.has_group(WORKER_GROUP)
                or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(
                _("Only OCR managers and the OCR worker may requeue OCR jobs.")
            )
        search_domain = []
        if ids is not None and ids is not False:
            if not isinstance(ids, (list, tuple)) or not all(
                isinstance(i, int) and not isinstance(i, bool) for i in ids
            ):
                raise UserError(_("ids must be a list of job ids."))
            search_domain.append(("id", "in", list(ids)))
        if domain:
            if not isinstance(domain, (list, tuple)):
                raise UserError(_("domain must be a list."))
            search_domain += list(domain)
        if ids is None and not domain:
            search_domain = [("state", "=", "failed")]
        jobs = self.search(search_domain)
        return jobs._ocr_requeue()

    def _ocr_requeue(self):
        now = self._ocr_now()
        jobs = self.sudo().filtered(
            lambda j: not (j.state == "running" and j.lease_expires_at and j.lease_expires_at > now)
        )
        if not jobs:
            return 0
        self.flush_model()
        self.env.cr.execute("SELECT id FROM ocr_job WHERE id = ANY(%s) FOR UPDATE", [jobs.ids])
        vals = self._ocr_clear_lease_vals()
        vals.update(
            state="pending",
            attempts=0,
            next_attempt_at=False,
            error=False,
            created_record=False,
            done_at=False,
        )
        jobs.write(vals)
        return len(jobs)
