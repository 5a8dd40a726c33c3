// The second reading of a receipt's total lines (extract/total-look.ts). The band reader here stands in for the OCR
// engine (test/pipeline/total-look-ocr.test.ts runs the real one on a real receipt); under test: which lines are
// read again, and when the second reading replaces the first, agrees with it or only speaks against it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { collectEvidence } from '../../../src/pipeline/confidence/evidence.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { chooseTotalLines } from '../../../src/pipeline/extract/total-look.js';
import { docFromLines, lineRereader as lineReader } from './helpers.js';

const RECEIPT = [
  'KEDAI MAJU SDN BHD',
  'NO. 12, JALAN BESAR',
  'TAX INVOICE',
  'Date: 25/01/2018 1:22:56PM',
  'NASI LEMAK          51.42',
  'SUBTOTAL          51.42',
  'GST 6%          3.08',
  'TOTAL          64.50',
];

function receipt(lines: string[]): ReadDocument {
  const doc = docFromLines(lines, { width: 400, height: 900, confidence: 0.9 });
  doc.kind = 'jpeg';
  doc.pages[0].source = 'ocr';
  return doc;
}


test('the total line read again replaces a misread total when the summary then adds up', async () => {
  const doc = receipt(RECEIPT);
  const { reader, asked } = lineReader(doc, (t) => t.replace('64.50', '54.50'));
  doc.rereadBand = reader;
  const { fields, totalReread, explain } = await extractFields(doc);
  assert.equal(fields.amount_total.value, 54.5);
  assert.equal(totalReread, 'changed');
  assert.equal(explain.fields.amount_total?.replaced_by, 54.5);
  assert.ok(asked.some((t) => t.startsWith('TOTAL')), 'the total line was read again');
  const evidence = collectEvidence({ fields, lines: [], text: doc.text, ocrLines: [], totalReread });
  assert.ok(evidence.amount_total?.includes('total-reread-changed'));
});

test('a second reading that agrees keeps the total and says so', async () => {
  const lines = RECEIPT.map((l) => l.replace('64.50', '54.50'));
  const doc = receipt(lines);
  doc.rereadBand = lineReader(doc, (t) => t).reader;
  const { fields, totalReread } = await extractFields(doc);
  assert.equal(fields.amount_total.value, 54.5);
  assert.equal(totalReread, 'agreed');
  const evidence = collectEvidence({ fields, lines: [], text: doc.text, ocrLines: [], totalReread });
  assert.ok(evidence.amount_total?.includes('total-reread-agreed'));
});

test('another total the page does not back only speaks against the first reading', async () => {
  const lines = RECEIPT.map((l) => l.replace('64.50', '54.50'));
  const doc = receipt(lines);
  // the second reading misreads a digit: nothing on the page adds up to 84.50, the first reading stays
  doc.rereadBand = lineReader(doc, (t) => t.replace('54.50', '84.50')).reader;
  const { fields, totalReread } = await extractFields(doc);
  assert.equal(fields.amount_total.value, 54.5);
  assert.equal(totalReread, 'differs');
});

test('the lines read again: the total\'s own line, total-labelled lines bottom up, one payment line', () => {
  const doc = receipt([...RECEIPT, 'CARD          54.50', 'CHANGE          0.00', 'Thank you']);
  const picked = chooseTotalLines(doc, 54.5).map((p) => p.line.text);
  assert.equal(picked.length, 4);
  assert.match(picked[0], /^CARD/, 'the chosen value is printed on the card line');
  assert.match(picked[1], /^TOTAL/);
  assert.match(picked[2], /^SUBTOTAL/);
  assert.match(picked[3], /^CHANGE/, 'then the lowest payment line');
  assert.ok(!picked.some((t) => /Thank|NASI/.test(t)));
});

test('text-layer documents are not read again', async () => {
  const doc = receipt(RECEIPT);
  doc.pages[0].source = 'pdf-text';
  doc.kind = 'pdf';
  const { totalReread } = await extractFields(doc);
  assert.equal(totalReread, null);
});
