// Odoo 19+'s JSON-2 API: POST /json/2/<model>/<method>, bearer API key, arguments by name, bare JSON results,
// errors as HTTP status + {name, message, arguments, context, debug}. No password login exists here.
import { OdooAuthError, OdooProtocolError, mapHttpStatus, mapOdooError, type MapContext, type OdooErrorPayload } from './errors.js';
import type { HttpPort } from './http.js';
import type { Wire, WireCall } from './wire.js';

export class Json2Wire implements Wire {
  readonly kind = 'json2' as const;
  #http: HttpPort;
  #db: string;
  #login: string;
  #apiKey: string;

  constructor(http: HttpPort, db: string, login: string, apiKey: string) {
    this.#http = http;
    this.#db = db;
    this.#login = login;
    this.#apiKey = apiKey;
  }

  async post(model: string, method: string, body: Record<string, unknown>, timeoutMs: number): Promise<unknown> {
    const path = `/json/2/${encodeURIComponent(model)}/${encodeURIComponent(method)}`;
    const answer = await this.#http.request({
      method: 'POST',
      path,
      body,
      timeoutMs,
      headers: { Authorization: `bearer ${this.#apiKey}`, 'X-Odoo-Database': this.#db },
    });
    const ctx: MapContext = { secrets: [this.#apiKey], httpStatus: answer.status, model, method, ...(answer.retryAfterMs !== undefined ? { retryAfterMs: answer.retryAfterMs } : {}) };
    if (answer.status === 200) {
      if (answer.json === undefined) throw new OdooProtocolError(`the server did not answer JSON on ${path} (${answer.contentType || 'no content type'})`, { httpStatus: 200, model, method });
      return answer.json;
    }
    const payload = answer.json as OdooErrorPayload | undefined;
    if (payload && typeof payload === 'object' && typeof payload.name === 'string') throw mapOdooError(payload, ctx);
    throw mapHttpStatus(answer.status, { ...ctx, path, contentType: answer.contentType });
  }

  async authenticate(timeoutMs: number): Promise<number> {
    // JSON-2 has no login call: a cheap authenticated read both checks the key and finds the user's id.
    let ids: unknown;
    try {
      ids = await this.post('res.users', 'search', { domain: [['login', '=', this.#login]], limit: 1 }, timeoutMs);
    } catch (err) {
      if (err instanceof OdooAuthError) {
        throw new OdooAuthError(`Odoo refused the API key for "${this.#login}" on database "${this.#db}" (JSON-2): wrong, revoked or expired key, or a key of another database`, { httpStatus: err.httpStatus ?? 401, odooName: err.odooName });
      }
      throw err;
    }
    if (!Array.isArray(ids) || typeof ids[0] !== 'number') {
      throw new OdooAuthError(`the API key was accepted but no user has the login "${this.#login}" on database "${this.#db}"`);
    }
    return ids[0];
  }

  async execute(call: WireCall): Promise<unknown> {
    const body: Record<string, unknown> = { ...call.kwargs };
    if (call.ids) body.ids = call.ids;
    if (call.context) body.context = call.context;
    return this.post(call.model, call.method, body, call.timeoutMs);
  }
}
