import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ScanResult } from '../../../src/contract.js';
import { validateScanResult } from '../../../src/contract-schema.js';
import { createScanner, type Scanner } from '../../../src/pipeline/scan.js';

// Payment QR codes through the whole pipeline (real PDFs and images, real ZXing, real OCR for the photo).
const fixture = (p: string) => fileURLToPath(new URL(`../../../fixtures/${p}`, import.meta.url));
let scanner: Scanner;
before(async () => { scanner = await createScanner({ langs: ['eng'], ocrWorkers: 1 }); });
after(() => scanner.close());

async function scan(p: string): Promise<ScanResult> {
  const result = await scanner.scanFile(fixture(p));
  const { ok, errors } = validateScanResult(result);
  assert.ok(ok, `schema: ${errors.join('; ')}`);
  return result;
}

test('a QR-bill pasted as an image under a text-layer invoice: exact fields with their source, //S1/ included', async () => {
  const r = await scan('documents/qr/swiss-gen-01-qrr.pdf');
  assert.equal(r.source, 'pdf-text');
  const f = r.fields!;
  assert.deepEqual(f.iban, { value: 'CH4431999123000889012', confidence: 1, source: 'qr:swiss', write: true });
  assert.deepEqual(f.amount_total, { value: 1949.75, confidence: 1, source: 'qr:swiss', write: true });
  assert.equal(f.payment_reference?.value, '210000000003139471430009017');
  assert.equal(f.invoice_number.source, 'qr:swiss');
  assert.equal(f.vendor_vat.value, 'CHE106017086');
  assert.equal(f.due_date.value, '2026-02-16'); // //S1/11 date + the net 30 days of /40/
  assert.equal(r.payment_codes?.length, 1);
  assert.equal(r.payment_codes?.[0].valid, true);
  assert.equal(r.needs_review, false, r.review_reasons?.join());
});

test('a QR-bill drawn as vector graphics (a real library sample): found through the payment part headings', async () => {
  const r = await scan('documents/qr/manuelbl-swissqrbill__a4bill_ex3.pdf');
  assert.equal(r.fields?.iban?.value, 'CH7400700110006116002');
  assert.equal(r.fields?.payment_reference?.value, 'RF18539007547034');
  assert.equal(r.fields?.amount_total.value, 199.95);
  assert.equal(r.timings_ms.qr_pages, 1);
});

test('an invalid code is reported with its reason and nothing of it is used', async () => {
  const r = await scan('documents/qr/invalid-swiss-bad-qrr.pdf');
  assert.equal(r.payment_codes?.[0].valid, false);
  assert.match(r.payment_codes![0].problems.join(), /mod-10/);
  assert.equal(r.fields?.iban?.value, null);
  assert.equal(r.fields?.payment_reference?.value, null);
  assert.notEqual(r.fields?.amount_total.source, 'qr:swiss');
  assert.ok(r.review_reasons?.some((x) => /Swiss QR-bill on page 1 is invalid, not used/.test(x)));
});

test('code and text disagree on the total: review with the reason, and the total is not sure enough to be written', async () => {
  const r = await scan('documents/qr/swiss-gen-06-text-disagrees.pdf');
  assert.equal(r.needs_review, true);
  assert.ok(r.review_reasons?.includes('amount_total: the Swiss QR-bill says 1949.75, the text reads 1950.75'), r.review_reasons?.join(' | '));
  assert.ok(r.fields!.amount_total.confidence < 0.6);
  assert.equal(r.fields?.iban?.confidence, 1); // what is not disputed stays exact
});

test('a photographed GiroCode in ISO 8859-1 (150 dpi, turned, blurred, JPEG 60)', async () => {
  const r = await scan('documents/qr/photos/epc-gen-03-latin1.photo.jpg');
  assert.equal(r.source, 'ocr');
  assert.deepEqual(r.fields?.vendor_name, { value: 'Électricité Lefèvre SPRL', confidence: 1, source: 'qr:epc', write: true });
  assert.equal(r.fields?.iban?.value, 'BE68539007547034');
  assert.equal(r.fields?.payment_reference?.value, 'Facture 2026-0077');
});

test('the CFDI SAT code gives issuer RFC and total', async () => {
  const r = await scan('documents/qr/cfdi-sat-gen-01.pdf');
  assert.equal(r.payment_codes?.[0].type, 'sat');
  assert.deepEqual(r.fields?.vendor_vat, { value: 'EKU9003173C9', confidence: 1, source: 'qr:sat', write: true });
  assert.equal(r.fields?.amount_total.value, 2382870);
});

test('cheap where there is no code: a text-layer PDF without images is not rendered at all', async () => {
  const r = await scanner.scanFile(fixture('documents/facturx/XML-Rechnung__FX__EN16931_Einfach.pdf'));
  assert.equal(r.timings_ms.qr_pages, 0);
  assert.equal(r.timings_ms.qr, 0);
  assert.equal(r.payment_codes, undefined);
  assert.equal(r.fields?.iban?.value, null);
});
