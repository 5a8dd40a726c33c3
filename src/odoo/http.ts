// One keep-alive HTTP connection pool towards one Odoo server, with a hard per-request deadline. It only moves
// bytes: it parses JSON when the server sends it and turns socket-level failures into typed errors. Axios errors
// are never passed on, because they hold the request config (bodies with passwords, Authorization headers).
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { OdooError, OdooNetworkError, OdooProtocolError, OdooTimeoutError } from './errors.js';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  contentType: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  /** Retry-After converted to ms, when the server sent one. */
  retryAfterMs?: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

// Connection-level failures where the request certainly did not reach Odoo's application code.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED_BEFORE_SEND']);

export class HttpPort {
  readonly baseUrl: string;
  #axios: AxiosInstance;
  #agents: Array<http.Agent>;
  #closed = false;
  /** Called once per request actually sent. */
  onRequest: () => void = () => {};

  constructor(baseUrl: string, maxSockets: number) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    const httpAgent = new http.Agent({ keepAlive: true, maxSockets });
    const httpsAgent = new https.Agent({ keepAlive: true, maxSockets });
    this.#agents = [httpAgent, httpsAgent];
    this.#axios = axios.create({
      baseURL: this.baseUrl,
      httpAgent,
      httpsAgent,
      proxy: false,
      responseType: 'text',
      // Keep the raw text: Odoo answers HTML on some errors and we decide how to parse.
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      decompress: true,
    });
  }

  async request(req: HttpRequest): Promise<HttpAnswer> {
    // Not retryable: calls queued before close() fail at once instead of waiting or hanging.
    if (this.#closed) throw new OdooError('NETWORK', 'the Odoo client was closed', false);
    const controller = new AbortController();
    // The deadline covers connect, upload, server time and download; axios' own timeout is only socket idle time.
    const timer = setTimeout(() => controller.abort(), req.timeoutMs);
    this.onRequest();
    try {
      const res = await this.#axios.request<string>({
        method: req.method,
        url: req.path,
        data: req.body === undefined ? undefined : JSON.stringify(req.body),
        headers: { Accept: 'application/json', ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...req.headers },
        signal: controller.signal,
      });
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(res.headers ?? {})) {
        if (value !== undefined && value !== null) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      const contentType = headers['content-type'] ?? '';
      let json: unknown;
      if (typeof res.data === 'string' && res.data.length && /json/i.test(contentType)) {
        try {
          json = JSON.parse(res.data);
        } catch {
          json = undefined;
        }
      }
      if (res.status >= 300 && res.status < 400) {
        // Redirects are not followed (a POST would turn into a GET): the configured URL is the one to fix.
        throw new OdooProtocolError(`${req.path} redirects (HTTP ${res.status}) to ${headers.location ?? 'another address'}: configure the final Odoo URL`, { httpStatus: res.status });
      }
      const retryAfterMs = parseRetryAfter(headers['retry-after']);
      return { status: res.status, headers, contentType, json, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    } catch (err) {
      if (err instanceof OdooError) throw err;
      if (controller.signal.aborted) {
        throw new OdooTimeoutError(`no answer from Odoo within ${req.timeoutMs} ms (${req.method} ${req.path})`);
      }
      const code = (err as { code?: string }).code ?? 'UNKNOWN';
      const sent = !NOT_SENT.has(code);
      throw new OdooNetworkError(`cannot reach Odoo at ${this.baseUrl} (${code} on ${req.method} ${req.path})`, sent);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.#closed = true;
    for (const agent of this.#agents) agent.destroy();
  }
}
