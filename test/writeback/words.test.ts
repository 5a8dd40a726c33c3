import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reasonInWords } from '../../src/writeback/words.js';

describe('review reasons in words', () => {
  it('names fields as an accountant does and gives percents', () => {
    assert.equal(reasonInWords('low confidence: vendor_name (0.63)', new Set()), 'Unsure reading: Vendor 63 %');
    assert.equal(reasonInWords('no invoice number', new Set()), 'Document number not found on the document');
    assert.equal(
      reasonInWords('inconsistent totals: untaxed 100 + tax 19 != total 120', new Set()),
      'Amounts do not add up: untaxed 100 + tax 19 is not the total 120',
    );
  });

  it('drops an unsure field that the not-written reason already lists', () => {
    assert.equal(reasonInWords('low confidence: date (0.42)', new Set(['date'])), null);
  });

  it('keeps a reason it does not know', () => {
    assert.equal(reasonInWords('currency EUR is not active in Odoo: amounts not written', new Set()), 'currency EUR is not active in Odoo: amounts not written');
  });
});
