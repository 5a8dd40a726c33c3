// The one write policy: written at or above the threshold; review when a key field is not written or cross-checks
// disagree. The addon's default threshold is the worker's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { emptyFields } from '../../../src/contract.js';
import { applyWritePolicy, cashRounded, DEFAULT_WRITE_THRESHOLD, keyConfidence, keyFieldReasons, writes } from '../../../src/pipeline/confidence/policy.js';
import { fromRoot } from '../../../src/paths.js';

function receipt() {
  const f = emptyFields();
  f.doc_type = { value: 'receipt', confidence: 0.95 };
  f.amount_total = { value: 7.7, confidence: 0.96 };
  f.date = { value: '2018-03-01', confidence: 0.93 };
  f.vendor_name = { value: 'SHOP', confidence: 0.4 };
  return f;
}

test('an expense needs total and date written; the vendor is not a key field for it', () => {
  const out = applyWritePolicy(receipt(), [], 0.9);
  assert.equal(out.needs_review, false, out.review_reasons.join('; '));
  assert.equal(out.write.amount_total, true);
  assert.equal(out.write.vendor_name, false);
  assert.equal(out.write.due_date, false);
});

test('a bill needs total, date and vendor; a held-back or missing key field sends it to review', () => {
  const f = receipt();
  f.doc_type = { value: 'invoice', confidence: 0.95 };
  const out = applyWritePolicy(f, [], 0.9);
  assert.deepEqual(out.review_reasons, ['vendor not written: confidence 0.40 below 0.9']);
  f.date = { value: null, confidence: 0 };
  assert.ok(applyWritePolicy(f, [], 0.9).review_reasons.includes('no date'));
  assert.equal(keyConfidence(f, 'bill'), 0);
  assert.equal(keyConfidence(receipt(), 'expense'), 0.93);
});

test('a bill\'s vendor is identified by its VAT written as well as by its name: the write-back looks the partner up by either', () => {
  const f = receipt();
  f.doc_type = { value: 'invoice', confidence: 0.95 };
  f.vendor_vat = { value: 'DE123456789', confidence: 0.95 };
  assert.deepEqual(applyWritePolicy(f, [], 0.9).review_reasons, [], 'name unsure (0.40), VAT written');
  f.vendor_name = { value: null, confidence: 0 };
  assert.deepEqual(applyWritePolicy(f, [], 0.9).review_reasons, [], 'no name, VAT written');
  f.vendor_vat = { value: 'DE123456789', confidence: 0.5 };
  assert.deepEqual(applyWritePolicy(f, [], 0.9).review_reasons, ['no vendor'], 'neither written');
  // the worker decides by the partner it found, not by the VAT alone
  f.vendor_vat = { value: 'DE123456789', confidence: 0.95 };
  assert.deepEqual(keyFieldReasons(f, 'bill', 0.9, (n) => writes(f[n], 0.9), false), ['no vendor']);
});

test('cross-checks that disagree send it to review even when everything is written', () => {
  const f = receipt();
  f.amount_untaxed = { value: 7, confidence: 0.95 };
  f.amount_tax = { value: 0.5, confidence: 0.95 };
  const out = applyWritePolicy(f, [], 0.9);
  assert.deepEqual(out.review_reasons, ['inconsistent totals: untaxed 7 + tax 0.5 != total 7.7']);
});

test('a till total rounded to 5 cents for cash adds up; a difference of another kind still disagrees', () => {
  const f = receipt();
  f.amount_total = { value: 10.05, confidence: 0.95 };
  f.amount_untaxed = { value: 9.48, confidence: 0.95 };
  f.amount_tax = { value: 0.55, confidence: 0.95 }; // 10.03, rounded for cash to 10.05
  assert.deepEqual(applyWritePolicy(f, [], 0.9).review_reasons, []);
  f.amount_tax = { value: 0.5, confidence: 0.95 }; // 9.98: 10.00 would be its cash total, not 10.05
  assert.match(applyWritePolicy(f, [], 0.9).review_reasons.join(), /inconsistent totals/);
  f.amount_total = { value: 10.03, confidence: 0.95 };
  f.amount_tax = { value: 0.53, confidence: 0.95 }; // 10.01 against 10.03: not a multiple of 5 cents
  assert.match(applyWritePolicy(f, [], 0.9).review_reasons.join(), /inconsistent totals/);
  assert.equal(cashRounded(10.03, 10.05), true);
  assert.equal(cashRounded(10.02, 10.0), true);
  assert.equal(cashRounded(10.03, 10.0), false);
  assert.equal(cashRounded(10.0, 10.0), false); // equal is not rounding
});

test('the addon company setting defaults to the worker\'s WRITE_THRESHOLD: both from the write-back rules table', () => {
  const py = readFileSync(fromRoot('odoo_addon', 'ocr_worker', 'models', 'res_company.py'), 'utf8');
  assert.match(py, /^ {4}ocr_write_threshold = fields\.Float\([^)]*default=WRITE_THRESHOLD_DEFAULT\b/ms, 'res_company.py takes the default from writeback_rules.py');
  const rules = JSON.parse(readFileSync(fromRoot('odoo_addon', 'ocr_worker', 'data', 'writeback_rules.json'), 'utf8')) as { write_threshold_default: number };
  assert.equal(rules.write_threshold_default, DEFAULT_WRITE_THRESHOLD);
});
