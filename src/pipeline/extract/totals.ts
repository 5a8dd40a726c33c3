// Total, untaxed and tax amounts: labelled candidates in every language, then the combination that adds up
// (untaxed + tax = total) wins. Payment lines of a till slip (cash, change, rounding) never count as a total.
import type { LineItem } from '../../contract.js';
import { findLabeled, sharesColumn, type Cell, type LabeledValue, type Row } from './layout.js';
import { findAmounts, sameAmount, type AmountMatch, type DecimalSeparator } from './numbers.js';
import { chooseTotals, COMMON_TAX_RATES, DERIVED_WHY, taxAtRate, type Ranked, type Totals } from './totals-choice.js';
import { roundHundredths } from '../rounding.js';
import { ISO_CODES } from './currency.js';
import { ownCurrencyCell } from './currency-columns.js';
import { withSpaceGroupedAmounts } from './space-grouping.js';
import { joinedOnTextLayer, unspacedAmount } from './glyph-spacing.js';
import { isColumnHeading } from './vendor.js';
import { printedRates, RATE_RE, taxTableFits } from '../confidence/page-evidence.js';
import { billLabels, ET_NET_SUM, SERVICE_CHARGE_WORDS, TAX_TABLE_WORD, CARD_WORDS, CARRIED_BALANCE, CASH_HANDED, CASH_WORDS, DELIVERY_NOTE_WORDS, CHANGE_LINE_RE, ESTIMATE_WORDS, INCL, INCLUDED_IN_TOTAL, ITEM_COLUMN_WORDS, INCL_RATE, INCL_RATE_TAX_LINE, INCL_TAX, headsLedger, PAYMENT_LINE_START, VOUCHER, PL_TOTAL_BARE, ET_TAX, ET_TOTAL_BARE, PRICES_INCLUDE_TAX, ROUNDING_WORDS, SPLIT_PAYMENT, SUBTOTAL, TAX_INCLUDED, TAX_ON_BASE, TAX_INCLUDED_IN_TOTAL, TAX_OF_WHICH, TAX_WORD_NORDIC_CS, TO_PAY, TOTAL_WORD_NORDIC_CS, WITH_TAX_AFTER_SUBTOTAL } from './words.js';

export { chooseTotals, CANDIDATE_WEIGHTS, TRIPLE_WEIGHTS, TOTAL_STRATEGIES, type Totals, type ChooseTotalsOptions } from './totals-choice.js';

/**
 * OCR confidence under which a line's digits are too noisy ("£22320 00202222280 ...") to be guessed as the
 * total without any label. Labelled and cross-checked values are kept whatever their line's confidence:
 * tesseract scores a whole line low for one smudged word.
 */
const MIN_READABLE = 0.3;

export type AmountKind = 'total' | 'untaxed' | 'tax' | 'rounding' | 'prepaid' | 'carried';

interface Label {
  kind: AmountKind;
  re: RegExp;
  strength: number; // how sure the label makes us that its value is this kind, in (0, 1]
  /** a tax the total already includes ("incl. 19% MwSt", "darin enthalten", "INC 6% GST"): the sum before it is the
   * total, not the untaxed amount */
  included?: boolean;
  /** the label's amount stands on its own row: the label is not read as a column heading */
  sameRow?: boolean;
}

// "incl. 19,00% MwSt 13,95", "INC 6% GST 1.62" opening a line (no "total" before it) is the tax the total includes
const INCLUDED_TAX_LINE = new RegExp(INCL_RATE_TAX_LINE, 'iu');

/** A tax's name before "total" ("Tax Total", "VAT Total", "MwSt Total", "IVA totale": the VAT sum, UBL's TaxTotal): the
 * tax, no total of the bill (NOT_A_TOTAL and the tax's label). */
const TAX_THEN_TOTAL = String.raw`\b(?:iva|tva|vat|tax|taxes|mwst|ust|gst|btw)\s*-?\s*total[e]?\b`;

/** The untaxed total's and the tax total's labels in each language (words.ts BILL_LABELS: "Částka bez DPH", "Summa
 * exkl. moms", "Veroton", "Celkem DPH", "Momsbelopp"): a line under one holds no total, even with a total word in it. */
const UNTAXED_OR_TAX_LABEL = `${billLabels('untaxed')}|${billLabels('tax')}`;

/** French "hors taxes" and "toutes taxes comprises", as printed: "HT", "H.T.", "TTC", "T.T.C." (a whole word). */
const HT = String.raw`h\.?\s?t\.?(?![\p{L}])`;
const TTC = String.raw`t\.?\s?t\.?\s?c\.?(?![\p{L}])`;

// ("Total After Rounding" is the total: only a rounding line of its own is not; an estimated or quoted total, words.ts
// ESTIMATE_WORDS, is not the bill's)
const NOT_A_TOTAL = new RegExp(
  String.raw`^\W*${INCL_RATE}|sub\s*-?\s*total|zuschl|abschl|discount|rabatt|skonto|remise|sconto|descuento|(?<!after\s*)rounding|adjust|anzahlung|prepaid|deposit|paid|cash|change|tender|qty|quantity|items?\b|savings|saved|points?\b|menge|stk|hors\s+tax|\bHT\b|(?<![\p{L}])${HT}|excl|ohne|netto(?!\s*a\s*pagare)|\bnet\b(?!\s*[àa]\s*payer)|imponibile|imponible|before\s+tax|(?<!(after|with|${INCL})\.?(\s+of)?\s{1,3})(tax(es)?|gst)\s*$|totale?\s+(iva|tva|vat|tax|taxes|mwst|ust|gst|btw|impuestos)\b|${TAX_THEN_TOTAL}|total\s*parcial|totale\s*parziale|subtotaal|sous-?\s*total|zonder\s*btw|ex\.?\s*btw|\bs\/\s*iva|sem\s*iva|sin\s*iva|senza\s*iva|il[ií]quido|l[ií]quido|tribut[áa]vel|korting|desconto|popust|z[ľl]av|naknad|betaald|pago\b|pagado|${INCLUDED_IN_TOTAL}|${UNTAXED_OR_TAX_LABEL}|${ESTIMATE_WORDS}`,
  'iu',
);

// a line that quotes a delivery note ("ALBARÁN: 2500450 - FECHA: 25/11/25 - IMPORTE: 340,33 €"): its amount is that
// note's, no total, base or tax of the invoice
const DELIVERY_NOTE_LINE = new RegExp(`(?<![\\p{L}])${DELIVERY_NOTE_WORDS}(?![\\p{L}])`, 'iu');

/** "TTC" opening its cell as a total label (see LABELS). */
const TTC_TOTAL: Label = { kind: 'total', re: new RegExp(String.raw`^\W*${TTC}`, 'iu'), strength: 0.65, sameRow: true };

