// The second reading of a receipt's total lines through the real OCR engine, on a real photographed receipt (SROIE
// 000, in fixtures/documents/sroie): its total lines ("Total : 9.00", "Rounded Total (RM): 9.00") are read again
// one by one and the re-read page gives the same total, which the result's evidence says.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
let scanner: Scanner;
before(async () => {
  // the total's second look is Tesseract's (extract/looks-by-engine.ts: Paddle reads totals without it)
  scanner = await createScanner({ ocrWorkers: 1, ocrEngine: 'tesseract' });
});
after(() => scanner.close());

test('a real receipt\'s total lines are read again and agree with the first reading', async () => {
  const result = await scanner.scanFile(fixture('documents/sroie/sroie-000.jpg'));
  const total = result.fields!.amount_total;
  assert.equal(total.value, 9);
  assert.ok(total.evidence?.includes('total-reread-agreed'), `evidence: ${total.evidence?.join(', ')}`);
});
