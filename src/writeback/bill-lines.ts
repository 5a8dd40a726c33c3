// Plans the invoice lines of a bill so that the total Odoo will compute equals the document's total.
// Tried in order: the extracted lines as they are; one line carrying the untaxed total with the one tax rate that
// reproduces the document's tax (a blend of rates is not split: any blend fits some split, so it is no evidence — the
// total goes into one line without tax, flagged, as when no split was read). A tax
// rate the company has no purchase tax for is booked inside the amounts (VAT a company cannot reclaim, such as a
// foreign vendor's, is part of the cost), flagged. Lines whose total Odoo would compute differently from the
// document's are never written: the plan is then empty and its problem says why, for a person to enter them.
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
  /** `none`: no lines reproduce the document's total, so none are written. */
  shape: 'itemised' | 'single' | 'none';
  lines: PlannedLine[];
  /** Total Odoo will compute for these lines (round per line, Odoo's default). */
  computedTotal: number;
  /** What a person should check (a tax booked in the amounts, lines not written), null when nothing. */
  problem: string | null;
  /** The document's untaxed amount and tax were read, yet the total stands in one line without tax (a blend of rates,
   * a rate the company lacks): no learned tax may split it into amounts the page does not print. */
  splitRead?: true;
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
    const name = item.description.trim() || fallbackName;
    let tax: PurchaseTax | null = null;
    if (item.tax_rate !== null && item.tax_rate !== 0) {
      tax = taxesForRate(taxes, item.tax_rate).find((t) => !t.priceInclude) ?? null;
      if (!tax) {
        missingRates.add(item.tax_rate);
        lines.push({ name, ...grossed(qp, item.tax_rate), tax: null });
        continue;
      }
    } else if (item.tax_rate === null && !noTaxOnDocument) {
      if (!docRateTax) return null; // a line of unknown tax on a taxed document: cannot be checked
      tax = docRateTax;
    }
    lines.push({ name, ...qp, tax });
  }
  const computedTotal = computeTotal(lines);
  let problem: string | null = null;
  if (!sameAmount(computedTotal, doc.total, totalTolerance(lines.length))) {
    problem = `lines add up to ${fmt(computedTotal)}, document total is ${fmt(doc.total)}`;
  } else if (missingRates.size > 0) {
    problem = taxBookedInAmounts([...missingRates]);
  }
  return { shape: 'itemised', lines, computedTotal, problem };
}

/** A line's amount with its tax inside (quantity kept when the unit price still multiplies out to the cent). */
function grossed(qp: { quantity: number; priceUnit: number }, rate: number): { quantity: number; priceUnit: number } {
  const gross = roundMoney(roundMoney(qp.quantity * qp.priceUnit) * (1 + rate / 100));
  const unit = roundMoney(gross / qp.quantity);
  return sameAmount(roundMoney(unit * qp.quantity), gross, 0.001) ? { quantity: qp.quantity, priceUnit: unit } : { quantity: 1, priceUnit: gross };
}

function taxBookedInAmounts(rates: number[]): string {
  return `no purchase tax at ${rates.map(fmtRate).join(', ')}: the tax is booked in the line amounts (a cost when it cannot be reclaimed, e.g. a foreign vendor's VAT; if it can, add the tax and enter the net amounts)`;
}

// VAT/GST rates in use somewhere (standard and reduced): a ratio of tax to untaxed that is none of them is a blend
// of rates or a misreading, not a tax the company lacks. (Any ratio is "some rate" to the cent on small amounts.)
const RATES_IN_USE = [2.1, 2.5, 3, 3.7, 4, 5, 5.5, 6, 7, 7.7, 8, 8.1, 9, 10, 12, 13, 13.5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 25.5, 27];

/** The one rate in use that turns `untaxed` into exactly `tax`; null for a blend of rates or a misreading. */
function rateInUse(untaxed: number, tax: number): number | null {
  if (untaxed <= 0 || tax <= 0) return null;
  const fits = RATES_IN_USE.filter((rate) => sameAmount(roundMoney((untaxed * rate) / 100), tax, 0.01));
  return fits.length === 1 ? fits[0]! : null;
}

function singlePlan(doc: DocumentAmounts, taxes: PurchaseTax[], name: string): LinePlan {
  const untaxed = doc.untaxed ?? (doc.tax !== null ? roundMoney(doc.total - doc.tax) : null);
  const one = (priceUnit: number, tax: PurchaseTax | null, problem: string | null, splitRead?: true): LinePlan => {
    const lines = [{ name, quantity: 1, priceUnit, tax }];
    const computedTotal = computeTotal(lines);
    const mismatch = !sameAmount(computedTotal, doc.total, totalTolerance(1));
    return {
      shape: 'single', lines, computedTotal,
      problem: problem ?? (mismatch ? `line adds up to ${fmt(computedTotal)}, document total is ${fmt(doc.total)}` : null),
      ...(splitRead ? { splitRead } : {}),
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
  const rate = rateInUse(untaxed, tax);
  if (rate !== null && taxesForRate(taxes, rate).length === 0) return one(doc.total, null, taxBookedInAmounts([rate]), true);
  // A blend of rates (or a split misread): no single tax gives it and any blend fits some split by rate, so none is
  // guessed. The total, read with confidence, is booked in one line without tax, as when no split was read at all:
  // Odoo shows the document's total, and the reason asks for the taxes by rate.
  return one(doc.total, null, blendedTax(untaxed, tax), true);
}

function blendedTax(untaxed: number, tax: number): string {
  return `untaxed ${fmt(untaxed)} and tax ${fmt(tax)} fit no single purchase tax of the company (a blend of rates?): one line with the total, no tax; enter the taxes by rate`;
}

export function planBillLines(items: LineItem[], doc: DocumentAmounts, taxes: PurchaseTax[], fallbackName: string): LinePlan {
  const itemised = itemisedPlan(items, doc, taxes, fallbackName);
  if (itemised && itemised.problem === null) return itemised;
  const single = singlePlan(doc, taxes, fallbackName);
  if (single.problem === null) return single;
  // A plan whose problem is only a note (a tax booked in the amounts, a total with no tax found) still adds up. Among
  // those, Odoo's total is what gets paid: one that gives the document's total to the cent comes before one off by
  // per-line rounding (totalTolerance: seven lines grossed up one by one lose a cent the document's total has). A plan
  // without a problem always comes first: its lines are off only by the document's own per-line rounding.
  const plans = [itemised, single].filter((p): p is LinePlan => p !== null);
  const toTheCent = (p: LinePlan) => sameAmount(p.computedTotal, doc.total);
  const withinRounding = (p: LinePlan) => sameAmount(p.computedTotal, doc.total, totalTolerance(p.lines.length));
  const plan = plans.find(toTheCent) ?? plans.find(withinRounding);
  if (plan) return plan;
  // Nothing reproduces the total: lines written anyway would show Odoo a total the document does not have.
  return { shape: 'none', lines: [], computedTotal: 0, problem: `${(itemised ?? single).problem}: no lines written, to be entered by a person` };
}