const LABELS: Label[] = [
  { kind: 'total', re: new RegExp(String.raw`grand\s*total|total\s*(amount\s*)?due|amount\s*due|invoice\s*total|total\s*amount|total\s*(invoice|bill)\s*(amount|value)|total\s*amount\s*after\s*tax|total\s*${TTC}|montant\s*${TTC}|net\s*[àa]\s*payer|total\s*incl\.?|total\s*inkl\.?|${INCL_TAX}|round(ed|ing)?\s*d?\s*total|total\s*sales\s*\(?incl|gesamtbetrag|bruttosumme|bruttobetrag|rechnungsbetrag|endbetrag|gesamtsumme|totale\s*(documento|fattura|da\s*pagare)|importo\s*totale|total\s*(factura|a\s*pagar)|valor\s*a\s*pagar|importe\s*total|total\s*g[ée]n[ée]ral|totaal\s*(bedrag|factuur|${INCL}\.?\s*btw)|(factuur)?bedrag\s*${INCL}\.?\s*btw|factuurbedrag|totaalbedrag|valor\s*total|valor\s*cobrado|valor\s*at[ée]\s*o\s*vencimento|total\s*(da\s*)?fatura|total\s*geral|total\s*(c\/|com)\s*iva|montante\s*total|montant\s*total|totale\s*(complessivo|a\s*pagare)|ammontare\s*(della\s*|del\s*)?(fattura|documento)|importo\s*(della\s*)?fattura|netto\s*a\s*pagare|total\s*(amount\s*)?payable|amount\s*payable|${billLabels('total')}`, 'iu'), strength: 1 },
  // "Total Rounded" first, so its label says so (strategy rounded-total); a till's bare "Due 7.50" ("Amt Due" is
  // above) is what the customer owes; "Total" with one letter misread
  // ("iotal After Rounding", "Tatal Sales") opening a line is still the total label
  // ... and "to pay" in each language, on its own ("A PAYER", "IMPORTE A ABONAR", "Zu zahlen", "Te betalen": words.ts)
  { kind: 'total', re: new RegExp(String.raw`total\s*rounded|^\W*due\b(?!\s*(date|on|by))|^\W*(?:[a-z]otal|t[a-z]tal|to[a-z]al|tot[a-z]l)\b|${TO_PAY}|balance\s*due|\btotal\b|\btotale\b|\btotaal\b|\bsumme\b|^\W*gesamt\b|\bimporte\b|\bmontant\b(?!\s*(ht|de\s*la\s*tva))|saldo\s*(adeudado|a\s*pagar|pendiente)|eindtotaal|eindbedrag|montant\s*d[ûu]\b|endsumme|${ET_TOTAL_BARE}|${TOTAL_WORD_NORDIC_CS}`, 'iu'), strength: 0.65 },
  // French "TTC" (toutes taxes comprises: the amount with every tax) opening its cell, as weak as a bare "Total", on its
  // own row only: "TTC EUR | 5286,36" under "TOTAL H.T." and "TVA"; as a heading it tops a tax table's gross column
  // ("Taux | Base | TVA | TTC"), and "Prix TTC" a unit price's
  // (collectAmountCandidates: refused beside a rate — "TTC 20% | 15,00" is one rate's gross in a per-rate tax
  // summary)
  TTC_TOTAL,
  // ("Subtotal c/IVA", "Subtotal incl. VAT" is a subtotal with its tax: no untaxed amount; an Argentine bill's base is
  // its "Importe Neto Gravado")
  { kind: 'untaxed', re: new RegExp(String.raw`sub\s*-?\s*total(?!${WITH_TAX_AFTER_SUBTOTAL})|neto\s*gravado|total\s*${HT}|montant\s*${HT}|total\s*hors\s*tax\w*|net\s*(amount|total)|total\s*net|total\s*(excl|excluding|before)\.?\s*(of\s*)?(gst|vat|tax)?|total\s*sales\s*\(?excl\w*|amount\s*\(?excl\w*|nettobetrag|nettosumme|summe\s*netto|gesamt\s*netto|rechnungssumme\s*ohne\s*(ust|mwst)|warenwert\s*netto|totale\s*imponibile|imponibile|base\s*imponible|total\s*parcial|subtotaal|sous-?\s*total|totaal\s*(excl\w*|zonder|ex)\.?\s*btw|bedrag\s*(excl\w*|ex)\.?\s*btw|netto\s*bedrag|total\s*(s\/|sem|sin|senza)\s*(iva|impuestos)|base\s*tribut[áa]vel|total\s*il[ií]quido|valor\s*l[ií]quido|incid[êe]ncia|taxable\s*(amount|value)|total\s*before\s*tax|montant\s*avant\s*tax\w*|${billLabels('untaxed')}`, 'iu'), strength: 0.9 },
  { kind: 'untaxed', re: /positionssumme|\bnetto\b|\bnet\b/i, strength: 0.45 },
  // the tax the total includes: "incl. 19% MwSt" opening a line, and anywhere "darin enthaltene MwSt", "dont TVA",
  // "di cui IVA", "GST 6% included in total", "IVA incluido" (words.ts)
  { kind: 'tax', re: INCLUDED_TAX_LINE, strength: 0.9, included: true },
  { kind: 'tax', re: new RegExp([TAX_OF_WHICH, TAX_INCLUDED_IN_TOTAL, TAX_INCLUDED].join('|'), 'iu'), strength: 0.9, included: true },
  // (an Italian bill's "Imposta di bollo" is a stamp duty outside the VAT, charged as an item: no tax of the summary)
  { kind: 'tax', re: new RegExp(String.raw`${TAX_THEN_TOTAL}|total\s*tax(es)?|tax\s*amount|vat\s*amount|total\s*(vat|gst|tva|iva)|gst\s*amount|steuerbetrag|ust\.?\s*gesamt|mwst\.?\s*(betrag|gesamt)|umsatzsteuer\s*gesamt|montant\s*(de\s*la\s*)?tva|total\s*taxes|totale\s*iva|imposta(?!\s*(di\s*)?bollo)|cuota\s*(de\s*)?iva|total\s*impuestos|totaal\s*btw|btw\s*bedrag|bedrag\s*btw|valor\s*(do\s*)?iva|total\s*(do\s*)?iva`, 'iu'), strength: 0.95 },
  // the tax total's label in each language (words.ts BILL_LABELS: "Tax amount", "Celkem DPH", "Momsbelopp", "Kwota
  // VAT"): read on its own row only — as a summary table's heading its column's amounts, right-aligned under the next
  // heading, are as near another column's ("Kwota netto | Kwota podatku | Kwota brutto")
  { kind: 'tax', re: new RegExp(billLabels('tax'), 'iu'), strength: 0.95, sameRow: true },
  // Canadian sales taxes print under their own names (TPS/GST, TVQ/QST, HST, PST)
  // (and Estonia's "Käibemaks", "KM": words.ts ET_TAX)
  { kind: 'tax', re: new RegExp(String.raw`\b(vat|tax(?:es)?|gst|sst|tva|iva|mwst|ust|umsatzsteuer|mehrwertsteuer|taxe|btw|impuestos?|imposto|tps|tvq|qst|hst|pst)\b|${ET_TAX}|${TAX_WORD_NORDIC_CS}`, 'iu'), strength: 0.5 },
  // paid before this invoice (deposits, instalments): total − prepaid = what remains payable; at a till, a voucher
  // or gift card handed over pays part of the total as a prepayment would ("Total 13,88 / Bon immédiat 0,99 / Reste à
  // payer 12,89": the total is 13,88, what the card then paid is the rest)
  { kind: 'prepaid', re: new RegExp(String.raw`(erhaltene|geleistete)\s*(an|voraus|abschlags)zahlung\w*|anzahlung\w*|vorauszahlung\w*|already\s*paid|amount\s*paid|paid\s*to\s*date|less\s*(deposit|payment)|prepaid|prepayment|deposit|acomptes?\b|d[ée]j[àa]\s*(r[ée]gl[ée]|vers[ée]|pay[ée])|acconto|gi[àa]\s*pagato|anticipo|ya\s*pagado|entrega\s*a\s*cuenta|aanbetaling|reeds\s*betaald|al\s*betaald|j[áa]\s*pago|adiantamento|${VOUCHER}`, 'i'), strength: 0.8 },
  // a balance carried over from earlier bills, which what is payable adds to this bill's total (words.ts
  // CARRIED_BALANCE); its row is no total too: one row keeps its strongest reading (collectAmountCandidates)
  { kind: 'carried', re: new RegExp(CARRIED_BALANCE, 'i'), strength: 0.8 },
  // cash rounding sits between untaxed + tax and the total on till slips
  { kind: 'rounding', re: new RegExp(String.raw`^\W*(?:${ROUNDING_WORDS})`, 'iu'), strength: 0.8 },
];

/** A label of a total, an untaxed amount or a tax (LABELS): the amount it labels is money (confidence/evidence.ts
 * printedWithoutCents). */
const AMOUNT_LABELS = LABELS.filter((l) => l.kind === 'total' || l.kind === 'untaxed' || l.kind === 'tax');
export const isAmountLabel = (text: string): boolean => AMOUNT_LABELS.some((l) => l.re.test(text));

export interface AmountCandidate {
  kind: AmountKind;
  value: number;
  score: number;
  confidence: number; // OCR confidence of the value
  rowIndex: number;
  /** which label found it, e.g. "total:Gesamtbetrag", for `scan --explain` */
  label?: string;
  /** a tax's rate, when its row prints one rate and no other ("Total TVA 5,5 %  287,88 €"): one line of a bill taxed
   * at several rates (rate-lines-sum) */
  rate?: number;
}

/** A dollar sign OCR read as an S glued to an amount with cents ("Total Amount: S8.20", "| S7.10"): Paddle reads the
 * "$" of a till's price column so. A word led by S ("S8.20A", "SR 7.10") is left alone. */
export function readDollarSign(text: string): string {
  return text.replace(/(^|[\s:|])S(?=\d{1,6}[.,]\d{2}(?![\d\p{L}]))/gu, '$1$$');
}

/**
 * Amount text -> value: the last amount that is not a percentage, a date, a time or a long id. Money carries
 * cents or a currency mark; a bare integer ("5", "Qty 2") is refused.
 */
export function amountParser(decimal: DecimalSeparator): (text: string) => number | null {
  return (text: string) => {
    const cleaned = readDollarSign(text)
      // OCR splits "73.00" into "73. 00"
      .replace(/(\d)([.,]) (\d{2})(?!\d)/g, '$1$2$3')
      // ... or reads its decimal point as a space after a currency, closing the line: "RM 8 60"
      .replace(/((?:RM|EUR|USD|[€$£])\s?\d{1,5}) (\d{2})\s*$/, `$1${decimal === ',' ? ',' : '.'}$2`)
      // a tax rate, its % often read as ¥: "TOTAL INCL.GST@6¥  RM 37.80"
      .replace(/[@&]\s*\d{1,2}\s*[%¥]/g, ' ')
      .replace(/\d{1,2}:\d{2}(:\d{2})?/g, ' ')
      .replace(/\d{1,4}[./-]\d{1,2}[./-]\d{2,4}/g, ' ');
    const found = findAmounts(cleaned, decimal).filter((a) => {
      const after = cleaned.slice(a.index + a.raw.length, a.index + a.raw.length + 2);
      if (/^\s?%/.test(after)) return false;
      const digitsOnly = a.raw.replace(/\D/g, '');
      if (a.decimals === 0) {
        const around = cleaned.slice(Math.max(0, a.index - 4), a.index + a.raw.length + 4);
        if (!/[€$£¥₹]|EUR|USD|GBP|CHF|RM|MYR|INR/.test(around) && !/[€$£¥₹]/.test(a.raw)) return false;
      }
      return digitsOnly.length <= 12;
    });
    const kept = found.length >= 2 && isConversion(cleaned, found[found.length - 2], found[found.length - 1]) ? found.slice(0, -1) : found;
    return kept.length ? kept[kept.length - 1].value : null;
  };
}

