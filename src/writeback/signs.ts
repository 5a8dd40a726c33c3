// Correction invoices often arrive as "invoices" with negative amounts (e.g. a German Rechnungskorrektur).
// Odoo wants a vendor credit note with positive amounts instead, so the signs are turned before mapping.
import type { ExtractedFields, LineItem, ScanResult } from '../contract.js';

function flip(n: number | null): number | null {
  return n === null ? null : -n;
}

function flipLine(line: LineItem): LineItem {
  // A credit line is negative either by quantity or by price; undo whichever carries the sign.
  const byQuantity = line.quantity !== null && line.quantity < 0;
  return {
    ...line,
    quantity: byQuantity ? flip(line.quantity) : line.quantity,
    unit_price: byQuantity ? line.unit_price : flip(line.unit_price),
    amount: flip(line.amount),
  };
}

/** The result with positive amounts and doc_type credit_note when the document's total is negative. */
export function creditNoteFromNegativeTotal(result: ScanResult): { result: ScanResult; flipped: boolean } {
  const f = result.fields;
  const total = f?.amount_total.value;
  if (!f || total === null || total === undefined || total >= 0) return { result, flipped: false };
  if (f.doc_type.value !== null && f.doc_type.value !== 'invoice' && f.doc_type.value !== 'credit_note') {
    return { result, flipped: false };
  }
  const amount = (field: ExtractedFields['amount_total']) => ({ ...field, value: field.value === null ? null : Math.abs(field.value) });
  const fields: ExtractedFields = {
    ...f,
    doc_type: { value: 'credit_note', confidence: Math.min(f.doc_type.confidence || 1, f.amount_total.confidence) },
    amount_total: amount(f.amount_total),
    amount_untaxed: amount(f.amount_untaxed),
    amount_tax: amount(f.amount_tax),
  };
  return { result: { ...result, fields, lines: result.lines?.map(flipLine) }, flipped: true };
}
