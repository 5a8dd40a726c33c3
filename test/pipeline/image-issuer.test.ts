import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { validateScanResult } from '../../src/contract-schema.js';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';
import { readingOf } from '../../src/pipeline/confidence/calibrate.js';
import { issuerSettled } from '../../src/pipeline/extract/image-issuer.js';

// A text-layer bill whose issuer is printed only in its letterhead image (extract/image-issuer.ts): the text layer
// holds the customer's block, the logo the vendor's name. Read through the real pipeline and the real Tesseract.

/** The letterhead: the vendor's name and address drawn as pixels (no text layer). */
async function letterhead(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="260"><rect width="100%" height="100%" fill="#fff"/>
    <rect x="20" y="30" width="150" height="150" fill="#1d4e89"/>
    <text x="200" y="120" font-family="DejaVu Sans" font-weight="bold" font-size="78" fill="#1d4e89">NORDWIND HANDEL GMBH</text>
    <text x="204" y="200" font-family="DejaVu Sans" font-size="40" fill="#333">Hafenstrasse 12, 20457 Hamburg</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** An English bill: letterhead image at the top, the customer's block and the bill's lines in the text layer.
 * `issuerInText`: the issuer's name, VAT id and legal line are in the text layer too. */
async function bill(opts: { issuerInText?: boolean } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const logo = await pdf.embedPng(await letterhead());
  page.drawImage(logo, { x: 40, y: 842 - 40 - 78, width: 420, height: 78 });
  const text = (s: string, x: number, y: number, size = 10, f = font) => page.drawText(s, { x, y: 842 - y, size, font: f });
  text('INVOICE', 470, 70, 16, bold);
  text('Bill to:', 40, 180);
  text('Harbor Foods Ltd', 40, 195, 11, bold);
  text('12 Quay Street', 40, 210);
  text('Dublin D02 X285, Ireland', 40, 225);
  text('Customer VAT: IE6388047V', 40, 240);
  text('Invoice No: 2024-0815', 380, 180);
  text('Invoice date: 14/03/2024', 380, 195);
  text('Description', 40, 300, 10, bold);
  text('Amount', 480, 300, 10, bold);
  text('Sea freight container Hamburg - Dublin', 40, 320);
  text('1,000.00', 480, 320);
  text('Subtotal', 380, 380);
  text('1,000.00', 480, 380);
  text('VAT 0% (reverse charge)', 380, 395);
  text('0.00', 480, 395);
  text('Total EUR', 380, 410, 10, bold);
  text('1,000.00', 480, 410, 10, bold);
  if (opts.issuerInText) {
    text('Nordwind Handel GmbH', 380, 100, 10, bold);
    text('USt-IdNr. DE136695976', 380, 113);
    text('Nordwind Handel GmbH - Hafenstrasse 12 - 20457 Hamburg - USt-IdNr. DE136695976 - www.nordwind-handel.de', 40, 790, 8);
    text('Nordwind Handel GmbH, Amtsgericht Hamburg HRB 12345, IBAN DE89370400440532013000', 40, 802, 8);
  }
  return Buffer.from(await pdf.save());
}

let scanner: Scanner;
let withoutLook: Scanner;
before(async () => {
  scanner = await createScanner({ ocrWorkers: 1 });
  withoutLook = await createScanner({ ocrWorkers: 1, imageLook: false });
});
after(async () => {
  await scanner.close();
  await withoutLook.close();
});

test('the issuer printed only in the letterhead image is read from it, marked as read by OCR', async () => {
  const result = await scanner.scanBuffer(await bill(), 'bill.pdf');
  assert.ok(validateScanResult(result).ok, validateScanResult(result).errors.join('; '));
  assert.equal(result.source, 'pdf-text');
  assert.match(result.fields!.vendor_name.value ?? '', /nordwind\s+handel/i);
  assert.equal(result.fields!.vendor_name.source, 'image:tesseract');
  assert.ok((result.timings_ms.image_look ?? 0) > 0);
  // the text layer's own values stay as read
  assert.equal(result.fields!.invoice_number.value, '2024-0815');
  assert.equal(result.fields!.amount_total.value, 1000);
  assert.notEqual(result.fields!.vendor_vat.value, 'IE6388047V'); // the customer's id is never the vendor's
});

test('a bill whose text layer names the issuer keeps that name, looked at only when it is not sure enough', async () => {
  const result = await scanner.scanBuffer(await bill({ issuerInText: true }), 'bill.pdf');
  const name = result.fields!.vendor_name;
  assert.match(name.value ?? '', /nordwind\s+handel/i);
  // looked at only when that name is neither written, nor of adequate confidence, nor printed where an issuer names
  // itself (its footer imprint here); either way it stays the text layer's
  assert.equal(result.timings_ms.image_look === undefined, issuerSettled(name));
  assert.equal(result.timings_ms.image_look, undefined);
  assert.equal(result.fields!.vendor_name.source, undefined);
});

test('without the look (IMAGE_LOOK=false) the same bill gets no vendor from its image', async () => {
  const result = await withoutLook.scanBuffer(await bill(), 'bill.pdf');
  assert.doesNotMatch(result.fields!.vendor_name.value ?? '', /nordwind/i);
  assert.equal(result.fields!.vendor_name.source, undefined);
  assert.equal(result.timings_ms.image_look, undefined);
});

test('a text layer that names an issuer the write policy trusts is not looked at again', async () => {
  // "trusts": written under the threshold in use (a threshold of 0.9 here: the shipped table's values move with refits)
  const trusting = await createScanner({ ocrWorkers: 1, writeThreshold: 0.9 });
  const result = await trusting.scanBuffer(await bill({ issuerInText: true }), 'bill.pdf').finally(() => trusting.close());
  assert.match(result.fields!.vendor_name.value ?? '', /nordwind\s+handel/i);
  assert.equal(result.fields!.vendor_name.write, true, `vendor name ${JSON.stringify(result.fields!.vendor_name)}`);
  assert.equal(result.timings_ms.image_look, undefined);
  assert.equal(result.fields!.vendor_name.source, undefined);
});

test('a look cut by its time limit (a safety net: the budget is in pixels) says so and keeps the text layer', async () => {
  const hurried = await createScanner({ ocrWorkers: 1, limits: { ocrTimeoutMs: 1 } });
  const result = await hurried.scanBuffer(await bill(), 'bill.pdf').finally(() => hurried.close());
  assert.equal(result.error, undefined);
  assert.equal(result.timings_ms.image_look_cut, 1);
  assert.doesNotMatch(result.fields!.vendor_name.value ?? '', /nordwind/i);
});

test('a value read from an image is calibrated as an OCR reading of its engine', () => {
  assert.deepEqual(readingOf('image:tesseract', 'pdf-text', null), { source: 'ocr', engine: 'tesseract' });
  assert.deepEqual(readingOf('image:paddle', 'pdf-text', null), { source: 'ocr', engine: 'paddle' });
  assert.deepEqual(readingOf(undefined, 'pdf-text', null), { source: 'pdf-text', engine: null });
  assert.deepEqual(readingOf('qr:swiss', 'ocr', 'paddle'), { source: 'ocr', engine: 'paddle' });
});
