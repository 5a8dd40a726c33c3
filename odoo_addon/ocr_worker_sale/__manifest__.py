# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OCR Worker: Customer Orders",
    "summary": "Customers' orders read by the OCR worker become draft quotations",
    "version": "17.0.1.0.0",
    "category": "Sales/Sales",
    "author": "odoo-ocr-worker contributors",
    "license": "AGPL-3",
    "depends": ["ocr_worker", "sale"],
    "auto_install": True,
    "installable": True,
    "data": [
        "security/ir.model.access.csv",
        "views/sale_order_views.xml",
    ],
}
