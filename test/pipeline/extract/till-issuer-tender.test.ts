// European till slips (issue #13): how a till prints its issuer (a legal line whose company form the till's font
// prints without its umlaut) and the cash tendered over the change. Each test pins one rule on a
// few synthetic lines laid out as OCR reads till print, and fails without it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractTotals, paidAmounts } from '../../../src/pipeline/extract/totals.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { docFromLines } from './helpers.js';

const rowsOf = (lines: string[]) => buildRows(docFromLines(lines));
const slipVendor = (lines: string[]) => extractVendor(rowsOf(lines), { tillSlip: true }).vendor_name.value;

test('a company form printed without its umlaut ("OU" for Estonia\'s OÜ) ends a name in capitals, before a dash and the shop\'s trade name', () => {
  const slip = ['KIVIKO', 'KIVIKO Kaubandus OU - KIVIKO', 'Pood 2', 'Narva mnt. 5, 10117 Tallinn', 'Reg. kood: 10000000, KMKR: EE100000000', 'Kokku €:  |  5,40'];
  assert.equal(slipVendor(slip), 'KIVIKO Kaubandus OU');
});

test('a dash after a capitals-only form takes the shop\'s trade name only when it repeats the brand ("… OU - AVOIR" is a sentence: "ou" is French for "or")', () => {
  const slip = ['FNAC', 'FNAC CARTE CADEAU OU - AVOIR', 'Rue de Rennes 136, 75006 Paris', 'TOTAL EUR  |  25,00'];
  assert.notEqual(slipVendor(slip), 'FNAC CARTE CADEAU OU');
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

test('a bare whole number under a total label is the total rounded to the unit when untaxed + tax make it up (India\'s rupee), not a lost decimal point', () => {
  const totalOf = (lines: string[]) => extractTotals(rowsOf(lines), { decimal: '.', isReceipt: true }).amount_total.value;
  // 530.00 + 26.50 = 556.50, rounded to 557 (the round-off line misread: the unit rounding alone says so)
  assert.equal(totalOf(['Veg Burger  |  400.00', 'Fries  |  130.00', 'SubTotal:  |  530.00', 'GST@5%  |  26.50', 'Round 1 off:  |  0.50', 'Total Invoice Value:  |  557', 'PAY:  |  557']), 557);
  // a lost decimal point stays one: 12.00 + 0.72 = 12.72 is printed "1272"
  assert.equal(totalOf(['Nasi Lemak  |  12.00', 'Sub Total  |  12.00', 'GST 6%  |  0.72', 'Total  |  1272']), 12.72);
});

test('"Round off" opens cash rounding\'s line ("Afronding", "Avrundning", "Zaokrouhlení" too): the rounding makes a whole total add up', () => {
  const totalOf = (lines: string[]) => extractTotals(rowsOf(lines), { decimal: '.', isReceipt: true }).amount_total.value;
  // 528.00 + 26.40 = 554.40, rounded up to 555 by the round-off line (not to the nearest unit)
  assert.equal(totalOf(['Paneer Tikka  |  528.00', 'Sub Total:  |  528.00', 'GST @5%:  |  26.40', 'Round Off:  |  0.60', 'Total:  |  555']), 555);
});
