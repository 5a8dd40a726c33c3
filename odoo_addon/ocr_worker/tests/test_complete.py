# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OcrCase

RESULT = {"source": "pdf-text", "fields": {"invoice_number": {"value": "INV-77", "confidence": 0.95}}}


@tagged("post_install", "-at_install")
class TestCompleteBill(OcrCase):
    def _bill_job(self, bill, name="bill.pdf"):
        attachment = self._attachment(name=name, res_model="account.move", res_id=bill.id)
        job = self._job(attachment)
        return job, self._claim_one(job)

    def _values(self, **overrides):
        values = {
            "write": {
                "partner_id": self.partner.id,
                "ref": "INV-77",
                "invoice_date": "2024-05-03",
            },
            "create_move": None,
            "note": "<p>Read by OCR: <b>INV-77</b></p><script>alert(1)</script>",
            "needs_review": False,
            "review_reasons": [],
            "doc_type": "invoice",
            "confidence": 0.93,
            "duration_ms": 1234,
        }
        values.update(overrides)
        return values

    def test_fills_empty_bill(self):
        bill = self._bill()
        job, lease = self._bill_job(bill)
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result=RESULT, values=self._values()
        )
        self.assertEqual(
            answer, {"state": "done", "res_model": "account.move", "res_id": bill.id, "created": False}
        )
        self.assertEqual(bill.partner_id, self.partner)
        self.assertEqual(bill.ref, "INV-77")
        self.assertEqual(fields.Date.to_string(bill.invoice_date), "2024-05-03")
        self.assertEqual(job.state, "done")
        self.assertEqual(job.result, RESULT)
        self.assertEqual(job.doc_type, "invoice")
        self.assertAlmostEqual(job.confidence, 0.93)
        self.assertEqual(job.duration_ms, 1234)
        self.assertFalse(job.lease_expires_at)
        notes = self._messages(bill).filtered(lambda m: "INV-77" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertTrue(notes.subtype_id.internal)
        self.assertNotIn("<script", notes.body)
        self.assertEqual(bill.ocr_state, "done")
        self.assertAlmostEqual(bill.ocr_confidence, 0.93)
        self.assertEqual(bill.ocr_job_ids, job)

    def test_worker_without_email_can_post_the_note(self):
        self.worker.partner_id.email = False
        bill = self._bill()
        job, lease = self._bill_job(bill)
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result=RESULT, values=self._values()
        )
        self.assertEqual(answer["state"], "done")
        note = self._messages(bill).filtered(lambda m: "INV-77" in (m.body or ""))
        self.assertEqual(note.author_id, self.worker.partner_id)

    def test_write_back_uses_the_worker_rights(self):
        bill = self._bill()
        job, lease = self._bill_job(bill)
        self.WorkerJob.complete(job_id=job.id, token=lease["token"], result=RESULT, values=self._values())
        self.assertEqual(bill.write_uid, self.worker)
        # A global record rule forbids writing bill2: sudo would ignore it, the
        # worker user may not.
        bill2 = self._bill()
        self.env["ir.rule"].create({
            "name": "test: nobody may write bill2",
            "model_id": self.env["ir.model"]._get_id("account.move"),
            "domain_force": "[('id', '!=', %d)]" % bill2.id,
            "perm_read": False, "perm_create": False, "perm_unlink": False,
        })
        job2, lease2 = self._bill_job(bill2, name="bill2.pdf")
        with self.assertRaises(AccessError):
            self.WorkerJob.complete(job_id=job2.id, token=lease2["token"], result=RESULT, values=self._values())
        self.assertFalse(bill2.ref)

    def test_keeps_what_a_person_entered(self):
        other = self.env["res.partner"].create({"name": "Entered By Hand"})
        bill = self._bill(partner_id=other.id, ref="HAND-1")
        job, lease = self._bill_job(bill)
        self.WorkerJob.complete(job_id=job.id, token=lease["token"], result=RESULT, values=self._values())
        self.assertEqual(bill.partner_id, other)
        self.assertEqual(bill.ref, "HAND-1")
        # the empty field is still filled
        self.assertEqual(fields.Date.to_string(bill.invoice_date), "2024-05-03")

    def test_due_date_odoo_computed_is_replaced_entered_is_kept(self):
        # a draft without a bill date carries a due date Odoo computed: the document's replaces it
        bill = self._bill()
        self.assertTrue(bill.invoice_date_due)
        job, lease = self._bill_job(bill)
        values = self._values()
        values["write"].update(invoice_date_due="2024-06-02", invoice_payment_term_id=False)
        self.WorkerJob.complete(job_id=job.id, token=lease["token"], result=RESULT, values=values)
        self.assertEqual(fields.Date.to_string(bill.invoice_date_due), "2024-06-02")
        # a bill date and due date a person entered stay
        entered = self._bill(invoice_date="2024-01-10", invoice_date_due="2024-01-31")
        job2, lease2 = self._bill_job(entered, name="bill2.pdf")
        self.WorkerJob.complete(job_id=job2.id, token=lease2["token"], result=RESULT, values=values)
        self.assertEqual(fields.Date.to_string(entered.invoice_date), "2024-01-10")
        self.assertEqual(fields.Date.to_string(entered.invoice_date_due), "2024-01-31")

    def test_overwrite_setting(self):
        self.company.ocr_overwrite = True
        other = self.env["res.partner"].create({"name": "Entered By Hand"})
        bill = self._bill(partner_id=other.id, ref="HAND-1")
        job, lease = self._bill_job(bill)
        self.WorkerJob.complete(job_id=job.id, token=lease["token"], result=RESULT, values=self._values())
        self.assertEqual(bill.partner_id, self.partner)
        self.assertEqual(bill.ref, "INV-77")

    def test_posted_bill_is_not_touched(self):
        bill = self._bill(
            partner_id=self.partner.id,
            invoice_date="2024-01-01",
            invoice_line_ids=[(0, 0, {"name": "line", "quantity": 1, "price_unit": 10})],
        )
        job, lease = self._bill_job(bill)
        bill.action_post()
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result=RESULT, values=self._values()
        )
        self.assertEqual(answer["state"], "review")
        self.assertFalse(bill.ref)
        self.assertIn("no longer a draft", job.review_reasons)
        self.assertEqual(bill.ocr_state, "review")
        self.assertIn("no longer a draft", bill.ocr_review_reasons)

    def test_low_confidence_needs_review(self):
        bill = self._bill()
        job, lease = self._bill_job(bill)
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result=RESULT,
            values=self._values(confidence=0.42, review_reasons=["total does not match lines"]),
        )
        self.assertEqual(answer["state"], "review")
        self.assertIn("total does not match lines", job.review_reasons)
        self.assertIn("42%", job.review_reasons)
        # the values are still written: review is about checking them
        self.assertEqual(bill.ref, "INV-77")

    def _inactive_currency(self):
        currency = self.env["res.currency"].with_context(active_test=False).search(
            [("active", "=", False)], limit=1
        )
        if not currency:
            self.skipTest("no inactive currency in this database")
        return currency

    def test_currency_activated_only_when_the_company_allows_it(self):
        currency = self._inactive_currency()
        self.company.ocr_activate_currencies = False
        bill = self._bill()
        job, lease = self._bill_job(bill)
        self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result=RESULT,
            values=self._values(activate_currency_ids=[currency.id]),
        )
        self.assertFalse(currency.active, "the setting is off: nothing activated")

        self.company.ocr_activate_currencies = True
        bill = self._bill()
        job, lease = self._bill_job(bill, name="bill2.pdf")
        self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result=RESULT,
            values=self._values(activate_currency_ids=[currency.id], write={"currency_id": currency.id}),
        )
        self.assertTrue(currency.active)
        self.assertEqual(bill.currency_id, currency)

    def test_activate_currency_ids_must_be_ids(self):
        bill = self._bill()
        job, lease = self._bill_job(bill)
        with self.assertRaises(UserError):
            self.WorkerJob.complete(
                job_id=job.id, token=lease["token"], result=RESULT,
                values=self._values(activate_currency_ids=["EUR"]),
            )

    def test_worker_asks_for_review(self):
        bill = self._bill()
        job, lease = self._bill_job(bill)
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result=RESULT,
            values=self._values(needs_review=True, review_reasons=["vendor not found"]),
        )
        self.assertEqual(answer["state"], "review")
        self.assertEqual(job.review_reasons, "vendor not found")

    def test_repeated_complete_changes_nothing(self):
        bill = self._bill()
        job, lease = self._bill_job(bill)
        kwargs = dict(job_id=job.id, token=lease["token"], result=RESULT, values=self._values())
        first = self.WorkerJob.complete(**kwargs)
        notes_after_first = self._messages(bill)
        bill.ref = "CHANGED-BY-HAND"
        kwargs["values"] = self._values(write={"ref": "INV-78"}, note="<p>second</p>")
        second = self.WorkerJob.complete(**kwargs)
        self.assertEqual(second, first)
        self.assertEqual(self._messages(bill), notes_after_first)
        self.assertEqual(bill.ref, "CHANGED-BY-HAND")

    def test_wrong_token_is_lost(self):
        bill = self._bill()
        job, _lease = self._bill_job(bill)
        answer = self.WorkerJob.complete(
            job_id=job.id, token="f" * 40, result=RESULT, values=self._values()
        )
        self.assertEqual(answer["state"], "lost")
        self.assertFalse(bill.ref)
        self.assertEqual(job.state, "running")

    def test_fail_after_complete_is_lost(self):
        bill = self._bill()
        job, lease = self._bill_job(bill)
        self.WorkerJob.complete(job_id=job.id, token=lease["token"], result=RESULT, values=self._values())
        self.assertEqual(
            self.WorkerJob.fail(job_id=job.id, token=lease["token"], error="x")["state"], "lost"
        )
        self.assertEqual(job.state, "done")

    def test_bad_values(self):
        bill = self._bill()
        job, lease = self._bill_job(bill)
        for values in (
            "nope",
            {"unexpected": 1},
            {"write": {"no_such_field": 1}},
            {"write": {"state": "posted"}},
            {"confidence": 3},
            {"review_reasons": "one"},
            {"duration_ms": -1},
        ):
            with self.subTest(values=values), self.assertRaises(UserError):
                self.WorkerJob.complete(job_id=job.id, token=lease["token"], result=RESULT, values=values)
        self.assertEqual(job.state, "running")
        self.assertEqual(bill.state, "draft")


