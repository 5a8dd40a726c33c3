# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OcrCase


@tagged("post_install", "-at_install")
class TestClaim(OcrCase):
    def test_claim_leases_the_job(self):
        job = self._job()
        before = fields.Datetime.now()
        leases = self.WorkerJob.claim(
            worker_id="host-a:1", limit=5, lease_seconds=120, channels=[self.channel]
        )
        self.assertEqual(len(leases), 1)
        lease = leases[0]
        self.assertEqual(
            set(lease),
            {"job_id", "token", "attachment_id", "name", "mimetype", "file_size", "res_model",
             "res_id", "company_id", "channel", "attempts", "max_attempts"},
        )
        self.assertEqual(lease["job_id"], job.id)
        self.assertEqual(lease["attachment_id"], job.attachment_id.id)
        self.assertEqual(lease["name"], "scan.pdf")
        self.assertEqual(lease["mimetype"], "application/pdf")
        self.assertGreater(lease["file_size"], 0)
        self.assertEqual(lease["attempts"], 1)
        self.assertEqual(lease["max_attempts"], 3)
        self.assertEqual(lease["company_id"], self.company.id)
        self.assertEqual(len(lease["token"]), 40)
        job.invalidate_recordset()
        self.assertEqual(job.state, "running")
        self.assertEqual(job.lease_owner, "host-a:1")
        self.assertEqual(job.sudo().lease_token, lease["token"])
        self.assertGreaterEqual(job.lease_expires_at, before + timedelta(seconds=119))
        self.assertLessEqual(job.lease_expires_at, fields.Datetime.now() + timedelta(seconds=121))

    def test_claimed_job_is_not_claimed_again(self):
        self._job()
        first = self.WorkerJob.claim(worker_id="a", channels=[self.channel])
        second = self.WorkerJob.claim(worker_id="b", channels=[self.channel])
        self.assertEqual(len(first), 1)
        self.assertEqual(second, [])

    def test_fresh_token_per_claim(self):
        job = self._job()
        first = self._claim_one(job)
        job.sudo().write({"state": "pending"})
        second = self._claim_one(job)
        self.assertNotEqual(first["token"], second["token"])
        self.assertEqual(second["attempts"], 2)

    def test_order_priority_then_age(self):
        low = self._job(priority="0")
        normal_old = self._job(priority="1")
        normal_new = self._job(priority="1")
        urgent = self._job(priority="3")
        leases = self.WorkerJob.claim(worker_id="a", limit=3, channels=[self.channel])
        self.assertEqual(
            [l["job_id"] for l in leases], [urgent.id, normal_old.id, normal_new.id]
        )
        self.assertEqual(low.state, "pending")

    def test_only_ready_pending_jobs(self):
        later = self._job(next_attempt_at=fields.Datetime.now() + timedelta(minutes=5))
        due = self._job(next_attempt_at=fields.Datetime.now() - timedelta(seconds=5))
        for state in ("done", "review", "failed", "cancelled"):
            self._job(state=state)
        leases = self.WorkerJob.claim(worker_id="a", limit=10, channels=[self.channel])
        self.assertEqual([l["job_id"] for l in leases], [due.id])
        self.assertEqual(later.state, "pending")

    def test_limit(self):
        for _i in range(4):
            self._job()
        leases = self.WorkerJob.claim(worker_id="a", limit=3, channels=[self.channel])
        self.assertEqual(len(leases), 3)

    def test_channel_filter(self):
        other = self.env["ocr.job.channel"].create({"name": self.channel + "-other", "capacity": 0})
        mine = self._job()
        theirs = self._job(channel=other.name)
        leases = self.WorkerJob.claim(worker_id="a", limit=10, channels=[other.name])
        self.assertEqual([l["job_id"] for l in leases], [theirs.id])
        self.assertEqual(mine.state, "pending")

    def test_channel_capacity(self):
        limited = self.env["ocr.job.channel"].create({"name": self.channel + "-cap2", "capacity": 2})
        running = self._job(channel=limited.name)
        self._claim_one(running)
        waiting = [self._job(channel=limited.name) for _i in range(3)]
        leases = self.WorkerJob.claim(worker_id="a", limit=10, channels=[limited.name])
        # 1 running + 1 new = capacity 2
        self.assertEqual([l["job_id"] for l in leases], [waiting[0].id])
        self.assertEqual(
            self.WorkerJob.claim(worker_id="b", limit=10, channels=[limited.name]), []
        )

    def test_fair_share_of_a_limited_channel(self):
        # Workers polling a channel of capacity 4 divide it among themselves: the first to claim does not keep
        # refilling the whole capacity while the others, idle between polls, find it full.
        limited = self.env["ocr.job.channel"].create({"name": self.channel + "-fair", "capacity": 4})
        jobs = [self._job(channel=limited.name) for _i in range(10)]
        # workers of other channels do not count
        self.WorkerJob.claim(worker_id="elsewhere", limit=1, channels=["another-channel"])
        first = self.WorkerJob.claim(worker_id="w1", limit=10, channels=[limited.name])
        self.assertEqual(len(first), 4, "alone on the channel: the whole capacity")
        for lease in first[:2]:
            self.WorkerJob.fail(job_id=lease["job_id"], token=lease["token"], error="x", retryable=False)
        second = self.WorkerJob.claim(worker_id="w2", limit=10, channels=[limited.name])
        self.assertEqual(len(second), 2, "two takers: half each")
        self.assertEqual(self.WorkerJob.claim(worker_id="w3", limit=10, channels=[limited.name]), [])
        # a slot frees: it goes to the newcomer, not back to w2, whose share is now 1 of 4 (w1: 2, w2: 1, w3: 1)
        self.WorkerJob.fail(job_id=second[0]["job_id"], token=second[0]["token"], error="x", retryable=False)
        self.assertEqual(self.WorkerJob.claim(worker_id="w2", limit=10, channels=[limited.name]), [])
        self.assertEqual(len(self.WorkerJob.claim(worker_id="w3", limit=10, channels=[limited.name])), 1)
        self.assertEqual(self.WorkerJob.claim(worker_id="w1", limit=10, channels=[limited.name]), [])
        self.assertEqual(len([j for j in jobs if j.state == "running"]), 4)

    def test_full_channel_does_not_block_others(self):
        full = self.env["ocr.job.channel"].create({"name": self.channel + "-cap1", "capacity": 1})
        free = self.env["ocr.job.channel"].create({"name": self.channel + "-free", "capacity": 0})
        urgent_full = [self._job(channel=full.name, priority="3") for _i in range(3)]
        normal_free = self._job(channel=free.name, priority="1")
        leases = self.WorkerJob.claim(
            worker_id="a", limit=10, channels=[full.name, free.name]
        )
        self.assertEqual(
            [l["job_id"] for l in leases], [urgent_full[0].id, normal_free.id]
        )

    def test_paused_channel(self):
        paused = self.env["ocr.job.channel"].create(
            {"name": self.channel + "-paused", "capacity": 0, "active": False}
        )
        self._job(channel=paused.name)
        self.assertEqual(self.WorkerJob.claim(worker_id="a", channels=[paused.name]), [])

    def test_unknown_channel_gets_default_capacity(self):
        self.env["ir.config_parameter"].sudo().set_param("ocr_worker.default_channel_capacity", "1")
        name = self.channel + "-new"
        self._job(channel=name)
        self._job(channel=name)
        channel = self.env["ocr.job.channel"].search([("name", "=", name)])
        self.assertEqual(channel.capacity, 1)
        self.assertEqual(len(self.WorkerJob.claim(worker_id="a", channels=[name])), 1)

    def test_other_company_jobs_are_not_claimed(self):
        other_company = self.env["res.company"].create({"name": "OCR Other Co"})
        self._job(company_id=other_company.id)
        self.assertEqual(self.WorkerJob.claim(worker_id="a", channels=[self.channel]), [])

    def test_bad_arguments(self):
        for kwargs in (
            {"worker_id": ""},
            {"worker_id": 12},
            {"worker_id": "a", "limit": 0},
            {"worker_id": "a", "limit": "10"},
            {"worker_id": "a", "limit": 1000},
            {"worker_id": "a", "lease_seconds": 1},
            {"worker_id": "a", "channels": [1]},
        ):
            with self.subTest(kwargs=kwargs), self.assertRaises(UserError):
                self.WorkerJob.claim(**kwargs)

    def test_claim_frees_expired_leases_first(self):
        job = self._job()
        old = self._claim_one(job, worker_id="dead-worker")
        self._expire(job)
        job.sudo().write({"next_attempt_at": False})
        # The expired job goes back to the queue with a backoff, so it is not
        # handed out in the same call; the old token is fenced out at once.
        self.WorkerJob.claim(worker_id="b", channels=[self.channel])
        self.assertEqual(job.state, "pending")
        self.assertEqual(self.WorkerJob.heartbeat(job_tokens=[[job.id, old["token"]]]), [])