/** A currency's mark beside an amount: a sign, an ISO code (not any three capitals: "VAT 2.08", "NET 10.00"), or a
 * currency's abbreviation ("zł", "Kč", "Ft", "kr", "lei"), in any case ("ZŁ"). */
const CURRENCY_MARK = String.raw`[€$£¥₹]|R\$|${ISO_CODES.join('|')}|zł|Kč|Ft|kr|lei`;
const MARK_BEFORE_RE = new RegExp(String.raw`(?<![\p{L}])(?:${CURRENCY_MARK})\s?\(?$`, 'iu');
const MARK_AFTER_RE = new RegExp(String.raw`^\s?(?:${CURRENCY_MARK})(?![\p{L}])`, 'iu');
/** What stands between a sum and its conversion: a slash or an opening bracket, a mark on either side of it. */
const CONVERSION_GAP_RE = new RegExp(String.raw`^\s?(?:${CURRENCY_MARK})?\s*[/(]\s*(?:${CURRENCY_MARK})?\s?$`, 'u');

/** The mark printed on one side of an amount (its sign inside the amount read on either). */
function markOf(text: string, a: AmountMatch, side: 'before' | 'after'): string | null {
  const own = /[€$£¥₹]/.exec(a.raw)?.[0];
  if (own) return own;
  const start = a.index + (a.raw.startsWith('(') ? 1 : 0);
  const m = side === 'before' ? MARK_BEFORE_RE.exec(text.slice(Math.max(0, start - 4), start)) : MARK_AFTER_RE.exec(text.slice(a.index + a.raw.length, a.index + a.raw.length + 5));
  return m ? m[0].trim().toUpperCase() : null;
}

/** One sum printed in two currencies, the bill's own and its conversion after a slash or in brackets ("16,80 € / 71,73
 * zł", "100,00 EUR (427,00 PLN)"): the second is the conversion, a courtesy to a reader who counts in the other
 * currency, and no amount of the bill. Each amount carries its own currency's mark, and the marks differ. */
function isConversion(text: string, first: AmountMatch, second: AmountMatch): boolean {
  // (both marks on the same side of their amounts: "16,80 € / 71,73 zł", "EUR 100,00 / PLN 427,00")
  const differ = (side: 'before' | 'after') => {
    const [a, b] = [markOf(text, first, side), markOf(text, second, side)];
    return a !== null && b !== null && a !== b;
  };
  if (!differ('before') && !differ('after')) return false;
  // (an opening bracket is read with the amount after it: "(427,00")
  const between = text.slice(first.index + first.raw.length, second.index) + (second.raw.startsWith('(') ? '(' : '');
  return CONVERSION_GAP_RE.test(between);
}

// Tax breakdown tables ("GST SUMMARY", "Steueraufschlüsselung") repeat "Total" for their own columns
const SUMMARY_HEADER_RE = /(gst|tax|vat|tva|iva|mwst|ust)\s*summary|summary\s*of\s*tax|steueraufschl|umsatzsteueraufschl|r[ée]capitulatif|riepilogo|desglose/i;

function summaryRows(rows: Row[]): Set<number> {
  const inSummary = new Set<number>();
  rows.forEach((row, i) => {
    if (!SUMMARY_HEADER_RE.test(row.text)) return;
    for (let k = i; k < Math.min(rows.length, i + 12) && rows[k].page === row.page; k++) inSummary.add(rows[k].index);
  });
  return inSummary;
}

function columnSum(
  rows: Row[],
  fromIndex: number,
  x0: number,
  first: number,
  parse: (text: string) => number | null,
): { value: number; rowIndex: number; confidence: number } | null {
  const values = [first];
  const start = rows.findIndex((r) => r.index === fromIndex);
  for (let k = start + 1; k < Math.min(rows.length, start + 8); k++) {
    const r = rows[k];
    if (r.page !== rows[start].page || r.cells.some((c) => (c.text.match(/\p{L}/gu) ?? []).length > 3)) break;
    const cell = [...r.cells].sort((a, b) => Math.abs(a.x0 - x0) - Math.abs(b.x0 - x0))[0];
    const v = cell && Math.abs(cell.x0 - x0) < 40 ? parse(cell.text) : null;
    if (v === null) break;
    const before = values.reduce((s, x) => s + x, 0);
    if (values.length >= 2 && sameAmount(before, v)) return { value: v, rowIndex: r.index, confidence: cell.confidence };
    values.push(v);
  }
  return null;
}

/** The one tax rate a row prints ("Total TVA 20,0 %", "IVA 10%"), null when it prints none or several. */
export function oneRateOf(text: string): number | null {
  const rates = new Set([...text.matchAll(RATE_RE)].map((m) => Number(m[1].replace(',', '.'))));
  return rates.size === 1 ? [...rates][0] : null;
}

// (Polish "Razem", "Ogółem": words.ts PL_TOTAL_BARE); a tax table's sum row may name its tax first ("MwSt Total",
// "IVA Total", "BTW totaal"): one short word, which OCR often misreads ("MuSt"), before the sum word
const SUM_ROW_RE = new RegExp(String.raw`^\W*(?:\p{L}{2,5}\.?\s+)?(?:(?:summe|sum|total|totale|totaal|totales|totaux|gesamt|insgesamt)\b|${PL_TOTAL_BARE})`, 'iu');

/** Rows of a tax table above its sum row, at most this many (one per rate). */
const MAX_TABLE_ROWS = 4;

/**
 * A sum row of a tax table holds its own arithmetic: "Summe  1,91  17,67  19,58" under "MWST + Netto = Brutto",
 * "Total  100.00  19.00  119.00". Of three amounts where two add up to the third, the third is the total, the
 * larger part the untaxed amount and the smaller the tax — whatever the column headers say or whether OCR read them.
 * A sum row of two amounts ("Summe  1,70  17,06": the tax and the gross, the net column left unsummed) says so by the
 * rows above it: one amount of each adds up to its tax, one of each to its gross — the table's columns summed — when
 * those rows are rate rows (a rate printed, or net + tax = gross): an item table's quantity or hours column adds up
 * as well ("Summe  2,00  20,00") and is no tax.
 */
function selfAddingRows(rows: Row[], decimal: DecimalSeparator): AmountCandidate[] {
  const out: AmountCandidate[] = [];
  for (const [i, row] of rows.entries()) {
    if (!SUM_ROW_RE.test(row.cells[0]?.text ?? '')) continue;
    const amounts = moneyOf(row, decimal);
    let parts: number[];
    let total: number;
    let untaxedMade = false;
    if (amounts.length === 3) {
      const split = twoPartsAndSum(amounts);
      if (!split) continue;
      [total, parts] = [split[2], [split[0], split[1]]];
    } else if (amounts.length === 2) {
      const [tax, gross] = amounts;
      if (tax <= 0 || tax >= gross * MAX_SUM_ROW_TAX_SHARE) continue;
      const above = rateRowsAbove(rows, i, decimal);
      if (!columnAddsUp(above, tax) || !columnAddsUp(above, gross)) continue;
      [total, parts, untaxedMade] = [gross, [tax, roundHundredths(gross - tax)], true];
    } else continue;
    const [tax, untaxed] = [Math.min(...parts), Math.max(...parts)];
    const at = { rowIndex: row.index, confidence: row.confidence, label: 'sum-row-adds-up' };
    out.push({ kind: 'total', value: total, score: SUM_ROW_STRENGTH, ...at });
    // the untaxed amount of a two-amount row is computed as gross − tax: it checks nothing (DERIVED_WHY)
    out.push({ kind: 'untaxed', value: untaxed, score: SUM_ROW_STRENGTH, ...at, ...(untaxedMade ? { label: DERIVED_WHY.sumRowLessTax } : {}) });
    out.push({ kind: 'tax', value: tax, score: SUM_ROW_STRENGTH, ...at });
  }
  return out;
}

/**
 * A tax table's rate rows each hold their own arithmetic too: "B  12  2,50  0,30  2,80" / "A  21  2,98  0,62  3,60"
 * (net + tax = gross, the tax at most MAX_SUM_ROW_TAX_SHARE of the gross: rateRowParts). Two to four such rows one under
 * the other whose gross amounts add up to a total read are the whole table: their nets sum to the untaxed amount, their
 * taxes to the tax — which their gross column, adding up to the total too, would otherwise pass for. A till of one rate
 * prints one such row ("20,00  34,02  6,80  40,82"): it is the table when its tax is also the row's printed rate of its
 * net — three relations an item row or a payment row does not keep by chance — a tax named in it or its heading (a
 * service charge, a tip, a surcharge keep the same arithmetic: oneRateTaxRow) and its gross the payable total, on a
 * till slip only: a bill's VAT breakdown of one rate leaves out what its total adds after the tax (a hotel's city
 * tax), and its gross then is no total of the bill's, though a column heading "Total" reads it as one.
 */
