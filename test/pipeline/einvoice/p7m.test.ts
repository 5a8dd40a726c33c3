import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { looksLikeP7m, unwrapP7m } from '../../../src/pipeline/einvoice/p7m.js';
import { CORPUS, OWN_FIXTURES } from './corpus.js';

// Envelopes in fixtures/einvoice were made by make-p7m.sh with `openssl cms -sign` around a corpus FatturaPA.
const SIGNED_SOURCE = path.join(CORPUS, 'fatturapa/l10n-italy__IT01234567890_FPR12.xml');
const fixture = (name: string) => readFile(path.join(OWN_FIXTURES, name));
const corrupt = { code: 'CORRUPT_FILE' };

// ---- a minimal BER writer, to build the envelopes openssl does not produce (nested chunks, odd layouts) ----
function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const der = (tag: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const indefinite = (tag: number, ...content: Buffer[]) =>
  Buffer.concat([Buffer.from([tag, 0x80]), ...content, Buffer.from([0, 0])]);
const OID_SIGNED_DATA = Buffer.from('06092a864886f70d010702', 'hex');
const OID_DATA = Buffer.from('06092a864886f70d010701', 'hex');
const OID_SHA256 = Buffer.from('0609608648016503040201', 'hex');
/** ContentInfo(SignedData) around an already encoded eContent [0] (or none: detached). */
function signedData(eContent: Buffer | null, ber = false): Buffer {
  const wrap = ber ? indefinite : der;
  const encap = eContent ? wrap(0x30, OID_DATA, eContent) : wrap(0x30, OID_DATA);
  const sd = wrap(0x30, der(0x02, Buffer.from([1])), der(0x31, der(0x30, OID_SHA256)), encap, der(0x31));
  return wrap(0x30, OID_SIGNED_DATA, wrap(0xa0, sd));
}

describe('unwrapP7m on openssl-made envelopes', () => {
  for (const name of [
    'IT01234567890_FPR12.xml.p7m', // DER
    'IT01234567890_FPR12.streamed.xml.p7m', // BER, indefinite lengths, constructed OCTET STRING
    'IT01234567890_FPR12.base64.xml.p7m', // base64 of DER, 64-column lines
    'IT01234567890_FPR12.pem.xml.p7m', // PEM armour
  ]) {
    test(`${name} yields the signed XML byte for byte`, async () => {
      const envelope = await fixture(name);
      assert.equal(looksLikeP7m(envelope), true);
      assert.deepEqual(unwrapP7m(envelope), await readFile(SIGNED_SOURCE));
    });
  }

  test('base64 with CRLF line breaks', async () => {
    const crlf = Buffer.from((await fixture('IT01234567890_FPR12.base64.xml.p7m')).toString('latin1').replace(/\n/g, '\r\n'));
    assert.deepEqual(unwrapP7m(crlf), await readFile(SIGNED_SOURCE));
  });

  test('a detached signature has no content: a clear error', async () => {
    const detached = await fixture('detached-signature.p7m');
    assert.equal(looksLikeP7m(detached), true);
    assert.throws(() => unwrapP7m(detached), { code: 'CORRUPT_FILE', message: /detached/ });
  });

  test('a truncated envelope is CORRUPT_FILE', async () => {
    const envelope = await fixture('IT01234567890_FPR12.xml.p7m');
    assert.throws(() => unwrapP7m(envelope.subarray(0, envelope.length - 700)), corrupt);
    assert.throws(() => unwrapP7m(envelope.subarray(0, 40)), corrupt);
  });
});

describe('unwrapP7m on hand-built BER', () => {
  const xml = Buffer.from('<?xml version="1.0"?><a>chunked content</a>');

  test('content split in nested constructed OCTET STRING chunks under indefinite lengths', () => {
    const chunks = indefinite(0x24, der(0x04, xml.subarray(0, 10)), indefinite(0x24, der(0x04, xml.subarray(10, 25)), der(0x04, xml.subarray(25))));
    const envelope = signedData(indefinite(0xa0, chunks), true);
    assert.deepEqual(unwrapP7m(envelope), xml);
    assert.deepEqual(unwrapP7m(Buffer.from(envelope.toString('base64'))), xml);
  });

  test('an envelope signed again (nested envelopes) yields the innermost content', () => {
    const inner = signedData(der(0xa0, der(0x04, xml)));
    const outer = signedData(der(0xa0, der(0x04, Buffer.from(inner.toString('base64')))));
    assert.deepEqual(unwrapP7m(outer), xml);
  });

  test('envelopes nested without end are refused', () => {
    let envelope = signedData(der(0xa0, der(0x04, xml)));
    for (let i = 0; i < 6; i++) envelope = signedData(der(0xa0, der(0x04, envelope)));
    assert.throws(() => unwrapP7m(envelope), { code: 'CORRUPT_FILE', message: /nested/ });
  });

  test('definite-length DER with a primitive OCTET STRING', () => {
    assert.deepEqual(unwrapP7m(signedData(der(0xa0, der(0x04, xml)))), xml);
  });

  test('ContentInfo of another type (plain data) is refused', () => {
    const data = der(0x30, OID_DATA, der(0xa0, der(0x04, xml)));
    assert.throws(() => unwrapP7m(data), corrupt);
  });

  test('an empty content is refused', () => {
    assert.throws(() => unwrapP7m(signedData(der(0xa0, der(0x04, Buffer.alloc(0))))), { code: 'CORRUPT_FILE', message: /empty/ });
  });

  test('a content that is not an OCTET STRING is refused', () => {
    assert.throws(() => unwrapP7m(signedData(der(0xa0, der(0x0c, xml)))), corrupt);
  });
});

describe('garbage', () => {
  test('random bytes, plain XML, a PDF and base64 of non-CMS are CORRUPT_FILE and not p7m', () => {
    const samples = [
      Buffer.from('definitely not an envelope'),
      Buffer.from('<?xml version="1.0"?><FatturaElettronica/>'),
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'),
      Buffer.from(Buffer.from('hello world, this is base64 but not CMS').toString('base64')),
      Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]),
      Buffer.alloc(0),
    ];
    for (const sample of samples) {
      assert.equal(looksLikeP7m(sample), false, sample.toString('latin1'));
      assert.throws(() => unwrapP7m(sample), corrupt);
    }
  });

  test('a signedData header followed by garbage is CORRUPT_FILE', () => {
    const garbage = Buffer.concat([Buffer.from([0x30, 0x82, 0x10, 0x00]), OID_SIGNED_DATA, Buffer.from('garbage'.repeat(20))]);
    assert.equal(looksLikeP7m(garbage), true);
    assert.throws(() => unwrapP7m(garbage), corrupt);
  });
});
