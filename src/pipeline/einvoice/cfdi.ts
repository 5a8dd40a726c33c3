import type { DocType, LineItem } from '../../contract.js';
import { EInvoiceError } from './errors.js';
import { attr, path, pathAll, type XmlElement } from './xml.js';
import { emptyValues, normaliseCurrency, parseDate, parseDecimal, roundSumToCents, type ParsedInvoice } from './values.js';

// Mexican CFDI (Comprobante Fiscal Digital por Internet) 3.2, 3.3 and 4.0. Everything lives in attributes;
// 3.2 spells them in lower camel case (`total`, `subTotal`, `tipoDeComprobante`), 3.3+ in Pascal case.

const a = (el: XmlElement | undefined, name: string) => attr(el, name, true);

/** TipoDeComprobante: 3.3+ letters, 3.2 words. P (payment receipt) and N (payroll) are not bills. */
const DOC_TYPES: Record<string, DocType> = {
  I: 'invoice', INGRESO: 'invoice',
  E: 'credit_note', EGRESO: 'credit_note',
  T: 'delivery_note', TRASLADO: 'delivery_note',
  P: 'other', N: 'other',
};

/** CFDI 3.2 let Moneda be free text ("Pesos", "MN"); 3.3+ require ISO 4217 (c_Moneda). */
const CURRENCY_WORDS: Record<string, string> = {
  PESO: 'MXN', PESOS: 'MXN', MN: 'MXN', 'M.N.': 'MXN', 'PESOS MEXICANOS': 'MXN', 'PESO MEXICANO': 'MXN',
  DOLAR: 'USD', DOLARES: 'USD', 'DÓLAR': 'USD', 'DÓLARES': 'USD', EURO: 'EUR', EUROS: 'EUR',
};

function currencyOf(text: string | null): string | null {
  if (text === null) return null;
  return normaliseCurrency(text) ?? CURRENCY_WORDS[text.trim().toUpperCase()] ?? null;
}

/** The concept's VAT rate (Impuesto 002 = IVA, else the first transferred rate) as a percentage; CFDI writes a fraction. */
function lineVatRate(concepto: XmlElement): number | null {
  // Only rates (TipoFactor Tasa), not fixed amounts per unit (Cuota) or exemptions (Exento).
  const transfers = pathAll(concepto, 'Impuestos', 'Traslados', 'Traslado').filter((t) => a(t, 'TipoFactor') === 'Tasa');
  const chosen = transfers.find((t) => a(t, 'Impuesto') === '002') ?? transfers[0];
  const fraction = parseDecimal(a(chosen, 'TasaOCuota'));
  return fraction === null ? null : Math.round(fraction * 1e6) / 1e4;
}

function readLine(concepto: XmlElement): LineItem {
  return {
    description: a(concepto, 'Descripcion')?.replace(/\s+/g, ' ') ?? '',
    quantity: parseDecimal(a(concepto, 'Cantidad')),
    unit_price: parseDecimal(a(concepto, 'ValorUnitario')),
    amount: parseDecimal(a(concepto, 'Importe')),
    tax_rate: lineVatRate(concepto),
  };
}

/** Reads a cfdi:Comprobante. */
export function parseCfdi(root: XmlElement): ParsedInvoice {
  const emisor = path(root, 'Emisor');
  if (!emisor) throw new EInvoiceError('CFDI lacks Emisor');
  const v = emptyValues();
  const kind = a(root, 'TipoDeComprobante')?.toUpperCase() ?? null;
  v.doc_type = kind === null ? null : (DOC_TYPES[kind] ?? null);
  v.vendor_name = a(emisor, 'Nombre')?.replace(/\s+/g, ' ') ?? null;
  v.vendor_vat = a(emisor, 'Rfc');
  const number = [a(root, 'Serie'), a(root, 'Folio')].filter((s) => s !== null).join('');
  v.invoice_number = number === '' ? null : number;
  v.date = parseDate(a(root, 'Fecha'));
  v.currency = currencyOf(a(root, 'Moneda'));
  v.amount_total = parseDecimal(a(root, 'Total'));

  // Payment receipts and payroll carry SubTotal 0 by rule: there is no taxable base to report.
  if (v.doc_type !== 'other') {
    const subtotal = parseDecimal(a(root, 'SubTotal'));
    const discount = parseDecimal(a(root, 'Descuento')) ?? 0;
    const taxes = path(root, 'Impuestos'); // the document-level summary, not the per-concept ones
    const transferred = parseDecimal(a(taxes, 'TotalImpuestosTrasladados')) ?? 0;
    const withheld = parseDecimal(a(taxes, 'TotalImpuestosRetenidos')) ?? 0;
    if (subtotal !== null && v.amount_total !== null) {
      const untaxed = roundSumToCents(subtotal - discount);
      const tax = roundSumToCents(transferred - withheld);
      // Only when the parts explain the total: local taxes (implocal) and the like would make them misleading.
      if (Math.abs(untaxed + tax - v.amount_total) < 0.005) {
        v.amount_untaxed = untaxed;
        v.amount_tax = tax;
      }
    }
  }
  const lines = pathAll(root, 'Conceptos', 'Concepto').map(readLine);
  return { values: v, lines, language: 'es', invoiceCount: 1 };
}
