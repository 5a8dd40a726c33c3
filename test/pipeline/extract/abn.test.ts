// An Australian issuer's tax id is its ABN (Australian Business Number), printed behind its own label with 11 digits
// whose check the Australian Taxation Office publishes; on its bill a "$" is the Australian dollar (issue #13, scans).
// Snippets written for these tests; 51 824 753 556 is the ATO's own example of a valid ABN.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import vm from 'node:vm';
import { detectCurrency } from '../../../src/pipeline/extract/currency.js';
import { checkAbn, findVatIds } from '../../../src/pipeline/extract/vat.js';

test('an ABN behind its label is the issuer\'s tax id when its check holds', () => {
  assert.equal(checkAbn('51824753556'), true);
  assert.equal(checkAbn('51824753557'), false);
  const ids = findVatIds('Example Widgets Pty Ltd  ABN: 51 824 753 556  Tel 03 9000 0000');
  assert.deepEqual(ids.map((i) => [i.value, i.country, i.checksum]), [['51824753556', 'AU', true]]);
  // a digit off: no id; and 11 digits with no ABN label are no Australian id
  assert.deepEqual(findVatIds('ABN: 51 824 753 557').filter((i) => i.country === 'AU'), []);
  assert.deepEqual(findVatIds('Account 51 824 753 556').filter((i) => i.country === 'AU'), []);
});

test('a "$" on a bill whose issuer has an Australian tax id is the Australian dollar', () => {
  const text = 'Subtotal  $2.73\nGST (10%)  $0.27\nTotal  $3.00';
  assert.equal(detectCurrency(text, { country: 'AU' }).value, 'AUD');
  assert.equal(detectCurrency(text).value, 'USD');
});

test('a label followed by a long blank run is read in linear time (findVatIds reads whole documents)', () => {
  // runs of \s* side by side backtrack cubically: 5,000 blanks behind "ABN" or "HST" took minutes; bounded, no time at
  // all (the script is stopped after seconds, a margin of thousands against the fixed pattern)
  const blanks = ' '.repeat(5000);
  for (const text of [`ABN${blanks}x`, `A.B.N. no.${blanks}x`, `HST${blanks}x`, `GST / HST Reg${blanks}x`]) {
    const ids = vm.runInNewContext('findVatIds(text)', { findVatIds, text }, { timeout: 3000 }) as ReturnType<typeof findVatIds>;
    assert.deepEqual(ids, [], text.trim());
  }
  // the label's spellings still reach the number, a colon in a cell of its own too
  for (const text of ['ABN No.: 51 824 753 556', 'ABN   :   51 824 753 556', 'A.B.N. # 51824753556'])
    assert.deepEqual(findVatIds(text).map((i) => i.value), ['51824753556'], text);
  assert.deepEqual(findVatIds('HST Reg # : 123456782 RT0001').map((i) => i.value), ['123456782']);
});
