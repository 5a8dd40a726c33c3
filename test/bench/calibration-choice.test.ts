// fit:calibration's choice of fitting options: cross-validated ECE on tune, folds by vendor family.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  chooseByCell, chooseBySource, chooseFitOptions, chooseMap, chooseThreshold, composeBySource, crossValidatedScores, type DocRecord, evaluate, expectedCalibrationError, eceFloor, familyReplicates, probability,
  familyFits, formatHeldBack, formatLeaveFamilyOut, formatReliability, formatSteadiness, groupKey, heldBack, leaveFamilyOut, lowestPreciseThreshold, outOfFold, pooledEce, precisionBound, reliabilityOutOfFamily, samplesOf, withoutEvidence,
} from '../../bench/calibration-report.js';
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

test('the write threshold never adds wrong values to a field that misses 98 % even at the top', () => {
  // score = logit(raw): raw 0.99 lands in the 0.99 bin, raw 0.9 in the 0.97 bin
  const table = {
    version: 2 as const, fitted: {}, weights: {}, edges: [0, 1, 2, 3, 99],
    rows: { 'doc_type|ocr': [0.5, 0.9, 0.95, 0.97, 0.99], 'amount_total|ocr': [0.5, 0.9, 0.95, 0.97, 0.99] }, counts: {},
  };
  const doc = (i: number, type: [number, boolean] | null, total: [number, boolean]): DocRecord => ({
    file: `d${i}`, folder: 'd', split: 'holdout', source: 'ocr', kind: 'bill', checks: [],
    fields: {
      doc_type: type ? { value: 'invoice', raw: type[0], evidence: [], right: type[1] } : { value: null, raw: 0, evidence: [], right: null },
      amount_total: { value: 1, raw: total[0], evidence: [], right: total[1] },
    },
  });
  const docs = [
    ...Array.from({ length: 40 }, (_, i) => doc(i, [0.99, i > 0], [0.99, true])), // doc_type right 39 of 40 at the top
    ...Array.from({ length: 10 }, (_, i) => doc(100 + i, [0.9, i > 2], [0.9, true])), // 7 of 10 in the 0.97 bin
    ...Array.from({ length: 200 }, (_, i) => doc(200 + i, null, [0.9, true])), // totals right in the 0.97 bin
  ];
  // all fields together are right 98.6 % at 0.97, but doc_type would fall from 97.5 % to 92 %
  assert.equal(lowestPreciseThreshold(docs, table), 0.98);
});

test('repeated cross-validation: each option\'s scores are the mean over several splits into folds, not one split\'s luck', () => {
  // (without signs: every family is right 7 times in 10 whatever the raw score, so a slope held ≥ 0 fits the same flat
  // table on every fold, and the splits could not differ)
  const fit = (train: DocRecord[]) => fitCalibration(samplesOf(train), {}, { signs: false });
  const once = crossValidatedScores(records, {}, fit, 5, 'choose:').ece.amount_total!;
  const others = [1, 2].map((rep) => crossValidatedScores(records, {}, fit, 5, `choose${rep}:`).ece.amount_total!);
  assert.ok(others.some((e) => Math.abs(e - once) > 1e-6), 'another split into folds gives another ECE');
  const { all } = chooseFitOptions(records, [{}], fit, 5, 3);
  assert.ok(Math.abs(all[0].perField.amount_total! - (once + others[0] + others[1]) / 3) < 1e-9);
});

test('touchless bills: a VAT written and right stands for a vendor name held back; a wrong one does not', () => {
  // score = logit(raw) on an identity table: raw 0.99 → written at 0.99, raw 0.5 → held back
  const table = {
    version: 2 as const, fitted: {}, weights: {}, edges: [0, 1, 2, 3, 4, 99],
    rows: { '|pdf-text': [0.1, 0.5, 0.7, 0.9, 0.95, 0.99] }, counts: {},
  };
  const bill = (vat: { raw: number; right: boolean | null }): DocRecord => ({
    file: 'b.pdf', folder: 'b', split: 'holdout', source: 'pdf-text', kind: 'bill', checks: [],
    fields: {
      doc_type: { value: 'invoice', raw: 0.99, evidence: [], right: true },
      amount_total: { value: 10, raw: 0.99, evidence: [], right: true },
      date: { value: '2024-01-02', raw: 0.99, evidence: [], right: true },
      vendor_name: { value: 'Customer Block', raw: 0.5, evidence: [], right: false },
      vendor_vat: { value: 'DE123456789', ...vat, evidence: [] },
    },
  });
  const rep = evaluate([bill({ raw: 0.99, right: true }), bill({ raw: 0.99, right: false }), bill({ raw: 0.5, right: true })], table, 0.99);
  assert.deepEqual(rep.touchless['text-layer bills'], { docs: 3, touchless: 1 });
  assert.deepEqual(rep.vendorKey['text-layer bills'], { truths: 3, written: 2, writtenRight: 1 });
});

