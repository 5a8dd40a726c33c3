# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..writeback_rules import CREATE_VENDORS_DEFAULT
from .common import OcrCase


@tagged("post_install", "-at_install")
class TestSettings(OcrCase):
    def test_settings_write_company_and_root_channel(self):
        settings = self.env["res.config.settings"].create(
            {
                "ocr_bill_mode": "off",
                "ocr_expense_mode": "auto",
                "ocr_overwrite": True,
                "ocr_write_threshold": 0.5,
                "ocr_activate_currencies": True,
                "ocr_max_attempts": 7,
                "ocr_root_channel_capacity": 9,
                "ocr_default_channel_capacity": 2,
            }
        )
        settings.execute()
        self.assertEqual(
            (self.company.ocr_bill_mode, self.company.ocr_expense_mode, self.company.ocr_overwrite,
             self.company.ocr_write_threshold, self.company.ocr_activate_currencies, self.company.ocr_max_attempts),
            ("off", "auto", True, 0.5, True, 7),
        )
        root = self.env["ocr.job.channel"].search([("name", "=", "root")])
        self.assertEqual(root.capacity, 9)
        self.assertEqual(self.env["ocr.job.channel"].create({"name": self.channel + "-d"}).capacity, 2)
        self.assertEqual(self.env["res.config.settings"].create({}).ocr_root_channel_capacity, 9)
        self.assertEqual(self._job().max_attempts, 3, "explicit value kept")
        self.assertEqual(self.Job.create({
            "attachment_id": self._attachment().id, "res_model": "ir.attachment", "res_id": 1,
        }).max_attempts, 7)

    def test_review_threshold_is_an_alias_of_the_write_threshold(self):
        # configurations that set the old name keep working: it reads and writes the write threshold
        self.company.ocr_review_threshold = 0.7
        self.assertEqual(self.company.ocr_write_threshold, 0.7)
        self.company.ocr_write_threshold = 0.95
        self.assertEqual(self.company.ocr_review_threshold, 0.95)

    def test_write_threshold_default_is_the_workers(self):
        company = self.env["res.company"].create({"name": "OCR default threshold"})
        self.assertEqual(company.ocr_write_threshold, 0.99)
        self.assertFalse(company.ocr_activate_currencies)
        self.assertEqual(company.ocr_create_vendors, CREATE_VENDORS_DEFAULT, "the worker's CREATE_VENDORS default")

    def test_create_vendors_setting_and_the_worker_user_may_create_the_vendor(self):
        settings = self.env["res.config.settings"].create({"ocr_create_vendors": False})
        settings.execute()
        self.assertFalse(self.company.ocr_create_vendors)
        # what the worker creates over RPC (src/writeback/vendor-create.ts), as the worker user: a shared company
        # partner with its VAT, country and supplier rank
        belgium = self.env.ref("base.be")
        vendor = self.env["res.partner"].with_user(self.worker).create({
            "name": "OCR Test Supplier NV", "is_company": True, "vat": "BE0000000196",
            "country_id": belgium.id, "supplier_rank": 1,
            "comment": "<p>Created by OCR from a vendor bill (OCR ref odoo-ocr:1:abc)</p>",
        })
        self.assertEqual((vendor.company_type, vendor.company_id.id, vendor.supplier_rank), ("company", False, 1))
        found = self.env["res.partner"].with_user(self.worker).search([("comment", "ilike", "odoo-ocr:1:abc")])
        self.assertEqual(found, vendor, "a retry finds it by the document's key")

    def test_bad_settings(self):
        with self.assertRaises(ValidationError):
            self.company.ocr_write_threshold = 1.5
        with self.assertRaises(ValidationError):
            self.company.ocr_review_threshold = 1.5
        with self.assertRaises(ValidationError):
            self.company.ocr_max_attempts = 0

    def test_channel_names(self):
        with self.assertRaises(ValidationError):
            self.env["ocr.job.channel"].create({"name": " padded "})

    def test_sql_constraints(self):
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["ocr.job.channel"].create({"name": self.channel})
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["ocr.job.channel"].create({"name": self.channel + "-neg", "capacity": -1})
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._job(max_attempts=0)
