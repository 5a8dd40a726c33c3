# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OcrCase


@tagged("post_install", "-at_install")
class TestLookup(OcrCase):
    """ocr.job.lookup: the worker's searches for a job it holds, each as its own search_read would answer."""

    def setUp(self):
        super().setUp()
        self.bill = self._bill(ref="LOOKUP-1")
        self.attachment = self._attachment(res_model="account.move", res_id=self.bill.id)
        self.job = self._job(self.attachment, company_id=self.company.id)
        self.lease = self._claim_one(self.job)

    def _lookup(self, queries, token=None, user=None):
        Job = self.Job.with_user(user) if user else self.WorkerJob
        return Job.lookup(job_id=self.job.id, token=token or self.lease["token"], queries=queries)

    def test_answers_as_search_read_with_the_workers_rights(self):
        domain = [["id", "=", self.bill.id]]
        opts = {"fields": ["id", "name", "state", "ref", "partner_id"], "limit": 1, "context": {"allowed_company_ids": [self.company.id]}}
        answer = self._lookup([{"model": "account.move", "domain": domain, "opts": opts}])
        expected = self.env["account.move"].with_user(self.worker).search_read(domain, opts["fields"], limit=1)
        self.assertEqual(answer, {"state": "running", "results": [expected]})

    def test_a_search_takes_ids_from_an_earlier_one(self):
        self.partner.vat = "BE0477472701"
        bank = self.env["res.partner.bank"].create({"acc_number": "BE71 0961 2345 6769", "partner_id": self.partner.id})
        answer = self._lookup([
            {"model": "res.partner.bank", "domain": [["sanitized_acc_number", "=", "BE71096123456769"]], "opts": {"fields": ["id", "partner_id"], "limit": 20}},
            {"model": "res.partner", "domain": [], "opts": {"fields": ["id", "vat"], "limit": 20}, "from": {"query": 0, "field": "partner_id"}},
            {"model": "account.move", "domain": [], "opts": {"fields": ["id"], "limit": 5}, "from": {"query": 0, "field": "id", "as": "partner_bank_id"}},
        ])
        banks, holders, bills = answer["results"]
        self.assertEqual([b["id"] for b in banks], [bank.id])
        self.assertEqual(holders, [{"id": self.partner.id, "vat": "BE0477472701"}])
        self.assertEqual(bills, [], "no bill is paid to that account yet")

    def test_a_token_that_does_not_hold_the_job_is_lost(self):
        self.assertEqual(self._lookup([], token="not-the-token"), {"state": "lost"})
        self.job.sudo().write({"state": "done"})
        self.assertEqual(self._lookup([]), {"state": "lost"})

    def test_only_the_write_backs_models(self):
        with self.assertRaises(UserError):
            self._lookup([{"model": "res.users", "domain": [], "opts": {"fields": ["login"]}}])
        with self.assertRaises(UserError):
            self._lookup([{"model": "res.partner", "domain": [], "opts": {}, "from": {"query": 0, "field": "id"}}])

    def test_not_for_other_users(self):
        with self.assertRaises(AccessError):
            self._lookup([], user=self.clerk)
