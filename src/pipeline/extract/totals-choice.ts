// Choosing (total, untaxed, tax) among the labelled candidates: first a list of strategies adds candidates the
// labels missed (sums printed without a readable label, what was paid at the till, rate lines added up) or scores
// the existing ones; then every triple is scored by the arithmetic of the summary (untaxed + tax = total, lines sum
// to untaxed, payable = total − prepaid) and the best one wins. Every weight is named in one table below.
import type { Field } from '../../contract.js';
import type { AmountEvidence, FieldExplain } from './explain.js';
import { sameAmount } from './numbers.js';
import type { AmountCandidate, AmountKind } from './totals.js';
import { roundHundredths } from '../rounding.js';
import { INCL } from './words.js';

export interface Ranked {
  value: number;
  score: number;
  confidence: number;
  /** computed as untaxed + tax, so "consistent" by construction: earns no cross-check bonus */
  derived?: boolean;
  /** the rules that found or scored this value, for `scan --explain` */
  why: string[];
}

/** A label saying the tax is included ('total:Total Incl. of GST', 'tax:… included in total', '+included'). */
const INCLUDED_LABEL = new RegExp(INCL, 'i');

/** Candidate weights: how much each kind of evidence adds to (or multiplies) a candidate's score. */
export const CANDIDATE_WEIGHTS = {
  /** the same value printed twice: the weaker reading adds this share of its score */
  repeatShare: 0.15,
  /** a total-labelled amount that a tax lifts to another total is the untaxed amount, at this share of its score */
  totalBeforeTax: 0.8,
  /** an amount printed on the page that equals untaxed + tax (+ rounding), label unreadable */
  printedSum: 0.5,
  /** a payment line (card, cash − change) equals this total */
  paidEqualsTotal: 0.6,
  /** a paid amount a few cents from a total is the cash-rounded total: the near total's score plus this */
  cashRoundedOverNear: 0.1,
  /** a total printed rounded ("Total Rounded 29.30", "Rounding RM 52.10") beside the unrounded one (29.26): the
   * rounded one is what was paid, over the nearest unrounded total's score */
  roundedOverUnrounded: 0.1,
  /** no total legible: untaxed + tax is the total */
  derivedTotal: 0.3,
  /** ... or the subtotal, when the tax table's base and tax (at a printed rate) make it up: the arithmetic of the page
   * backs it over the largest amount printed */
  tableIncludesTax: 0.5,
  /** what was paid, as a total of its own */
  paidAsTotal: 0.45,
  /** what was paid, when the line items add up to it */
  paidConfirmedByLines: 1.1,
  /** what was paid is also a base and its tax at a common rate, both printed: added to the paid total's score */
  paidIsBasePlusTax: 0.5,
  /** bonus to an existing total that the payment and the line items both confirm */
  paidAndLinesAgree: 0.3,
  /** a total equal to the sum of two or more totals of one tax rate each ("Total 0% supplies" + "Total 6% supplies
   * (inc. GST)" = "Total payable") */
  ratePartsAddUp: 0.5,
  /** ... and their sum, when no total read equals it */
  ratePartsSum: 0.45,
  /** on a receipt, a total below this share of the subtotal is misread ... */
  subtotalShareAtLeast: 0.5,
  /** ... and keeps this share of its score */
  belowHalfSubtotal: 0.3,
  /** untaxed + tax stands in for an unread total only with a tax at most this share of the untaxed amount */
  maxTaxShare: 0.3,
  /** several tax-rate lines added up */
  rateLinesSum: 0.45,
  /** a tax of 0 read only off the lines of unused rates of a rate table where a rate has a tax, as a share of its score */
  unusedRateZero: 0.3,
  /** a tax's sign flipped to match negative totals (minus lost in layout), as a share of its score */
  lostMinus: 0.7,
  /** "(35,13 €)" read as positive, as a share of its score */
  parenthesesTax: 0.8,
  /** total − prepaid = another total candidate: the larger one is the document total */
  grossBeforePrepaid: 0.5,
  /** ... and the smaller one is what remains payable, not the total */
  payableAfterPrepaid: -0.5,
  /** total + a balance carried over from earlier bills = another total candidate: the smaller one is this bill's total */
  totalBeforeCarried: 0.5,
  /** ... and the larger one is what is payable with the earlier bills, not this bill's total */
  payableWithCarried: -0.5,
  /** a split-payment bill: the amount to pay plus its VAT (printed, at a printed rate of it) is the total, over the
   * amount to pay's score ... */
  splitPaymentGross: 0.5,
  /** ... and the amount to pay is no total but the untaxed amount (its VAT the tax) */
  splitPaymentPayable: -0.5,
  /** no labelled triple adds up: the largest amount printed on the page that is an amount printed plus its tax at a
   * VAT rate (also printed) is the total, the two parts untaxed and tax, whatever their labels say */
  rateTriple: 0.5,
  /** no labelled triple adds up: two or three rows of a tax table, each a base and its tax at a VAT rate, add up to a total read — their bases are the untaxed amount, their taxes the tax (a bill at 10 % and 21 %) */
  rateRows: 0.5,
  /** a total this many times the cash handed over (no card line) is misread digits: nobody pays less than the
   * total, and a misread cash line is a digit off, not a decimal place ("CASH 40.00" for 60.00 under 52.08) */
  cashTenderedRatio: 5,
  /** ... and keeps this share of its score */
  aboveCashTendered: 0.3,
  /** ... and the cash handed over, when no change line was read, stands for the total */
  cashForMisreadTotal: 0.45,
  /** a total the tax table's rows make up, when another total read is not */
  taxTableFits: 0.4,
  /** the till's amounts read one line off: what was paid (cash less change) gains, as the total ... */
  tenderOneLineOff: 0.5,
  /** a total whose tax, at a printed rate, is the tax the slip says the total includes */
  includedTaxFits: 0.5,
  /** ... and the one printed amount that fits it, when no total read does */
  includedTaxTotal: 0.6,
} as const;

/** Triple weights: how a (total, untaxed, tax) combination is scored. */
export const TRIPLE_WEIGHTS = {
  total: 1,
  untaxed: 0.8,
  tax: 0.6,
  /** untaxed + tax (+ rounding) = total, and the total was read, not computed */
  addsUp: 2,
  /** all three present and they do not add up */
  doesNotAddUp: -0.8,
  /** untaxed above the total, or tax not below it */
  partAboveTotal: -1,
  /** the line items sum to the untaxed amount */
  linesSumToUntaxed: 0.5,
  /** the line items (tax-inclusive prices) sum to the total, no untaxed amount chosen */
  linesSumToTotal: 0.3,
} as const;

