import type { ErrorCode } from '../contract.js';

/** A document that cannot be read, with the contract's error code. Everything the engine throws on bad input is this. */
export class DocumentError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DocumentError';
    this.code = code;
  }
}

export function asDocumentError(err: unknown): DocumentError {
  if (err instanceof DocumentError) return err;
  const code = (err as { code?: unknown })?.code;
  if (code === 'ENOENT') return new DocumentError('NOT_FOUND', 'file not found');
  if (code === 'EISDIR') return new DocumentError('UNSUPPORTED_TYPE', 'is a directory');
  if (code === 'CORRUPT_FILE') return new DocumentError('CORRUPT_FILE', (err as Error).message);
  const message = err instanceof Error ? err.message : String(err);
  return new DocumentError('INTERNAL', `unexpected error: ${message}`, { cause: err });
}
