// Lines of an order-type document (purchase order, delivery note) as printed: article code, description and
// quantity (and prices, when the order prints them). Unlike a bill's lines (lines.ts) they need not end in an amount
// — a delivery note prints none — so each value is read from the column it stands in: the table header's words give
// the columns, every token of a line is given to the nearest header word, and a line is an item when its quantity
// column holds a number. Rows under an item with words only in the description column continue its description
// (Odoo and many ERPs wrap long product names).
import type { LineItem } from '../../contract.js';
import type { Row } from './layout.js';
import { parseAmount, type DecimalSeparator } from './numbers.js';

type Role = 'code' | 'description' | 'quantity' | 'ordered' | 'price' | 'amount' | 'other';

const DESCRIPTION_RE =
  /^(description|product|article|item|items|designation|désignation|bezeichnung|beschreibung|artikel|descrizione|articolo|prodotto|producto|descripci[óo]n|libell[ée]|omschrijving|produit|material|goods)$/i;
const CODE_RE = /^(code|sku|ref\.?|reference|référence|art\.?-?nr\.?|artikelnummer|artikel-?nr\.?|codice|cod\.?|c[óo]digo|referencia|part|item\s*no\.?|ean|gtin)$/i;
// the quantity that arrived (delivery note) or was ordered (order); "ordered" beside a delivered column is kept apart
const QUANTITY_RE =
  /^(qty\.?|quantity|quantities|delivered|shipped|received|menge|anzahl|geliefert|liefermenge|quantit[àaée]|qt[àaé]\.?|q\.t[àa]|cantidad|cant\.?|aantal|geleverd|pcs|done)$/i;
const ORDERED_RE = /^(ordered|bestellt|bestellmenge|ordinat[ao]|pedid[ao]|command[ée]e?|besteld|demand)$/i;
const PRICE_RE = /^(price|unit\s*price|preis|einzelpreis|prezzo|precio|prix|pu|p\.u\.|prijs|rate)$/i;
const AMOUNT_RE = /^(amount|total|subtotal|betrag|gesamt|importo|importe|montant|bedrag|net)$/i;
const QUANTITY_HEADER_RE = new RegExp(`(?<![\\p{L}])(${[QUANTITY_RE, ORDERED_RE].map((r) => r.source.slice(2, -2)).join('|')})(?![\\p{L}])`, 'iu');
const DESCRIPTION_HEADER_RE = new RegExp(`(?<![\\p{L}])(${DESCRIPTION_RE.source.slice(2, -2)})(?![\\p{L}])`, 'iu');

/** The table ends at its totals, or at the signature and page furniture under a delivery note's lines. */
const END_RE =
  /\b(sub\s*-?\s*total|untaxed|total|totale|summe|zwischensumme|imponibile|gesamtbetrag|signature|unterschrift|firma|received\s+by|terms\s+and\s+conditions|page\s+\d+\s*(\/|of)\s*\d+|seite\s+\d+)\b/i;
const MAX_ITEMS = 500;

interface Token {
  text: string;
  x: number; // centre, in page units
}

interface Column {
  role: Role;
  x: number;
}

/** Tokens of a row with their estimated centres: a cell's width is shared among its characters. */
function tokensOf(row: Row): Token[] {
  const out: Token[] = [];
  for (const cell of row.cells) {
    const width = Math.max(1, cell.x1 - cell.x0);
    const perChar = width / Math.max(1, cell.text.length);
    for (const m of cell.text.matchAll(/\S+/g)) {
      const start = m.index ?? 0;
      out.push({ text: m[0], x: cell.x0 + perChar * (start + m[0].length / 2) });
    }
  }
  return out;
}

function roleOf(word: string, previous: string | null): Role {
  const w = word.replace(/[:.]+$/, '').trim();
  if (previous && /^(unit|net|list)$/i.test(previous) && /^price$/i.test(w)) return 'price';
  if (DESCRIPTION_RE.test(w)) return 'description';
  if (ORDERED_RE.test(w)) return 'ordered';
  if (QUANTITY_RE.test(w)) return 'quantity';
  if (CODE_RE.test(w)) return 'code';
  if (PRICE_RE.test(w)) return 'price';
  if (AMOUNT_RE.test(w)) return 'amount';
  return 'other';
}