function selfAddingTable(rows: Row[], decimal: DecimalSeparator, totals: { value: number; rowIndex: number }[], isReceipt: boolean): AmountCandidate[] {
  const out: AmountCandidate[] = [];
  const partsOf = (row: Row) => (SUM_ROW_RE.test(row.cells[0]?.text ?? '') ? null : rateRowParts(row, decimal));
  let block: { row: Row; parts: [number, number, number]; rated: boolean; heading: Row | null }[] = [];
  const close = () => {
    const one = block.length === 1;
    if ((block.length >= 2 || (isReceipt && one && oneRateTaxRow(block[0]))) && block.length <= MAX_TABLE_ROWS) {
      const sum = (k: number) => roundHundredths(block.reduce((s, b) => s + b.parts[k], 0));
      // (one row's gross is the payable total, the largest read on another row: not the gross a heading "Total" over
      // the row reads, nor a hotel bill's lodging line under which the city tax is added)
      const payable = Math.max(...totals.filter((t) => t.rowIndex !== block[0].row.index).map((t) => t.value));
      if (one ? sameAmount(payable, sum(2)) : totals.some((t) => sameAmount(t.value, sum(2)))) {
        const last = block[block.length - 1].row;
        const at = { rowIndex: last.index, confidence: Math.min(...block.map((b) => b.row.confidence)), label: 'table-rows-add-up' };
        out.push({ kind: 'untaxed', value: sum(0), score: SUM_ROW_STRENGTH, ...at }, { kind: 'tax', value: sum(1), score: SUM_ROW_STRENGTH, ...at });
      }
    }
    block = [];
  };
  let prev: Row | null = null;
  for (const row of rows) {
    const read = partsOf(row);
    const parts = read?.parts;
    // (the table's own sum row, under whatever label: its gross is the rows' above it summed)
    const sumRow = parts && block.length >= 2 && sameAmount(parts[2], block.reduce((s, b) => s + b.parts[2], 0));
    if (read && parts && !sumRow && (block.length === 0 || block[block.length - 1].row.page === row.page)) block.push({ row, parts, rated: read.rated, heading: prev });
    else close();
    prev = row;
  }
  close();
  return out;
}

/** One rate row is a till's tax table when its tax is its printed rate of its net (rated) and a tax's name stands in the
 * row or in its heading row ("IVA%  Base  Cuota  Total", "B 19% MwSt"), no service charge's, tip's or surcharge's name:
 * "Servicio 10%  100,00  10,00  110,00" keeps the same arithmetic. */
function oneRateTaxRow(b: { row: Row; rated: boolean; heading: Row | null }): boolean {
  const texts = [b.row.text, b.heading?.page === b.row.page ? b.heading.text : ''];
  return b.rated && texts.some((t) => TAX_TABLE_WORD_RE.test(t)) && !texts.some((t) => SERVICE_CHARGE_RE.test(t));
}
const TAX_TABLE_WORD_RE = new RegExp(TAX_TABLE_WORD, 'iu');
const NET_SUM_LABEL_RE = new RegExp(`^untaxed:.*${ET_NET_SUM}`, 'iu');
const SERVICE_CHARGE_RE = new RegExp(SERVICE_CHARGE_WORDS, 'iu');

/** A tax above this share of its gross is no VAT (the highest rates, 25–27 %, leave about a fifth). */
const MAX_SUM_ROW_TAX_SHARE = 0.3;

/** A row's amounts of two decimals, its printed rates ("A 19%") left out. */
function moneyOf(row: Row, decimal: DecimalSeparator): number[] {
  return findAmounts(row.text.replace(/\d{1,2}(?:[.,]\d{1,2})?\s?%/g, ' '), decimal).filter((a) => a.decimals === 2).map((a) => a.value);
}

/** Of three amounts, two positive ones adding up to the third, the largest: [smaller, larger, sum]; else null. */
function twoPartsAndSum(amounts: number[]): [number, number, number] | null {
  if (amounts.length !== 3) return null;
  const sum = Math.max(...amounts);
  const [a, b] = amounts.filter((_, k) => k !== amounts.indexOf(sum));
  return a > 0 && b > 0 && sameAmount(a + b, sum) ? [Math.min(a, b), Math.max(a, b), sum] : null;
}

/** A tax table's rate row: its parts [net, tax, gross] (ownParts), and whether its tax is the row's printed rate of its
 * net — a rate with its % ("A 19%"), or a rate column printed with decimals before the three amounts ("19,00  10,00
 * 1,90  11,90": a common rate, COMMON_TAX_RATES). */
function rateRowParts(row: Row, decimal: DecimalSeparator): { parts: [number, number, number]; rated: boolean } | null {
  const amounts = moneyOf(row, decimal);
  if (amounts.length === 4 && (COMMON_TAX_RATES as readonly number[]).includes(amounts[0])) {
    const parts = ownParts(amounts.slice(1));
    return parts && taxAtRate(parts[0], parts[1], [amounts[0]]) ? { parts, rated: true } : null;
  }
  const parts = ownParts(amounts);
  const rate = oneRateOf(row.text);
  return parts && { parts, rated: rate !== null && taxAtRate(parts[0], parts[1], [rate]) };
}

/** A rate row's own arithmetic: of three amounts, two (net, tax — the tax at most MAX_SUM_ROW_TAX_SHARE of the gross) adding up to the third. */
function ownParts(amounts: number[]): [number, number, number] | null {
  const split = twoPartsAndSum(amounts);
  if (!split) return null;
  const [tax, net, gross] = split;
  return tax <= gross * MAX_SUM_ROW_TAX_SHARE ? [net, tax, gross] : null;
}

/**
 * The amounts of the rows right above row `i` that are a tax table's rate rows, nearest first: two or more amounts and a
 * printed rate ("B 7%  0,13  2,04") or their own net + tax = gross. An item row's quantity is no rate.
 */
function rateRowsAbove(rows: Row[], i: number, decimal: DecimalSeparator): number[][] {
  const out: number[][] = [];
  for (let k = i - 1; k >= 0 && out.length < MAX_TABLE_ROWS && rows[k].page === rows[i].page; k--) {
    const amounts = moneyOf(rows[k], decimal);
    if (amounts.length < 2 || (oneRateOf(rows[k].text) === null && !ownParts(amounts))) break;
    out.push(amounts);
  }
  return out;
}

/** Whether one amount of each of two or more rows (the nearest ones) adds up to `sum`. */
function columnAddsUp(table: number[][], sum: number): boolean {
  // the sums of one amount of each of the first n rows, grown a row at a time
  let sums = [0];
  for (const [n, row] of table.entries()) {
    sums = sums.flatMap((s) => row.map((v) => s + v));
    if (n >= 1 && sums.some((s) => sameAmount(s, sum))) return true;
  }
  return false;
}

const TAX_ON_BASE_RE = new RegExp(TAX_ON_BASE, 'iu');

/** Label strength of a tax line that names its base, for its tax and its base: a tax label's, the base's a subtotal's. */
const TAX_ON_BASE_STRENGTH = { tax: 0.95, untaxed: 0.9 } as const;

/**
 * A tax line that names the base it is levied on ("Importo IVA 22% (su imponibile di euro 87,18)  19,18 €", "VAT @ 0%
 * on 80.65", words.ts TAX_ON_BASE): the amount after the preposition is the untaxed amount, the last one after it the
 * tax — when the tax is the printed rate of that base (or the rate is 0 and no tax is printed). A base label in the
 * clause ("imponibile") would otherwise read the line's last amount, the tax, as the base.
 */
export function taxOnBaseRows(rows: Row[], decimal: DecimalSeparator): AmountCandidate[] {
  const out: AmountCandidate[] = [];
  for (const row of rows) {
    const m = TAX_ON_BASE_RE.exec(row.text);
    if (!m) continue;
    const rate = oneRateOf(m[0]);
    if (rate === null) continue;
    const rest = row.text.slice(m.index + m[0].length);
    // the base quoted in the other convention ("80.65" on a bill that prints "80,65")
    const money = (d: DecimalSeparator) => findAmounts(rest, d).filter((a) => a.decimals === 2);
    const amounts = money(decimal).length ? money(decimal) : money(decimal === ',' ? '.' : ',');
    const [base, ...after] = amounts;
    if (!base || base.value <= 0) continue;
    const tax = after.length ? after[after.length - 1].value : rate === 0 ? 0 : null;
    if (tax === null || (tax === 0 ? rate !== 0 : !taxAtRate(base.value, tax, [rate]))) continue;
    const at = { rowIndex: row.index, confidence: row.confidence, label: 'tax-on-base' };
    out.push({ kind: 'untaxed', value: base.value, score: TAX_ON_BASE_STRENGTH.untaxed, ...at });
    out.push({ kind: 'tax', value: tax, score: TAX_ON_BASE_STRENGTH.tax, rate, ...at });
  }
  return out;
}

/** Label strength of the three amounts of a self-adding sum row: a labelled "Total" line (1) still outranks it. */
const SUM_ROW_STRENGTH = 0.8;

/**
 * A total of one tax rate ("TOTAL 6% SUPPLIES (INC. GST)", "Total 0% supplies", "Total zero-rated supplies"):
 * delivery bills and cash bills print one per rate, then the amount payable, which is their sum.
 */
