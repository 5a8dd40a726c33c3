// A folio or statement prints its lines as a ledger: "Date | Description | Debit | Credit", a line per charge, each
// dated the day it was posted, and the card payment a line of its own (issue #13, scans). Snippets written for these
// tests, laid out as OCR reads such a page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractDates } from '../../../src/pipeline/extract/keydates.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { paidAmounts } from '../../../src/pipeline/extract/totals.js';
import { docFromLines } from './helpers.js';

const rowsOf = (lines: string[]) => buildRows(docFromLines(lines));

const LEDGER = [
  'Date  |  Description  |  Debit  |  Credit',
  '14-03-21  |  Room  |  95.00',
  '15-03-21  |  Room  |  95.00',
  '15-03-21  |  Visa  |  |  190.00',
  'Total  |  190.00  |  190.00',
];

test('a ledger\'s "Debit | Credit" heading names its columns: the amount under "Credit" is no card payment', () => {
  // the card payment read is the card line's, not the first charge under the heading
  assert.deepEqual(paidAmounts(rowsOf(LEDGER), '.'), [190]);
  assert.deepEqual(paidAmounts(rowsOf(['Date  |  Description  |  Debit  |  Credit', '14-03-21  |  Room  |  95.00', 'Total  |  95.00']), '.'), []);
  // a till's card line still is one
  assert.deepEqual(paidAmounts(rowsOf(['Total  |  12.40', 'Credit  |  12.40']), '.'), [12.4]);
  // ... and so is a card line naming both kinds of card in one cell: only heading cells of their own head a ledger
  assert.deepEqual(paidAmounts(rowsOf(['Amount due  |  38.60', 'Debit / Credit card  |  38.60']), '.'), [38.6]);
  assert.deepEqual(paidAmounts(rowsOf(['Total  |  27.15', 'DEBIT-CREDIT  |  27.15']), '.'), [27.15]);
});

test('the date under the "Date" heading of a table\'s lines is the first line\'s, not the document\'s', () => {
  const d = extractDates(rowsOf(['Hotel Example', 'Departure  |  16-03-21', ...LEDGER]), 'DMY');
  assert.notEqual(d.date.value, '2021-03-14');
  // ... a heading over item columns too ("Date | Description | Qty | Amount")
  const items = extractDates(rowsOf(['Service report  |  20-03-21', 'Date  |  Description  |  Qty  |  Amount', '14-03-21  |  Repair  |  1  |  80.00']), 'DMY');
  assert.notEqual(items.date.value, '2021-03-14');
  // a header row of the document's own fields still labels the date under it
  const own = extractDates(rowsOf(['Invoice No  |  Date', '1234  |  14-03-21']), 'DMY');
  assert.equal(own.date.value, '2021-03-14');
});

test('a dateline, a place and a comma before the date, dates the document over dates printed without a label', () => {
  const d = extractDates(rowsOf(['Arrival  |  14-03-21', 'Departure  |  16-03-21', 'Guest  |  J. Doe  |  Hotel Example Lakeside, 16-03-21']), 'DMY');
  assert.equal(d.date.value, '2021-03-16');
  assert.equal(extractDates(rowsOf(['Ref 17-03-21', 'Berlin, den 18.03.2021']), 'DMY').date.value, '2021-03-18');
});