/** Confidence of the chosen values: OCR confidence scaled by score, plus a boost when the triple adds up. */
export const CONFIDENCE_WEIGHTS = {
  base: 0.35,
  perScore: 0.45,
  addsUpBoost: 0.2,
  /** another total scores within this ratio of the winner's ... */
  rivalRatio: 0.9,
  /** ... and the triple does not add up: the total is doubtful */
  rivalPenalty: 0.15,
} as const;

export interface ChooseTotalsOptions {
  /** receipts without a legible total label: the largest amount above the payment lines */
  fallbackTotal?: Ranked | null;
  /** what the customer paid at the till: card, or cash − change */
  paid?: number[];
  /** the cash handed over, when no card paid: a total above it is a misread ("623.60" for 63.60) */
  tendered?: number | null;
  /** every money amount (with cents) printed on the page */
  printed?: number[];
  /** the sum of the line items' amounts, when every line has one */
  lineSum?: number | null;
  /** tax rates printed on the page, in percent ("22 %", "MwSt 19%") */
  rates?: number[];
  /** the document says its prices include the tax ("GST included in total", "Price inclusive of GST") */
  pricesIncludeTax?: boolean;
  /** whether the page's tax table makes up a total: 'ok', 'off', or null without a tax table */
  taxTable?: ((total: number) => 'ok' | 'off' | null) | null;
  /** the bill says its VAT is paid by the customer to the state (Italian split payment, words.ts SPLIT_PAYMENT) */
  splitPayment?: boolean;
  /** a till's amounts read one line off (totals.ts tenderReadOneLineOff): the cash handed over, read on the total's
   * label, and what was paid, the cash less the change */
  tenderOneLineOff?: { handed: number; paid: number } | null;
}

/** The rules' marks of an amount computed from the other two (derived: true): untaxed + tax = total holds for such a
 * triple because it was made to, so it checks nothing (confidence/evidence.ts gives it no `sum-ok`). */
export const DERIVED_WHY = {
  untaxedPlusTax: 'untaxed+tax', subtotalTaxIncluded: 'subtotal-tax-included', subtotalLessTax: 'subtotal-less-included-tax',
  totalLessTax: 'total-tax', totalLessIncludedTax: 'total-less-included-tax',
  /** a tax table's sum row of tax and gross only: the untaxed amount is their difference (totals.ts selfAddingRows) */
  sumRowLessTax: 'sum-row-less-tax',
} as const;

/** VAT / GST / sales tax rates in use (EU standard and reduced rates, and common rates elsewhere), in percent. */
export const COMMON_TAX_RATES = [2.1, 2.5, 3, 4, 5, 5.5, 6, 7, 7.7, 8, 8.1, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 27];

/** The tax is the base at one of these rates, within rounding: half a cent on the tax and on the base it was computed
 * from (a gross amount less the tax it includes), plus 0.02 % of the base for taxes rounded line by line. The one
 * measure of "tax = rate × base" for the chooser and the page's evidence (confidence/page-evidence.ts). */
export function taxAtRate(base: number, tax: number, rates: number[]): boolean {
  const tolerance = 0.006 + 0.0002 * base;
  return rates.some((r) => Math.abs((base * r) / 100 - tax) <= tolerance);
}

/** taxAtRate, as the chooser's evidence: below 5 units of money every tax is some rate of its base (of the common
 * rates, COMMON_TAX_RATES), so none counts; nor does a tax of 0. */
export function taxAtRateOver5(untaxed: number, tax: number, rates: number[]): boolean {
  return untaxed >= 5 && tax > 0 && taxAtRate(untaxed, tax, rates);
}

export interface Totals {
  amount_total: Field<number>;
  amount_untaxed: Field<number>;
  amount_tax: Field<number>;
  /** untaxed + tax = total holds for the chosen values */
  consistent: boolean;
  /** winner and runner-up per amount field */
  explain: { amount_total: FieldExplain; amount_untaxed: FieldExplain; amount_tax: FieldExplain };
  evidence: AmountEvidence;
}

interface Pools {
  cands: AmountCandidate[];
  totals: Ranked[];
  untaxed: Ranked[];
  taxes: Ranked[];
  prepaid: Ranked[];
  carried: Ranked[];
  roundings: number[];
  opts: Required<ChooseTotalsOptions>;
}

interface Strategy {
  name: string;
  apply(p: Pools): void;
}

const W = CANDIDATE_WEIGHTS;

/** An amount the page's arithmetic makes up (a tax at a rate of its base, rate rows adding up to a total read): a
 * candidate already read gains half of `weight`, an amount not yet a candidate enters with it. */
function addFromArithmetic(pool: Ranked[], value: number, weight: number, why: string): void {
  const have = pool.find((r) => sameAmount(r.value, value));
  if (have) {
    have.score += weight / 2;
    have.why.push(why);
  } else pool.push({ value, score: weight, confidence: 0.9, why: [why] });
}

