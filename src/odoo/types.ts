// The connector's public shape. Everything else in the worker talks to Odoo only through OdooClient.

export type Domain = Array<string | [string, string, unknown]>;

export interface ServerVersion {
  serverVersion: string; // e.g. "17.0", "19.0-20251216"
  major: number; // 16, 17, 18, 19 ...
  info: Array<string | number>;
}

export interface FieldDef {
  type: string;
  string?: string;
  relation?: string;
  required?: boolean;
  readonly?: boolean;
  store?: boolean;
  selection?: Array<[string, string]>;
}

/** A call as both transports understand it: records (ids) plus named arguments. JSON-RPC sends
 * args=[ids] (when given) and kwargs; JSON-2 sends {ids, ...kwargs, context}. */
export interface CallSpec {
  ids?: number[];
  kwargs?: Record<string, unknown>;
  context?: Record<string, unknown>;
  /** Safe to send twice (added by the connector): time-outs and dropped connections are then retried too.
   * Defaults to true for read-only ORM methods and write, false for everything else. */
  idempotent?: boolean;
}

export interface SearchReadOptions {
  fields?: string[];
  limit?: number;
  offset?: number;
  order?: string;
  context?: Record<string, unknown>;
}

/** A per-document view of a client (the worker's prefetched reads) answers this symbol with the client it wraps, so
 * what is kept for a connection's life (a user's time zone) is kept once, not once per document. */
export const BASE_CLIENT = Symbol.for('odoo-ocr-worker.base-client');

/** The connection's own client behind any per-document views of it. */
export function baseClient(client: OdooClient): OdooClient {
  return ((client as unknown as Record<symbol, OdooClient | undefined>)[BASE_CLIENT]) ?? client;
}

export interface OdooClient {
  readonly transport: 'jsonrpc' | 'json2';
  version(): Promise<ServerVersion>;
  /** uid of the configured user; throws OdooAuthError on bad credentials (never retried). */
  authenticate(): Promise<number>;
  call<T = unknown>(model: string, method: string, spec?: CallSpec): Promise<T>;
  searchRead<T = Record<string, unknown>>(model: string, domain: Domain, opts?: SearchReadOptions): Promise<T[]>;
  searchCount(model: string, domain: Domain, context?: Record<string, unknown>): Promise<number>;
  read<T = Record<string, unknown>>(model: string, ids: number[], fields: string[], context?: Record<string, unknown>): Promise<T[]>;
  create(model: string, values: Record<string, unknown>[], context?: Record<string, unknown>): Promise<number[]>;
  write(model: string, ids: number[], values: Record<string, unknown>, context?: Record<string, unknown>): Promise<boolean>;
  /** fields_get, cached per model for the client's lifetime. */
  fieldsGet(model: string): Promise<Record<string, FieldDef>>;
  hasModel(model: string): Promise<boolean>;
  /** One attachment's bytes; checks file_size against maxBytes before fetching/decoding datas. */
  readAttachment(id: number, maxBytes: number): Promise<{ id: number; name: string; mimetype: string; data: Buffer }>;
  /** message_post on a record (chatter note, internal). Returns the message id. */
  messagePost(model: string, id: number, bodyHtml: string, context?: Record<string, unknown>): Promise<number>;
  /** RPCs sent since creation (for benchmarks and metrics). */
  readonly rpcCount: number;
  close(): void;
}
