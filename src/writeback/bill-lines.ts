// Plans the invoice lines of a bill so that the total Odoo will compute equals the document's total.
// Tried in order: the extracted lines as they are; one line carrying the untaxed total with the one tax rate that
// reproduces the document's tax. A plan that does not reproduce the total is still returned (amounts right,
// tax left for a person) but carries a problem, which becomes a review reason.
import type { LineItem } from '../contract.js';
import { type PurchaseTax, taxesForRate } from './taxes.js';
import { sameAmount } from './values.js';
import { roundMoney } from '../pipeline/rounding.js';

export interface PlannedLine {
  name: string;
  quantity: number;
  priceUnit: number;
  tax: PurchaseTax | null;
}

export interface LinePlan {
  shape: 'itemised' | 'single';
  lines: PlannedLine[];
  /** Total Odoo will compute for these lines (round per line, Odoo's default). */
  computedTotal: number;
  /** The problem to review, null when the computed total equals the document's. */
  problem: string | null;
}

export interface DocumentAmounts {
  total: number;
  untaxed: number | null;
  tax: number | null;
}

/** Tolerance of the total check: one cent for one line, two when per-line rounding can add up. */
export function totalTolerance(lineCount: number): number {
  return lineCount > 1 ? 0.02 : 0.01;
}

export function computeTotal(lines: PlannedLine[]): number {
  let total = 0;
  for (const l of lines) {
    const subtotal = roundMoney(l.quantity * l.priceUnit);
    if (!l.tax || l.tax.priceInclude) total += subtotal; // an included tax is inside the price already
    else total += subtotal + roundMoney((subtotal * l.tax.rate) / 100);
  }
  return roundMoney(total);
}

function fmt(n: number): string {
  return n.toFixed(2);
}

function fmtRate(rate: number): string {
  return `${Number(rate.toFixed(2))} %`;
}

/** Net price of one line: quantity × unit price when consistent with the line amount, else the amount. */
function lineQuantityPrice(item: LineItem): { quantity: number; priceUnit: number } | null {
  const qty = item.quantity !== null && item.quantity > 0 ? item.quantity : null;
  const amount = item.amount;
  if (qty !== null && item.unit_price !== null) {
    if (amount === null || sameAmount(roundMoney(qty * item.unit_price), amount, 0.01)) {
      return { quantity: qty, priceUnit: item.unit_price };
    }
  }
  if (amount === null) return item.unit_price !== null ? { quantity: 1, priceUnit: item.unit_price } : null;
  if (qty !== null && sameAmount(roundMoney(qty * roundMoney(amount / qty)), amount, 0.001)) {
    return { quantity: qty, priceUnit: roundMoney(amount / qty) };
  }
  return { quantity: 1, priceUnit: amount };
}

/** The one rate that turns `untaxed` into `untaxed + tax`, if a purchase tax has it. */
function singleRateTax(taxes: PurchaseTax[], untaxed: number, tax: number): PurchaseTax | null {
  for (const t of taxes) {
    if (t.priceInclude) continue;
    if (sameAmount(roundMoney((untaxed * t.rate) / 100), tax, 0.01)) return t;
  }
  return null;
}

function itemisedPlan(items: LineItem[], doc: DocumentAmounts, taxes: PurchaseTax[], fallbackName: string): LinePlan | null {
  if (items.length === 0) return null;
  // Lines without a rate take the document's single rate when there is one.
  const docRateTax = doc.untaxed !== null && doc.tax !== null && doc.tax !== 0 ? singleRateTax(taxes, doc.untaxed, doc.tax) : null;
  const noTaxOnDocument = doc.tax === 0 || (doc.untaxed !== null && sameAmount(doc.untaxed, doc.total));
  const lines: PlannedLine[] = [];
  const missingRates = new Set<number>();
  for (const item of items) {
    const qp = lineQuantityPrice(item);
    if (!qp) return null;
    let tax: PurchaseTax | null = null;
    if (item.tax_rate !== null && item.tax_rate !== 0) {
      tax = taxesForRate(taxes, item.tax_rate).find((t) => !t.priceInclude) ?? null;
      if (!tax) missingRates.add(item.tax_rate);
    } else if (item.tax_rate === null && !noTaxOnDocument) {
      if (!docRateTax) return null; // a line of unknown tax on a taxed document: cannot be checked
      tax = docRateTax;
    }
    lines.push({ name: item.description.trim() || fallbackName, ...qp, tax });
  }
  const computedTotal = computeTotal(lines);
  let problem: string | null = null;
  if (missingRates.size > 0) {
    problem = `no purchase tax at ${[...missingRates].map(fmtRate).join(', ')}: lines written without it`;
  } else if (!sameAmount(computedTotal, doc.total, totalTolerance(lines.length))) {
    problem = `lines add up to ${fmt(computedTotal)}, document total is ${fmt(doc.total)}`;
  }
  return { shape: 'itemised', lines, computedTotal, problem };
}

function singlePlan(doc: DocumentAmounts, taxes: PurchaseTax[], name: string): LinePlan {
  const untaxed = doc.untaxed ?? (doc.tax !== null ? roundMoney(doc.total - doc.tax) : null);
  const one = (priceUnit: number, tax: PurchaseTax | null, problem: string | null): LinePlan => {
    const lines = [{ name, quantity: 1, priceUnit, tax }];
    const computedTotal = computeTotal(lines);
    const mismatch = !sameAmount(computedTotal, doc.total, totalTolerance(1));
    return {
      shape: 'single', lines, computedTotal,
      problem: problem ?? (mismatch ? `line adds up to ${fmt(computedTotal)}, document total is ${fmt(doc.total)}` : null),
    };
  };
  if (untaxed === null) return one(doc.total, null, 'untaxed amount and tax not found: one line with the total, no tax');
  const tax = roundMoney(doc.total - untaxed);
  if (sameAmount(tax, 0, 0.01)) return one(untaxed, null, null);
  const excluded = singleRateTax(taxes, untaxed, tax);
  if (excluded) return one(untaxed, excluded, null);
  // A tax-included purchase tax is acceptable too: the line then carries the gross amount.
  const included = taxes.find((t) => t.priceInclude && sameAmount(roundMoney(doc.total - doc.total / (1 + t.rate / 100)), tax, 0.01));
  if (included) return one(doc.total, included, null);
  const rate = untaxed !== 0 ? (tax / untaxed) * 100 : 0;
  return one(untaxed, null, `no purchase tax at ${fmtRate(rate)} (tax ${fmt(tax)} on ${fmt(untaxed)}): line written without tax`);
}

export function planBillLines(items: LineItem[], doc: DocumentAmounts, taxes: PurchaseTax[], fallbackName: string): LinePlan {
  const itemised = itemisedPlan(items, doc, taxes, fallbackName);
  if (itemised && itemised.problem === null) return itemised;
  const single = singlePlan(doc, taxes, fallbackName);
  if (single.problem === null) return single;
  // Neither reproduces the total. The document's own lines stay unless the untaxed total shows them misread:
  // a person then corrects a line or a tax instead of retyping the whole bill.
  if (itemised) {
    if (doc.untaxed === null) return itemised;
    const net = roundMoney(itemised.lines.reduce((s, l) => s + roundMoney(l.quantity * l.priceUnit), 0));
    if (sameAmount(net, doc.untaxed, totalTolerance(itemised.lines.length))) return itemised;
  }
  return single;
}
