// Typed errors for everything that can go wrong between the worker and Odoo, and the mapping from what Odoo
// actually sends (JSON-RPC error data, JSON-2 HTTP status + body) to them. Error objects carry no request
// bodies, headers or secrets: the mapper is given the secrets and scrubs them from every text it keeps.

export type OdooErrorCode =
  | 'AUTH' | 'ACCESS' | 'VALIDATION' | 'MISSING' | 'SESSION_EXPIRED' | 'SERVER' | 'CONCURRENCY' | 'NETWORK'
  | 'TIMEOUT' | 'NOT_FOUND' | 'DATABASE' | 'PROTOCOL' | 'CONFIG' | 'TOO_LARGE';

export interface OdooErrorDetails {
  /** Python exception name as Odoo reports it, e.g. "odoo.exceptions.ValidationError". */
  odooName?: string | null;
  httpStatus?: number;
  /** Server asked us to wait this long (Retry-After), in ms. */
  retryAfterMs?: number;
  model?: string;
  method?: string;
  /** Last line of the server traceback, scrubbed. */
  debug?: string;
}

export class OdooError extends Error {
  readonly code: OdooErrorCode;
  /** Safe to try again after a pause (the failure is transient). */
  readonly retryable: boolean;
  /** True when the request may have been applied before it failed (time-out, reset connection): only
   * idempotent calls are retried then. */
  readonly maybeApplied: boolean;
  readonly odooName: string | null;
  readonly httpStatus?: number;
  readonly retryAfterMs?: number;
  readonly model?: string;
  readonly method?: string;
  readonly debug?: string;

  constructor(code: OdooErrorCode, message: string, retryable: boolean, details: OdooErrorDetails = {}, maybeApplied = false) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.retryable = retryable;
    this.maybeApplied = maybeApplied;
    this.odooName = details.odooName ?? null;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.model !== undefined) this.model = details.model;
    if (details.method !== undefined) this.method = details.method;
    if (details.debug !== undefined) this.debug = details.debug;
  }
}

/** Wrong login, password or API key (AccessDenied, HTTP 401). Never retried. */
export class OdooAuthError extends OdooError {
  constructor(message: string, details: OdooErrorDetails = {}) { super('AUTH', message, false, details); }
}
/** The user lacks the rights for this model/record (AccessError, HTTP 403). */
export class OdooAccessError extends OdooError {
  constructor(message: string, details: OdooErrorDetails = {}) { super('ACCESS', message, false, details); }
}
/** Odoo refused the values or arguments (UserError, ValidationError, ValueError, TypeError; HTTP 422). */
export class OdooValidationError extends OdooError {
  constructor(message: string, details: OdooErrorDetails = {}) { super('VALIDATION', message, false, details); }
}
/** The record does not exist or was deleted (MissingError). */
export class OdooMissingError extends OdooError {
  constructor(message: string, details: OdooErrorDetails = {}) { super('MISSING', message, false, details); }
}
/** The session behind the call expired; the client re-authenticates once and tries again. */
export class OdooSessionExpiredError extends OdooError {
  constructor(message: string, details: OdooErrorDetails = {}) { super('SESSION_EXPIRED', message, true, details); }
}
/** Unknown model or method (UserError "Object … doesn't exist", AttributeError, HTTP 404 on JSON-2). */
export class OdooNotFoundError extends OdooError {
  constructor(message: string, details: OdooErrorDetails = {}) { super('NOT_FOUND', message, false, details); }
}
/** The configured database does not exist on the server. */
export class OdooDatabaseError extends OdooError {
  constructor(message: string, details: OdooErrorDetails = {}) { super('DATABASE', message, false, details); }
}
/** Anything else the server reported; retryable for 429/502/503/504 and transient PostgreSQL trouble. */
export class OdooServerError extends OdooError {
  constructor(message: string, retryable: boolean, details: OdooErrorDetails = {}, maybeApplied = false) {
    super('SERVER', message, retryable, details, maybeApplied);
  }
}
/** PostgreSQL serialization failure / deadlock / lock not available: the transaction was rolled back. */
export class OdooConcurrencyError extends OdooServerError {
  constructor(message: string, details: OdooErrorDetails = {}) {
    super(message, true, details);
    (this as { code: OdooErrorCode }).code = 'CONCURRENCY';
  }
}
/** Could not reach the server or the connection broke. */
export class OdooNetworkError extends OdooError {
  constructor(message: string, maybeApplied: boolean, details: OdooErrorDetails = {}) {
    super('NETWORK', message, true, details, maybeApplied);
  }
}
/** No complete answer within timeoutMs. */
export class OdooTimeoutError extends OdooError {
  constructor(message: string, details: OdooErrorDetails = {}) { super('TIMEOUT', message, true, details, true); }
}
/** The server answered, but not like Odoo does (HTML page, not JSON, wrong envelope). */
export class OdooProtocolError extends OdooError {
  constructor(message: string, details: OdooErrorDetails = {}) { super('PROTOCOL', message, false, details); }
}
/** Invalid connection settings; `problems` lists each mistake. */
export class OdooConfigError extends OdooError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('CONFIG', `invalid Odoo connection settings: ${problems.join('; ')}`, false);
    this.problems = problems;
  }
}
/** An attachment is bigger than the caller allows; raised before its content is fetched. */
export class OdooAttachmentTooLargeError extends OdooError {
  readonly sizeBytes: number;
  readonly maxBytes: number;
  constructor(id: number, sizeBytes: number, maxBytes: number) {
    super('TOO_LARGE', `ir.attachment ${id} is ${sizeBytes} bytes, more than the allowed ${maxBytes}`, false, { model: 'ir.attachment' });
    this.sizeBytes = sizeBytes;
    this.maxBytes = maxBytes;
  }
}

