// What it takes to reach one Odoo database, and the checks that turn a bad config into one clear message.
import { OdooConfigError } from './errors.js';

export type OdooTransportChoice = 'auto' | 'jsonrpc' | 'json2';

/** Structured logger the connector writes to (winston's Logger fits). Messages and meta never carry secrets,
 * RPC arguments or record contents: only model, method, timings and error codes. */
export interface OdooLogger {
  debug?(message: string, meta?: Record<string, unknown>): unknown;
  info?(message: string, meta?: Record<string, unknown>): unknown;
  warn?(message: string, meta?: Record<string, unknown>): unknown;
  error?(message: string, meta?: Record<string, unknown>): unknown;
}

export interface OdooConnectionConfig {
  /** Base URL, e.g. https://erp.example.com (a path prefix is kept). */
  url: string;
  db: string;
  username: string;
  /** Preferred: a per-user API key (Preferences > Account Security). Needed for JSON-2. */
  apiKey?: string;
  password?: string;
  /** Per-RPC time-out, whole request including the body (default 30 000 ms). */
  timeoutMs?: number;
  /** RPCs in flight towards Odoo at once (default 4). */
  maxConcurrency?: number;
  /** Extra attempts for retryable failures (default 3). */
  retries?: number;
  /** 'auto' (default) probes the server and prefers JSON-2 when it is offered and an API key is given. */
  transport?: OdooTransportChoice;
  logger?: OdooLogger;
  /** Context merged under every call's own context, e.g. {lang, tz, allowed_company_ids}. */
  context?: Record<string, unknown>;
}

export const CONFIG_DEFAULTS = { timeoutMs: 30_000, maxConcurrency: 4, retries: 3, transport: 'auto' as OdooTransportChoice };

/** Throws OdooConfigError listing every mistake at once (never echoing a secret). */
export function validateConnectionConfig(cfg: OdooConnectionConfig): void {
  const problems: string[] = [];
  let parsed: URL | null = null;
  try {
    parsed = new URL(cfg.url);
  } catch {
    problems.push(`url "${String(cfg.url)}" is not a URL (expected e.g. https://erp.example.com)`);
  }
  if (parsed && parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    problems.push(`url must start with http:// or https:// (got ${parsed.protocol})`);
  }
  if (parsed && (parsed.username || parsed.password)) problems.push('url must not contain credentials');
  if (!cfg.db || typeof cfg.db !== 'string') problems.push('db (the Odoo database name) is required');
  if (!cfg.username || typeof cfg.username !== 'string') problems.push('username (the Odoo login) is required');
  if (!cfg.apiKey && !cfg.password) problems.push('give apiKey (preferred) or password');
  if (cfg.transport !== undefined && !['auto', 'jsonrpc', 'json2'].includes(cfg.transport)) {
    problems.push(`transport must be auto, jsonrpc or json2 (got ${String(cfg.transport)})`);
  }
  if (cfg.transport === 'json2' && !cfg.apiKey) problems.push('transport json2 needs an apiKey (JSON-2 does not accept passwords)');
  const positive = (name: string, value: unknown, max: number) => {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
      problems.push(`${name} must be an integer between 1 and ${max}`);
    }
  };
  positive('timeoutMs', cfg.timeoutMs, 3_600_000);
  positive('maxConcurrency', cfg.maxConcurrency, 64);
  if (cfg.retries !== undefined && (!Number.isInteger(cfg.retries) || cfg.retries < 0 || cfg.retries > 10)) {
    problems.push('retries must be an integer between 0 and 10');
  }
  if (problems.length) throw new OdooConfigError(problems);
}
