import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isQrIban, isValidCreditorReference, isValidIban, isValidQrReference } from '../../../src/pipeline/qr/checks.js';
import { parseEpcQr } from '../../../src/pipeline/qr/epc.js';
import { parsePaymentCode } from '../../../src/pipeline/qr/parse.js';
import { parseSatQr } from '../../../src/pipeline/qr/sat.js';
import { parseS1, parseSwissQr } from '../../../src/pipeline/qr/swiss.js';

// Payloads as the standards' own examples print them (Swiss Implementation Guidelines QR-bill, EPC069-12).
const swiss = (over: Record<number, string> = {}, extra: string[] = []) => {
  const lines = ['SPC', '0200', '1', 'CH4431999123000889012', 'S', 'Robert Schneider AG', 'Rue du Lac', '1268', '2501', 'Biel', 'CH',
    '', '', '', '', '', '', '', '1949.75', 'CHF', 'S', 'Pia-Maria Rutschmann-Schnyder', 'Grosse Marktgasse', '28', '9400', 'Rorschach', 'CH',
    'QRR', '210000000003139471430009017', 'Order of 15 June 2020', 'EPD', ...extra];
  for (const [i, v] of Object.entries(over)) lines[Number(i)] = v;
  return lines.join('\r\n');
};

describe('check digits', () => {
  it('IBAN mod 97 and length per country', () => {
    assert.equal(isValidIban('CH4431999123000889012'), true);
    assert.equal(isValidIban('CH4431999123000889013'), false);
    assert.equal(isValidIban('DE89370400440532013000'), true);
    assert.equal(isValidIban('DE8937040044053201300'), false); // one digit short for DE
  });
  it('QR-IBAN by institution id 30000-31999', () => {
    assert.equal(isQrIban('CH4431999123000889012'), true);
    assert.equal(isQrIban('CH9300762011623852957'), false);
  });
  it('QR reference: modulo 10 recursive', () => {
    assert.equal(isValidQrReference('210000000003139471430009017'), true);
    assert.equal(isValidQrReference('210000000003139471430009018'), false);
    assert.equal(isValidQrReference('21000000000313947143000901'), false);
  });
  it('creditor reference: ISO 11649', () => {
    assert.equal(isValidCreditorReference('RF18539007547034'), true);
    assert.equal(isValidCreditorReference('RF19539007547034'), false);
  });
});

describe('Swiss QR-bill', () => {
  it('reads a valid QR-bill with a QR reference', () => {
    const code = parseSwissQr(swiss(), 1);
    assert.equal(code.valid, true, code.problems.join());
    assert.deepEqual(
      [code.values.iban, code.values.creditor_name, code.values.amount, code.values.currency, code.values.reference_type, code.values.reference],
      ['CH4431999123000889012', 'Robert Schneider AG', 1949.75, 'CHF', 'QRR', '210000000003139471430009017'],
    );
    assert.equal(code.values.message, 'Order of 15 June 2020');
  });
  it('an open amount stays open', () => {
    const code = parseSwissQr(swiss({ 18: '' }), 1);
    assert.equal(code.valid, true);
    assert.equal(code.values.amount, undefined);
  });
  it('rejects, with the reason, a wrong check digit, a QR reference on a normal IBAN, USD, a bad amount', () => {
    const cases: [Record<number, string>, RegExp][] = [
      [{ 28: '210000000003139471430009018' }, /mod-10/],
      [{ 3: 'CH9300762011623852957' }, /needs a QR-IBAN/],
      [{ 3: 'CH4431999123000889013' }, /not a valid CH\/LI IBAN/],
      [{ 19: 'USD' }, /currency "USD"/],
      [{ 18: '1949.7' }, /two decimals/],
      [{ 27: 'SCOR', 28: 'RF18539007547034' }, /QR-IBAN needs a QR reference/],
      [{ 30: 'END' }, /trailer/],
    ];
    for (const [over, why] of cases) {
      const code = parseSwissQr(swiss(over), 2);
      assert.equal(code.valid, false, JSON.stringify(over));
      assert.match(code.problems.join('; '), why);
    }
  });
  it('a creditor reference on a normal IBAN, and NON without reference', () => {
    assert.equal(parseSwissQr(swiss({ 3: 'CH9300762011623852957', 27: 'SCOR', 28: 'RF18 5390 0754 7034' }), 1).values.reference, 'RF18539007547034');
    const non = parseSwissQr(swiss({ 3: 'CH9300762011623852957', 27: 'NON', 28: '' }), 1);
    assert.equal(non.valid, true);
    assert.equal(non.values.reference, undefined);
  });
  it('reads the //S1/ bill information: number, date, VAT, net days', () => {
    const code = parseSwissQr(swiss({}, ['//S1/10/10201409/11/190512/20/1400.000-53/30/106017086/31/180508190512/32/7.7/40/2:10;0:30']), 1);
    assert.equal(code.valid, true);
    assert.deepEqual([code.values.invoice_number, code.values.date, code.values.vat, code.values.due_date], ['10201409', '2019-05-12', 'CHE106017086', '2019-06-11']);
  });
  it('malformed bill information is not used at all, the payment data stays valid', () => {
    const code = parseSwissQr(swiss({}, ['//S1/01/20170309/11/10201409/30/CH106017086']), 1);
    assert.equal(code.valid, true);
    assert.equal(code.values.invoice_number, undefined);
    assert.equal(code.values.date, undefined);
    assert.match(code.problems[0], /bill information .* not used: unknown tag 01/);
    assert.equal(typeof parseS1('//S1/11/191332'), 'string'); // month 13
    assert.deepEqual(parseS1('//S1/10/A\\/B'), { invoice_number: 'A/B' }); // escaped slash
  });
});

