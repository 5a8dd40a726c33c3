# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..backoff import BACKOFF_CAP_SECONDS, backoff_delay
from .common import OcrCase


@tagged("post_install", "-at_install")
class TestHeartbeat(OcrCase):
    def test_heartbeat_extends_held_leases_only(self):
        held = self._job()
        stolen = self._job()
        leases = {l["job_id"]: l for l in self.WorkerJob.claim(worker_id="a", channels=[self.channel])}
        held.sudo().lease_expires_at = fields.Datetime.now() + timedelta(seconds=20)
        before = stolen.lease_expires_at
        answer = self.WorkerJob.heartbeat(
            job_tokens=[[held.id, leases[held.id]["token"]], [stolen.id, "not-the-token"],
                        [987654321, "x"]],
            lease_seconds=600,
        )
        self.assertEqual(answer, [held.id])
        self.assertGreater(held.lease_expires_at, fields.Datetime.now() + timedelta(seconds=590))
        self.assertEqual(stolen.lease_expires_at, before)

    def test_heartbeat_drops_finished_jobs(self):
        job = self._job()
        lease = self._claim_one(job)
        self.WorkerJob.fail(job_id=job.id, token=lease["token"], error="boom")
        self.assertEqual(self.WorkerJob.heartbeat(job_tokens=[[job.id, lease["token"]]]), [])

    def test_heartbeat_bad_arguments(self):
        for kwargs in ({"job_tokens": "x"}, {"job_tokens": [[1]]}, {"job_tokens": [["1", "t"]]},
                       {"job_tokens": [], "lease_seconds": 0}):
            with self.subTest(kwargs=kwargs), self.assertRaises(UserError):
                self.WorkerJob.heartbeat(**kwargs)

    def test_empty_heartbeat(self):
        self.assertEqual(self.WorkerJob.heartbeat(job_tokens=[]), [])


@tagged("post_install", "-at_install")
class TestRelease(OcrCase):
    def test_release_hands_the_job_back_uncounted(self):
        job = self._job()
        lease = self._claim_one(job, worker_id="stopping")
        self.assertEqual(job.attempts, 1)
        answer = self.WorkerJob.release(job_tokens=[[job.id, lease["token"]], [987654321, "x"]])
        self.assertEqual(answer, [job.id])
        self.assertEqual(job.state, "pending")
        self.assertEqual(job.attempts, 0)
        self.assertFalse(job.next_attempt_at)
        self.assertFalse(job.lease_expires_at)
        self.assertIn("stopping", job.error)
        # a repeated call gets the same answer; another worker claims the job at once
        self.assertEqual(self.WorkerJob.release(job_tokens=[[job.id, lease["token"]]]), [job.id])
        again = self._claim_one(job, worker_id="other")
        self.assertNotEqual(again["token"], lease["token"])
        self.assertEqual(job.attempts, 1)
        # the old lease is fenced out
        self.assertEqual(self.WorkerJob.release(job_tokens=[[job.id, lease["token"]]]), [])
        self.assertEqual(job.state, "running")

    def test_release_with_a_stale_token_changes_nothing(self):
        job = self._job()
        self._claim_one(job)
        self.assertEqual(self.WorkerJob.release(job_tokens=[[job.id, "not-the-token"]]), [])
        self.assertEqual(job.state, "running")
        self.assertEqual(job.attempts, 1)

    def test_release_after_complete_or_fail_changes_nothing(self):
        job = self._job()
        lease = self._claim_one(job)
        self.WorkerJob.fail(job_id=job.id, token=lease["token"], error="boom", retryable=False)
        self.assertEqual(self.WorkerJob.release(job_tokens=[[job.id, lease["token"]]]), [])
        self.assertEqual(job.state, "failed")

    def test_release_bad_arguments(self):
        for job_tokens in ("x", [[1]], [["1", "t"]]):
            with self.subTest(job_tokens=job_tokens), self.assertRaises(UserError):
                self.WorkerJob.release(job_tokens=job_tokens)
        self.assertEqual(self.WorkerJob.release(job_tokens=[]), [])


@tagged("post_install", "-at_install")
class TestLeaseExpiry(OcrCase):
    def test_expired_lease_goes_back_to_queue(self):
        job = self._job()
        lease = self._claim_one(job, worker_id="slow")
        self._expire(job)
        self.Job._cron_maintenance()
        self.assertEqual(job.state, "pending")
        self.assertFalse(job.lease_owner)
        self.assertFalse(job.sudo().lease_token)
        self.assertIn("slow", job.error)
        self.assertGreater(job.next_attempt_at, fields.Datetime.now())
        # The worker that lost the lease is fenced out everywhere.
        self.assertEqual(self.WorkerJob.heartbeat(job_tokens=[[job.id, lease["token"]]]), [])
        self.assertEqual(
            self.WorkerJob.fail(job_id=job.id, token=lease["token"], error="late")["state"], "lost"
        )
        self.assertEqual(
            self.WorkerJob.complete(job_id=job.id, token=lease["token"], result={}, values={})["state"],
            "lost",
        )
        self.assertEqual(job.state, "pending")

    def test_expired_lease_on_last_attempt_is_dead_lettered(self):
        job = self._job(max_attempts=1)
        self._claim_one(job)
        self._expire(job)
        self.Job._cron_maintenance()
        self.assertEqual(job.state, "failed")
        self.assertTrue(job.error)

    def test_live_lease_is_left_alone(self):
        job = self._job()
        self._claim_one(job)
        self.Job._cron_maintenance()
        self.assertEqual(job.state, "running")


