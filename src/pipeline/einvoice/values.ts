import type { DocType, ExtractedFields, Field, LineItem, OrderInfo, PayableAmounts, VendorAddress } from '../../contract.js';
import { roundHundredths } from '../rounding.js';

// Value normalisation shared by the e-invoice parsers: amounts, dates, currencies, document type codes.

/** What a parser reads from a document, before it becomes contract fields (null = the document does not say). */
export interface InvoiceValues {
  doc_type: DocType | null;
  vendor_name: string | null;
  vendor_vat: string | null;
  invoice_number: string | null;
  date: string | null;
  due_date: string | null;
  currency: string | null;
  amount_total: number | null;
  amount_untaxed: number | null;
  amount_tax: number | null;
  po_number: string | null;
}

/** What an ordering document (UBL Order, DespatchAdvice) says of its order (contract OrderInfo, exact). */
export interface OrderValues {
  number: string | null;
  delivery_number: string | null;
  buyer_name: string | null;
  buyer_vat: string | null;
}

export interface ParsedInvoice {
  values: InvoiceValues;
  /** ordering documents only: the order's number and buyer */
  order?: OrderValues | null;
  /** the seller's postal address, when the file gives one */
  address?: VendorAddress | null;
  /** withholding, pension funds, stamp duty, prepaid amount, rounding (payable.ts), when the document states any */
  payable?: PayableAmounts | null;
  lines: LineItem[];
  language: string | null;
  invoiceCount: number;
}

/** An address from its parts as a file gives them; null when it says nothing usable. */
export function addressOf(parts: { street?: (string | null)[]; zip?: string | null; city?: string | null; country?: string | null }): VendorAddress | null {
  const street = (parts.street ?? []).filter((s): s is string => !!s && s.trim() !== '').map((s) => s.trim()).join(' ') || null;
  const zip = parts.zip?.trim() || null;
  const city = parts.city?.trim() || null;
  const code = parts.country?.trim().toUpperCase() ?? '';
  const country = /^[A-Z]{2}$/.test(code) ? code : null;
  return street || zip || city ? { street, zip, city, country } : null;
}

export function emptyValues(): InvoiceValues {
  return {
    doc_type: null, vendor_name: null, vendor_vat: null, invoice_number: null, date: null, due_date: null,
    currency: null, amount_total: null, amount_untaxed: null, amount_tax: null, po_number: null,
  };
}

/** The order's values as contract fields, exact as toFields. */
export function toOrderInfo(o: OrderValues): OrderInfo {
  const f = (value: string | null): Field<string> => (value === null ? { value: null, confidence: 0 } : { value, confidence: 1 });
  return { number: f(o.number), delivery_number: f(o.delivery_number), buyer_name: f(o.buyer_name), buyer_vat: f(o.buyer_vat) };
}

/** Structured data is read, not guessed: a value the document gives has confidence 1, a missing one 0. */
export function toFields(v: InvoiceValues): ExtractedFields {
  const f = <T>(value: T | null): Field<T> => (value === null ? { value: null, confidence: 0 } : { value, confidence: 1 });
  return {
    doc_type: f(v.doc_type), vendor_name: f(v.vendor_name), vendor_vat: f(v.vendor_vat),
    invoice_number: f(v.invoice_number), date: f(v.date), due_date: f(v.due_date), currency: f(v.currency),
    amount_total: f(v.amount_total), amount_untaxed: f(v.amount_untaxed), amount_tax: f(v.amount_tax),
    po_number: f(v.po_number),
  };
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** An xsd:decimal as a number; null for anything else (a schema violation we skip rather than guess at). */
export function parseDecimal(text: string | null | undefined): number | null {
  if (text == null) return null;
  const t = text.trim();
  if (!DECIMAL.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Rounds a computed sum to cents, removing binary floating-point noise (0.1 + 0.2). */
export function roundSumToCents(n: number): number {
  return roundHundredths(n + Number.EPSILON * Math.sign(n));
}

function isoIfValid(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * An ISO date from the forms structured invoices use: xsd:date / xsd:dateTime (`2018-03-05`, with time or zone),
 * and UN/CEFACT format 102 (`20180305`). Other CII formats (610 month, 616 week) carry no day: null.
 */
export function parseDate(text: string | null | undefined, format?: string | null): string | null {
  if (text == null) return null;
  const t = text.trim();
  if (format && format !== '102') return null;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s+Z-])/.exec(t);
  return m ? isoIfValid(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** ISO 4217 alphabetic code, upper-cased; `XXX` ("no currency", CFDI payment receipts) counts as none. */
export function normaliseCurrency(text: string | null | undefined): string | null {
  const t = text?.trim().toUpperCase();
  if (!t || !/^[A-Z]{3}$/.test(t) || t === 'XXX') return null;
  return t;
}

/**
 * UNTDID 1001 document codes that are credit notes (used by CII and UBL). 384 (corrected invoice) stays an
 * invoice: its amounts carry their own sign.
 */
const CREDIT_NOTE_CODES = new Set(['81', '83', '261', '262', '296', '308', '381', '396', '420', '458', '532']);

export function docTypeFromUntdid(code: string | null): DocType | null {
  if (code === null) return 'invoice'; // both standards default the type to a commercial invoice
  return CREDIT_NOTE_CODES.has(code.trim()) ? 'credit_note' : 'invoice';
}

/**
 * Credit notes are reported with positive amounts (the type carries the sign). Some issuers write them with
 * negative totals; flip those so a refund is never booked as a negative refund.
 */
export function makeCreditNotePositive(parsed: ParsedInvoice): ParsedInvoice {
  const v = parsed.values;
  if (v.doc_type !== 'credit_note') return parsed;
  const reference = v.amount_total ?? v.amount_untaxed;
  if (reference === null || reference >= 0) return parsed;
  const neg = (n: number | null) => (n === null || n === 0 ? n : -n);
  const p = parsed.payable;
  const payable: PayableAmounts | null | undefined = p && {
    ...p, total_before_withholding: -p.total_before_withholding, amount_due: -p.amount_due, withholding_total: -p.withholding_total,
    withholding: p.withholding.map((w) => ({ ...w, amount: -w.amount })),
    pension_funds: p.pension_funds.map((f) => ({ ...f, amount: -f.amount, base: neg(f.base) })),
    stamp_duty: neg(p.stamp_duty), prepaid: neg(p.prepaid), rounding: neg(p.rounding),
  };
  return {
    ...parsed,
    values: { ...v, amount_total: neg(v.amount_total), amount_untaxed: neg(v.amount_untaxed), amount_tax: neg(v.amount_tax) },
    lines: parsed.lines.map((l) => ({ ...l, quantity: neg(l.quantity), amount: neg(l.amount) })),
    payable,
  };
}
