import type { PayableAmounts, PensionFundContribution, WithholdingTax } from '../../contract.js';
import { sameAmount } from '../extract/numbers.js';
import { roundSumToCents } from './values.js';

// What is paid beside an e-invoice's total, one rule for the parsers and the write policy:
//
//   total before withholding = untaxed + tax (+ stamp duty added outside the lines) (+ rounding, where the standard
//                              counts it in the total: FatturaPA Arrotondamento)
//   amount due               = total before withholding − withholding − prepaid (+ rounding, where the standard counts
//                              it in the payable only: UBL PayableRoundingAmount, CII RoundingAmount)
//
// The FatturaPA specification and Odoo's own export state ImportoTotaleDocumento before withholding; some producers
// write the amount after it. Both are explained; a stated total that neither explains stays an inconsistency.

export interface PayableParts {
  withholding?: WithholdingTax[];
  pension_funds?: PensionFundContribution[];
  stamp_duty?: number | null;
  prepaid?: number | null;
  rounding?: number | null;
  /** FatturaPA: the rounding is part of the document's total; UBL/CII: of the amount due only */
  roundingInTotal?: boolean;
}

export interface DocumentAmounts {
  total: number | null;
  untaxed: number | null;
  tax: number | null;
}

const nonZero = (n: number | null | undefined): n is number => n !== null && n !== undefined && n !== 0;

/** The payable amounts of a document, or null when it states nothing beside its total. */
export function payableOf(parts: PayableParts, amounts: DocumentAmounts): PayableAmounts | null {
  const withholding = parts.withholding ?? [];
  const pensionFunds = parts.pension_funds ?? [];
  const stamp = nonZero(parts.stamp_duty) ? parts.stamp_duty : null;
  const prepaid = nonZero(parts.prepaid) ? parts.prepaid : null;
  const rounding = nonZero(parts.rounding) ? parts.rounding : null;
  if (withholding.length === 0 && pensionFunds.length === 0 && stamp === null && prepaid === null && rounding === null) return null;
  const withholdingTotal = roundSumToCents(withholding.reduce((s, w) => s + w.amount, 0));
  const roundingInTotal = parts.roundingInTotal === true;

  const { total, untaxed, tax } = amounts;
  let before: number | null = null;
  let stampAdded = false;
  let totalIs: PayableAmounts['total_is'] = null;
  if (untaxed !== null && tax !== null) {
    const base = untaxed + tax + (roundingInTotal ? (rounding ?? 0) : 0);
    // the stamp duty is usually a line of its own (inside untaxed); else it is added to the total
    for (const added of stamp === null ? [false] : [false, true]) {
      const candidate = roundSumToCents(base + (added ? stamp! : 0));
      const is = total === null ? null : explains(total, candidate, withholdingTotal);
      if (is !== null || (total === null && !added)) {
        before = candidate;
        stampAdded = added;
        totalIs = is;
        break;
      }
    }
    if (before === null) before = roundSumToCents(base); // the stated total is explained by nothing: the policy says so
  } else if (total !== null) {
    before = total; // no VAT summary to reconcile with: the stated total is taken as the total before withholding
  }
  if (before === null) return null;
  const due = before - withholdingTotal - (prepaid ?? 0) + (roundingInTotal ? 0 : (rounding ?? 0));
  return {
    total_before_withholding: before,
    withholding,
    withholding_total: withholdingTotal,
    pension_funds: pensionFunds,
    stamp_duty: stamp,
    stamp_duty_added: stampAdded,
    prepaid,
    rounding,
    amount_due: roundSumToCents(due),
    total_is: totalIs,
  };
}

function explains(total: number, before: number, withholding: number): PayableAmounts['total_is'] {
  if (sameAmount(total, before)) return 'before_withholding';
  if (withholding !== 0 && sameAmount(total, before - withholding)) return 'after_withholding';
  return null;
}

/** Whether untaxed + tax and the stated total agree once the payable amounts are counted (the write policy's
 * cross-check for documents that state them). */
export function payableExplainsTotals(total: number, untaxed: number, tax: number, payable: PayableAmounts): boolean {
  const before = payable.total_before_withholding;
  const added = payable.stamp_duty_added ? (payable.stamp_duty ?? 0) : 0;
  const parts = untaxed + tax + added;
  const partsAgree = sameAmount(parts, before) || sameAmount(parts + (payable.rounding ?? 0), before);
  return partsAgree && explains(total, before, payable.withholding_total) !== null;
}