/** Strategies in the order they run: each may add candidates or change scores of those already there. */
export const TOTAL_STRATEGIES: Strategy[] = [
  {
    // an amount printed somewhere on the page that equals untaxed + tax (+ rounding) is the total even when its
    // label is unreadable
    name: 'printed-sum',
    apply({ totals, untaxed, taxes, roundings, opts }) {
      for (const u of untaxed.slice(0, 3)) {
        // a tax is levied on something: 0 untaxed + a stamp duty is no sum ("Totale imponibile 0,00", "Imposta di bollo 2,00")
        if (u.value === 0) continue;
        for (const x of taxes.slice(0, 3)) {
          for (const r of roundings) {
            const v = roundHundredths(u.value + x.value + r);
            if (v === 0 || v === u.value || totals.some((t) => sameAmount(t.value, v))) continue;
            if (opts.printed.some((p) => sameAmount(p, v))) {
              totals.push({ value: v, score: W.printedSum, confidence: Math.min(u.confidence, x.confidence), why: ['printed-sum'] });
            }
          }
        }
      }
    },
  },
  {
    name: 'paid-equals-total',
    apply({ totals, opts }) {
      for (const t of totals) {
        if (opts.paid.some((p) => sameAmount(p, t.value))) {
          t.score += W.paidEqualsTotal;
          t.why.push('paid-equals-total');
        }
      }
    },
  },
  {
    // two amounts under total labels where the smaller plus a tax is the larger: the smaller is the total before tax
    // ("Montant total 344,65 / TPS 17,23 / Total général 361,88", "Total 100.00 / VAT 20.00 / Total due 120.00")
    name: 'total-before-tax',
    apply({ totals, untaxed, taxes }) {
      for (const lo of [...totals]) {
        if (lo.value <= 0 || untaxed.some((u) => sameAmount(u.value, lo.value))) continue;
        const adds = totals.some((hi) => hi.value > lo.value && taxes.some((x) => x.value > 0 && sameAmount(lo.value + x.value, hi.value)));
        if (adds) untaxed.push({ value: lo.value, score: lo.score * W.totalBeforeTax, confidence: lo.confidence, why: [...lo.why, 'total-before-tax'] });
      }
    },
  },
  {
    // the untaxed amount printed without a label of its own (a bare subtotal line above "MwSt 19 % 62,32" and
    // "Gesamtbetrag 390,32"): an amount printed on the page that equals a labelled total minus a labelled tax is the
    // untaxed amount, so the summary's arithmetic can speak for the total it belongs to
    name: 'printed-difference',
    apply({ cands, totals, untaxed, taxes, opts }) {
      // a slip paid on the spot has its own evidence (what was paid, cash rounding): there an unrounded total would
      // gain the arithmetic over the rounded one that was paid, so only a total that is what was paid speaks
      if (cands.some((c) => c.kind === 'rounding')) return;
      for (const t of totals.slice(0, 3)) {
        if (opts.paid.length > 0 && !opts.paid.some((p) => sameAmount(p, t.value))) continue;
        // a rate's own total less its tax is that rate's base, not the document's untaxed amount (rate-parts-add-up)
        if (t.why.some((w) => w.endsWith('+rate-part'))) continue;
        for (const x of taxes.slice(0, 3)) {
          if (x.value <= 0 || t.value <= x.value) continue;
          const v = roundHundredths(t.value - x.value);
          if (untaxed.some((u) => sameAmount(u.value, v))) continue;
          if (opts.printed.some((p) => sameAmount(p, v))) {
            untaxed.push({ value: v, score: W.printedSum, confidence: Math.min(t.confidence, x.confidence), why: ['printed-difference'] });
          }
        }
      }
    },
  },
  {
    // paid = total after cash rounding (Malaysia, Switzerland, Nordics round to 5 cents): a paid amount a few
    // cents from a labelled total is the rounded total, and more trustworthy than an OCR'd "rounded total" line
    name: 'cash-rounded-total',
    apply({ totals, opts }) {
      for (const p of opts.paid) {
        // cash rounding lands on multiples of 5 cents: a paid 5.02 is a misread, not a rounded total
        if (Math.round(p * 100) % 5 !== 0) continue;
        const near = totals.filter((t) => !sameAmount(t.value, p) && Math.abs(t.value - p) <= 0.05 + 1e-9);
        if (near.length && !totals.some((t) => sameAmount(t.value, p))) {
          const score = Math.max(...near.map((t) => t.score)) + W.cashRoundedOverNear;
          totals.push({ value: p, score, confidence: Math.min(...near.map((t) => t.confidence)), why: ['cash-rounded-total'] });
        }
      }
    },
  },
  {
    // cash rounding moves a total by less than 5 cents. A "Rounding" line carrying a whole amount is the rounded
    // total ("Rounding Adjustment 0.02 / Rounding RM 52.10"), and a total labelled rounded beats the unrounded one
    name: 'rounded-total',
    apply({ cands, totals, opts }) {
      const near = (v: number) => totals.filter((t) => !sameAmount(t.value, v) && Math.abs(t.value - v) <= 0.05 + 1e-9);
      // cash rounding lands on multiples of 5 cents: "Rounding 72.78" is a misread
      const onFiveCents = (v: number) => Math.round(Math.abs(v) * 100) % 5 === 0;
      for (const c of cands.filter((x) => x.kind === 'rounding' && Math.abs(x.value) >= 1 && onFiveCents(x.value))) {
        const unrounded = near(c.value);
        if (unrounded.length === 0 || totals.some((t) => sameAmount(t.value, c.value))) continue;
        const score = Math.max(...unrounded.map((t) => t.score)) + W.roundedOverUnrounded;
        totals.push({ value: c.value, score, confidence: c.confidence, why: ['rounding-line-total'] });
      }
      for (const t of totals.filter((x) => onFiveCents(x.value) && x.why.some((w) => /^total:.*round/i.test(w)))) {
        const unrounded = near(t.value);
        if (unrounded.length === 0) continue;
        t.score = Math.max(t.score, ...unrounded.map((u) => u.score)) + W.roundedOverUnrounded;
        t.why.push('rounded-total');
      }
      // the leading total off the 5 cents, an amount on them a few cents away and their difference printed too: the
      // unrounded total, its rounding adjustment and the rounded total, whatever OCR made of their labels ("QEy
      // Rounding 0.02", "Tota! 41 50"). SROIE's truth takes the rounded one (on tune 27 of the 29 receipts printing
      // such a triple)
      const best = [...totals].sort((a, b) => b.score - a.score)[0];
      if (!best || onFiveCents(best.value)) return;
      const printed = [...new Set(opts.printed.map((p) => Math.round(Math.abs(p) * 100)))].map((c) => c / 100);
      const rounded = printed.filter((p) => p >= 1 && onFiveCents(p) && near(p).includes(best) && printed.some((d) => sameAmount(d, Math.abs(p - best.value))));
      if (rounded.length !== 1) return;
      const score = best.score + W.roundedOverUnrounded;
      const have = totals.find((t) => sameAmount(t.value, rounded[0]));
      if (have) {
        have.score = Math.max(have.score, score);
        have.why.push('printed-rounded-total');
      } else totals.push({ value: rounded[0], score, confidence: best.confidence, why: ['printed-rounded-total'] });
    },
  },
  {
    // a slip's total below half its subtotal is misread digits ("TOTAL =4.00" under "SUB-TOTAL 24.00"): nobody is
    // given more than half off at the till; then no total was read and the fallback stands in
    name: 'below-half-subtotal',
    apply({ totals, untaxed, opts }) {
      if (!opts.fallbackTotal) return; // receipts only: an invoice's amount due may be a small rest after deposits
      const subtotal = Math.max(0, ...untaxed.filter((u) => !u.derived).map((u) => u.value));
      for (const t of totals) {
        // (what was paid confirms a total: then the subtotal is the misread one)
        if (t.value >= subtotal * W.subtotalShareAtLeast || t.why.includes('paid-equals-total')) continue;
        t.score *= W.belowHalfSubtotal;
        t.why.push('below-half-subtotal');
      }
    },
  },
  {
    name: 'fallback-total',
    apply({ totals, untaxed, taxes, opts }) {
      if (totals.some((t) => !t.why.includes('below-half-subtotal'))) return;
      if (opts.fallbackTotal) totals.push({ ...opts.fallbackTotal, why: [...opts.fallbackTotal.why] });
      // no total printed legibly: untaxed + tax, if both were found, is the total (it will be marked consistent)
      // (a tax above 30 % of the untaxed amount is no tax of it: no country's VAT is that high)
      if (untaxed[0] && taxes[0] && opts.paid.length === 0 && Math.abs(taxes[0].value) <= Math.abs(untaxed[0].value) * W.maxTaxShare) {
        const [u, x] = [untaxed[0], taxes[0]];
        const confidence = Math.min(u.confidence, x.confidence);
        // ... or the page's tax table says so: its base (the subtotal less the tax) is printed and the tax is a printed
        // rate of it ("SubTotal 25.00" over "inclusive of GST @6% | 23.58 | 1.42")
        const tableIncludes = opts.printed.some((p) => sameAmount(p, u.value - x.value)) && taxAtRateOver5(u.value - x.value, x.value, opts.rates);
        if (opts.pricesIncludeTax || x.why.some((w) => w.endsWith('+included')) || tableIncludes) {
          // a tax the total already includes ("SUBTOTAL 28.70 / INC 6% GST 1.62", or a slip saying its prices include
          // it): the sum before it is the total, and the untaxed amount that sum less the tax
          totals.push({ value: u.value, score: tableIncludes ? W.tableIncludesTax : W.derivedTotal, confidence, derived: true, why: [DERIVED_WHY.subtotalTaxIncluded] });
          untaxed.push({ value: roundHundredths(u.value - x.value), score: u.score, confidence, derived: true, why: [DERIVED_WHY.subtotalLessTax] });
        } else {
          totals.push({ value: roundHundredths(u.value + x.value), score: W.derivedTotal, confidence, derived: true, why: [DERIVED_WHY.untaxedPlusTax] });
        }
      }
    },
  },
  {
    // what was paid is a total in its own right, weaker than a legible "Total" line; but when the line items add
    // up to exactly what was paid, two independent readings agree and outweigh one (possibly misread) label
    name: 'paid-as-total',
    apply({ totals, opts }) {
      for (const p of opts.paid) {
        const confirmed = opts.lineSum !== null && sameAmount(opts.lineSum, p);
        const existing = totals.find((t) => sameAmount(t.value, p));
        if (existing) {
          if (confirmed) {
            existing.score += W.paidAndLinesAgree;
            existing.why.push('paid-and-lines-agree');
          }
        } else {
          totals.push({
            value: p,
            score: confirmed ? W.paidConfirmedByLines : W.paidAsTotal,
            confidence: confirmed ? 0.8 : 0.6,
            why: [confirmed ? 'paid-confirmed-by-lines' : 'paid-as-total'],
          });
        }
      }
    },
  },
  {
    // the till's amounts read one line off: the amount on the total's label is the cash handed over (it keeps the
    // share of a total above the cash), and what was paid, the cash less the change, is the total
    name: 'tender-one-line-off',
    apply({ totals, opts }) {
      const off = opts.tenderOneLineOff;
      if (!off) return;
      for (const t of totals.filter((t) => sameAmount(t.value, off.handed))) {
        t.score *= W.aboveCashTendered;
        t.why.push('cash-on-total-line');
      }
      const paid = totals.find((t) => sameAmount(t.value, off.paid));
      if (!paid) return;
      paid.score += W.tenderOneLineOff;
      paid.why.push('tender-one-line-off');
    },
  },
  {
    // what was paid at the till (card, or cash − change) is also two printed amounts added up, a base and its tax at a
    // common rate: three readings of the page agree on it (the payment lines, the base, the tax) against a total's
    // label whose digits may be misread ("Total Sales 20.90" over "CASH 21.00 / CHANGE .20" and "19.62 | 1.18")
    name: 'paid-is-base-plus-tax',
    apply({ totals, opts }) {
      const cents = new Set(opts.printed.filter((v) => v > 0).map((v) => Math.round(v * 100)));
      const rates = [...new Set([...COMMON_TAX_RATES, ...opts.rates])];
      for (const p of opts.paid) {
        const total = totals.find((t) => sameAmount(t.value, p));
        const paid = Math.round(p * 100);
        if (!total || total.why.includes('paid-is-base-plus-tax')) continue;
        if (![...cents].some((u) => u < paid && paid - u < u && cents.has(paid - u) && taxAtRateOver5(u / 100, (paid - u) / 100, rates))) continue;
        total.score += W.paidIsBasePlusTax;
        total.why.push('paid-is-base-plus-tax');
      }
    },
  },
  {
    // the cash handed over bounds a cash sale's total (change is given back, never owed): a total many times above
    // it is misread digits ("623.60" under "CASH 63.60", "TOTAL 633595" for 63.35)
    name: 'cash-bounds-total',
    apply({ totals, untaxed, opts }) {
      const tendered = opts.tendered;
      // a subtotal above the cash says the cash line is the misread one ("CASH 0.15" under "SUB-TOTAL 12.19")
      if (tendered === null || untaxed.some((u) => u.value > tendered + 0.05)) return;
      const misread = totals.filter((t) => t.value >= tendered * W.cashTenderedRatio);
      for (const t of misread) {
        t.score *= W.aboveCashTendered;
        t.why.push('above-cash-tendered');
      }
      if (misread.length && opts.paid.length === 0 && !totals.some((t) => sameAmount(t.value, tendered)))
        totals.push({ value: tendered, score: W.cashForMisreadTotal, confidence: 0.5, why: ['cash-for-misread-total'] });
    },
  },
  {
    // the tax table's rows (base and tax at a printed rate, one row or consecutive ones) make up one total and not
    // another ("SUMME 28,61" misread, "Mastercard 28,81", rows 9,49 + 0,66 and 15,68 + 2,98): the printed numbers that
    // agree with each other speak for the total they make up
    name: 'tax-table-total',
    apply({ totals, opts }) {
      if (!opts.taxTable) return;
      const fits = totals.filter((t) => !t.derived && opts.taxTable!(t.value) === 'ok');
      if (fits.length === 0 || fits.length === totals.length) return;
      for (const t of fits) {
        t.score += W.taxTableFits;
        t.why.push('tax-table-fits');
      }
    },
  },
  {
    // a tax the total includes, printed with its rate ("GST @6% included in total RM 0.60", "darin enthalten MwSt 19 %
    // 1,23"): the total is the amount whose tax at that rate it is, to the cent. A total that fits gains over those
    // that do not (a cent digit lost: "RM 10. 0" for 10.60); when none fits, the one printed amount that does is a total
    name: 'included-tax-total',
    apply({ cands, totals, opts }) {
      const included = cands.filter((c) => c.kind === 'tax' && c.value > 0 && (opts.pricesIncludeTax || INCLUDED_LABEL.test(c.label ?? '')));
      if (!included.length || !opts.rates.length) return;
      const fits = (v: number) => included.some((x) => v > x.value && taxAtRateOver5(roundHundredths(v - x.value), x.value, opts.rates));
      const fitting = totals.filter((t) => !t.derived && fits(t.value));
      for (const t of fitting) {
        t.score += W.includedTaxFits;
        t.why.push('included-tax-fits');
      }
      // a new total from the included tax only on a one-rate slip: with two rates, a rate's gross in the tax table
      // ("19% 6,47 1,23 7,70") fits its own tax and is no total
      if (fitting.length || included.length > 1 || opts.rates.length > 1) return;
      const printed = [...new Set(opts.printed.map((p) => Math.round(p * 100)))].map((c) => c / 100).filter(fits);
      if (printed.length === 1) {
        totals.push({ value: printed[0], score: W.includedTaxTotal, confidence: Math.min(...included.map((c) => c.confidence)), why: ['included-tax-total'] });
      }
    },
  },
  {
    // Italian split payment (art. 17-ter): a public body pays the VAT to the state, so the amount the bill asks to pay
    // ("Totale da pagare 2.122,79", often also "Totale bolletta") is its taxable amount, and the bill's total is that
    // plus the VAT ("Totale Bolletta 2.589,80" or "Totale con IVA", the VAT 467,01 printed at a printed rate of it)
    name: 'split-payment',
    apply({ totals, untaxed, taxes, opts }) {
      if (!opts.splitPayment) return;
      const rates = opts.rates.length ? opts.rates : COMMON_TAX_RATES;
      // (the VAT may be printed as the deduction it is: "-467,01 €")
      const printed = [...new Set(opts.printed.filter((v) => v !== 0).map((v) => Math.round(Math.abs(v) * 100)))].sort((a, b) => b - a);
      const present = new Set(printed);
      for (const net of [...totals]) {
        if (net.derived || net.value <= 0 || net.why.includes('split-payment-gross')) continue;
        const netCents = Math.round(net.value * 100);
        const gross = printed.find((g) => g > netCents && present.has(g - netCents) && taxAtRateOver5(net.value, (g - netCents) / 100, rates));
        if (gross === undefined) continue;
        const add = (pool: Ranked[], value: number, score: number, why: string) => {
          const found = pool.find((r) => sameAmount(r.value, value));
          if (found) {
            found.score = Math.max(found.score, score);
            found.why.push(why);
          } else pool.push({ value, score, confidence: net.confidence, why: [why] });
        };
        add(totals, gross / 100, net.score + W.splitPaymentGross, 'split-payment-gross');
        add(untaxed, net.value, net.score, 'split-payment-payable');
        add(taxes, (gross - netCents) / 100, net.score, 'split-payment-vat');
        net.score += W.splitPaymentPayable;
        net.why.push('split-payment-payable');
      }
    },
  },
  {
    // total − prepaid = payable: "Total 1.200,00 / Anzahlung 400,00 / Zahlbetrag 800,00". The document's total
    // is the larger one, whatever label the remainder carries ("amount due" is a strong total label)
    name: 'payable-after-prepaid',
    apply({ totals, prepaid }) {
      for (const gross of totals) {
        for (const net of totals) {
          if (gross === net || net.value <= 0 || gross.value <= net.value) continue;
          if (!prepaid.some((p) => p.value > 0 && sameAmount(gross.value - p.value, net.value))) continue;
          gross.score += W.grossBeforePrepaid;
          gross.why.push('gross-before-prepaid');
          net.score += W.payableAfterPrepaid;
          net.why.push('payable-after-prepaid');
        }
      }
    },
  },
  {
    // total + carried = payable: "Totale bolletta 120,00 / Saldo bollette precedenti non pagate 50,00 / Totale da pagare
    // 170,00". The bill's total is the smaller one, whatever label the sum with the earlier bills carries
    name: 'payable-with-carried',
    apply({ totals, carried }) {
      for (const own of totals) {
        for (const payable of totals) {
          if (own === payable || own.value <= 0 || payable.value <= own.value) continue;
          if (!carried.some((c) => c.value > 0 && sameAmount(own.value + c.value, payable.value))) continue;
          own.score += W.totalBeforeCarried;
          own.why.push('total-before-carried');
          payable.score += W.payableWithCarried;
          payable.why.push('payable-with-carried');
        }
      }
    },
  },
  {
    // a bill that prints one total per tax rate ("Total 0% supplies", "Total 6% supplies (inc. GST)") then what is
    // payable: the total that two or more of them add up to is the document's
    name: 'rate-parts-add-up',
    apply({ cands, totals }) {
      // (a rate's total is negative when more was returned than delivered)
      const rateParts = cands.filter((c) => c.kind === 'total' && c.label?.endsWith('+rate-part') && c.value !== 0);
      const parts = [...new Set(rateParts.map((c) => Math.round(c.value * 100)))];
      if (parts.length < 2 || parts.length > 8) return;
      const sums = new Set<number>();
      for (let mask = 1; mask < 1 << parts.length; mask++) {
        if ((mask & (mask - 1)) === 0) continue; // two parts at least
        sums.add(parts.reduce((s, p, i) => (mask & (1 << i) ? s + p : s), 0));
      }
      let found = false;
      for (const t of totals) {
        if (!sums.has(Math.round(t.value * 100))) continue;
        t.score += W.ratePartsAddUp;
        t.why.push('rate-parts-add-up');
        found = true;
      }
      // the payable line unreadable: the sum of every rate's total stands in, above any one rate's
      const all = roundHundredths(parts.reduce((s, p) => s + p, 0) / 100);
      if (!found && all > 0) totals.push({ value: all, score: W.ratePartsSum, confidence: Math.min(...rateParts.map((c) => c.confidence)), why: ['rate-parts-sum'] });
    },
  },
  {
    // several rate lines (7 % and 19 %) add up to the tax total
    name: 'rate-lines-sum',
    apply({ cands, taxes }) {
      const weak = cands.filter((c) => c.kind === 'tax' && c.score < 0.9);
      // ... also under a strong label each ("Total TVA 20,0 %  24,00 € / Total TVA 5,5 %  287,88 €"): one line per rate,
      // each printing its own rate, no two the same (the same rate twice is one line printed twice)
      const perRow = new Map<number, AmountCandidate>();
      for (const c of cands) {
        if (c.kind !== 'tax' || c.rate === undefined || c.value <= 0 || INCLUDED_LABEL.test(c.label ?? '')) continue;
        const have = perRow.get(c.rowIndex);
        if (!have || c.score > have.score) perRow.set(c.rowIndex, c);
      }
      // a table of every rate the law has, most unused ("IVA 27%: 0,00 / IVA 21%: 103201,45 / IVA 10.5%: 0,00"): a zero
      // on an unused rate's line is no tax of the bill, however often it is printed
      // (unused: no rate of a zero line is a rate with a tax — "TAX AMT (S) 6% 13.30 / GST 6% 0.80 / TAX AMT (E) 6% 0.00"
      // is a till's GST summary, no table of rates)
      const ratedLines = cands.filter((c) => c.kind === 'tax' && c.rate !== undefined && !INCLUDED_LABEL.test(c.label ?? ''));
      const usedRates = new Set(ratedLines.filter((c) => c.value > 0).map((c) => c.rate));
      const zeroLines = ratedLines.filter((c) => c.value === 0);
      if (usedRates.size > 0 && zeroLines.length >= 2 && zeroLines.every((c) => !usedRates.has(c.rate))) {
        const zero = taxes.find((x) => x.value === 0);
        const zeroOnlyThere = !cands.some((c) => c.kind === 'tax' && c.value === 0 && c.rate === undefined);
        if (zero && zeroOnlyThere) {
          zero.score *= W.unusedRateZero;
          zero.why.push('unused-rates');
        }
      }
      const rated = [...perRow.values()];
      const distinctRates = rated.length >= 2 && rated.length <= MAX_RATE_LINES && new Set(rated.map((c) => c.rate)).size === rated.length;
      for (const lines of [weak, distinctRates ? rated : []]) {
        if (lines.length < 2) continue;
        const sum = roundHundredths(lines.reduce((s, c) => s + c.value, 0));
        if (taxes.some((x) => x.why.includes('rate-lines-sum') && sameAmount(x.value, sum))) continue;
        taxes.push({ value: sum, score: W.rateLinesSum, confidence: Math.min(...lines.map((c) => c.confidence)), why: ['rate-lines-sum'] });
      }
    },
  },
  {
    // labels in a language the rules do not know, or label and amount in cells the layout could not pair: when no
    // labelled (total, untaxed, tax) adds up, the summary's arithmetic alone finds it among the printed amounts
    name: 'rate-triple',
    apply({ totals, untaxed, taxes, roundings, opts }) {
      const addsUp = totals.some((t) => untaxed.some((u) => taxes.some((x) => roundings.some((r) => sameAmount(u.value + x.value + r, t.value)))));
      const paidOnTheSpot = opts.paid.length > 0 || opts.tendered !== null || opts.fallbackTotal !== null;
      if (addsUp || paidOnTheSpot || opts.printed.length < 3) return;
      const values = [...new Set(opts.printed.filter((v) => v > 0).map((v) => Math.round(v * 100)))].sort((a, b) => b - a);
      const largest = values[0];
      if (largest === undefined || values.length > MAX_PRINTED_AMOUNTS) return;
      const present = new Set(values);
      const rates = [...new Set([...COMMON_TAX_RATES, ...opts.rates])];
      // the total is the largest amount printed; its parts are printed too, the tax at a rate of the untaxed amount
      for (const u of values) {
        const x = largest - u;
        if (x <= 0 || x >= u || !present.has(x) || !taxAtRateOver5(u / 100, x / 100, rates)) continue;
        const add = (pool: Ranked[], value: number) => addFromArithmetic(pool, value, W.rateTriple, 'rate-triple');
              add(totals, largest / 100);
        add(untaxed, u / 100);
        add(taxes, x / 100);
        return;
      }
    },
  },
  {
    // a bill taxed at several rates prints one row per rate in its tax table ("210,12  10  21,01" / "15,65  21  3,29")
    // and often labels only the first row's cells or none: when no labelled triple adds up, the rows whose tax is a
    // printed rate of their base, and whose bases and taxes add up to a total read, give the untaxed amount and the tax
    name: 'rate-rows-add-up',
    apply({ totals, untaxed, taxes, roundings, opts }) {
      const addsUp = totals.some((t) => untaxed.some((u) => taxes.some((x) => roundings.some((r) => sameAmount(u.value + x.value + r, t.value)))));
      if (addsUp) return;
      const values = [...new Set(opts.printed.filter((v) => v > 0).map((v) => Math.round(v * 100)))];
      if (values.length > MAX_PRINTED_AMOUNTS) return;
      const present = new Set(values);
      // the common rates and those printed (a tax table's rate column often prints "10" and "21" without "%")
      const rates = [...new Set([...COMMON_TAX_RATES, ...opts.rates])].filter((r) => r > 0);
      // (base, tax) pairs: the tax printed, at a rate of a base of 5 or more
      const pairs: [number, number][] = [];
      for (const b of values) {
        if (b < 500) continue;
        for (const r of rates) {
          const x = Math.round((b * r) / 100);
          for (const near of [x, x - 1, x + 1]) if (near > 0 && present.has(near) && taxAtRate(b / 100, near / 100, [r])) pairs.push([b, near]);
        }
      }
      if (pairs.length < 2 || pairs.length > MAX_RATE_ROWS) return;
      const read = totals.filter((t) => !t.derived && t.value > 0);
      const found: { u: number; x: number }[] = [];
      const consider = (picked: [number, number][]) => {
        const amounts = picked.flat();
        if (new Set(amounts).size !== amounts.length) return; // each printed amount in one role
        const u = picked.reduce((sum, [b]) => sum + b, 0);
        const x = picked.reduce((sum, [, t]) => sum + t, 0);
        if (read.some((t) => roundings.some((r) => sameAmount((u + x) / 100 + r, t.value)))) found.push({ u, x });
      };
      for (let i = 0; i < pairs.length; i++) {
        for (let j = i + 1; j < pairs.length; j++) {
          consider([pairs[i], pairs[j]]);
          for (let k = j + 1; k < pairs.length; k++) consider([pairs[i], pairs[j], pairs[k]]);
        }
      }
      // one way only: two readings of the table that both add up say nothing
      if (new Set(found.map((f) => `${f.u}/${f.x}`)).size !== 1) return;
      const add = (pool: Ranked[], value: number) => addFromArithmetic(pool, value, W.rateRows, 'rate-rows');
      add(untaxed, roundHundredths(found[0].u / 100));
      add(taxes, roundHundredths(found[0].x / 100));
    },
  },
  {
    // a minus sign lost in layout ("-" printed in its own column) shows when the document's totals are negative
    name: 'lost-minus',
    apply({ totals, taxes }) {
      if (!totals.some((t) => t.value < 0)) return;
      for (const x of [...taxes]) if (x.value > 0) taxes.push({ ...x, value: -x.value, score: x.score * W.lostMinus, why: [...x.why, 'lost-minus'] });
    },
  },
  {
    // "(35,13 €)": parentheses around an included tax are a typographic aside, not a negative amount
    name: 'parentheses-tax',
    apply({ totals, taxes }) {
      if (!totals.some((t) => t.value > 0)) return;
      for (const x of [...taxes]) if (x.value < 0) taxes.push({ ...x, value: -x.value, score: x.score * W.parenthesesTax, why: [...x.why, 'parentheses-tax'] });
    },
  },
];