const RATE_PART_RE = /^\W*(total|totale|totaal|summe)\s*(\d{1,2}(?:[.,]\d+)?\s*%|(zero|standard)[\s-]*rated|exempt)|\bsupplies\b/i;

/** Share of a total label's strength a rate's own total keeps: the sum of the rates (strategy rate-parts-add-up)
 * outranks it. */
const RATE_PART_SHARE = 0.5;

/** Share of a label's strength an amount read without its decimal point keeps: below any amount read whole. */
const LOST_DECIMAL_SHARE = 0.5;

/** "1200" -> 12.00, "5142" -> 51.42, "~~ 930" -> 9.30: 3 to 6 bare digits alone in the value cell after at most a
 * colon or leader marks, nothing else. */
function lostDecimal(text: string): number | null {
  const m = /^\s*[:;.~\-–—=]{0,3}\s*(\d{3,6})\s*[|=/]?\s*$/.exec(text);
  return m ? Number(m[1]) / 100 : null;
}

// (OCR reads a parenthesis as a brace or bracket: "{Total Included GST 6% : 0.42)")
const INCLUDED_TAX_NOTE_RE = new RegExp(String.raw`^\W*[({[].*${INCL}.*[)}\]]\W*$`, 'i');
const INCLUDED_TAX_NOTE_STRENGTH = 0.9;

/** Share of a label's strength an amount with a fraction of a cent keeps ("1,094" for "1,04"): below any money. */
const NOT_WHOLE_CENTS_SHARE = 0.5;

const wholeCents = (v: number): boolean => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;

/** Share of the subtotal's score an adjusted subtotal keeps: it wins only when the summary then adds up. */
const ADJUSTED_UNTAXED_SHARE = 0.9;

/**
 * A discount or promotion printed between the subtotal and the tax ("Partner Discount  -20.00") lowers the untaxed
 * amount: subtotal + the negative amounts below it is a candidate too, and wins when untaxed + tax = total says so.
 */
function adjustedUntaxed(rows: Row[], cands: AmountCandidate[], parse: (text: string) => number | null): AmountCandidate[] {
  const out: AmountCandidate[] = [];
  for (const u of cands.filter((c) => c.kind === 'untaxed')) {
    const start = rows.findIndex((r) => r.index === u.rowIndex);
    let adjustment = 0;
    let confidence = u.confidence;
    for (let k = start + 1; k < Math.min(rows.length, start + 7); k++) {
      const r = rows[k];
      if (r.page !== rows[start].page) break;
      if (cands.some((c) => c.rowIndex === r.index && (c.kind === 'tax' || c.kind === 'total'))) break;
      const v = parse(r.text);
      if (v !== null && v < 0) {
        adjustment += v;
        confidence = Math.min(confidence, r.confidence);
      }
    }
    if (adjustment < 0) {
      const value = roundHundredths(u.value + adjustment);
      if (value > 0) out.push({ ...u, value, score: u.score * ADJUSTED_UNTAXED_SHARE, confidence, label: `${u.label ?? 'untaxed'}+adjustments` });
    }
  }
  return out;
}

type LabeledHit = LabeledValue<number>;

const ITEM_COLUMN_WORD_SET: ReadonlySet<string> = new Set(ITEM_COLUMN_WORDS.split(/\s+/));

/** A summary's subtotal anywhere on a row ("… | Subtotaal | €730"): no item line. */
const SUBTOTAL_IN_ROW_RE = new RegExp(String.raw`(?<![\p{L}])(?:${SUBTOTAL})`, 'iu');

/** The two rows under a heading are item lines (no subtotal of the summary) that both print an amount in its column. */
function headsSeveralLines(rows: Row[], hit: LabeledHit, parse: (text: string) => number | null): boolean {
  const { labelRow, labelCell } = hit;
  if (!labelRow || !labelCell) return false;
  const at = rows.findIndex((r) => r.index === labelRow.index);
  const below = rows.slice(at + 1, at + 3).filter((r) => r.page === labelRow.page);
  return below.length === 2 && below.every((r) => !SUBTOTAL_IN_ROW_RE.test(r.text) && r.cells.some((c) => sharesColumn(c, labelCell) && parse(c.text) !== null));
}

/** A row of column headings, one of them an item table's own (what is sold, how many: words.ts ITEM_COLUMN_WORDS). */
export function headsItemTable(row: Row): boolean {
  if (row.cells.length < 2 || !isColumnHeading(row.text)) return false;
  return row.text.toLowerCase().split(/[^\p{L}]+/u).some((w) => ITEM_COLUMN_WORD_SET.has(w));
}

/**
 * A total row of several amounts is read right to left ("Total | 100.00 | 19.00 | 119.00": the gross amount last),
 * unless its first amount is the largest: then the others are its parts and taxes, or another table's column beside
 * it ("TOTAL | 57.584,45 | 2.608,75 | 57.566,6 | 9.453,3" on a Brazilian bill, "TOTAL | 257,34 | 3,56 | 76,25 | 15,24
 * | JUN22 | 30.00" with a consumption history to its right), and the first is the total.
 */
function firstLargestOfRow(h: LabeledHit, parse: (text: string) => number | null): LabeledHit {
  if (h.distance !== 1) return h;
  const at = h.row.cells.findIndex((c) => c.text.includes(h.labelText));
  if (at < 0) return h;
  const cells = h.row.cells.slice(at + 1).map((c) => ({ c, v: parse(c.text) })).filter((x): x is { c: Cell; v: number } => x.v !== null);
  if (cells.length < 3 || cells[0].v === h.value || cells.slice(1).some((x) => x.v >= cells[0].v)) return h;
  return { ...h, value: cells[0].v, confidence: cells[0].c.confidence, x0: cells[0].c.x0 };
}

/** A row's amount under currency columns ("USD | EUR" over "119.95 | 109.15") is the one in the document's currency's
 * column (currency-columns.ts); the row's other amounts are its conversion. */
function inOwnCurrency(rows: Row[], h: LabeledHit, parse: (text: string) => number | null, currency: string | null): LabeledHit {
  if (currency === null || h.distance !== 1 || !h.labelCell) return h;
  const after = h.row.cells.slice(h.row.cells.indexOf(h.labelCell) + 1).filter((c) => parse(c.text) !== null);
  const own = ownCurrencyCell(rows, h.row, after, currency);
  if (!own || own === h.cell) return h;
  return { ...h, value: parse(own.text)!, confidence: own.confidence, x0: own.x0, cell: own };
}

