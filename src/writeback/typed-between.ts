// Values a person typed into the record between the worker's read of it (prepare) and its write (addon-less apply):
// the typed value is kept, the note names the fields and the document goes to review — as the addon's complete()
// does in its own transaction (ocr_document_mixin._ocr_write_back). A field counts as typed when its value now
// differs both from what the preparation read and from what the worker would write (a retry after a crash finds
// the worker's own earlier value, which is not a person's).
import type { FieldDef } from '../odoo/types.js';
import { escapeHtml } from './note.js';
import type { PreparedValues } from './types.js';
import { m2oId, type OdooRecord } from './values.js';

const seenAtPrepare = new WeakMap<PreparedValues, OdooRecord>();

/** Remembers the record as the preparation read it, for the write of these prepared values (same process). */
export function rememberSeen(prepared: PreparedValues, record: OdooRecord): void {
  seenAtPrepare.set(prepared, record);
}

/** The record as the preparation read it, if these values were prepared here. */
export function seenBy(prepared: PreparedValues): OdooRecord | undefined {
  return seenAtPrepare.get(prepared);
}

/** Two values as read() answers them (many2one [id, name] compared by id). */
export function sameReadValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string' ? m2oId(v) : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** Whether `field` changed since the preparation read the record (unknown when it was not read then). */
export function typedSince(seen: OdooRecord | undefined, current: OdooRecord, field: string): boolean {
  return seen !== undefined && field in seen && !sameReadValue(seen[field], current[field]);
}

/** The review reason, in the addon's words. */
export function typedReason(fields: string[], defs: Record<string, FieldDef>): string {
  const labels = fields.map((f) => defs[f]?.string ?? f).join(', ');
  return `${labels} changed while the document was being read; the values entered were kept and the OCR values for them were not written.`;
}

/** The note with what could not be written, as the addon appends it. */
export function noteWithKept(note: string, reason: string): string {
  return `${note}<p><b>Not written:</b> ${escapeHtml(reason)}</p>`;
}