/** Distinct amounts beyond which a page is too long to search for the arithmetic of its totals (rate-triple,
 * rate-rows-add-up: each pairs its amounts). */
const MAX_PRINTED_AMOUNTS = 400;
/** Tax lines of one rate each beyond which a page's rated tax lines are no one bill's rates (rate-lines-sum). */
const MAX_RATE_LINES = 4;
/** (base, tax) pairs beyond which a page's amounts are too many to read a tax table out of by their arithmetic. */
const MAX_RATE_ROWS = 40;

function rank(cands: AmountCandidate[], kind: AmountKind): Ranked[] {
  const byValue = new Map<number, Ranked>();
  for (const c of cands.filter((x) => x.kind === kind)) {
    const key = Math.round(c.value * 100);
    const r = byValue.get(key);
    if (r) {
      // the same value printed twice is corroboration, with diminishing returns
      r.score = Math.max(r.score, c.score) + W.repeatShare * Math.min(r.score, c.score);
      r.confidence = Math.max(r.confidence, c.confidence);
      if (!r.why.includes('printed-twice')) r.why.push('printed-twice');
    } else byValue.set(key, { value: c.value, score: c.score, confidence: c.confidence, why: [c.label ?? `label:${kind}`] });
  }
  return [...byValue.values()].sort((a, b) => b.score - a.score).slice(0, 6);
}

