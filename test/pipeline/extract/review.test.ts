import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields, type ExtractedFields } from '../../../src/contract.js';
import { assessReview } from '../../../src/pipeline/extract/index.js';

function fields(patch: Partial<Record<keyof ExtractedFields, [unknown, number]>>): ExtractedFields {
  const f = emptyFields();
  const base: Partial<Record<keyof ExtractedFields, [unknown, number]>> = {
    doc_type: ['invoice', 0.9], vendor_name: ['ACME GmbH', 0.9], invoice_number: ['123', 0.9], date: ['2020-01-01', 0.9],
    amount_total: [119, 0.9], amount_untaxed: [100, 0.9], amount_tax: [19, 0.9],
  };
  for (const [k, [value, confidence]] of Object.entries({ ...base, ...patch })) {
    (f as unknown as Record<string, { value: unknown; confidence: number }>)[k] = { value, confidence };
  }
  return f;
}

test('a complete, consistent, confident result needs no review', () => {
  assert.deepEqual(assessReview(fields({}), []), { needs_review: false, review_reasons: [] });
});

test('missing vendor or total, low confidence, inconsistent totals are each a reason', () => {
  const r = assessReview(fields({ vendor_name: [null, 0], amount_tax: [20, 0.9], date: ['2020-01-01', 0.3] }), []);
  assert.equal(r.needs_review, true);
  assert.ok(r.review_reasons.includes('no vendor'));
  assert.ok(r.review_reasons.some((x) => x.startsWith('low confidence: date')));
  assert.ok(r.review_reasons.some((x) => x.startsWith('inconsistent totals')));
  assert.ok(assessReview(fields({ amount_total: [null, 0] }), []).review_reasons.includes('no total'));
});

test('the threshold is configurable', () => {
  const f = fields({ vendor_name: ['ACME', 0.7] });
  assert.equal(assessReview(f, [], 0.6).needs_review, false);
  assert.equal(assessReview(f, [], 0.8).needs_review, true);
});

test('line amounts that match neither untaxed nor total are flagged', () => {
  const line = (amount: number) => ({ description: 'x', quantity: 1, unit_price: amount, amount, tax_rate: null });
  assert.equal(assessReview(fields({}), [line(60), line(40)]).needs_review, false);
  assert.ok(assessReview(fields({}), [line(60), line(30)]).review_reasons.some((x) => x.startsWith('line amounts')));
});

test('receipts need no invoice number', () => {
  const r = assessReview(fields({ doc_type: ['receipt', 0.9], invoice_number: [null, 0], amount_untaxed: [null, 0], amount_tax: [null, 0] }), []);
  assert.equal(r.needs_review, false);
});