@tagged("post_install", "-at_install")
class TestFail(OcrCase):
    def test_backoff_delay(self):
        rng = random.Random(7)
        for attempts, base in ((1, 30), (2, 60), (3, 120), (5, 480)):
            for _i in range(20):
                delay = backoff_delay(attempts, rng)
                self.assertGreaterEqual(delay, base * 0.8)
                self.assertLessEqual(delay, base * 1.2)
        self.assertLessEqual(backoff_delay(60, rng), BACKOFF_CAP_SECONDS * 1.2)

    def test_retryable_failure_backs_off(self):
        job = self._job()
        lease = self._claim_one(job)
        answer = self.WorkerJob.fail(job_id=job.id, token=lease["token"], error="tesseract crashed")
        self.assertEqual(answer["state"], "pending")
        self.assertEqual(job.state, "pending")
        self.assertEqual(job.error, "tesseract crashed")
        self.assertFalse(job.lease_expires_at)
        self.assertEqual(answer["next_attempt_at"], fields.Datetime.to_string(job.next_attempt_at))
        delay = (job.next_attempt_at - fields.Datetime.now()).total_seconds()
        self.assertTrue(20 <= delay <= 37, delay)
        # not ready yet
        self.assertEqual(self.WorkerJob.claim(worker_id="a", channels=[self.channel]), [])
        # the same call again (a retried request) changes nothing
        self.assertEqual(
            self.WorkerJob.fail(job_id=job.id, token=lease["token"], error="tesseract crashed"), answer
        )

    def test_second_failure_waits_longer(self):
        job = self._job()
        lease = self._claim_one(job)
        self.WorkerJob.fail(job_id=job.id, token=lease["token"], error="1")
        job.sudo().next_attempt_at = False
        lease = self._claim_one(job)
        self.WorkerJob.fail(job_id=job.id, token=lease["token"], error="2")
        delay = (job.next_attempt_at - fields.Datetime.now()).total_seconds()
        self.assertTrue(45 <= delay <= 73, delay)

    def test_dead_letter_after_max_attempts(self):
        job = self._job(max_attempts=2)
        for attempt in (1, 2):
            job.sudo().next_attempt_at = False
            lease = self._claim_one(job)
            self.assertEqual(lease["attempts"], attempt)
            answer = self.WorkerJob.fail(job_id=job.id, token=lease["token"], error="bad scan %s" % attempt)
        self.assertEqual(answer, {"state": "failed", "next_attempt_at": None})
        self.assertEqual(job.state, "failed")
        self.assertEqual(job.error, "bad scan 2")
        self.assertEqual(self.WorkerJob.claim(worker_id="a", channels=[self.channel]), [])

    def test_not_retryable_fails_at_once(self):
        job = self._job()
        lease = self._claim_one(job)
        answer = self.WorkerJob.fail(
            job_id=job.id, token=lease["token"], error="ENCRYPTED_PDF", retryable=False
        )
        self.assertEqual(answer["state"], "failed")

    def test_wrong_token_is_lost(self):
        job = self._job()
        self._claim_one(job)
        answer = self.WorkerJob.fail(job_id=job.id, token="0" * 40, error="x")
        self.assertEqual(answer, {"state": "lost", "next_attempt_at": None})
        self.assertEqual(job.state, "running")
        self.assertEqual(
            self.WorkerJob.fail(job_id=987654321, token="x", error="x")["state"], "lost"
        )

    def test_long_error_is_truncated(self):
        job = self._job()
        lease = self._claim_one(job)
        self.WorkerJob.fail(job_id=job.id, token=lease["token"], error="e" * 10000)
        self.assertEqual(len(job.error), 4000)

    def test_bad_arguments(self):
        job = self._job()
        lease = self._claim_one(job)
        with self.assertRaises(UserError):
            self.WorkerJob.fail(job_id=str(job.id), token=lease["token"], error="x")
        with self.assertRaises(UserError):
            self.WorkerJob.fail(job_id=job.id, token=lease["token"], error="")