interface Triple {
  t: Ranked | null;
  u: Ranked | null;
  x: Ranked | null;
  score: number;
  consistent: boolean;
  linesSum: 'untaxed' | 'total' | false | null;
}

const T = TRIPLE_WEIGHTS;

/** A read total in whole currency units that is untaxed + tax rounded to the nearest unit is that sum rounded ("Taxable 3,805.00 +
 * IGST 684.90", "Total Amount After Tax 4,490.00"): invoices in rupees, forints or yen round the payable amount
 * without always printing a round-off line. */
function roundedToUnit(t: Ranked, sum: number): boolean {
  return !t.derived && t.value !== 0 && Number.isInteger(t.value) && !Number.isInteger(roundHundredths(sum)) && Math.round(sum) === t.value;
}

function scoreTriple(t: Ranked | null, u: Ranked | null, x: Ranked | null, roundings: number[], lineSum: number | null): Triple {
  let score = (t?.score ?? 0) * T.total + (u?.score ?? 0) * T.untaxed + (x?.score ?? 0) * T.tax;
  let consistent = false;
  if (t && u && x) {
    // a tax on nothing adds up to nothing (0 untaxed + 2,00 stamp duty = a 2,00 "total")
    consistent = !(u.value === 0 && x.value !== 0) && (roundings.some((r) => sameAmount(u.value + x.value + r, t.value)) || roundedToUnit(t, u.value + x.value));
    score += consistent ? (t.derived ? 0 : T.addsUp) : T.doesNotAddUp;
  } else if (t && u) {
    if (Math.abs(u.value) > Math.abs(t.value) + 0.005) score += T.partAboveTotal;
  }
  if (t && x && Math.abs(x.value) >= Math.abs(t.value) && t.value !== 0) score += T.partAboveTotal;
  let linesSum: Triple['linesSum'] = null;
  if (lineSum !== null && (t || u)) {
    linesSum = false;
    if (u && sameAmount(u.value, lineSum)) {
      score += T.linesSumToUntaxed;
      linesSum = 'untaxed';
    } else if (t && !u && !t.derived && sameAmount(t.value, lineSum)) {
      score += T.linesSumToTotal;
      linesSum = 'total';
    }
  }
  return { t, u, x, score, consistent, linesSum };
}

