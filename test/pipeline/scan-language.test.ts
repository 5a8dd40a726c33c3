import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { validateScanResult } from '../../src/contract-schema.js';
import type { createScanner as CreateScanner } from '../../src/pipeline/scan.js';

// The scan's `language`: the document's words, else the one language where it is from (language_source says which).
async function textPdf(lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([300, 420]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  lines.forEach((line, i) => page.drawText(line, { x: 20, y: 390 - i * 16, size: 10, font }));
  return Buffer.from(await pdf.save());
}

let scanner: Awaited<ReturnType<typeof CreateScanner>>;
before(async () => {
  const { createScanner } = await import('../../src/pipeline/scan.js');
  scanner = await createScanner({ ocrWorkers: 1 });
});
after(() => scanner.close());

test('a slip whose words tell no language is in the one of where it is from, and says so', async () => {
  const slip = await textPdf(['KAUFPARK', 'Kottgerstraße 3', 'Tel. +49 2304 123456', 'Milch 1,19', 'Brot 2,49', '3,68']);
  const result = await scanner.scanBuffer(slip, 'slip.pdf');
  assert.equal(result.language, 'de');
  assert.equal(result.language_source, 'country');
  assert.deepEqual(validateScanResult(result).errors, []);
});

test('words tell the language first', async () => {
  const bill = await textPdf(['Rechnung Nr. 4711', 'Rechnungsdatum 03.05.2024', 'Vielen Dank für Ihren Einkauf', 'Gesamtbetrag 3,68 EUR', 'Tel. +33 1 23 45 67 89']);
  const result = await scanner.scanBuffer(bill, 'rechnung.pdf');
  assert.equal(result.language, 'de');
  assert.equal(result.language_source, 'words');
});

test('no words and no country: no language, and no source', async () => {
  const result = await scanner.scanBuffer(await textPdf(['ABC', '3,68']), 'bare.pdf');
  assert.equal(result.language, null);
  assert.equal('language_source' in result, false);
});
