// applyWriteBack: the addon-less path, plain create/write/message_post over RPC. Without the addon there is no
// transaction around the whole job, so every step first looks at Odoo's state and skips what is already done:
// a retry after a crash never creates a second bill, second lines or a second note.
import type { OdooClient } from '../odoo/types.js';
import { companyScope } from './company.js';
import { escapeHtml } from './note.js';
import { readAttachment, readOne } from './prepare-context.js';
import { isWritableState, reviewFlagValues } from './rules.js';
import { type ApplyKnown, type ApplyResult, type PreparedValues, type WorkTarget, WriteBackError, type WritePolicy } from './types.js';
import { validateMarker, validatePolicy, validateTarget } from './validate.js';
import { noteWithKept, seenBy, typedReason, typedSince } from './typed-between.js';
import { m2oId, sameOdooValue, x2manyIds } from './values.js';


/** The note as posted: the prepared html plus a visible reference that survives Odoo's html sanitizer
 * (comments and unknown data attributes may not) and is what a retry searches for. */
export function noteWithMarker(note: string, marker: string): string {
  return `${note}<p class="o_ocr_marker"><small>OCR ref ${escapeHtml(marker)}</small></p>`;
}

/** The text every OCR note carries before its marker: what a search for the worker's earlier notes looks for. */
export const MARKER_PREFIX = 'odoo-ocr:';

/** The document's key in Odoo (its attachment and content): on the worker's notes, and on a vendor it created, so a
 * retry or a rerun finds what an earlier run of the same document left. */
export function documentMarker(attachmentId: number, sha256: string | null | undefined): string {
  return `${MARKER_PREFIX}${attachmentId}:${(sha256 ?? 'nohash').slice(0, 16)}`;
}

/** The markers in the bodies of earlier notes (search_read of mail.message). */
export function markersIn(bodies: unknown[]): string[] {
  return bodies.flatMap((body) => (typeof body === 'string' ? body.match(/odoo-ocr:\d+:[0-9a-z]+/g) ?? [] : []));
}

/** Whether the worker's note with this marker is on the record already (a retry, a rerun, an earlier ledger). */
async function alreadyNoted(
  client: OdooClient, model: string, id: number, marker: string, context: Record<string, unknown>, known?: ApplyKnown,
): Promise<boolean> {
  if (known?.earlierMarkers) return known.earlierMarkers.includes(marker);
  return (await client.searchCount('mail.message', [['model', '=', model], ['res_id', '=', id], ['body', 'ilike', marker]], context)) > 0;
}

async function postNoteOnce(
  client: OdooClient, model: string, id: number, note: string, marker: string, context: Record<string, unknown>, known?: ApplyKnown,
): Promise<boolean> {
  if (await alreadyNoted(client, model, id, marker, context, known)) return false;
  await client.messagePost(model, id, noteWithMarker(note, marker), context);
  return true;
}

/** The id of the "Note" subtype (mail.mt_note), once per connection; null while unknown. A user who may not read
 * ir.model.data (only admins may) learns it from its first note posted with message_post (learnNoteSubtype). */
const noteSubtypes = new WeakMap<OdooClient, Promise<number | null>>();
function noteSubtypeId(client: OdooClient): Promise<number | null> {
  let found = noteSubtypes.get(client);
  if (!found) {
    found = client
      .searchRead<{ res_id: number }>('ir.model.data', [['module', '=', 'mail'], ['name', '=', 'mt_note'], ['model', '=', 'mail.message.subtype']], { fields: ['res_id'], limit: 1 })
      .then((rows) => rows[0]?.res_id ?? null, () => null);
    noteSubtypes.set(client, found);
  }
  return found;
}

async function learnNoteSubtype(client: OdooClient, messageId: number): Promise<void> {
  if ((await noteSubtypeId(client)) !== null) return;
  const [message] = await client.read<{ subtype_id: unknown }>('mail.message', [messageId], ['subtype_id']).catch(() => []);
  const id = m2oId(message?.subtype_id);
  if (id !== null) noteSubtypes.set(client, Promise.resolve(id));
}

/** The note as a message created by the record's own write (one call instead of write + message_post): the same
 * internal note message_post makes, by the same author, in the same transaction as the values. */
async function noteInWrite(client: OdooClient, model: string, note: string, marker: string): Promise<Record<string, unknown> | null> {
  const subtypeId = await noteSubtypeId(client);
  if (subtypeId === null) return null;
  return { message_ids: [[0, 0, { model, body: noteWithMarker(note, marker), message_type: 'comment', subtype_id: subtypeId }]] };
}

function isCreateCommand(cmd: unknown): boolean {
  return Array.isArray(cmd) && cmd[0] === 0;
}

/** What is left of the prepared write once the record's current state is known; `kept` collects the fields a
 * person changed since the preparation read the record (their values stay, unless overwrite is on). */
/** The one-to-many of lines the write-back fills, per model (only while the record has none). */
const LINE_FIELDS: Record<string, string> = { 'account.move': 'invoice_line_ids', 'sale.order': 'order_line' };

