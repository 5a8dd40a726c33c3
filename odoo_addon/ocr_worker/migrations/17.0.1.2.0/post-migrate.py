# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ocr_review_threshold became a deprecated alias of ocr_write_threshold (one write policy with the worker's
WRITE_THRESHOLD). A threshold a company had set by hand is kept as its write threshold; the old default (0.8, a
threshold on uncalibrated scores) gives way to the new measured default."""

OLD_DEFAULT = 0.8


def migrate(cr, version):
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'res_company' AND column_name = 'ocr_review_threshold'"
    )
    if not cr.fetchone():
        return
    cr.execute(
        "UPDATE res_company SET ocr_write_threshold = ocr_review_threshold "
        "WHERE ocr_review_threshold IS NOT NULL AND ocr_review_threshold != %s",
        (OLD_DEFAULT,),
    )
