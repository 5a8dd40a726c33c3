// The one rule for a credit note's sign. A credit note's amounts are the credit's size — positive, whatever sign its
// layout prints to show the direction, which its type already says: an EN16931 credit note (UNTDID 381) and Odoo's
// vendor refund (in_refund) carry positive amounts, and so does the `scan --json` result (README, the contract). An
// invoice keeps the sign it prints (a correcting invoice, UNTDID 384, may be negative); the write-back books one with
// a negative total as a credit note (src/writeback/signs.ts), through this same rule.
import type { ExtractedFields, LineItem, ScanResult } from '../contract.js';

const AMOUNTS = ['amount_total', 'amount_untaxed', 'amount_tax'] as const;

function flip(n: number | null): number | null {
  return n === null ? null : -n;
}

function flipLine(line: LineItem): LineItem {
  // A credit line is negative either by quantity or by price; undo whichever carries the sign.
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

/** Whether a result is a credit note printed with a negative total: its amounts are to be given as sizes. */
export function creditPrintedNegative(fields: Pick<ExtractedFields, 'doc_type' | 'amount_total'>): boolean {
  return fields.doc_type.value === 'credit_note' && typeof fields.amount_total.value === 'number' && fields.amount_total.value < 0;
}

/** The result with a credit note's amounts as the credit's size: its fields, its lines and the rules' own values the
 * vendor memory reports (`memory.rules`), so every amount of the result speaks one convention. Any other result is
 * returned as it is. */
export function creditNoteAsSizes(result: ScanResult): ScanResult {
  const f = result.fields;
  if (!f || !creditPrintedNegative(f)) return result;
  return {
    ...result,
    fields: asSizes(f),
    lines: result.lines?.map(flipLine),
    ...(result.memory ? { memory: { ...result.memory, rules: asSizes(result.memory.rules as Partial<ExtractedFields>) } } : {}),
  };
}
