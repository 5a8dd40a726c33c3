// The OdooClient the worker uses: one wire (JSON-RPC or JSON-2), bounded concurrency, retries with backoff,
// lazy authentication, cached fields_get, batched reads and writes, and an RPC counter.
import PQueue from 'p-queue';
import type { OdooLogger } from './config.js';
import {
  OdooAttachmentTooLargeError, OdooAccessError, OdooAuthError, OdooError, OdooMissingError, OdooNotFoundError,
  OdooProtocolError, OdooSessionExpiredError, OdooValidationError,
} from './errors.js';
import { FIELD_ATTRIBUTES } from './fields.js';
import type { HttpPort } from './http.js';
import { withRetries, type BackoffPolicy } from './retry.js';
import type { CallSpec, Domain, FieldDef, OdooClient, SearchReadOptions, ServerVersion } from './types.js';
import type { Wire } from './wire.js';

/** ORM methods that change nothing, or give the same end state when sent twice. */
const IDEMPOTENT_METHODS = new Set([
  'search', 'search_read', 'search_count', 'read', 'fields_get', 'name_search', 'default_get', 'check_access_rights',
  'check_access_rule', 'has_access', 'context_get', 'write', 'read_group',
]);

export interface ClientSettings {
  timeoutMs: number;
  maxConcurrency: number;
  backoff: BackoffPolicy;
  /** Rows per search_read/read page. */
  readBatchSize: number;
  /** Records per create/write call. */
  writeBatchSize: number;
  defaultContext?: Record<string, unknown>;
  logger?: OdooLogger;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function asIdList(value: unknown, what: string): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value as number[];
  throw new OdooProtocolError(`${what} answered ${JSON.stringify(value)?.slice(0, 80)}, expected record ids`);
}

export class OdooConnection implements OdooClient {
  readonly transport: 'jsonrpc' | 'json2';
  #wire: Wire;
  #http: HttpPort;
  #settings: ClientSettings;
  #version: ServerVersion;
  #queue: PQueue;
  #uid: Promise<number> | null = null;
  #authFailure: OdooAuthError | null = null;
  #fields = new Map<string, Promise<Record<string, FieldDef>>>();
  /** The name a model's write() gives its values, where it is not `vals` (learnt from Odoo's refusal, JSON-2). */
  #writeArgument = new Map<string, string>();
  #rpcCount = 0;

