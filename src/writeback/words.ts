// What the worker tells an accountant in Odoo, in the words of the document rather than of the code: field labels,
// where a result came from, and the extraction's review reasons. The `scan --json` contract keeps its own terse
// reasons (scripts rely on them); only what is written to Odoo goes through here.
import type { ResultSource } from '../contract.js';

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
  'no vendor': 'Vendor not found on the document',
  'no total': 'Total not found on the document',
  'no date': 'Date not found on the document',
  'no invoice number': 'Document number not found on the document',
};

/**
 * One extraction reason in words, or null when it repeats what is said elsewhere: an unsure field that was not
 * written is already listed in the "not written" reason, so its "low confidence" reason is dropped.
 */
export function reasonInWords(reason: string, withheld: ReadonlySet<string>): string | null {
  if (MISSING[reason]) return MISSING[reason];
  const low = /^low confidence: (\w+) \(([\d.]+)\)$/.exec(reason);
  if (low) return withheld.has(low[1]) ? null : `Unsure reading: ${fieldLabel(low[1])} ${percent(Number(low[2]))}`;
  const notWritten = /^(\w+) not written: confidence ([\d.]+) below ([\d.]+)$/.exec(reason); // the write policy's key fields
  if (notWritten) {
    const label = notWritten[1].charAt(0).toUpperCase() + notWritten[1].slice(1);
    return `${label} not written: read with ${percent(Number(notWritten[2]))} confidence, below ${percent(Number(notWritten[3]))}`;
  }
  const totals = /^inconsistent totals: untaxed (\S+) \+ tax (\S+) != total (\S+)$/.exec(reason);
  if (totals) return `Amounts do not add up: untaxed ${totals[1]} + tax ${totals[2]} is not the total ${totals[3]}`;
  const lines = /^line amounts sum (\S+) matches neither untaxed nor total$/.exec(reason);
  if (lines) return `The lines add up to ${lines[1]}, which is neither the untaxed amount nor the total`;
  return reason;
}