/** `printed`: every amount with cents on the page (printedAmounts), computed once per pass by the caller. */
export function collectAmountCandidates(rows: Row[], decimal: DecimalSeparator, printed: number[], currency: string | null = null, isReceipt = false): AmountCandidate[] {
  const parse = amountParser(decimal);
  const out: AmountCandidate[] = [];
  const lastRow = rows.length ? rows[rows.length - 1].index : 0;
  const summary = summaryRows(rows);
  const centsDocument = printed.length >= 3;
  for (const label of LABELS) {
    const hits = findLabeled(rows, label.re, parse, {
      below: label.sameRow ? 0 : 2,
      rightmost: true,
      belowOnlyValues: true,
      // a total or base heading of a summary table reads its own column only: a value under another heading is that
      // one's (tax headings keep their looser reading: a till's tax table heads its rate codes "MwSt" too)
      ownColumnBelow: label.kind === 'total' || label.kind === 'untaxed',
      // a total's box may stand in the right half beside another block (payment details): its lines are stepped over
      // (a receipt's tax and net lines keep the stricter reading: their amounts stand on their own rows)
      besideBlock: label.kind === 'total',
      // "Total Sales (inclusive of GST) :" is still a total label; the exclusions keep "Total HT" and the like out
      maxLabelTail: 30,
      exclude: label.kind === 'total' ? NOT_A_TOTAL : undefined,
    });
    const lost = findLabeled(rows, label.re, lostDecimal, {
      below: 0,
      rightmost: true,
      maxLabelTail: 30,
      exclude: label.kind === 'total' ? NOT_A_TOTAL : undefined,
    }).filter((h) => !hits.some((o) => o.row.index === h.row.index));
    for (const h of lost) {
      // "Total Amt Payable : 1200" on a slip whose amounts all carry cents: the decimal point was lost
      if (!centsDocument || label.kind === 'rounding' || label.kind === 'prepaid' || label.kind === 'carried') continue;
      out.push({ kind: label.kind, value: h.value, score: label.strength * LOST_DECIMAL_SHARE, confidence: h.confidence * 0.8, rowIndex: h.row.index, label: `${label.kind}:${h.labelText.trim()}+lost-decimal` });
    }
    for (const hit of hits) {
      if (DELIVERY_NOTE_LINE.test(hit.row.text)) continue;
      if (label === TTC_TOTAL && /%/.test(hit.row.text)) continue;
      // a "Total" heading in the row that heads the item table ("Description | Total", "Artikel | Menge | Total") tops
      // the line amounts: over two lines or more, the amount under it is the first line's, no total (over a single
      // line, that line's amount is the table's total too)
      if (label.kind === 'total' && hit.distance >= 2 && hit.labelRow && headsItemTable(hit.labelRow) && headsSeveralLines(rows, hit, parse)) continue;
      const h = inOwnCurrency(rows, label.kind === 'total' ? firstLargestOfRow(hit, parse) : hit, parse, currency);
      if (label.kind === 'tax' && /%\s*$/.test(h.labelText)) continue;
      // "TOTAL 6% SUPPLIES (INC. GST)" names its tax, but its amount is one rate's total, not a tax
      if (label.kind === 'tax' && label.strength < 0.9 && RATE_PART_RE.test(h.row.text)) continue;
      // "(Total Included GST @ 4% : 1.42)": a note in parentheses names the tax the total includes, not the total
      if (label.kind === 'total' && INCLUDED_TAX_NOTE_RE.test(h.row.text)) {
        out.push({ kind: 'tax', value: h.value, score: INCLUDED_TAX_NOTE_STRENGTH, confidence: h.confidence, rowIndex: h.row.index, label: `tax:${h.labelText.trim()}+note` });
        continue;
      }
      let score = label.strength;
      // "Total Amount: RM3160" on a slip whose amounts carry cents, and 31.60 printed elsewhere: the decimal point
      // was lost, and the page's own reading of the amount says where it goes
      if (centsDocument && label.kind !== 'rounding' && Number.isInteger(h.value) && h.value >= 100 && !/\d[.,]\d/.test(h.row.text)) {
        const withCents = h.value / 100;
        if (printed.some((p) => sameAmount(p, withCents))) {
          out.push({ kind: label.kind, value: withCents, score: label.strength * LOST_DECIMAL_SHARE, confidence: h.confidence * 0.8, rowIndex: h.row.index, label: `${label.kind}:${h.labelText.trim()}+lost-decimal` });
          continue;
        }
      }
      // values with cents are amounts; bare integers are often quantities or counts
      // ("600,-" is the Dutch and German way to print whole euros: an amount, not a count)
      if (Number.isInteger(h.value) && !/[.,]\d|\d[.,]-(?!\d)/.test(h.row.text)) score *= 0.7;
      if (h.distance >= 2) score *= 0.85;
      if (label.kind === 'total' && h.value === 0) score *= 0.3; // a zero total is almost always a summary column
      // money is printed in cents: "1,094" behind a total label is "1,04" with a tax-class letter or debris read in
      if (!wholeCents(h.value)) score *= NOT_WHOLE_CENTS_SHARE;
      if (label.kind === 'total' && summary.has(h.row.index)) score *= 0.4;
      const ratePart = label.kind === 'total' && h.distance <= 1 && RATE_PART_RE.test(h.row.text);
      if (ratePart) score *= RATE_PART_SHARE;
      // totals sit at the end of the document: favour later rows slightly
      if (label.kind === 'total') score *= 0.85 + 0.15 * (lastRow ? h.row.index / lastRow : 1);
      const labelName = `${label.kind}:${h.labelText.trim()}${ratePart ? '+rate-part' : ''}${label.included ? '+included' : ''}`;
      const rate = label.kind === 'tax' && h.distance <= 1 ? oneRateOf(h.row.text) : null;
      out.push({ kind: label.kind, value: h.value, score, confidence: h.confidence, rowIndex: h.row.index, label: labelName, ...(rate !== null ? { rate } : {}) });
      if (h.distance >= 2) {
        // a column under a header label ("Nettobetrag | MwSt-Betrag | Endbetrag") may hold one row per tax rate
        // and then their sum: the row that adds up the ones above it is the document's figure
        const sum = columnSum(rows, h.row.index, h.x0, h.value, parse);
        if (sum) out.push({ kind: label.kind, value: sum.value, score: score + 0.1, confidence: sum.confidence, rowIndex: sum.rowIndex, label: `${labelName}+column-sum` });
      }
    }
  }
  // a tax line naming its base says which of its amounts is which: the other labels' readings of its row are dropped
  const onBase = taxOnBaseRows(rows, decimal);
  const onBaseRows = new Set(onBase.map((c) => c.rowIndex));
  out.splice(0, out.length, ...out.filter((c) => !onBaseRows.has(c.rowIndex)), ...onBase);
  // a net sum equal to the total read on another row is the sum after a discount, no untaxed amount (words.ts ET_NET_SUM)
  const totalsRead = out.filter((c) => c.kind === 'total');
  out.splice(0, out.length, ...out.filter((c) => !(c.kind === 'untaxed' && NET_SUM_LABEL_RE.test(c.label ?? '') && totalsRead.some((t) => t.rowIndex !== c.rowIndex && sameAmount(t.value, c.value)))));
  out.push(...adjustedUntaxed(rows, out, parse));
  out.push(...selfAddingRows(rows, decimal));
  out.push(...selfAddingTable(rows, decimal, out.filter((c) => c.kind === 'total'), isReceipt));
  out.push(...wholeUnitTotals(out));
  // one row, one meaning: "Total HT" also matches the weak "total" label; keep only the strongest reading
  const best = new Map<string, AmountCandidate>();
  for (const c of out) {
    const key = `${c.rowIndex}:${c.value}`;
    const prev = best.get(key);
    if (!prev || c.score > prev.score) best.set(key, c);
  }
  return [...best.values(), ...netTotalsLast(rows, [...best.values()])];
}

/**
 * A bare whole number under a total label on a page whose amounts carry cents ("Total Invoice Value: 557", "PAY: 557")
 * is read as a lost decimal point (5.57); but bills in rupees, forints or koruna round the payable amount to the unit:
 * when the page's untaxed amount and tax make it up (rounded to the unit, or with a round-off line read), the whole
 * number is the total too, at the lost reading's strength, and the summary's arithmetic chooses between the two.
 */
function wholeUnitTotals(cands: AmountCandidate[]): AmountCandidate[] {
  const of = (kind: AmountKind) => cands.filter((c) => c.kind === kind).map((c) => c.value);
  const [untaxed, taxes, roundings] = [of('untaxed'), of('tax').filter((x) => x > 0), [0, ...of('rounding').filter((r) => Math.abs(r) < 1)]];
  const madeUp = (whole: number) => untaxed.some((u) => taxes.some((x) => {
    const sum = roundHundredths(u + x);
    return (!Number.isInteger(sum) && Math.round(sum) === whole) || roundings.some((r) => r !== 0 && sameAmount(sum + r, whole));
  }));
  return cands
    .filter((c) => c.kind === 'total' && (c.label ?? '').endsWith('+lost-decimal') && madeUp(Math.round(c.value * 100)))
    .map((c) => ({ ...c, value: Math.round(c.value * 100), label: (c.label ?? '').replace(/\+lost-decimal$/, '+whole-unit') }));
}

const NET_TOTAL_RE = /^untaxed:\s*nett?\s*total/i;

/**
 * "Net Total" is the untaxed amount on an invoice that then adds its tax ("Net total / VAT / Total"), but the amount
 * paid on a till slip that prints no total after it ("SubTotal 25.00 / Net Total 25.00", "NET TOTAL : 45.00"): the
 * last summary line, with no total label below it, is a total too, at the weak label's strength.
 */
function netTotalsLast(rows: Row[], cands: AmountCandidate[]): AmountCandidate[] {
  // read on the label's own row (a value taken from a row below may be the cash line's)
  const onOwnRow = (c: AmountCandidate) => /nett?\s*total/i.test(rows.find((r) => r.index === c.rowIndex)?.text ?? '');
  return cands
    .filter((c) => c.kind === 'untaxed' && NET_TOTAL_RE.test(c.label ?? '') && onOwnRow(c))
    .filter((c) => !cands.some((o) => o.kind === 'total' && o.rowIndex > c.rowIndex && o.value > 0))
    .map((c) => ({ ...c, kind: 'total' as const, score: NET_TOTAL_LAST_STRENGTH, label: `total:${(c.label ?? '').slice('untaxed:'.length)}+last` }));
}

/** Strength of a "Net Total" that no total label follows, as a total: the weak total label's. */
const NET_TOTAL_LAST_STRENGTH = 0.65;

// (after the word for handing over: "GEGEBEN VISA 79.41", "Bezahlt EC-Karte")
const CARD_RE = new RegExp(String.raw`^\W*(?:(?:${CASH_WORDS}|paid|bezahlt)\s+)?(?:${CARD_WORDS})\b`, 'i');
const CASH_RE = new RegExp(String.raw`^\W*(?:${CASH_HANDED}|payment|pay)(\s*(received|tendered|paid))?\b`, 'i');

/** A till's payment lines under `label` and their amounts: the rightmost amount of the line, or one of the two lines
 * below a label printed alone. */
const paymentHits = (rows: Row[], label: RegExp, parse: (text: string) => number | null): LabeledHit[] =>
  findLabeled(rows, label, parse, { below: 2, rightmost: true, belowOnlyValues: true, maxLabelTail: 12 })
    // a ledger's "Debit | Credit" heading names columns: the amount under it is a line's, not a payment
    .filter((h) => !headsLedger((h.labelRow ?? h.row).cells));

/**
 * What the customer paid, read from payment lines: a card payment, or cash minus change. A till prints these after
 * the total, so an equal candidate total is corroborated.
 */
/** The page's amounts read one line off (tenderReadOneLineOff), as the caller found them: each of paidAmounts,
 * cashTendered and the totals' choice asks, and the page's rows are the same for all three. */
type OneLineOff = ReturnType<typeof tenderReadOneLineOff>;

