# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two real database connections claim at the same time.

The jobs must be committed to be seen by both connections, so this test commits
its own rows and deletes them afterwards.
"""
import base64
import secrets

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestClaimConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        self.channel = "test-concurrency-%s" % secrets.token_hex(4)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            attachment = env["ir.attachment"].create(
                {"name": "c.pdf", "datas": base64.b64encode(b"%PDF-1.4"), "mimetype": "application/pdf"}
            )
            env["ocr.job.channel"].create({"name": self.channel, "capacity": 0})
            env["ocr.job.channel"].create({"name": self.channel + "-cap", "capacity": 5})
            for channel in (self.channel, self.channel, self.channel, self.channel + "-cap"):
                env["ocr.job"].create(
                    {"attachment_id": attachment.id, "res_model": "ir.attachment",
                     "res_id": attachment.id, "channel": channel}
                )
            self.attachment_id = attachment.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM ocr_job WHERE attachment_id = %s", [self.attachment_id])
            cr.execute("DELETE FROM ocr_job_channel WHERE name LIKE %s", [self.channel + "%"])
            cr.execute("DELETE FROM ir_attachment WHERE id = %s", [self.attachment_id])

    def _open(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        self.addCleanup(cr.rollback)
        return cr, api.Environment(cr, SUPERUSER_ID, {})["ocr.job"]

    def test_two_connections_never_get_the_same_job(self):
        cr1, jobs1 = self._open()
        cr2, jobs2 = self._open()
        # Without SKIP LOCKED cr2 would wait for cr1 forever (same thread): fail instead.
        cr2.execute("SET LOCAL lock_timeout = '5s'")
        first = jobs1.claim(worker_id="w1", limit=2, channels=[self.channel])
        # cr1 has not committed: its two rows are locked and skipped, not waited for
        second = jobs2.claim(worker_id="w2", limit=10, channels=[self.channel])
        ids1 = {lease["job_id"] for lease in first}
        ids2 = {lease["job_id"] for lease in second}
        self.assertEqual(len(ids1), 2)
        self.assertEqual(len(ids2), 1)
        self.assertFalse(ids1 & ids2)

    def test_claims_on_a_limited_channel_are_serialized(self):
        cr1, jobs1 = self._open()
        cr2, jobs2 = self._open()
        self.assertEqual(len(jobs1.claim(worker_id="w1", channels=[self.channel + "-cap"])), 1)
        cr2.execute("SET LOCAL lock_timeout = '300ms'")
        # cr2 must wait for cr1 to count running jobs (and Odoo's retry would then
        # re-run it on a fresh snapshot); here it gives up after the timeout.
        with self.assertRaises(psycopg2.errors.LockNotAvailable), mute_logger("odoo.sql_db"):
            jobs2.claim(worker_id="w2", channels=[self.channel + "-cap"])