/** Removes every occurrence of each secret (and its URL-encoded form) from a text. */
export function scrubSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 3) continue;
    out = out.split(secret).join('<redacted>');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('<redacted>');
  }
  return out;
}

/** The error part of an Odoo answer: JSON-RPC `error.data` or a JSON-2 error body. */
export interface OdooErrorPayload {
  name?: unknown;
  message?: unknown;
  arguments?: unknown;
  debug?: unknown;
}

export interface MapContext {
  secrets: ReadonlyArray<string | undefined>;
  model?: string;
  method?: string;
  httpStatus?: number;
  retryAfterMs?: number;
  /** JSON-RPC error code: 100 means session expired. */
  rpcCode?: number;
}

const MAX_MESSAGE = 2000;

function lastLine(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value.map(String).join('\n') : typeof value === 'string' ? value : undefined;
  if (!text) return undefined;
  const lines = text.trim().split('\n');
  return lines[lines.length - 1];
}

const CONCURRENCY_NAMES = /SerializationFailure|TransactionRollbackError|DeadlockDetected|LockNotAvailable/;
const CONCURRENCY_TEXT = /could not serialize access|deadlock detected|could not obtain lock/i;

/** Turns an Odoo error payload into the matching typed error. */
export function mapOdooError(payload: OdooErrorPayload | undefined, ctx: MapContext): OdooError {
  const name = typeof payload?.name === 'string' ? payload.name : '';
  const rawMessage = typeof payload?.message === 'string' && payload.message ? payload.message : name || 'unknown Odoo error';
  const message = scrubSecrets(rawMessage, ctx.secrets).slice(0, MAX_MESSAGE).trim();
  const debugLine = lastLine(payload?.debug);
  const details: OdooErrorDetails = {
    odooName: name || null,
    ...(ctx.httpStatus !== undefined ? { httpStatus: ctx.httpStatus } : {}),
    ...(ctx.retryAfterMs !== undefined ? { retryAfterMs: ctx.retryAfterMs } : {}),
    ...(ctx.model ? { model: ctx.model } : {}),
    ...(ctx.method ? { method: ctx.method } : {}),
    ...(debugLine ? { debug: scrubSecrets(debugLine, ctx.secrets).slice(0, MAX_MESSAGE) } : {}),
  };
  const where = ctx.model ? `${ctx.model}.${ctx.method ?? '?'}: ` : '';
  const status = ctx.httpStatus;

  if (ctx.rpcCode === 100 || /SessionExpired/.test(name)) return new OdooSessionExpiredError(`Odoo session expired: ${message}`, details);
  if (name === 'odoo.exceptions.AccessDenied' || name === 'werkzeug.exceptions.Unauthorized' || (!name && status === 401)) {
    return new OdooAuthError(`Odoo refused the credentials (${message}): check the login and API key/password for this database`, details);
  }
  if (name === 'odoo.exceptions.AccessError' || name === 'werkzeug.exceptions.Forbidden' || (!name && status === 403)) {
    return new OdooAccessError(`${where}${message}`, details);
  }
  if (name === 'odoo.exceptions.MissingError') return new OdooMissingError(`${where}${message}`, details);
  if (name === 'werkzeug.exceptions.NotFound' || (!name && status === 404)) return new OdooNotFoundError(`${where}${message}`, details);
  if (name === 'odoo.exceptions.UserError' && /^Object \S+ doesn't exist/.test(rawMessage)) return new OdooNotFoundError(message, details);
  if (name === 'builtins.AttributeError' && /does not exist on the model/.test(rawMessage)) return new OdooNotFoundError(message, details);
  if (CONCURRENCY_NAMES.test(name) || CONCURRENCY_TEXT.test(rawMessage)) {
    return new OdooConcurrencyError(`${where}concurrent update in Odoo's database, safe to retry: ${message}`, details);
  }
  if (/OperationalError/.test(name) && /database ".*" does not exist/.test(rawMessage)) {
    return new OdooDatabaseError(`the database does not exist on this server: ${message}`, details);
  }
  if (/^odoo\.exceptions\.(UserError|ValidationError|RedirectWarning)$/.test(name) || /^builtins\.(ValueError|TypeError)$/.test(name)
      || (!name && status === 422)) {
    return new OdooValidationError(`${where}${message}`, details);
  }
  if (/OperationalError|InterfaceError/.test(name)) {
    // Odoo could not talk to PostgreSQL (restart, too many clients): transient.
    return new OdooServerError(`${where}${message}`, true, details);
  }
  const transientStatus = status === 429 || status === 502 || status === 503 || status === 504;
  return new OdooServerError(`${where}${name ? `${name}: ` : ''}${message}`, transientStatus, details, status === 502 || status === 504);
}

/** An HTTP failure without an Odoo error body (proxy pages, overload, HTML 404). */
export function mapHttpStatus(status: number, ctx: MapContext & { path: string; contentType?: string }): OdooError {
  const details: OdooErrorDetails = {
    httpStatus: status,
    ...(ctx.retryAfterMs !== undefined ? { retryAfterMs: ctx.retryAfterMs } : {}),
    ...(ctx.model ? { model: ctx.model } : {}),
    ...(ctx.method ? { method: ctx.method } : {}),
  };
  if (status === 429 || status === 502 || status === 503 || status === 504) {
    // 502/504 come from a proxy that may have passed the request on; 429/503 mean it was turned away.
    return new OdooServerError(`Odoo is unavailable or overloaded (HTTP ${status} on ${ctx.path})`, true, details, status === 502 || status === 504);
  }
  if (status === 401) return new OdooAuthError(`Odoo refused the credentials (HTTP 401 on ${ctx.path})`, details);
  if (status === 403) return new OdooAccessError(`access denied (HTTP 403 on ${ctx.path})`, details);
  if (status === 404) return new OdooNotFoundError(`no such endpoint on this server: ${ctx.path} (HTTP 404)`, details);
  if (status >= 500) return new OdooServerError(`Odoo failed with HTTP ${status} on ${ctx.path}`, false, details);
  return new OdooProtocolError(`unexpected HTTP ${status} (${ctx.contentType ?? 'no content type'}) on ${ctx.path}`, details);
}