@tagged("post_install", "-at_install")
class TestLeasesRide(OcrCase):
    """17.0.1.4.0: the claim hands files over within a byte budget; lookup and complete renew the leases sent along."""

    def test_claim_hands_over_the_files_that_fit_the_budget_in_claim_order(self):
        first, second, third = self._job(), self._job(), self._job()
        size = first.attachment_id.file_size
        leases = self.WorkerJob.claim(worker_id="a", limit=3, channels=[self.channel], document_bytes=2 * size)
        by_id = {lease["job_id"]: lease for lease in leases}
        self.assertEqual(set(by_id), {first.id, second.id, third.id})
        for job in (first, second):
            document = by_id[job.id]["document"]
            self.assertEqual(document["id"], job.attachment_id.id)
            self.assertEqual(document["datas"], job.attachment_id.datas)
            self.assertEqual(document["checksum"], job.attachment_id.checksum)
        self.assertNotIn("document", by_id[third.id], "beyond the budget: downloaded with read_document")
        self._job()
        [plain] = self.WorkerJob.claim(worker_id="a", channels=[self.channel])
        self.assertNotIn("document", plain, "no budget, no files: the answer of an older addon")

    def test_claim_hands_over_a_file_only_its_uploader_may_read(self):
        # an inbox upload linked to no record: the worker user may not read it itself, the lease hands it over
        attachment = self._attachment(res_model=False, res_id=0)
        job = self._job(attachment)
        [lease] = self.WorkerJob.claim(worker_id="a", channels=[self.channel], document_bytes=10**6)
        self.assertEqual(lease["job_id"], job.id)
        self.assertEqual(lease["document"]["datas"], attachment.datas)

    def test_claim_refuses_a_bad_budget(self):
        for budget in (-1, "10", 10**9):
            with self.subTest(budget=budget), self.assertRaises(UserError):
                self.WorkerJob.claim(worker_id="a", channels=[self.channel], document_bytes=budget)

    def test_complete_and_lookup_renew_the_leases_sent_along(self):
        done, waiting, stolen = self._job(), self._job(), self._job()
        leases = {l["job_id"]: l for l in self.WorkerJob.claim(worker_id="a", limit=3, lease_seconds=60, channels=[self.channel])}
        soon = fields.Datetime.now() + timedelta(seconds=20)
        waiting.sudo().lease_expires_at = soon
        renew = [[waiting.id, leases[waiting.id]["token"]], [stolen.id, "not-the-token"]]
        answer = self.WorkerJob.lookup(job_id=done.id, token=leases[done.id]["token"], queries=[], renew=renew, lease_seconds=600)
        self.assertEqual(answer["held"], [waiting.id])
        self.assertGreater(waiting.lease_expires_at, fields.Datetime.now() + timedelta(seconds=590))
        waiting.sudo().lease_expires_at = soon
        answer = self.WorkerJob.complete(
            job_id=done.id, token=leases[done.id]["token"], result={"fields": {}}, values={"note": "<p>x</p>"},
            renew=renew, lease_seconds=600,
        )
        self.assertIn(answer["state"], ("done", "review"))
        self.assertEqual(answer["held"], [waiting.id])
        self.assertGreater(waiting.lease_expires_at, fields.Datetime.now() + timedelta(seconds=590))
        self.assertNotIn("held", self.WorkerJob.complete(
            job_id=done.id, token=leases[done.id]["token"], result={"fields": {}}, values={"note": "<p>x</p>"}))

    def test_complete_claims_the_next_jobs(self):
        done, nxt = self._job(), self._job()
        [lease] = self.WorkerJob.claim(worker_id="a", limit=1, channels=[self.channel])
        self.assertEqual(lease["job_id"], done.id)
        answer = self.WorkerJob.complete(
            job_id=done.id, token=lease["token"], result={"fields": {}}, values={"note": "<p>x</p>"},
            claim={"worker_id": "a", "limit": 5, "lease_seconds": 60, "channels": [self.channel], "document_bytes": 10**6},
        )
        self.assertIn(answer["state"], ("done", "review"))
        [claimed] = answer["claimed"]
        self.assertEqual(claimed["job_id"], nxt.id)
        self.assertEqual(claimed["document"]["id"], nxt.attachment_id.id)
        self.assertEqual(nxt.state, "running")
        self.assertEqual(nxt.lease_owner, "a")
        # the queue empty: the answer says so, with no claim call
        self.assertEqual(self.WorkerJob.complete(
            job_id=nxt.id, token=claimed["token"], result={"fields": {}}, values={"note": "<p>y</p>"},
            claim={"worker_id": "a", "channels": [self.channel]})["claimed"], [])
        with self.assertRaises(UserError):
            self.WorkerJob.complete(job_id=nxt.id, token=claimed["token"], result={}, values={}, claim="next")

    def test_a_refused_claim_does_not_cost_the_result(self):
        job = self._job()
        lease = self._claim_one(job)
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result={"fields": {}}, values={"note": "<p>x</p>"},
            claim={"worker_id": "a", "limit": 1000, "channels": [self.channel]},
        )
        self.assertIn(answer["state"], ("done", "review"))
        self.assertEqual(answer["claimed"], [])
        self.assertIn(job.state, ("done", "review"))

    def test_hello_announces_the_rides(self):
        accepts = self.env["ocr.worker.presence"].with_user(self.worker).hello(worker_id="host-1:7", version="1.0")["accepts"]
        self.assertIn("claim_documents", accepts)
        self.assertIn("renew", accepts)
        self.assertIn("claim_on_complete", accepts)
