// Public shapes of the write-back. PreparedValues is also what the companion addon's
// ocr.job.complete(job_id, token, result, values) receives as `values`, so its shape is a contract.

import type { ReviewCode } from './reasons.js';

export type TargetModel = 'hr.expense' | 'account.move' | 'ir.attachment' | 'sale.order' | 'stock.picking';

export interface WorkTarget {
  resModel: TargetModel;
  /** The record to fill; null for a bare inbox attachment (a bill is then created). */
  resId: number | null;
  attachmentId: number;
  /** Company the work belongs to; null = the record's (or the user's) company. */
  companyId: number | null;
}

export interface WritePolicy {
  /** Replace values a person already entered (default off: only empty fields are filled). */
  overwrite: boolean;
  /** A field whose confidence (calibrated probability) is below this is not written but left to a person. */
  writeThreshold?: number;
  /** Deprecated name of writeThreshold, still accepted. */
  reviewThreshold?: number;
  /** Activate an inactive currency the document is in (default off: the amounts are then not written). */
  activateCurrencies?: boolean;
  defaultExpenseProductId?: number | null;
  /** Journal for bills created from bare attachments; default: the company's first purchase journal. */
  purchaseJournalId?: number | null;
  /** Delivery notes: write the quantities the note says arrived as the receipt's done quantities (default off: the
   * comparison is only posted in the chatter). DELIVERY_WRITE_DONE / the company's setting in the addon. */
  writeDoneQuantities?: boolean;
  /** Create the bank account (res.partner.bank) of a payment code's IBAN for a known vendor that lacks it
   * (default off: a new IBAN is flagged for review instead). Never for an unknown vendor. */
  createBankAccounts?: boolean;
  /** Create the vendor (res.partner) of a bill no partner matches, only on strong evidence: the name and a
   * checksum-valid VAT (or a payment code's IBAN) read at the write threshold (src/writeback/vendor-create.ts).
   * Default off here; CREATE_VENDORS / the company's setting in the addon default to the rules table's. */
  createVendors?: boolean;
}

export interface PreparedValues {
  /** Values for the target record (hr.expense or account.move); {} for a bare attachment. */
  write: Record<string, unknown>;
  /** Full vals of a draft vendor bill to create (bare attachment target only). */
  create_move: Record<string, unknown> | null;
  /** Full vals of a draft quotation (sale.order) to create: a customer's order uploaded to the inbox. Absent for
   * other documents. Never confirmed; `origin` carries the document's key, so a retry finds it instead. */
  create_order?: Record<string, unknown> | null;
  /** Where an inbox document that is not a bill is filed and its note posted (a delivery note: the receipt it
   * was matched to). Absent otherwise. */
  attach_to?: { res_model: string; res_id: number } | null;
  /** Done quantities to write on a receipt's stock moves (writeDoneQuantities on); absent otherwise. */
  move_quantities?: Array<{ move_id: number; quantity: number }>;
  /** Chatter note, html, everything from the document escaped. */
  note: string;
  needs_review: boolean;
  review_reasons: string[];
  /** The same reasons as codes with parameters (src/writeback/reasons.ts), for the addon to say in the reader's
   * language; sent only to an addon that accepts them (ocr.worker.presence.hello answers so). */
  review_codes?: ReviewCode[];
  doc_type: string | null;
  /** The weakest key field's confidence (bills: total, date, vendor; expenses: total, date; 0 when one is missing):
   * the addon sends a job whose confidence is below its company's write threshold to review, the same rule. */
  confidence: number;
  /** ids of inactive res.currency records to activate before writing (ACTIVATE_CURRENCIES / company setting). */
  activate_currency_ids?: number[];
  duration_ms: number;
}

/** What the caller already knows of the target before applying (addon-less: found for a whole poll at once). */
export interface ApplyKnown {
  /** The markers of the worker's earlier notes on the target record; absent: not looked for (apply searches). */
  earlierMarkers?: string[];
}

export interface ApplyResult {
  resModel: string;
  resId: number;
  created: boolean;
  written: string[];
  notePosted: boolean;
  /** Why the document needs review beyond the prepared reasons: values a person typed in between were kept. */
  reviewReasons?: string[];
}

export type WriteBackErrorCode =
  | 'TARGET_NOT_FOUND' // the record or attachment is gone
  | 'INVALID_TARGET' // ids/model that cannot be a target
  | 'INVALID_POLICY'
  | 'INVALID_MARKER'
  | 'NO_PURCHASE_JOURNAL'; // a bill must be created but the company has no purchase journal

/** Bad input or an Odoo state that makes the write-back impossible. Odoo/transport errors pass through unchanged. */
export class WriteBackError extends Error {
  readonly code: WriteBackErrorCode;
  constructor(code: WriteBackErrorCode, message: string) {
    super(message);
    this.name = 'WriteBackError';
    this.code = code;
  }
}
