// connectOdoo: validate the settings, probe the server, pick the transport, return a ready OdooClient.
//
// Why not odoo-await (the library the card named): its 3.4.1 source speaks only XML-RPC (/xmlrpc/2/common and
// /xmlrpc/2/object) through the `xmlrpc` package (1.3.2, unmaintained since 2016), which has no request time-out
// and sends every whole number as a 32-bit <int>; odoo-await adds no retries, no typed errors, no JSON-2 and
// rejects a failed login with a bare string. A thin client on axios covers both of Odoo's JSON transports with
// time-outs, retries and typed errors, and keeps XML-RPC (deprecated in 19, removed in 20) out entirely.
import { CONFIG_DEFAULTS, validateConnectionConfig, type OdooConnectionConfig } from './config.js';
import { OdooConnection, type ClientSettings } from './client.js';
import { HttpPort } from './http.js';
import { Json2Wire } from './json2.js';
import { JsonRpcWire } from './jsonrpc.js';
import { DEFAULT_BACKOFF, withRetries, type BackoffPolicy } from './retry.js';
import type { OdooClient } from './types.js';
import { json2Unavailable, probeServer } from './version.js';

export interface ConnectOptions {
  /** Backoff tuning (tests shrink the delays); retries come from cfg.retries. */
  backoff?: Partial<Omit<BackoffPolicy, 'retries'>>;
  readBatchSize?: number;
  writeBatchSize?: number;
  /** Check the credentials during connect (default true), so a wrong key fails here with one clear message. */
  authenticate?: boolean;
}

export async function connectOdoo(cfg: OdooConnectionConfig, opts: ConnectOptions = {}): Promise<OdooClient> {
  validateConnectionConfig(cfg);
  const timeoutMs = cfg.timeoutMs ?? CONFIG_DEFAULTS.timeoutMs;
  const maxConcurrency = cfg.maxConcurrency ?? CONFIG_DEFAULTS.maxConcurrency;
  const choice = cfg.transport ?? CONFIG_DEFAULTS.transport;
  const backoff: BackoffPolicy = { ...DEFAULT_BACKOFF, ...opts.backoff, retries: cfg.retries ?? CONFIG_DEFAULTS.retries };
  const http = new HttpPort(cfg.url, maxConcurrency);
  try {
    const secret = (cfg.apiKey ?? cfg.password) as string;
    const rpc = new JsonRpcWire(http, cfg.db, cfg.username, secret);
    const probe = await withRetries(() => probeServer(http, rpc, cfg.db, timeoutMs, choice !== 'jsonrpc' && !!cfg.apiKey), backoff, true,
      (err, attempt, delayMs) => cfg.logger?.warn?.('odoo probe retry', { attempt, delayMs, code: err.code, httpStatus: err.httpStatus }));
    if (choice === 'json2' && !probe.json2) throw json2Unavailable(probe.version);
    const wire = probe.json2 && cfg.apiKey && choice !== 'jsonrpc' ? new Json2Wire(http, cfg.db, cfg.username, cfg.apiKey) : rpc;
    const settings: ClientSettings = {
      timeoutMs, maxConcurrency, backoff,
      readBatchSize: opts.readBatchSize ?? 500,
      writeBatchSize: opts.writeBatchSize ?? 100,
      ...(cfg.context ? { defaultContext: cfg.context } : {}),
      ...(cfg.logger ? { logger: cfg.logger } : {}),
    };
    const client = new OdooConnection(wire, http, probe.version, settings);
    cfg.logger?.info?.('odoo connected', { server: probe.version.serverVersion, transport: wire.kind, db: cfg.db });
    if (opts.authenticate !== false) await client.authenticate();
    return client;
  } catch (err) {
    http.close();
    throw err;
  }
}
