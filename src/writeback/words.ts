// What the worker tells an accountant in Odoo, in the words of the document rather than of the code: field labels,
// where a result came from, and the extraction's review reasons. The `scan --json` contract keeps its own terse
// reasons (scripts rely on them); only what is written to Odoo goes through here.
import type { ResultSource } from '../contract.js';
import { reason, textReason, type ReviewCode } from './reasons.js';

const FIELD_LABELS: Record<string, string> = {
  doc_type: 'Document type', vendor_name: 'Vendor', vendor_vat: 'Vendor VAT', invoice_number: 'Document number',
  date: 'Date', due_date: 'Due date', currency: 'Currency', amount_total: 'Total', amount_untaxed: 'Untaxed amount',
  amount_tax: 'Tax', po_number: 'Purchase order',
};

const SOURCE_LABELS: Record<ResultSource, string> = {
  'pdf-text': 'text of the PDF', ocr: 'scanned image (OCR)', mixed: 'PDF text and OCR',
  'einvoice:facturx': 'Factur-X / ZUGFeRD e-invoice', 'einvoice:cii': 'e-invoice (CII)', 'einvoice:ubl': 'e-invoice (UBL)',
  'einvoice:fatturapa': 'e-invoice (FatturaPA)', 'einvoice:cfdi': 'e-invoice (CFDI)',
};

export function fieldLabel(name: string): string {
  return FIELD_LABELS[name] ?? name;
}

export function sourceLabel(source: ResultSource): string {
  return SOURCE_LABELS[source] ?? source;
}

export function percent(confidence: number): string {
  return `${Math.round(confidence * 100)} %`;
}

const MISSING: Record<string, string> = {
  'no vendor': 'vendor_name', 'no total': 'amount_total', 'no date': 'date', 'no invoice number': 'invoice_number',
};
/** The write policy's key-field words (src/pipeline/confidence/policy.ts) back to field names. */
const KEY_FIELD_NAMES: Record<string, string> = { total: 'amount_total', date: 'date', vendor: 'vendor_name' };

/**
 * One extraction reason in words (as a code with parameters, src/writeback/reasons.ts), or null when it repeats
 * what is said elsewhere: an unsure field that was not written is already listed in the "not written" reason, so
 * its "low confidence" reason is dropped.
 */
export function reasonInWords(text: string, withheld: ReadonlySet<string>): ReviewCode | null {
  if (MISSING[text]) return reason('field_missing', { field: MISSING[text] });
  const low = /^low confidence: (\w+) \(([\d.]+)\)$/.exec(text);
  if (low) return withheld.has(low[1]) ? null : reason('unsure_reading', { field: low[1], confidence: Number(low[2]) });
  const notWritten = /^(\w+) not written: confidence ([\d.]+) below ([\d.]+)$/.exec(text); // the write policy's key fields
  if (notWritten) {
    return reason('key_not_written', {
      field: KEY_FIELD_NAMES[notWritten[1]] ?? notWritten[1], confidence: Number(notWritten[2]), threshold: Number(notWritten[3]),
    });
  }
  const totals = /^inconsistent totals: untaxed (\S+) \+ tax (\S+) != total (\S+)$/.exec(text);
  if (totals) return reason('totals_do_not_add_up', { untaxed: totals[1], tax: totals[2], total: totals[3] });
  const lines = /^line amounts sum (\S+) matches neither untaxed nor total$/.exec(text);
  if (lines) return reason('lines_do_not_add_up', { sum: lines[1] });
  return textReason(text);
}
