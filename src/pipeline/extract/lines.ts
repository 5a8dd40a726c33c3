// Line items, best effort: rows between a table header (description / qty / amount columns) and the first totals
// row. A row is an item when it has words and ends in a money amount; an item whose amount sits on the next row
// (two-line layouts) is joined with it.
import type { LineItem } from '../../contract.js';
import type { Row } from './layout.js';
import { findAmounts, type AmountMatch, type DecimalSeparator } from './numbers.js';

const HEADER_RE =
  /(description|beschreibung|bezeichnung|d[ée]signation|descrizione|descripci[óo]n|produkt|product|article|artikel|item|concepto|libell[ée])/i;
const QTY_HEADER_RE = /\b(qty|quantity|menge|anzahl|quantit[ée]|qt[àa]|cantidad|nombre|pcs)\b/i;
const AMOUNT_HEADER_RE = /\b(amount|total|betrag|gesamt|montant|importo|importe|prix|price|preis|prezzo|precio)\b/i;
const END_RE =
  /\b(sub\s*-?\s*total|total|totale|summe|zwischensumme|nettobetrag|positionssumme|belegsummen|imponibile|rounding|umsatzsteueraufschl\w*|steueraufschl\w*)\b|^\W*(tax|vat|tva|iva|ust|mwst|cash|change|montant|base)\b/i;
const UNIT_RE = /(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(stk\.?|pcs?|pc|x|units?|unit\(s\)|st|kg|h|std|liter\(s\)|l|kwh|m|pz|uds?)(?![\p{L}])/iu;
const MAX_ITEMS = 200; // bounded: a runaway table is not worth more

interface Parsed {
  words: string;
  money: AmountMatch[]; // amounts with cents or a currency mark, left to right
  rate: number | null;
  qty: number | null;
}

function parseRow(row: Row, decimal: DecimalSeparator): Parsed {
  const text = row.text;
  const rate = /(\d{1,2}(?:[.,]\d{1,2})?)\s?%/.exec(text);
  const noRates = text.replace(/\d{1,2}(?:[.,]\d{1,2})?\s?%/g, ' ');
  const money = findAmounts(noRates, decimal).filter((a) => {
    if (a.raw.replace(/\D/g, '').length > 10) return false; // GTINs and ids
    if (a.decimals >= 2) return true;
    const around = noRates.slice(a.index, a.index + a.raw.length + 3);
    return /[€$£]/.test(around);
  });
  const qty = UNIT_RE.exec(noRates);
  // the words: cells that read as text, not as numbers, ids or units
  const words = row.cells
    .map((c) => c.text)
    .filter((t) => {
      const letters = (t.match(/\p{L}/gu) ?? []).length;
      const digits = (t.match(/\d/g) ?? []).length;
      if (letters < 3 || /^\s*[\d.,]+\s*(stk\.?|pcs?|units?|unit\(s\)|kg|liter\(s\)|kwh)\s*$/i.test(t)) return false;
      return !(digits > letters && /\s/.test(t.trim())); // "100.00 TVA 20%" is a price column, "TB100A4" a code
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { words, money, rate: rate ? Number(rate[1].replace(',', '.')) : null, qty: qty ? Number(qty[1].replace(',', '.')) : null };
}

/** The header row of an item table: a description word and a quantity or amount word ("Código  Descripción  Uds.
 * Precio  Importe"). */
export function isItemTableHeader(text: string): boolean {
  return HEADER_RE.test(text) && (QTY_HEADER_RE.test(text) || AMOUNT_HEADER_RE.test(text));
}

export function extractLines(rows: Row[], decimal: DecimalSeparator): LineItem[] {
  const items: LineItem[] = [];
  let inTable = false;
  let pending: Parsed | null = null; // an item row still waiting for its amount
  for (const row of rows) {
    if (!inTable) {
      if (isItemTableHeader(row.text)) inTable = true;
      continue;
    }
    if (END_RE.test(row.text)) {
      inTable = false;
      pending = null;
      continue;
    }
    const p = parseRow(row, decimal);
    const last = p.money[p.money.length - 1];
    const lineAmount = last && last.decimals === 2 ? last : undefined; // 4 decimals = a unit price
    if (p.words && lineAmount) {
      items.push(toItem(p, p.money, lineAmount.value));
      pending = null;
    } else if (p.words && (p.qty !== null || p.money.length > 0)) {
      pending = p;
    } else if (!p.words && lineAmount && pending) {
      items.push(toItem(pending, [...pending.money, ...p.money], lineAmount.value));
      pending = null;
    }
    if (items.length >= MAX_ITEMS) break;
  }
  return items;
}

function toItem(p: Parsed, money: AmountMatch[], amount: number): LineItem {
  const unit = money.length >= 2 ? money[money.length - 2].value : null;
  let quantity = p.qty;
  if (quantity === null && unit !== null && unit !== 0) {
    const q = amount / unit;
    if (q > 0 && Math.abs(q - Math.round(q)) < 0.01) quantity = Math.round(q);
  }
  return { description: p.words.slice(0, 200), quantity, unit_price: unit, amount, tax_rate: p.rate };
}
