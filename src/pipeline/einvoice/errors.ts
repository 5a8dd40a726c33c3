import type { ErrorCode } from '../../contract.js';

/** A recognised e-invoice (or p7m envelope) that cannot be read. `code` is the scan contract's error code. */
export class EInvoiceError extends Error {
  readonly code: ErrorCode;
  constructor(message: string, options?: { cause?: unknown; code?: ErrorCode }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EInvoiceError';
    this.code = options?.code ?? 'CORRUPT_FILE';
  }
}
