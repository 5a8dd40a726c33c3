// Whether the rules' result is weak (raw scores): decides whether the optional LLM is asked. What a person must
// review is the write policy's decision (../confidence/policy.ts), on calibrated confidences.
import type { ExtractedFields, LineItem } from '../../contract.js';
import { crossCheckReasons } from '../confidence/policy.js';

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
  reasons.push(...crossCheckReasons(fields, lines));
  return { needs_review: reasons.length > 0, review_reasons: reasons };
}
