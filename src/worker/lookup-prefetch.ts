import type { ScanResult } from '../contract.js';
import type { OdooClient } from '../odoo/types.js';
import { planLookups } from '../writeback/lookup-plan.js';
import { idsOf, lookupKey, type LookupQuery, withIds } from '../writeback/lookups.js';
import { m2oId } from '../writeback/values.js';
import { isRetryable } from './errors.js';
import type { WorkItem, WorkSource } from './types.js';

// The write-back's reads in one round trip: the lookups it will most likely make are planned from the document
// (writeback/lookup-plan) and sent to the queue's batch call (addon: ocr.job.lookup); the answers are kept by the
// identity of each concrete search, so the write-back's own searchRead finds them (prefetched-client) and only
// what the plan missed goes to Odoo. Sources without a batch call (addon-less, an older addon) skip this.

type Row = Record<string, unknown>;

/** The batch's answers by lookupKey. Queries the source did not answer (an error, e.g. no access) are left out:
 * the write-back asks them itself and meets the error where its rules handle it. */
export function answersByKey(queries: LookupQuery[], answers: Array<Row[] | null>): Map<string, Row[]> {
  const byKey = new Map<string, Row[]>();
  queries.forEach((query, i) => {
    const rows = answers[i];
    if (!Array.isArray(rows)) return;
    const on = query.from ? answers[query.from.query] : null;
    if (query.from && !Array.isArray(on)) return;
    const concrete = withIds(query, on ? idsOf(on, query.from!.field) : []);
    if (concrete) byKey.set(lookupKey(concrete.model, concrete.domain, concrete.opts), rows);
  });
  return byKey;
}

export async function prefetchLookups(
  odoo: OdooClient, source: WorkSource, item: WorkItem, result: ScanResult, attachment: Row | undefined,
): Promise<Map<string, Row[]>> {
  if (!source.lookup) return new Map();
  const moveId = attachment?.res_model === 'account.move' ? m2oId(attachment.res_id) : null;
  const checksum = typeof attachment?.checksum === 'string' ? attachment.checksum : null;
  const queries = await planLookups(odoo, item.target, result, { checksum, moveId });
  if (queries.length === 0) return new Map();
  try {
    const answers = await source.lookup(item, queries);
    return answers ? answersByKey(queries, answers) : new Map();
  } catch (err) {
    // Odoo out of reach or the lease lost: the caller's to handle. Anything else (a search the addon refused) only
    // means the write-back asks for itself.
    if (isRetryable(err) || item.abandoned) throw err;
    return new Map();
  }
}
