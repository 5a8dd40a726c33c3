import { BASE_CLIENT, baseClient, type Domain, type OdooClient, type SearchReadOptions } from '../odoo/types.js';
import { lookupKey } from '../writeback/lookups.js';

// A per-document view of the Odoo client that answers reads of records the worker already holds. The worker reads
// the attachment once (content and metadata in one RPC); when the write-back then asks for that same attachment
// by id, the answer comes from memory instead of another round trip. So do searches whose answers came in the
// write-back's batch of lookups (lookup-prefetch), by their exact model, domain and options. Everything else goes
// to Odoo unchanged.

type Row = Record<string, unknown>;

export function singleIdLookup(domain: Domain): number | null {
  if (domain.length !== 1) return null;
  const [term] = domain;
  return Array.isArray(term) && term[0] === 'id' && term[1] === '=' && typeof term[2] === 'number' ? term[2] : null;
}

export function withPrefetched(client: OdooClient, prefetched: Map<string, Row>, lookups: Map<string, Row[]> = new Map()): OdooClient {
  const fromMemory = (model: string, ids: number[], fields: string[] | undefined): Row[] | null => {
    if (!fields?.length) return null;
    const rows: Row[] = [];
    for (const id of ids) {
      const row = prefetched.get(`${model}:${id}`);
      if (!row || !fields.every((f) => f in row)) return null;
      rows.push(Object.fromEntries([['id', id], ...fields.map((f) => [f, structuredClone(row[f])])]));
    }
    return rows;
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'searchRead') {
        return <T>(model: string, domain: Domain, opts?: SearchReadOptions): Promise<T[]> => {
          const id = singleIdLookup(domain);
          const rows = id !== null && (opts?.offset ?? 0) === 0 ? fromMemory(model, [id], opts?.fields) : null;
          if (rows) return Promise.resolve(rows as T[]);
          const looked = lookups.get(lookupKey(model, domain, opts));
          return looked ? Promise.resolve(structuredClone(looked) as T[]) : target.searchRead<T>(model, domain, opts);
        };
      }
      if (prop === 'read') {
        return <T>(model: string, ids: number[], fields: string[], context?: Record<string, unknown>): Promise<T[]> => {
          const rows = fromMemory(model, ids, fields);
          return rows ? Promise.resolve(rows as T[]) : target.read<T>(model, ids, fields, context);
        };
      }
      if (prop === BASE_CLIENT) return baseClient(target);
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
