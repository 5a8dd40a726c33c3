import type { ExtractedFields, LineItem, OrderInfo, PayableAmounts, ResultSource, VendorAddress } from '../../contract.js';
import { parseCfdi } from './cfdi.js';
import { parseCii } from './cii.js';
import { detectXmlKind, type XmlKind } from './detect.js';
import { EInvoiceError } from './errors.js';
import { parseFatturaPa } from './fatturapa.js';
import { renderInvoiceText } from './text.js';
import { parseUbl } from './ubl.js';
import { makeCreditNotePositive, toFields, toOrderInfo, type ParsedInvoice } from './values.js';
import { parseXmlSafely } from './xml.js';

// Structured e-invoices are read exactly (confidence 1): Factur-X / ZUGFeRD (CII in a PDF), standalone CII,
// UBL, FatturaPA and CFDI. The scan pipeline calls detectXmlKind on any XML, then parseEInvoice.

export { EInvoiceError } from './errors.js';
export { detectXmlKind, type XmlKind } from './detect.js';
export { decodeXmlBytes } from './encoding.js';
export { findPdfXmlAttachments } from './pdf-attachments.js';
export { payableExplainsTotals, payableOf } from './payable.js';
export { looksLikeP7m, unwrapP7m } from './p7m.js';

export interface EInvoiceResult {
  source: ResultSource;
  fields: ExtractedFields;
  lines: LineItem[];
  language: string | null;
  text: string;
  invoiceCount: number;
  /** the seller's postal address, when the file gives one */
  vendorAddress: VendorAddress | null;
  /** ordering documents (UBL Order, DespatchAdvice): the order's number and buyer */
  order: OrderInfo | null;
  /** withholding, pension funds, stamp duty, prepaid amount, rounding, when the document states any */
  payable: PayableAmounts | null;
}

const TITLES: Record<XmlKind, string> = {
  cii: 'UN/CEFACT Cross Industry Invoice',
  zugferd1: 'ZUGFeRD 1.0 invoice',
  ubl: 'UBL document',
  fatturapa: 'FatturaPA (fattura elettronica)',
  cfdi: 'CFDI (comprobante fiscal digital)',
};

function sourceOf(kind: XmlKind, origin: 'file' | 'p7m' | 'pdf-attachment'): ResultSource {
  if (kind === 'cii' || kind === 'zugferd1') return origin === 'pdf-attachment' ? 'einvoice:facturx' : 'einvoice:cii';
  return `einvoice:${kind}`;
}

function parseByKind(kind: XmlKind, xml: string): ParsedInvoice {
  const root = parseXmlSafely(xml);
  switch (kind) {
    case 'cii':
    case 'zugferd1':
      return parseCii(root);
    case 'ubl':
      return parseUbl(root);
    case 'fatturapa':
      return parseFatturaPa(root);
    case 'cfdi':
      return parseCfdi(root);
  }
}

/**
 * Reads an e-invoice. Returns null when the XML is not a known e-invoice kind; throws EInvoiceError
 * (code CORRUPT_FILE) when it is one but cannot be read (malformed, truncated, a DOCTYPE, missing its core parts).
 */
export function parseEInvoice(xml: string, origin: 'file' | 'p7m' | 'pdf-attachment'): EInvoiceResult | null {
  const kind = detectXmlKind(xml);
  if (kind === null) return null;
  let parsed: ParsedInvoice;
  try {
    parsed = makeCreditNotePositive(parseByKind(kind, xml));
  } catch (err) {
    if (err instanceof EInvoiceError) throw err;
    throw new EInvoiceError(`cannot read ${TITLES[kind]}: ${(err as Error).message}`, { cause: err });
  }
  return {
    source: sourceOf(kind, origin),
    fields: toFields(parsed.values),
    lines: parsed.lines,
    language: parsed.language,
    text: renderInvoiceText(TITLES[kind], parsed.values, parsed.lines, parsed.invoiceCount),
    invoiceCount: parsed.invoiceCount,
    vendorAddress: parsed.address ?? null,
    order: parsed.order ? toOrderInfo(parsed.order) : null,
    payable: parsed.payable ?? null,
  };
}
