// The extraction result: the `scan --json` contract (../shared/DESIGN.md), also what the worker stores in
// ocr.job.result. schema/scan-result.schema.json is the published form; tests validate every result against it.
import type { Explanation } from './pipeline/extract/explain.js';

export const DOC_TYPES = ['invoice', 'credit_note', 'receipt', 'purchase_order', 'delivery_note', 'other'] as const;
export type DocType = (typeof DOC_TYPES)[number];

export type ResultSource =
  | 'einvoice:facturx'
  | 'einvoice:cii'
  | 'einvoice:ubl'
  | 'einvoice:fatturapa'
  | 'einvoice:cfdi'
  | 'pdf-text'
  | 'ocr'
  | 'mixed';

/** One extracted value and how sure we are of it: the calibrated probability that the value is right, in [0, 1].
 * A null value always has confidence 0. */
export interface Field<T> {
  value: T | null;
  confidence: number;
  /** Page (1-based) where the value is printed, when the document has positions (PDF text, OCR); optional. */
  page?: number;
  /** Where on that page: [x, y, width, height] as fractions of the page's width and height, origin top-left. */
  box?: FieldBox;
  /** Where a value came from when not from the page's text: "qr:swiss" (a payment QR code, exact), "image:tesseract"
   * (OCR of a letterhead image on a text-layer page); absent for values read from the text layer or the OCR'd page. */
  source?: FieldSource;
  /** Whether the write policy writes this value (confidence ≥ WRITE_THRESHOLD); set on scan results. */
  write?: boolean;
  /** The extraction's own score before calibration (a rank, not a probability). */
  raw_confidence?: number;
  /** What agreed with or spoke against the value (src/pipeline/confidence/evidence.ts). */
  evidence?: string[];
  /** Other values the rules weighed for this field (runner-up first), with where they are printed; optional. */
  alternatives?: FieldAlternative[];
}

/** A value a reviewer may pick instead of the chosen one; no confidence (a candidate's score is only a rank). */
export interface FieldAlternative {
  value: string | number;
  page?: number;
  box?: FieldBox;
}

export type FieldBox = [number, number, number, number];

/** qr:*: a payment QR code; image:<engine>: OCR of an image on a text-layer page (a letterhead logo), by that engine. */
export type FieldSource = 'qr:swiss' | 'qr:epc' | 'qr:sat' | 'image:tesseract' | 'image:paddle';

export interface ExtractedFields {
  doc_type: Field<DocType>;
  vendor_name: Field<string>;
  vendor_vat: Field<string>;
  invoice_number: Field<string>;
  date: Field<string>; // ISO YYYY-MM-DD
  due_date: Field<string>; // ISO YYYY-MM-DD
  currency: Field<string>; // ISO 4217
  amount_total: Field<number>;
  amount_untaxed: Field<number>;
  amount_tax: Field<number>;
  po_number: Field<string>;
  /** The account to pay (compact IBAN), from a payment QR code. Optional: results stored before it existed lack it. */
  iban?: Field<string>;
  /** What to quote when paying (Swiss QR/creditor reference, EPC remittance). Optional as iban. */
  payment_reference?: Field<string>;
}
/** The fields every result has (the payment fields are optional: see ExtractedFields). */
export type FieldName = Exclude<keyof ExtractedFields, PaymentFieldName>;
export type PaymentFieldName = 'iban' | 'payment_reference';
export const PAYMENT_FIELD_NAMES: PaymentFieldName[] = ['iban', 'payment_reference'];
export const FIELD_NAMES: FieldName[] = [
  'doc_type', 'vendor_name', 'vendor_vat', 'invoice_number', 'date', 'due_date', 'currency',
  'amount_total', 'amount_untaxed', 'amount_tax', 'po_number',
];
/** The amounts a document's total comes with: read, replaced and located together. */
export const AMOUNT_FIELDS = ['amount_total', 'amount_untaxed', 'amount_tax'] as const satisfies readonly FieldName[];

