# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import OcrCase


@tagged("post_install", "-at_install")
class TestAccess(OcrCase):
    def test_normal_user_cannot_use_the_worker_api(self):
        job = self._job()
        for user in (self.clerk, self.ocr_manager):
            Job = self.Job.with_user(user)
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    Job.claim(worker_id="intruder", channels=[self.channel])
                with self.assertRaises(AccessError):
                    Job.heartbeat(job_tokens=[[job.id, "x"]])
                with self.assertRaises(AccessError):
                    Job.release(job_tokens=[[job.id, "x"]])
                with self.assertRaises(AccessError):
                    Job.fail(job_id=job.id, token="x", error="x")
                with self.assertRaises(AccessError):
                    Job.complete(job_id=job.id, token="x", result={}, values={})
        self.assertEqual(job.state, "pending")

    def test_plain_user_cannot_requeue(self):
        job = self._job(state="failed")
        with self.assertRaises(AccessError):
            self.Job.with_user(self.clerk).requeue(ids=[job.id])
        self.assertEqual(self.Job.with_user(self.ocr_manager).requeue(ids=[job.id]), 1)

    def test_lease_token_is_hidden(self):
        job = self._job()
        self._claim_one(job)
        self.env["ir.rule"].invalidate_model()
        user = self.ocr_manager
        with self.assertRaises(AccessError):
            job.with_user(user).read(["lease_token"])
        self.assertNotIn("lease_token", self.Job.with_user(user).fields_get())
        # not even the worker group reads tokens (claim hands each worker its own): see test_worker_limits
        self.assertTrue(job.sudo().lease_token)

    def test_users_without_ocr_group_cannot_read_jobs(self):
        job = self._job()
        with self.assertRaises(AccessError):
            job.with_user(self.clerk).read(["state"])

    def test_multi_company_rule(self):
        other_company = self.env["res.company"].create({"name": "OCR Rule Co"})
        job = self._job(company_id=other_company.id)
        self.assertFalse(self.Job.with_user(self.ocr_manager).search([("id", "=", job.id)]))

    def test_only_ocr_users_digitize_by_hand(self):
        bill = self._bill()
        attachment = self._attachment(res_model="account.move", res_id=bill.id)
        with self.assertRaises(AccessError):
            bill.with_user(self.clerk).action_ocr_digitize()
        with self.assertRaises(AccessError):
            attachment.with_user(self.clerk).action_ocr_digitize()
        self.assertFalse(self.Job.search([("attachment_id", "=", attachment.id)]))
        digitizer = new_test_user(
            self.env, login="ocr_test_digitizer",
            groups="account.group_account_invoice,ocr_worker.group_ocr_user",
        )
        bill.with_user(digitizer).action_ocr_digitize()
        self.assertEqual(self.Job.search([("attachment_id", "=", attachment.id)]).state, "pending")
