// applyWriteBack: the addon-less path, plain create/write/message_post over RPC. Without the addon there is no
// transaction around the whole job, so every step first looks at Odoo's state and skips what is already done:
// a retry after a crash never creates a second bill, second lines or a second note.
import type { OdooClient } from '../odoo/types.js';
import { companyScope } from './company.js';
import { escapeHtml } from './note.js';
import { readAttachment, readOne } from './prepare-context.js';
import { reviewFlagValues } from './rules.js';
import { type ApplyResult, type PreparedValues, type WorkTarget, WriteBackError, type WritePolicy } from './types.js';
import { validateMarker, validatePolicy, validateTarget } from './validate.js';
import { noteWithKept, seenBy, typedReason, typedSince } from './typed-between.js';
import { m2oId, sameOdooValue, x2manyIds } from './values.js';

const EDITABLE_EXPENSE_STATES = new Set(['draft', 'reported']);

/** The note as posted: the prepared html plus a visible reference that survives Odoo's html sanitizer
 * (comments and unknown data attributes may not) and is what a retry searches for. */
export function noteWithMarker(note: string, marker: string): string {
  return `${note}<p class="o_ocr_marker"><small>OCR ref ${escapeHtml(marker)}</small></p>`;
}

async function postNoteOnce(
  client: OdooClient, model: string, id: number, note: string, marker: string, context: Record<string, unknown>,
): Promise<boolean> {
  const already = await client.searchCount(
    'mail.message', [['model', '=', model], ['res_id', '=', id], ['body', 'ilike', marker]], context,
  );
  if (already > 0) return false;
  await client.messagePost(model, id, noteWithMarker(note, marker), context);
  return true;
}

function isCreateCommand(cmd: unknown): boolean {
  return Array.isArray(cmd) && cmd[0] === 0;
}

/** What is left of the prepared write once the record's current state is known; `kept` collects the fields a
 * person changed since the preparation read the record (their values stay, unless overwrite is on). */
function remainingValues(
  write: Record<string, unknown>, current: Record<string, unknown>, overwrite: boolean, seen: Record<string, unknown> | undefined,
  kept: string[],
): Record<string, unknown> {
  const lineIds = x2manyIds(current.invoice_line_ids);
  const vals: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(write)) {
    if (!(field in current)) continue; // read() only returns fields this server has
    if (field === 'invoice_line_ids' && Array.isArray(value)) {
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
  client: OdooClient, target: WorkTarget, prepared: PreparedValues, policy: WritePolicy, marker: string,
): Promise<ApplyResult> {
  const model = target.resModel;
  const id = target.resId as number;
  const defs = await client.fieldsGet(model);
  const fields = [...new Set(['state', 'company_id', ...Object.keys(prepared.write), ...(model === 'account.move' ? ['invoice_line_ids'] : [])])]
    .filter((f) => f in defs);
  const baseContext = target.companyId ? companyScope(target.companyId).context : {};
  const current = await readOne(client, model, id, fields, baseContext);
  if (!current) throw new WriteBackError('TARGET_NOT_FOUND', `${model} ${id} does not exist`);
  const context = companyScope(target.companyId ?? m2oId(current.company_id)).context;

  const editable = model === 'account.move'
    ? current.state === 'draft'
    : !('state' in current) || EDITABLE_EXPENSE_STATES.has(String(current.state));
  const kept: string[] = [];
  const vals = editable ? remainingValues(prepared.write, current, policy.overwrite, seenBy(prepared), kept) : {};
  const reviewReasons = kept.length ? [typedReason(kept, defs)] : [];
  if (kept.length && model === 'account.move') Object.assign(vals, reviewFlagValues(defs, true) ?? {});
  if (Object.keys(vals).length > 0) await client.write(model, [id], vals, context);
  // A posted bill's values are never touched, but the note still tells a person why.
  const note = reviewReasons.reduce(noteWithKept, prepared.note);
  const notePosted = await postNoteOnce(client, model, id, note, marker, context);
  return { resModel: model, resId: id, created: false, written: Object.keys(vals), notePosted, ...(reviewReasons.length ? { reviewReasons } : {}) };
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

export async function applyWriteBack(
  client: OdooClient, target: WorkTarget, prepared: PreparedValues, policy: WritePolicy, marker: string,
): Promise<ApplyResult> {
  validateTarget(target);
  validatePolicy(policy);
  validateMarker(marker);
  if (prepared.activate_currency_ids?.length) {
    // planned only when ACTIVATE_CURRENCIES is on; the amounts written next are in this currency
    await client.write('res.currency', prepared.activate_currency_ids, { active: true });
  }
  if (target.resModel === 'ir.attachment') return applyToAttachment(client, target, prepared, marker);
  return applyToRecord(client, target, prepared, policy, marker);
}
