import type { ErrorCode } from '../contract.js';

// How the worker sorts failures. Odoo/connector errors carry `retryable`; network errors from Node carry a code;
// document errors carry a contract ErrorCode. Everything else is treated as a bug in this document's handling:
// not retryable, so one bad document cannot loop forever.

const RETRYABLE_NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED', 'UND_ERR_SOCKET']);
/** Document errors that may pass on a second try (resource limits, a crashed OCR thread); the rest are the file's fault. */
const RETRYABLE_DOCUMENT_CODES = new Set<ErrorCode>(['TIMEOUT', 'OCR_FAILED', 'INTERNAL']);

export function isRetryable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { retryable?: unknown; code?: unknown; cause?: unknown };
  if (typeof e.retryable === 'boolean') return e.retryable;
  if (typeof e.code === 'string' && RETRYABLE_NET_CODES.has(e.code)) return true;
  return e.cause !== undefined && e.cause !== err ? isRetryable(e.cause) : false;
}

export function isRetryableDocumentError(code: ErrorCode): boolean {
  return RETRYABLE_DOCUMENT_CODES.has(code);
}

/** One line for Odoo's error field and the logs: "Name: message", secrets are redacted by the logger, not here. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const prefix = typeof code === 'string' && code !== err.name ? `${err.name} ${code}` : err.name;
    return `${prefix}: ${err.message}`.slice(0, 2000);
  }
  return String(err).slice(0, 2000);
}