export interface LineItem {
  description: string;
  quantity: number | null;
  unit_price: number | null;
  amount: number | null;
  tax_rate: number | null; // percent, e.g. 19
  /** The seller's article code as printed ("[FURN_8888]") or given (UBL SellersItemIdentification); optional, on
   * order-type documents (purchase_order, delivery_note). */
  product_code?: string | null;
  /** The buyer's own code for the article (UBL BuyersItemIdentification); optional, as product_code. */
  buyer_code?: string | null;
  /** The article's GTIN/EAN (UBL StandardItemIdentification, or an 8-14 digit code on the line); optional. */
  barcode?: string | null;
  /** On a delivery note that prints both: what was ordered (`quantity` is what was delivered); optional. */
  ordered_quantity?: number | null;
  /** The line is subject to withholding tax (FatturaPA `Ritenuta` SI); optional, e-invoices only. */
  withholding?: boolean;
}

/** A withholding the buyer keeps from the payment and pays to the tax authority (Italian ritenuta d'acconto,
 * FatturaPA DatiRitenuta): not part of the invoice total, but of what the vendor is paid. */
export interface WithholdingTax {
  /** FatturaPA TipoRitenuta: RT01 persons, RT02 businesses, RT03 INPS, RT04 ENASARCO, RT05 ENPAM, RT06 other */
  type: string | null;
  /** percent, as the document states it (it may apply to part of the base, e.g. agents' commissions) */
  rate: number | null;
  amount: number;
  /** FatturaPA CausalePagamento (the 770 form's payment reason: A, Q, R…) */
  reason: string | null;
}

/** A pension fund contribution (FatturaPA DatiCassaPrevidenziale): charged to the buyer, subject to VAT. */
export interface PensionFundContribution {
  /** FatturaPA TipoCassa, TC01–TC22 (TC07 ENASARCO is withheld through RT04, not charged) */
  type: string | null;
  rate: number | null;
  amount: number;
  base: number | null;
  /** VAT rate of the contribution, percent */
  tax_rate: number | null;
  /** the contribution is subject to the withholding too */
  withholding: boolean;
}

/** What an e-invoice says of the payment beside its total: withholding, pension funds, stamp duty, prepaid amounts
 * and rounding (src/pipeline/einvoice/payable.ts). Optional; present when the document gives any of them. */
export interface PayableAmounts {
  /** the invoice's total before withholding: untaxed + tax + stamp duty added outside the lines + rounding */
  total_before_withholding: number;
  withholding: WithholdingTax[];
  withholding_total: number;
  pension_funds: PensionFundContribution[];
  /** stamp duty (imposta di bollo) the document declares, null when none */
  stamp_duty: number | null;
  /** the stamp duty is added to the total outside the lines and the VAT summary (else it is a line, or not charged) */
  stamp_duty_added: boolean;
  /** already paid (UBL PrepaidAmount, CII TotalPrepaidAmount) */
  prepaid: number | null;
  /** rounding of the total (UBL PayableRoundingAmount, CII RoundingAmount, FatturaPA Arrotondamento) */
  rounding: number | null;
  /** what the buyer pays the vendor: total before withholding − withholding − prepaid */
  amount_due: number;
  /** what the document's stated total (fields.amount_total) is: before or after the withholding; null when the
   * document states no total or one that none of its parts explains */
  total_is: 'before_withholding' | 'after_withholding' | null;
}

/** What an order-type document (purchase_order, delivery_note) says about its order; optional in results, present
 * when the document is one (src/pipeline/order/). */
export interface OrderInfo {
  /** What the block was read as (purchase_order or delivery_note); optional. */
  kind?: DocType;
  /** The order number: on an order its own (the customer's PO number); on a delivery note the order it delivers
   * against (the number the buyer gave, or the supplier's order number). */
  number: Field<string>;
  /** A delivery note's own number (DespatchAdvice ID, "Delivery note no."). */
  delivery_number: Field<string>;
  /** Who placed the order: on a customer's order the customer (UBL BuyerCustomerParty; on a printed order its
   * letterhead). On a delivery note the supplier is `fields.vendor_name` as on a bill. */
  buyer_name: Field<string>;
  buyer_vat: Field<string>;
}

export interface ResultError {
  code: ErrorCode;
  message: string;
}

export type ErrorCode =
  | 'NOT_FOUND'
  | 'UNSUPPORTED_TYPE'
  | 'CORRUPT_FILE'
  | 'ENCRYPTED_PDF'
  | 'TOO_LARGE'
  | 'TOO_MANY_PAGES'
  | 'TOO_MANY_PIXELS'
  | 'EMPTY_FILE'
  | 'OCR_FAILED'
  | 'TIMEOUT'
  | 'INTERNAL';

