// The chatter note: one concise html summary an accountant can check against the document. Everything that comes
// from the document or from Odoo data is html-escaped; only the fixed markup below is trusted.
import type { ExtractedFields, Field, ResultSource } from '../contract.js';
import type { WriteDecisions } from './decisions.js';
import { fieldLabel, sourceLabel } from './words.js';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const DOC_TYPE_LABELS: Record<string, string> = {
  invoice: 'Invoice', credit_note: 'Credit note', receipt: 'Receipt', purchase_order: 'Purchase order',
  delivery_note: 'Delivery note', other: 'Other document',
};

export interface NoteInput {
  fields: ExtractedFields | null;
  source: ResultSource | null;
  /** e.g. "matched by VAT: Lieferant GmbH" or null when no vendor handling applies. */
  partnerOutcome: string | null;
  decisions: WriteDecisions;
  reasons: string[];
  /** What happens to the record as a whole, e.g. "a draft vendor bill is created". */
  action: string;
  /** The job's overall confidence: the one figure Odoo's banner shows too. */
  confidence?: number;
}

function pct(confidence: number): string {
  return `${Math.round(confidence * 100)} %`;
}

function shown<T>(field: Field<T> | undefined, format: (v: T) => string = String): string | null {
  if (!field || field.value === null || field.value === undefined) return null;
  return `${escapeHtml(format(field.value))} <small>(${pct(field.confidence)})</small>`;
}

const money = (v: number) => v.toFixed(2);

function item(label: string, html: string | null): string {
  return html === null ? '' : `<li>${label}: ${html}</li>`;
}

function list(items: string[]): string {
  return items.map((i) => escapeHtml(i)).join(', ');
}

export function buildNote(input: NoteInput): string {
  const f = input.fields;
  const d = input.decisions;
  const docType = f?.doc_type.value ? (DOC_TYPE_LABELS[f.doc_type.value] ?? f.doc_type.value) : 'Document';
  // the job's confidence is its least sure key field's (0 when one is missing), not the document type's: said so, as
  // "Invoice (confidence 0 %)" read as an unsure type on a bill whose only gap was its date
  const head = `<p><b>OCR: ${escapeHtml(docType)}</b>${input.confidence !== undefined ? ` <small>(key fields: confidence ${pct(input.confidence)})</small>` : ''}` +
    `${input.source ? ` · read from the ${escapeHtml(sourceLabel(input.source))}` : ''} — ${escapeHtml(input.action)}</p>`;

  const vendorParts = [shown(f?.vendor_name), f?.vendor_vat.value ? `VAT ${shown(f.vendor_vat)}` : null].filter(Boolean);
  const currency = f?.currency.value ? ` ${escapeHtml(f.currency.value)}` : '';
  const totals = [
    f?.amount_total.value !== null && f ? `total ${shown(f.amount_total, money)}` : null,
    f?.amount_untaxed.value !== null && f ? `untaxed ${shown(f.amount_untaxed, money)}` : null,
    f?.amount_tax.value !== null && f ? `tax ${shown(f.amount_tax, money)}` : null,
  ].filter(Boolean);
  const facts = [
    item('Vendor', vendorParts.length ? vendorParts.join(', ') : null),
    item('Partner', input.partnerOutcome !== null ? escapeHtml(input.partnerOutcome) : null),
    item('Number', shown(f?.invoice_number)),
    item('Date', shown(f?.date)),
    item('Due', shown(f?.due_date)),
    item(`Amounts${currency}`, totals.length ? totals.join(', ') : null),
    item('PO', shown(f?.po_number)),
  ].join('');

  const outcome = [
    d.written.length ? `<li>Written: ${list(d.written)}</li>` : '<li>Nothing written.</li>',
    d.kept.length ? `<li>Left as entered: ${list(d.kept)}</li>` : '',
    d.withheld.length
      ? `<li>Not written (low confidence): ${list(d.withheld.map((w) => `${fieldLabel(w.name)} ${pct(w.confidence)}`))}</li>`
      : '',
    ...d.notes.map((n) => `<li>${escapeHtml(n)}</li>`),
  ].join('');

  const review = input.reasons.length
    ? `<p><b>To review:</b></p><ul>${input.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>`
    : '';
  return `${head}${facts ? `<ul>${facts}</ul>` : ''}<ul>${outcome}</ul>${review}`;
}
