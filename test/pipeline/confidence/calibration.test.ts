// The calibration table: fitting (evidence weights, pooled, shrunk, monotone) and lookup.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields } from '../../../src/contract.js';
import { calibrate, calibrateFields, shippedTable, sourceGroup } from '../../../src/pipeline/confidence/calibrate.js';
import { fitCalibration, isotonic, type Sample } from '../../../src/pipeline/confidence/fit.js';

test('pool-adjacent-violators gives the closest non-decreasing sequence', () => {
  assert.deepEqual(isotonic([0.2, 0.6, 0.4, 0.9], [1, 1, 1, 1]), [0.2, 0.5, 0.5, 0.9]);
  assert.deepEqual(isotonic([0.9, 0.1], [3, 1]).map((v) => Math.round(v * 1000) / 1000), [0.7, 0.7]);
});

function samples(n: number, right: number, over: Partial<Sample>): Sample[] {
  return Array.from({ length: n }, (_, i) => ({ field: 'amount_total', group: 'ocr', raw: 0.55, evidence: [], right: i < right, ...over }) as Sample);
}

test('a fitted table measures how often values were right; evidence moves it as far as it was worth', () => {
  const data = [
    ...samples(40, 30, { raw: 0.55 }), // receipts' totals at a rank of 0.55: right 75 % of the time ...
    ...samples(40, 40, { raw: 0.55, evidence: ['seen-twice'] }), // ... and always when printed twice
    ...samples(20, 4, { raw: 0.2 }),
    ...samples(6, 0, { raw: 0.55, evidence: ['ocr-low'] }),
    ...samples(30, 30, { field: 'date', group: 'einvoice', raw: 0.99 }),
  ];
  const table = fitCalibration(data, {});
  const plain = calibrate(table, 'amount_total', 'ocr', 0.55, []);
  const twice = calibrate(table, 'amount_total', 'ocr', 0.55, ['seen-twice']);
  const low = calibrate(table, 'amount_total', 'ocr', 0.55, ['ocr-low']);
  assert.ok(plain > 0.6 && plain < 0.9, `raw 0.55 alone is ~75 % right, got ${plain}`);
  assert.ok(twice > 0.93, `printed twice: ~100 %, got ${twice}`);
  assert.ok(low < plain && low > 0.05, `against: lower, but six samples are shrunk toward the pool (${low})`);
  assert.ok(calibrate(table, 'amount_total', 'ocr', 0.2, []) < plain, 'monotone in the raw score');
  for (const row of Object.values(table.rows)) for (let i = 1; i < row.length; i++) assert.ok(row[i] >= row[i - 1]);
  // a field never seen for a source falls back to the source's pool; mixed PDFs calibrate as OCR
  assert.ok(calibrate(table, 'po_number', 'ocr', 0.55) > 0);
  assert.equal(sourceGroup('mixed'), 'ocr');
  assert.equal(sourceGroup('einvoice:ubl'), 'einvoice');
  assert.ok(calibrate(table, 'date', 'einvoice:cii', 0.99) <= 0.99);
  assert.ok(JSON.parse(JSON.stringify(table)).edges.every((e: unknown) => typeof e === 'number'), 'the table is plain JSON');
});

test('calibrated fields keep the raw score and evidence; null values stay at 0', () => {
  const f = emptyFields();
  f.amount_total = { value: 7.7, confidence: 0.57 };
  const out = calibrateFields(f, 'ocr', { amount_total: ['seen-twice'] }, shippedTable());
  assert.equal(out.amount_total.raw_confidence, 0.57);
  assert.deepEqual(out.amount_total.evidence, ['seen-twice']);
  assert.ok(out.amount_total.confidence >= 0 && out.amount_total.confidence <= 0.99);
  assert.equal(out.date.confidence, 0);
  assert.equal(out.date.raw_confidence, undefined);
});
