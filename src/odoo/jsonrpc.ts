// Odoo's classic external API: POST /jsonrpc with {service, method, args}. Stateless: every object.execute_kw
// carries db, uid and the API key (or password), so there is no session cookie to expire or share.
import { OdooAuthError, OdooProtocolError, mapHttpStatus, mapOdooError, type MapContext } from './errors.js';
import type { HttpPort } from './http.js';
import type { Wire, WireCall } from './wire.js';

interface RpcEnvelope {
  jsonrpc?: string;
  result?: unknown;
  error?: { code?: number; message?: string; data?: Record<string, unknown> };
}

const POSITIONAL_FIRST: Record<string, string> = { create: 'vals_list', search: 'domain', search_read: 'domain', search_count: 'domain' };
/** Record methods whose first argument after the records goes positionally: models override `write` under other
 * argument names (res.company and res.users take `values`, most others `vals`), and a position fits them all. */
const POSITIONAL_AFTER_IDS: Record<string, string> = { write: 'vals' };

export class JsonRpcWire implements Wire {
  readonly kind = 'jsonrpc' as const;
  #http: HttpPort;
  #db: string;
  #login: string;
  #secret: string;
  #nextId = 1;

  constructor(http: HttpPort, db: string, login: string, secret: string) {
    this.#http = http;
    this.#db = db;
    this.#login = login;
    this.#secret = secret;
  }

  /** common/object service call; errors are mapped with the secret scrubbed out. */
  async service(service: string, method: string, args: unknown[], timeoutMs: number, where: Partial<MapContext> = {}): Promise<unknown> {
    const body = { jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: this.#nextId++ };
    const answer = await this.#http.request({ method: 'POST', path: '/jsonrpc', body, timeoutMs });
    const ctx: MapContext = { secrets: [this.#secret], httpStatus: answer.status, ...where, ...(answer.retryAfterMs !== undefined ? { retryAfterMs: answer.retryAfterMs } : {}) };
    const envelope = answer.json as RpcEnvelope | undefined;
    if (!envelope || typeof envelope !== 'object' || envelope.jsonrpc !== '2.0') {
      if (answer.status !== 200) throw mapHttpStatus(answer.status, { ...ctx, path: '/jsonrpc', contentType: answer.contentType });
      throw new OdooProtocolError(`the server did not answer like Odoo on /jsonrpc (${answer.contentType || 'no content type'})`, { httpStatus: answer.status });
    }
    if (envelope.error) {
      throw mapOdooError(envelope.error.data, { ...ctx, ...(typeof envelope.error.code === 'number' ? { rpcCode: envelope.error.code } : {}) });
    }
    if (answer.status !== 200) throw mapHttpStatus(answer.status, { ...ctx, path: '/jsonrpc' });
    return envelope.result;
  }

  async authenticate(timeoutMs: number): Promise<number> {
    const uid = await this.service('common', 'authenticate', [this.#db, this.#login, this.#secret, {}], timeoutMs);
    if (typeof uid !== 'number' || uid <= 0) {
      throw new OdooAuthError(`Odoo refused login "${this.#login}" on database "${this.#db}": wrong password or API key (keys belong to one user and one database)`);
    }
    return uid;
  }

  async execute(call: WireCall, uid: number): Promise<unknown> {
    // JSON-RPC passes the recordset as the first positional argument and everything else by name, except
    // the first argument of a few model methods: call_kw takes create's vals_list from args[0] (by name it
    // fails with IndexError, recorded), and the domain's parameter name changed across versions (args/domain).
    let args: unknown[] = call.ids ? [call.ids] : [];
    let named = call.kwargs;
    const first = call.ids ? POSITIONAL_AFTER_IDS[call.method] : POSITIONAL_FIRST[call.method];
    if (first && first in named) {
      const { [first]: value, ...rest } = named;
      args = [...args, value];
      named = rest;
    }
    const kwargs = call.context ? { ...named, context: call.context } : named;
    return this.service('object', 'execute_kw', [this.#db, uid, this.#secret, call.model, call.method, args, kwargs], call.timeoutMs,
      { model: call.model, method: call.method });
  }
}
