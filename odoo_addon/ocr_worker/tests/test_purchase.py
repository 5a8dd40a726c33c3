# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bills billed against purchase orders, where purchase is installed (skipped elsewhere: the addon does not depend
on it). The worker reads orders with the rights its group already has through Billing (purchase grants
account.group_account_invoice read and write on purchase.order and its lines); no right of its own is added. The
link itself is bill lines carrying purchase_line_id, written through ocr.job.complete with the worker's rights."""
from odoo.tests import tagged

from .common import OcrCase


@tagged("post_install", "-at_install")
class TestPurchaseOrders(OcrCase):

    def setUp(self):
        super().setUp()
        if "purchase.order" not in self.env:
            self.skipTest("purchase is not installed")
        self._purchase_journal_or_skip()
        self.product = self.env["product.product"].create(
            {"name": "OCR Test Chair", "default_code": "OCR_CHAIR", "purchase_method": "purchase"})
        # Set up as a buyer would, not by the worker: the worker never creates or confirms an order.
        self.order = self.env["purchase.order"].create({
            "partner_id": self.partner.id,
            "partner_ref": "SO-OCR-1",
            "order_line": [(0, 0, {"product_id": self.product.id, "product_qty": 4, "price_unit": 80})],
        })
        self.order.button_confirm()
        self.line = self.order.order_line

    def _lookup(self, job, lease, queries):
        return self.WorkerJob.lookup(job_id=job.id, token=lease["token"], queries=queries)

    def test_orders_and_lines_searched_with_the_workers_rights(self):
        bill = self._bill()
        job = self._job(self._attachment(res_model="account.move", res_id=bill.id))
        lease = self._claim_one(job)
        order_fields = ["id", "name", "partner_ref", "partner_id", "state", "invoice_status"]
        line_fields = ["id", "order_id", "product_id", "product_qty", "qty_received", "qty_invoiced", "qty_to_invoice", "price_unit", "taxes_id"]
        answer = self._lookup(job, lease, [
            {"model": "purchase.order", "domain": ["|", ["name", "=ilike", self.order.name], ["partner_ref", "=ilike", self.order.name]],
             "opts": {"fields": order_fields, "limit": 10}},
            {"model": "purchase.order.line", "domain": [["display_type", "=", False]], "opts": {"fields": line_fields},
             "from": {"query": 0, "field": "id", "as": "order_id"}},
        ])
        orders, lines = answer["results"]
        as_worker = self.env["purchase.order"].with_user(self.worker)
        self.assertEqual(orders, as_worker.search_read([("id", "=", self.order.id)], order_fields))
        self.assertEqual([l["id"] for l in lines], self.line.ids)
        self.assertEqual(lines[0]["qty_to_invoice"], 4)

    def test_a_bill_linked_through_complete_counts_as_billed_and_the_order_stays_as_it_was(self):
        bill = self._bill()
        job = self._job(self._attachment(res_model="account.move", res_id=bill.id))
        lease = self._claim_one(job)
        values = {
            "write": {
                "partner_id": self.partner.id, "invoice_origin": self.order.name,
                "invoice_line_ids": [(0, 0, {
                    "display_type": "product", "name": "%s: OCR Test Chair" % self.order.name, "product_id": self.product.id,
                    "product_uom_id": self.line.product_uom.id, "quantity": 3, "price_unit": 80,
                    "tax_ids": [(6, 0, self.line.taxes_id.ids)], "purchase_line_id": self.line.id,
                })],
            },
            "create_move": None, "note": "<p>linked</p>", "needs_review": False, "review_reasons": [],
            "doc_type": "invoice", "confidence": 0.99, "duration_ms": 1,
        }
        self.WorkerJob.complete(job_id=job.id, token=lease["token"], result={"source": "pdf-text"}, values=values)
        self.assertEqual(bill.invoice_line_ids.purchase_line_id, self.line)
        self.assertEqual(self.line.qty_invoiced, 3)
        self.assertEqual(self.line.qty_to_invoice, 1)
        self.assertEqual(bill.purchase_order_count, 1)
        self.assertEqual(self.order.state, "purchase")
        self.assertEqual(self.order.invoice_count, 1)
        # a repeated complete (the worker retrying a lost answer) links nothing twice
        self.WorkerJob.complete(job_id=job.id, token=lease["token"], result={"source": "pdf-text"}, values=values)
        self.assertEqual(len(bill.invoice_line_ids), 1)
        self.assertEqual(self.line.qty_invoiced, 3)
