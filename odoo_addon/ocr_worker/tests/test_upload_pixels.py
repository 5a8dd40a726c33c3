# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

from odoo.tests import tagged

from .common import OcrCase

try:
    from PIL import Image
except ImportError:  # Odoo itself needs Pillow
    Image = None


def _tall_photo():
    """A JPEG taller than Odoo's 1920 px resize bound, as a phone photo of a till strip is."""
    buffer = io.BytesIO()
    Image.new("RGB", (800, 2600), "white").save(buffer, format="JPEG")
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestUploadPixels(OcrCase):
    def _stored_size(self, res_model, res_id=0, res_field=False):
        attachment = self.env["ir.attachment"].create({
            "name": "receipt.jpg", "datas": base64.b64encode(_tall_photo()), "res_model": res_model, "res_id": res_id,
            "res_field": res_field,
        })
        return Image.open(io.BytesIO(attachment.raw)).size

    def test_receipt_uploaded_as_expense_keeps_its_pixels(self):
        self.assertEqual(self._stored_size("hr.expense"), (800, 2600))

    def test_bill_uploaded_through_the_journal_keeps_its_pixels(self):
        journal = self.env["account.journal"].search([("type", "=", "purchase")], limit=1)
        self.assertEqual(self._stored_size("account.journal", journal.id), (800, 2600))

    def test_bill_uploaded_through_invoicing_upload_keeps_its_pixels(self):
        """The Upload button creates the file bare, under the bill's move type (and the journal's, from its card)."""
        journal = self.env["account.journal"].search([("type", "=", "purchase")], limit=1)
        for context in ({"default_move_type": "in_invoice"}, {"default_journal_id": journal.id, "default_move_type": "in_invoice"}):
            attachment = self.env["ir.attachment"].with_context(**context).create({
                "name": "bill.jpg", "datas": base64.b64encode(_tall_photo()), "mimetype": "image/jpeg",
            })
            self.assertEqual(Image.open(io.BytesIO(attachment.raw)).size, (800, 2600))

    def test_a_bare_file_outside_an_upload_is_shrunk_as_odoo_does(self):
        attachment = self.env["ir.attachment"].create({"name": "logo.jpg", "datas": base64.b64encode(_tall_photo())})
        self.assertEqual(max(Image.open(io.BytesIO(attachment.raw)).size), 1920)

    def test_a_bare_file_under_a_bank_journal_or_a_customer_invoice_is_shrunk_as_odoo_does(self):
        bank = self.env["account.journal"].search([("type", "=", "bank")], limit=1)
        for context in ({"default_journal_id": bank.id}, {"default_move_type": "out_invoice"}, {"default_move_type": "entry"}):
            attachment = self.env["ir.attachment"].with_context(**context).create({
                "name": "photo.jpg", "datas": base64.b64encode(_tall_photo()), "mimetype": "image/jpeg",
            })
            self.assertEqual(max(Image.open(io.BytesIO(attachment.raw)).size), 1920, context)

    def test_a_write_under_a_bill_context_is_shrunk_as_odoo_does(self):
        attachment = self.env["ir.attachment"].create({"name": "logo.jpg", "datas": base64.b64encode(b"x")})
        attachment.with_context(default_move_type="in_invoice").write({"datas": base64.b64encode(_tall_photo())})
        self.assertEqual(max(Image.open(io.BytesIO(attachment.raw)).size), 1920)

    def test_other_images_are_shrunk_as_odoo_does(self):
        self.assertEqual(max(self._stored_size("res.partner", self.partner.id)), 1920)

    def test_an_image_field_of_those_records_is_shrunk_as_odoo_does(self):
        self.assertEqual(max(self._stored_size("hr.expense", res_field="image_1920")), 1920)
