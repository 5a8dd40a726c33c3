// Which second looks a page gets by the engine that read it (src/pipeline/extract/looks-by-engine.ts): under Paddle
// one band re-read and no one-line re-reads; under Tesseract, or when any page was read by it, every look.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BandReader, ReadDocument, TextLine } from '../../../src/pipeline/document.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { LOOKS_BY_ENGINE, looksFor } from '../../../src/pipeline/extract/looks-by-engine.js';
import { docFromLines } from './helpers.js';

// a weak date (read with confidence 0.5) and no total line the rules can pair: every look has work to do
const RECEIPT = ['KEDAI MAJU SDN BHD', 'NO. 12, JALAN BESAR', 'Date: 25/01/2016 1:22:56PM', 'COFFEE  |  4.50', 'TOTAL  |  4.5O', 'CASH  |  10.00'];

function receipt(engines: Array<'tesseract' | 'paddle' | undefined>): { doc: ReadDocument; calls: { scale: number; line: boolean }[] } {
  const doc = docFromLines(RECEIPT, { width: 400, height: 900, confidence: 0.5 });
  doc.kind = 'jpeg';
  const first = doc.pages[0];
  doc.pages = engines.map((engine, i) => ({ ...first, page: i + 1, source: 'ocr' as const, ocrEngine: engine }));
  const calls: { scale: number; line: boolean }[] = [];
  const reader: BandReader = async (page, y0, y1, scale, opts = {}) => {
    calls.push({ scale, line: opts.line === true });
    return doc.pages[page - 1]!.lines.filter((l) => (l.bbox.y0 + l.bbox.y1) / 2 >= y0 && (l.bbox.y0 + l.bbox.y1) / 2 <= y1).map((l): TextLine => ({ ...l }));
  };
  doc.rereadBand = reader;
  return { doc, calls };
}

test('a page read by Paddle gets its bands re-read once, at 2.5x, and no one-line re-reads', async () => {
  const { doc, calls } = receipt(['paddle']);
  await extractFields(doc);
  const bandScales = new Set(calls.filter((c) => !c.line && c.scale !== 1).map((c) => c.scale));
  assert.deepEqual([...bandScales], [2.5]);
  assert.equal(calls.filter((c) => c.line).length, 0);
});

test('a page read by Tesseract gets every look: bands at three scales and one-line re-reads', async () => {
  const { doc, calls } = receipt(['tesseract']);
  await extractFields(doc);
  const bandScales = new Set(calls.filter((c) => !c.line && c.scale !== 1).map((c) => c.scale));
  assert.deepEqual([...bandScales].sort(), [2, 2.5, 3]);
  assert.ok(calls.some((c) => c.line), 'a date or total line read again on its own');
});

test('a document with a page of each engine gets the looks of both (Tesseract the widest)', () => {
  const { doc } = receipt(['paddle', 'tesseract']);
  assert.deepEqual(looksFor(doc), LOOKS_BY_ENGINE.tesseract);
  assert.deepEqual(looksFor(receipt(['paddle']).doc), LOOKS_BY_ENGINE.paddle);
  assert.deepEqual(looksFor(receipt([undefined]).doc), LOOKS_BY_ENGINE.tesseract, 'a page of no named engine counts as Tesseract');
});

test("a receipt the other engine reads too gets Paddle's looks: one band re-read, no one-line re-reads", async () => {
  const { doc, calls } = receipt(['tesseract']);
  // under OCR_ENGINE=auto: Paddle's reading of the page, asked for by the engine look
  const other: string[] = [];
  doc.readOtherEngine = async (page) => (other.push('read'), { ...doc.pages[page - 1]!, ocrEngine: 'paddle' as const });
  await extractFields(doc);
  assert.equal(other.length, 1, "a page Tesseract read is read by Paddle whatever its total");
  const bandScales = new Set(calls.filter((c) => !c.line && c.scale !== 1).map((c) => c.scale));
  assert.deepEqual([...bandScales], [2.5]);
  assert.equal(calls.filter((c) => c.line).length, 0);
  // ENGINE_LOOK=off: no other reading, every look of Tesseract's
  const off = receipt(['tesseract']);
  off.doc.readOtherEngine = doc.readOtherEngine;
  await extractFields(off.doc, { engineLook: 'off' });
  assert.deepEqual([...new Set(off.calls.filter((c) => !c.line && c.scale !== 1).map((c) => c.scale))].sort(), [2, 2.5, 3]);
  assert.ok(off.calls.some((c) => c.line));
});

test("a receipt the other engine reads too has no header re-read: the shop's name is weighed between the two engines' readings", async () => {
  const { doc, calls } = receipt(['tesseract']);
  doc.readOtherEngine = async (page) => ({ ...doc.pages[page - 1]!, ocrEngine: 'paddle' as const });
  await extractFields(doc);
  const headerReads = (c: { scale: number; line: boolean }[]) => c.filter((x) => !x.line && x.scale === 1).length;
  assert.equal(headerReads(calls), 0);
  // without the other reading (ENGINE_LOOK=off) the weak name's header is read again
  const off = receipt(['tesseract']);
  await extractFields(off.doc, { engineLook: 'off' });
  assert.equal(headerReads(off.calls), 1);
});

test('looksFor: a document whose other reading is certain gets the looks of Paddle, without the header re-read', () => {
  assert.deepEqual(looksFor(receipt(['tesseract']).doc, true), { ...LOOKS_BY_ENGINE.paddle, header: false });
  assert.deepEqual(looksFor(receipt(['tesseract']).doc, false), LOOKS_BY_ENGINE.tesseract);
});
