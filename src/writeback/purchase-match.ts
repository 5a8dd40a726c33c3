// Which purchase order a vendor bill is billed against, and which of its lines each line of the bill is: decided
// from what was read (order number, lines, totals) and the candidate orders' rows. Pure: no Odoo calls.
import type { LineItem } from '../contract.js';
import type { PurchaseLine, PurchaseOrder } from './purchase-orders.js';
import { withoutAccents } from '../pipeline/accents.js';

export interface LinePair {
  doc: LineItem;
  line: PurchaseLine;
}

export interface LinePairing {
  pairs: LinePair[];
  /** Lines of the document that are on none of the order's lines. */
  unpaired: LineItem[];
}

/** Relative tolerance for prices read from a document (a rounded unit price on a long line still matches). */
const PRICE_TOLERANCE = 0.005;
/** Odoo's own tolerance when it matches a bill total against an order (purchase/models/account_invoice.py). */
export const ORDER_TOTAL_TOLERANCE = 0.02;

const letters = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** Internal references of the line's product: "[FURN_7777] Office Chair" → FURN_7777. */
export function productCodes(line: PurchaseLine): string[] {
  const codes = new Set<string>();
  for (const label of [line.productName, line.name]) {
    for (const m of (label ?? '').matchAll(/\[([^\]]{2,40})\]/g)) codes.add(m[1].trim());
  }
  return [...codes];
}

function words(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of withoutAccents(s.toLowerCase()).split(/[^a-z0-9]+/)) {
    if (w.length >= 3 || /^\d+$/.test(w)) out.add(w);
  }
  return out;
}

/** Dice coefficient of the words of two descriptions (product codes in brackets left out). */
export function descriptionSimilarity(a: string, b: string): number {
  const wa = words(a.replace(/\[[^\]]*\]/g, ' '));
  const wb = words(b.replace(/\[[^\]]*\]/g, ' '));
  if (wa.size === 0 || wb.size === 0) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return (2 * common) / (wa.size + wb.size);
}

export function samePrice(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(0.005, PRICE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)));
}

/** The line's net unit price as the order has it (after its discount). */
export function netPrice(line: PurchaseLine): number {
  return line.priceUnit * (1 - line.discount / 100);
}

/** Quantity and unit price the document gives a line (from its amount when one of them is missing). */
export function docQuantityPrice(doc: LineItem): { quantity: number | null; price: number | null } {
  let quantity = doc.quantity;
  let price = doc.unit_price;
  if (quantity === null && price && doc.amount !== null) quantity = Math.round((doc.amount / price) * 1000) / 1000;
  if (price === null && quantity && doc.amount !== null) price = doc.amount / quantity;
  if (quantity === null && price === null && doc.amount !== null) { quantity = 1; price = doc.amount; }
  return { quantity, price };
}

/** What is still open to bill on the line: Odoo's qty_to_invoice (received − billed, or ordered − billed for
 * products billed on ordered quantities). */
export function openQuantity(line: PurchaseLine): number {
  return Math.max(0, line.toBill);
}

/** How well a document line fits an order line; 0 = not this line. */
export function lineScore(doc: LineItem, line: PurchaseLine): number {
  const codeHit = productCodes(line).some((code) => letters(code).length >= 3 && letters(doc.description).includes(letters(code)));
  const similarity = Math.max(descriptionSimilarity(doc.description, line.name), descriptionSimilarity(doc.description, line.productName ?? ''));
  const { quantity, price } = docQuantityPrice(doc);
  const priceHit = price !== null && samePrice(price, netPrice(line));
  const quantityHit = quantity !== null && [openQuantity(line), line.ordered - line.billed, line.ordered].some((q) => Math.abs(quantity - q) < 1e-6);
  if (!codeHit && similarity < 0.5 && !(priceHit && (quantityHit || similarity >= 0.25))) return 0;
  return (codeHit ? 3 : 0) + 2 * similarity + (priceHit ? 1 : 0) + (quantityHit ? 0.5 : 0);
}

