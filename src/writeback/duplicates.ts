// Possible duplicates are only reported, never merged or deleted: a person decides.
import type { OdooClient } from '../odoo/types.js';
import { type CompanyScope, companyOnly } from './company.js';
import { idsOf, type LookupQuery, searchLookup, UNPLACED, withIds } from './lookups.js';
import { BILL_MOVE_TYPES } from './rules.js';
import { m2oId, stringOrNull } from './values.js';

/** Bills with one reference, of any vendor, looked at: the vendor is compared here, so the search does not depend on
 * which vendor the bill ends up with (and can be sent before that is decided). */
const SAME_REF_SEARCH_LIMIT = 50;
const REPORTED = 5;

function describeMove(m: Record<string, unknown>): string {
  const name = stringOrNull(m.name);
  return name && name !== '/' ? `${name} (id ${String(m.id)})` : `id ${String(m.id)}`;
}

/** Non-cancelled bills carrying this vendor reference, other than `excludeMoveId`. */
export function sameRefQuery(scope: CompanyScope, ref: string, excludeMoveId: number | null, withMainAttachment: boolean): LookupQuery {
  const domain: Array<[string, string, unknown]> = [['move_type', 'in', BILL_MOVE_TYPES], ['ref', '=', ref], ['state', '!=', 'cancel']];
  if (excludeMoveId) domain.push(['id', '!=', excludeMoveId]);
  return {
    model: 'account.move', domain: [...domain, ...companyOnly(scope)],
    opts: { fields: ['id', 'name', 'partner_id', ...(withMainAttachment ? ['message_main_attachment_id'] : [])], limit: SAME_REF_SEARCH_LIMIT, order: 'id desc', context: scope.context },
  };
}

/** Other non-cancelled bills of the same vendor carrying the same vendor reference. A bill whose main attachment is
 * `ownAttachmentId` is this document's own (created by an earlier try that died before linking the file), not a
 * duplicate of it. */
export async function billsWithSameRef(
  client: OdooClient, scope: CompanyScope, partnerId: number, ref: string, excludeMoveId: number | null,
  ownAttachmentId: number | null = null,
): Promise<string[]> {
  const rows = await searchLookup(client, sameRefQuery(scope, ref, excludeMoveId, ownAttachmentId !== null));
  return rows
    .filter((m) => m2oId(m.partner_id) === partnerId && (!ownAttachmentId || m2oId(m.message_main_attachment_id) !== ownAttachmentId))
    .slice(0, REPORTED).map(describeMove);
}

/** Other files with the same content (Odoo's sha1 checksum) on vendor bills and other moves. */
export function sameFileQuery(scope: CompanyScope, attachmentId: number, checksum: string): LookupQuery {
  return {
    model: 'ir.attachment', domain: [['checksum', '=', checksum], ['res_model', '=', 'account.move'], ['id', '!=', attachmentId]],
    opts: { fields: ['id', 'res_id'], limit: 20, context: scope.context },
  };
}

/** The non-cancelled moves, other than `excludeMoveId`, holding the files of query `files`. */
export function movesOfFilesQuery(scope: CompanyScope, files: number, excludeMoveId: number | null): LookupQuery {
  const domain: Array<[string, string, unknown]> = [['state', '!=', 'cancel']];
  if (excludeMoveId) domain.push(['id', '!=', excludeMoveId]);
  return { model: 'account.move', domain, opts: { fields: ['id', 'name'], limit: REPORTED, context: scope.context }, from: { query: files, field: 'res_id' } };
}

/** Other non-cancelled moves that already hold a file with the same content. */
export async function movesWithSameFile(
  client: OdooClient, scope: CompanyScope, attachmentId: number, checksum: string | null, excludeMoveId: number | null,
): Promise<string[]> {
  if (!checksum) return [];
  const files = await searchLookup(client, sameFileQuery(scope, attachmentId, checksum));
  const moveIds = idsOf(files, 'res_id').filter((id) => id !== excludeMoveId);
  const moves = withIds(movesOfFilesQuery(scope, UNPLACED, excludeMoveId), moveIds.length ? idsOf(files, 'res_id') : []);
  return moves ? (await searchLookup(client, moves)).map(describeMove) : [];
}
