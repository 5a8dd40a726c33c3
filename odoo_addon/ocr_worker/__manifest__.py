# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OCR Worker Job Channel",
    "summary": "Lease OCR jobs to external workers and write their results back "
    "to vendor bills and expenses",
    "version": "17.0.1.4.0",
    "category": "Accounting/Accounting",
    "author": "odoo-ocr-worker contributors",
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["account", "hr_expense", "mail", "bus"],
    "data": [
        "security/ocr_worker_security.xml",
        "security/ir.model.access.csv",
        "security/ocr_worker_access_ui.xml",
        "data/ocr_job_channel_data.xml",
        "data/ir_cron_data.xml",
        "data/ir_actions_server_data.xml",
        "views/ocr_job_views.xml",
        "views/ocr_job_channel_views.xml",
        "views/account_move_views.xml",
        "views/hr_expense_views.xml",
        "views/res_config_settings_views.xml",
        "views/ocr_worker_menus.xml",
        "views/ocr_vendor_profile_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "ocr_worker/static/src/**/*",
        ],
        "web.assets_tests": [
            "ocr_worker/static/tests/tours/**/*",
        ],
    },
}
