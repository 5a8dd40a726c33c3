# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The write-back rules table (data/writeback_rules.json), the same file the worker's planner reads
(src/write-rules.ts): the default write threshold, the states in which a record may be written, the review
flag, and per field which of Odoo's own defaults count as empty and whether overwrite applies. The conditions
the table names (empty_when) are the ``_ocr_default_<condition>`` methods of the target models."""
import json
import os

RULES_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "writeback_rules.json")

with open(RULES_PATH, encoding="utf-8") as rules_file:
    RULES = json.load(rules_file)

WRITE_THRESHOLD_DEFAULT = RULES["write_threshold_default"]
CREATE_VENDORS_DEFAULT = RULES["create_vendors_default"]

_NO_RULES = {"writable_states": [], "fields": {}}


def target_rules(model):
    return RULES["targets"].get(model, _NO_RULES)


def writable_states(model):
    """States in which OCR values may still be written into a record of ``model``."""
    return tuple(target_rules(model)["writable_states"])


def purchase_move_types():
    """The journal-entry types (account.move.move_type) that OCR values may be written into."""
    return tuple(target_rules("account.move").get("writable_move_types", []))


def field_rule(model, field_name):
    return target_rules(model)["fields"].get(field_name, {})


def default_condition(model, field_name):
    """The name of the condition under which the field holds Odoo's own default, or None."""
    return field_rule(model, field_name).get("empty_when")


def overwrite_applies(model, field_name):
    """Whether the overwrite setting may replace a value a person entered in this field."""
    return field_rule(model, field_name).get("overwrite", True) is not False


def review_flag(model, fields):
    """(field, value meaning "to review") of the model's own review flag on this version, or None."""
    for flag in target_rules(model).get("review_flag", []):
        if flag["field"] in fields:
            return flag["field"], flag["to_review"]
    return None