test('the choice is by Brier score: a flat table at the base rate is calibrated (low ECE) but tells nothing, and loses', () => {
  // raw 0.9 → right, raw 0.5 → wrong, in every family: the fitted table separates them; the flat one says 0.5 for all
  const sharp: DocRecord[] = Array.from({ length: 120 }, (_, i) => ({
    file: `s${i}.jpg`, folder: 's', split: 'tune', source: 'ocr', kind: 'expense', family: `vendor-${i % 12}`, checks: [],
    fields: { amount_total: { value: 10, raw: i % 2 ? 0.9 : 0.5, evidence: [], right: i % 2 === 1 } },
  }));
  const flat = { flat: true };
  const fitted = { flat: false };
  const fit = (train: DocRecord[], o: { flat: boolean }) => {
    const table = fitCalibration(samplesOf(train), {});
    if (o.flat) for (const key of Object.keys(table.rows)) table.rows[key] = table.rows[key].map(() => 0.5);
    return table;
  };
  const { best, all } = chooseFitOptions(sharp, [flat, fitted], fit);
  assert.ok(all[0].perField.amount_total! < 0.01, 'the flat table is calibrated');
  assert.equal(best.options, fitted, JSON.stringify(all.map((c) => [c.mean, c.perField])));
});

test('options per source: each source group is scored on its own values, so a few text-layer values are not decided by many receipts', () => {
  // 120 receipts (OCR) whose totals are right 3 times in 4; 60 text-layer bills (other vendors) right 19 times in 20
  const bills: DocRecord[] = Array.from({ length: 60 }, (_, i) => ({
    file: `b${i}.pdf`, folder: 'b', split: 'tune', source: 'pdf-text', kind: 'bill', family: `biller-${i % 12}`, checks: [],
    fields: { amount_total: { value: 10, raw: 0.7, evidence: [], right: i % 20 !== 0 } },
  }));
  const both = [...records, ...bills];
  // stand-in options: every row flat at one probability
  const low = { p: 0.75 };
  const high = { p: 0.95 };
  const fit = (train: DocRecord[], o: { p: number }) => {
    const table = fitCalibration(samplesOf(train), {});
    for (const key of Object.keys(table.rows)) table.rows[key] = table.rows[key].map(() => o.p);
    return table;
  };
  const { all } = chooseFitOptions(both, [low, high], fit);
  const bySource = chooseBySource(all);
  assert.equal(bySource.ocr?.options, low, JSON.stringify(bySource));
  assert.equal(bySource['pdf-text']?.options, high, JSON.stringify(bySource));
  assert.equal(bySource['pdf-text']?.cells['amount_total|pdf-text'].n, 60, 'scored on the 60 bills alone');
  const table = composeBySource({ ocr: fit(both, low), 'pdf-text': fit(both, high) }, {});
  assert.ok(table.rows['amount_total|pdf-text'].every((p) => p === 0.95));
  assert.ok(table.rows['amount_total|ocr'].every((p) => p === 0.75));
  assert.ok(!Object.keys(table.rows).some((k) => k.split('|')[1] === 'einvoice'), 'only the groups given');
});