  constructor(wire: Wire, http: HttpPort, version: ServerVersion, settings: ClientSettings) {
    this.transport = wire.kind;
    this.#wire = wire;
    this.#http = http;
    this.#version = version;
    this.#settings = settings;
    this.#queue = new PQueue({ concurrency: settings.maxConcurrency });
    http.onRequest = () => { this.#rpcCount++; };
  }

  get rpcCount(): number {
    return this.#rpcCount;
  }

  async version(): Promise<ServerVersion> {
    return this.#version;
  }

  /** Authenticates once; a refusal is remembered so a wrong key costs one request, not one per call. */
  authenticate(): Promise<number> {
    return this.#withPolicy('common', 'authenticate', true, false, () => this.#login());
  }

  /** One login attempt, shared by concurrent callers; the retries belong to whoever needs the uid. */
  #login(): Promise<number> {
    if (this.#authFailure) return Promise.reject(this.#authFailure);
    if (!this.#uid) {
      this.#uid = this.#queue.add(() => this.#wire.authenticate(this.#settings.timeoutMs)) as Promise<number>;
      this.#uid.catch((err: unknown) => {
        if (err instanceof OdooAuthError) this.#authFailure = err;
        this.#uid = null;
      });
    }
    return this.#uid;
  }

  async call<T = unknown>(model: string, method: string, spec: CallSpec = {}): Promise<T> {
    const context = spec.context || this.#settings.defaultContext ? { ...this.#settings.defaultContext, ...spec.context } : undefined;
    const idempotent = spec.idempotent ?? IDEMPOTENT_METHODS.has(method);
    return (await this.#withPolicy(model, method, idempotent, true, (uid) => {
      return this.#wire.execute({
        model, method, kwargs: spec.kwargs ?? {}, timeoutMs: this.#settings.timeoutMs,
        ...(spec.ids ? { ids: spec.ids } : {}), ...(context ? { context } : {}),
      }, uid);
    })) as T;
  }

  /** Retries around one RPC; every attempt waits for a free slot, the backoff sleeps do not hold one. */
  async #withPolicy<T>(model: string, method: string, idempotent: boolean, needsUid: boolean, rpc: (uid: number) => Promise<T>): Promise<T> {
    const log = this.#settings.logger;
    return withRetries(async (attempt) => {
      const started = Date.now();
      try {
        // Log in outside the call's queue slot: holding a slot while waiting for the login's could deadlock.
        const uid = needsUid ? await this.#login() : 0;
        const result = needsUid ? await this.#queue.add(() => rpc(uid)) : await rpc(uid);
        log?.debug?.('odoo rpc', { transport: this.transport, model, method, attempt, ms: Date.now() - started });
        return result as T;
      } catch (err) {
        if (err instanceof OdooSessionExpiredError) this.#uid = null; // the next attempt logs in again
        log?.debug?.('odoo rpc failed', { transport: this.transport, model, method, attempt, ms: Date.now() - started, code: err instanceof OdooError ? err.code : 'UNEXPECTED' });
        throw err;
      }
    }, this.#settings.backoff, idempotent, (err, attempt, delayMs) => {
      log?.warn?.('odoo rpc retry', { transport: this.transport, model, method, attempt, delayMs, code: err.code, httpStatus: err.httpStatus, odooName: err.odooName });
    });
  }

  async searchRead<T = Record<string, unknown>>(model: string, domain: Domain, opts: SearchReadOptions = {}): Promise<T[]> {
    const batch = this.#settings.readBatchSize;
    const wanted = opts.limit ?? Infinity;
    // Paging needs a total order, or rows move between pages: add id as the tie-breaker. One page keeps
    // the caller's (or the model's default) order untouched.
    const order = wanted <= batch ? opts.order : opts.order ? (/\bid\b/.test(opts.order) ? opts.order : `${opts.order}, id`) : 'id';
    const rows: T[] = [];
    let offset = opts.offset ?? 0;
    for (let page = 0; page < 100_000 && rows.length < wanted; page++) {
      const limit = Math.min(batch, wanted - rows.length);
      const kwargs: Record<string, unknown> = { domain, offset, limit };
      if (order) kwargs.order = order;
      if (opts.fields) kwargs.fields = opts.fields;
      const pageRows = await this.call<T[]>(model, 'search_read', { kwargs, ...(opts.context ? { context: opts.context } : {}) });
      if (!Array.isArray(pageRows)) throw new OdooProtocolError(`${model}.search_read did not answer a list`);
      rows.push(...pageRows);
      if (pageRows.length < limit) break;
      offset += pageRows.length;
    }
    return rows;
  }

  async search(model: string, domain: Domain, opts: Omit<SearchReadOptions, 'fields'> = {}): Promise<number[]> {
    const kwargs: Record<string, unknown> = { domain };
    if (opts.limit !== undefined) kwargs.limit = opts.limit;
    if (opts.offset !== undefined) kwargs.offset = opts.offset;
    if (opts.order !== undefined) kwargs.order = opts.order;
    return asIdList(await this.call(model, 'search', { kwargs, ...(opts.context ? { context: opts.context } : {}) }), `${model}.search`);
  }

  async searchCount(model: string, domain: Domain, context?: Record<string, unknown>): Promise<number> {
    const count = await this.call(model, 'search_count', { kwargs: { domain }, ...(context ? { context } : {}) });
    if (typeof count !== 'number') throw new OdooProtocolError(`${model}.search_count did not answer a number`);
    return count;
  }

  async read<T = Record<string, unknown>>(model: string, ids: number[], fields: string[], context?: Record<string, unknown>): Promise<T[]> {
    const rows: T[] = [];
    for (const part of chunks(ids, this.#settings.readBatchSize)) {
      rows.push(...(await this.call<T[]>(model, 'read', { ids: part, kwargs: { fields }, ...(context ? { context } : {}) })));
    }
    return rows;
  }

  async create(model: string, values: Record<string, unknown>[], context?: Record<string, unknown>): Promise<number[]> {
    const ids: number[] = [];
    for (const part of chunks(values, this.#settings.writeBatchSize)) {
      ids.push(...asIdList(await this.call(model, 'create', { kwargs: { vals_list: part }, ...(context ? { context } : {}) }), `${model}.create`));
    }
    return ids;
  }

  async write(model: string, ids: number[], values: Record<string, unknown>, context?: Record<string, unknown>): Promise<boolean> {
    for (const part of chunks(ids, this.#settings.writeBatchSize)) {
      const send = (name: string) => this.call(model, 'write', { ids: part, kwargs: { [name]: values }, ...(context ? { context } : {}) });
      const known = this.#writeArgument.get(model) ?? 'vals';
      try {
        await send(known);
      } catch (err) {
        // JSON-2 binds arguments by name, and some models override write under another name (res.company and
        // res.users take `values`): Odoo names the one it missed, nothing was written, so send it again under it.
        const wanted = err instanceof OdooError ? /missing a required argument: '(\w+)'/.exec(err.message)?.[1] : undefined;
        if (!wanted || wanted === known) throw err;
        await send(wanted);
        this.#writeArgument.set(model, wanted);
      }
    }
    return true;
  }

  async unlink(model: string, ids: number[], context?: Record<string, unknown>): Promise<boolean> {
    for (const part of chunks(ids, this.#settings.writeBatchSize)) {
      await this.call(model, 'unlink', { ids: part, ...(context ? { context } : {}) });
    }
    return true;
  }

  fieldsGet(model: string): Promise<Record<string, FieldDef>> {
    let cached = this.#fields.get(model);
    if (!cached) {
      cached = this.call<Record<string, FieldDef>>(model, 'fields_get', { kwargs: { attributes: [...FIELD_ATTRIBUTES] } });
      this.#fields.set(model, cached);
      cached.catch(() => this.#fields.delete(model)); // failures are not cached
    }
    return cached;
  }

  async hasModel(model: string): Promise<boolean> {
    try {
      await this.fieldsGet(model);
      return true;
    } catch (err) {
      if (err instanceof OdooNotFoundError) return false;
      if (err instanceof OdooAccessError) return true; // it exists, we just may not read it
      throw err;
    }
  }

  async readAttachment(id: number, maxBytes: number): Promise<{ id: number; name: string; mimetype: string; data: Buffer }> {
    // Metadata first: file_size is checked before the (base64, ~4/3 larger) content is ever requested.
    const [meta] = await this.call<Array<Record<string, unknown>>>('ir.attachment', 'read', { ids: [id], kwargs: { fields: ['name', 'mimetype', 'file_size', 'type'] } });
    if (!meta) throw new OdooMissingError(`ir.attachment ${id} does not exist or is not readable`, { model: 'ir.attachment', method: 'read' });
    if (meta.type === 'url') throw new OdooValidationError(`ir.attachment ${id} is a link, not a stored file`, { model: 'ir.attachment' });
    const size = typeof meta.file_size === 'number' ? meta.file_size : 0;
    if (size > maxBytes) throw new OdooAttachmentTooLargeError(id, size, maxBytes);
    const [content] = await this.call<Array<Record<string, unknown>>>('ir.attachment', 'read', { ids: [id], kwargs: { fields: ['datas'] } });
    if (!content) throw new OdooMissingError(`ir.attachment ${id} was deleted while it was being read`, { model: 'ir.attachment', method: 'read' });
    const datas = typeof content.datas === 'string' ? content.datas : '';
    if (datas.length > Math.ceil(maxBytes / 3) * 4 + 4) throw new OdooAttachmentTooLargeError(id, Math.floor((datas.length * 3) / 4), maxBytes);
    const data = Buffer.from(datas, 'base64');
    if (data.length > maxBytes) throw new OdooAttachmentTooLargeError(id, data.length, maxBytes);
    return { id, name: typeof meta.name === 'string' ? meta.name : `attachment-${id}`, mimetype: typeof meta.mimetype === 'string' ? meta.mimetype : 'application/octet-stream', data };
  }

  async messagePost(model: string, id: number, bodyHtml: string, context?: Record<string, unknown>): Promise<number> {
    const kwargs: Record<string, unknown> = { body: bodyHtml, message_type: 'comment', subtype_xmlid: 'mail.mt_note' };
    // 17.0+ HTML-escapes a plain string body sent over RPC unless body_is_html is set; 16 has no such argument.
    if (this.#version.major >= 17) kwargs.body_is_html = true;
    const answer = await this.call(model, 'message_post', { ids: [id], kwargs, ...(context ? { context } : {}) });
    const [messageId] = asIdList(answer, `${model}.message_post`);
    if (messageId === undefined) throw new OdooProtocolError(`${model}.message_post returned no message id`);
    return messageId;
  }

  close(): void {
    // Queued calls still run and fail fast on the closed port, so no caller is left waiting forever.
    this.#http.close();
  }
}