function remainingValues(
  write: Record<string, unknown>, current: Record<string, unknown>, overwrite: boolean, seen: Record<string, unknown> | undefined,
  kept: string[], lineField: string | undefined,
): Record<string, unknown> {
  const lineIds = lineField ? x2manyIds(current[lineField]) : [];
  const vals: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(write)) {
    if (!(field in current)) continue; // read() only returns fields this server has
    if (field === lineField && Array.isArray(value)) {
      const creates = value.filter(isCreateCommand);
      if (creates.length === 0) continue;
      if (lineIds.length > 0 && !overwrite) continue; // lines exist: written before (retry) or by a person
      // Deletions are recomputed from the lines there now; the prepared ones may be gone already.
      vals[field] = [...lineIds.map((id) => [2, id]), ...creates];
    } else if (field === 'move_type' && lineIds.length > 0) {
      continue; // Odoo re-signs lines on a type switch: only an empty bill changes type
    } else if (!sameOdooValue(current[field], value)) {
      if (!overwrite && typedSince(seen, current, field)) kept.push(field);
      else vals[field] = value;
    }
  }
  // An explicit empty payment term only protects a due date written in the same call (see prepare-bill).
  if ('invoice_date_due' in vals && 'invoice_payment_term_id' in write) vals.invoice_payment_term_id = write.invoice_payment_term_id;
  return vals;
}

async function applyToRecord(
  client: OdooClient, target: WorkTarget & { resModel: Exclude<WorkTarget['resModel'], 'ir.attachment'> }, prepared: PreparedValues,
  policy: WritePolicy, marker: string, known?: ApplyKnown,
): Promise<ApplyResult> {
  const model = target.resModel;
  const id = target.resId as number;
  const defs = await client.fieldsGet(model);
  const lineField = LINE_FIELDS[model];
  const fields = [...new Set(['state', 'company_id', ...Object.keys(prepared.write), ...(lineField ? [lineField] : [])])]
    .filter((f) => f in defs);
  const baseContext = target.companyId ? companyScope(target.companyId).context : {};
  const current = await readOne(client, model, id, fields, baseContext);
  if (!current) throw new WriteBackError('TARGET_NOT_FOUND', `${model} ${id} does not exist`);
  const context = companyScope(target.companyId ?? m2oId(current.company_id)).context;

  // the states the rules table allows; a receipt (stock.picking) takes a note only, its done quantities go on its moves
  const editable = model === 'stock.picking' ? false
    : model === 'hr.expense' && !('state' in current) ? true
    : isWritableState(model, current.state);
  const kept: string[] = [];
  const vals = editable ? remainingValues(prepared.write, current, policy.overwrite, seenBy(prepared), kept, lineField) : {};
  const reviewReasons = kept.length ? [typedReason(kept, defs)] : [];
  if (kept.length && model === 'account.move') Object.assign(vals, reviewFlagValues(defs, true) ?? {});
  const written = Object.keys(vals);
  const note = reviewReasons.reduce(noteWithKept, prepared.note);
  // An editable record takes its note with its values, in one call and one transaction; a posted bill's values are
  // never touched, but the note still tells a person why (message_post).
  const noted = await alreadyNoted(client, model, id, marker, context, known);
  const withNote = editable && !noted && 'message_ids' in defs ? await noteInWrite(client, model, note, marker) : null;
  if (written.length > 0 || withNote) await client.write(model, [id], { ...vals, ...withNote }, context);
  if (model === 'stock.picking') await writeMoveQuantities(client, prepared, context);
  if (!noted && !withNote) {
    const messageId = await client.messagePost(model, id, noteWithMarker(note, marker), context);
    if (editable) await learnNoteSubtype(client, messageId); // the next notes go with their values
  }
  return { resModel: model, resId: id, created: false, written, notePosted: !noted, ...(reviewReasons.length ? { reviewReasons } : {}) };
}

async function applyToAttachment(
  client: OdooClient, target: WorkTarget, prepared: PreparedValues, marker: string,
): Promise<ApplyResult> {
  const companyId = target.companyId ?? m2oId(prepared.create_move?.company_id);
  const context = companyScope(companyId).context;
  const attachment = await readAttachment(client, target.attachmentId, context);
  if (!attachment) throw new WriteBackError('TARGET_NOT_FOUND', `ir.attachment ${target.attachmentId} does not exist`);

  let moveId: number | null = attachment.resModel === 'account.move' && attachment.resId ? attachment.resId : null;
  let created = false;
  if (moveId === null) {
    if (!prepared.create_move) {
      return { resModel: 'ir.attachment', resId: attachment.id, created: false, written: [], notePosted: false };
    }
    const defs = await client.fieldsGet('account.move');
    // The bill carries its document as main attachment from the start, so a crash between creating the bill and
    // linking the attachment is found again on retry.
    const tagged = 'message_main_attachment_id' in defs;
    if (tagged) {
      const [orphan] = await client.searchRead('account.move', [['message_main_attachment_id', '=', attachment.id]], {
        fields: ['id'], limit: 1, context,
      });
      if (orphan) moveId = orphan.id as number;
    }
    if (moveId === null) {
      const vals = tagged ? { ...prepared.create_move, message_main_attachment_id: attachment.id } : prepared.create_move;
      [moveId] = await client.create('account.move', [vals], context);
      created = true;
    }
    await client.write('ir.attachment', [attachment.id], { res_model: 'account.move', res_id: moveId }, context);
  }
  const notePosted = await postNoteOnce(client, 'account.move', moveId, prepared.note, marker, context);
  return {
    resModel: 'account.move', resId: moveId, created,
    written: created && prepared.create_move ? Object.keys(prepared.create_move) : [], notePosted,
  };
}