test('a field that misses 98 % at every threshold does not block the choice for the others', () => {
  // score = logit(raw): raw 0.99 lands in the 0.99 bin, raw 0.9 in the 0.97 bin
  const table = {
    version: 2 as const, fitted: {}, weights: {}, edges: [0, 1, 2, 3, 99],
    rows: { 'vendor_name|ocr': [0.5, 0.9, 0.95, 0.97, 0.99], 'amount_total|ocr': [0.5, 0.9, 0.95, 0.97, 0.99] }, counts: {},
  };
  const doc = (i: number, vendor: boolean | null, total: [number, boolean]): DocRecord => ({
    file: `d${i}`, folder: 'd', split: 'holdout', source: 'ocr', kind: 'expense', checks: [],
    fields: {
      vendor_name: vendor === null ? { value: null, raw: 0, evidence: [], right: null } : { value: 'SHOP', raw: 0.99, evidence: [], right: vendor },
      amount_total: { value: 1, raw: total[0], evidence: [], right: total[1] },
    },
  });
  const docs = [
    ...Array.from({ length: 100 }, (_, i) => doc(i, i % 5 !== 0, [0.99, true])), // vendor names right 80 % at the top
    ...Array.from({ length: 100 }, (_, i) => doc(100 + i, null, [0.9, i > 0])), // totals right 99 of 100 in the 0.97 bin
    ...Array.from({ length: 20 }, (_, i) => doc(200 + i, null, [0.7, i > 4])), // and 15 of 20 in the 0.9 bin
  ];
  // all fields together are right 94.8 % above 0.9 and 93 % at 0.99: counting the names, no threshold would do
  assert.equal(lowestPreciseThreshold(docs, table), 0.91);
});

test('the pooled prior per field: flipped for a field whose own values score clearly better so, nothing else changed', () => {
  const plain = { ridge: 4, pooledPrior: false };
  const pooled = { ridge: 4, pooledPrior: true };
  const pooledOtherRidge = { ridge: 2, pooledPrior: true };
  const choice = (options: typeof plain, cells: Record<string, [number, number]>) => ({
    options, mean: 0, brier: {}, perField: {}, cells: Object.fromEntries(Object.entries(cells).map(([k, [brier, n]]) => [k, { brier, n }])),
  });
  const all = [
    choice(plain, { 'amount_total|pdf-text': [0.030, 66], 'vendor_name|pdf-text': [0.1000, 67], 'due_date|pdf-text': [0.06, 18], 'amount_total|einvoice': [0.01, 50], 'amount_total|ocr': [0.08, 900], 'vendor_name|ocr': [0.1, 900], 'due_date|ocr': [0.05, 100] }),
    choice(pooled, { 'amount_total|pdf-text': [0.024, 66], 'vendor_name|pdf-text': [0.0998, 67], 'due_date|pdf-text': [0.01, 18], 'amount_total|einvoice': [0.001, 50], 'amount_total|ocr': [0.07, 900], 'vendor_name|ocr': [0.1, 900], 'due_date|ocr': [0.05, 100] }),
    choice(pooledOtherRidge, { 'amount_total|pdf-text': [0.001, 66], 'vendor_name|pdf-text': [0.05, 67], 'due_date|pdf-text': [0.001, 18], 'amount_total|einvoice': [0.0001, 50], 'amount_total|ocr': [0.01, 900], 'vendor_name|ocr': [0.01, 900], 'due_date|ocr': [0.01, 100] }),
  ];
  const byCell = chooseByCell(all, { 'pdf-text': { options: plain }, einvoice: { options: plain }, ocr: { options: plain } });
  // totals: clearly better pooled; vendor names: not by more than noise; due dates: too few values; e-invoices: XML,
  // nothing to borrow; the OCR totals are most of the pool: they lend, their flip would only be a weaker ridge; never
  // the option that also changes the ridge, however lucky its score
  assert.deepEqual(Object.keys(byCell), ['amount_total|pdf-text']);
  assert.equal(byCell['amount_total|pdf-text'].options, pooled);
});

test('a field with options of its own gets its rows from their table, the rest of its group from the group\'s', () => {
  const flat = (p: number) => {
    const table = fitCalibration(samplesOf(records.map((r) => ({ ...r, source: 'pdf-text' as const }))), {});
    for (const key of Object.keys(table.rows)) table.rows[key] = table.rows[key].map(() => p);
    return table;
  };
  const table = composeBySource({ 'pdf-text': flat(0.9) }, {}, { 'amount_total|pdf-text': flat(0.99) });
  assert.ok(table.rows['amount_total|pdf-text'].every((p) => p === 0.99));
  assert.ok(table.rows['doc_type|pdf-text'].every((p) => p === 0.9));
  assert.ok(table.rows['|pdf-text'].every((p) => p === 0.9), "the group's pool stays the group's");
});

