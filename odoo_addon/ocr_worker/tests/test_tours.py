# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser tours (Chromium, Odoo's HttpCase) of what an accountant does, as the demo
accountant: digitize, then, after the worker's reading, apply suggestions, confirm
the bill and see the review closed; create a vendor from what was read."""
import base64
import copy
import io

from PIL import Image

from odoo.tests import HttpCase, new_test_user, tagged

from .test_review import REASONS, RESULT


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    # the document preview next to the form needs a wide screen
    browser_size = "1920x1080"
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls.env.ref("base.user_demo", raise_if_not_found=False)
        if not cls.accountant or not cls.accountant.has_group("account.group_account_invoice"):
            cls.accountant = None
            return
        cls.env.company.write({"ocr_bill_mode": "manual", "ocr_review_threshold": 0.8})
        cls.worker = new_test_user(cls.env, login="ocr_tour_worker", groups="ocr_worker.group_ocr_worker")
        journal = cls.env["account.journal"].search(
            [("type", "=", "purchase"), ("company_id", "=", cls.env.company.id)], limit=1)
        if not journal:
            cls.accountant = None

    def setUp(self):
        super().setUp()
        if not self.accountant:
            self.skipTest("needs the demo accountant and a purchase journal (demo data)")

    def _bill_with_file(self, kind="PDF"):
        """A draft bill with a real blank page (a PDF or a PNG) that the form's preview can show."""
        bill = self.env["account.move"].create({"move_type": "in_invoice"})
        page = io.BytesIO()
        Image.new("RGB", (595, 842), "white").save(page, format=kind)
        attachment = self.env["ir.attachment"].create({
            "name": "bill.%s" % kind.lower(), "datas": base64.b64encode(page.getvalue()),
            "mimetype": "application/pdf" if kind == "PDF" else "image/png",
            "res_model": "account.move", "res_id": bill.id,
        })
        bill.message_main_attachment_id = attachment
        return bill, attachment

    def _worker_reads(self, job, result):
        """What a worker does: claim the job, complete it with the scan result."""
        Job = self.env["ocr.job"].with_user(self.worker)
        leases = Job.claim(worker_id="tour-worker", channels=[job.channel])
        lease = next(l for l in leases if l["job_id"] == job.id)
        return Job.complete(job_id=job.id, token=lease["token"], result=result, values={
            "write": {"ref": "F-2024-118"}, "needs_review": True, "review_reasons": REASONS,
            "doc_type": "invoice", "confidence": 0.55,
        })

    def _url(self, bill):
        return "/web#id=%s&model=account.move&view_type=form" % bill.id

    def _result(self):
        result = copy.deepcopy(RESULT)
        result["fields"]["currency"]["value"] = self.env.company.currency_id.name
        return result

    def test_digitize_read_apply_confirm_review_closed(self):
        vendor = self.env["res.partner"].create({"name": "Papeterie Lumière SARL", "vat": "FR40303265045"})
        bill, attachment = self._bill_with_file()
        self.start_tour(self._url(bill), "ocr_worker_digitize", login=self.accountant.login)
        job = self.env["ocr.job"].search([("attachment_id", "=", attachment.id)])
        self.assertEqual(job.state, "pending")
        self.assertEqual(self._worker_reads(job, self._result())["state"], "review")
        self.start_tour(self._url(bill), "ocr_worker_review", login=self.accountant.login)
        self.assertEqual(bill.state, "posted")
        self.assertEqual(bill.partner_id, vendor)
        self.assertEqual((job.state, job.review_resolution, job.reviewed_by_id),
                         ("done", "posted", self.accountant))
        applied = job.suggestion_ids.filtered(lambda r: r.state == "applied")
        self.assertEqual(set(applied.mapped("key")), {"date", "vendor", "amount_total"})
        self.assertEqual(applied.applied_by_id, self.accountant)

    def test_create_the_vendor_from_the_suggestion(self):
        bill, attachment = self._bill_with_file()
        job = self.env["ocr.job"].sudo()._ocr_enqueue(
            attachment, "account.move", bill.id, self.env.company, "root", manual=True)
        result = self._result()
        result["vendor_address"] = {"street": "12 rue des Lilas", "zip": "69002", "city": "Lyon", "country": "FR"}
        self._worker_reads(job, result)
        self.start_tour(self._url(bill), "ocr_worker_create_vendor", login=self.accountant.login)
        partner = self.env["res.partner"].search([("vat", "=", "FR40303265045")])
        self.assertEqual(len(partner), 1)
        self.assertEqual((partner.street, partner.zip, partner.city, partner.country_id.code),
                         ("12 rue des Lilas", "69002", "Lyon", "FR"))
        self.assertEqual(bill.partner_id, partner)
        row = job.suggestion_ids.filtered(lambda r: r.key == "vendor")
        self.assertEqual((row.state, row.applied_by_id), ("applied", self.accountant))

    def test_field_box_highlighted_and_a_runner_up_chosen(self):
        bill, attachment = self._bill_with_file("PNG")
        job = self.env["ocr.job"].sudo()._ocr_enqueue(
            attachment, "account.move", bill.id, self.env.company, "root", manual=True)
        result = self._result()
        result["fields"]["date"]["alternatives"] = [
            {"value": "2024-05-30", "page": 1, "box": [0.62, 0.2, 0.15, 0.03]}]
        self._worker_reads(job, result)
        bill.invalidate_recordset()
        self.assertIn("ref", bill.ocr_box_data)
        self.start_tour(self._url(bill), "ocr_worker_box", login=self.accountant.login)
        self.assertEqual(str(bill.invoice_date), "2024-05-30")
        chosen = job.suggestion_ids.filtered(lambda r: r.key == "date" and r.rank == 1)
        self.assertEqual((chosen.state, chosen.applied_by_id), ("applied", self.accountant),
                         "the runner-up chosen is the accountant's correction")
        read = job.suggestion_ids.filtered(lambda r: r.key == "date" and r.rank == 0)
        self.assertEqual(read.state, "open", "the value read first stays offered")
