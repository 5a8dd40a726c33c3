// Review reasons as codes with parameters, and their English sentences: one catalogue. The worker sends both to the
// addon (values.review_reasons in English, values.review_codes as codes), and the addon says each code in the
// reader's language with Odoo's translations (odoo_addon/ocr_worker/models/ocr_job_reason.py holds the same
// codes, as `_()` sentences); without the addon the English sentence is what Odoo shows. A reason without a code
// of its own travels as `text`, shown as it is.
import { fieldLabel, percent } from './words.js';

export type ReasonParam = string | number | { field: string; confidence: number }[];

export interface ReviewCode {
  code: ReasonCode;
  params: Record<string, ReasonParam>;
}

/** English sentences; {name} is a parameter: a field name shows as its label, a confidence or threshold as %. */
export const REASON_TEXTS = {
  text: '{text}',
  field_missing: '{field} not found on the document',
  unsure_reading: 'Unsure reading: {field} {confidence}',
  key_not_written: '{field} not written: read with {confidence} confidence, below {threshold}',
  not_written_low_confidence: 'Not written, read with less than {threshold} confidence: {fields}',
  totals_do_not_add_up: 'Amounts do not add up: untaxed {untaxed} + tax {tax} is not the total {total}',
  lines_do_not_add_up: 'The lines add up to {sum}, which is neither the untaxed amount nor the total',
  due_before_date: 'due date {due} is before the invoice date {date}: not written',
  possible_duplicate_reference: 'possible duplicate: same vendor and reference {reference} as {documents}',
  possible_duplicate_file: 'possible duplicate: the same file is already on {documents}',
  bill_total_differs: 'bill total {bill_total} differs from the document total {total}',
  currency_differs: "document currency {currency} differs from the bill's {bill_currency}",
  no_total_no_lines: 'total amount not found: no lines written',
  po_not_found: 'purchase order {reference} not found in Odoo',
  po_vendor_differs: 'purchase order {po} is of {po_vendor}, not of the vendor {vendor}: not linked',
  po_not_confirmed: 'purchase order {po} is not confirmed: not linked (never confirmed by OCR)',
  po_ambiguous: 'several open purchase orders of the vendor fit the bill ({orders}): none linked',
  po_price_differs: 'purchase order {po}: {product} billed at {price}, ordered at {po_price}',
  po_quantity_exceeds: 'purchase order {po}: {product} billed {quantity}, only {open} open to bill (received {received}, billed {billed})',
  po_line_not_ordered: 'purchase order {po} has no line for "{line}"',
  po_not_received: 'purchase order {po}: nothing received yet, billed against the quantities ordered',
  po_nothing_to_bill: 'purchase order {po} has nothing left to bill',
  po_total_differs: 'purchase order {po}: the document total {total} differs from the linked lines {po_total}',
} as const;

export type ReasonCode = keyof typeof REASON_TEXTS;

export function reason(code: ReasonCode, params: Record<string, ReasonParam> = {}): ReviewCode {
  return { code, params };
}

/** A sentence that has no code of its own. */
export function textReason(text: string): ReviewCode {
  return reason('text', { text });
}

const PERCENT_PARAMS = new Set(['confidence', 'threshold']);

function shown(name: string, value: ReasonParam): string {
  if (Array.isArray(value)) return value.map((w) => `${fieldLabel(w.field)} ${percent(w.confidence)}`).join(', ');
  if (name === 'field' && typeof value === 'string') return fieldLabel(value);
  if (PERCENT_PARAMS.has(name) && typeof value === 'number') return percent(value);
  return String(value);
}

/** The English sentence of a reason. */
export function reasonText(r: ReviewCode): string {
  const template: string = REASON_TEXTS[r.code] ?? '{text}';
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in r.params ? shown(name, r.params[name]) : ''));
}
