# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OcrCase


@tagged("post_install", "-at_install")
class TestWorkerRights(OcrCase):
    """The worker's technical user creates the vendor of a bill and a payment code's bank account, and deletes neither."""

    def test_creates_and_writes_contacts_and_bank_accounts(self):
        Partner = self.env["res.partner"].with_user(self.worker)
        vendor = Partner.create({"name": "Schreinerei Holm GmbH", "vat": "DE123456788", "is_company": True})
        vendor.write({"street": "Ahornweg 4"})
        bank = self.env["res.partner.bank"].with_user(self.worker).create({"acc_number": "DE89 3704 0044 0532 0130 00", "partner_id": vendor.id})
        self.assertEqual(bank.partner_id, vendor)

    def test_deletes_no_contact_nor_bank_account(self):
        vendor = self.env["res.partner"].create({"name": "Tischlerei Berg", "is_company": True})
        bank = self.env["res.partner.bank"].create({"acc_number": "NL91 ABNA 0417 1643 00", "partner_id": vendor.id})
        with self.assertRaises(AccessError):
            bank.with_user(self.worker).unlink()
        with self.assertRaises(AccessError):
            vendor.with_user(self.worker).unlink()

    def test_changes_no_bank_account(self):
        vendor = self.env["res.partner"].create({"name": "Glaserei Lind", "is_company": True})
        other = self.env["res.partner"].create({"name": "Someone Else", "is_company": True})
        bank = self.env["res.partner.bank"].create({"acc_number": "NL91 ABNA 0417 1643 00", "partner_id": vendor.id})
        with self.assertRaises(AccessError):
            bank.with_user(self.worker).write({"acc_number": "DE89 3704 0044 0532 0130 00"})
        with self.assertRaises(AccessError):
            bank.with_user(self.worker).write({"partner_id": other.id})
        self.assertEqual((bank.acc_number, bank.partner_id), ("NL91 ABNA 0417 1643 00", vendor))

    def test_deletes_no_vendor_profile(self):
        # the worker group implies Invoicing, whose users may forget a profile: the worker may not
        vendor = self.env["res.partner"].create({"name": "Drechslerei Voss", "is_company": True})
        profile = self.env["ocr.vendor.profile"].with_user(self.worker).create({"key": "test-voss", "partner_id": vendor.id})
        with self.assertRaises(AccessError):
            profile.with_user(self.worker).unlink()
        self.assertTrue(profile.exists())

    def test_submits_and_approves_no_expense(self):
        # 19 has no expense reports: the worker's Expense group may approve an expense itself, the worker may not
        if self._has_expense_reports():
            self.skipTest("up to 18 an expense is submitted through its report (refused to the worker elsewhere)")
        expense = self._expense()
        with self.assertRaises(AccessError):
            expense.with_user(self.worker).action_submit()
        with self.assertRaises(AccessError):
            expense.with_user(self.worker).action_approve()
