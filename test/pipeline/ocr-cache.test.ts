// The on-disk OCR cache of benchmarks and tuning runs (src/pipeline/ocr/cache.ts): a hit only for the same image
// read the same way, and a cached read is the read itself.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { OcrCache } from '../../src/pipeline/ocr/cache.js';
import { OcrPool } from '../../src/pipeline/ocr/pool.js';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'ocr-cache-'));
const files = (dir: string) => readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.json'));

test('the key changes with the image and with every option that changes the result', () => {
  const cache = new OcrCache(tempDir());
  const image = Buffer.from('image bytes');
  const base = cache.key(image, { psm: '3', maxPixels: 12e6 }, ['eng']);
  assert.equal(cache.key(Buffer.from('image bytes'), { psm: '3', maxPixels: 12e6 }, ['eng']), base);
  const others = [
    cache.key(Buffer.from('image bytez'), { psm: '3', maxPixels: 12e6 }, ['eng']),
    cache.key(image, { psm: '6', maxPixels: 12e6 }, ['eng']),
    cache.key(image, { psm: '3', maxPixels: 4e6 }, ['eng']),
    cache.key(image, { psm: '3', maxPixels: 12e6 }, ['eng', 'deu']),
    cache.key(image, { psm: '3', maxPixels: 12e6 }, ['deu']),
  ];
  assert.equal(new Set([base, ...others]).size, 1 + others.length);
});

test('a Paddle reading and a Tesseract reading of the same image never share a key', () => {
  const cache = new OcrCache(tempDir());
  const image = Buffer.from('image bytes');
  const what = { call: 'recognize', psm: '6', maxPixels: 12e6 };
  const tesseract = cache.key(image, what, ['eng']);
  const paddle = cache.key(image, what, [], 'paddle');
  assert.notEqual(paddle, tesseract);
  assert.notEqual(paddle, cache.key(image, what, [], 'tesseract'));
  assert.equal(cache.key(image, what, ['deu'], 'paddle'), paddle, 'Paddle has one model for every language');
  assert.notEqual(cache.key(image, { ...what, psm: '7' }, [], 'paddle'), paddle);
});

test('a stored result is returned without calling again; a damaged entry is read again', async () => {
  const dir = tempDir();
  const cache = new OcrCache(dir);
  let calls = 0;
  const call = async () => ({ text: 'x', n: ++calls });
  assert.deepEqual(await cache.through('ab12', call), { text: 'x', n: 1 });
  assert.deepEqual(await cache.through('ab12', call), { text: 'x', n: 1 });
  writeFileSync(path.join(dir, 'ab', 'ab12.json'), '{"text": "x", "n"'); // a writer that died half-way
  assert.deepEqual(await cache.through('ab12', call), { text: 'x', n: 2 });
  assert.equal(calls, 2);
});

test('through the pool, a cached OCR read equals the real one', async () => {
  const dir = tempDir();
  const receipt = readFileSync(new URL('../../fixtures/engine/receipt.png', import.meta.url));
  const band = await sharp(receipt).extract({ left: 0, top: 0, width: 463, height: 300 }).png().toBuffer();
  const pool = new OcrPool({ langs: ['eng'], workers: 1, cache: new OcrCache(dir) });
  try {
    const first = await pool.recognize(band, '6');
    assert.ok(first.text.trim().length > 0);
    assert.equal(files(dir).length, 1);
    const again = await pool.recognize(band, '6');
    assert.deepEqual(again, first);
    assert.equal(files(dir).length, 1);
    await pool.recognize(band, '3');
    assert.equal(files(dir).length, 2, 'another page segmentation mode is another entry');
  } finally {
    await pool.close();
  }
});