describe('EPC QR code (GiroCode)', () => {
  const epc = (lines: string[]) => lines.join('\n');
  it('version 002 without BIC, with a creditor reference', () => {
    const code = parseEpcQr(epc(['BCD', '002', '1', 'SCT', '', 'Franz Mustermänn', 'DE71110220330123456789', 'EUR12.3', 'GDDS', 'RF18539007547034']), 1);
    assert.equal(code.valid, true, code.problems.join());
    assert.deepEqual([code.values.iban, code.values.amount, code.values.currency, code.values.reference], ['DE71110220330123456789', 12.3, 'EUR', 'RF18539007547034']);
  });
  it('version 001 needs a BIC; wrong IBAN or reference check digits are refused', () => {
    assert.match(parseEpcQr(epc(['BCD', '001', '1', 'SCT', '', 'X', 'DE71110220330123456789']), 1).problems.join(), /BIC is required/);
    assert.match(parseEpcQr(epc(['BCD', '002', '1', 'SCT', '', 'X', 'DE72110220330123456789']), 1).problems.join(), /not a valid IBAN/);
    assert.match(parseEpcQr(epc(['BCD', '002', '1', 'SCT', '', 'X', 'DE71110220330123456789', 'EUR1', '', 'RF19539007547034']), 1).problems.join(), /ISO 11649/);
    assert.match(parseEpcQr(epc(['BCD', '002', '1', 'SCT', '', 'X', 'DE71110220330123456789', 'EUR1', '', '+++090/9337/55400+++']), 1).problems.join(), /Belgian/);
    assert.match(parseEpcQr(epc(['BCD', '002', '1', 'SCT', '', 'X', 'DE71110220330123456789', 'USD1']), 1).problems.join(), /amount/);
  });
  it('decodes the bytes in the character set the code declares', () => {
    const bytes = Buffer.from(['BCD', '002', '2', 'SCT', '', 'Électricité Lefèvre', 'BE68539007547034', 'EUR1.5'].join('\n'), 'latin1');
    const code = parsePaymentCode({ page: 1, text: 'garbled', bytes: new Uint8Array(bytes) });
    assert.equal(code?.values.creditor_name, 'Électricité Lefèvre');
  });
});

describe('CFDI SAT QR code', () => {
  it('reads id, re, rr and tt from the verification URL', () => {
    const code = parseSatQr('https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=CEE4BE01-ADFA-4DEB-8421-ADD60F0BEDAC&re=EKU9003173C9&rr=COSC8001137NA&tt=2382870.00&fe=/OAgdg==', 1);
    assert.equal(code.valid, true, code.problems.join());
    assert.deepEqual([code.values.uuid, code.values.vat, code.values.receiver_vat, code.values.amount], ['CEE4BE01-ADFA-4DEB-8421-ADD60F0BEDAC', 'EKU9003173C9', 'COSC8001137NA', 2382870]);
  });
  it('refuses another host and a malformed RFC', () => {
    assert.equal(parseSatQr('https://example.com/default.aspx?id=CEE4BE01-ADFA-4DEB-8421-ADD60F0BEDAC&re=EKU9003173C9&rr=COSC8001137NA&tt=1', 1).valid, false);
    assert.match(parseSatQr('?re=EKU90031&rr=COSC8001137NA&tt=0000000001.000000&id=CEE4BE01-ADFA-4DEB-8421-ADD60F0BEDAC', 1).problems.join(), /issuer RFC/);
  });
  it('other QR codes are none of ours', () => {
    assert.equal(parsePaymentCode({ page: 1, text: 'https://example.com/', bytes: new Uint8Array() }), null);
  });
});