export function paidAmounts(rows: Row[], decimal: DecimalSeparator, oneLineOff: () => OneLineOff = () => tenderReadOneLineOff(rows, decimal)): number[] {
  const parse = amountParser(decimal);
  const out: number[] = [];
  const card = paymentHits(rows, CARD_RE, parse)[0]?.value ?? null;
  if (card !== null && card > 0) out.push(card);
  const cashLines = paymentHits(rows, CASH_RE, parse).map((h) => h.value);
  const cash = cashLines[0] ?? null;
  // the change given back and the line it is printed on (tenderAboveChange reads the line above it)
  const changeHit = paymentHits(rows, CHANGE_LINE_RE, parse)[0];
  const changeLine = changeHit ? { value: changeHit.value, row: changeHit.labelRow ?? changeHit.row } : centsOnlyChange(rows);
  const change = changeLine?.value ?? null;
  // "Cash 8.60 / Tendered 9.00 / Change 0.40": the first cash line is the amount paid in cash, the tender the note
  // handed over; tender − change = that amount says so
  const paidInCash = change !== null ? cashLines.find((v) => cashLines.some((t) => t > v && sameAmount(t - change, v))) : undefined;
  if (paidInCash !== undefined) out.push(paidInCash);
  else if (cash !== null && change !== null && cash > change) out.push(roundHundredths(cash - change));
  else if (cash === null && changeLine) {
    const tendered = tenderAboveChange(rows, decimal, changeLine);
    if (tendered !== null) out.push(tendered);
  } else if (change === null) {
    const shifted = oneLineOff();
    if (shifted !== null) out.push(shifted.paid);
  }
  // money is paid in cents: "17,086" read off a card slip is a misread, not a payment
  return out.filter(wholeCents);
}

/** The cash handed over printed under no cash word ("EURO 20,00" over "Rückgeld 4,05"): a till prints the amount
 * tendered on the line right above the change it gives back, so tendered − change is what was paid — taken only
 * when the sum owed printed above the tender says so (under a total or subtotal label), as a check, never as a total
 * of its own. */
function tenderAboveChange(rows: Row[], decimal: DecimalSeparator, { value: change, row }: ChangeLine): number | null {
  const at = rows.indexOf(row);
  if (at < 1) return null;
  // the tender's word and its amount read as two rows, the amount a little higher ("20,00" / "EURO" / "Rückgeld 4,05"):
  // a row of words alone right above the change is the tender's label, its amount on the row above it
  const label = rows[at - 1];
  const split = !/\d/.test(label.text) && at >= 2 && rows[at - 2].page === label.page;
  const t = split ? at - 2 : at - 1;
  const tender = rows[t];
  // (a card's line above the change is no cash handed over, nor is the total's own line: "Summe 6,00 / Rückgeld 4,00")
  if (tender.page !== rows[at].page || [tender, label].some((r) => CARD_RE.test(r.text) || isTotalLine(r.text))) return null;
  // (split: the amount's row holds nothing but the amount)
  if (split && /\p{L}/u.test(tender.text)) return null;
  const handed = amountParser(decimal)(tender.text);
  if (handed === null || handed <= change || !/\d[.,]\s?\d{2}(?!\d)/.test(tender.text)) return null;
  const paid = roundHundredths(handed - change);
  // (the sum owed says so, not an item's price that happens to be the difference)
  const printedAbove = rows.slice(0, t).some((r) => isSumLine(r.text) && findAmounts(r.text, decimal).some((a) => a.decimals === 2 && sameAmount(a.value, paid)));
  return printedAbove && wholeCents(paid) ? paid : null;
}

/** A till's amount column read one line off: OCR pairs each right-hand amount with the label of the line below it
 * ("RM 9.00 / Total RM 10.00 / CASH RM 1.00 / CHANGE"), so the change label is left with no amount and the cash reads
 * less than the total, which a cash sale never is. Read in place again, the total's line holds the cash handed over
 * and the cash line the change: what was paid is their difference — taken only when it is the last amount of the
 * line just above the total's label, where the shift put it. */
export function tenderReadOneLineOff(rows: Row[], decimal: DecimalSeparator): { handed: number; paid: number } | null {
  const parse = amountParser(decimal);
  const at = rows.findIndex((r) => CHANGE_LINE_RE.test(r.text));
  if (at < 3 || /\d/.test(rows[at].text)) return null;
  // only when the change word is left with no amount at all (paidAmounts' search, the rows below it too: "CHANGE" /
  // "0.00" is a change of nothing read in place) and no card paid a share (a split sale's cash is less than its total)
  if (paymentHits(rows, CHANGE_LINE_RE, parse).length > 0 || centsOnlyChange(rows) !== null) return null;
  if (rows.some((r) => CARD_RE.test(r.text))) return null;
  const [above, totalRow, cashRow] = rows.slice(at - 3, at);
  if (new Set([above, totalRow, cashRow, rows[at]].map((r) => r.page)).size > 1) return null;
  if (!CASH_RE.test(cashRow.text) || !isTotalLine(totalRow.text)) return null;
  const [handed, change] = [parse(totalRow.text), parse(cashRow.text)];
  if (handed === null || change === null || change <= 0 || handed <= change) return null;
  const paid = roundHundredths(handed - change);
  const shiftedUp = findAmounts(above.text, decimal).filter((a) => a.decimals === 2).pop();
  return shiftedUp && sameAmount(shiftedUp.value, paid) && wholeCents(paid) ? { handed, paid } : null;
}

const TOTAL_LABELS = LABELS.filter((l) => l.kind === 'total');
/** A line under a total label (LABELS, kind total); a sum's line is one under a total or a subtotal label (a till
 * prints "Zwischensumme 15,95" as what is owed: words.ts SUBTOTAL). */
const isTotalLine = (text: string): boolean => TOTAL_LABELS.some((l) => l.re.test(text));
const isSumLine = (text: string): boolean => isTotalLine(text) || SUBTOTAL_IN_ROW_RE.test(text);

/** The change given back and the row it is printed on. */
interface ChangeLine {
  value: number;
  row: Row;
}

/** A change line that prints its cents alone ("CHANGE RM .20", "CHANGE RM .00"; some tills drop the leading zero,
 * OCR drops it too): the change is those cents. */
function centsOnlyChange(rows: Row[]): ChangeLine | null {
  for (const r of rows) {
    if (!CHANGE_LINE_RE.test(r.text)) continue;
    const m = /(?<![\d.,])[.,](\d{2})\s*$/.exec(r.text);
    if (m) return { value: Number(m[1]) / 100, row: r };
  }
  return null;
}

/** The cash handed over at the till ("CASH 50.00", "Bar 20,00"): no total paid in cash alone is above it. Only when
 * no card line is printed (a card may pay the rest). */
export function cashTendered(rows: Row[], decimal: DecimalSeparator, firstTotalRow: number, oneLineOff: () => OneLineOff = () => tenderReadOneLineOff(rows, decimal)): number | null {
  const parse = amountParser(decimal);
  if (rows.some((r) => CARD_RE.test(r.text))) return null;
  // the payment follows the total ("Cash Promotion 34.00" above it is a discount)
  const hit = paymentHits(rows, CASH_RE, parse).find((h) => h.row.index > firstTotalRow);
  // read with its cents ("CASH 50.00"): a bare "34" is a misread or a count
  if (!hit || hit.value <= 0 || !/\d[.,]\d{2}\b/.test(hit.row.text) || !wholeCents(hit.value)) return null;
  // less cash than change given back ("CASH 0.15", "CHANGE 35.00"): the cash line is the misread one
  const change = paymentHits(rows, CHANGE_LINE_RE, parse)[0];
  if (change && change.value > hit.value) return null;
  // the amounts read one line off: the cash line's amount is the change
  return oneLineOff() === null ? hit.value : null;
}

/** Every money-shaped amount on the page (with cents), for cross-checks. */
export function printedAmounts(rows: Row[], decimal: DecimalSeparator): number[] {
  const out: number[] = [];
  for (const r of rows) for (const a of findAmounts(readDollarSign(r.text), decimal)) if (a.decimals === 2) out.push(a.value);
  return out;
}

/**
 * A slip with no legible total label whose item amounts add up to an amount printed below them ("DPT.05 RM 149.00 /
 * DPT.04 RM 21.00 / CASH RM 170.00"): that amount is the total, whatever its label says.
 */
function amountsAddingUp(rows: Row[], parse: (text: string) => number | null): Ranked | null {
  let sum = 0;
  let count = 0;
  for (const r of rows) {
    // ("RM 170. 00": OCR splits the cents off)
    if (r.confidence < MIN_READABLE || !/[.,]\s?\d{2}\b/.test(r.text)) continue;
    // a weighed item's unit price under its line ("0,566 kg x 1,29 EUR/kg"): the item's amount is on its own line
    if (UNIT_PRICE_RE.test(r.text)) continue;
    const v = parse(r.text);
    if (v === null || v <= 0 || v >= 1e6) continue;
    if (sameAmount(sum, v)) {
      if (count >= 2) return { value: v, score: AMOUNTS_ADD_UP_SCORE, confidence: r.confidence, why: [AMOUNTS_ADD_UP] };
      continue; // a subtotal repeating the one item above it is not another amount
    }
    sum = roundHundredths(sum + v);
    count++;
  }
  return null;
}