/** A payment QR code found in the document (src/pipeline/qr/): what it says, and whether it passed validation. */
export interface PaymentCodeResult {
  type: 'swiss' | 'epc' | 'sat';
  page: number;
  valid: boolean;
  problems: string[];
  values: Record<string, string | number>;
}

/** The issuer's postal address as printed (or as an e-invoice gives it), to prefill a new vendor in Odoo. Each
 * part may be null; never written by itself, so it carries no confidence. */
export interface VendorAddress {
  street: string | null;
  zip: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2 */
  country: string | null;
  /** where the address block is printed (the line of the postcode and city) */
  page?: number;
  box?: FieldBox;
}

export interface ScanResult {
  file: string;
  sha256: string | null;
  source?: ResultSource;
  pages: number;
  language?: string | null;
  /** how `language` was told (optional; absent for e-invoices and when `language` is null): `words` (the document's
   * own words), or `country` (its words told none: the one language of where it is from, by its country clues) */
  language_source?: 'words' | 'country';
  /** the OCR engine that read the scanned pages (most of them, under `auto`); absent when no page was OCR'd */
  ocr_engine?: 'tesseract' | 'paddle';
  text?: string; // plain text, pages separated by form feeds
  fields?: ExtractedFields;
  lines?: LineItem[];
  /** order-type documents only (purchase_order, delivery_note): the order's number and buyer; optional */
  order?: OrderInfo;
  needs_review?: boolean;
  review_reasons?: string[];
  payment_codes?: PaymentCodeResult[];
  /** the vendor's address, when one was found next to its name (or in the e-invoice); optional */
  vendor_address?: VendorAddress;
  /** e-invoices that state withholding, pension funds, stamp duty, a prepaid amount or rounding; optional */
  payable?: PayableAmounts;
  timings_ms: Record<string, number> & { total: number };
  error?: ResultError;
  /** only when asked for (`scan --explain`): winner and runner-up per field, and the amounts' cross-checks */
  explain?: Explanation;
  /** with a vendor memory (scan --memory, the worker): the profile used and what it changed */
  memory?: ScanMemory;
}

export interface ScanMemory {
  profile: string | null;
  matched_by: 'partner' | 'vat' | 'iban' | 'domain' | 'number' | 'name' | 'fingerprint' | null;
  /** the profile the document was matched to (`profile` is the one learned into when a truth was given: another
   * when the posting named another vendor — a false match) */
  matched_profile?: string | null;
  /** documents the profile had learned from when it was used */
  documents: number;
  /** fields whose value or confidence the memory changed */
  changed: FieldName[];
  /** those fields as the rules alone had them */
  rules: Partial<Record<FieldName, Field<unknown>>>;
  /** the `learned` calibration cell of each field the memory supplied or confirmed, e.g. "confirm:amount:a1:2:hi", "agree:date:a2:1:lo"
   * (what it did, the value's kind, documents that confirmed it, how well it was read): docs/memory.md */
  basis?: Partial<Record<FieldName, string>>;
  /** values the vendor's learned anchors read that were not used, the rules' own being likelier (their calibrated
   * confidence at least the learned cell's probability), each with the cell it would have had: for a reviewer */
  declined?: Partial<Record<FieldName, { value: unknown; basis: string }>>;
  /** what the accountant chose on nearly all (≥ 80 %) of this Odoo partner's bill lines: the write-back uses it on
   * the lines of a bill of that partner (null: no usual choice) */
  accounting?: LearnedAccounting;
  /** this document was learned from (a truth was given) */
  learned: boolean;
}

export interface LearnedAccounting {
  partner_id: number;
  account_id: number | null;
  /** the tax set (ids); [] = the lines had no tax */
  tax_ids: number[] | null;
  product_id: number | null;
}

export function emptyField<T>(): Field<T> {
  return { value: null, confidence: 0 };
}

export function emptyFields(): ExtractedFields {
  return {
    doc_type: emptyField(), vendor_name: emptyField(), vendor_vat: emptyField(), invoice_number: emptyField(),
    date: emptyField(), due_date: emptyField(), currency: emptyField(), amount_total: emptyField(),
    amount_untaxed: emptyField(), amount_tax: emptyField(), po_number: emptyField(), iban: emptyField(),
    payment_reference: emptyField(),
  };
}
