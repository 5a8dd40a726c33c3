import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields } from '../../../src/contract.js';
import { DISPUTED_CONFIDENCE, mergePaymentCodes } from '../../../src/pipeline/qr/merge.js';
import type { RawCode } from '../../../src/pipeline/qr/types.js';

const raw = (text: string, page = 1): RawCode => ({ page, text, bytes: new TextEncoder().encode(text) });
const swiss = (amount: string, s1 = '', iban = 'CH4431999123000889012') => raw(['SPC', '0200', '1', iban, 'S', 'Robert Schneider AG', 'Rue du Lac', '1268', '2501', 'Biel', 'CH',
  '', '', '', '', '', '', '', amount, 'CHF', '', '', '', '', '', '', '', 'QRR', '210000000003139471430009017', '', 'EPD', s1].join('\n'));

test('a valid code fills the fields exactly and replaces readings the text itself doubted', () => {
  const fields = emptyFields();
  fields.amount_total = { value: 1949.15, confidence: 0.4 };
  const merged = mergePaymentCodes(fields, [swiss('1949.75')]);
  assert.deepEqual(fields.amount_total, { value: 1949.75, confidence: 1, source: 'qr:swiss' });
  assert.deepEqual(fields.iban, { value: 'CH4431999123000889012', confidence: 1, source: 'qr:swiss' });
  assert.deepEqual(merged.review_reasons, []);
  assert.equal(merged.payment_codes[0].values.reference_type, 'QRR');
});

test('a confident text reading that differs: review with the reason, the value not sure enough to write', () => {
  const fields = emptyFields();
  fields.amount_total = { value: 1950.75, confidence: 0.9 };
  fields.vendor_vat = { value: 'CHE-106.017.086 MWST', confidence: 0.95 };
  fields.vendor_name = { value: 'ROBERT SCHNEIDER AG, Biel', confidence: 0.9 };
  const merged = mergePaymentCodes(fields, [swiss('1949.75', '//S1/30/106017086')]);
  assert.equal(fields.amount_total.confidence, DISPUTED_CONFIDENCE);
  assert.deepEqual(merged.review_reasons, ['amount_total: the Swiss QR-bill says 1949.75, the text reads 1950.75']);
  assert.equal(fields.vendor_vat.confidence, 1); // the same VAT number, formatted otherwise
  assert.equal(fields.vendor_name.confidence, 1); // the same name in a letterhead
});

test('an invalid code is reported and changes nothing', () => {
  const fields = emptyFields();
  const merged = mergePaymentCodes(fields, [swiss('1949.75', '', 'CH4431999123000889013')]);
  assert.equal(fields.iban?.value, null);
  assert.equal(fields.amount_total.value, null);
  assert.equal(merged.payment_codes[0].valid, false);
  assert.match(merged.review_reasons[0], /^Swiss QR-bill on page 1 is invalid, not used: account CH4431999123000889013/);
});

test('two valid codes with different amounts: neither is used', () => {
  const fields = emptyFields();
  const merged = mergePaymentCodes(fields, [swiss('10.00'), swiss('20.00', '', 'CH4431999123000889012')]);
  assert.equal(fields.amount_total.value, null);
  assert.match(merged.review_reasons.join(), /2 payment codes with different accounts or amounts: none used/);
});

test('an OCR misreading of the same value is no contradiction: a lost decimal point, a few letters of the name', () => {
  const fields = emptyFields();
  fields.amount_total = { value: 194975, confidence: 0.9 }; // 1949.75 read without its point
  fields.vendor_name = { value: 'Robrt Schnelder AG', confidence: 0.9 }; // e lost, i read as l: no word in common
  const merged = mergePaymentCodes(fields, [swiss('1949.75')]);
  assert.deepEqual(merged.review_reasons, []);
  assert.deepEqual(fields.amount_total, { value: 1949.75, confidence: 1, source: 'qr:swiss' });
  assert.equal(fields.vendor_name.confidence, 1);
});

test('another name or other digits still contradict the code', () => {
  const fields = emptyFields();
  fields.amount_total = { value: 194875, confidence: 0.9 }; // one digit differs: not a lost point
  fields.vendor_name = { value: 'Muster Handels GmbH', confidence: 0.9 };
  const merged = mergePaymentCodes(fields, [swiss('1949.75')]);
  assert.equal(fields.amount_total.confidence, DISPUTED_CONFIDENCE);
  assert.equal(fields.vendor_name.confidence, DISPUTED_CONFIDENCE);
  assert.equal(merged.review_reasons.length, 2);
});
