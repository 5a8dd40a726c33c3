#!/usr/bin/env python3
"""Record real JSON-RPC exchanges of the ocr_worker API into fixtures/odoo-addon/.

Runs against a live Odoo with ocr_worker installed (see docs/addon.md). It prepares
documents as admin (not recorded), then records the worker's calls, each as
{"request": ..., "response": ...} like fixtures of the Odoo wire elsewhere. API keys
are replaced by placeholders before anything is written; nothing secret is printed.

Usage: record_wire.py --url http://127.0.0.1:8070 --db ocr_rec \
         --worker-key-file F --clerk-key-file F --out fixtures/odoo-addon
(admin's password is read from ODOO_ADMIN_PASSWORD, default "admin").
"""
import argparse
import base64
import json
import os
import sys
import urllib.request
from pathlib import Path

# The smallest valid one-page PDF: the worker never reads it here, Odoo only stores it.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class Rpc:
    def __init__(self, url, db):
        self.url = url.rstrip("/") + "/jsonrpc"
        self.db = db
        self.next_id = 1

    def raw(self, params):
        request = {"jsonrpc": "2.0", "method": "call", "params": params, "id": self.next_id}
        self.next_id += 1
        http = urllib.request.Request(
            self.url, json.dumps(request).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(http, timeout=60) as answer:
            return request, json.loads(answer.read())

    def login(self, login, password):
        _req, res = self.raw({"service": "common", "method": "login", "args": [self.db, login, password]})
        if not res.get("result"):
            sys.exit(f"login of {login} refused")
        return res["result"]

    def execute_kw(self, uid, password, model, method, args, kwargs):
        return self.raw({
            "service": "object", "method": "execute_kw",
            "args": [self.db, uid, password, model, method, args, kwargs],
        })


def result(response):
    if "error" in response:
        raise RuntimeError(response["error"]["data"]["message"])
    return response["result"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8070")
    parser.add_argument("--db", default="ocr_rec")
    parser.add_argument("--worker-key-file", required=True)
    parser.add_argument("--clerk-key-file", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    worker_key = Path(args.worker_key_file).read_text().strip()
    clerk_key = Path(args.clerk_key_file).read_text().strip()
    secrets_to_mask = {worker_key: "WORKER_API_KEY", clerk_key: "CLERK_API_KEY"}

    rpc = Rpc(args.url, args.db)
    admin_password = os.environ.get("ODOO_ADMIN_PASSWORD", "admin")
    admin = rpc.login("admin", admin_password)

    def as_admin(model, method, *call_args, **kwargs):
        return result(rpc.execute_kw(admin, admin_password, model, method, list(call_args), kwargs)[1])

    # -- documents (not recorded) -------------------------------------------
    as_admin("res.company", "write", [1], {"ocr_bill_mode": "auto", "ocr_expense_mode": "auto"})
    partner = as_admin("res.partner", "search", [("supplier_rank", ">", 0)], limit=1) or \
        as_admin("res.partner", "search", [], limit=1)
    bill = as_admin("account.move", "create", [{"move_type": "in_invoice"}])[0]
    pdf64 = base64.b64encode(PDF).decode()
    as_admin("ir.attachment", "create", [{
        "name": "bill-recording.pdf", "datas": pdf64, "mimetype": "application/pdf",
        "res_model": "account.move", "res_id": bill}])
    employee = as_admin("hr.employee", "search", [], limit=1)[0]
    product = as_admin("product.product", "search", [("can_be_expensed", "=", True)], limit=1)[0]
    expense = as_admin("hr.expense", "create", [{"name": "receipt-recording", "employee_id": employee,
                                                  "product_id": product}])[0]
    as_admin("ir.attachment", "create", [{
        "name": "receipt-recording.pdf", "datas": pdf64, "mimetype": "application/pdf",
        "res_model": "hr.expense", "res_id": expense}])
    bare = as_admin("ir.attachment", "create", [{
        "name": "inbox-recording.pdf", "datas": pdf64, "mimetype": "application/pdf"}])[0]
    as_admin("ir.attachment", "action_ocr_digitize", [bare])

    # -- recorded exchanges -------------------------------------------------
    worker = rpc.login("ocr-worker", worker_key)
    clerk = rpc.login("clerk", clerk_key)

    def record(name, uid, key, method, kwargs, model="ocr.job"):
        request, response = rpc.execute_kw(uid, key, model, method, [], kwargs)
        data = response.get("error", {}).get("data")
        if data and data.get("debug"):
            # Keep the exception line only: the traceback is Odoo's source, not ours.
            data["debug"] = [line for line in data["debug"].splitlines() if line.strip()][-1]
        text = json.dumps({"request": request, "response": response}, indent=1, ensure_ascii=False)
        for secret, placeholder in secrets_to_mask.items():
            text = text.replace(secret, placeholder)
        (out / f"{name}.json").write_text(text + "\n")
        print(f"recorded {name}")
        return response

    leases = result(record("claim.ok", worker, worker_key, "claim",
                           {"worker_id": "recorder:1", "limit": 10, "lease_seconds": 300, "channels": None}))
    by_name = {lease["name"]: lease for lease in leases}
    names = ("bill-recording.pdf", "receipt-recording.pdf", "inbox-recording.pdf")
    missing = set(names) - set(by_name)
    if missing:
        sys.exit(f"expected leases for {sorted(missing)}")
    bill_lease, expense_lease, bare_lease = (by_name[n] for n in names)

    record("claim.empty", worker, worker_key, "claim", {"worker_id": "recorder:2", "limit": 5})
    record("claim.access_denied", clerk, clerk_key, "claim", {"worker_id": "not-a-worker"})
    record("claim.bad_argument", worker, worker_key, "claim", {"worker_id": "recorder:1", "limit": 0})
    record("heartbeat.ok", worker, worker_key, "heartbeat", {
        "job_tokens": [[bill_lease["job_id"], bill_lease["token"]],
                       [expense_lease["job_id"], "0" * 40]],
        "lease_seconds": 300})

    values = {
        "write": {"partner_id": partner[0], "ref": "REC-2024-001", "invoice_date": "2024-05-03",
                  "invoice_line_ids": [[0, 0, {"name": "Recorded service", "quantity": 1, "price_unit": 100.0}]]},
        "create_move": None,
        "note": "<p>Digitized by the OCR worker: invoice <b>REC-2024-001</b>, total 100.00</p>",
        "needs_review": False,
        "review_reasons": [],
        "doc_type": "invoice",
        "confidence": 0.93,
        "duration_ms": 812,
    }
    scan = {"source": "pdf-text", "pages": 1, "fields": {"invoice_number": {"value": "REC-2024-001", "confidence": 0.95}},
            "needs_review": False, "review_reasons": []}
    complete = {"job_id": bill_lease["job_id"], "token": bill_lease["token"], "result": scan, "values": values}
    record("complete.done", worker, worker_key, "complete", complete)
    record("complete.repeated", worker, worker_key, "complete", complete)

    bare_values = {
        "write": {},
        "create_move": {"move_type": "in_invoice", "partner_id": partner[0], "ref": "REC-INBOX-7",
                        "invoice_date": "2024-06-01",
                        "invoice_line_ids": [[0, 0, {"name": "Inbox item", "quantity": 2, "price_unit": 12.5}]]},
        "note": "<p>Bill created by the OCR worker from inbox-recording.pdf</p>",
        "needs_review": True,
        "review_reasons": ["vendor VAT number not found in Odoo"],
        "doc_type": "invoice",
        "confidence": 0.71,
        "duration_ms": 1530,
    }
    record("complete.created_review", worker, worker_key, "complete", {
        "job_id": bare_lease["job_id"], "token": bare_lease["token"], "result": scan, "values": bare_values})
    record("complete.lost", worker, worker_key, "complete", {
        "job_id": expense_lease["job_id"], "token": "f" * 40, "result": scan, "values": values})
    record("complete.bad_values", worker, worker_key, "complete", {
        "job_id": expense_lease["job_id"], "token": expense_lease["token"], "result": scan,
        "values": {"write": {"no_such_field": 1}}})

    record("fail.retry", worker, worker_key, "fail", {
        "job_id": expense_lease["job_id"], "token": expense_lease["token"],
        "error": "OCR_FAILED: tesseract worker crashed", "retryable": True})
    record("fail.lost", worker, worker_key, "fail", {
        "job_id": expense_lease["job_id"], "token": "0" * 40, "error": "late", "retryable": True})
    record("requeue.ok", worker, worker_key, "requeue", {"ids": [expense_lease["job_id"]]})
    again = result(record("claim.after_requeue", worker, worker_key, "claim",
                          {"worker_id": "recorder:1", "limit": 1, "lease_seconds": 60, "channels": ["root"]}))
    if again:
        record("fail.dead_letter", worker, worker_key, "fail", {
            "job_id": again[0]["job_id"], "token": again[0]["token"],
            "error": "ENCRYPTED_PDF: the PDF needs a password", "retryable": False})

    # -- release (17.0.1.1.0): a worker shutting down hands a job back --------
    as_admin("ocr.job", "requeue", ids=[bill_lease["job_id"]])
    held = result(record("claim.before_release", worker, worker_key, "claim",
                         {"worker_id": "recorder:stopping", "limit": 1, "lease_seconds": 300, "channels": None}))
    if held:
        pairs = [[held[0]["job_id"], held[0]["token"]], [held[0]["job_id"] + 100000, "0" * 40]]
        record("release.ok", worker, worker_key, "release", {"job_tokens": pairs})
        record("release.repeated", worker, worker_key, "release", {"job_tokens": pairs[:1]})
    return 0


if __name__ == "__main__":
    sys.exit(main())
