# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The write-back cases shared with the worker's tests (data/writeback_cases.json; the worker's planner runs the
same table in test/writeback/shared-cases.test.ts): complete(), handed what the planner writes and what it held
back, writes exactly the planned values and keeps the rest."""
import json
import os

from odoo import fields, models
from odoo.tests import tagged

from ..writeback_rules import RULES
from .common import OcrCase

CASES_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "writeback_cases.json")

with open(CASES_PATH, encoding="utf-8") as cases_file:
    CASES = json.load(cases_file)["cases"]


@tagged("post_install", "-at_install")
class TestWritebackCases(OcrCase):
    def _resolve(self, case, value):
        if value == "@file_stem":
            return case["file"].rsplit(".", 1)[0]
        if value == "@today":
            return fields.Date.context_today(self.env.user)
        return value

    def _record(self, case):
        vals = {name: self._resolve(case, value) for name, value in case["record"].items()}
        state = vals.pop("state")
        if case["model"] == "hr.expense":
            record = self._expense(**vals)
            if state != "draft":
                record.sudo().write({"state": state})
        else:
            record = self._bill(**vals)
            if state == "cancel":
                record.button_cancel()
        self.assertEqual(record.state, state)
        return record

    def _in_this_version(self, record, values):
        """The cases name 17's review flag, to_check; from 18 on the flag is its inverse, checked."""
        values = dict(values)
        if "to_check" in values and "to_check" not in record._fields:
            field, to_review = record._ocr_review_flag()
            values[field] = to_review if values.pop("to_check") else not to_review
        return values

    def _value(self, record, name):
        value = record[name]
        if isinstance(value, models.BaseModel):
            return value.id or False
        if record._fields[name].type == "date":
            return fields.Date.to_string(value)
        return value

    def test_shared_cases(self):
        self.assertTrue(CASES)
        for case in CASES:
            with self.subTest(case=case["name"]):
                self.company.ocr_overwrite = case["overwrite"]
                record = self._record(case)
                written = self._in_this_version(record, case["write"])
                before = {name: self._value(record, name) for name in case["offered"]}
                attachment = self._attachment(name=case["file"], res_model=record._name, res_id=record.id)
                job = self._job(attachment)
                lease = self._claim_one(job)
                answer = self.WorkerJob.complete(
                    job_id=job.id, token=lease["token"], result={"fields": {}},
                    values={
                        "write": dict(written, **case["offered"]),
                        "note": "<p>read</p>",
                        "needs_review": case["review"],
                        "confidence": 0.99,
                    },
                )
                for name, value in written.items():
                    self.assertEqual(self._value(record, name), value, name)
                for name, value in before.items():
                    self.assertEqual(self._value(record, name), value, "%s is kept" % name)
                # a value held back that reaches complete() anyway is kept and asks for a review
                expected_state = "review" if case["review"] or case["offered"] else "done"
                self.assertEqual(answer["state"], expected_state, job.review_reasons)

    def test_every_default_the_rules_table_names_is_implemented(self):
        for model, target in RULES["targets"].items():
            for field_name, rule in target["fields"].items():
                self.assertIn(field_name, self.env[model]._fields, "%s.%s" % (model, field_name))
                if "empty_when" in rule:
                    self.assertTrue(hasattr(self.env[model], "_ocr_default_" + rule["empty_when"]), rule["empty_when"])
