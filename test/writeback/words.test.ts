import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reasonText } from '../../src/writeback/reasons.js';
import { reasonInWords } from '../../src/writeback/words.js';

const inWords = (reason: string, withheld: Set<string> = new Set()) => {
  const code = reasonInWords(reason, withheld);
  return code && reasonText(code);
};

describe('review reasons in words', () => {
  it('names fields as an accountant does and gives percents', () => {
    assert.equal(inWords('low confidence: vendor_name (0.63)'), 'Unsure reading: Vendor 63 %');
    assert.equal(inWords('no invoice number'), 'Document number not found on the document');
    assert.equal(
      inWords('inconsistent totals: untaxed 100 + tax 19 != total 120'),
      'Amounts do not add up: untaxed 100 + tax 19 is not the total 120',
    );
    assert.equal(inWords('total not written: confidence 0.58 below 0.97'), 'Total not written: read with 58 % confidence, below 97 %');
  });

  it('gives each reason as a code with parameters, for the addon to say in the reader\'s language', () => {
    assert.deepEqual(reasonInWords('low confidence: vendor_name (0.63)', new Set()), { code: 'unsure_reading', params: { field: 'vendor_name', confidence: 0.63 } });
    assert.deepEqual(reasonInWords('vendor not written: confidence 0.5 below 0.97', new Set()),
      { code: 'key_not_written', params: { field: 'vendor_name', confidence: 0.5, threshold: 0.97 } });
    assert.deepEqual(reasonInWords('no date', new Set()), { code: 'field_missing', params: { field: 'date' } });
  });

  it('drops an unsure field that the not-written reason already lists', () => {
    assert.equal(reasonInWords('low confidence: date (0.42)', new Set(['date'])), null);
  });

  it('keeps a reason it does not know, as text', () => {
    assert.deepEqual(reasonInWords('currency EUR is not active in Odoo: amounts not written', new Set()),
      { code: 'text', params: { text: 'currency EUR is not active in Odoo: amounts not written' } });
  });
});
