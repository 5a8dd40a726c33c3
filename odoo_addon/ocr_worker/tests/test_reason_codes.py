# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The worker's review reasons sent as codes (values.review_codes) are said by the addon
with Odoo's translations; the English sentences stay for an addon that does not know them."""
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OcrCase
from .test_review import RESULT

REASONS = [
    "Not written, read with less than 97 % confidence: Vendor 63 %, Date 55 %",
    "due date 2024-04-01 is before the invoice date 2024-05-03: not written",
    "IBAN DE89 is not a bank account of the vendor in Odoo: not created",
]
CODES = [
    {"code": "not_written_low_confidence",
     "params": {"threshold": 0.97, "fields": [{"field": "vendor_name", "confidence": 0.63},
                                              {"field": "date", "confidence": 0.55}]}},
    {"code": "due_before_date", "params": {"due": "2024-04-01", "date": "2024-05-03"}},
    {"code": "text", "params": {"text": REASONS[2]}},
]


@tagged("post_install", "-at_install")
class TestReasonCodes(OcrCase):
    def _complete(self, values):
        bill = self._bill()
        attachment = self._attachment(name="bill.pdf", res_model="account.move", res_id=bill.id)
        job = self._job(attachment)
        lease = self._claim_one(job)
        base = {"write": {}, "needs_review": True, "doc_type": "invoice", "confidence": 0.55}
        self.WorkerJob.complete(job_id=job.id, token=lease["token"], result=RESULT, values=dict(base, **values))
        bill.invalidate_recordset()
        return bill, job

    def test_hello_tells_the_worker_that_codes_are_accepted(self):
        worker = self.env["ocr.worker.presence"].with_user(self.worker)
        self.assertIn("review_codes", worker.hello(worker_id="host-1:42", version="1.0")["accepts"])

    def test_codes_are_said_in_words_then_the_addons_own_reasons(self):
        self.env.company.ocr_write_threshold = 0.97
        bill, job = self._complete({"review_reasons": REASONS, "review_codes": CODES})
        self.assertEqual(job.review_codes, CODES)
        lines = job.with_context(lang="en_US")._ocr_review_lines()
        self.assertEqual(lines[0], "Not written, read with less than 97 % confidence: Vendor 63 %, Date 55 %")
        self.assertEqual(lines[1], "Due date 04/01/2024 is before the bill date 05/03/2024: not written",
                         "dates in the reader's format")
        self.assertEqual(lines[2], REASONS[2], "a reason without a code of its own is the worker's text")
        self.assertIn("below the write threshold", lines[3], "the addon's own reason follows")
        self.assertIn("Due date 04/01/2024", bill.ocr_banner_html)
        self.assertEqual(job.review_text.splitlines(), lines)

    def test_a_worker_without_codes_is_shown_as_before(self):
        bill, job = self._complete({"review_reasons": REASONS})
        self.assertFalse(job.review_codes)
        self.assertEqual(job._ocr_review_lines()[:3], REASONS)

    def test_codes_must_match_the_reasons(self):
        for codes in (CODES[:2], "x", [{"code": 7}], [{"code": "text", "params": []}] * 3):
            with self.assertRaises(UserError):
                self._complete({"review_reasons": REASONS, "review_codes": codes})

    def test_an_unknown_code_falls_back_to_its_text_and_a_missing_parameter_to_nothing(self):
        job = self.env["ocr.job"]
        self.assertEqual(job._ocr_reason_sentence({"code": "from_a_newer_worker", "params": {"text": "Hi"}}), "Hi")
        self.assertEqual(job._ocr_reason_sentence({"code": "field_missing", "params": {}}),
                         " not found on the document")
        self.assertEqual(job._ocr_reason_sentence({"code": "field_missing", "params": {"field": "amount_total"}}),
                         "Total not found on the document")
        self.assertEqual(job._ocr_reason_sentence({"code": "unsure_reading", "params": {"field": "doc_type", "confidence": 0.5}}),
                         "Unsure reading: Document type 50 %", "no technical name reaches the reader")
