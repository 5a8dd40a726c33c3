# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What an accountant sees and does: the review that ends, suggestions, re-runs,
errors in words, access for the people who already do the job."""
import copy

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import OcrCase

# A scan result as the worker stores it (src/contract.ts): the vendor, the date and the
# total were read with less confidence than the threshold, so they were not written.
RESULT = {
    "file": "bill.pdf",
    "source": "pdf-text",
    "pages": 1,
    "fields": {
        "doc_type": {"value": "invoice", "confidence": 0.95},
        "vendor_name": {"value": "Papeterie Lumière SARL", "confidence": 0.63},
        "vendor_vat": {"value": "FR40303265045", "confidence": 0.61},
        "invoice_number": {"value": "F-2024-118", "confidence": 0.97, "page": 1,
                           "box": [0.62, 0.12, 0.2, 0.03]},
        "date": {"value": "2024-05-03", "confidence": 0.55, "page": 1, "box": [0.62, 0.16, 0.15, 0.03]},
        "due_date": {"value": None, "confidence": 0},
        "currency": {"value": "EUR", "confidence": 0.9},
        "amount_total": {"value": 120.0, "confidence": 0.58},
        "amount_untaxed": {"value": 100.0, "confidence": 0.58},
        "amount_tax": {"value": 20.0, "confidence": 0.58},
        "po_number": {"value": None, "confidence": 0},
    },
    "timings_ms": {"total": 900},
}
REASONS = ["Not written, below the 80 % threshold: Vendor 63 %, Date 55 %, Total 58 %"]


class ReviewCase(OcrCase):
    """An accountant, and a bill the worker read and sent to review (shared with test_candidates)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env, login="ocr_test_accountant",
            groups="base.group_user,base.group_partner_manager,account.group_account_invoice",
        )

    def _read_bill(self, bill=None, result=RESULT, values=None):
        """The worker's side: claim the bill's job and complete it with a result."""
        bill = bill or self._bill()
        attachment = self._attachment(name="bill.pdf", res_model="account.move", res_id=bill.id)
        job = self._job(attachment)
        lease = self._claim_one(job)
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result=result,
            values=values if values is not None else {
                "write": {"ref": "F-2024-118"}, "needs_review": True,
                "review_reasons": REASONS, "doc_type": "invoice", "confidence": 0.55,
            },
        )
        self.assertEqual(answer["state"], "review")
        bill.invalidate_recordset()
        return bill, job


