// How much a reading's page backs its total, shared by the looks that weigh two readings of a receipt's total
// (./total-look.ts: the total's lines read again; ./engine-look.ts: the other OCR engine's reading).
import type { AMOUNT_FIELDS, ExtractedFields } from '../../contract.js';
import type { AmountEvidence } from './explain.js';

/** How much of the summary's arithmetic holds for the chosen total: a payment equal to it, untaxed + tax, the item
 * lines, less what speaks against it. */
export function totalSupport(e: AmountEvidence): number {
  return (e.adds_up ? 2 : 0) + (e.paid_matches_total ? 2 : 0) + (e.lines_sum ? 1 : 0) - (e.adds_up === false ? 1 : 0) - (e.paid_matches_total === false ? 1 : 0);
}

/** The amounts a reading's total brings with it when it is taken. */
export function amountsOf(f: ExtractedFields): Pick<ExtractedFields, (typeof AMOUNT_FIELDS)[number]> {
  return { amount_total: f.amount_total, amount_untaxed: f.amount_untaxed, amount_tax: f.amount_tax };
}
