import type { DocType, LineItem, PayableAmounts, PensionFundContribution, WithholdingTax } from '../../contract.js';
import { EInvoiceError } from './errors.js';
import { path, pathAll, textOf, type XmlElement } from './xml.js';
import { payableOf } from './payable.js';
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

const isYes = (el: XmlElement | undefined) => textOf(el)?.toUpperCase() === 'SI';

function readLine(line: XmlElement): LineItem {
  const item: LineItem = {
    description: textOf(path(line, 'Descrizione')) ?? '',
    quantity: parseDecimal(textOf(path(line, 'Quantita'))),
    unit_price: parseDecimal(textOf(path(line, 'PrezzoUnitario'))),
    amount: parseDecimal(textOf(path(line, 'PrezzoTotale'))),
    tax_rate: parseDecimal(textOf(path(line, 'AliquotaIVA'))),
  };
  if (isYes(path(line, 'Ritenuta'))) item.withholding = true;
  return item;
}

/** DatiRitenuta (one per kind since schema 1.2.1, one in 1.2): what the buyer withholds from the payment. */
function withholdingsOf(general: XmlElement | undefined): WithholdingTax[] {
  return pathAll(general, 'DatiRitenuta').flatMap((w) => {
    const amount = parseDecimal(textOf(path(w, 'ImportoRitenuta')));
    if (amount === null) return [];
    return [{
      type: textOf(path(w, 'TipoRitenuta')), rate: parseDecimal(textOf(path(w, 'AliquotaRitenuta'))), amount,
      reason: textOf(path(w, 'CausalePagamento')),
    }];
  });
}

/** DatiCassaPrevidenziale: pension fund contributions charged on the invoice (in the VAT summary's taxable base). */
function pensionFundsOf(general: XmlElement | undefined): PensionFundContribution[] {
  return pathAll(general, 'DatiCassaPrevidenziale').flatMap((c) => {
    const amount = parseDecimal(textOf(path(c, 'ImportoContributoCassa')));
    if (amount === null) return [];
    return [{
      type: textOf(path(c, 'TipoCassa')), rate: parseDecimal(textOf(path(c, 'AlCassa'))), amount,
      base: parseDecimal(textOf(path(c, 'ImponibileCassa'))), tax_rate: parseDecimal(textOf(path(c, 'AliquotaIVA'))),
      withholding: isYes(path(c, 'Ritenuta')),
    }];
  });
}

/**
 * A contribution the VAT summary counts but no line carries (the usual case: the specification puts it in
 * DatiCassaPrevidenziale, not in DettaglioLinee) becomes a line, so the lines add up to the taxable base as the
 * printed invoice shows them. Only when lines + contributions is exactly the summary's base.
 */
function contributionLines(lines: LineItem[], funds: PensionFundContribution[], untaxed: number | null): LineItem[] {
  if (funds.length === 0 || untaxed === null || lines.some((l) => l.amount === null)) return [];
  const lineSum = lines.reduce((s, l) => s + (l.amount as number), 0);
  const fundSum = funds.reduce((s, f) => s + f.amount, 0);
  if (Math.abs(lineSum - untaxed) < 0.005 || Math.abs(lineSum + fundSum - untaxed) >= 0.005) return [];
  return funds.map((f) => {
    const line: LineItem = {
      description: `Cassa previdenziale${f.type ? ` ${f.type}` : ''}${f.rate !== null ? ` ${f.rate} %` : ''}`,
      quantity: 1, unit_price: f.amount, amount: f.amount, tax_rate: f.tax_rate,
    };
    if (f.withholding) line.withholding = true;
    return line;
  });
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
  let lines = bodies.flatMap((b) => pathAll(b, 'DatiBeniServizi', 'DettaglioLinee').map(readLine));
  let payable: PayableAmounts | null = null;
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
    const pensionFunds = pensionFundsOf(g);
    lines = [...lines, ...contributionLines(lines, pensionFunds, v.amount_untaxed)];
    payable = payableOf({
      withholding: withholdingsOf(g), pension_funds: pensionFunds,
      stamp_duty: parseDecimal(textOf(path(g, 'DatiBollo', 'ImportoBollo'))),
      rounding: parseDecimal(textOf(path(g, 'Arrotondamento'))), roundingInTotal: true,
    }, { total: v.amount_total, untaxed: v.amount_untaxed, tax: v.amount_tax });
  }
  return { values: v, lines, language: 'it', invoiceCount: bodies.length, address, payable };
}
