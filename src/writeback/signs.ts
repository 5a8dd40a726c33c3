// Correction invoices often arrive as "invoices" with negative amounts (e.g. a German Rechnungskorrektur).
// Odoo wants a vendor credit note with positive amounts instead: the document is booked as a credit note, and its
// amounts are given as a credit note's are (src/pipeline/credit-note-sign.ts, the one rule for the sign).
import type { ScanResult } from '../contract.js';
import { creditNoteAsSizes } from '../pipeline/credit-note-sign.js';

/** The result with positive amounts and doc_type credit_note when the document's total is negative. */
export function creditNoteFromNegativeTotal(result: ScanResult): { result: ScanResult; flipped: boolean } {
  const f = result.fields;
  const total = f?.amount_total.value;
  if (!f || total === null || total === undefined || total >= 0) return { result, flipped: false };
  if (f.doc_type.value !== null && f.doc_type.value !== 'invoice' && f.doc_type.value !== 'credit_note') {
    return { result, flipped: false };
  }
  const typed: ScanResult = {
    ...result,
    fields: { ...f, doc_type: { value: 'credit_note', confidence: Math.min(f.doc_type.confidence || 1, f.amount_total.confidence) } },
  };
  return { result: creditNoteAsSizes(typed), flipped: true };
}