const clamp = (x: number): number => roundHundredths(Math.min(1, Math.max(0, x)));

/** Picks the most plausible (total, untaxed, tax) triple; consistency raises confidence, conflicts lower it. */
export function chooseTotals(cands: AmountCandidate[], options: ChooseTotalsOptions = {}): Totals {
  const opts: Required<ChooseTotalsOptions> = {
    fallbackTotal: options.fallbackTotal ?? null,
    paid: options.paid ?? [],
    tendered: options.tendered ?? null,
    printed: options.printed ?? [],
    lineSum: options.lineSum ?? null,
    rates: options.rates ?? [],
    pricesIncludeTax: options.pricesIncludeTax ?? false,
    taxTable: options.taxTable ?? null,
    splitPayment: options.splitPayment ?? false,
    tenderOneLineOff: options.tenderOneLineOff ?? null,
  };
  const pools: Pools = {
    cands,
    totals: rank(cands, 'total'),
    untaxed: rank(cands, 'untaxed'),
    taxes: rank(cands, 'tax'),
    prepaid: rank(cands, 'prepaid'),
    carried: rank(cands, 'carried'),
    roundings: [0, ...rank(cands, 'rounding').map((r) => r.value).filter((v) => Math.abs(v) < 1)],
    opts,
  };
  for (const strategy of TOTAL_STRATEGIES) strategy.apply(pools);
  const { totals, untaxed, taxes, roundings } = pools;

  // every combination, each part possibly absent; the best triple wins, and for each field the best triple with
  // another value there is its runner-up
  const triples: Triple[] = [];
  for (const t of [...totals, null]) {
    for (const u of [...untaxed, null]) {
      for (const x of [...taxes, null]) triples.push(scoreTriple(t, u, x, roundings, opts.lineSum));
    }
  }
  triples.sort((a, b) => b.score - a.score);
  const best = triples[0];
  const C = CONFIDENCE_WEIGHTS;
  const field = (r: Ranked | null, boost: number): Field<number> =>
    r ? { value: r.value, confidence: clamp(r.confidence * (C.base + C.perScore * Math.min(1, r.score)) + boost) } : { value: null, confidence: 0 };
  const boost = best.consistent && !best.t?.derived ? C.addsUpBoost : 0;
  // whether the printed summary adds up: said of the parts as read, before an untaxed amount is derived from the
  // total below (a part derived from the total checks nothing against it)
  let addsUp = best.t && best.u && best.x ? best.consistent : null;
  // a tax above the amount it is levied on, the two adding up to the total: no VAT or sales tax rate reaches 100 %,
  // so the columns were read in each other's place ("Totale imponibile | Totale imposta" over "1.390,00 | 305,80"
  // with a column between them)
  if (best.consistent && best.u && best.x && best.u.value > 0 && best.x.value > best.u.value) {
    [best.u, best.x] = [{ ...best.x, why: [...best.x.why, 'swapped-parts'] }, { ...best.u, why: [...best.u.why, 'swapped-parts'] }];
  }
  // only the gross amount and the tax printed ("inklusive 19 % Steuer ... darin enthalten"): untaxed follows
  if (best.t && best.x && !best.u && !best.t.derived && Math.abs(best.x.value) < Math.abs(best.t.value)) {
    const value = roundHundredths(best.t.value - best.x.value);
    best.u = { value, score: 0.3, confidence: Math.min(best.t.confidence, best.x.confidence) * 0.8, derived: true, why: [DERIVED_WHY.totalLessTax] };
    // ... and a "tax" above what it leaves of the total is that amount's base, read in the tax's place (a GST
    // summary's "S=6% 235.85 14.15" under a total of 250.00): no rate reaches 100 %
    if (value > 0 && best.x.value > value) {
      [best.u, best.x] = [{ ...best.x, why: [...best.x.why, 'swapped-parts'] }, { ...best.u, value, why: [DERIVED_WHY.totalLessTax, 'swapped-parts'] }];
    }
  }
  // a subtotal equal to a total that includes its tax ("Subtotal 7.00 / Total Incl. of GST 7.00 / GST 6% 0.40" — said
  // by a label, or by the arithmetic: the tax is a printed rate of the total less it): the subtotal is not the
  // untaxed amount, the total less the tax is
  if (best.t && best.u && best.x && sameAmount(best.u.value, best.t.value) && best.x.value > 0 &&
    best.x.value <= best.t.value * W.maxTaxShare && (opts.pricesIncludeTax || [...best.t.why, ...best.x.why].some((w) => INCLUDED_LABEL.test(w)) ||
      taxAtRateOver5(best.t.value - best.x.value, best.x.value, opts.rates))) {
    const value = roundHundredths(best.t.value - best.x.value);
    best.u = { value, score: best.u.score, confidence: best.u.confidence, derived: true, why: [...best.u.why, DERIVED_WHY.totalLessIncludedTax] };
    // the "subtotal" was the total read again, and the tax is inside it: the sum neither checks nor contradicts it
    addsUp = null;
  }
  // rivals with a strong score and another value make the total doubtful
  const rival = best.t ? totals.find((r) => r.value !== best.t!.value && r.score >= best.t!.score * C.rivalRatio) : undefined;
  // the winner is the best triple's value; the runner-up the best triple with another value in that field
  const explainPart = (pick: (tr: Triple) => Ranked | null): FieldExplain => {
    const chosen = pick(best);
    const alt = triples.find((tr) => pick(tr) !== null && (!chosen || pick(tr)!.value !== chosen.value));
    const shown = (r: Ranked, score: number) => ({ value: r.value, score: roundHundredths(score), why: [...r.why] });
    return { winner: chosen ? shown(chosen, best.score) : null, runner_up: alt ? shown(pick(alt)!, alt.score) : null };
  };
  const evidence: AmountEvidence = {
    adds_up: addsUp,
    lines_sum: best.linesSum,
    paid_matches_total: best.t && opts.paid.length ? opts.paid.some((p) => sameAmount(p, best.t!.value)) : null,
    payable_after_prepaid: totals.some((t) => t.why.includes('gross-before-prepaid')),
  };
  return {
    amount_total: field(best.t, boost - (rival && !best.consistent ? C.rivalPenalty : 0)),
    amount_untaxed: field(best.u, boost),
    amount_tax: field(best.x, boost),
    consistent: best.consistent,
    explain: {
      amount_total: explainPart((tr) => tr.t),
      amount_untaxed: explainPart((tr) => tr.u),
      amount_tax: explainPart((tr) => tr.x),
    },
    evidence,
  };
}
