// The shop's name and the date taken from the other OCR engine's reading of a receipt (extract/engine-fields.ts,
// `auto` only). The page reader here stands in for the other engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { assessConfidence } from '../../../src/pipeline/confidence/index.js';
import { takeEngineFields } from '../../../src/pipeline/extract/engine-fields.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { emptyFields } from '../../../src/contract.js';
import { docFromLines } from './helpers.js';

const RECEIPT = [
  'KEDAI MAJU SDN BHD',
  'NO. 12, JALAN BESAR',
  '43000 KAJANG SELANGOR',
  'Date: 25/01/2018 1:22:56PM',
  'NASI LEMAK          51.42',
  'TOTAL          51.42',
  'CASH          60.00',
  'CHANGE          8.58',
];

function receipt(lines: string[], engine: 'tesseract' | 'paddle'): ReadDocument {
  const doc = docFromLines(lines, { width: 400, height: 900, confidence: 0.9 });
  doc.kind = 'jpeg';
  doc.pages[0].source = 'ocr';
  doc.pages[0].ocrEngine = engine;
  return doc;
}

/** A Tesseract reading of `first`, whose other engine reads `other`. */
function withOther(first: string[], other: string[]): ReadDocument {
  const doc = receipt(first, 'tesseract');
  const page = receipt(other, 'paddle').pages[0];
  doc.readOtherEngine = async () => page;
  return doc;
}

test("a shop's name the first reading lost (a logo, large type) is taken from the other engine's reading", async () => {
  const doc = withOther(RECEIPT.slice(1), RECEIPT);
  const r = await extractFields(doc, { engineLook: 'always' }); // its total is well backed: when-needed would not look
  assert.equal(r.fields.vendor_name.value, 'KEDAI MAJU SDN BHD');
  assert.equal(r.explain.fields.vendor_name?.replaced_in, 'other-engine');
  assert.deepEqual(r.fieldsReading?.names, ['vendor_name']);
  // its evidence is the other reading's: there it is printed, with its legal form
  const evidence = (fieldsReading: typeof r.fieldsReading) => assessConfidence({
    fields: structuredClone(r.fields), lines: r.lines, source: 'ocr', doc, engineLook: r.engineLook, fieldsReading, ranking: r.explain.fields,
  }).fields.vendor_name.evidence ?? [];
  assert.ok(!evidence(r.fieldsReading).includes('not-printed'));
  assert.ok(evidence(null).includes('not-printed'), "on the first reading's text the name is not printed");
});

test('a name the rules trust more in the other reading replaces a weaker one; a weaker one does not', () => {
  const first = emptyFields();
  first.vendor_name = { value: 'LODL', confidence: 0.21 };
  const second = emptyFields();
  second.vendor_name = { value: 'REWE MARKT GMBH', confidence: 0.7 };
  assert.equal(takeEngineFields(first, { fields: second, evidence: NO_EVIDENCE }).fields.vendor_name.value, 'REWE MARKT GMBH');
  first.vendor_name = { value: 'REWE MARKT GMBH', confidence: 0.7 };
  second.vendor_name = { value: 'Hannover', confidence: 0.6 };
  const kept = takeEngineFields(first, { fields: second, evidence: NO_EVIDENCE });
  assert.equal(kept.fields.vendor_name.value, 'REWE MARKT GMBH');
  assert.deepEqual(kept.taken, []);
  // a tie keeps the first reading's
  second.vendor_name = { value: 'REWE', confidence: 0.7 };
  assert.equal(takeEngineFields(first, { fields: second, evidence: NO_EVIDENCE }).fields.vendor_name.value, 'REWE MARKT GMBH');
});

test('a date the first reading missed is taken from the other reading (ENGINE_LOOK=when-needed looks for it); one it read is kept', async () => {
  const lost = await extractFields(withOther(RECEIPT.filter((l) => !l.startsWith('Date')), RECEIPT));
  assert.equal(lost.fields.date.value, '2018-01-25');
  assert.ok(lost.fieldsReading?.names.includes('date'));
  const other = RECEIPT.map((l) => (l.startsWith('Date') ? 'Date: 26/01/2018 1:22:56PM' : l));
  const read = await extractFields(withOther(RECEIPT, other), { engineLook: 'always' });
  assert.equal(read.fields.date.value, '2018-01-25');
  assert.equal(read.fieldsReading, null);
});

