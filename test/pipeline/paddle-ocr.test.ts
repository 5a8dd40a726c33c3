// PaddleOCR (OCR_ENGINE=paddle / auto) through the real models, on real documents of fixtures/: a photographed till
// receipt read by Paddle gives lines with word boxes and confidences and the right total and date; under `auto` a
// German receipt is read again by Tesseract in German (Paddle's alphabet has no ö ß €); a failing inference fails that
// call only, with the typed OCR error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DocumentError } from '../../src/pipeline/errors.js';
import { PaddleEngine } from '../../src/pipeline/ocr/paddle/engine.js';
import { OcrPool } from '../../src/pipeline/ocr/pool.js';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
let paddle: Scanner;
before(async () => {
  paddle = await createScanner({ ocrEngine: 'paddle', ocrWorkers: 1, concurrency: 1, limits: { docTimeoutMs: 900_000, ocrTimeoutMs: 900_000 } });
});
after(() => paddle.close());

test('a real receipt photo read by Paddle: lines with word boxes and confidences, the right total and date', async () => {
  const result = await paddle.scanFile(fixture('documents/sroie/sroie-000.jpg'));
  assert.equal(result.error ?? null, null);
  assert.equal(result.fields!.amount_total.value, 9);
  assert.equal(result.fields!.date.value, '2018-12-25');
  assert.equal(result.language, 'en');
});

test('Paddle lines carry words inside their box, with confidences in [0, 1]', async () => {
  const pool = new OcrPool({ langs: ['eng'], engine: 'paddle', workers: 1 });
  try {
    const out = await pool.recognize(readFileSync(fixture('documents/sroie/sroie-001.jpg')), '6');
    assert.ok(out.lines.length >= 10, `${out.lines.length} lines`);
    // the time counters the benchmark prints: one detection, at least one recognition per line
    const stats = pool.paddleStats!;
    assert.ok(stats.detMs > 0 && stats.detPixels > 0 && stats.recMs > 0);
    assert.ok(stats.recCalls >= out.lines.length && stats.recColumns >= 8 * stats.recCalls, JSON.stringify(stats));
    assert.ok(out.confidence > 0.5 && out.confidence <= 1);
    for (const line of out.lines) {
      assert.ok(line.words && line.words.length > 0);
      assert.equal(line.text.replace(/\s+/g, ' '), line.words.map((w) => w.text).join(' '));
      for (const w of line.words) {
        assert.ok(w.confidence >= 0 && w.confidence <= 1);
        assert.ok(w.bbox.x0 >= line.bbox.x0 - 1 && w.bbox.x1 <= line.bbox.x1 + 1, `${w.text} inside its line`);
      }
    }
  } finally {
    await pool.close();
  }
});

test('auto: a German receipt is read again by Tesseract in German, and its language is German', async () => {
  // two readings of one photo: on a loaded machine more than the default 120 s
  const auto = await createScanner({ ocrEngine: 'auto', ocrWorkers: 1, concurrency: 1, limits: { docTimeoutMs: 900_000, ocrTimeoutMs: 900_000 } });
  try {
    const result = await auto.scanFile(fixture('documents/receipts2/lidl_plus_bonkopie_hannover.jpg'));
    assert.equal(result.error ?? null, null);
    assert.equal(result.language, 'de');
    assert.equal(result.fields!.amount_total.value, 1.04);
  } finally {
    await auto.close();
  }
});

test('an inference that fails fails that call only, with OCR_FAILED; the next call reads', async () => {
  const pool = new OcrPool({ langs: ['eng'], engine: 'paddle', workers: 1 });
  const read = PaddleEngine.prototype.read;
  let failures = 1;
  PaddleEngine.prototype.read = function (this: PaddleEngine, ...args: Parameters<typeof read>) {
    if (failures-- > 0) return Promise.reject(new Error('onnxruntime: bad input'));
    return read.apply(this, args);
  };
  try {
    const image = readFileSync(fixture('engine/receipt.png'));
    await assert.rejects(pool.recognize(image, '6'), (err: unknown) => err instanceof DocumentError && err.code === 'OCR_FAILED');
    assert.ok((await pool.recognize(image, '6')).text.length > 20);
  } finally {
    PaddleEngine.prototype.read = read;
    await pool.close();
  }
});

test('a document past its deadline leaves the queue', async () => {
  const pool = new OcrPool({ langs: ['eng'], engine: 'paddle', workers: 1 });
  try {
    const signal = AbortSignal.abort(new Error('deadline'));
    await assert.rejects(pool.recognize(readFileSync(fixture('engine/receipt.png')), '6', { signal }), /deadline/);
  } finally {
    await pool.close();
  }
});
