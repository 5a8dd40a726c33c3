import type { LineItem } from '../../contract.js';
import type { InvoiceValues } from './values.js';

// A plain-text rendering of what was read, so the result's `text` (full-text search, the review screen, the
// classifier) has something meaningful for documents that have no page text of their own.

const LABELS: [keyof InvoiceValues, string][] = [
  ['doc_type', 'Document type'],
  ['invoice_number', 'Number'],
  ['date', 'Date'],
  ['due_date', 'Due date'],
  ['vendor_name', 'Seller'],
  ['vendor_vat', 'Seller VAT'],
  ['po_number', 'Order reference'],
  ['currency', 'Currency'],
  ['amount_untaxed', 'Total without tax'],
  ['amount_tax', 'Tax'],
  ['amount_total', 'Total'],
];

const fmt = (n: number | null) => (n === null ? '' : String(n));

export function renderInvoiceText(title: string, values: InvoiceValues, lines: LineItem[], invoiceCount: number): string {
  const out = [title];
  if (invoiceCount > 1) out.push(`Invoices in this file: ${invoiceCount}`);
  for (const [key, label] of LABELS) {
    const value = values[key];
    if (value !== null) out.push(`${label}: ${value}`);
  }
  if (lines.length > 0) {
    out.push('', 'Lines:');
    for (const l of lines) {
      const qty = l.quantity === null ? '' : `${fmt(l.quantity)} x ${fmt(l.unit_price)} = `;
      const tax = l.tax_rate === null ? '' : ` (tax ${l.tax_rate}%)`;
      out.push(`- ${l.description}: ${qty}${fmt(l.amount)}${tax}`.trimEnd());
    }
  }
  return out.join('\n');
}
