// The Platt map from score to probability (fit.ts, 7): fitted, steady near the top, checked by the bins.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { binOf, type CalibrationTable, score } from '../../../src/pipeline/confidence/calibrate.js';
import { checkPlatt, fitCalibration, fitPlatt, type Sample } from '../../../src/pipeline/confidence/fit.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

test('Platt\'s map recovers the intercept and slope of values right at sigmoid(a + b·score)', () => {
  const list: { s: number; right: boolean }[] = [];
  for (let s = -3; s <= 3; s += 0.5) {
    const right = Math.round(200 * sigmoid(0.5 + 2 * s));
    for (let i = 0; i < 200; i++) list.push({ s, right: i < right });
  }
  const { a, b } = fitPlatt(list);
  assert.ok(Math.abs(a - 0.5) < 0.1 && Math.abs(b - 2) < 0.1, `a ${a}, b ${b}`);
  // a few values keep the score as the log-odds it is (the prior: a = 0, b = 1)
  const few = fitPlatt([{ s: 2, right: true }, { s: 2, right: true }, { s: 0, right: false }]);
  assert.ok(Math.abs(few.a) < 1 && few.b > 0.5 && few.b < 2, JSON.stringify(few));
  // a higher score is never worth less
  assert.ok(fitPlatt(Array.from({ length: 50 }, (_, i) => ({ s: i / 10, right: i % 2 === 0 }))).b >= 0);
});

/** Paddle dates at six ranks, right more often the higher the rank (all 40 at the top rank). */
function dates(extraWrongAtTop: number): Sample[] {
  const levels: [number, number][] = [[0.3, 0.4], [0.5, 0.6], [0.7, 0.8], [0.8, 0.9], [0.9, 0.97], [0.95, 1]];
  const out: Sample[] = [];
  levels.forEach(([raw, rate], l) => {
    for (let i = 0; i < 40; i++) out.push({ field: 'date', group: 'ocr-paddle', raw, evidence: [], right: i < Math.round(40 * rate), doc: `d${l}-${i}` });
  });
  for (let i = 0; i < extraWrongAtTop; i++) out.push({ field: 'date', group: 'ocr-paddle', raw: 0.95, evidence: [], right: false, doc: `w${i}` });
  return out;
}

test('one wrong value near the top moves the Platt map a little where it moved the bin a lot', () => {
  // the row's own probability (calibrate() caps every value at 0.99)
  const at = (t: CalibrationTable) => t.rows['date|ocr-paddle'][binOf(t.edges, score(t, 'date', 'ocr-paddle', 0.95))];
  const shift = (opts: Parameters<typeof fitCalibration>[2]) => {
    const before = at(fitCalibration(dates(0), {}, opts));
    const after = at(fitCalibration(dates(1), {}, opts));
    return { before, after, moved: before - after };
  };
  const bins = shift({});
  const platt = shift({ map: 'platt' });
  assert.ok(bins.moved > 0.015, `the bins' row moves with one value: ${JSON.stringify(bins)}`);
  assert.ok(platt.moved >= 0 && platt.moved < bins.moved / 3, `the map moves less: ${JSON.stringify(platt)} vs ${JSON.stringify(bins)}`);
  const table = fitCalibration(dates(1), {}, { map: 'platt' });
  for (const row of Object.values(table.rows)) for (let i = 1; i < row.length; i++) assert.ok(row[i] >= row[i - 1], 'rows stay non-decreasing');
  assert.equal(table.fitted.map, 'platt');
});

test('the bins check the map: a bin right clearly less often than the map says caps it; one right more often does not lift it', () => {
  const map = [0.5, 0.9, 0.992, 0.995];
  const { row, capped } = checkPlatt(map, { n: [20, 5, 18, 30], k: [19, 2, 16, 30] });
  assert.deepEqual(capped, [2], '16 of 18 cannot be 0.992');
  assert.ok(row[2] < 0.98 && row[2] > 16 / 18, `capped at the upper end of 16/18's interval: ${row[2]}`);
  assert.equal(row[0], 0.5, 'a bin right more often than the map is left alone (the map stays cautious)');
  assert.equal(row[1], 0.9, 'a bin of 5 values does not check anything');
  assert.equal(row[3], 0.995);
});
