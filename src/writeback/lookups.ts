// The write-back's reads of Odoo as data: each lookup is a search_read described by a LookupQuery, built by the
// module whose rule needs it (partner-match, duplicates, currency, prepare-context) and run through searchLookup.
// Described this way, the queries a document will need can also be planned ahead and sent in one batch (the addon's
// ocr.job.lookup), and the answers recognised when the rule asks for them (lookupKey): the rules stay here, in one
// place, whether their reads arrive one by one or together.
import type { Domain, OdooClient, SearchReadOptions } from '../odoo/types.js';
import { m2oId } from './values.js';

export interface LookupQuery {
  model: string;
  domain: Domain;
  opts: SearchReadOptions;
  /** A query that needs an earlier query's answer (same batch): its domain gets [as, 'in', ids] with the ids of
   * `field` in the rows of query number `query` (idsOf); no ids, no rows. `as` defaults to 'id'. */
  from?: { query: number; field: string; as?: string };
}

/** The `from.query` of a dependent query not (yet) placed in a batch: its ids are given when it is made concrete
 * (withIds), by the rule that ran the earlier search itself, or by the plan that places it after its source. */
export const UNPLACED = -1;

/** The distinct record ids a field holds across rows (many2one [id, name] or a bare id), in row order. */
export function idsOf(rows: Array<Record<string, unknown>>, field: string): number[] {
  return [...new Set(rows.map((r) => m2oId(r[field])).filter((id): id is number => id !== null))];
}

/** The query made concrete with the ids it depends on (null when there are none: the answer is no rows). */
export function withIds(query: LookupQuery, ids: number[]): LookupQuery | null {
  if (!query.from) return query;
  if (ids.length === 0) return null;
  const { from, ...rest } = query;
  return { ...rest, domain: [[from.as ?? 'id', 'in', ids], ...query.domain] };
}

/** Identity of a concrete search_read: the same model, domain and options give the same rows. */
export function lookupKey(model: string, domain: Domain, opts: SearchReadOptions = {}): string {
  return JSON.stringify([model, domain, opts.fields ?? null, opts.limit ?? null, opts.offset ?? 0, opts.order ?? null, opts.context ?? {}]);
}

export function searchLookup<T = Record<string, unknown>>(client: OdooClient, query: LookupQuery): Promise<T[]> {
  return client.searchRead<T>(query.model, query.domain, query.opts);
}