/** The header's columns, when the row reads as one: a description word and a quantity word. */
function headerColumns(row: Row): Column[] | null {
  if (!DESCRIPTION_HEADER_RE.test(row.text) || !QUANTITY_HEADER_RE.test(row.text)) return null;
  const tokens = tokensOf(row);
  const columns = tokens.map((t, i) => ({ role: roleOf(t.text, i > 0 ? tokens[i - 1].text : null), x: t.x }));
  // two-word headers ("Unit Price", "Item No."): the first word takes the second's role
  for (let i = 0; i + 1 < columns.length; i++) {
    if (columns[i].role === 'other' && columns[i + 1].role === 'price' && /^(unit|net|list)$/i.test(tokens[i].text)) columns[i].role = 'price';
    if (columns[i].role === 'description' && /^(no\.?|nr\.?|#|code|number)$/i.test(tokens[i + 1].text)) {
      columns[i].role = 'code';
      columns[i + 1].role = 'code';
    }
  }
  // one column per header title: "Unit Price", "Date Req." are one column each, at their middle
  const merged: Column[] = [];
  for (const c of columns) {
    const last = merged[merged.length - 1];
    if (last && last.role === c.role && c.role !== 'other') last.x = (last.x + c.x) / 2;
    else merged.push({ ...c });
  }
  columns.splice(0, columns.length, ...merged);
  // with both, "ordered" is the order's quantity and the other the delivered one; with "ordered" alone it is the quantity
  if (!columns.some((c) => c.role === 'quantity')) for (const c of columns) if (c.role === 'ordered') c.role = 'quantity';
  return columns.some((c) => c.role === 'quantity') && columns.some((c) => c.role === 'description') ? columns : null;
}

function nearest(columns: Column[], x: number): Column {
  let best = columns[0];
  for (const c of columns) if (Math.abs(c.x - x) < Math.abs(best.x - x)) best = c;
  return best;
}

const DATE_OR_TIME_RE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{1,2}:\d{2}(:\d{2})?$/;
const BRACKET_CODE_RE = /^\[([^\]\s]{1,40})\]$/;
const SYMBOL_RE = /^([€$£¥₹%]|eur|usd|chf|gbp)$/i;