test('the precision bound draws whole vendor families: wrong values that come from one family weigh as one piece of evidence', () => {
  const replicates = familyReplicates(20, 400);
  assert.deepEqual(familyReplicates(20, 3), familyReplicates(20, 3), 'seeded: the same records choose the same');
  const allRight = Array.from({ length: 20 }, () => ({ w: 10, r: 10 }));
  const concentrated = allRight.map((f, i) => (i === 0 ? { w: 10, r: 6 } : f)); // 4 wrong in one family
  const spread = allRight.map((f, i) => (i < 4 ? { w: 10, r: 9 } : f)); // 4 wrong in four
  const point = 196 / 200;
  const low = precisionBound(concentrated, replicates, 0.9);
  const lowSpread = precisionBound(spread, replicates, 0.9);
  assert.ok(low < point && lowSpread < point, `${low}, ${lowSpread} < ${point}`);
  assert.ok(low < lowSpread, `one family's four wrong values are less known than four families' one: ${low} vs ${lowSpread}`);
  assert.equal(precisionBound(allRight, replicates, 0.9), 1);
});

test('the write threshold chosen on the precision bound: one vendor family\'s wrong values do not buy a lower threshold', () => {
  // score = logit(raw): raw 0.99 lands in the 0.99 bin, raw 0.9 in the 0.97 bin
  const table = {
    version: 2 as const, fitted: {}, weights: {}, edges: [0, 1, 2, 3, 99],
    rows: { 'amount_total|ocr': [0.5, 0.9, 0.95, 0.97, 0.99] }, counts: {},
  };
  const doc = (i: number, family: string, raw: number, right: boolean): DocRecord => ({
    file: `d${i}`, folder: 'd', split: 'tune', source: 'ocr', kind: 'expense', checks: [], family,
    fields: { amount_total: { value: 1, raw, evidence: [], right } },
  });
  const docs = [
    ...Array.from({ length: 200 }, (_, i) => doc(i, `top-${i % 20}`, 0.99, true)),
    // 100 values at 0.97, 4 of them wrong, all in one family of 10
    ...Array.from({ length: 100 }, (_, i) => doc(1000 + i, `mid-${i % 10}`, 0.9, !(i % 10 === 0 && i < 40))),
  ];
  assert.equal(chooseThreshold(docs, () => table, 0.98, 5, 0), 0.5, 'the point estimate: 296 of 300 right');
  assert.equal(chooseThreshold(docs, () => table, 0.98, 5, 0.9), 0.98, 'the bound: the 0.97 values are left out');
});

test('the map per source group: Platt\'s two parameters unless the bins score clearly better', () => {
  assert.deepEqual(chooseMap({ ocr: 0.0545, pdf: 0.0458, paddle: 0.0378 }, { ocr: 0.0549, pdf: 0.0469, paddle: 0.0377 }), { ocr: 'platt', pdf: 'bins', paddle: 'platt' });
});

test('steadiness report: the full fit\'s written share beside the range over refits', () => {
  const table = (p: number) => ({ version: 2 as const, fitted: {}, weights: {}, edges: [99], rows: { 'amount_total|ocr': [p] }, counts: {} });
  const docs: DocRecord[] = Array.from({ length: 4 }, (_, i) => ({
    file: `r${i}`, folder: 'r', split: 'holdout', source: 'ocr', kind: 'expense', checks: [],
    fields: { amount_total: { value: 1, raw: 0.9, evidence: [], right: i > 0 } },
  }));
  const text = formatSteadiness(evaluate(docs, table(0.99), 0.99), [evaluate(docs, table(0.5), 0.99), evaluate(docs, table(0.99), 0.99)]);
  assert.match(text, /receipts amount_total +written 100% \(1 wrong\); refits 0-100 % \(0-1 wrong\)/);
});

test('new vendors on tune: each family is scored by a table fitted without it (outOfFold), and evaluate takes a table per document', () => {
  const trainedOn = new Map<object, Set<string>>();
  const fit = (train: DocRecord[]) => {
    const table = fitCalibration(samplesOf(train), {});
    trainedOn.set(table, new Set(train.map(groupKey)));
    return table;
  };
  const tableOf = outOfFold(records, fit, 5);
  assert.equal(trainedOn.size, 5);
  for (const r of records) assert.ok(!trainedOn.get(tableOf(r))!.has(groupKey(r)), `${r.file} scored by a table that saw its family`);
  const one = fitCalibration(samplesOf(records), {});
  assert.deepEqual(evaluate(records, () => one, 0.9), evaluate(records, one, 0.9));
});

