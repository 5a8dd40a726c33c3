// The one rule for a credit note's sign. A credit note's amounts are the credit's size — positive, whatever sign its
// layout prints to show the direction, which its type already says: an EN16931 credit note (UNTDID 381) and Odoo's
// vendor refund (in_refund) carry positive amounts, and so does the `scan --json` result (README, the contract). An
// invoice keeps the sign it prints (a correcting invoice, UNTDID 384, may be negative); the write-back books one with
// a negative total as a credit note (src/writeback/signs.ts), through this same rule.
import type { ExtractedFields, LineItem, PayableAmounts, ScanResult } from '../contract.js';

const AMOUNTS = ['amount_total', 'amount_untaxed', 'amount_tax'] as const;

function flip(n: number | null): number | null {
  return n === null ? null : -n;
}

function flipLine(line: LineItem): LineItem {
  // A line's sign sits in its quantity or its price; turn whichever carries it (the price of an unsigned line).
  const byQuantity = line.quantity !== null && line.quantity < 0;
  return {
    ...line,
    quantity: byQuantity ? flip(line.quantity) : line.quantity,
    unit_price: byQuantity ? line.unit_price : flip(line.unit_price),
    amount: flip(line.amount),
  };
}

function asSizes<F extends Partial<ExtractedFields>>(fields: F): F {
  const out = { ...fields };
  for (const key of AMOUNTS) {
    const f = out[key];
    if (!f || typeof f.value !== 'number') continue;
    const alternatives = f.alternatives?.map((a) => (typeof a.value === 'number' ? { ...a, value: Math.abs(a.value) } : a));
    out[key] = { ...f, value: Math.abs(f.value), ...(alternatives ? { alternatives } : {}) } as F[typeof key];
  }
  return out;
}

/** Whether a result is a credit note printed with a negative amount (total, untaxed amount or tax): its amounts
 * are to be given as sizes. */
export function creditPrintedNegative(fields: Pick<ExtractedFields, 'doc_type' | (typeof AMOUNTS)[number]>): boolean {
  return fields.doc_type.value === 'credit_note' && AMOUNTS.some((key) => (fields[key].value ?? 0) < 0);
}

/** The lines as a credit's: turned when the page prints them negative as a whole (their amounts sum below zero), each
 * of them then — a charge printed positive among them becomes negative, as it is against the credit. Lines printed
 * positive are the credit's already. */
function linesAsSizes(lines: LineItem[] | undefined): LineItem[] | undefined {
  const sum = (lines ?? []).reduce((acc, line) => acc + (line.amount ?? 0), 0);
  return sum < 0 ? lines?.map(flipLine) : lines;
}

/** The payment block as the credit's: turned as a whole when it is printed negative (its total before withholding
 * below zero), so the amount due, withholding, prepaid amount and rounding keep their places against the total. */
function payableAsSizes(payable: PayableAmounts | undefined): PayableAmounts | undefined {
  if (!payable || payable.total_before_withholding >= 0) return payable;
  const turn = (n: number): number => (n === 0 ? 0 : -n);
  return {
    ...payable,
    total_before_withholding: turn(payable.total_before_withholding),
    withholding: payable.withholding.map((w) => ({ ...w, amount: turn(w.amount) })),
    withholding_total: turn(payable.withholding_total),
    pension_funds: payable.pension_funds.map((p) => ({ ...p, amount: turn(p.amount), base: p.base === null ? null : turn(p.base) })),
    stamp_duty: payable.stamp_duty === null ? null : turn(payable.stamp_duty),
    prepaid: payable.prepaid === null ? null : turn(payable.prepaid),
    rounding: payable.rounding === null ? null : turn(payable.rounding),
    amount_due: turn(payable.amount_due),
  };
}

/** The explanation's amount candidates as sizes, like the fields they explain. */
function explainAsSizes(explain: ScanResult['explain']): ScanResult['explain'] {
  if (!explain) return explain;
  const fields = { ...explain.fields };
  const size = <C extends { value: string | number } | null>(c: C): C => (c && typeof c.value === 'number' ? { ...c, value: Math.abs(c.value) } : c);
  for (const key of AMOUNTS) {
    const f = fields[key];
    if (f) fields[key] = { ...f, winner: size(f.winner), runner_up: size(f.runner_up) };
  }
  return { ...explain, fields };
}

/** The result with a credit note's amounts as the credit's size: its fields, its lines, its payment block and the rules' own values the
 * vendor memory reports (`memory.rules`), so every amount of the result speaks one convention. Any other result is
 * returned as it is. */
export function creditNoteAsSizes(result: ScanResult): ScanResult {
  const f = result.fields;
  if (!f || !creditPrintedNegative(f)) return result;
  return {
    ...result,
    fields: asSizes(f),
    lines: linesAsSizes(result.lines),
    ...(result.payable ? { payable: payableAsSizes(result.payable) } : {}),
    ...(result.explain ? { explain: explainAsSizes(result.explain) } : {}),
    ...(result.memory ? { memory: { ...result.memory, rules: asSizes(result.memory.rules as Partial<ExtractedFields>) } } : {}),
  };
}
