# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.ocr_worker.tests.common import OcrCase


@tagged("post_install", "-at_install")
class TestCustomerOrders(OcrCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "OCR Test Customer"})
        cls.product = cls.env["product.product"].create({"name": "OCR Test Chair", "default_code": "OCR-CH", "sale_ok": True, "list_price": 10})

    def _order_vals(self, **extra):
        vals = {
            "partner_id": self.customer.id,
            "client_order_ref": "PO-4711",
            "origin": "OCR attachment 1",
            "order_line": [
                [0, 0, {"product_id": self.product.id, "name": "OCR Test Chair", "product_uom_qty": 3, "price_unit": 9.5}],
                [0, 0, {"display_type": "line_note", "name": "Not matched: [X-1] Desk × 2"}],
            ],
        }
        vals.update(extra)
        return vals

    def _complete(self, job, lease, values):
        return self.WorkerJob.complete(job_id=job.id, token=lease["token"], result={"fields": {}}, values=values)

    def test_inbox_order_becomes_one_draft_quotation(self):
        job = self._job()
        lease = self._claim_one(job)
        values = {"create_order": self._order_vals(), "note": "<p>Customer order PO-4711</p>", "needs_review": True,
                  "review_reasons": ["1 of 2 lines not matched to a product: kept as note lines"], "doc_type": "purchase_order"}
        answer = self._complete(job, lease, values)
        self.assertEqual(answer["res_model"], "sale.order")
        self.assertTrue(answer["created"])
        order = self.env["sale.order"].browse(answer["res_id"])
        self.assertEqual(order.state, "draft", "never confirmed")
        self.assertEqual((order.partner_id, order.client_order_ref), (self.customer, "PO-4711"))
        product_line = order.order_line.filtered(lambda l: not l.display_type)
        self.assertEqual((product_line.product_id, product_line.product_uom_qty, product_line.price_unit), (self.product, 3, 9.5))
        self.assertEqual(order.order_line.filtered("display_type").display_type, "line_note")
        self.assertEqual((job.attachment_id.res_model, job.attachment_id.res_id), ("sale.order", order.id))
        self.assertEqual(job.state, "review")
        self.assertEqual(len(self._messages(order)), 1)
        # a repeated completion (a worker retrying after a lost answer) changes nothing
        self.assertEqual(self._complete(job, lease, values)["res_id"], order.id)
        self.assertEqual(self.env["sale.order"].search_count([("origin", "=", "OCR attachment 1")]), 1)

    def test_a_quotation_is_never_confirmed_nor_given_what_a_salesperson_decides(self):
        for extra in ({"state": "sale"}, {"pricelist_id": 1}, {"user_id": self.worker.id}):
            job = self._job()
            lease = self._claim_one(job)
            with self.subTest(extra=extra), self.assertRaises(UserError):
                self._complete(job, lease, {"create_order": self._order_vals(**extra)})
        job = self._job()
        lease = self._claim_one(job)
        bad_line = self._order_vals(order_line=[[0, 0, {"product_id": self.product.id, "qty_delivered": 5}]])
        with self.assertRaises(UserError):
            self._complete(job, lease, {"create_order": bad_line})
        other = self.env["res.company"].create({"name": "OCR Other Co"})
        job = self._job()
        lease = self._claim_one(job)
        with self.assertRaises(UserError):
            self._complete(job, lease, {"create_order": self._order_vals(company_id=other.id)})

    def test_digitize_fills_an_empty_quotation_and_leaves_a_confirmed_one(self):
        quotation = self.env["sale.order"].create({"partner_id": self.customer.id})
        attachment = self._attachment(res_model="sale.order", res_id=quotation.id)
        quotation.with_user(self.ocr_manager).sudo().action_ocr_digitize()
        job = self.Job.search([("attachment_id", "=", attachment.id)])
        self.assertEqual((job.res_model, job.res_id), ("sale.order", quotation.id))
        lease = self._claim_one(job)
        self._complete(job, lease, {"write": {"client_order_ref": "PO-9", "order_line": self._order_vals()["order_line"]}, "note": "<p>x</p>"})
        self.assertEqual(quotation.client_order_ref, "PO-9")
        self.assertEqual(len(quotation.order_line), 2)
        self.assertEqual(quotation.state, "draft")
        quotation.action_confirm()
        self.assertFalse(quotation.ocr_can_digitize, "a confirmed order is not digitized")

    def test_worker_rights_on_sales_are_the_least_it_needs(self):
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        as_worker = order.with_user(self.worker)
        as_worker.read(["state", "order_line"])  # reads and fills quotations
        with self.assertRaises(AccessError):
            as_worker.unlink()
        with self.assertRaises(AccessError):
            as_worker.order_line.unlink() if as_worker.order_line else self.env["sale.order.line"].with_user(self.worker).browse(
                self.env["sale.order.line"].create({"order_id": order.id, "product_id": self.product.id}).id).unlink()
        with self.assertRaises(AccessError):
            self.env["product.product"].with_user(self.worker).create({"name": "not the worker's to create"})
        with self.assertRaises(AccessError):
            self.customer.with_user(self.worker).unlink()
