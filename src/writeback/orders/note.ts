// The chatter notes of order-type documents: what the document says, line by line, beside what Odoo has — the
// products chosen for a customer's order, or what was ordered against what arrived. Everything from the document
// or from Odoo is html-escaped.
import { escapeHtml } from '../note.js';

export interface NoteRow {
  cells: Array<string | number | null>;
  /** a difference a person should look at */
  flagged?: boolean;
}

const fmt = (v: string | number | null) => (v === null ? '' : escapeHtml(typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : v));

export function noteTable(headers: string[], rows: NoteRow[]): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map((r) => `<tr>${r.cells.map((c, i) => `<td>${r.flagged && i === r.cells.length - 1 ? `<b>${fmt(c)}</b>` : fmt(c)}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="table table-sm o_ocr_lines">${head}${body}</table>`;
}

export function noteHead(title: string, action: string, source: string | null): string {
  return `<p><b>OCR: ${escapeHtml(title)}</b>${source ? ` · read from the ${escapeHtml(source)}` : ''} — ${escapeHtml(action)}</p>`;
}

export function noteItems(items: Array<[string, string | null]>): string {
  const shown = items.filter(([, v]) => v !== null && v !== '');
  return shown.length ? `<ul>${shown.map(([k, v]) => `<li>${escapeHtml(k)}: ${escapeHtml(v as string)}</li>`).join('')}</ul>` : '';
}

export function noteReasons(reasons: string[]): string {
  return reasons.length ? `<p><b>To review:</b></p><ul>${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '';
}
