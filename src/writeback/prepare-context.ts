// What every target-specific preparation receives and returns.
import type { ExtractedFields, ScanResult } from '../contract.js';
import type { OdooClient } from '../odoo/types.js';
import { companyScope, type CompanyScope } from './company.js';
import { WriteDecisions } from './decisions.js';
import { writeThresholdOf } from './validate.js';
import { WriteBackError } from './types.js';
import type { WorkTarget, WritePolicy } from './types.js';
import { m2oId, stringOrNull } from './values.js';

export interface PrepareInput {
  client: OdooClient;
  target: WorkTarget;
  result: ScanResult;
  fields: ExtractedFields;
  policy: WritePolicy;
}

export interface PreparedTarget {
  decisions: WriteDecisions;
  /** Where the values go: the target record (write) or a bill to create (create_move). */
  mode: 'write' | 'create' | 'none';
  /** The review flag (to_check / checked) may be set on this record. */
  canFlagReview: boolean;
  partnerOutcome: string | null;
  action: string;
}

export interface AttachmentInfo {
  id: number;
  name: string | null;
  checksum: string | null;
  resModel: string | null;
  resId: number | null;
  companyId: number | null;
}

export async function readAttachment(client: OdooClient, id: number, context: Record<string, unknown>): Promise<AttachmentInfo | null> {
  const row = await readOne(client, 'ir.attachment', id, ['name', 'checksum', 'res_model', 'res_id', 'company_id'], context);
  if (!row) return null;
  return {
    id,
    name: stringOrNull(row.name),
    checksum: stringOrNull(row.checksum),
    resModel: stringOrNull(row.res_model),
    resId: m2oId(row.res_id),
    companyId: m2oId(row.company_id),
  };
}

/** One record or null when it does not exist (read() would raise MissingError instead). */
export async function readOne(
  client: OdooClient, model: string, id: number, fields: string[], context: Record<string, unknown>,
): Promise<Record<string, unknown> | null> {
  const rows = await client.searchRead(model, [['id', '=', id]], { fields, limit: 1, context });
  return rows[0] ?? null;
}

/** Only the fields this server has (fields_get), so one read works on 16, 17 and 19. */
export function existing(fieldDefs: Record<string, unknown>, names: string[]): string[] {
  return names.filter((n) => n in fieldDefs);
}

/** The target record as it stands, read in its own company, with the write decisions for it: shared start of the
 * bill and expense preparations. */
export async function openTarget(input: PrepareInput, model: 'account.move' | 'hr.expense', fieldNames: string[]) {
  const { client, target, policy } = input;
  const id = target.resId as number;
  const defs = await client.fieldsGet(model);
  const baseContext = target.companyId ? companyScope(target.companyId).context : {};
  const current = await readOne(client, model, id, existing(defs, fieldNames), baseContext);
  if (!current) throw new WriteBackError('TARGET_NOT_FOUND', `${model} ${id} does not exist`);
  const scope: CompanyScope = companyScope(target.companyId ?? m2oId(current.company_id));
  return { id, defs, current, scope, decisions: new WriteDecisions(writeThresholdOf(policy), policy.overwrite, defs, model) };
}
