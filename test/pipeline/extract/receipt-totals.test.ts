// Receipt totals and dates (issue #13, deliverable 2): each test pins one general rule on a short snippet laid out
// as OCR reads till print, cash bills and delivery bills.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractTotals, paidAmounts } from '../../../src/pipeline/extract/totals.js';
import { docFromLines } from './helpers.js';

const rowsOf = (lines: string[]) => buildRows(docFromLines(lines));
const totalsOf = (lines: string[]) => extractTotals(rowsOf(lines), { decimal: '.', isReceipt: true });

test('a bill with one total per tax rate: what is payable is their sum, not the rate printed twice', () => {
  const t = totalsOf([
    'DESCRIPTION  |  AMT(RM)', 'BREAD  |  6.39', 'CAKE  |  4.24',
    'TOTAL 0% SUPPLIES:  |  6.39', 'TOTAL 6% SUPPLIES (EXCL. GST):  |  4.00', 'GST:  |  0.24',
    'TOTAL 6% SUPPLIES (INC. GST):  |  4.24', 'TOTAL 0% SUPPLIES:  |  6.39', 'TOTAL PAYABLE:  |  10.63', 'E.& O.E.',
  ]);
  assert.equal(t.amount_total.value, 10.63);
  assert.ok(t.explain.amount_total.winner?.why.includes('rate-parts-add-up'));
  // the rate's total that names its tax ("INC. GST") is no tax amount
  assert.equal(t.amount_tax.value, 0.24);
});

test('the rates\' totals add up to a total whose label OCR misread', () => {
  const t = totalsOf([
    'TOTAL 0% SUPPLIES:  |  6.39', 'GST:  |  0.24', 'TOTAL 6% SUPPLIES (INC. GST):  |  4.24', 'TOTAL 0% SUPPLIES:  |  6.39',
    'TOTAL PAYAELE:  |  10.63',
  ]);
  assert.equal(t.amount_total.value, 10.63);
});

test('"Total Incl of GST" is the total, not a tax line', () => {
  // (read as a tax line, its 7.00 made untaxed + tax = 14.00 the total)
  const t = totalsOf(['10.00 NOS  |  x 0.70  |  7.00  |  SR', 'Subtotal  |  7.00', 'Total Incl of GST  |  7.00', 'Payment  |  —700', 'Change Due  |  0.00']);
  assert.equal(t.amount_total.value, 7);
  assert.equal(t.amount_tax.value, null);
});

test('cash, tender and change: the cash line is what was paid when tender − change equals it', () => {
  const rows = rowsOf(['Total Sales Incl GST  |  8.60', 'Cash  |  8.60', 'Tendered  |  9.00', 'Change  |  0.40']);
  assert.deepEqual(paidAmounts(rows, '.'), [8.6]);
  // a decimal point read as a space after the currency ("RM 8 60") is still one: the total is 8.60, not 8
  const t = totalsOf(['Total Sales Incl GST @ 6% RM 8 60', 'Cash  |  8.60', 'Tendered  |  9.00', 'Change  |  0.40']);
  assert.equal(t.amount_total.value, 8.6);
});

test('no total label: the amount that the amounts above it add up to is the total, not the largest item', () => {
  const t = totalsOf(['09/03/2018 21:26 0001', 'DPT.05 RM 149.00', 'DPT.04 RM 21.00', 'CASH', 'RM 170. 00']);
  assert.equal(t.amount_total.value, 170);
});

test('receipt date: a US street address beside dollars makes "6/10/2019" month first', async () => {
  const doc = docFromLines(['Contoso', '123 Main Street', 'Redmond, WA 98052', '6/10/2019 13:59', '1 Surface Pen  |  $99.99', 'Total  |  $99.99']);
  const { fields } = await extractFields(doc);
  assert.equal(fields.date.value, '2019-06-10');
  // the same slip from a European address stays day first
  const eu = docFromLines(['Contoso', 'Hauptstrasse 1', '10115 Berlin', '6/10/2019 13:59', '1 Surface Pen  |  $99.99', 'Total  |  $99.99']);
  assert.equal((await extractFields(eu)).fields.date.value, '2019-10-06');
});

test('"Net Total" with no total label after it is what the slip sums up to; before "VAT / Total" it is untaxed', () => {
  // (the GST of 6 % is included: 45.00 + 2.55 is no total)
  assert.equal(totalsOf(['9555339300051  |  1  |  45.00', 'NET TOTAL :  |  45.00', 'GST 6%  |  2.55']).amount_total.value, 45);
  const invoice = totalsOf(['Net total  |  100.00', 'VAT 20%  |  20.00', 'Total  |  120.00']);
  assert.deepEqual([invoice.amount_total.value, invoice.amount_untaxed.value], [120, 100]);
});

test('a slip\'s total below half its subtotal is misread digits: the subtotal stands in, unless the payment confirms it', () => {
  const t = totalsOf(['8710143220987 2 12.00 24.00', 'SUB-TOTAL (GST) 24.00', 'DISC  |  0.00', 'TOTAL  |  =4.00', 'GST SUMMARY', 'SR  |  22.68  |  6%  |  1.36']);
  assert.equal(t.amount_total.value, 24);
  // paid by card: the total stands, the subtotal was the misread one
  assert.equal(totalsOf(['Zu zahlen  |  1,04', 'Kreditkarte  |  1,04', 'Netto  |  9,99']).amount_total.value, 1.04);
});

test('no total read: untaxed + tax stands in only for a tax that could be one of it (at most 30 %)', () => {
  const rows = ['SUB-TOTAL  |  24.00', 'TOTAL GST  |  22.68', 'THANK YOU'];
  assert.equal(extractTotals(rowsOf(rows), { decimal: '.' }).amount_total.value, null);
  assert.equal(extractTotals(rowsOf(['SUB-TOTAL  |  24.00', 'TOTAL GST  |  1.44', 'THANK YOU']), { decimal: '.' }).amount_total.value, 25.44);
});

test('amounts adding up: a subtotal repeating the one item above is not counted again', () => {
  // 25.00 + 25.00 = 50.00 is the cash handed over, not the total
  const t = totalsOf(['2 TAU SAR PNEAH @12.50  |  25.00', 'SubTotal  |  25.00', 'CASH  |  50.00']);
  assert.equal(t.amount_total.value, 25);
});

test('no total read: a "CASH RECEIPT" title is no payment line, the subtotal above the card line stands in', () => {
  const t = totalsOf(['BEMED (SP) SDN. BHD.', 'CASH RECEIPT', 'Qty Code Desc  |  Price Total', '1 PRISTIN OMEGA  |  300.00', '2 ALPHA LIPID  |  165.00 330', '1 DERMAFRO OINT  |  5.00',
    'SubTotal:  |  635.00', 'Rounding Adj :  |  0.00', 'MASTER  |  .00']);
  assert.equal(t.amount_total.value, 635);
});

test('the payable line unreadable: the rates\' totals summed stand in, above any one rate\'s', () => {
  const t = totalsOf(['TOTAL 0% SUPPLIES:  |  6.39', 'GST:  |  0.24', 'TOTAL 6% SUPPLIES (INC. GST):  |  4.24', 'TOTAL 0% SUPPLIES:  |  6.39', 'E.& O.E.']);
  assert.equal(t.amount_total.value, 10.63);
  // a rate's total is negative when more was returned than delivered
  const returned = totalsOf(['TOTAL 0% SUPPLIES:  |  6.39', 'TOTAL 6% SUPPLIES (INC. GST):  |  -1.06', 'TOTAL PAYABLE:  |  5.33']);
  assert.equal(returned.amount_total.value, 5.33);
});
