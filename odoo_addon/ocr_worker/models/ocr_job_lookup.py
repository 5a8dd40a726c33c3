# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""ocr.job.lookup: the write-back's searches for one job, in one call.

The worker decides everything (which vendor, which bank account, what is a duplicate); it only needs rows from
Odoo to decide with. Instead of one RPC per search it sends the searches it will need, and this runs each as a
plain ``search_read`` with the worker user's own rights (never sudo), so the answer is exactly what the separate
calls would have given. A search may take the ids of a field from an earlier search's rows (``from``), so that
two-step lookups (bank account -> holder, file -> bill) also fit in the one call. No rule lives here.
"""
from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from .ocr_job import LOST

MAX_QUERIES = 40
MAX_ROWS = 500
# What the write-back reads; nothing else is searched through this call. The purchase orders a bill is billed
# against are searched only where purchase is installed (a model this database lacks is refused like any other).
LOOKUP_MODELS = {
    "account.move", "account.journal", "account.tax", "hr.expense", "ir.attachment", "purchase.order",
    "purchase.order.line", "res.company", "res.currency", "res.partner", "res.partner.bank",
}
# The context keys the write-back sets on its searches.
LOOKUP_CONTEXT_KEYS = {"allowed_company_ids", "active_test"}


def _ids_of(rows, field):
    """The distinct record ids ``field`` holds across ``rows`` ([id, name] or a bare id), in row order."""
    ids = []
    for row in rows:
        value = row.get(field)
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], int):
            value = value[0]
        if isinstance(value, int) and not isinstance(value, bool) and value > 0 and value not in ids:
            ids.append(value)
    return ids


class OcrJobLookup(models.Model):
    _inherit = "ocr.job"

    @api.model
    def lookup(self, job_id, token, queries, renew=None, lease_seconds=300):
        """Run the worker's searches for a job it holds.

        ``queries``: a list of ``{model, domain, opts: {fields, limit, offset, order, context}, from?: {query,
        field, as}}``. Answers ``{"state": "running", "results": [...]}`` with the rows of each search in order,
        or ``{"error": message}`` for one the worker user may not make. A token that no longer holds the job gives
        ``{"state": "lost"}``. ``renew``/``lease_seconds``: as complete's.
        """
        self._ocr_check_worker()
        if isinstance(job_id, bool) or not isinstance(job_id, int):
            raise UserError(_("job_id must be an integer, got %(value)r.", value=job_id))
        job = self.sudo().browse(job_id).exists()
        if (
            not job
            or job.state != "running"
            or (job.company_id not in self.env.user.company_ids and not self.env.su)
            or not job._ocr_token_matches(token)
        ):
            return {"state": LOST}
        if not isinstance(queries, list) or len(queries) > MAX_QUERIES:
            raise UserError(_("queries must be a list of at most %s searches.", MAX_QUERIES))
        results = []
        for index, query in enumerate(queries):
            results.append(self._ocr_lookup_one(index, query, results))
        answer = {"state": "running", "results": results}
        if renew:
            # other leases of the worker, extended as heartbeat does (see complete)
            answer["held"] = self._ocr_renew(renew, lease_seconds)
        return answer

    @api.model
    def _ocr_lookup_one(self, index, query, results):
        if not isinstance(query, dict):
            raise UserError(_("Each query must be an object."))
        model = query.get("model")
        if model not in LOOKUP_MODELS or model not in self.env:
            raise UserError(_("The OCR lookup does not search %s.", model))
        domain = query.get("domain") or []
        opts = query.get("opts") or {}
        if not isinstance(domain, list) or not isinstance(opts, dict):
            raise UserError(_("A query's domain must be a list and its opts an object."))
        source = query.get("from")
        if source:
            earlier = source.get("query") if isinstance(source, dict) else None
            if not isinstance(earlier, int) or isinstance(earlier, bool) or not 0 <= earlier < index:
                raise UserError(_("A query can only take ids from an earlier query."))
            rows = results[earlier]
            if not isinstance(rows, list):
                return {"error": _("the query it depends on failed")}
            ids = _ids_of(rows, source.get("field"))
            if not ids:
                return []
            domain = [(source.get("as") or "id", "in", ids)] + domain
        limit = opts.get("limit")
        if not isinstance(limit, int) or isinstance(limit, bool) or not 0 < limit <= MAX_ROWS:
            limit = MAX_ROWS
        context = {k: v for k, v in (opts.get("context") or {}).items() if k in LOOKUP_CONTEXT_KEYS}
        # The worker user's own rights, as its separate search_read calls would have.
        records = self.env(su=False)[model].with_context(**context)
        try:
            return records.search_read(
                domain=domain, fields=opts.get("fields") or None, offset=opts.get("offset") or 0,
                limit=limit, order=opts.get("order") or None,
            )
        except AccessError as exc:
            return {"error": str(exc)}