test('held back: each right value below the threshold is put down to the ceiling, the threshold\'s margin or its own score, with the wrong values each holds back', () => {
  // score = logit(raw): raw 0.99 lands in the last bin, 0.8 in the 0.9 bin, 0.6 in the 0.6 bin
  const row = (top: number) => [0.5, 0.6, 0.9, 0.97, top];
  const table = (top: number) => ({ version: 2 as const, fitted: {}, weights: {}, edges: [0, 1, 2, 3, 99], rows: { 'amount_total|ocr': row(0.97), 'invoice_number|pdf-text': row(top) }, counts: {} });
  const capped = table(0.98); // text-layer numbers capped below the threshold (the ceiling on an all-right row)
  const uncapped = table(0.99);
  const doc = (i: number, source: 'ocr' | 'pdf-text', raw: number, right: boolean): DocRecord => ({
    file: `d${i}`, folder: 'd', split: 'tune', source, kind: 'bill', checks: [], family: `f${i}`,
    fields: source === 'ocr' ? { amount_total: { value: 1, raw, evidence: [], right } } : { invoice_number: { value: 'A1', raw, evidence: [], right } },
  });
  const docs = [
    ...Array.from({ length: 5 }, (_, i) => doc(i, 'pdf-text', 0.99, true)), // held by the ceiling: 5 right, none wrong
    doc(10, 'ocr', 0.99, true), doc(11, 'ocr', 0.99, false), // at 0.97: written at a threshold of 0.97, held at 0.99
    doc(12, 'ocr', 0.8, true), doc(13, 'ocr', 0.6, false), // their own score: 0.9 and 0.6
  ];
  const held = heldBack(docs, capped, uncapped, 0.99, 0.97);
  assert.deepEqual(held['invoice_number|pdf-text'].ceiling, { right: 5, wrong: 0 });
  assert.equal(held['invoice_number|pdf-text'].heldRight, 5);
  const totals = held['amount_total|ocr'];
  assert.deepEqual([totals.values, totals.right, totals.written, totals.heldRight], [4, 2, 0, 2]);
  assert.deepEqual(totals.margin, { right: 1, wrong: 1 });
  assert.deepEqual(totals.close, { right: 0, wrong: 0 });
  assert.deepEqual(totals.below, { right: 1, wrong: 1 });
  // no margin when the point estimate's threshold is the bound's: those values are held by their own score
  assert.deepEqual(heldBack(docs, capped, uncapped, 0.99)['amount_total|ocr'].close, { right: 1, wrong: 1 });
  assert.match(formatHeldBack(held, 0.99, 0.97), /invoice_number\|pdf-text .* 5\/0 /);
});

test('a payment code\'s value is measured at the code\'s own confidence and never fitted as a reading of the page', async () => {
  const { fromPaymentCode, probability } = await import('../../bench/calibration-report.js');
  const { recordOf } = await import('../../bench/accuracy.js');
  // the scan's result of a QR-bill: its total set by the code (confidence 1, source qr:swiss), its date read off the page
  const { emptyFields } = await import('../../src/contract.js');
  const result = {
    source: 'pdf-text', lines: [], fields: {
      ...emptyFields(),
      doc_type: { value: 'invoice', confidence: 0.9, raw_confidence: 0.75 },
      amount_total: { value: 318.4, confidence: 1, source: 'qr:swiss' },
      date: { value: '2026-01-29', confidence: 0.97, raw_confidence: 0.81, evidence: ['labelled'] },
    },
  };
  const record = recordOf('qr/bill.pdf', 'qr', 'tune', result as never, { doc_type: 'invoice', amount_total: 318.4, date: '2026-01-29' } as never, []);
  assert.equal(record.fields.amount_total?.source, 'qr:swiss', 'the record keeps where the value came from');
  assert.ok(fromPaymentCode(record.fields.amount_total!) && !fromPaymentCode(record.fields.date!));
  // a table that puts every text-layer value at 0.5 leaves the code's total at 1, and calibrates the date
  const table = { version: 2 as const, fitted: {}, weights: {}, edges: [99], rows: { '|pdf-text': [0.5] }, counts: {} };
  assert.equal(probability(table, record, 'amount_total'), 1);
  assert.equal(probability(table, record, 'date'), 0.5);
  const fields = samplesOf([record]).map((s) => s.field).sort();
  assert.deepEqual(fields, ['date', 'doc_type'], 'the code\'s total is no sample of the text layer\'s rows');
});

