// The second look: key lines re-read at other scales vote with the first reading. The band reader here stands in
// for the OCR engine (the pipeline test runs the real one); what is under test is which bands are asked for and
// how the readings vote.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BandReader, ReadDocument, TextLine } from '../../../src/pipeline/document.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { docFromLines } from './helpers.js';

const RECEIPT = [
  'KEDAI MAJU SDN BHD',
  'NO. 12, JALAN BESAR',
  '43000 KAJANG',
  'TAX INVOICE',
  'Date: 25/01/2016 1:22:56PM',
  'COFFEE  |  4.50',
  'TEA  |  4.50',
  'TOTAL  |  9.00',
  'CASH  |  10.00',
  'CHANGE  |  1.00',
];

/** A photographed receipt as the first OCR reading saw it: `lines` replaced where given. */
function receipt(lines: string[] = RECEIPT, confidence = 0.5): ReadDocument {
  const doc = docFromLines(lines, { width: 400, height: 900, confidence });
  doc.kind = 'jpeg';
  doc.pages[0].source = 'ocr';
  return doc;
}

/** Re-reads each line in the band through `rewrite(scale, text)`; records the calls. */
function fakeReader(doc: ReadDocument, rewrite: (scale: number, text: string) => string) {
  const calls: { y0: number; y1: number; scale: number }[] = [];
  const reader: BandReader = async (page, y0, y1, scale) => {
    calls.push({ y0, y1, scale });
    return doc.pages[page - 1].lines
      .filter((l) => (l.bbox.y0 + l.bbox.y1) / 2 >= y0 && (l.bbox.y0 + l.bbox.y1) / 2 <= y1)
      .map((l): TextLine => ({ ...l, text: rewrite(scale, l.text) }));
  };
  return { reader, calls };
}

test('re-reads that all agree on another date overrule the first reading', async () => {
  const doc = receipt();
  doc.rereadBand = fakeReader(doc, (_, t) => t.replace('25/01/2016', '25/01/2018')).reader;
  const { fields } = await extractFields(doc);
  assert.equal(fields.date.value, '2018-01-25');
});

test('re-reads that disagree among themselves leave the first reading', async () => {
  const doc = receipt();
  const other: Record<number, string> = { 2: '13/01/2016', 2.5: '13/01/2011', 3: '25/07/2016' };
  doc.rereadBand = fakeReader(doc, (scale, t) => t.replace('25/01/2016', other[scale])).reader;
  const { fields } = await extractFields(doc);
  assert.equal(fields.date.value, '2016-01-25');
});

test('a date no re-read can parse is rebuilt from its parts voted apart', async () => {
  const doc = receipt();
  // an impossible day in every re-read, but the year read the same three times
  const misread: Record<number, string> = { 2: '55/01/2018', 2.5: '95/01/2018', 3: '55/01/2018' };
  doc.rereadBand = fakeReader(doc, (scale, t) => t.replace('25/01/2016', misread[scale])).reader;
  const { fields } = await extractFields(doc);
  assert.equal(fields.date.value, '2018-01-25');
  assert.ok(fields.date.confidence <= 0.5, 'a rebuilt date is never trusted much');
});

test('re-read totals fill a missing total but never overrule one that was read', async () => {
  const read = receipt();
  read.rereadBand = fakeReader(read, (_, t) => t.replace('9.00', '8.00')).reader;
  assert.equal((await extractFields(read)).fields.amount_total.value, 9);

  const lines = RECEIPT.map((l) => (l.startsWith('TOTAL') ? 'TOTAL  |  9_0q' : l));
  const missing = receipt(lines);
  missing.rereadBand = fakeReader(missing, (_, t) => t.replace('9_0q', '9.00')).reader;
  assert.equal((await extractFields(missing)).fields.amount_total.value, 9);
});

test('a vendor lost in the header is read again from the header alone', async () => {
  // the first reading dropped the (larger) shop name line and kept only debris above the address
  const lines = ['=  ~', ...RECEIPT.slice(1)];
  const doc = receipt(lines);
  const { reader, calls } = fakeReader(doc, (scale, t) => (scale === 1 && t === '=  ~' ? 'KEDAI MAJU SDN BHD' : t));
  doc.rereadBand = reader;
  const { fields } = await extractFields(doc);
  assert.equal(fields.vendor_name.value, 'KEDAI MAJU SDN BHD');
  assert.ok(calls.some((c) => c.scale === 1 && c.y0 === 0), 'the header band starts at the page top');
});

test('a header re-read that reads only a part of the first name does not replace it', async () => {
  // the name's first line was smudged in both readings; the re-read lost it to debris and kept its last line alone
  const lines = ['SH POWER HARDWARE', 'TRADING', ...RECEIPT.slice(1)];
  const doc = receipt(lines, 0.45);
  doc.rereadBand = async (page, y0, y1) =>
    doc.pages[page - 1].lines
      .filter((l) => (l.bbox.y0 + l.bbox.y1) / 2 >= y0 && (l.bbox.y0 + l.bbox.y1) / 2 <= y1)
      .map((l): TextLine => (l.text === 'SH POWER HARDWARE' ? { ...l, text: 'y   v', confidence: 0.3 } : { ...l, confidence: 0.95 }));
  const { fields } = await extractFields(doc);
  assert.equal(fields.vendor_name.value, 'SH POWER HARDWARE TRADING');
});

test('re-reads that agree with the first reading raise its confidence', async () => {
  const alone = await extractFields(receipt());
  const doc = receipt();
  doc.rereadBand = fakeReader(doc, (_, t) => t).reader;
  const agreed = await extractFields(doc);
  assert.equal(agreed.fields.date.value, alone.fields.date.value);
  assert.ok(agreed.fields.date.confidence > alone.fields.date.confidence, `${agreed.fields.date.confidence} > ${alone.fields.date.confidence}`);
});

test('text-layer pages are never re-read', async () => {
  const pdf = docFromLines(RECEIPT, { confidence: 0.5 });
  const { reader, calls } = fakeReader(pdf, (_, t) => t.replace('25/01/2016', '25/01/2018'));
  pdf.rereadBand = reader;
  const { fields } = await extractFields(pdf);
  assert.equal(calls.length, 0);
  assert.equal(fields.date.value, '2016-01-25');
});
