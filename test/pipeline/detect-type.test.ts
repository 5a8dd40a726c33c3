import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { detectFileKind } from '../../src/pipeline/detect-type.js';

const fixture = (p: string) => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url));

test('type comes from the bytes, not the name', () => {
  assert.equal(detectFileKind(fixture('engine/receipt-named.pdf')), 'jpeg');
  assert.equal(detectFileKind(fixture('engine/receipt.png')), 'png');
  assert.equal(detectFileKind(fixture('engine/receipt.webp')), 'webp');
  assert.equal(detectFileKind(fixture('engine/receipt.bmp')), 'bmp');
  assert.equal(detectFileKind(fixture('engine/receipts-2-pages.tif')), 'tiff');
  assert.equal(detectFileKind(fixture('engine/mixed-text-and-scan.pdf')), 'pdf');
  assert.equal(detectFileKind(fixture('engine/random.bin')), null);
});

test('XML with a BOM, a declaration or none is XML; PDF with leading junk is PDF', () => {
  assert.equal(detectFileKind(Buffer.from('\ufeff<?xml version="1.0"?><a/>')), 'xml');
  assert.equal(detectFileKind(Buffer.from('<rsm:CrossIndustryInvoice xmlns:rsm="x">')), 'xml');
  assert.equal(detectFileKind(Buffer.from('  \n<Invoice>')), 'xml');
  assert.equal(detectFileKind(Buffer.concat([Buffer.from('junk before header\n'), Buffer.from('%PDF-1.7\n')])), 'pdf');
  assert.equal(detectFileKind(Buffer.from('hello, world')), null);
  assert.equal(detectFileKind(Buffer.from('BM')), null, 'two bytes are not a bitmap');
});

test('DER and base64 CAdES envelopes are p7m', () => {
  // SEQUENCE { OID 1.2.840.113549.1.7.2 ... } as a signed FatturaPA starts
  const der = Buffer.from('3080' + '06092a864886f70d010702' + 'a0800000', 'hex');
  assert.equal(detectFileKind(der), 'p7m');
  const b64 = Buffer.from(Buffer.concat([der, Buffer.alloc(40, 1)]).toString('base64').replace(/(.{20})/g, '$1\r\n'));
  assert.equal(detectFileKind(b64), 'p7m');
});