/** A GTIN-8/12/13/14 with its check digit right. */
export function isGtin(text: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(text)) return false;
  const digits = [...text].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((s, d, i) => s + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

function numberOf(text: string, decimal: DecimalSeparator): number | null {
  if (DATE_OR_TIME_RE.test(text) || /%$/.test(text)) return null;
  const cleaned = text.replace(/^[€$£]/, '');
  if (!/^[-−]?\d[\d.,'’]*$/.test(cleaned)) return null;
  return parseAmount(cleaned, decimal);
}

interface Reading {
  code: string | null;
  barcode: string | null;
  words: string[];
  values: Partial<Record<Role, number>>;
}

const NUMERIC_ROLES: Role[] = ['quantity', 'ordered', 'price', 'amount'];
const UNIT_WORD_RE = /^(units?|pcs?|pieces?|stk\.?|st[üu]ck|pz\.?|nr\.?|kg|g|l|m|h|hours?|ea|each|box(es)?|pack)$/i;

/** One table row: codes wherever they stand, numbers by their column, and as description the words printed before
 * the row's first quantity or price (units and tax names after it are not the article's name). */
function readRow(row: Row, columns: Column[], decimal: DecimalSeparator): Reading {
  const reading: Reading = { code: null, barcode: null, words: [], values: {} };
  const hasCodeColumn = columns.some((c) => c.role === 'code');
  let valuesStarted = false;
  const numbers: { value: number; role: Role }[] = [];
  for (const token of tokensOf(row)) {
    const column = nearest(columns, token.x);
    const bracket = BRACKET_CODE_RE.exec(token.text);
    if (bracket && reading.code === null) {
      reading.code = bracket[1];
      continue;
    }
    if (isGtin(token.text) && !NUMERIC_ROLES.includes(column.role)) {
      reading.barcode ??= token.text;
      continue;
    }
    if (hasCodeColumn && column.role === 'code' && reading.code === null && /\d|[A-Z]{2,}[-_]/.test(token.text)) {
      reading.code = token.text.replace(/[,;]$/, '');
      continue;
    }
    const value = numberOf(token.text, decimal);
    // a figure under a column that is not the description's (a date column's header centred away from it)
    if (value !== null && column.role !== 'description' && column.role !== 'code') {
      numbers.push({ value, role: column.role });
      valuesStarted = true;
      continue;
    }
    if (valuesStarted || SYMBOL_RE.test(token.text) || DATE_OR_TIME_RE.test(token.text) || /%$/.test(token.text)) continue;
    if (column.role === 'price' || column.role === 'amount' || (UNIT_WORD_RE.test(token.text) && column.role !== 'description')) continue;
    reading.words.push(token.text);
  }
  // as many numbers as numeric columns: one each, left to right (headers centred over right-aligned figures put a
  // figure nearer the next column's title); otherwise each goes to the column it is nearest to
  const numeric = columns.filter((c) => NUMERIC_ROLES.includes(c.role)).sort((a, b) => a.x - b.x);
  numbers.forEach((n, i) => {
    const role = numbers.length === numeric.length ? numeric[i]!.role : n.role;
    if (role !== 'other') reading.values[role] ??= n.value;
  });
  return reading;
}

/** A header title split over two lines ("Unit" above "Price"): a short row of header words just above or below. */
function headerNeighbours(rows: Row[], at: number): Column[] {
  const out: Column[] = [];
  for (const k of [at - 1, at + 1]) {
    const r = rows[k];
    if (!r || r.page !== rows[at]!.page || Math.abs(r.top - rows[at]!.top) > 0.015 || r.text.length > 30) continue;
    const tokens = tokensOf(r);
    if (tokens.some((t) => /\d/.test(t.text))) continue;
    tokens.forEach((t, i) => out.push({ role: roleOf(t.text, i > 0 ? tokens[i - 1]!.text : null), x: t.x }));
  }
  return out;
}

function withNeighbours(columns: Column[], extra: Column[]): Column[] {
  if (!extra.length) return columns;
  const all = [...columns, ...extra.filter((e) => e.role !== 'other')].sort((a, b) => a.x - b.x);
  const merged: Column[] = [];
  for (const c of all) {
    const last = merged[merged.length - 1];
    if (last && last.role === c.role && c.role !== 'other') last.x = (last.x + c.x) / 2;
    else merged.push({ ...c });
  }
  return merged;
}

interface OpenItem {
  item: LineItem;
  rowIndex: number;
}

/** Lines of an order or a delivery note, in print order; [] when no table header is found. A table line may be
 * printed over several text rows (cells centred vertically: the code and name on one, the figures on the next, the
 * end of a long name under them): a row with a code or a quantity starts a line, figures without words complete
 * a line still without its quantity, words alone continue its description. */
export function extractOrderLines(rows: Row[], decimal: DecimalSeparator): LineItem[] {
  const items: LineItem[] = [];
  let columns: Column[] | null = null;
  let open: OpenItem | null = null;
  const close = () => {
    if (open && (open.item.quantity !== null || open.item.product_code)) items.push(open.item);
    open = null;
  };
  const skip = new Set<number>();
  for (let i = 0; i < rows.length && items.length < MAX_ITEMS; i++) {
    const row = rows[i]!;
    const header = headerColumns(row);
    if (header) {
      close();
      const extra = headerNeighbours(rows, i);
      columns = withNeighbours(header, extra); // a table continued on the next page prints its header again
      if (extra.length && rows[i + 1] && Math.abs(rows[i + 1]!.top - row.top) <= 0.015 && rows[i + 1]!.text.length <= 30) skip.add(i + 1);
      continue;
    }
    if (!columns || skip.has(i)) continue;
    if (END_RE.test(row.text)) {
      close();
      columns = null;
      continue;
    }
    const r = readRow(row, columns, decimal);
    const quantity = r.values.quantity ?? null;
    const hasValues = Object.keys(r.values).length > 0;
    const starts = r.code !== null || r.barcode !== null || (quantity !== null && r.words.length > 0) ||
      (r.words.length > 0 && open?.item.quantity !== null && open !== null && i - open.rowIndex > 2);
    if (starts && !(open && open.item.quantity === null && !open.item.product_code && r.code === null && quantity !== null && r.words.length === 0)) {
      close();
      open = {
        rowIndex: i,
        item: {
          description: r.words.join(' ').slice(0, 200), quantity, unit_price: r.values.price ?? null, amount: r.values.amount ?? null,
          tax_rate: null, product_code: r.code, barcode: r.barcode, ...(r.values.ordered !== undefined ? { ordered_quantity: r.values.ordered } : {}),
        },
      };
    } else if (open && hasValues && r.words.length === 0 && open.item.quantity === null) {
      // the figures of a line printed on the row under (or over) its name
      open.item.quantity = quantity;
      open.item.unit_price ??= r.values.price ?? null;
      open.item.amount ??= r.values.amount ?? null;
      if (r.values.ordered !== undefined) open.item.ordered_quantity = r.values.ordered;
      open.rowIndex = i;
    } else if (open && r.words.length > 0 && !hasValues && i - open.rowIndex <= 2) {
      // a wrapped description
      open.item.description = `${open.item.description} ${r.words.join(' ')}`.trim().slice(0, 200);
      open.rowIndex = i;
    } else if (r.words.length > 0 && !hasValues && !open) {
      // a name printed over its code and figures: kept until the row that starts its line
      open = { rowIndex: i, item: { description: r.words.join(' ').slice(0, 200), quantity: null, unit_price: null, amount: null, tax_rate: null, product_code: null, barcode: null } };
    } else if (hasValues && r.words.length === 0 && open && open.item.quantity !== null) {
      close();
    }
  }
  close();
  return items;
}