test('leave-family-out: in-sample beside each family scored by tables fitted without it, over several splits into folds; scored without some evidence as a layout that never shows it', () => {
  const seen: Set<string>[] = [];
  const fit = (train: DocRecord[]) => {
    seen.push(new Set(train.map(groupKey)));
    return fitCalibration(samplesOf(train), {});
  };
  const lfo = leaveFamilyOut(records, familyFits(records, fit, 4, 2), 0.5);
  assert.equal(seen.length, 1 + 4 * 2);
  assert.equal(seen[0].size, 12); // the in-sample table saw every family
  for (const s of seen.slice(1)) assert.ok(s.size < 12);
  assert.equal(lfo.outOfFamily.length, 2);
  assert.deepEqual(lfo.inSample, evaluate(records, fitCalibration(samplesOf(records), {}), 0.5));
  // the two splits into folds differ
  const folds = (salt: string) => records.map((r) => outOfFold(records, (t) => fitCalibration(samplesOf(t), { n: t.length }), 4, salt)(r).fitted.n).join();
  assert.notEqual(folds(''), folds('repeat1:'));
  assert.match(formatLeaveFamilyOut(lfo, 'test'), /amount_total +\d+% +[\d.]+% +\d+ +\d+% +[\d.]+% +\d+ +\d+% +\d+%/);
  const stripped = withoutEvidence({ ...records[0], fields: { amount_total: { value: 1, raw: 0.9, evidence: ['paid-ok', 'labelled'], right: true } } }, ['paid-ok']);
  assert.deepEqual(stripped.fields.amount_total!.evidence, ['labelled']);
});

test('leave-family-out ECE: the splits\' values pooled in one set of bins; the reliability per source, kind and check adds up to it', () => {
  const fit = (train: DocRecord[]) => fitCalibration(samplesOf(train), {});
  const fits = familyFits(records, fit, 4, 2);
  const lfo = leaveFamilyOut(records, fits, 0.5);
  // every value's confidence and rightness over both splits, binned as evaluate() bins them
  const pairs: [number, boolean][] = fits.splits.flatMap((tableOf) => records.map((r): [number, boolean] => [probability(tableOf(r), r, 'amount_total'), r.fields.amount_total!.right!]));
  assert.ok(Math.abs(pooledEce(lfo.outOfFamily.map((r) => r.fields.amount_total))! - expectedCalibrationError(pairs)!) < 1e-9);
  assert.ok(Math.abs(pooledEce([lfo.inSample.fields.amount_total])! - lfo.inSample.fields.amount_total!.ece!) < 1e-12);
  assert.equal(pooledEce([undefined]), null);
  const cells = reliabilityOutOfFamily(records, fits, ['amount_total']).amount_total!;
  assert.deepEqual(Object.keys(cells), ['ocr receipt unchecked']);
  const c = cells['ocr receipt unchecked'];
  assert.equal(c.n, 240);
  assert.equal(c.right, 2 * records.filter((r) => r.fields.amount_total!.right).length);
  assert.ok(Math.abs(c.eceShare - expectedCalibrationError(pairs)!) < 1e-9, 'one cell: all of the field\'s ECE');
  assert.match(formatReliability({ amount_total: cells }, 'test'), /amount_total +ocr receipt unchecked +240 /);
});

test('ECE\'s noise floor: what exactly right confidences show on so many values, falling as the values grow', () => {
  const at = (n: number) => eceFloor(Array.from({ length: n }, (_, i) => 0.85 + (i % 10) / 100))!;
  assert.equal(eceFloor([]), null);
  assert.equal(eceFloor([1, 1, 0]), 0, 'certain confidences are never off');
  assert.ok(at(60) > 0.03 && at(60) < 0.08, `60 values around 0.9: ${at(60)}`);
  assert.ok(at(6000) < 0.01, `6000 values: ${at(6000)}`);
  assert.equal(at(60), at(60), 'seeded: the same values, the same floor');
  const lfo = leaveFamilyOut(records, familyFits(records, (train) => fitCalibration(samplesOf(train), {}), 4, 2), 0.5);
  assert.ok(lfo.eceFloor.amount_total! > 0 && lfo.eceFloor.amount_total! < 0.1, String(lfo.eceFloor.amount_total));
  assert.match(formatLeaveFamilyOut(lfo, 'test'), /amount_total .* \d\.\d{3} \d\.\d{3} \(\d\.\d{3}\)/);
});