/** Each document line to at most one order line and back, best fits first. */
export function pairLines(docLines: LineItem[], lines: PurchaseLine[]): LinePairing {
  const candidates: Array<{ d: number; l: number; score: number }> = [];
  docLines.forEach((doc, d) => lines.forEach((line, l) => {
    const score = lineScore(doc, line);
    if (score > 0) candidates.push({ d, l, score });
  }));
  candidates.sort((a, b) => b.score - a.score || a.d - b.d || a.l - b.l);
  const usedDoc = new Set<number>();
  const usedLine = new Set<number>();
  const byDoc = new Map<number, number>();
  for (const c of candidates) {
    if (usedDoc.has(c.d) || usedLine.has(c.l)) continue;
    usedDoc.add(c.d);
    usedLine.add(c.l);
    byDoc.set(c.d, c.l);
  }
  const pairs: LinePair[] = [];
  const unpaired: LineItem[] = [];
  docLines.forEach((doc, d) => {
    const l = byDoc.get(d);
    if (l === undefined) unpaired.push(doc);
    else pairs.push({ doc, line: lines[l] });
  });
  return { pairs, unpaired };
}

function atOrderPrice(pair: LinePair): boolean {
  const { price } = docQuantityPrice(pair.doc);
  return price !== null && samePrice(price, netPrice(pair.line));
}

/** What is left to bill on an order, with its taxes: by what was received, and by what was ordered. */
export function openAmounts(order: PurchaseOrder): number[] {
  const share = (qty: number, l: PurchaseLine) => (l.ordered > 0 ? (qty / l.ordered) * l.priceTotal : 0);
  const received = order.lines.reduce((s, l) => s + share(l.toBill, l), 0);
  const ordered = order.lines.reduce((s, l) => s + share(Math.max(0, l.ordered - l.billed), l), 0);
  return [received, ordered];
}

function totalFits(order: PurchaseOrder, total: number | null): boolean {
  return total !== null && openAmounts(order).some((a) => Math.abs(a - total) <= ORDER_TOTAL_TOLERANCE + 1e-9);
}

export type OrderChoice =
  | { kind: 'matched'; order: PurchaseOrder; pairing: LinePairing; by: 'lines' | 'total' }
  | { kind: 'ambiguous'; orders: PurchaseOrder[] }
  | { kind: 'none' };

/**
 * Among a vendor's open orders (no order number on the bill): the one whose lines the bill's lines are — at least
 * half of the bill's lines on it, and more than on any other order — or, for a bill without lines, the one order
 * whose open amount is the bill's total. Two orders fitting equally well are left to a person. Without a known
 * vendor (every open order of the company), all of the bill's lines must be on the one order.
 */
export function chooseOpenOrder(orders: PurchaseOrder[], docLines: LineItem[], total: number | null, vendorKnown = true): OrderChoice {
  if (orders.length === 0) return { kind: 'none' };
  if (docLines.length === 0) {
    if (!vendorKnown) return { kind: 'none' }; // a total alone names no order among every vendor's
    const fitting = orders.filter((o) => totalFits(o, total));
    if (fitting.length === 1) return { kind: 'matched', order: fitting[0], pairing: { pairs: [], unpaired: [] }, by: 'total' };
    return fitting.length > 1 ? { kind: 'ambiguous', orders: fitting } : { kind: 'none' };
  }
  const scored = orders.map((order) => {
    const pairing = pairLines(docLines, order.lines);
    const fit = pairing.pairs.reduce((s, p) => s + lineScore(p.doc, p.line), 0) + (totalFits(order, total) ? 1 : 0);
    return { order, pairing, fit };
  // without a vendor, every line of the bill must be on the order at the order's price (and the order be the only one)
  }).filter((s) => (vendorKnown ? s.pairing.pairs.length * 2 >= docLines.length : s.pairing.pairs.length === docLines.length && s.pairing.pairs.every(atOrderPrice))
    && s.pairing.pairs.length > 0);
  if (scored.length === 0) return { kind: 'none' };
  scored.sort((a, b) => b.pairing.pairs.length - a.pairing.pairs.length || b.fit - a.fit);
  const [best, next] = scored;
  if (next && next.pairing.pairs.length === best.pairing.pairs.length && Math.abs(next.fit - best.fit) < 0.5) {
    return { kind: 'ambiguous', orders: scored.filter((s) => s.pairing.pairs.length === best.pairing.pairs.length).map((s) => s.order) };
  }
  return { kind: 'matched', order: best.order, pairing: best.pairing, by: 'lines' };
}

/** Whether two partners are the same vendor: the same record, or a contact of the company ("Company, Contact"). */
export function sameVendor(a: { id: number | null; name: string | null }, b: { id: number | null; name: string | null }): boolean {
  if (a.id !== null && a.id === b.id) return true;
  if (!a.name || !b.name) return false;
  const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
  return x === y || x.startsWith(`${y},`) || y.startsWith(`${x},`);
}