@tagged("post_install", "-at_install")
class TestCompleteBareAttachment(OcrCase):
    def test_creates_one_bill_and_relinks_the_file(self):
        self._purchase_journal_or_skip()
        attachment = self._attachment(name="inbox.pdf")
        job = self._job(attachment)
        lease = self._claim_one(job)
        self.assertEqual(lease["res_model"], "ir.attachment")
        values = {
            "create_move": {
                "move_type": "in_invoice",
                "company_id": job.company_id.id,  # the worker names the company it prepared the bill for
                "partner_id": self.partner.id,
                "ref": "BARE-1",
                "invoice_line_ids": [(0, 0, {"name": "Paper", "quantity": 2, "price_unit": 5.5})],
            },
            "note": "<p>created from inbox.pdf</p>",
            "confidence": 0.9,
        }
        kwargs = dict(job_id=job.id, token=lease["token"], result=RESULT, values=values)
        answer = self.WorkerJob.complete(**kwargs)
        self.assertEqual(answer["state"], "done")
        self.assertTrue(answer["created"])
        bill = self.env["account.move"].browse(answer["res_id"])
        self.assertEqual(answer["res_model"], "account.move")
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.state, "draft")
        self.assertEqual(bill.ref, "BARE-1")
        self.assertEqual(bill.amount_untaxed, 11.0)
        self.assertEqual((attachment.res_model, attachment.res_id), ("account.move", bill.id))
        self.assertEqual(bill.message_main_attachment_id, attachment)
        self.assertEqual((job.res_model, job.res_id), ("account.move", bill.id))
        self.assertEqual(len(self._messages(bill)), 1)
        # relinking the file must not queue it again
        self.assertEqual(self.Job.search_count([("attachment_id", "=", attachment.id)]), 1)

        bills_before = self.env["account.move"].search_count([("ref", "=", "BARE-1")])
        again = self.WorkerJob.complete(**kwargs)
        self.assertEqual(again, answer)
        self.assertEqual(self.env["account.move"].search_count([("ref", "=", "BARE-1")]), bills_before)
        self.assertEqual(len(self._messages(bill)), 1)

    def test_refuses_another_company(self):
        job = self._job()
        lease = self._claim_one(job)
        with self.assertRaises(UserError):
            self.WorkerJob.complete(
                job_id=job.id, token=lease["token"], result=RESULT,
                values={"create_move": {"move_type": "in_invoice", "company_id": job.company_id.id + 1000}},
            )

    def test_refuses_other_move_types(self):
        job = self._job()
        lease = self._claim_one(job)
        with self.assertRaises(UserError):
            self.WorkerJob.complete(
                job_id=job.id, token=lease["token"], result=RESULT,
                values={"create_move": {"move_type": "out_invoice"}},
            )

    def test_without_create_move_only_stores_the_result(self):
        job = self._job()
        lease = self._claim_one(job)
        answer = self.WorkerJob.complete(
            job_id=job.id, token=lease["token"], result=RESULT, values={"confidence": 0.99}
        )
        self.assertEqual(answer["state"], "done")
        self.assertFalse(answer["created"])
        self.assertEqual(job.result, RESULT)