@tagged("post_install", "-at_install")
class TestReview(ReviewCase):

    # -- the review ends ----------------------------------------------------

    def test_posting_the_bill_ends_the_review(self):
        bill, job = self._read_bill()
        self.assertEqual(bill.ocr_state, "review")
        self.assertIn(bill, self.env["account.move"].search([("ocr_state", "=", "review")]))
        bill = bill.with_user(self.accountant)
        bill.write({
            "partner_id": self.partner.id, "invoice_date": "2024-05-03",
            "invoice_line_ids": [(0, 0, {"name": "Paper", "quantity": 1, "price_unit": 100})],
        })
        bill.action_post()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.reviewed_by_id, self.accountant)
        self.assertEqual(job.review_resolution, "posted")
        self.assertTrue(job.reviewed_at)
        self.assertIn(REASONS[0], job.review_reasons, "the job keeps why it was flagged")
        bill.invalidate_recordset()
        self.assertEqual(bill.ocr_state, "done")
        self.assertNotIn(bill, self.env["account.move"].search([("ocr_state", "=", "review")]))
        self.assertIn(self.accountant.name, bill.ocr_banner_html)

    def _flag_for_review(self, bill):
        """Sets Odoo's own review flag to "to review" (to_check up to 17, checked=False from 18 on)."""
        field, to_review = bill._ocr_review_flag()
        bill[field] = to_review
        return field, to_review

    def test_set_as_checked_ends_the_review(self):
        bill, job = self._read_bill()
        field, to_review = self._flag_for_review(bill)
        if field == "to_check":  # 17's button; from 18 on "checked" is offered on posted entries only
            bill.with_user(self.accountant).button_set_checked()
        else:
            bill.with_user(self.accountant).write({field: not to_review})
        self.assertEqual((job.state, job.review_resolution), ("done", "checked"))
        self.assertEqual(job.reviewed_by_id, self.accountant)

    def test_mark_as_reviewed_ends_the_review_and_clears_to_check(self):
        bill, job = self._read_bill()
        field, to_review = self._flag_for_review(bill)
        with self.assertRaises(AccessError):
            bill.with_user(self.clerk).action_ocr_mark_reviewed()
        self.assertEqual(job.state, "review")
        bill.with_user(self.accountant).action_ocr_mark_reviewed()
        self.assertEqual((job.state, job.review_resolution), ("done", "marked"))
        self.assertEqual(bill[field], not to_review, "Odoo's own review flag follows")
        self.assertEqual(bill.state, "draft", "marking reviewed does not post")

    def _read_expense(self):
        expense = self._expense()
        attachment = self._attachment(name="receipt.jpg", res_model="hr.expense", res_id=expense.id,
                                      mimetype="image/jpeg")
        job = self._job(attachment)
        lease = self._claim_one(job)
        self.WorkerJob.complete(job_id=job.id, token=lease["token"], result=RESULT,
                                values={"needs_review": True, "review_reasons": REASONS})
        self.assertEqual(job.state, "review")
        expense.write({"total_amount_currency": 120.0})
        self._draft_report(expense)
        self.assertEqual(job.state, "review", "a draft report is not a submission yet")
        return expense, job

    def test_expense_review_ends_when_the_report_is_submitted(self):
        expense, job = self._read_expense()
        self._validate_expense(expense, "submit")
        self.assertEqual((job.state, job.review_resolution), ("done", "submitted"))

    def test_expense_review_ends_when_the_report_is_approved(self):
        expense, job = self._read_expense()
        self._validate_expense(expense, "approve")
        self.assertEqual((job.state, job.review_resolution), ("done", "approved"))

    def test_an_employee_without_ocr_rights_opens_the_expense(self):
        """The one who uploaded the receipt sees the banner; suggestions are for OCR users."""
        expense, job = self._read_expense()
        employee = new_test_user(self.env, login="ocr_test_employee", groups="base.group_user")
        expense.employee_id.user_id = employee
        mine = expense.with_user(employee)
        values = mine.read(["ocr_state", "ocr_banner_html", "ocr_banner_level", "ocr_suggestion_count",
                            "ocr_box_data"])[0]
        self.assertEqual(values["ocr_banner_level"], "warning")
        self.assertFalse(values["ocr_suggestion_count"])
        self.assertFalse(values["ocr_box_data"], "the values read and their places are for OCR users too")
        approver = new_test_user(self.env, login="ocr_test_expense_manager",
                                 groups="base.group_user,hr_expense.group_hr_expense_manager")
        self.assertTrue(expense.with_user(approver).ocr_box_data.get("date"), "an OCR user sees them")
        arch = mine.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("ocr_banner_html", arch)
        self.assertNotIn("ocr_suggestion_ids", arch, "suggestions are for OCR users")
        self.assertNotIn("action_ocr_mark_reviewed", arch)

    def test_what_an_ocr_user_read_is_not_served_to_the_next_reader(self):
        """The suggestions and boxes depend on who asks: in one transaction an employee who opens the
        expense after an OCR user must not get the values the OCR user's read left in the cache."""
        expense, job = self._read_expense()
        employee = new_test_user(self.env, login="ocr_test_employee2", groups="base.group_user")
        approver = new_test_user(self.env, login="ocr_test_expense_manager2",
                                 groups="base.group_user,hr_expense.group_hr_expense_manager")
        expense.employee_id.user_id = employee
        self.assertTrue(expense.with_user(approver).ocr_box_data.get("date"))
        self.assertTrue(expense.with_user(approver).ocr_suggestion_count)
        self.assertFalse(expense.with_user(employee).ocr_box_data)
        self.assertFalse(expense.with_user(employee).ocr_suggestion_count)
        with self.assertRaises(AccessError):
            expense.with_user(employee).read(["ocr_suggestion_ids"])

    # -- access -------------------------------------------------------------

    def test_people_who_do_the_job_are_ocr_users(self):
        cases = [
            ("account.group_account_invoice", "ocr_worker.group_ocr_user", "ocr_worker.group_ocr_manager"),
            ("account.group_account_user", "ocr_worker.group_ocr_user", "ocr_worker.group_ocr_manager"),
            ("account.group_account_manager", "ocr_worker.group_ocr_manager", None),
            ("hr_expense.group_hr_expense_team_approver", "ocr_worker.group_ocr_user", "ocr_worker.group_ocr_manager"),
            ("hr_expense.group_hr_expense_manager", "ocr_worker.group_ocr_manager", None),
        ]
        for index, (group, has, has_not) in enumerate(cases):
            with self.subTest(group=group):
                user = new_test_user(self.env, login="ocr_test_implied_%s" % index, groups="base.group_user," + group)
                self.assertTrue(user.has_group(has))
                if has_not:
                    self.assertFalse(user.has_group(has_not))
        self.assertFalse(self.clerk.has_group("ocr_worker.group_ocr_user"), "a plain employee is not")

    def test_demo_accountant_digitizes_and_sees_jobs(self):
        demo = self.env.ref("base.user_demo", raise_if_not_found=False)
        if not demo or not demo.has_group("account.group_account_invoice"):
            self.skipTest("no demo accountant in this database")
        self.assertTrue(demo.has_group("ocr_worker.group_ocr_user"))
        bill = self._bill()
        attachment = self._attachment(res_model="account.move", res_id=bill.id)
        bill.with_user(demo).action_ocr_digitize()
        job = self.Job.with_user(demo).search([("attachment_id", "=", attachment.id)])
        self.assertEqual(job.state, "pending")

    # -- suggestions --------------------------------------------------------

    def test_values_not_written_are_offered_and_applied_as_a_correction(self):
        vendor = self.env["res.partner"].create({"name": "Papeterie Lumière SARL", "vat": "FR40303265045"})
        bill = self._bill()
        result = copy.deepcopy(RESULT)
        result["fields"]["currency"]["value"] = bill.currency_id.name
        bill, job = self._read_bill(bill, result=result)
        bill = bill.with_user(self.accountant)
        offered = {row.key: row for row in bill.ocr_suggestion_ids}
        # the reference was written and the currency is the bill's: not offered; the rest is, with its confidence
        self.assertEqual(set(offered), {"vendor", "date", "amount_total"})
        self.assertEqual(offered["date"].confidence_percent, 55)
        self.assertEqual(offered["vendor"].vendor_found, True)
        offered["date"].action_apply()
        self.assertEqual(fields.Date.to_string(bill.invoice_date), "2024-05-03")
        row = offered["date"]
        self.assertEqual((row.state, row.applied_by_id), ("applied", self.accountant))
        self.assertTrue(row.applied_at)
        bill.invalidate_recordset()
        self.assertNotIn("date", bill.ocr_suggestion_ids.mapped("key"))
        bill.action_ocr_apply_all()
        self.assertEqual(bill.partner_id, vendor)
        self.assertEqual(bill.invoice_line_ids.price_unit, 100.0 if bill.invoice_line_ids.tax_ids else 120.0)
        self.assertAlmostEqual(bill.amount_total, 120.0)
        bill.invalidate_recordset()
        self.assertFalse(bill.ocr_suggestion_ids)
        self.assertEqual(set(job.suggestion_ids.filtered(lambda r: r.state == "applied").mapped("key")),
                         {"vendor", "date", "amount_total"})

    def test_an_amount_in_another_currency_waits_for_the_currency(self):
        self.env.ref("base.EUR").active = True
        bill = self._bill()
        if bill.currency_id.name == "EUR":
            self.skipTest("the company currency is the one read")
        bill, job = self._read_bill(bill)
        bill = bill.with_user(self.accountant)
        self.assertEqual(set(bill.ocr_suggestion_ids.mapped("key")), {"vendor", "date", "currency"},
                         "120.00 EUR is not offered as 120.00 in the bill's currency")
        bill.ocr_suggestion_ids.filtered(lambda r: r.key == "currency").action_apply()
        self.assertEqual(bill.currency_id.name, "EUR")
        bill.invalidate_recordset()
        self.assertIn("amount_total", bill.ocr_suggestion_ids.mapped("key"))

    def test_a_value_a_person_typed_is_offered_not_replaced(self):
        bill = self._bill(ref="TYPED-1")
        bill, job = self._read_bill(bill)
        row = bill.ocr_suggestion_ids.filtered(lambda r: r.key == "invoice_number")
        self.assertEqual(bill.ref, "TYPED-1")
        self.assertEqual(row.value, "F-2024-118")
        row.with_user(self.accountant).action_apply()
        self.assertEqual(bill.ref, "F-2024-118")
        self.assertEqual(row.previous_value, "TYPED-1")

    def test_vendor_not_found_is_created_from_the_suggestion(self):
        bill, job = self._read_bill()
        row = bill.ocr_suggestion_ids.filtered(lambda r: r.key == "vendor")
        self.assertFalse(row.vendor_found)
        action = row.with_user(self.accountant).action_create_vendor()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["target"], "new", "a form to check and save, never a silent creation")
        self.assertEqual(action["context"]["default_name"], "Papeterie Lumière SARL")
        self.assertEqual(action["context"]["default_vat"], "FR40303265045")
        self.assertFalse(self.env["res.partner"].search([("vat", "=", "FR40303265045")]))
        partner = self.env["res.partner"].with_user(self.accountant).with_context(**action["context"]).create(
            {"name": action["context"]["default_name"], "vat": action["context"]["default_vat"],
             "child_ids": [(0, 0, {"name": "Accounts payable", "type": "invoice"})]}
        )
        self.assertEqual(bill.partner_id, partner, "the vendor, not a contact created with it")
        self.assertEqual((row.state, row.applied_by_id), ("applied", self.accountant))

    def test_no_suggestions_once_posted(self):
        bill, job = self._read_bill()
        self.assertTrue(bill.ocr_suggestion_ids)
        bill.write({"partner_id": self.partner.id, "invoice_date": "2024-05-03",
                    "invoice_line_ids": [(0, 0, {"name": "x", "quantity": 1, "price_unit": 1})]})
        bill.action_post()
        bill.invalidate_recordset()
        self.assertFalse(bill.ocr_suggestion_ids)
        with self.assertRaises(UserError):
            job.suggestion_ids.filtered(lambda r: r.key == "date").action_apply()

    def test_boxes_follow_the_fields(self):
        bill, job = self._read_bill()
        boxes = bill.ocr_box_data
        self.assertEqual(boxes["ref"][0]["page"], 1)
        self.assertEqual(boxes["ref"][0]["box"], [0.62, 0.12, 0.2, 0.03])
        self.assertIn("invoice_date", boxes)
        self.assertNotIn("partner_id", boxes, "no box was read for the vendor")

    # -- words, once --------------------------------------------------------

    def test_banner_says_heading_first_then_each_reason_once(self):
        bill, job = self._read_bill(values={"needs_review": True, "review_reasons": REASONS + REASONS,
                                            "confidence": 0.55})
        html = str(bill.ocr_banner_html)
        self.assertLess(html.index("Please review"), html.index("Not written"))
        self.assertEqual(html.count("Not written"), 1)
        self.assertIn("55 %", html)
        self.assertEqual(bill.ocr_banner_level, "warning")

    def test_errors_in_words_and_no_rerun_on_a_damaged_file(self):
        bill = self._bill()
        attachment = self._attachment(name="bad.pdf", res_model="account.move", res_id=bill.id)
        job = self._job(attachment)
        lease = self._claim_one(job)
        self.WorkerJob.fail(job_id=job.id, token=lease["token"],
                            error="CORRUPT_FILE: Invalid PDF structure", retryable=False)
        self.assertEqual(job.state, "failed")
        self.assertNotIn("CORRUPT_FILE", job.error_message)
        self.assertIn("damaged", job.error_message)
        self.assertFalse(job.can_rerun)
        bill.invalidate_recordset()
        self.assertFalse(bill.ocr_can_rerun)
        self.assertNotIn("CORRUPT_FILE", bill.ocr_banner_html)
        with self.assertRaises(UserError):
            job.with_user(self.accountant).action_rerun()
        with self.assertRaises(UserError):
            bill.with_user(self.accountant).action_ocr_rerun()

    def test_rerun_makes_a_new_job_from_the_list_and_from_the_document(self):
        bill, job = self._read_bill()
        job.with_user(self.accountant).action_rerun()
        jobs = self.Job.search([("res_model", "=", "account.move"), ("res_id", "=", bill.id)])
        self.assertEqual(len(jobs), 2)
        self.assertEqual(job.state, "review", "the earlier reading stays as it was")
        self.assertEqual((jobs - job).state, "pending")
        (jobs - job).with_user(self.accountant).action_rerun()  # already queued: nothing more
        self.assertEqual(self.Job.search_count([("res_model", "=", "account.move"), ("res_id", "=", bill.id)]), 2)

    def test_job_summary_in_words(self):
        bill, job = self._read_bill()
        html = str(job.result_html)
        self.assertIn("Papeterie Lumière SARL", html)
        self.assertIn("text of the PDF", html)
        self.assertNotIn("vendor_name", html)
        self.assertNotIn("pdf-text", html)

    # -- live update --------------------------------------------------------

    def test_job_end_is_sent_on_the_bus_to_ocr_users(self):
        self.env["bus.bus"].search([]).unlink()
        bill, job = self._read_bill()
        self.env.cr.precommit.run()  # the bus writes its rows when the transaction commits
        sent = self.env["bus.bus"].search([("message", "like", "ocr_worker.job_update")])
        self.assertTrue(sent)
        self.assertTrue(any('"review"' in m.message and str(bill.id) in m.message for m in sent))
        channels = " ".join(sent.mapped("channel"))
        self.assertIn('"res.partner",%d]' % self.accountant.partner_id.id, channels)
        self.assertNotIn('"res.partner",%d]' % self.clerk.partner_id.id, channels)


@tagged("post_install", "-at_install")
class TestWorkerSettings(OcrCase):
    def test_threshold_in_percent(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.ocr_write_threshold_percent, 80)
        settings.ocr_write_threshold_percent = 70
        settings.execute()
        self.assertAlmostEqual(self.company.ocr_write_threshold, 0.7)

    def test_worker_seen_and_version_shown(self):
        self.env["ocr.worker.presence"].search([]).unlink()
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.ocr_worker_stale)
        self.assertIn("No OCR worker", settings.ocr_worker_status)
        with self.assertRaises(AccessError):
            self.env["ocr.worker.presence"].with_user(self.ocr_manager).hello(worker_id="x", version="1")
        self.env["ocr.worker.presence"].with_user(self.worker).hello(worker_id="host-1:42", version="0.9.1")
        self.WorkerJob.claim(worker_id="host-1:42", channels=[self.channel])
        settings = self.env["res.config.settings"].create({})
        self.assertFalse(settings.ocr_worker_stale)
        self.assertIn("host-1:42", settings.ocr_worker_status)
        self.assertIn("0.9.1", settings.ocr_worker_status)
        with self.assertRaises(UserError):
            self.env["ocr.worker.presence"].with_user(self.worker).hello(worker_id="", version="1")