const NO_EVIDENCE = { adds_up: null, lines_sum: null, paid_matches_total: null, payable_after_prepaid: false };

test("the same name spelled by both readings keeps the first's spelling where the other runs its words together", () => {
  // a Brazilian restaurant's header as Tesseract (first, the slip is in Portuguese) and Paddle read it, with the
  // confidence the rules gave each: the other reading names no other line, it only drops the spaces (and misreads an M)
  const first = emptyFields();
  first.vendor_name = { value: 'F E BERTINO MACIEL RESTAURANTE ME', confidence: 0.55 };
  const second = emptyFields();
  second.vendor_name = { value: 'FEBERTINO HACIELRESTAURANTEME', confidence: 0.58 };
  assert.equal(takeEngineFields(first, { fields: second, evidence: NO_EVIDENCE }).fields.vendor_name.value, 'F E BERTINO MACIEL RESTAURANTE ME');
  // a spelling of as many words still takes the other reading's when trusted more (a letter the first misread)
  first.vendor_name = { value: 'SATURN ELEZTRO HANDELSGES.MBH', confidence: 0.42 };
  second.vendor_name = { value: 'SATURN ELECTRO HANDELSGES.MBH', confidence: 0.72 };
  assert.equal(takeEngineFields(first, { fields: second, evidence: NO_EVIDENCE }).fields.vendor_name.value, 'SATURN ELECTRO HANDELSGES.MBH');
});

test("the other reading's name is not taken where it outranks the first's, read there too, by its place at the top alone", () => {
  // a Spanish bar's slip: a logo both engines read as debris over the bar's name; the other engine ranks its reading
  // of the logo first for its place and the bar's name second — the same lines ranked by the same rule, not a line
  // the first reading lost
  const first = emptyFields();
  first.vendor_name = { value: 'Bar Restaurante LA VIÑA', confidence: 0.53 };
  const second = emptyFields();
  second.vendor_name = { value: 'JXTETXEX', confidence: 0.71 };
  const ranking = { vendor_name: { winner: { value: 'JXTETXEX', score: 0.56, why: ['letterhead:0.60'] }, runner_up: { value: 'Bar Restaurante LA VINA', score: 0.53, why: ['letterhead:0.54'] } } };
  assert.equal(takeEngineFields(first, { fields: second, evidence: NO_EVIDENCE, ranking }).fields.vendor_name.value, 'Bar Restaurante LA VIÑA');
  // a winner with a reason of its own (a legal form) over the first's name is taken, as before
  second.vendor_name = { value: 'SIENA STORE S.R.L.', confidence: 0.71 };
  ranking.vendor_name.winner = { value: 'SIENA STORE S.R.L.', score: 0.71, why: ['letterhead:0.54', 'legal-form'] };
  assert.equal(takeEngineFields(first, { fields: second, evidence: NO_EVIDENCE, ranking }).fields.vendor_name.value, 'SIENA STORE S.R.L.');
  // ... and so is one by place alone whose runner-up is another line: the first's name the other did not read
  ranking.vendor_name = { winner: { value: 'JXTETXEX', score: 0.56, why: ['letterhead:0.60'] }, runner_up: { value: 'C/ 31 DE AGOSTO', score: 0.3, why: ['letterhead:0.54'] } };
  second.vendor_name = { value: 'JXTETXEX', confidence: 0.71 };
  assert.equal(takeEngineFields(first, { fields: second, evidence: NO_EVIDENCE, ranking }).fields.vendor_name.value, 'JXTETXEX');
});

test('a currency the first reading missed is taken from the other reading; one it read is kept', async () => {
  // one reading keeps the small "EUR" over the amounts' column, the other loses it (and nothing else places the slip)
  const till = ['Corner Shop', 'Date: 25/01/2018', 'EUR', 'BREAD          2.49', 'MILK          1.19', 'TOTAL          3.68', 'CASH          5.00', 'CHANGE          1.32'];
  const lost = await extractFields(withOther(till.filter((l) => l !== 'EUR'), till), { engineLook: 'always' });
  assert.equal(lost.fields.currency.value, 'EUR');
  assert.ok(lost.fieldsReading?.names.includes('currency'));
  const first = emptyFields();
  first.currency = { value: 'GBP', confidence: 0.6 };
  const second = emptyFields();
  second.currency = { value: 'EUR', confidence: 0.8 };
  assert.equal(takeEngineFields(first, { fields: second, evidence: NO_EVIDENCE }).fields.currency.value, 'GBP');
});
