import type { DocType, LineItem } from '../../contract.js';
import { EInvoiceError } from './errors.js';
import { path, pathAll, textOf, type XmlElement } from './xml.js';
import { addressOf, emptyValues, normaliseCurrency, parseDate, parseDecimal, roundSumToCents, type ParsedInvoice } from './values.js';

// Italian FatturaPA (FPA12 / FPR12, SdI schema 1.2.x). One header (the seller, CedentePrestatore) and one or
// more bodies: a file with several bodies is a "lotto", several invoices from the same seller to the same buyer.

/** TipoDocumento codes: TD04 is a credit note; TD01-03, TD05, TD06 and the reverse-charge/self-billing TD16-28 invoices. */
function docTypeOf(code: string | null): DocType | null {
  if (code === null) return null;
  if (code === 'TD04') return 'credit_note';
  if (/^TD0[1-356]$/.test(code)) return 'invoice';
  const n = /^TD(\d\d)$/.exec(code);
  if (n && Number(n[1]) >= 16 && Number(n[1]) <= 28) return 'invoice';
  return null;
}

function sellerVat(anagrafici: XmlElement | undefined): string | null {
  const idFiscale = path(anagrafici, 'IdFiscaleIVA');
  const country = textOf(path(idFiscale, 'IdPaese'));
  const code = textOf(path(idFiscale, 'IdCodice'));
  if (country && code) return `${country}${code}`.replace(/\s+/g, '');
  return textOf(path(anagrafici, 'CodiceFiscale'));
}

function sellerName(anagrafici: XmlElement | undefined): string | null {
  const anagrafica = path(anagrafici, 'Anagrafica');
  const company = textOf(path(anagrafica, 'Denominazione'));
  if (company) return company;
  const person = [textOf(path(anagrafica, 'Nome')), textOf(path(anagrafica, 'Cognome'))].filter((s) => s !== null);
  return person.length > 0 ? person.join(' ') : null;
}

function readLine(line: XmlElement): LineItem {
  return {
    description: textOf(path(line, 'Descrizione')) ?? '',
    quantity: parseDecimal(textOf(path(line, 'Quantita'))),
    unit_price: parseDecimal(textOf(path(line, 'PrezzoUnitario'))),
    amount: parseDecimal(textOf(path(line, 'PrezzoTotale'))),
    tax_rate: parseDecimal(textOf(path(line, 'AliquotaIVA'))),
  };
}

/** Sum of one element over every DatiRiepilogo (VAT summary per rate); null when no summary gives it. */
function summarySum(beniServizi: XmlElement | undefined, name: string): number | null {
  const values = pathAll(beniServizi, 'DatiRiepilogo', name).map((e) => parseDecimal(textOf(e)));
  if (values.length === 0 || values.some((x) => x === null)) return null;
  return roundSumToCents(values.reduce<number>((a, b) => a + (b as number), 0));
}

/** The value every body agrees on, or null when they differ. */
function common<T>(values: (T | null)[]): T | null {
  const first = values[0] ?? null;
  return values.every((x) => x === first) ? first : null;
}

/** Reads a FatturaElettronica document. */
export function parseFatturaPa(root: XmlElement): ParsedInvoice {
  const header = path(root, 'FatturaElettronicaHeader');
  const bodies = pathAll(root, 'FatturaElettronicaBody');
  if (!header || bodies.length === 0) {
    throw new EInvoiceError(`FatturaPA lacks ${header ? 'FatturaElettronicaBody' : 'FatturaElettronicaHeader'}`);
  }
  const anagrafici = path(header, 'CedentePrestatore', 'DatiAnagrafici');
  const sede = path(header, 'CedentePrestatore', 'Sede');
  const address = addressOf({
    street: [textOf(path(sede, 'Indirizzo')), textOf(path(sede, 'NumeroCivico'))],
    zip: textOf(path(sede, 'CAP')), city: textOf(path(sede, 'Comune')), country: textOf(path(sede, 'Nazione')),
  });
  const general = bodies.map((b) => path(b, 'DatiGenerali', 'DatiGeneraliDocumento'));

  const v = emptyValues();
  v.vendor_name = sellerName(anagrafici);
  v.vendor_vat = sellerVat(anagrafici);
  v.doc_type = common(general.map((g) => docTypeOf(textOf(path(g, 'TipoDocumento')))));
  v.currency = common(general.map((g) => normaliseCurrency(textOf(path(g, 'Divisa')))));

  // A lot holds several invoices: per-invoice fields (number, date, totals) have no single value.
  if (bodies.length === 1) {
    const body = bodies[0];
    const g = general[0];
    const beniServizi = path(body, 'DatiBeniServizi');
    v.invoice_number = textOf(path(g, 'Numero'));
    v.date = parseDate(textOf(path(g, 'Data')));
    v.amount_total = parseDecimal(textOf(path(g, 'ImportoTotaleDocumento')));
    v.amount_untaxed = summarySum(beniServizi, 'ImponibileImporto');
    v.amount_tax = summarySum(beniServizi, 'Imposta');
    v.po_number = textOf(pathAll(body, 'DatiGenerali', 'DatiOrdineAcquisto', 'IdDocumento')[0]);
    v.due_date = parseDate(textOf(pathAll(body, 'DatiPagamento', 'DettaglioPagamento', 'DataScadenzaPagamento')[0]));
  }
  const lines = bodies.flatMap((b) => pathAll(b, 'DatiBeniServizi', 'DettaglioLinee').map(readLine));
  return { values: v, lines, language: 'it', invoiceCount: bodies.length, address };
}
