// The one rule for a credit note's sign (src/pipeline/credit-note-sign.ts): amounts as the credit's size, lines turned
// only when the page prints them negative, the explanation's candidates like the fields.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { LineItem } from '../../src/contract.js';
import { creditNoteAsSizes } from '../../src/pipeline/credit-note-sign.js';
import { scan } from '../writeback/helpers.js';

const line = (quantity: number, unit_price: number, amount: number): LineItem => ({ description: 'Paper', quantity, unit_price, amount, tax_rate: 19 });
const credit = (total: number, untaxed: number, tax: number, lines: LineItem[]) => scan('fatturapa-fpr12', {
  fields: { doc_type: { value: 'credit_note' }, amount_total: { value: total }, amount_untaxed: { value: untaxed }, amount_tax: { value: tax } },
  lines,
});

test('a credit note printed negative gives sizes; its negative lines are turned by the part that carries the sign', () => {
  const out = creditNoteAsSizes(credit(-119, -100, -19, [line(-2, 50, -100)]));
  assert.deepEqual([out.fields!.amount_total.value, out.fields!.amount_untaxed.value, out.fields!.amount_tax.value], [119, 100, 19]);
  assert.deepEqual(out.lines!.map((l) => [l.quantity, l.unit_price, l.amount]), [[2, 50, 100]]);
});

test("a credit note whose totals are printed negative but whose lines are printed positive keeps its lines", () => {
  const out = creditNoteAsSizes(credit(-119, -100, -19, [line(2, 50, 100)]));
  assert.deepEqual(out.lines!.map((l) => [l.quantity, l.unit_price, l.amount]), [[2, 50, 100]]);
  assert.equal(out.fields!.amount_total.value, 119);
});

test('a credit note with a positive total but a negative untaxed amount and tax gives sizes too', () => {
  const out = creditNoteAsSizes(credit(119, -100, -19, []));
  assert.deepEqual([out.fields!.amount_total.value, out.fields!.amount_untaxed.value, out.fields!.amount_tax.value], [119, 100, 19]);
});

test("the explanation's amount candidates speak the fields' convention", () => {
  const result = credit(-119, -100, -19, []);
  result.explain = { fields: { amount_total: { winner: { value: -119, score: 1, why: [] }, runner_up: { value: -100, score: 0.5, why: [] } } }, evidence: {} as never };
  const out = creditNoteAsSizes(result);
  assert.deepEqual([out.explain!.fields.amount_total!.winner!.value, out.explain!.fields.amount_total!.runner_up!.value], [119, 100]);
});

test('an invoice keeps the sign it prints', () => {
  const invoice = scan('fatturapa-fpr12', { fields: { doc_type: { value: 'invoice' }, amount_total: { value: -119 } }, lines: [line(-2, 50, -100)] });
  const out = creditNoteAsSizes(invoice);
  assert.equal(out.fields!.amount_total.value, -119);
  assert.equal(out.lines![0]!.amount, -100);
});

test("a credit note's payment block printed negative is turned with its amounts, so the amount due stays the total's", () => {
  const result = credit(-119, -100, -19, []);
  result.payable = {
    total_before_withholding: -119, withholding: [{ type: 'RT01', rate: 20, amount: -20, reason: 'A' }], withholding_total: -20,
    pension_funds: [], stamp_duty: -2, stamp_duty_added: false, prepaid: -9, rounding: 0.01, amount_due: -90, total_is: 'before_withholding',
  };
  const p = creditNoteAsSizes(result).payable!;
  assert.deepEqual([p.total_before_withholding, p.withholding[0]!.amount, p.withholding_total, p.stamp_duty, p.prepaid, p.rounding, p.amount_due], [119, 20, 20, 2, 9, -0.01, 90]);
  assert.equal(p.total_is, 'before_withholding');
});
