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

test('Luxembourg TVA: the last two digits are the first six modulo 89', () => {
  assert.deepEqual(validateVat('LU20260743'), { country: 'LU', checksum: true });
  assert.deepEqual(validateVat('LU 2026 0744'), { country: 'LU', checksum: false });
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
  assert.deepEqual(findVatIds('GST ID No: 000123456789', { labelled: true }).map((v) => v.value), ['000123456789']);
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

test('Brazilian CNPJ and Indian GSTIN carry their own check digits; a Dutch id without prefix and a Steuernummer need their label', () => {
  assert.deepEqual(findVatIds('CNPJ: 02.421.421/0012-74 - I.E.: 253957311').map((m) => [m.value, m.country, m.checksum]), [['02421421001274', 'BR', true]]);
  assert.deepEqual(findVatIds('CNPJ: 02.421.421/0012-75'), [], 'wrong check digits');
  assert.deepEqual(findVatIds('GSTIN 27AAPFU0939F1ZV').map((m) => [m.value, m.checksum]), [['27AAPFU0939F1ZV', true]]);
  assert.deepEqual(findVatIds('27AAPFU0939F1ZW'), [], 'wrong check character, unlabelled');
  assert.deepEqual(findVatIds('KVK 08113875, BTW 813941155B01', { labelled: true }).map((m) => m.value), ['NL813941155B01']);
  assert.deepEqual(findVatIds('Artikel 813941155B01'), [], 'no label: not taken for a Dutch VAT id');
  assert.deepEqual(findVatIds('Steuernummer: 333/4444/4444').map((m) => [m.value, m.checksum]), [['333/4444/4444', null]]);
  assert.deepEqual(findVatIds('Kundennummer 333/4444/4444'), []);
});

test('a Belgian enterprise number without its prefix, behind a BTW/TVA label, when its mod-97 check holds', () => {
  assert.deepEqual(findVatIds('BTW 0458.105.363', { labelled: true }).map((m) => [m.value, m.country, m.checksum]), [['BE0458105363', 'BE', true]]);
  assert.deepEqual(findVatIds('TVA 0662735276', { labelled: true }).map((m) => m.value), ['BE0662735276']);
  assert.deepEqual(findVatIds('BTW 0458.105.364', { labelled: true }), [], 'check digits fail');
  assert.deepEqual(findVatIds('Tel 0458.105.363'), [], 'no label: not taken');
  assert.deepEqual(findVatIds('TVA: 0662 735 276', { labelled: true }).map((m) => m.value), ['BE0662735276'], 'digits in groups');
  assert.deepEqual(findVatIds('GST REG NO: 001234567890 TEL: 0145678063', { labelled: true }).map((m) => m.country), ['MY'], 'a phone number on a tax id\'s line is none');
  assert.deepEqual(findVatIds('TVA n° 2023/0458105363', { labelled: true }), [], 'the tail of a longer reference');
  assert.deepEqual(findVatIds('VAT signing card-ID: 0743938827-001', { labelled: true }), [], "a till's signing card, not an id of its own");
  assert.deepEqual(findVatIds('BE 0679.914.471').map((m) => m.value), ['BE0679914471'], 'the prefixed form as before');
});

test("a prefixed id whose group's dot OCR read as a comma, only where its check digits then hold", () => {
  assert.deepEqual(findVatIds('BE 0679.914,471 - 09 374 61 43').map((m) => [m.value, m.checksum]), [['BE0679914471', true]]);
  assert.deepEqual(findVatIds('BE 0679.914,472', { labelled: true }), [], 'check digits fail: no id, labelled or not');
  assert.deepEqual(findVatIds('DE 123.456,78', { labelled: true }), [], "an amount's comma, two digits after it");
});

test('a Portuguese NIF without its prefix, behind its own label (NIF, NIPC, Contribuinte), when its mod-11 check holds', () => {
  assert.deepEqual(findVatIds('Registo C.R.C. Lisboa-Matrícula/NIPC: 500829993', { labelled: true }).map((m) => [m.value, m.country, m.checksum]), [['PT500829993', 'PT', true]]);
  assert.deepEqual(findVatIds('Contribuinte N.º 502 011 475', { labelled: true }).map((m) => m.value), ['PT502011475'], 'digits in groups, a number word between');
  assert.deepEqual(findVatIds('NIF: 500829994', { labelled: true }), [], 'check digit fails');
  assert.deepEqual(findVatIds('Tel.: 500829993', { labelled: true }), [], 'not behind its label');
  assert.deepEqual(findVatIds('NIF: 5008299931', { labelled: true }), [], 'the head of a longer number');
  assert.deepEqual(findVatIds('CPF do contribuinte: 123456789-09', { labelled: true }).filter((m) => m.country === 'PT'), [], "a Brazilian CPF's nine digits before its check digits");
});

test('a Canadian business number behind an HST/GST label, with its Luhn check digit', () => {
  assert.deepEqual(findVatIds('HST/GST # 813417409').map((m) => [m.value, m.country]), [['813417409', 'CA']]);
  assert.deepEqual(findVatIds('GST/HST No. 123456782 RT0001').map((m) => m.value), ['123456782']);
  assert.deepEqual(findVatIds('HST/GST # 813417408'), [], 'Luhn fails');
  assert.deepEqual(findVatIds('Order # 813417409'), [], 'no HST/GST label');
});

test('a Spanish CIF printed with a hyphen after its letter is found, without the hyphen', () => {
  assert.deepEqual(findVatIds('MERCADONA, S.A. A-46103834').map((v) => v.value), ['A46103834']);
  assert.deepEqual(findVatIds('A-46103835').map((v) => v.value), []); // check digit wrong
});

test('an id printed without its country prefix is validated when its shape and check digits name one country', () => {
  // Spanish CIF, NIF and NIE: the VIES form gets the ES prefix
  assert.deepEqual(validateVat('A46103834'), { country: 'ES', checksum: true, prefixed: 'ESA46103834' });
  assert.deepEqual(validateVat('A-46103834'), { country: 'ES', checksum: true, prefixed: 'ESA46103834' });
  assert.deepEqual(validateVat('74305431K'), { country: 'ES', checksum: true, prefixed: 'ES74305431K' });
  assert.deepEqual(validateVat('X1234567L'), { country: 'ES', checksum: true, prefixed: 'ESX1234567L' });
  // Brazilian CNPJ and Indian GSTIN carry no prefix
  assert.deepEqual(validateVat('02.421.421/0012-74'), { country: 'BR', checksum: true, prefixed: '02421421001274' });
  assert.deepEqual(validateVat('27AAPFU0939F1ZV'), { country: 'IN', checksum: true, prefixed: '27AAPFU0939F1ZV' });
  // a bare id whose check digits fail is not known to be of that country: unknown, not a wrong checksum
  assert.equal(validateVat('A46103835'), null);
  assert.equal(validateVat('74305431J'), null);
  assert.equal(validateVat('02421421001275'), null);
  assert.equal(validateVat('27CORPP3939N1ZQ'), null);
  // shapes any number has are not guessed at: 9 digits (a Canadian BN?), 11 digits (a Partita IVA?)
  assert.equal(validateVat('813417409'), null);
  assert.equal(validateVat('11463300969'), null);
  // a prefixed id is still read by its prefix
  assert.deepEqual(validateVat('ESA46103834'), { country: 'ES', checksum: true });
});
