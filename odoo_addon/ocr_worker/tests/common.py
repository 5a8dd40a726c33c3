# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import secrets
from datetime import timedelta

from odoo import fields
from odoo.tests.common import TransactionCase, new_test_user

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class OcrCase(TransactionCase):
    """Users, a private channel and helpers shared by the OCR job tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # Jobs are created explicitly by the tests unless a test turns modes on.
        cls.company.write(
            {
                "ocr_bill_mode": "manual",
                "ocr_expense_mode": "manual",
                "ocr_overwrite": False,
                "ocr_review_threshold": 0.8,
                "ocr_max_attempts": 3,
            }
        )
        cls.worker = new_test_user(
            cls.env, login="ocr_test_worker", groups="ocr_worker.group_ocr_worker"
        )
        cls.clerk = new_test_user(
            cls.env, login="ocr_test_clerk",
            groups="base.group_user",
        )
        cls.ocr_manager = new_test_user(
            cls.env, login="ocr_test_manager", groups="ocr_worker.group_ocr_manager"
        )
        # A channel of our own, without capacity limit, so that jobs of the database
        # (demo data, other tests) never get in the way of what a test claims.
        cls.channel = "test-%s" % secrets.token_hex(4)
        cls.env["ocr.job.channel"].create({"name": cls.channel, "capacity": 0})
        cls.Job = cls.env["ocr.job"]
        cls.WorkerJob = cls.Job.with_user(cls.worker)
        cls.partner = cls.env["res.partner"].create({"name": "OCR Test Vendor"})

    # -- factories -----------------------------------------------------------

    @classmethod
    def _attachment(cls, name="scan.pdf", res_model=False, res_id=0, **extra):
        vals = {
            "name": name,
            "datas": base64.b64encode(PDF_BYTES),
            "mimetype": "application/pdf",
            "res_model": res_model,
            "res_id": res_id,
        }
        vals.update(extra)
        return cls.env["ir.attachment"].create(vals)

    @classmethod
    def _job(cls, attachment=None, **vals):
        attachment = attachment or cls._attachment()
        values = {
            "attachment_id": attachment.id,
            "res_model": attachment.res_model or "ir.attachment",
            "res_id": attachment.res_id or attachment.id,
            "channel": cls.channel,
            "max_attempts": 3,
        }
        values.update(vals)
        return cls.Job.create(values)

    def _purchase_journal_or_skip(self):
        journal = self.env["account.journal"].search(
            [("type", "=", "purchase"), ("company_id", "=", self.company.id)], limit=1
        )
        if not journal:
            self.skipTest("no purchase journal in this company (no chart of accounts)")
        return journal

    def _bill(self, **vals):
        self._purchase_journal_or_skip()
        values = {"move_type": "in_invoice"}
        values.update(vals)
        return self.env["account.move"].create(values)

    def _expense(self, **vals):
        employee = self.env["hr.employee"].create({"name": "OCR Test Employee"})
        product = self.env["product.product"].create(
            {"name": "OCR Test Expense", "can_be_expensed": True, "standard_price": 0}
        )
        values = {"name": "Receipt", "employee_id": employee.id, "product_id": product.id}
        values.update(vals)
        return self.env["hr.expense"].create(values)

    def _has_expense_reports(self):
        return "hr.expense.sheet" in self.env  # up to 18; 19 dropped expense reports

    def _draft_report(self, expense):
        """Up to 18, puts the expense in a draft report (no validation yet); on 19 there is none: does nothing."""
        if self._has_expense_reports():
            expense.action_submit_expenses()

    def _validate_expense(self, expense, how):
        """Submits (how="submit") or approves ("approve", a manager approving a draft directly) an expense as this
        version of Odoo does: through its report up to 18, on its own on 19."""
        if self._has_expense_reports():
            sheet = expense.sheet_id
            sheet.action_submit_sheet() if how == "submit" else sheet._do_approve()
        else:
            if how == "submit":  # with an approver: one without would approve it at once
                expense.manager_id = self.ocr_manager
                expense.action_submit()
            else:
                expense._do_approve()

    def _claim_one(self, job, worker_id="worker-1", lease_seconds=300):
        leases = self.WorkerJob.claim(
            worker_id=worker_id, limit=10, lease_seconds=lease_seconds, channels=[job.channel]
        )
        lease = next((l for l in leases if l["job_id"] == job.id), None)
        self.assertTrue(lease, "the job should have been leased")
        return lease

    def _expire(self, job):
        job.sudo().write(
            {"lease_expires_at": fields.Datetime.now() - timedelta(seconds=1)}
        )

    def _messages(self, record):
        return self.env["mail.message"].search(
            [("model", "=", record._name), ("res_id", "=", record.id),
             ("message_type", "=", "comment")]
        )
