import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkGermanVat, checkItalianPiva, checkSpanishNif, checkUkVat, findVatIds, isMexicanRfc, validateVat,
} from '../../../src/pipeline/extract/vat.js';

test('German USt-IdNr check digit (ISO 7064 MOD 11,10)', () => {
  assert.equal(checkGermanVat('136695976'), true);
  assert.equal(checkGermanVat('232446240'), true);
  assert.equal(checkGermanVat('136695977'), false);
});

test('Italian Partita IVA, French TVA key, Spanish NIF/CIF/NIE, UK VAT', () => {
  assert.equal(checkItalianPiva('02780790107'), true);
  assert.equal(checkItalianPiva('02780790108'), false);
  assert.deepEqual(validateVat('FR86792377731'), { country: 'FR', checksum: true });
  assert.deepEqual(validateVat('FR87792377731'), { country: 'FR', checksum: false });
  assert.equal(checkSpanishNif('12345678Z'), true);
  assert.equal(checkSpanishNif('12345678A'), false);
  assert.equal(checkSpanishNif('X1234567L'), true);
  assert.equal(checkSpanishNif('B12345674'), true);
  assert.equal(checkUkVat('980780684'), true);
  assert.equal(checkUkVat('980780685'), false);
});

test('Mexican RFC shape', () => {
  assert.equal(isMexicanRfc('EKU9003173C9'), true);
  assert.equal(isMexicanRfc('EKU9013173C9'), false); // month 13
});

test('finds grouped ids after a label and normalises them', () => {
  const found = findVatIds('UStId DE 232 446 240 | SWIFT HELADEF1GEL', { labelled: true });
  assert.deepEqual(found.map((v) => v.value), ['DE232446240']);
  assert.equal(found[0].checksum, true);
});

test('an id with wrong check digits is only accepted when labelled', () => {
  assert.deepEqual(findVatIds('ref DE123456789'), []);
  const labelled = findVatIds('USt-IdNr.: DE123456789', { labelled: true });
  assert.equal(labelled[0].value, 'DE123456789');
  assert.equal(labelled[0].checksum, false);
});

test('bare national numbers need a label (Italian P.IVA, Malaysian GST)', () => {
  assert.deepEqual(findVatIds('02780790107'), []);
  assert.deepEqual(findVatIds('P.IVA 02780790107', { labelled: true }).map((v) => v.value), ['IT02780790107']);
  assert.deepEqual(findVatIds('GST ID No: 000306020352', { labelled: true }).map((v) => v.value), ['000306020352']);
});

test('Dutch and Portuguese VAT ids carry check digits', () => {
  assert.deepEqual(validateVat('NL820471616B01'), { country: 'NL', checksum: true });
  assert.deepEqual(validateVat('NL820471617B01'), { country: 'NL', checksum: false });
  assert.deepEqual(validateVat('PT501442600'), { country: 'PT', checksum: true });
  assert.deepEqual(validateVat('PT501442601'), { country: 'PT', checksum: false });
});

test('behind a VAT label, digits OCR read as look-alike letters count when the check digits then hold', () => {
  assert.deepEqual(findVatIds('DEB14689550', { labelled: true }).map((m) => m.value), ['DE814689550']);
  assert.deepEqual(findVatIds('DEB14689550', { labelled: false }).map((m) => m.value), []);
  assert.deepEqual(findVatIds('DEB14689551', { labelled: true }).map((m) => m.value), []); // check digit fails
});
