// fit:calibration's choice of fitting options: cross-validated ECE on tune, folds by vendor family.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseFitOptions, type DocRecord, expectedCalibrationError, samplesOf } from '../../bench/calibration-report.js';
import { fitCalibration } from '../../src/pipeline/confidence/fit.js';

/** 120 receipts of 12 vendor families (10 each), totals right 7 times in 10 in every family, whatever their raw score. */
const records: DocRecord[] = Array.from({ length: 120 }, (_, i) => ({
  file: `r${i}.jpg`, folder: 'r', split: 'tune', source: 'ocr', kind: 'expense', family: `vendor-${i % 12}`, checks: [],
  fields: {
    doc_type: { value: 'receipt', raw: 0.9, evidence: [], right: true },
    amount_total: { value: 10, raw: 0.5 + (Math.floor(i / 12) % 5) / 10, evidence: [], right: Math.floor(i / 12) % 4 !== 0 },
  },
}));

test('ECE: the distance between confidence and the rate of right values, bin by bin', () => {
  assert.equal(expectedCalibrationError([[0.75, true], [0.75, true], [0.75, true], [0.75, false]]), 0);
  assert.ok(Math.abs(expectedCalibrationError([[0.95, true], [0.95, false]])! - 0.45) < 1e-9);
  assert.equal(expectedCalibrationError([]), null);
});

test('the option whose tables are calibrated on the folds left out wins; a table that claims certainty loses', () => {
  const overconfident = { certain: true };
  const measured = { certain: false };
  const fit = (train: DocRecord[], o: { certain: boolean }) => {
    const table = fitCalibration(samplesOf(train), {});
    if (o.certain) for (const key of Object.keys(table.rows)) table.rows[key] = table.rows[key].map(() => 0.99);
    return table;
  };
  const { best, all } = chooseFitOptions(records, [overconfident, measured], fit);
  assert.equal(best.options, measured, JSON.stringify(all.map((c) => [c.mean, c.perField])));
  assert.ok(all[0].perField.amount_total! > 0.2 && best.perField.amount_total! < 0.1, JSON.stringify(all.map((c) => c.perField)));
  const weights = samplesOf(records, 5).map((s) => s.weight ?? 1);
  assert.ok(weights.every((w) => Math.abs(w - 0.5) < 1e-9), 'families of 10 documents weigh as 5 with familyCap 5');
});