/** DELIVERY_WRITE_DONE: the receipt's done quantities as the delivery note says (moves not done or cancelled only;
 * the same values again on a retry). The receipt is never validated. */
async function writeMoveQuantities(client: OdooClient, prepared: PreparedValues, context: Record<string, unknown>): Promise<void> {
  const wanted = prepared.move_quantities ?? [];
  if (!wanted.length) return;
  const moves = await client.searchRead<{ id: number; state: string; quantity: number }>('stock.move', [['id', 'in', wanted.map((m) => m.move_id)]], { fields: ['id', 'state', 'quantity'], context });
  for (const m of moves) {
    const q = wanted.find((w) => w.move_id === m.id)!.quantity;
    if (['done', 'cancel'].includes(m.state) || m.quantity === q) continue;
    await client.write('stock.move', [m.id], { quantity: q, picked: true }, context);
  }
}

/** A customer's order from the inbox: its draft quotation, created once. The quotation carries the document's key
 * (origin) from the start, so a crash between creating it and filing the document is found again on retry. */
async function applyQuotation(client: OdooClient, target: WorkTarget, prepared: PreparedValues, marker: string): Promise<ApplyResult> {
  const vals = prepared.create_order!;
  const context = companyScope(target.companyId ?? m2oId(vals.company_id)).context;
  const attachment = await readAttachment(client, target.attachmentId, context);
  if (!attachment) throw new WriteBackError('TARGET_NOT_FOUND', `ir.attachment ${target.attachmentId} does not exist`);
  let orderId = attachment.resModel === 'sale.order' && attachment.resId ? attachment.resId : null;
  let created = false;
  if (orderId === null) {
    const [earlier] = await client.searchRead('sale.order', [['origin', '=', vals.origin]], { fields: ['id'], limit: 1, context });
    orderId = (earlier?.id as number | undefined) ?? null;
  }
  if (orderId === null) {
    [orderId] = await client.create('sale.order', [vals], context);
    created = true;
  }
  if (attachment.resModel !== 'sale.order' || attachment.resId !== orderId) {
    await client.write('ir.attachment', [attachment.id], { res_model: 'sale.order', res_id: orderId }, context);
  }
  const notePosted = await postNoteOnce(client, 'sale.order', orderId, prepared.note, marker, context);
  return { resModel: 'sale.order', resId: orderId, created, written: created ? Object.keys(vals) : [], notePosted };
}

/** An inbox document that is not a bill, filed on the record it was matched to (a delivery note: its receipt). */
async function applyFiled(client: OdooClient, target: WorkTarget, prepared: PreparedValues, marker: string): Promise<ApplyResult> {
  const to = prepared.attach_to!;
  const context = companyScope(target.companyId).context;
  const attachment = await readAttachment(client, target.attachmentId, context);
  if (!attachment) throw new WriteBackError('TARGET_NOT_FOUND', `ir.attachment ${target.attachmentId} does not exist`);
  if (attachment.resModel !== to.res_model || attachment.resId !== to.res_id) {
    await client.write('ir.attachment', [attachment.id], { res_model: to.res_model, res_id: to.res_id }, context);
  }
  if (to.res_model === 'stock.picking') await writeMoveQuantities(client, prepared, context);
  const notePosted = await postNoteOnce(client, to.res_model, to.res_id, prepared.note, marker, context);
  return { resModel: to.res_model, resId: to.res_id, created: false, written: prepared.move_quantities?.length ? ['move_quantities'] : [], notePosted };
}

export async function applyWriteBack(
  client: OdooClient, target: WorkTarget, prepared: PreparedValues, policy: WritePolicy, marker: string, known?: ApplyKnown,
): Promise<ApplyResult> {
  validateTarget(target);
  validatePolicy(policy);
  validateMarker(marker);
  if (prepared.activate_currency_ids?.length) {
    // planned only when ACTIVATE_CURRENCIES is on; the amounts written next are in this currency
    await client.write('res.currency', prepared.activate_currency_ids, { active: true });
  }
  if (target.resModel === 'ir.attachment' && prepared.create_order) return applyQuotation(client, target, prepared, marker);
  if (target.resModel === 'ir.attachment' && prepared.attach_to) return applyFiled(client, target, prepared, marker);
  if (target.resModel === 'ir.attachment') return applyToAttachment(client, target, prepared, marker);
  return applyToRecord(client, { ...target, resModel: target.resModel }, prepared, policy, marker, known);
}
