# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OcrCase


@tagged("post_install", "-at_install")
class TestRequeue(OcrCase):
    def test_requeue_resets_jobs(self):
        failed = self._job(state="failed", attempts=3, error="dead",
                           next_attempt_at=fields.Datetime.now() + timedelta(hours=1))
        review = self._job(state="review", attempts=1)
        count = self.WorkerJob.requeue(ids=[failed.id, review.id])
        self.assertEqual(count, 2)
        for job in (failed, review):
            self.assertEqual(job.state, "pending")
            self.assertEqual(job.attempts, 0)
            self.assertFalse(job.next_attempt_at)
            self.assertFalse(job.error)
            self.assertFalse(job.lease_owner)
        self.assertEqual(
            len(self.WorkerJob.claim(worker_id="a", channels=[self.channel])), 2
        )

    def test_live_lease_is_never_requeued(self):
        job = self._job()
        lease = self._claim_one(job)
        self.assertEqual(self.WorkerJob.requeue(ids=[job.id]), 0)
        self.assertEqual(job.state, "running")
        self.assertEqual(self.WorkerJob.heartbeat(job_tokens=[[job.id, lease["token"]]]), [job.id])

    def test_expired_running_job_is_requeued_and_fenced(self):
        job = self._job()
        lease = self._claim_one(job)
        self._expire(job)
        self.assertEqual(self.WorkerJob.requeue(ids=[job.id]), 1)
        self.assertEqual(job.state, "pending")
        self.assertEqual(self.WorkerJob.heartbeat(job_tokens=[[job.id, lease["token"]]]), [])

    def test_requeue_by_domain(self):
        a = self._job(state="failed")
        b = self._job(state="failed", doc_type="receipt")
        count = self.WorkerJob.requeue(domain=[("channel", "=", self.channel), ("doc_type", "=", "receipt")])
        self.assertEqual(count, 1)
        self.assertEqual((a.state, b.state), ("failed", "pending"))

    def test_requeue_defaults_to_failed_jobs(self):
        failed = self._job(state="failed")
        done = self._job(state="done")
        self.WorkerJob.requeue()
        self.assertEqual((failed.state, done.state), ("pending", "done"))

    def test_requeue_bad_arguments(self):
        with self.assertRaises(UserError):
            self.WorkerJob.requeue(ids="1,2")
        with self.assertRaises(UserError):
            self.WorkerJob.requeue(domain="state = failed")

    def test_cancel(self):
        job = self._job()
        lease = self._claim_one(job)
        job.with_user(self.ocr_manager).action_cancel()
        self.assertEqual(job.state, "cancelled")
        self.assertEqual(self.WorkerJob.heartbeat(job_tokens=[[job.id, lease["token"]]]), [])
        self.assertEqual(
            self.WorkerJob.complete(job_id=job.id, token=lease["token"], result={}, values={})["state"],
            "lost",
        )
        with self.assertRaises(AccessError):
            self._job().with_user(self.clerk).action_cancel()
