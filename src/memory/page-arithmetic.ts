// What the page's own arithmetic says of an amount the vendor's learned place and the rules read differently: a
// posted document's amounts hold together (untaxed + tax = total on 229 of the corpus's 238 truths; a till's card
// payment or cash less change is the total). A contest the calibration cells cannot settle (a learned reading against
// the rules' is right about half the time) is settled by the page where it backs one of the two values and not the
// other: the value that holds together with the page's other printings is the one the document means. Checks only:
// no amount is ever made up from the others. Simulated on tune's captured documents (each amount of the truth against
// every other amount the page prints, either side learned): of the contests each check decided, the sum decided 4 of
// 3,208 wrongly, the payment 5 of 1,161 (a cash line misread); the item lines' sum 14 of 218 — lines often sum to a
// subtotal before a discount, a deposit or a charge — and an amount printed on two rows where the other is printed on
// one 143 of 1,753 (an item's price repeats, a tender prints twice), so they are no checks here.
import type { ExtractedFields } from '../contract.js';
import { findAmounts, type DecimalSeparator } from '../pipeline/extract/numbers.js';
import { paidAmounts } from '../pipeline/extract/totals.js';
import { ROUNDING_WORDS, WITHHOLDING_WORDS } from '../pipeline/extract/words.js';
import type { DocumentEvidence } from './evidence.js';

/** The three amounts, in the order of their sum: untaxed + tax = total. */
export const AMOUNT_NAMES = ['amount_untaxed', 'amount_tax', 'amount_total'] as const;
export type AmountName = (typeof AMOUNT_NAMES)[number];

/** How an amount holds together with the page: `sum` — with the two other amounts, both printed, untaxed + tax =
 * total to the cent, on a page with no rounding or withholding row (TOTAL_ADJUSTED); `paid` — a total equal to what
 * the till says was paid (a card payment, cash less change: extract/totals.ts paidAmounts). */
export type AmountCheck = 'sum' | 'paid';

/** To the cent: what the sum checks here and what backs amounts in apply.ts (backBySum, backByRate). */
export const SUM_EXACT = 0.005;

/** A row that makes the total legitimately differ from untaxed + tax, opening it: cash rounding ("Round off 0.50"
 * above "Net payable 557.00") or a withholding deducted from what is paid. On such a page the sum backs no reading. */
const TOTAL_ADJUSTED = new RegExp(String.raw`^\W*(?:${ROUNDING_WORDS}|${WITHHOLDING_WORDS})`, 'iu');

/** The amount stands on one of the document's rows, read with either decimal separator (sizes: a credit note's
 * amounts are printed negative, the memory reads sizes). */
export function printedOn(ev: DocumentEvidence, value: number): boolean {
  return ev.rows.some((r) => (['.', ','] as const).some((d) => findAmounts(r.text, d).some((a) => Math.abs(Math.abs(a.value) - Math.abs(value)) < SUM_EXACT)));
}

/** The checks of the page an amount passes as the field `name`, the other two amounts being `fields`' own. An amount
 * the page does not print passes none (the rules make an untaxed amount up as the total less the tax: it adds up by
 * construction); nor does the sum count with another amount that is not printed, for the same reason. */
export function amountChecks(name: AmountName, value: number, fields: ExtractedFields, ev: DocumentEvidence, decimal?: DecimalSeparator): AmountCheck[] {
  const v = Math.abs(value);
  if (v < SUM_EXACT || !printedOn(ev, v)) return [];
  const out: AmountCheck[] = [];
  const size = (n: AmountName) => (fields[n].value === null ? null : Math.abs(fields[n].value as number));
  const others = AMOUNT_NAMES.filter((n) => n !== name);
  const [a, b] = others.map(size);
  if (a !== null && b !== null && others.every((n) => printedOn(ev, size(n)!)) && !ev.rows.some((r) => TOTAL_ADJUSTED.test(r.text))) {
    const [u, t, g] = name === 'amount_total' ? [a, b, v] : name === 'amount_untaxed' ? [v, b, a] : [a, v, b];
    // (a zero tax adds nothing to check: untaxed = total says only that the two were read alike)
    if (t > SUM_EXACT && Math.abs(u + t - g) < SUM_EXACT) out.push('sum');
  }
  if (name === 'amount_total') {
    const paid = (decimal ? [decimal] : (['.', ','] as const)).flatMap((d) => paidAmounts(ev.rows, d));
    if (paid.some((p) => Math.abs(p - v) < SUM_EXACT)) out.push('paid');
  }
  return out;
}

/** Which of two readings of an amount the page backs: the one that passes a check the other does not pass any of
 * (with the check it passes), else neither — both backed, or neither, the page does not tell them apart. */
export function pageDecides(
  name: AmountName, learned: number, rules: number, fields: ExtractedFields, ev: DocumentEvidence, decimal?: DecimalSeparator,
): { winner: 'learned' | 'rules'; check: AmountCheck } | null {
  const l = amountChecks(name, learned, fields, ev, decimal);
  const r = amountChecks(name, rules, fields, ev, decimal);
  if (l.length > 0 && r.length === 0) return { winner: 'learned', check: l[0]! };
  if (r.length > 0 && l.length === 0) return { winner: 'rules', check: r[0]! };
  return null;
}