/** A price per unit of weight, volume or count ("1,29 EUR/kg", "4,90 €/kg", "0,99 /Stk", "2,49 EUR/l"). */
const UNIT_PRICE_RE = /\d[.,]\d{2}\s*(?:€|eur|euro|chf|£|\$)?\s*\/\s*(?:kg|g|100\s*g|l|lt|ltr|stk|st|pc|pcs|ud|uds|un)(?![\p{L}])/iu;

/** The reason of a slip's total that the amounts above it add up to (amountsAddingUp). */
export const AMOUNTS_ADD_UP = 'amounts-add-up';

/** Score of an amount the amounts above it add up to, on a slip without a total label: above the largest amount. */
const AMOUNTS_ADD_UP_SCORE = 0.5;

const SUBTOTAL_RE = new RegExp(String.raw`^\W*(?:${SUBTOTAL})\b`, 'i');

/**
 * A slip whose total line OCR could not read, but whose subtotal's amount is printed again below it ("SUBTOTALE 2,99"
 * over the total's and the payment's "2,99" with their labels lost): what was paid is the subtotal, whatever amount
 * the items above it print (a discount lowered it).
 */
function subtotalRepeated(rows: Row[], parse: (text: string) => number | null): Ranked | null {
  const at = rows.findIndex((r) => SUBTOTAL_RE.test(r.cells[0]?.text ?? r.text));
  if (at < 0) return null;
  const value = parse(rows[at].text);
  if (value === null || value <= 0 || !/\d[.,]\d{2}\b/.test(rows[at].text)) return null;
  const below = rows.slice(at + 1).filter((r) => r.page === rows[at].page);
  // a tax added after the subtotal ("SUB TOTAL 10.00 / GST 0.60 / 10.60", a GST summary repeating "10.00"): the
  // subtotal is the net, not what was paid
  const amounts = below.map((r) => parse(r.text)).filter((v): v is number => v !== null && v > 0);
  if (amounts.some((v) => v > value && amounts.some((t) => Math.abs(value + t - v) < 0.005))) return null;
  const again = below.filter((r) => r.confidence >= MIN_READABLE && parse(r.text) === value);
  return again.length ? { value, score: SUBTOTAL_REPEATED_SCORE, confidence: Math.min(rows[at].confidence, again[0].confidence), why: ['subtotal-repeated'] } : null;
}

/** Score of a subtotal printed again below it, on a slip without a total label: above the amounts that add up. */
const SUBTOTAL_REPEATED_SCORE = 0.55;

/**
 * Receipts without a readable "total" label: the largest amount above the payment lines (cash, change), which a
 * till prints after the total.
 */
export function receiptFallbackTotal(rows: Row[], decimal: DecimalSeparator): Ranked | null {
  const parse = amountParser(decimal);
  // a payment line carries its amount, with cents: "CASH RECEIPT", "Cash Sale" are titles, "Debit Mastercard 165361"
  // the card's terminal line
  const payment = rows.findIndex((r) => PAYMENT_LINE_START.test(r.text) && /\d[.,]\d{2}\b/.test(r.text));
  const scope = payment > 0 ? rows.slice(0, payment) : rows;
  const repeated = subtotalRepeated(rows, parse);
  if (repeated) return repeated;
  const summed = amountsAddingUp(rows, parse);
  if (summed) return summed;
  let best: Ranked | null = null;
  for (const r of scope) {
    if (r.confidence < MIN_READABLE || !/[.,]\d{2}\b/.test(r.text)) continue;
    const v = parse(r.text);
    if (v !== null && v > 0 && v < 1e6 && (!best || v > best.value)) best = { value: v, score: 0.35, confidence: r.confidence, why: ['largest-before-payment'] };
  }
  return best;
}

/** A slip that says its prices include the tax ("*GST @ 6% INCLUDED IN TOTAL", "(Price Inclusive Of GST)", "Prices
 * include VAT", "alle Preise inkl. MwSt."): a subtotal there is already the total. */
const PRICES_INCLUDE_TAX_RE = new RegExp(PRICES_INCLUDE_TAX, 'i');

export interface TotalsInput {
  decimal: DecimalSeparator;
  /** till slips: without a legible total label, the largest amount above the payment lines is the total */
  isReceipt?: boolean;
  /** line items: when every line has an amount, their sum cross-checks untaxed (or total) and payments */
  lines?: LineItem[];
  /** the document's currency, as read (currency.ts): the column a row of amounts in two currencies is read in */
  currency?: string | null;
  /** the page numbers read from the PDF's text layer (space-grouping.ts reads "2 668.24" as one amount only there) */
  textLayerPages?: ReadonlySet<number>;
}

/**
 * "TOTAL" with letters OCR reads as their look-alikes in a till's print ("IUIAL", "T0TAL", "NET TUTAL", "SUBTUIAL",
 * "TOTA1"): T as I/l/1/J, O as 0/U/Q/D, A as 4, L as I/1. At least three letters, so a number is never one. Alone, or
 * glued to "SUB"; with an Italian "E" after it.
 */
const TOTAL_LOOKALIKE = /(?<=^|[^\p{L}\d]|sub)[TIl1J][O0UQD][TIl1][A4][LIl1](?=e?(?![\p{L}\d]))/giu;

/** The total word restored in a text where OCR misread some of its letters (TOTAL_LOOKALIKE). */
export function readTotalWord(text: string): string {
  return text.replace(TOTAL_LOOKALIKE, (w) => ((w.match(/\p{L}/gu) ?? []).length < 3 || /^total$/i.test(w) ? w : 'TOTAL'));
}

/** The rows with misread total words restored, for the label search (same indices and geometry). */
function withTotalWords(rows: Row[]): Row[] {
  return rows.map((r) => {
    const text = readTotalWord(r.text);
    if (text === r.text) return r;
    return { ...r, text, cells: r.cells.map((c) => ({ ...c, text: readTotalWord(c.text) })) };
  });
}

/** "RM" as OCR misreads it, glued to an amount with cents: "RN9.65", "RH20.90", "FM3.00" (SROIE tune: 17 amounts of
 * 14 receipts). findAmounts reads an amount glued to letters only after a currency code, so these went unread — a
 * parking ticket's "Total FM3.00" among them. */
const RINGGIT_LOOKALIKE = /(?<![\p{L}\d])(?:R[NH]|[FP]M)(?=\d{1,6}[.,]\d{2}(?!\d))/gu;
/** A page that prints "RM" before an amount: there the look-alikes are ringgit. */
const RINGGIT_PRINTED = /(?<![\p{L}])RM\s?\d/u;

/** The rows with "RM"'s look-alikes restored on a page that prints "RM" (same indices and geometry). */
export function withRinggit(rows: Row[]): Row[] {
  if (!rows.some((r) => RINGGIT_PRINTED.test(r.text))) return rows;
  const read = (text: string) => text.replace(RINGGIT_LOOKALIKE, 'RM');
  return rows.map((r) => {
    const text = read(r.text);
    return text === r.text ? r : { ...r, text, cells: r.cells.map((c) => ({ ...c, text: read(c.text) })) };
  });
}

const SPLIT_PAYMENT_RE = new RegExp(SPLIT_PAYMENT, 'iu');

/** Total, untaxed and tax of a document: candidates, payment lines and printed amounts, then the best triple. */
export function extractTotals(rowsAsRead: Row[], input: TotalsInput): Totals {
  const { decimal, isReceipt = false, lines = [], textLayerPages = new Set<number>(), currency = null } = input;
  const rows = withSpaceGroupedAmounts(joinedOnTextLayer(withTotalWords(withRinggit(rowsAsRead)), textLayerPages, unspacedAmount), decimal, textLayerPages);
  const fallback = isReceipt ? receiptFallbackTotal(rows, decimal) : null;
  const amounts = lines.map((l) => l.amount);
  const lineSum = amounts.length > 0 && amounts.every((a) => a !== null)
    ? roundHundredths(amounts.reduce((s: number, a) => s + (a ?? 0), 0))
    : null;
  const printed = printedAmounts(rows, decimal);
  const cands = collectAmountCandidates(rows, decimal, printed, currency, isReceipt);
  const totalRows = cands.filter((c) => c.kind === 'total').map((c) => c.rowIndex);
  const pageText = rows.map((r) => r.text).join('\n');
  const oneLineOff = tenderReadOneLineOff(rows, decimal);
  return chooseTotals(cands, {
    fallbackTotal: fallback,
    pricesIncludeTax: rows.some((r) => PRICES_INCLUDE_TAX_RE.test(r.text)),
    paid: paidAmounts(rows, decimal, () => oneLineOff),
    tendered: totalRows.length ? cashTendered(rows, decimal, Math.min(...totalRows), () => oneLineOff) : null,
    printed,
    lineSum,
    rates: printedRates(pageText),
    // a till's tax table (rate, net, tax, gross) backs the total it makes up; a bill's summary table of bases and
    // taxes may leave out what the total adds after it (a surcharge, a withholding), so it backs receipts' totals only
    taxTable: isReceipt ? (total) => taxTableFits(pageText, total) : null,
    splitPayment: !isReceipt && SPLIT_PAYMENT_RE.test(pageText),
    tenderOneLineOff: oneLineOff,
  });
}
