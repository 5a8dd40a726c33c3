// The write-back rules table (odoo_addon/ocr_worker/data/writeback_rules.json), read from the addon's own copy so
// the worker and the addon follow one file: the default write threshold, the states in which a record may be
// written, the review flag, and per field which of Odoo's own defaults count as empty and whether overwrite applies.
// The conditions the table names (empty_when) are implemented here and in the addon (writeback_rules.py).
import { readFileSync } from 'node:fs';
import { fromRoot } from './paths.js';

export type RuleTarget = 'hr.expense' | 'account.move' | 'sale.order';

/** When a field holds Odoo's own default rather than a value a person entered. */
export type DefaultCondition = 'named_after_file' | 'creation_day' | 'no_amount' | 'no_invoice_date' | 'no_lines';
export const DEFAULT_CONDITIONS: readonly DefaultCondition[] = ['named_after_file', 'creation_day', 'no_amount', 'no_invoice_date', 'no_lines'];

export interface FieldRule {
  empty_when?: DefaultCondition;
  /** false: written only where empty, whatever the overwrite setting (default true). */
  overwrite?: boolean;
}

export interface TargetRules {
  writable_states: string[];
  writable_move_types?: string[];
  /** The model's own "needs a look" flag, by field name; the first the server has is used. */
  review_flag?: Array<{ field: string; to_review: boolean }>;
  fields: Record<string, FieldRule>;
}

export interface WriteRules {
  write_threshold_default: number;
  /** CREATE_VENDORS' default, the same as the addon's company setting ocr_create_vendors. */
  create_vendors_default: boolean;
  /** The least confidence of a name for it to label something people read (an expense's title, a vendor created from
   * its exact identifier), capped by the write threshold. */
  name_label_threshold_default: number;
  targets: Record<RuleTarget, TargetRules>;
}

export const WRITE_RULES_PATH = fromRoot('odoo_addon', 'ocr_worker', 'data', 'writeback_rules.json');

function loadRules(): WriteRules {
  const rules = JSON.parse(readFileSync(WRITE_RULES_PATH, 'utf8')) as WriteRules;
  for (const [model, target] of Object.entries(rules.targets)) {
    for (const [field, rule] of Object.entries(target.fields)) {
      if (rule.empty_when !== undefined && !DEFAULT_CONDITIONS.includes(rule.empty_when)) {
        throw new Error(`${WRITE_RULES_PATH}: ${model}.${field} names an unknown condition ${rule.empty_when}`);
      }
    }
  }
  return rules;
}

export const WRITE_RULES: WriteRules = loadRules();

/** WRITE_THRESHOLD's default, the same as the addon's company setting ocr_write_threshold. */
export const DEFAULT_WRITE_THRESHOLD = WRITE_RULES.write_threshold_default;

/** CREATE_VENDORS' default, the same as the addon's company setting ocr_create_vendors. */
export const DEFAULT_CREATE_VENDORS = WRITE_RULES.create_vendors_default;

/** A name that labels what people read, not an accounting value — an expense's title, the name of a vendor created
 * from a VAT or payment-code IBAN read at the write threshold — is used from this confidence, or from the write
 * threshold when that is lower; the note then says to check it. */
export const NAME_LABEL_THRESHOLD = WRITE_RULES.name_label_threshold_default;
