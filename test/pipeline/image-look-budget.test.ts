import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { Field } from '../../src/contract.js';
import { issuerSettled } from '../../src/pipeline/extract/image-issuer.js';
import { imageBandReader, LOOK_MAX_IMAGE_PIXELS } from '../../src/pipeline/image-band.js';
import { resolveLimits } from '../../src/pipeline/limits.js';
import type { OcrPool } from '../../src/pipeline/ocr/pool.js';
import type { PdfReaders } from '../../src/pipeline/pdf-readers.js';
import { declaredImagePixels } from '../../src/pipeline/qr/pdf-images.js';

// When the letterhead look (extract/image-issuer.ts, image-band.ts) runs, and what bounds its work: evidence that the
// text layer names its issuer and the pixels the file's images hold — not the clock.

const name = (confidence: number, evidence: string[], write = false): Field<string> => ({ value: 'Nordwind Handel GmbH', confidence, write, evidence });

test('the issuer is settled when the text layer prints its name where an issuer names itself', () => {
  // a name read surely but elsewhere (a letterhead row with a legal form: a customer's block looks the same) is looked at
  assert.equal(issuerSettled(name(0.86, ['legal-form', 'rival-close'])), false);
  assert.equal(issuerSettled(name(0.86, ['vat-near', 'rival-close'])), false);
  assert.equal(issuerSettled(name(0.86, ['legal-form', 'name-in-footer'])), true);
  assert.equal(issuerSettled(name(0.66, ['issuer-named'])), true);
  // as before: written, or sure enough
  assert.equal(issuerSettled(name(0.95, [])), true);
  assert.equal(issuerSettled(name(0.5, [], true)), true);
  assert.equal(issuerSettled({ value: null, confidence: 0 }), false);
});

/** A one-page text-layer-less PDF painting one white image of `width` × `height` pixels. */
async function pdfWithImage(width: number, height: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const png = await sharp({ create: { width, height, channels: 3, background: '#fff' } }).png().toBuffer();
  page.drawImage(await pdf.embedPng(png), { x: 0, y: 0, width: 595, height: 842 });
  return Buffer.from(await pdf.save());
}

test('a file whose images hold more pixels than the budget is not rendered for the look, whatever the clock', async () => {
  const small = await pdfWithImage(1000, 800);
  const large = await pdfWithImage(4000, 3200);
  assert.equal(declaredImagePixels(small), 800_000);
  assert.equal(declaredImagePixels(large), 12_800_000);
  assert.ok(declaredImagePixels(large) > LOOK_MAX_IMAGE_PIXELS);
  let opened = 0;
  const readers = { open: async () => { opened++; throw new Error('rendered'); } } as unknown as PdfReaders;
  const page = { page: 1, source: 'pdf-text' as const, width: 595, height: 842, rotation: 0, confidence: 1, text: 'x', lines: [] };
  const opts = { pool: { engine: 'tesseract' } as unknown as OcrPool, readers, limits: resolveLimits() };
  // over the budget: no rendering, no lines
  assert.deepEqual(await imageBandReader(large, [page], opts)(1, 0, 200, { models: ['eng'] }), []);
  assert.equal(opened, 0);
  // within it: the page is rendered
  await assert.rejects(imageBandReader(small, [page], opts)(1, 0, 200, { models: ['eng'] }), /rendered/);
  assert.equal(opened, 1);
});

test('the pixel count is bounded on hostile bytes: more than MAX_IMAGES image names count as over any budget, and counting stops past the budget', () => {
  const many = Buffer.from('%PDF-1.7\n' + '1 0 obj << /Subtype/Image /Width 10 /Height 10 >> stream\n'.repeat(201));
  assert.equal(declaredImagePixels(many), Number.POSITIVE_INFINITY);
  const few = Buffer.from('%PDF-1.7\n' + '1 0 obj << /Subtype/Image /Width 1000 /Height 1000 >> stream\n'.repeat(5));
  assert.equal(declaredImagePixels(few), 5_000_000);
  assert.equal(declaredImagePixels(few, 1_500_000), 2_000_000);
});
