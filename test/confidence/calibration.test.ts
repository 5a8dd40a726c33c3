// The calibration table: fitting (pooled, shrunk, monotone) and lookup (most specific row first).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields } from '../../src/contract.js';
import { calibrate, calibrateFields, evidenceLevel, shippedTable, sourceGroup } from '../../src/pipeline/confidence/calibrate.js';
import { fitCalibration, isotonic, type Sample } from '../../src/pipeline/confidence/fit.js';

test('pool-adjacent-violators gives the closest non-decreasing sequence', () => {
  assert.deepEqual(isotonic([0.2, 0.6, 0.4, 0.9], [1, 1, 1, 1]), [0.2, 0.5, 0.5, 0.9]);
  assert.deepEqual(isotonic([0.9, 0.1], [3, 1]).map((v) => Math.round(v * 1000) / 1000), [0.7, 0.7]);
});

function samples(n: number, right: number, over: Partial<Sample>): Sample[] {
  return Array.from({ length: n }, (_, i) => ({ field: 'amount_total', group: 'ocr', raw: 0.55, evidence: [], right: i < right, ...over }) as Sample);
}

test('a fitted row measures how often values were right, shrunk toward its pool when thin', () => {
  const data = [
    ...samples(40, 36, { raw: 0.55 }), // receipts' totals at a rank of 0.55 are right 90 % of the time
    ...samples(20, 10, { raw: 0.2 }),
    ...samples(3, 0, { raw: 0.55, evidence: ['sum-off'] }),
    ...samples(30, 30, { field: 'date', group: 'einvoice', raw: 0.99 }),
  ];
  const table = fitCalibration(data, {});
  const p = calibrate(table, 'amount_total', 'ocr', 0.55, []);
  assert.ok(p > 0.8 && p < 0.92, `raw 0.55 is ~90 % right, got ${p}`);
  assert.ok(calibrate(table, 'amount_total', 'ocr', 0.2, []) < 0.6);
  const against = calibrate(table, 'amount_total', 'ocr', 0.55, ['sum-off']);
  assert.ok(against < p, 'evidence against lowers it');
  assert.ok(against > 0.2, 'three samples do not drive it to zero: shrunk toward the pool');
  // every row is monotone in the raw score
  for (const row of Object.values(table.rows)) for (let i = 1; i < row.length; i++) assert.ok(row[i] >= row[i - 1]);
  // a field never seen for a source falls back to the source's pool; mixed PDFs calibrate as OCR
  assert.equal(calibrate(table, 'po_number', 'ocr', 0.55), table.rows['|ocr'][table.edges.findIndex((e) => 0.55 < e)]);
  assert.equal(sourceGroup('mixed'), 'ocr');
  assert.equal(sourceGroup('einvoice:ubl'), 'einvoice');
  assert.ok(calibrate(table, 'date', 'einvoice:cii', 0.99) <= 0.99);
});

test('evidence levels: anything against outweighs what is for', () => {
  assert.equal(evidenceLevel([]), 'none');
  assert.equal(evidenceLevel(['seen-twice']), 'pos');
  assert.equal(evidenceLevel(['seen-twice', 'ocr-low']), 'neg');
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
