// The second reading of a receipt's date lines (extract/date-look.ts). The band reader here stands in for the OCR
// engine: under test, which lines are read again, and when the re-read date replaces the first reading (plausible,
// and the first missing or implausible), agrees with it, or only speaks against it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { collectEvidence } from '../../../src/pipeline/confidence/evidence.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { chooseDateLines } from '../../../src/pipeline/extract/date-look.js';
import { docFromLines, lineRereader as lineReader } from './helpers.js';

function receipt(dateLine: string, extra: string[] = []): ReadDocument {
  const doc = docFromLines(
    ['KEDAI MAJU SDN BHD', 'NO. 12, JALAN BESAR', 'TAX INVOICE', 'Doc No CS00241999', dateLine, 'NASI LEMAK          51.42', 'TOTAL          51.42', ...extra],
    { width: 400, height: 900, confidence: 0.9 },
  );
  doc.kind = 'jpeg';
  doc.pages[0].source = 'ocr';
  return doc;
}


test('a date stamp the first reading mangled is read again and filled in', async () => {
  const doc = receipt('Date: 2501j2018 1:22:56PM');
  const { reader, asked } = lineReader(doc, (t) => t.replace('2501j2018', '25/01/2018'));
  doc.rereadBand = reader;
  const { fields, dateReread, explain } = await extractFields(doc);
  assert.equal(fields.date.value, '2018-01-25');
  assert.equal(dateReread, 'changed');
  assert.equal(explain.fields.date?.replaced_by, '2018-01-25');
  assert.ok(asked.some((t) => t.startsWith('Date:')), 'the date line was read again');
  const evidence = collectEvidence({ fields, lines: [], text: doc.text, ocrLines: [], dateReread });
  assert.ok(evidence.date?.includes('date-reread-changed'));
});

test('a re-read date in another year than the stamp\'s own readable year is not taken', async () => {
  const doc = receipt('Date: 2501j2018 1:22:56PM');
  doc.rereadBand = lineReader(doc, (t) => t.replace('2501j2018', '25/01/2016')).reader;
  const { fields } = await extractFields(doc);
  assert.equal(fields.date.value, null);
});

test('a re-read date in the future is not taken', async () => {
  const doc = receipt('Date: 2501j2018 1:22:56PM');
  doc.rereadBand = lineReader(doc, (t) => t.replace('2501j2018', '25/01/2098')).reader;
  const { fields } = await extractFields(doc);
  assert.equal(fields.date.value, null);
});

test('the future is judged against the extraction\'s `today` (ScanOptions.now), not always the clock', async () => {
  const doc = receipt('Date: 2501j2018 1:22:56PM');
  doc.rereadBand = lineReader(doc, (t) => t.replace('2501j2018', '25/01/2018')).reader;
  assert.equal((await extractFields(doc, { today: '2017-06-01' })).fields.date.value, null, 'a 2018 date on a day of 2017 lies ahead');
  assert.equal((await extractFields(doc, { today: '2018-02-01' })).fields.date.value, '2018-01-25');
});

test('a first date out of the page\'s years is replaced by a plausible re-read', async () => {
  // the stamp's year was misread ("14" for 16); the slip's other date (a voucher's expiry) names 2016
  const doc = receipt('09:23PM   859412   24-01-14', ['VOUCHER VALID TO 30/06/2016']);
  doc.rereadBand = lineReader(doc, (t) => t.replace('24-01-14', '24-01-16')).reader;
  const { fields, dateReread } = await extractFields(doc);
  assert.equal(fields.date.value, '2016-01-24');
  assert.equal(dateReread, 'changed');
});

test('a strong, plausible date is not read again; a weak one the re-read confirms says so', async () => {
  const strong = receipt('Date: 25/01/2018 1:22:56PM');
  const { reader, asked } = lineReader(strong, (t) => t);
  strong.rereadBand = reader;
  const first = await extractFields(strong);
  assert.equal(first.fields.date.value, '2018-01-25');
  assert.equal(first.dateReread, null);
  assert.ok(!asked.some((t) => t.startsWith('Date:')));

  // a till stamp Tesseract read unsure of itself
  const weak = receipt('859412   25-01-18   09:23');
  weak.pages[0].lines.find((l) => l.text.startsWith('859412'))!.confidence = 0.6;
  weak.rereadBand = lineReader(weak, (t) => t).reader;
  const second = await extractFields(weak);
  assert.equal(second.fields.date.value, '2018-01-25');
  assert.equal(second.dateReread, 'agreed');
});

test('the lines read again: date-labelled first, then the time of sale, then a damaged stamp; at most two', () => {
  const doc = receipt('REF 144unf2017', ['Time 08:34:22', 'DATE: 20472017']);
  const picked = chooseDateLines(doc).map((p) => p.line.text);
  assert.deepEqual(picked, ['DATE: 20472017', 'Time 08:34:22']);
});
