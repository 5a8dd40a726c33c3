# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OCR Worker: Delivery Notes",
    "summary": "Suppliers' delivery notes read by the OCR worker are compared with the purchase order on the receipt",
    "version": "17.0.1.0.0",
    "category": "Inventory/Inventory",
    "author": "odoo-ocr-worker contributors",
    "license": "AGPL-3",
    "depends": ["ocr_worker", "purchase_stock"],
    "auto_install": True,
    "installable": True,
    "data": [
        "security/ir.model.access.csv",
        "views/stock_picking_views.xml",
    ],
}
