// The second reading of a receipt's date lines through the real OCR engine, on a real photographed receipt (an Italian
// bar's slip in fixtures/documents/receipts2, tune split): the first reading loses its date stamp's digits, the stamp
// read again alone and upscaled gives 09/01/2016, which fills the date and which the result's evidence says.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
let scanner: Scanner;
before(async () => {
  // the date's second look is Tesseract's (extract/looks-by-engine.ts); under auto this Italian slip is Tesseract's too
  scanner = await createScanner({ ocrWorkers: 1, ocrEngine: 'tesseract' });
});
after(() => scanner.close());

test('a real receipt\'s misread date stamp is read again and fills the date', async () => {
  const result = await scanner.scanFile(fixture('documents/receipts2/bar_cottini_roma_20160109.jpg'));
  const date = result.fields!.date;
  assert.equal(date.value, '2016-01-09');
  assert.ok(date.evidence?.includes('date-reread-changed'), `evidence: ${date.evidence?.join(', ')}`);
});
