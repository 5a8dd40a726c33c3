# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import new_test_user
from odoo.tools import mute_logger

from .common import OcrCase


@tagged("post_install", "-at_install")
class TestVendorProfile(OcrCase):
    """ocr.vendor.profile: one per partner and company, written by the worker, shown and forgotten on the partner;
    the learning hook marks a job when its bill is posted."""

    def _profile(self, company=None, partner=None, documents=2):
        data = {"fields": {"date": {"anchors": [{"label": ["invoice", "date"], "relation": "right"}]}}}
        # the worker writes its own company's profiles; another company's are made as that company's worker would
        model = self.env["ocr.vendor.profile"].with_user(self.worker) if not company else self.env["ocr.vendor.profile"].sudo()
        return model.create({
            "key": "k-%s-%s" % ((company or self.company).id, (partner or self.partner).id),
            "partner_id": (partner or self.partner).id,
            "company_id": (company or self.company).id,
            "data": json.dumps(data),
            "document_count": documents,
            "field_count": 1,
        })

    def test_worker_writes_profile_and_partner_shows_counts(self):
        profile = self._profile(documents=3)
        profile.with_user(self.worker).write({"document_count": 4})
        self.assertEqual(self.partner.ocr_profile_documents, 4)
        self.assertEqual(self.partner.ocr_profile_fields, 1)
        self.assertIn("invoice date", profile.summary)

    def test_forget_on_partner_removes_only_this_company_profile(self):
        other = self.env["res.company"].create({"name": "OCR Other Co"})
        mine = self._profile()
        theirs = self._profile(company=other)
        accountant = new_test_user(
            self.env, login="ocr_test_accountant", groups="base.group_user,account.group_account_invoice",
            company_id=self.company.id, company_ids=[self.company.id],
        )
        self.partner.with_user(accountant).action_ocr_forget_profile()
        self.assertFalse(mine.exists())
        self.assertTrue(theirs.exists(), "another company's profile is not touched")

    def test_second_company_does_not_see_profile(self):
        other = self.env["res.company"].create({"name": "OCR Second Co"})
        self._profile()
        outsider = new_test_user(
            self.env, login="ocr_test_outsider", groups="base.group_user,ocr_worker.group_ocr_user",
            company_id=other.id, company_ids=[other.id],
        )
        seen = self.env["ocr.vendor.profile"].with_user(outsider).search([("partner_id", "=", self.partner.id)])
        self.assertFalse(seen, "a profile never reaches another company's users")
        self.assertEqual(self.partner.with_user(outsider).with_company(other).ocr_profile_documents, 0)

    def test_key_is_unique(self):
        self._profile()
        with self.assertRaises(Exception), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self._profile()

    def test_clerk_cannot_write_profile_data(self):
        profile = self._profile()
        with self.assertRaises(AccessError):
            profile.with_user(self.clerk).write({"document_count": 99})

    def test_posting_a_read_bill_asks_the_worker_to_learn(self):
        journal = self._purchase_journal_or_skip()
        # the company's accounts as 17 (company_id) and 19 (company_ids) both ask
        Account = self.env["account.account"]
        account = Account.search([*Account._check_company_domain(self.company), ("account_type", "=", "expense")], limit=1)
        bill = self._bill(
            partner_id=self.partner.id, invoice_date="2024-03-01", journal_id=journal.id,
            invoice_line_ids=[(0, 0, {"name": "Paper", "quantity": 1, "price_unit": 10.0, "account_id": account.id})],
        )
        job = self._job(self._attachment(res_model="account.move", res_id=bill.id))
        job.sudo().write({"state": "done"})
        untouched = self._job(self._attachment(res_model="account.move", res_id=bill.id))
        self.assertFalse(job.learn_state)
        bill.action_post()
        self.assertEqual(job.learn_state, "pending", "a posted bill the worker read is learned from")
        self.assertFalse(untouched.learn_state, "a job that never finished has nothing to learn")

    def test_worker_marks_learned_jobs_only_through_its_api(self):
        job = self._job(self._attachment())
        job.sudo().write({"state": "done", "learn_state": "pending"})
        with self.assertRaises(AccessError):
            job.with_user(self.worker).write({"learn_state": "done"})
        with self.assertRaises(AccessError):
            self.Job.with_user(self.ocr_manager).learned([job.id])  # a person is no worker
        self.assertEqual(self.WorkerJob.learned([job.id], True), 1)
        self.assertEqual(job.learn_state, "done")
        self.assertEqual(self.WorkerJob.learned([job.id], True), 0, "a job learned from is not marked again")

    def _expense_read(self):
        """An expense whose receipt the worker read (job done), put in a draft report."""
        expense = self._expense()
        job = self._job(self._attachment(name="receipt.jpg", res_model="hr.expense", res_id=expense.id,
                                         mimetype="image/jpeg"))
        job.sudo().write({"state": "done"})
        expense.write({"total_amount_currency": 12.5})
        self._draft_report(expense)
        self.assertFalse(job.learn_state, "a draft report is not validated yet")
        return expense, job

    def test_submitting_an_expense_report_asks_the_worker_to_learn(self):
        expense, job = self._expense_read()
        self._validate_expense(expense, "submit")
        self.assertEqual(job.learn_state, "pending", "a submitted expense the worker read is learned from")

    def test_approving_an_expense_report_asks_the_worker_to_learn(self):
        expense, job = self._expense_read()
        self._validate_expense(expense, "approve")
        self.assertEqual(job.learn_state, "pending", "an approved expense the worker read is learned from")

    def test_a_document_learned_from_is_not_learned_again(self):
        """Submitted, learned by the worker, then approved: the approval does not queue the expense again (its kept
        values would count twice in the vendor's profile)."""
        expense, job = self._expense_read()
        self._validate_expense(expense, "submit")
        self.assertEqual(self.WorkerJob.learned([job.id], True), 1)
        expense._ocr_validated("approved")
        self.assertEqual(job.learn_state, "done", "a document already learned from is not queued again")
        job.sudo().write({"learn_state": "skipped"})
        expense._ocr_validated("approved")
        self.assertEqual(job.learn_state, "pending", "one that had nothing to learn (still a draft then) is asked again")

    def test_a_record_read_twice_is_learned_from_once(self):
        """A receipt read again (a re-run's new job) before the expense is submitted: only the newest reading is
        queued; once learned, neither job is queued again."""
        expense, job = self._expense_read()
        rerun = self._job(self._attachment(name="receipt.jpg", res_model="hr.expense", res_id=expense.id,
                                           mimetype="image/jpeg"))
        rerun.sudo().write({"state": "done"})
        self._validate_expense(expense, "submit")
        self.assertEqual((job.learn_state, rerun.learn_state), (False, "pending"))
        self.assertEqual(self.WorkerJob.learned([rerun.id], True), 1)
        expense._ocr_validated("approved")
        self.assertEqual((job.learn_state, rerun.learn_state), (False, "done"))

    def test_another_company_worker_neither_reads_nor_writes_the_profile(self):
        """One company's profile never applies to another's documents: that company's worker account does not
        even read it (the multi-company rule), so it cannot match its documents to it or learn into it."""
        other = self.env["res.company"].create({"name": "OCR Third Co"})
        profile = self._profile()
        their_worker = new_test_user(
            self.env, login="ocr_test_other_worker", groups="ocr_worker.group_ocr_worker",
            company_id=other.id, company_ids=[other.id],
        )
        Profiles = self.env["ocr.vendor.profile"].with_user(their_worker)
        self.assertFalse(Profiles.search([("partner_id", "=", self.partner.id)]), "another company's worker lists none of this company's profiles")
        with self.assertRaises(AccessError):
            profile.with_user(their_worker).write({"document_count": 9})
        self.assertEqual(profile.document_count, 2)

    def test_draft_bill_is_not_learned(self):
        self._purchase_journal_or_skip()
        bill = self._bill(partner_id=self.partner.id)
        job = self._job(self._attachment(res_model="account.move", res_id=bill.id))
        job.sudo().write({"state": "done"})
        bill.write({"ref": "X-1"})
        self.assertFalse(job.learn_state)
