// A document reads each image once: pages that render to the same pixels (a bill's blank backs, a repeated page) are
// not OCRed again, and what the pool returns is the same reading either way.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import sharp from 'sharp';
import { resolveLimits } from '../../src/pipeline/limits.js';
import { documentOcr } from '../../src/pipeline/ocr/document-ocr.js';
import type { OcrOutput, OcrPool } from '../../src/pipeline/ocr/pool.js';
import { readDocument } from '../../src/pipeline/read.js';

const LINES = ['TOTAL CASH CHANGE', 'THANK YOU PLEASE COME AGAIN', 'GST SUMMARY 6% 1.20', 'ITEM 1 PIECE 20.00'];

/** A pool that reads every image as the same receipt, noting each call it is asked for. */
function countingPool(calls: string[], fail?: () => boolean) {
  return {
    engine: 'tesseract',
    defaultModels: ['eng'],
    async recognize(image: Buffer, psm = '3', opts: { models?: string[]; signal?: AbortSignal } = {}): Promise<OcrOutput> {
      calls.push(`${(opts.models ?? ['eng']).join('+')}:${psm}:${image.length}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      opts.signal?.throwIfAborted();
      if (fail?.()) throw new Error('the engine crashed');
      const lines = LINES.map((text, i) => ({ text, confidence: 0.9, bbox: { x0: 10, y0: 10 + 30 * i, x1: 300, y1: 30 + 30 * i } }));
      return { text: LINES.join('\n'), confidence: 0.9, lines };
    },
    async detectOrientation() {
      return null;
    },
  } as unknown as OcrPool;
}

test('a scan whose two pages are the same image reads that image once, and both pages get its reading', async () => {
  const png = readFileSync(new URL('../../fixtures/engine/receipt.png', import.meta.url));
  const tiff = await sharp([png, png], { join: { animated: true } }).tiff().toBuffer();
  const opts = { limits: resolveLimits(), qr: false };
  const one: string[] = [];
  await readDocument(png, 'one.png', { ...opts, pool: countingPool(one) });
  const two: string[] = [];
  const doc = await readDocument(tiff, 'two.tif', { ...opts, pool: countingPool(two) });
  assert.equal(doc.pageCount, 2);
  assert.ok(one.length > 0);
  assert.equal(two.length, one.length, 'the second page, the same pixels, costs no OCR');
  assert.deepEqual(doc.pages[1].lines, doc.pages[0].lines);
  assert.equal(doc.pages[1].text, LINES.join('\n'));
});

test("a document's OCR: a call once per image and settings, each caller its own copy, a failure not kept", async () => {
  const calls: string[] = [];
  let failing = true;
  const ocr = documentOcr(countingPool(calls, () => failing));
  const image = Buffer.from('pixels');
  await assert.rejects(ocr.recognize(image, '3'), /crashed/);
  failing = false;
  const [a, b] = await Promise.all([ocr.recognize(image, '3'), ocr.recognize(image, '3')]);
  assert.equal(calls.length, 2, 'the failed call is made again, once for both callers');
  a.lines[0].text = 'changed by one caller';
  assert.equal(b.lines[0].text, LINES[0]);
  assert.equal((await ocr.recognize(image, '3')).lines[0].text, LINES[0]);
  await ocr.recognize(image, '6');
  await ocr.recognize(image, '3', { models: ['deu'] });
  await ocr.recognize(Buffer.from('other pixels'), '3');
  assert.equal(calls.length, 5, 'another page segmentation, model or image is another call');
});

test("a caller waiting on another's call stops with its own signal, and does not inherit a stop it did not ask for", async () => {
  const calls: string[] = [];
  const ocr = documentOcr(countingPool(calls));
  const image = Buffer.from('pixels');
  const first = new AbortController();
  const second = new AbortController();
  const a = ocr.recognize(image, '3', { signal: first.signal });
  const b = ocr.recognize(image, '3', { signal: second.signal });
  second.abort(new Error('caller done'));
  await assert.rejects(b, /caller done/);
  assert.equal((await a).text, LINES.join('\n'));
  const stopped = new AbortController();
  const c = ocr.recognize(Buffer.from('new'), '3', { signal: stopped.signal });
  const d = ocr.recognize(Buffer.from('new'), '3');
  stopped.abort(new Error('stopped'));
  await assert.rejects(c);
  assert.equal((await d).text, LINES.join('\n'), 'read anew for the caller whose signal is live');
});
