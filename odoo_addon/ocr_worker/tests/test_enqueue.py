# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OcrCase


@tagged("post_install", "-at_install")
class TestEnqueue(OcrCase):
    def _jobs_of(self, attachment):
        return self.Job.search([("attachment_id", "=", attachment.id)])

    def test_automatic_mode_queues_files_of_draft_bills(self):
        self.company.ocr_bill_mode = "auto"
        self.company.ocr_bill_channel = self.channel
        bill = self._bill()
        attachment = self._attachment(res_model="account.move", res_id=bill.id)
        job = self._jobs_of(attachment)
        self.assertEqual(len(job), 1)
        self.assertEqual((job.state, job.res_model, job.res_id), ("pending", "account.move", bill.id))
        self.assertEqual(job.channel, self.channel)
        self.assertEqual(job.max_attempts, 3)
        self.assertEqual(bill.ocr_state, "pending")
        # linking it again (as uploads do) does not queue it twice
        attachment.write({"res_model": "account.move", "res_id": bill.id})
        self.assertEqual(len(self._jobs_of(attachment)), 1)

    def test_upload_then_link_is_queued(self):
        self.company.ocr_bill_mode = "auto"
        bill = self._bill()
        attachment = self._attachment()
        self.assertFalse(self._jobs_of(attachment))
        attachment.write({"res_model": "account.move", "res_id": bill.id})
        self.assertEqual(len(self._jobs_of(attachment)), 1)

    def test_vendor_bill_upload_flow(self):
        """account.journal.create_document_from_attachment, as the Upload button does."""
        self.company.ocr_bill_mode = "auto"
        journal = self._purchase_journal_or_skip()
        attachment = self._attachment(name="upload.pdf", res_model="account.journal", res_id=journal.id)
        self.assertFalse(self._jobs_of(attachment))
        journal.with_context(default_move_type="in_invoice").create_document_from_attachment(attachment.ids)
        job = self._jobs_of(attachment)
        self.assertEqual(len(job), 1)
        bill = self.env["account.move"].browse(job.res_id)
        self.assertEqual((job.res_model, bill.move_type, bill.state), ("account.move", "in_invoice", "draft"))
        self.assertEqual(bill.ocr_state, "pending")

    def test_manual_mode_waits_for_the_button(self):
        bill = self._bill()
        attachment = self._attachment(res_model="account.move", res_id=bill.id)
        self.assertFalse(self._jobs_of(attachment))
        self.assertTrue(bill.ocr_can_digitize)
        bill.action_ocr_digitize()
        self.assertEqual(len(self._jobs_of(attachment)), 1)
        self.assertEqual(self._jobs_of(attachment).priority, "2")
        bill.action_ocr_digitize()
        self.assertEqual(len(self._jobs_of(attachment)), 1, "no duplicate while queued")

    def test_rerun_after_done_makes_a_new_job(self):
        bill = self._bill()
        attachment = self._attachment(res_model="account.move", res_id=bill.id)
        bill.action_ocr_digitize()
        self._jobs_of(attachment).write({"state": "done"})
        bill.action_ocr_rerun()
        self.assertEqual(sorted(self._jobs_of(attachment).mapped("state")), ["done", "pending"])

    def test_off_mode(self):
        self.company.ocr_bill_mode = "off"
        bill = self._bill()
        self._attachment(res_model="account.move", res_id=bill.id)
        self.assertFalse(bill.ocr_can_digitize)
        with self.assertRaises(UserError):
            bill.action_ocr_digitize()

    def test_no_attachment(self):
        bill = self._bill()
        with self.assertRaises(UserError):
            bill.action_ocr_digitize()

    def test_customer_invoices_and_posted_bills_are_ignored(self):
        self.company.ocr_bill_mode = "auto"
        invoice = self._bill(move_type="out_invoice")
        attachment = self._attachment(res_model="account.move", res_id=invoice.id)
        self.assertFalse(self._jobs_of(attachment))
        self.assertFalse(invoice.ocr_can_digitize)

    def test_other_files_are_ignored(self):
        self.company.ocr_bill_mode = "auto"
        bill = self._bill()
        attachment = self._attachment(name="notes.txt", mimetype="text/plain",
                                      res_model="account.move", res_id=bill.id)
        self.assertFalse(self._jobs_of(attachment))

    def test_expenses(self):
        self.company.ocr_expense_mode = "auto"
        expense = self._expense()
        attachment = self._attachment(name="r.png", mimetype="image/png",
                                      res_model="hr.expense", res_id=expense.id)
        self.assertEqual(self._jobs_of(attachment).res_model, "hr.expense")
        self.assertEqual(expense.ocr_state, "pending")
        self.assertIn(expense, self.env["hr.expense"].search([("ocr_state", "=", "pending")]))
        self.assertNotIn(expense, self.env["hr.expense"].search([("ocr_state", "=", "failed")]))

    def test_expense_upload_flow(self):
        """hr.expense.create_expense_from_attachments: files first, expenses after."""
        self.company.ocr_expense_mode = "auto"
        self._expense()  # makes sure an expensable product exists
        # the flow creates expenses for the employee of the current user
        if not self.env.user.employee_ids:
            self.env["hr.employee"].create({"name": "Uploader", "user_id": self.env.uid})
        attachment = self._attachment(name="lunch.pdf", res_model="hr.expense", res_id=0)
        self.env["hr.expense"].create_expense_from_attachments(attachment.ids)
        job = self._jobs_of(attachment)
        self.assertEqual(len(job), 1)
        self.assertEqual(job.res_id, attachment.res_id)

    def test_cron_queues_missed_files_once(self):
        bill = self._bill()
        attachment = self._attachment(res_model="account.move", res_id=bill.id)
        self.assertFalse(self._jobs_of(attachment))
        self.company.ocr_bill_mode = "auto"
        self.Job._cron_maintenance()
        job = self._jobs_of(attachment)
        self.assertEqual(len(job), 1)
        job.write({"state": "failed"})
        self.Job._cron_maintenance()
        self.assertEqual(len(self._jobs_of(attachment)), 1, "a failed file is not retried by the cron")

    def test_server_action_on_bare_file(self):
        attachment = self._attachment(name="mailroom.pdf")
        action = self.env.ref("ocr_worker.action_server_attachment_digitize")
        action.with_context(active_model="ir.attachment", active_ids=attachment.ids).run()
        job = self._jobs_of(attachment)
        self.assertEqual((job.res_model, job.res_id), ("ir.attachment", attachment.id))
        with self.assertRaises(UserError):
            self._attachment(name="x.txt", mimetype="text/plain").action_ocr_digitize()

    def test_status_search(self):
        bill = self._bill()
        self._attachment(res_model="account.move", res_id=bill.id)
        Move = self.env["account.move"]
        self.assertIn(bill, Move.search([("ocr_state", "=", False), ("id", "=", bill.id)]))
        bill.action_ocr_digitize()
        self.assertIn(bill, Move.search([("ocr_state", "in", ["pending"]), ("id", "=", bill.id)]))
        self.assertFalse(Move.search([("ocr_state", "=", False), ("id", "=", bill.id)]))
        self.assertIn(bill, Move.search([("ocr_state", "!=", "failed"), ("id", "=", bill.id)]))
