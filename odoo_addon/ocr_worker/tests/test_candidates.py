# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The other values read for a field (the result's optional `alternatives`) offered on the
preview and applied as the accountant's correction; the vendor's address read (optional
`vendor_address`) prefilled in Create Vendor."""
import copy

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_review import RESULT, ReviewCase


def with_candidates(result=RESULT):
    result = copy.deepcopy(result)
    result["fields"]["date"]["alternatives"] = [
        {"value": "2024-05-30", "page": 1, "box": [0.62, 0.2, 0.15, 0.03]},
        {"value": "2024-06-02"},  # read, but not placed on the page
        {"value": "2024-05-03"},  # the value chosen itself: never offered twice
    ]
    result["fields"]["vendor_name"]["alternatives"] = [{"value": "Zone Industrielle Nord"}]
    result["vendor_address"] = {"street": "12 rue des Lilas", "zip": "69002", "city": "Lyon", "country": "fr"}
    return result


@tagged("post_install", "-at_install")
class TestCandidates(ReviewCase):
    def test_runner_ups_are_rows_of_their_own_not_in_the_suggestions_list(self):
        bill, job = self._read_bill(result=with_candidates())
        dates = job.suggestion_ids.filtered(lambda r: r.key == "date").sorted("rank")
        self.assertEqual([(r.rank, r.value) for r in dates],
                         [(0, "2024-05-03"), (1, "2024-05-30"), (2, "2024-06-02")])
        self.assertEqual((dates[1].page, dates[1].box), (1, [0.62, 0.2, 0.15, 0.03]))
        self.assertEqual((dates[2].page, dates[2].box), (0, False))
        self.assertEqual(bill.ocr_suggestion_ids.filtered(lambda r: r.key == "date"), dates[0],
                         "the list offers the value read; the others wait on the preview")

    def test_the_preview_offers_the_runner_ups_next_to_the_box(self):
        bill, job = self._read_bill(result=with_candidates())
        date = bill.ocr_box_data["invoice_date"][0]
        self.assertEqual(date["value"], "2024-05-03")
        self.assertEqual([a["value"] for a in date["alternatives"]], ["2024-05-30", "2024-06-02"])
        self.assertEqual(date["alternatives"][0]["box"], [0.62, 0.2, 0.15, 0.03])
        # a vendor name that is not in Odoo cannot be applied in one click: not offered there
        self.assertFalse(bill.ocr_box_data.get("partner_id"))

    def test_choosing_a_runner_up_is_the_accountants_correction(self):
        bill, job = self._read_bill(result=with_candidates())
        bill.write({"invoice_date": "2024-05-03"})
        other = job.suggestion_ids.filtered(lambda r: r.key == "date" and r.rank == 1)
        other.with_user(self.accountant).action_apply()
        self.assertEqual(fields.Date.to_string(bill.invoice_date), "2024-05-30")
        self.assertEqual((other.state, other.applied_by_id, other.previous_value),
                         ("applied", self.accountant, "2024-05-03"))
        bill.invalidate_recordset()
        offered = [a["value"] for a in bill.ocr_box_data["invoice_date"][0]["alternatives"]]
        self.assertEqual(offered, ["2024-06-02"], "a value chosen is not offered again")
        self.assertIn("date", bill.ocr_suggestion_ids.mapped("key"), "the value read first can be taken back")

    def test_no_runner_up_once_the_bill_is_posted(self):
        bill, job = self._read_bill(result=with_candidates())
        bill.write({"partner_id": self.partner.id, "invoice_date": "2024-05-03",
                    "invoice_line_ids": [(0, 0, {"name": "x", "quantity": 1, "price_unit": 1})]})
        bill.action_post()
        bill.invalidate_recordset()
        self.assertFalse(bill.ocr_box_data["invoice_date"][0]["alternatives"])
        with self.assertRaises(UserError):
            job.suggestion_ids.filtered(lambda r: r.rank == 1 and r.key == "date").action_apply()

    def test_a_result_without_candidates_or_with_bad_ones_is_read_as_before(self):
        result = copy.deepcopy(RESULT)
        result["fields"]["date"]["alternatives"] = ["2024-05-30", {"value": ""}, {"page": 1}]
        result["fields"]["invoice_number"]["alternatives"] = {"value": "X"}
        result["vendor_address"] = "12 rue des Lilas"
        bill, job = self._read_bill(result=result)
        self.assertFalse(job.suggestion_ids.filtered("rank"))
        vendor = job.suggestion_ids.filtered(lambda r: r.key == "vendor")
        self.assertFalse(vendor.vendor_street)

    def test_create_vendor_prefills_the_address_read(self):
        bill, job = self._read_bill(result=with_candidates())
        row = bill.ocr_suggestion_ids.filtered(lambda r: r.key == "vendor")
        action = row.with_user(self.accountant).action_create_vendor()
        context = action["context"]
        self.assertEqual(action["target"], "new", "a form to check and save, never a silent creation")
        self.assertEqual((context["default_street"], context["default_zip"], context["default_city"]),
                         ("12 rue des Lilas", "69002", "Lyon"))
        self.assertEqual(context["default_country_id"], self.env.ref("base.fr").id)

    def test_an_unknown_country_code_is_left_out(self):
        result = with_candidates()
        result["vendor_address"] = {"city": "Atlantis", "country": "QQ"}
        bill, job = self._read_bill(result=result)
        row = bill.ocr_suggestion_ids.filtered(lambda r: r.key == "vendor")
        context = row.with_user(self.accountant).action_create_vendor()["context"]
        self.assertEqual(context["default_city"], "Atlantis")
        self.assertNotIn("default_country_id", context)
        self.assertNotIn("default_street", context)
