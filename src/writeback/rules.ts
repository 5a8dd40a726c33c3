// The planner's reading of the write-back rules table (src/write-rules.ts): whether a record may be written, which
// of its values are Odoo's own defaults (then offered as empty), whether overwrite applies to a field, and the
// values of the review flag. The addon applies the same table in complete() (writeback_rules.py).
import type { FieldDef } from '../odoo/types.js';
import { type DefaultCondition, type RuleTarget, WRITE_RULES } from '../write-rules.js';
import { dayIn } from './creator-tz.js';
import { isEmptyValue, type OdooRecord, x2manyIds } from './values.js';

/** The record as read, with what the conditions need beside it. */
export interface RecordView {
  current: OdooRecord;
  /** Name of the file the record was created from (an expense named after its upload). */
  attachmentName?: string | null;
  /** The expense field that holds the amount on this version. */
  amountField?: string | null;
  /** The time zone of the record's creator (Odoo's default dates are their today); null reads as UTC. */
  creatorTz?: string | null;
}

/** Odoo 19 titles an expense made from an upload "Untitled Expense <its creation day>" in the uploader's date format
 * (12/07/2026, 07.12.2026, 2026-12-07…). Only the English wording is known here (the worker cannot call Odoo's
 * _get_untitled_expense_name, the addon does): a translated default is kept, as a person's title would be — a looser
 * pattern took 'Taxi 12/07/2026', typed on the day, for Odoo's. */
const UNTITLED_NAME = /^Untitled Expense (\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/u;
function untitledOnCreationDay(name: string, createDate: unknown, tz: string | null): boolean {
  const printed = UNTITLED_NAME.exec(name.trim());
  if (!printed || typeof createDate !== 'string') return false;
  const [y, m, d] = dayIn(createDate, tz).split('-').map(Number);
  const order = (ns: number[]) => [...ns].sort((a, b) => a - b).join();
  const got = order(printed.slice(1).map(Number));
  return got === order([y!, m!, d!]) || got === order([y! % 100, m!, d!]);
}

const DEFAULT_WHEN: Record<DefaultCondition, (view: RecordView) => boolean> = {
  // Odoo names an expense created from an upload after the file (up to 18), or 'Untitled Expense <day>' (19).
  named_after_file: ({ current, attachmentName, creatorTz }) => {
    const name = typeof current.name === 'string' ? current.name : null;
    if (name === null) return true;
    if (untitledOnCreationDay(name, current.create_date, creatorTz ?? null)) return true;
    if (!attachmentName) return false;
    return name === attachmentName || name === attachmentName.replace(/\.[^.]+$/, '');
  },
  // A new expense's date defaults to the day it was created.
  creation_day: ({ current, creatorTz }) => typeof current.create_date === 'string' && current.date === dayIn(current.create_date, creatorTz ?? null),
  // The currency of an expense without an amount is the company's default, not a choice.
  no_amount: ({ current, amountField }) => !amountField || isEmptyValue(current[amountField]),
  // Odoo computes a due date for every draft; only one next to a bill date a person entered counts as entered.
  no_invoice_date: ({ current }) => isEmptyValue(current.invoice_date),
  // The currency of a bill without lines is the company's default.
  no_lines: ({ current }) => x2manyIds(current.invoice_line_ids).length === 0,
};

/** Whether the record's value of `field` is Odoo's own default (the table's empty_when), not a person's. */
export function isOdooDefault(model: RuleTarget, field: string, view: RecordView): boolean {
  const condition = WRITE_RULES.targets[model].fields[field]?.empty_when;
  return condition !== undefined && DEFAULT_WHEN[condition](view);
}

/** The record's value of `field` as a person entered it: false where it is only Odoo's own default. */
export function valueAsEntered(model: RuleTarget, field: string, view: RecordView): unknown {
  return isOdooDefault(model, field, view) ? false : view.current[field];
}

/** Whether the overwrite setting may replace a value a person entered in this field. */
export function overwriteApplies(model: RuleTarget, field: string): boolean {
  return WRITE_RULES.targets[model].fields[field]?.overwrite !== false;
}

/** Whether OCR values may still be written into a record in this state. */
export function isWritableState(model: RuleTarget, state: unknown): boolean {
  return typeof state === 'string' && WRITE_RULES.targets[model].writable_states.includes(state);
}

/** The journal-entry types the write-back fills: vendor bills, vendor credit notes and purchase receipts. The addon's
 * Digitize button offers itself on the same types (one list in the rules table). */
export const BILL_MOVE_TYPES: readonly string[] = WRITE_RULES.targets['account.move'].writable_move_types ?? [];

/** Whether a journal entry of this type is a vendor bill the write-back fills. */
export function isWritableMoveType(moveType: unknown): boolean {
  return typeof moveType === 'string' && BILL_MOVE_TYPES.includes(moveType);
}

/** A bill's review flag ("needs a human look") for one that needs (or no longer needs) a look: to_check up to 17,
 * checked from 18 on (the inverse); null when the model has neither. */
export function reviewFlagValues(moveFields: Record<string, FieldDef>, needsReview: boolean): Record<string, boolean> | null {
  for (const { field, to_review } of WRITE_RULES.targets['account.move'].review_flag ?? []) {
    if (moveFields[field]?.type === 'boolean') return { [field]: needsReview ? to_review : !to_review };
  }
  return null;
}
