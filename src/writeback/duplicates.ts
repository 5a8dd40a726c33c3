// Possible duplicates are only reported, never merged or deleted: a person decides.
import type { OdooClient } from '../odoo/types.js';
import { type CompanyScope, companyOnly } from './company.js';
import { m2oId, stringOrNull } from './values.js';

const BILL_TYPES = ['in_invoice', 'in_refund'];

function describeMove(m: Record<string, unknown>): string {
  const name = stringOrNull(m.name);
  return name && name !== '/' ? `${name} (id ${String(m.id)})` : `id ${String(m.id)}`;
}

/** Other non-cancelled bills of the same vendor carrying the same vendor reference. A bill whose main attachment is
 * `ownAttachmentId` is this document's own (created by an earlier try that died before linking the file), not a
 * duplicate of it. */
export async function billsWithSameRef(
  client: OdooClient, scope: CompanyScope, partnerId: number, ref: string, excludeMoveId: number | null,
  ownAttachmentId: number | null = null,
): Promise<string[]> {
  const domain: Array<[string, string, unknown]> = [
    ['move_type', 'in', BILL_TYPES], ['partner_id', '=', partnerId], ['ref', '=', ref], ['state', '!=', 'cancel'],
  ];
  if (excludeMoveId) domain.push(['id', '!=', excludeMoveId]);
  const rows = await client.searchRead('account.move', [...domain, ...companyOnly(scope)], {
    fields: ['id', 'name', ...(ownAttachmentId ? ['message_main_attachment_id'] : [])], limit: 5, context: scope.context,
  });
  return rows.filter((m) => !ownAttachmentId || m2oId(m.message_main_attachment_id) !== ownAttachmentId).map(describeMove);
}

/** Other non-cancelled moves that already hold a file with the same content (Odoo's sha1 checksum). */
export async function movesWithSameFile(
  client: OdooClient, scope: CompanyScope, attachmentId: number, checksum: string | null, excludeMoveId: number | null,
): Promise<string[]> {
  if (!checksum) return [];
  const atts = await client.searchRead(
    'ir.attachment',
    [['checksum', '=', checksum], ['res_model', '=', 'account.move'], ['id', '!=', attachmentId]],
    { fields: ['id', 'res_id'], limit: 20, context: scope.context },
  );
  const moveIds = [...new Set(atts.map((a) => m2oId(a.res_id)).filter((id): id is number => id !== null && id !== excludeMoveId))];
  if (moveIds.length === 0) return [];
  const moves = await client.searchRead('account.move', [['id', 'in', moveIds], ['state', '!=', 'cancel']], {
    fields: ['id', 'name'], limit: 5, context: scope.context,
  });
  return moves.map(describeMove);
}
