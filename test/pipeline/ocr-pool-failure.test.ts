import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DocumentError } from '../../src/pipeline/errors.js';
import { OcrPool } from '../../src/pipeline/ocr/pool.js';
import { prepareLangDir } from '../../src/pipeline/ocr/tessdata.js';
import { PACKAGE_ROOT } from '../../src/paths.js';

// A language model that does not initialise made tesseract.js throw from its worker thread's answer, outside any
// call: the process died (seen with "Error opening data file ./ita.traineddata"). Now only the call fails, typed,
// and the worker that failed is replaced.

test('a model that fails to initialise fails that call with OCR_FAILED; the process and the next call go on', async () => {
  const dir = prepareLangDir(['eng']);
  // a model name no package has, holding no model: loaded as a file, refused by Tesseract's init
  const broken = path.join(dir, `zzz.traineddata.gz`);
  fs.writeFileSync(broken, Buffer.from('not a traineddata file'));
  const pool = new OcrPool({ langs: ['eng'], workers: 1, engine: 'tesseract' }); // a Tesseract model that fails
  try {
    await pool.ready();
    const image = fs.readFileSync(path.join(PACKAGE_ROOT, 'fixtures/documents/sroie/sroie-000.jpg'));
    await assert.rejects(pool.recognize(image, '6', { models: ['zzz'] }), (err: unknown) => err instanceof DocumentError && err.code === 'OCR_FAILED');
    await new Promise((r) => setTimeout(r, 300)); // where the stray answer used to throw
    const next = await pool.recognize(image, '6');
    assert.ok(next.text.length > 50, 'the next document is read, by a fresh worker');
  } finally {
    await pool.close();
    fs.rmSync(broken, { force: true });
  }
});
