// The one write policy, shared by `scan`, the worker (both modes) and, through the job's confidence, the addon:
//
//   a field is written            when its (calibrated) confidence ≥ WRITE_THRESHOLD
//   a document goes to review     when a key field is not written (bills: total, date, vendor; expenses: total,
//                                 date), when cross-checks disagree, or on a possible duplicate (worker side)
//
// The default threshold is the one at which written values were right ≥ 98 % of the time on the holdout corpus
// (README, Accuracy).
import type { DocType, ExtractedFields, Field, FieldName, LineItem, PayableAmounts, ResultSource } from '../../contract.js';
import { payableExplainsTotals } from '../einvoice/payable.js';
import { sameAmount } from '../extract/numbers.js';
import { roundHundredths } from '../rounding.js';

// The default write threshold is the write-back rules table's (shared with the addon's company setting).
export { DEFAULT_WRITE_THRESHOLD } from '../../write-rules.js';

export type DocumentKind = 'bill' | 'expense';

export const KEY_FIELDS: Record<DocumentKind, readonly FieldName[]> = {
  bill: ['amount_total', 'date', 'vendor_name'],
  expense: ['amount_total', 'date'],
};

const KEY_LABELS: Partial<Record<FieldName, string>> = { amount_total: 'total', date: 'date', vendor_name: 'vendor' };

/** Receipts are paid by employees (expenses); everything else is billed. */
export function kindOf(docType: DocType | null): DocumentKind {
  return docType === 'receipt' ? 'expense' : 'bill';
}

export function writes(field: Field<unknown> | undefined, threshold: number): boolean {
  return !!field && field.value !== null && field.value !== undefined && field.confidence >= threshold;
}

/** What else identifies a key field: a bill's vendor is a res.partner, looked up by its VAT first and then by its
 * name, so a VAT written identifies it as well as a name written (the worker then needs that partner to exist, and
 * says so when it does not). */
export const KEY_ALTERNATIVES: Partial<Record<FieldName, readonly FieldName[]>> = { vendor_name: ['vendor_vat'] };

/** The key-field rule: why a document is not touchless. `written` says whether a present value got written; with
 * `alternatives` (scan's view, without Odoo) a written alternative (KEY_ALTERNATIVES) stands for a key field. */
export function keyFieldReasons(fields: ExtractedFields, kind: DocumentKind, threshold: number, written?: (name: FieldName) => boolean, alternatives = true): string[] {
  const reasons: string[] = [];
  const isWritten = written ?? ((n: FieldName) => writes(fields[n], threshold));
  for (const name of KEY_FIELDS[kind]) {
    const f = fields[name];
    const label = KEY_LABELS[name] ?? name;
    if (alternatives && (KEY_ALTERNATIVES[name] ?? []).some((n) => isWritten(n))) continue;
    if (f.value === null) reasons.push(`no ${label}`);
    else if (!isWritten(name)) reasons.push(`${label} not written: confidence ${f.confidence.toFixed(2)} below ${threshold}`);
  }
  return reasons;
}

/** Cross-checks that disagree: amounts that do not add up, lines that match neither untaxed nor total. An
 * e-invoice's lines may be a hierarchy (EXTENDED sub-invoice lines repeat their parent's amount), so only its
 * totals are checked. A document that states a withholding, a stamp duty or a rounding (`payable`) adds up when
 * they explain its total (einvoice/payable.ts). */
export function crossCheckReasons(fields: ExtractedFields, lines: LineItem[], source?: ResultSource, payable?: PayableAmounts | null): string[] {
  const reasons: string[] = [];
  const t = fields.amount_total.value;
  const u = fields.amount_untaxed.value;
  const x = fields.amount_tax.value;
  if (
    t !== null && u !== null && x !== null && !sameAmount(u + x, t) && !(payable && payableExplainsTotals(t, u, x, payable)) &&
    !(!source?.startsWith('einvoice:') && cashRounded(u + x, t))
  ) {
    reasons.push(`inconsistent totals: untaxed ${u} + tax ${x} != total ${t}`);
  }
  // only lines that are consistent in themselves (quantity x unit price = amount) are trusted to check totals
  const selfConsistent = lines.every(
    (l) => l.amount !== null && l.quantity !== null && l.unit_price !== null && sameAmount(l.quantity * l.unit_price, l.amount),
  );
  const amounts = lines.map((l) => l.amount).filter((a): a is number => a !== null);
  if (u !== null && amounts.length >= 2 && selfConsistent && !source?.startsWith('einvoice:')) {
    const sum = amounts.reduce((s, a) => s + a, 0);
    if (!sameAmount(sum, u) && !(t !== null && sameAmount(sum, t))) {
      reasons.push(`line amounts sum ${roundHundredths(sum)} matches neither untaxed nor total`);
    }
  }
  return reasons;
}

/** A till's total rounded to the nearest 5 cents for cash (Malaysia, Switzerland, the Netherlands…): "Total 10.03,
 * Rounding 0.02, Total Rounded 10.05". The printed sum then differs from the total by at most 2.5 cents, and the total
 * is that nearest multiple of 0.05. An e-invoice states its rounding (`payable`), so this is for what is read off a
 * page; other differences still disagree. */
export function cashRounded(sum: number, total: number): boolean {
  const nearest = Math.round(sum * 20) / 20;
  return sameAmount(nearest, total) && Math.abs(sum - total) > 0.005 && Math.abs(sum - total) <= 0.025 + 1e-9;
}

export interface PolicyOutcome {
  write: Record<FieldName, boolean>;
  needs_review: boolean;
  review_reasons: string[];
}

/** What the policy does with a scan result: per field whether it would be written, and whether a person must look. */
export function applyWritePolicy(fields: ExtractedFields, lines: LineItem[], threshold: number, source?: ResultSource, kind: DocumentKind = kindOf(fields.doc_type.value), payable?: PayableAmounts | null): PolicyOutcome {
  const write = Object.fromEntries(Object.entries(fields).map(([n, f]) => [n, writes(f, threshold)])) as Record<FieldName, boolean>;
  const reasons = [...keyFieldReasons(fields, kind, threshold), ...crossCheckReasons(fields, lines, source, payable)];
  return { write, needs_review: reasons.length > 0, review_reasons: reasons };
}

/** The job's confidence: the weakest key field of its kind (0 when one is missing). The addon reviews a job whose
 * confidence is below its company's write threshold, which is this same rule. */
export function keyConfidence(fields: ExtractedFields | undefined, kind: DocumentKind, override: Partial<Record<FieldName, number>> = {}): number {
  if (!fields) return 0;
  const values = KEY_FIELDS[kind].map((n) => (fields[n].value === null ? 0 : (override[n] ?? fields[n].confidence)));
  return roundHundredths(Math.min(...values));
}