@tagged("post_install", "-at_install")
class TestCompleteExpense(OcrCase):
    def _complete_on(self, expense, file_name, values):
        """The worker's answer for a receipt attached to `expense`: claimed, then completed with `values`."""
        attachment = self._attachment(name=file_name, mimetype="image/jpeg", res_model="hr.expense", res_id=expense.id)
        lease = self._claim_one(self._job(attachment))
        return self.WorkerJob.complete(job_id=lease["job_id"], token=lease["token"], result=RESULT, values=values)

    def test_fills_expense_named_after_its_file(self):
        expense = self._expense(name="taxi_receipt")
        answer = self._complete_on(expense, "taxi_receipt.jpg", {
            "write": {"name": "Taxi Milano", "total_amount_currency": 42.5, "date": "2024-03-01"},
            "note": "<p>receipt read</p>",
            "confidence": 0.99,  # above the default write threshold (writeback_rules.json): a done job
            "doc_type": "receipt",
        })
        self.assertEqual(answer["state"], "done")
        self.assertEqual(expense.name, "Taxi Milano")
        self.assertEqual(expense.total_amount_currency, 42.5)
        # the date defaulted to the day the expense was created: the receipt's replaces it
        self.assertEqual(fields.Date.to_string(expense.date), "2024-03-01")
        self.assertEqual(expense.ocr_state, "done")
        self.assertEqual(expense.ocr_confidence_percent, 99)

    def test_expense_creation_day_is_the_creators_day_not_utcs(self):
        # Created at 20:00 UTC by a user in Kuala Lumpur (UTC+8): Odoo's default date is their 2nd of May, which is
        # still the 1st in UTC. That default is no date a person chose: the receipt's date replaces it.
        self.env.user.tz = "Asia/Kuala_Lumpur"
        expense = self._expense(name="IMG_3", date="2024-05-02")
        self.env.cr.execute("UPDATE hr_expense SET create_date = %s WHERE id = %s", ("2024-05-01 20:00:00", expense.id))
        expense.invalidate_recordset(["create_date"])
        self._complete_on(expense, "IMG_3.jpg", {"write": {"date": "2024-04-30", "total_amount_currency": 12.0}, "confidence": 0.99})
        self.assertEqual(fields.Date.to_string(expense.date), "2024-04-30")

    def test_expense_named_by_a_person_keeps_its_name(self):
        expense = self._expense(name="Team dinner")
        self._complete_on(expense, "IMG_1.jpg", {"write": {"name": "Ristorante", "total_amount_currency": 80.0}, "confidence": 0.9})
        self.assertEqual(expense.name, "Team dinner")
        self.assertEqual(expense.total_amount_currency, 80.0)

    def test_expense_date_chosen_by_a_person_stays(self):
        expense = self._expense(name="Team dinner", date="2024-02-14")
        self._complete_on(expense, "IMG_2.jpg", {"write": {"date": "2024-03-01", "total_amount_currency": 80.0}, "confidence": 0.9})
        self.assertEqual(fields.Date.to_string(expense.date), "2024-02-14")
