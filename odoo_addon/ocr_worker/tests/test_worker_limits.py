# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests.common import new_test_user
from odoo.tests import tagged

from .common import PDF_BYTES, OcrCase


@tagged("post_install", "-at_install")
class TestWorkerLimits(OcrCase):
    """The worker's key can do what the worker does, and nothing of what it never does."""

    def _posted_ready_bill(self):
        return self._bill(
            partner_id=self.partner.id,
            invoice_date="2024-01-01",
            invoice_line_ids=[(0, 0, {"name": "line", "quantity": 1, "price_unit": 10})],
        )

    def test_cannot_post_reset_or_cancel_a_bill(self):
        bill = self._posted_ready_bill()
        as_worker = bill.with_user(self.worker)
        with self.assertRaises(AccessError):
            as_worker.action_post()
        self.assertEqual(bill.state, "draft")
        with self.assertRaises(AccessError):
            as_worker.button_cancel()
        bill.action_post()
        with self.assertRaises(AccessError):
            as_worker.button_draft()
        self.assertEqual(bill.state, "posted")

    def test_cannot_delete_bills_expenses_or_attachments(self):
        bill = self._bill()
        attachment = self._attachment(res_model="account.move", res_id=bill.id)
        job = self._job(attachment)
        with self.assertRaises(AccessError):
            attachment.with_user(self.worker).unlink()
        with self.assertRaises(AccessError):
            bill.with_user(self.worker).unlink()
        expense = self._expense()
        with self.assertRaises(AccessError):
            expense.with_user(self.worker).unlink()
        self.assertTrue(attachment.exists() and job.exists() and bill.exists() and expense.exists())

    def test_cannot_create_or_change_expense_reports(self):
        if "hr.expense.sheet" not in self.env:
            self.skipTest("no expense reports in this version (19.0+)")
        expense = self._expense(total_amount_currency=10)
        Sheet = self.env["hr.expense.sheet"]
        with self.assertRaises(AccessError):
            Sheet.with_user(self.worker).create(
                {"name": "Report", "employee_id": expense.employee_id.id, "expense_line_ids": [(6, 0, expense.ids)]}
            )
        with self.assertRaises(AccessError):
            expense.with_user(self.worker).action_submit_expenses()
        self.assertFalse(expense.sheet_id)
        sheet = Sheet.create({"name": "Report", "employee_id": expense.employee_id.id, "expense_line_ids": [(6, 0, expense.ids)]})
        with self.assertRaises(AccessError):
            sheet.with_user(self.worker).write({"name": "Changed"})

    def test_job_state_only_through_the_token_checked_methods(self):
        job = self._job()
        as_worker = job.with_user(self.worker)
        with self.assertRaises(AccessError):
            as_worker.write({"state": "done"})
        with self.assertRaises(AccessError):
            as_worker.unlink()
        with self.assertRaises(AccessError):
            self.WorkerJob.create({"attachment_id": self._attachment().id, "res_model": "ir.attachment", "channel": self.channel})
        self.assertEqual(job.state, "pending")
        # the methods still work for the worker
        lease = self._claim_one(job)
        self.assertEqual(self.WorkerJob.heartbeat(job_tokens=[[job.id, lease["token"]]], lease_seconds=60), [job.id])
        self.assertEqual(self.WorkerJob.fail(job_id=job.id, token=lease["token"], error="x", retryable=False)["state"], "failed")
        self.assertEqual(self.WorkerJob.requeue(ids=[job.id]), 1)

    def test_lease_tokens_are_not_readable(self):
        job = self._job()
        lease = self._claim_one(job)
        self.env["ir.rule"].invalidate_model()
        for user in (self.worker, self.ocr_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    job.with_user(user).read(["lease_token"])
                self.assertNotIn("lease_token", self.Job.with_user(user).fields_get())
        # the lease still works: the token from claim is the worker's only copy
        self.assertEqual(self.WorkerJob.heartbeat(job_tokens=[[job.id, lease["token"]]], lease_seconds=60), [job.id])

    def test_loose_attachment_of_another_user_is_handed_over_by_read_document(self):
        # An upload linked to no record (res_id 0), as an inbox upload is: Odoo lets only its creator read it.
        attachment = self.env["ir.attachment"].with_user(self.clerk).create(
            {"name": "inbox.pdf", "datas": base64.b64encode(PDF_BYTES), "mimetype": "application/pdf"}
        )
        self.assertFalse(attachment.res_id)
        with self.assertRaises(AccessError):
            attachment.with_user(self.worker).read(["datas"])
        job = self._job(attachment, res_model="ir.attachment", res_id=0)
        lease = self._claim_one(job)
        document = self.WorkerJob.read_document(job_id=job.id, token=lease["token"])
        self.assertEqual(base64.b64decode(document["datas"]), PDF_BYTES)
        self.assertEqual(document["id"], attachment.id)
        self.assertEqual(document["name"], "inbox.pdf")
        self.assertEqual(document["mimetype"], "application/pdf")
        # the lease is the permission: a wrong token, or another user, gets nothing
        self.assertEqual(self.WorkerJob.read_document(job_id=job.id, token="not-the-token"), {"state": "lost"})
        with self.assertRaises(AccessError):
            self.Job.with_user(self.clerk).read_document(job_id=job.id, token=lease["token"])
        # and the worker finishes the job: a draft bill for the file, created within the worker's rights
        self._purchase_journal_or_skip()
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result={"source": "pdf-text"},
            values={"create_move": {"move_type": "in_invoice", "ref": "LOOSE-1"}, "note": "<p>read</p>"},
        )
        self.assertEqual(answer["state"], "done")
        bill = self.env["account.move"].browse(answer["res_id"])
        self.assertEqual((bill.move_type, bill.state, bill.ref), ("in_invoice", "draft", "LOOSE-1"))
        self.assertEqual((attachment.res_model, attachment.res_id), ("account.move", bill.id))

    def test_the_worker_still_does_every_write_it_does(self):
        # fill a draft bill with lines, replace them, post a note: all as the worker, through complete()
        bill = self._bill(invoice_line_ids=[(0, 0, {"name": "old", "quantity": 1, "price_unit": 1})])
        attachment = self._attachment(res_model="account.move", res_id=bill.id)
        job = self._job(attachment)
        lease = self._claim_one(job)
        self.company.ocr_overwrite = True
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result={"source": "pdf-text"},
            values={
                "write": {
                    "partner_id": self.partner.id, "ref": "W-1", "invoice_date": "2024-02-01",
                    "invoice_line_ids": [(2, bill.invoice_line_ids.id), (0, 0, {"name": "new", "quantity": 2, "price_unit": 5})],
                },
                "note": "<p>read W-1</p>",
            },
        )
        self.assertEqual(answer["state"], "done", job.review_reasons)
        self.assertEqual(bill.invoice_line_ids.mapped("name"), ["new"])
        self.assertEqual(bill.amount_untaxed, 10)
        self.assertEqual(bill.state, "draft")
        self.assertEqual(fields.Date.to_string(bill.invoice_date), "2024-02-01")
        self.assertTrue(self._messages(bill).filtered(lambda m: "W-1" in (m.body or "")))
        # an expense too
        expense = self._expense()
        attachment = self._attachment(name="r.pdf", res_model="hr.expense", res_id=expense.id)
        job = self._job(attachment, res_model="hr.expense", res_id=expense.id)
        lease = self._claim_one(job)
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result={}, values={"write": {"total_amount_currency": 12.5}, "note": "<p>r</p>"},
        )
        self.assertEqual(answer["state"], "done", job.review_reasons)
        self.assertEqual(expense.total_amount_currency, 12.5)


