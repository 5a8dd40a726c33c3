# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.ocr_worker.tests.common import OcrCase


@tagged("post_install", "-at_install")
class TestDeliveryNotes(OcrCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls.env["res.partner"].create({"name": "OCR Test Supplier"})
        cls.product = cls.env["product.product"].create({"name": "OCR Test Screw", "type": "product", "purchase_ok": True})
        cls.order = cls.env["purchase.order"].create({
            "partner_id": cls.vendor.id,
            "order_line": [(0, 0, {"product_id": cls.product.id, "product_qty": 10, "price_unit": 1})],
        })
        cls.order.button_confirm()
        cls.receipt = cls.order.picking_ids[:1]

    def _complete(self, job, lease, values):
        return self.WorkerJob.complete(job_id=job.id, token=lease["token"], result={"fields": {}}, values=values)

    def test_a_delivery_note_on_its_receipt_posts_the_comparison_and_writes_nothing_by_default(self):
        attachment = self._attachment(res_model="stock.picking", res_id=self.receipt.id)
        job = self._job(attachment)
        lease = self._claim_one(job)
        move = self.receipt.move_ids[:1]
        before = move.quantity
        self._complete(job, lease, {"note": "<p>OCR: Delivery note — OCR Test Screw: less than expected (−2)</p>", "needs_review": True,
                                    "review_reasons": ["OCR Test Screw: less than expected (−2)"],
                                    "move_quantities": [{"move_id": move.id, "quantity": 8}]})
        self.assertEqual(job.state, "review")
        self.assertEqual(move.quantity, before, "done quantities are the company's choice (off by default)")
        self.assertNotEqual(self.receipt.state, "done")
        self.assertEqual(len(self._messages(self.receipt)), 1)

    def test_with_the_setting_an_inbox_note_is_filed_on_its_receipt_and_quantities_written_never_validated(self):
        self.company.ocr_delivery_write_done = True
        job = self._job()
        lease = self._claim_one(job)
        move = self.receipt.move_ids[:1]
        answer = self._complete(job, lease, {"note": "<p>OCR: Delivery note</p>", "attach_to": {"res_model": "stock.picking", "res_id": self.receipt.id},
                                             "move_quantities": [{"move_id": move.id, "quantity": 8}]})
        self.assertEqual((answer["res_model"], answer["res_id"]), ("stock.picking", self.receipt.id))
        self.assertEqual((job.attachment_id.res_model, job.attachment_id.res_id), ("stock.picking", self.receipt.id))
        self.assertEqual(move.quantity, 8)
        self.assertNotIn(self.receipt.state, ("done", "cancel"), "never validated")
        self.assertEqual(len(self._messages(self.receipt)), 1)

    def test_an_inbox_document_is_filed_only_on_a_receipt(self):
        for attach_to in ({"res_model": "purchase.order", "res_id": self.order.id}, {"res_model": "res.partner", "res_id": self.vendor.id}):
            job = self._job()
            lease = self._claim_one(job)
            with self.subTest(model=attach_to["res_model"]), self.assertRaises(UserError):
                self._complete(job, lease, {"attach_to": attach_to})

    def test_worker_rights_on_receipts_and_orders_are_the_least_it_needs(self):
        receipt = self.receipt.with_user(self.worker)
        receipt.read(["state", "move_ids", "purchase_id"])
        self.order.with_user(self.worker).read(["name", "order_line", "picking_ids"])
        # (Billing, which the worker has for bills, already lets it write purchase orders and create transfers: Odoo
        # links bills to orders that way; nothing here adds to it)
        with self.assertRaises(AccessError):
            self.env["purchase.order"].with_user(self.worker).create({"partner_id": self.vendor.id})
        with self.assertRaises(AccessError):
            self.order.with_user(self.worker).unlink()
        with self.assertRaises(AccessError):
            self.order.order_line.with_user(self.worker).unlink()
        with self.assertRaises(AccessError):
            receipt.unlink()
        with self.assertRaises(AccessError):
            receipt.move_ids[:1].unlink()
