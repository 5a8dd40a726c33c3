// Whether a person must look at the result, and why. Shared by the visual path and the e-invoice path.
import type { ExtractedFields, LineItem } from '../../contract.js';
import { sameAmount } from './numbers.js';

export const DEFAULT_REVIEW_THRESHOLD = 0.6;

const KEY_FIELDS = ['vendor_name', 'date', 'amount_total'] as const;

export function assessReview(
  fields: ExtractedFields,
  lines: LineItem[],
  threshold: number = DEFAULT_REVIEW_THRESHOLD,
): { needs_review: boolean; review_reasons: string[] } {
  const reasons: string[] = [];
  if (fields.vendor_name.value === null) reasons.push('no vendor');
  if (fields.amount_total.value === null) reasons.push('no total');
  if (fields.date.value === null) reasons.push('no date');
  for (const name of KEY_FIELDS) {
    const f = fields[name];
    if (f.value !== null && f.confidence < threshold) reasons.push(`low confidence: ${name} (${f.confidence.toFixed(2)})`);
  }
  const isInvoice = fields.doc_type.value === 'invoice' || fields.doc_type.value === 'credit_note';
  if (isInvoice && fields.invoice_number.value === null) reasons.push('no invoice number');
  if (fields.doc_type.value !== null && fields.doc_type.confidence < threshold) {
    reasons.push(`low confidence: doc_type (${fields.doc_type.confidence.toFixed(2)})`);
  }
  const t = fields.amount_total.value;
  const u = fields.amount_untaxed.value;
  const x = fields.amount_tax.value;
  if (t !== null && u !== null && x !== null && !sameAmount(u + x, t)) {
    reasons.push(`inconsistent totals: untaxed ${u} + tax ${x} != total ${t}`);
  }
  // only lines that are consistent in themselves (quantity x unit price = amount) are trusted to check totals
  const selfConsistent = lines.every(
    (l) => l.amount !== null && l.quantity !== null && l.unit_price !== null && sameAmount(l.quantity * l.unit_price, l.amount),
  );
  const amounts = lines.map((l) => l.amount).filter((a): a is number => a !== null);
  if (u !== null && amounts.length >= 2 && selfConsistent) {
    const sum = amounts.reduce((s, a) => s + a, 0);
    if (!sameAmount(sum, u) && !(t !== null && sameAmount(sum, t))) {
      reasons.push(`line amounts sum ${Math.round(sum * 100) / 100} matches neither untaxed nor total`);
    }
  }
  return { needs_review: reasons.length > 0, review_reasons: reasons };
}
