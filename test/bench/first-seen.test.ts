// scripts/first-seen.ts --ocr: which SROIE receipts it reads, how an old code's --json output becomes records, and the
// report of a table on the first-seen values (bench/calibration-report.ts firstSeenCalibration).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitOf } from '../../bench/corpus.js';
import { firstSeenCalibration } from '../../bench/calibration-report.js';
import { fitCalibration, type Sample } from '../../src/pipeline/confidence/fit.js';
import { recordsFromJson, sroieSample } from '../../scripts/first-seen.js';

test('the SROIE sample: tune receipts only, at most two per vendor family, none fixtures hold too, the same every run', () => {
  const entries = Array.from({ length: 60 }, (_, i) => ({ file: `sroie-${String(i).padStart(3, '0')}.jpg`, family: `family-${i % 20}`, sha256: `h${i}` }));
  const sample = sroieSample(entries, 100, new Set(['h0', 'h1']));
  assert.ok(sample.length > 0 && sample.every((e) => splitOf(e.family!) === 'tune' && e.sha256 !== 'h0' && e.sha256 !== 'h1'));
  const perFamily = new Map<string, number>();
  for (const e of sample) perFamily.set(e.family!, (perFamily.get(e.family!) ?? 0) + 1);
  assert.ok([...perFamily.values()].every((n) => n <= 2));
  assert.equal(sroieSample(entries, 3, new Set()).length, 3);
  assert.deepEqual(sroieSample([...entries].reverse(), 5, new Set()), sroieSample(entries, 5, new Set()), 'in the order of a hash, not of the manifest');
});

test('an old code\'s --json: each value as got, no raw score or evidence, an image read by Tesseract', () => {
  const out = recordsFromJson(`{"summary":{},"documents":[{"file":"receipts2/a.jpg","folder":"receipts2","results":{"amount_total":{"ok":true,"got":12.5,"want":12.5},"date":{"ok":false,"got":null,"want":"2020-01-02"}}},{"file":"x/b.pdf","folder":"x","results":{}}]}`);
  const [photo, pdf] = out.split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(photo.fields.amount_total, { value: 12.5, raw: null, evidence: [] });
  assert.equal(photo.fields.date.value, null);
  assert.deepEqual([photo.source, photo.engine, pdf.source], ['ocr', 'tesseract', null]);
});

test('a table on first-seen values: calibrated as their field and source, values without a raw score left out', () => {
  const tune = Array.from({ length: 40 }, (_, i) => ({ field: 'amount_tax', group: 'ocr', raw: 0.8, evidence: ['labelled'], right: i % 10 !== 0, doc: `f${i}` }) as Sample);
  const table = fitCalibration(tune, {}, { map: 'platt' });
  const cells = { 'amount_tax|ocr': { samples: [{ raw: 0.8, evidence: ['labelled'] as never[], right: true }, { raw: 0.8, evidence: ['labelled'] as never[], right: false }, { raw: null, evidence: [], right: false }] } };
  const report = firstSeenCalibration(table, cells, 0.5)['amount_tax|ocr'];
  assert.equal(report.n, 2);
  assert.equal(report.right, 0.5);
  assert.deepEqual([report.written, report.writtenRight], [2, 1]);
  assert.ok(Math.abs(report.ece! - Math.abs(report.conf - 0.5)) < 1e-9);
});
