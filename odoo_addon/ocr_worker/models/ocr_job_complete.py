# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Completion of OCR jobs: the complete RPC method and the write-back.

The write-back and the job's state change share one transaction, so a retried call
can never create a second bill or post a second note.
"""
import json
import logging

from markupsafe import Markup

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import html_sanitize

from .ocr_job import FINISHED_STATES, LOST, PROTECTED_FIELDS, PURCHASE_MOVE_TYPES

_logger = logging.getLogger(__name__)

# A scan result holds the document's text; a few MB is already a very long document.
MAX_RESULT_CHARS = 10_000_000


class OcrJobComplete(models.Model):
    _inherit = "ocr.job"

    @api.model
    def complete(self, job_id, token, result, values, renew=None, lease_seconds=300, claim=None):
        """Store a result and write it back to the target, in this one transaction.

        A repeated call for a finished job changes nothing and answers the same.
        A token that no longer holds the job gives ``{"state": "lost"}``.
        17.0.1.4.0: ``renew``, other leases of the worker to extend as heartbeat does (the answer then says which
        are still held, ``held``); ``claim``, the keyword arguments of a claim made after this job is finished (the
        answer then carries its leases, ``claimed``): a busy worker needs no claim call of its own.
        """
        self._ocr_check_worker()
        if claim is not None and not isinstance(claim, dict):
            raise UserError(_("claim must be an object of claim() arguments."))
        answer = self._ocr_complete(job_id, token, result, values)
        if renew:
            answer["held"] = self._ocr_renew(renew, lease_seconds)
        if claim is not None:
            # the claim riding on the call never costs the result: refused, it claims nothing
            try:
                with self.env.cr.savepoint():
                    answer["claimed"] = self.claim(**claim)
            except (UserError, TypeError) as exc:
                _logger.warning("OCR job %s: the claim sent with complete was refused: %s", job_id, exc)
                answer["claimed"] = []
        return answer

    @api.model
    def _ocr_complete(self, job_id, token, result, values):
        job = self._ocr_lock_job(job_id)
        if not job or not job._ocr_token_matches(token):
            return {"state": LOST, "res_model": None, "res_id": None, "created": False}
        if job.state in FINISHED_STATES:
            return job._ocr_complete_answer()
        if job.state != "running":
            return {"state": LOST, "res_model": None, "res_id": None, "created": False}
        values = self._ocr_check_values(values)
        if isinstance(result, str):
            try:
                result = json.loads(result)
            except ValueError as exc:
                raise UserError(_("result is not valid JSON: %s", exc)) from exc
        if result is not None and not isinstance(result, (dict, list)):
            raise UserError(_("result must be a JSON object."))
        if result is not None and len(json.dumps(result)) > MAX_RESULT_CHARS:
            raise UserError(_("result is larger than %s characters.", MAX_RESULT_CHARS))
        job._ocr_apply(result, values)
        return job._ocr_complete_answer()

    def _ocr_complete_answer(self):
        return {
            "state": self.state,
            "res_model": self.res_model,
            "res_id": self.res_id or None,
            "created": bool(self.created_record),
        }

    # ------------------------------------------------------------------
    # Write-back
    # ------------------------------------------------------------------

    @api.model
    def _ocr_check_values(self, values):
        if values is None or values is False:
            values = {}
        if not isinstance(values, dict):
            raise UserError(_("values must be an object."))
        unknown = set(values) - {
            "write", "create_move", "note", "needs_review", "review_reasons",
            "doc_type", "confidence", "duration_ms", "activate_currency_ids",
            "create_order", "attach_to", "move_quantities",
        }
        if unknown:
            raise UserError(_("Unknown keys in values: %s", ", ".join(sorted(unknown))))
        if not isinstance(values.get("write") or {}, dict):
            raise UserError(_("values.write must be an object."))
        if not isinstance(values.get("create_move") or {}, dict):
            raise UserError(_("values.create_move must be an object or null."))
        if not isinstance(values.get("note") or "", str):
            raise UserError(_("values.note must be an HTML string."))
        reasons = values.get("review_reasons") or []
        if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
            raise UserError(_("values.review_reasons must be a list of strings."))
        confidence = values.get("confidence")
        if confidence is not None and (
            isinstance(confidence, bool) or not isinstance(confidence, (int, float))
            or not 0 <= confidence <= 1
        ):
            raise UserError(_("values.confidence must be a number between 0 and 1."))
        duration = values.get("duration_ms")
        if duration is not None and (
            isinstance(duration, bool) or not isinstance(duration, int) or duration < 0
        ):
            raise UserError(_("values.duration_ms must be a non-negative integer."))
        currency_ids = values.get("activate_currency_ids") or []
        if not isinstance(currency_ids, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in currency_ids
        ):
            raise UserError(_("values.activate_currency_ids must be a list of record ids."))
        if not isinstance(values.get("create_order") or {}, dict):
            raise UserError(_("values.create_order must be an object or null."))
        attach_to = values.get("attach_to")
        if attach_to and not (
            isinstance(attach_to, dict) and isinstance(attach_to.get("res_model"), str)
            and isinstance(attach_to.get("res_id"), int) and not isinstance(attach_to.get("res_id"), bool)
        ):
            raise UserError(_("values.attach_to must be {res_model, res_id} or null."))
        moves = values.get("move_quantities") or []
        if not isinstance(moves, list) or not all(
            isinstance(m, dict) and isinstance(m.get("move_id"), int) and not isinstance(m.get("move_id"), bool)
            and isinstance(m.get("quantity"), (int, float)) and not isinstance(m.get("quantity"), bool)
            and m["quantity"] >= 0
            for m in moves
        ):
            raise UserError(_("values.move_quantities must be a list of {move_id, quantity >= 0}."))
        doc_type = values.get("doc_type")
        if doc_type is not None and not isinstance(doc_type, str):
            raise UserError(_("values.doc_type must be a string."))
        return values

    def _ocr_activate_currencies(self, currency_ids):
        """Activates the document's currency when the company allows it (Settings > OCR); activating a
        currency is an accounting decision the company took by turning the setting on, so it is done with
        elevated rights, limited to the `active` flag of the currencies named."""
        if not currency_ids or not self.company_id.ocr_activate_currencies:
            return
        currencies = self.env["res.currency"].sudo().with_context(active_test=False).browse(currency_ids).exists()
        currencies.filtered(lambda c: not c.active).write({"active": True})

    @api.model
    def _ocr_writable_models(self):
        """Models a job's values are written to; the Sales and Inventory bridges add theirs."""
        return ("account.move", "hr.expense")

    @api.model
    def _ocr_filing_models(self):
        """Models an inbox document that is not a bill may be filed on (values.attach_to); bridges add theirs."""
        return ()

    def _ocr_target(self):
        """The target record, or an empty recordset if it is a bare attachment/gone."""
        self.ensure_one()
        if self.res_model in self._ocr_writable_models() and self.res_id and self.res_model in self.env:
            return self.env[self.res_model].browse(self.res_id).exists()
        return None

    def _ocr_create_order(self, create_vals):
        """A draft quotation from a customer's order (ocr_worker_sale); without Sales there is none to make."""
        raise UserError(_("values.create_order needs the Sales bridge (ocr_worker_sale) installed."))

    def _ocr_file_on(self, attach_to):
        """The record an inbox document is filed on (a delivery note's receipt), its file moved there."""
        self.ensure_one()
        model = attach_to["res_model"]
        if model not in self._ocr_filing_models() or model not in self.env:
            raise UserError(_("values.attach_to may not name %s.", model))
        record = self.env[model].browse(attach_to["res_id"]).exists()
        if not record:
            return record
        if "company_id" in record._fields and record.company_id and record.company_id != self.company_id:
            raise UserError(_("values.attach_to must be a record of the job's company."))
        self.attachment_id.sudo().write({"res_model": model, "res_id": record.id})
        return record

    def _ocr_is_bare(self):
        return self.res_model == "ir.attachment" or not self.res_id

    def _ocr_apply(self, result, values):
        """Write back ``values`` as the calling worker user, then finish the job."""
        self.ensure_one()
        company = self.company_id
        reasons = [r.strip() for r in values.get("review_reasons") or [] if r.strip()]
        needs_review = bool(values.get("needs_review"))
        confidence = values.get("confidence")
        # The write policy's review rule, with the company's write threshold: the job's confidence is its weakest
        # key field (bills: total, date, vendor; expenses: total, date), so a key field not written is a review.
        threshold = company.ocr_write_threshold
        if confidence is not None and threshold and confidence < threshold:
            needs_review = True
            reasons.append(
                _("Confidence %(confidence)s%% is below the write threshold of %(threshold)s%%.",
                  confidence=round(confidence * 100), threshold=round(threshold * 100))
            )
        self._ocr_activate_currencies(values.get("activate_currency_ids") or [])
        # The write-back runs with the worker user's own rights (not sudo): the
        # worker account decides what may be touched, Odoo's rules apply as usual.
        env = self.env(
            context=dict(
                self.env.context,
                allowed_company_ids=[company.id],
                ocr_worker_skip_enqueue=True,
            ),
            su=False,
        )
        job_vals = {}
        target = None
        if self._ocr_is_bare():
            create_vals = values.get("create_move")
            order_vals = values.get("create_order")
            if create_vals:
                target = self.with_env(env)._ocr_create_move(create_vals)
                job_vals.update(res_model="account.move", res_id=target.id, created_record=True)
            elif order_vals:
                target = self.with_env(env)._ocr_create_order(order_vals)
                job_vals.update(res_model=target._name, res_id=target.id, created_record=True)
            elif values.get("attach_to"):
                target = self.with_env(env)._ocr_file_on(values["attach_to"])
                if target:
                    job_vals.update(res_model=target._name, res_id=target.id)
        else:
            target = self.with_env(env)._ocr_target()
            if not target:
                needs_review = True
                reasons.append(_("The target record no longer exists; nothing was written."))
        if target:
            kept = target._ocr_write_back(
                values.get("write") or {}, self.attachment_id, company.ocr_overwrite
            ) if hasattr(target, "_ocr_write_back") else []
            reasons += kept
            # a delivery note's received quantities, only where the company asks for it (Settings > OCR)
            if values.get("move_quantities") and company.ocr_delivery_write_done and hasattr(target, "_ocr_write_done_quantities"):
                target._ocr_write_done_quantities(values["move_quantities"])
            note = values.get("note")
            if note:
                # What the write-back could not do is said where people read it, not only on the job.
                # (translated here: _() inside the generator below finds no `self` for the language)
                not_written = _("Not written:")
                note += "".join(str(Markup("<p><b>%s</b> %s</p>") % (not_written, reason)) for reason in kept)
                self._ocr_post_note(target, note)
        needs_review = needs_review or bool(reasons)
        job_vals.update(
            state="review" if needs_review else "done",
            result=result,
            doc_type=values.get("doc_type") or False,
            confidence=confidence if confidence is not None else False,
            duration_ms=values.get("duration_ms") or 0,
            review_reasons="\n".join(reasons) or False,
            error=False,
            done_at=self._ocr_now(),
            **self._ocr_clear_lease_vals(keep_token=True),
        )
        self.write(job_vals)
        _logger.info("OCR job %s completed -> %s", self.id, self.state)

    def _ocr_post_note(self, target, note):
        """Post the worker's note as an internal note, authored by the worker user.

        A technical user often has no email address, which message_post refuses
        for an author; the company's (or OdooBot's) address stands in for it.
        """
        author = self.env.user.partner_id
        email_from = (
            author.email_formatted
            or self.company_id.partner_id.email_formatted
            or self.env.ref("base.partner_root").sudo().email_formatted
        )
        target.message_post(
            body=Markup(html_sanitize(note)),
            subtype_xmlid="mail.mt_note",
            message_type="comment",
            author_id=author.id,
            email_from=email_from,
        )

    def _ocr_create_move(self, create_vals):
        """Create the draft bill/refund for a bare attachment and attach the file to it."""
        self.ensure_one()
        vals = dict(create_vals)
        move_type = vals.get("move_type")
        if move_type not in PURCHASE_MOVE_TYPES:
            raise UserError(
                _("values.create_move.move_type must be one of %s.", ", ".join(PURCHASE_MOVE_TYPES))
            )
        # The worker names the company it prepared the bill for; it must be the job's own (the bill is created in
        # that company below), never another one.
        if "company_id" in vals:
            if vals.pop("company_id") != self.company_id.id:
                raise UserError(_("values.create_move.company_id must be the job's company."))
        protected = (set(vals) & PROTECTED_FIELDS) - {"move_type"}
        if protected:
            raise UserError(_("values.create_move may not set %s.", ", ".join(sorted(protected))))
        unknown = set(vals) - set(self.env["account.move"]._fields)
        if unknown:
            raise UserError(_("account.move has no field %s.", ", ".join(sorted(unknown))))
        move = (
            self.env["account.move"]
            .with_company(self.company_id)
            .with_context(default_move_type=move_type)
            .create(vals)
        )
        attachment = self.attachment_id.sudo()
        attachment.write({"res_model": "account.move", "res_id": move.id})
        move.sudo().message_main_attachment_id = attachment.id
        return move