@tagged("post_install", "-at_install")
class TestTypedInBetween(OcrCase):
    def test_values_a_person_typed_while_reading_are_kept_said_and_flagged(self):
        bill = self._bill()
        attachment = self._attachment(res_model="account.move", res_id=bill.id)
        job = self._job(attachment)
        lease = self._claim_one(job)
        # the worker read an empty bill; a person types the reference before the result comes back
        billing = new_test_user(self.env, login="ocr_test_billing", groups="base.group_user,account.group_account_invoice")
        bill.with_user(billing).write({"ref": "TYPED-1"})
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result={},
            values={"write": {"ref": "OCR-1", "invoice_date": "2024-03-01"}, "note": "<p>Read by OCR</p>", "confidence": 0.95},
        )
        self.assertEqual(answer["state"], "review")
        self.assertEqual(bill.ref, "TYPED-1")
        self.assertEqual(fields.Date.to_string(bill.invoice_date), "2024-03-01", "the empty field is still filled")
        self.assertIn("were not written", job.review_reasons)
        note = self._messages(bill).filtered(lambda m: "Read by OCR" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("Not written", note.body)
        if "to_check" in bill._fields:
            self.assertTrue(bill.to_check)

    def test_a_repeated_identical_value_is_not_a_change(self):
        bill = self._bill(ref="SAME-1")
        attachment = self._attachment(res_model="account.move", res_id=bill.id)
        job = self._job(attachment)
        lease = self._claim_one(job)
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result={}, values={"write": {"ref": "SAME-1", "partner_id": False}, "note": "<p>n</p>"},
        )
        self.assertEqual(answer["state"], "done", job.review_reasons)
