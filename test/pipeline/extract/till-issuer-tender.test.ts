// European till slips (issue #13): how a till prints its issuer (a legal line whose company form the till's font
// prints without its umlaut, a public body's name) and the cash tendered over the change. Each test pins one rule on a
// few synthetic lines laid out as OCR reads till print, and fails without it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { paidAmounts } from '../../../src/pipeline/extract/totals.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { docFromLines } from './helpers.js';

const rowsOf = (lines: string[]) => buildRows(docFromLines(lines));
const slipVendor = (lines: string[]) => extractVendor(rowsOf(lines), { tillSlip: true }).vendor_name.value;

test('a company form printed without its umlaut ("OU" for Estonia\'s OÜ) ends a name in capitals, before a dash and the shop\'s trade name', () => {
  const slip = ['KIVIKO', 'KIVIKO Kaubandus OU - KIVIKO', 'Pood 2', 'Narva mnt. 5, 10117 Tallinn', 'Reg. kood: 10000000, KMKR: EE100000000', 'Kokku €:  |  5,40'];
  assert.equal(slipVendor(slip), 'KIVIKO Kaubandus OU');
});

test('a public body\'s name begins with its kind ("CITY OF …"): it is the issuer\'s name, no continuation of the line above', () => {
  const slip = ['KEEP THIS SIDE VISIBLE', 'CITY OF SPRINGFIELD', 'NOT VALID FOR', 'ONSTREET PARKING', 'Purchase Date/Time: 01:34pm Aug 19, 2024', 'Total Due: $5.00'];
  assert.equal(slipVendor(slip), 'CITY OF SPRINGFIELD');
});

test('the cash tendered read as two rows, its amount over its word ("20,00" / "EURO"), is still the tender above the change', () => {
  assert.deepEqual(paidAmounts(rowsOf(['Zwischensumme EUR  |  15,95', '20,00', 'EURO', 'Rückgeld EUR  |  4,05']), ','), [15.95]);
  // words on the amount's row make it no tender's amount
  assert.deepEqual(paidAmounts(rowsOf(['Zwischensumme EUR  |  15,95', 'Pfand 20,00', 'EURO', 'Rückgeld EUR  |  4,05']), ','), []);
});

test('"Rückgeld" with its umlaut misread ("Rusckgeld", "Rnckgeld": OCR errs on the umlaut) is still the change line', () => {
  assert.deepEqual(paidAmounts(rowsOf(['Zwischensumme EUR  |  15,95', 'BAR  |  20,00', 'Rusckgeld EUR  |  4,05']), ','), [15.95]);
  assert.deepEqual(paidAmounts(rowsOf(['SUMME EUR  |  15,95', 'BAR  |  20,00', 'Rnckgeld EUR  |  4,05']), ','), [15.95]);
});
