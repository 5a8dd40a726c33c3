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
  assert.equal(d.date.value, '2021-03-16');
  // ... a heading over item columns too ("Date | Description | Qty | Amount")
  const items = extractDates(rowsOf(['Service report  |  20-03-21', 'Date  |  Description  |  Qty  |  Amount', '14-03-21  |  Repair  |  1  |  80.00']), 'DMY');
  assert.equal(items.date.value, '2021-03-20');
  // a header row of the document's own fields still labels the date under it
  const own = extractDates(rowsOf(['Invoice No  |  Date', '1234  |  14-03-21']), 'DMY');
  assert.equal(own.date.value, '2021-03-14');
});

test('a dateline, a place and a comma before the date, dates the document over dates printed without a label', () => {
  const d = extractDates(rowsOf(['Arrival  |  14-03-21', 'Departure  |  16-03-21', 'Guest  |  J. Doe  |  Hotel Example Lakeside, 16-03-21']), 'DMY');
  assert.equal(d.date.value, '2021-03-16');
  assert.equal(extractDates(rowsOf(['Ref 17-03-21', 'Berlin, den 18.03.2021']), 'DMY').date.value, '2021-03-18');
});

test('a dateline is the whole of the date\'s cell before it, its place no weekday', () => {
  // a day named before a date is no place: the till's stamp dates the slip, not an announced day
  const slip = (footer: string) => extractDates(rowsOf(['Bakery Example', 'Bon 0042  |  15.03.2021 14:32', 'Brot  |  3.20', 'SUMME  |  3.20', footer]), 'DMY');
  assert.equal(slip('Neueroeffnung Samstag, 20.03.2021').date.value, '2021-03-15');
  assert.equal(slip('Offer ends Sunday, 28/03/2021').date.value, '2021-03-15');
  assert.equal(slip('SAT, 27.03.2021 open till 18:00').date.value, '2021-03-15');
  // a weekday before a date in a cell to the right of a label: no dateline either
  const stay = extractDates(rowsOf(['Hotel Example', 'Departure  |  16-03-21', 'Arrival  |  Mon, 14-03-21']), 'DMY');
  assert.equal(stay.date.value, '2021-03-16');
  assert.notEqual(stay.explain.date.winner?.why[0], 'preposition');
  // a place and a comma after a label, or at the end of a sentence, is no dateline: the cell's text before the date is
  assert.equal(slip('Abholung: Lyon, 22.03.2021').date.value, '2021-03-15');
  assert.equal(slip('Thank you for shopping with us in Lyon, 22.03.2021').date.value, '2021-03-15');
  // a place of several words, a joining word between them, and its preposition still is one
  assert.equal(extractDates(rowsOf(['Ref 17-03-21', 'Frankfurt am Main, den 18.03.2021']), 'DMY').date.value, '2021-03-18');
  assert.equal(extractDates(rowsOf(['Ref 17-03-21', 'Roma, il 19/03/2021']), 'DMY').date.value, '2021-03-19');
});
