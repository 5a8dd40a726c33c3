// Receipt totals and dates (issue #13, deliverable 2): each test pins one general rule on a short snippet laid out
// as OCR reads till print, cash bills and delivery bills.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractTotals, paidAmounts, readTotalWord, receiptFallbackTotal } from '../../../src/pipeline/extract/totals.js';
import { docFromLines } from './helpers.js';

const rowsOf = (lines: string[]) => buildRows(docFromLines(lines));
const totalsOf = (lines: string[]) => extractTotals(rowsOf(lines), { decimal: '.', isReceipt: true });

test('"RM" misread as its look-alikes glued to the amount is read as ringgit on a page that prints RM', () => {
  const lines = ['Parking Fee  |  F 2.83', 'GST(Included) 6.00 %  |  RD.17', 'Total  |  FM3.00', 'Paid  |  RM3.00', 'Change  |  MO.00'];
  assert.equal(totalsOf(lines).amount_total.value, 3);
  assert.equal(totalsOf(['ROTI  |  RH20.90', 'Total  |  RN20.90', 'Paid  |  RM20.90']).amount_total.value, 20.9);
  // without an "RM" on the page the letters are no currency
  assert.notEqual(totalsOf(['Parking Fee  |  2.83', 'Total  |  FM3.00']).amount_total.value, 3);
});

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

test("no total label: a weighed item's unit price under its line is no amount of the sum", () => {
  // the total's label lost ("me 16,64"): the items add up to it once "0,566 kg x 1,29 EUR/kg" is left out
  const lines = ['5 Sahnejoghurt  |  2,29 A', '2 Schw. Schalrippe  |  5,96 A', 'Bananen  |  0,73 A', '0,566 kg x  |  1,29 EUR/kg', 'Ingwer Bio  |  0,31 A', '0,064 kg x  |  4,90 EUR/kg', 'me  |  9,29'];
  const t = extractTotals(rowsOf(lines), { decimal: ',', isReceipt: true });
  assert.equal(t.amount_total.value, 9.29);
  assert.ok(t.explain.amount_total.winner?.why.includes('amounts-add-up'));
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

test('"TOTAL" with letters read as their look-alikes (IUIAL, T0TAL, TUTAL, SUBTUIAL) is still the total\'s label', () => {
  assert.equal(readTotalWord('IUIAL (GST INCL)  9.40'), 'TOTAL (GST INCL)  9.40');
  assert.equal(readTotalWord('SUBTUIAL  9.40'), 'SUBTOTAL  9.40');
  assert.equal(readTotalWord('NET TUTAL  9.40'), 'NET TOTAL  9.40');
  // a number or a word that only shares its shape is left alone
  assert.equal(readTotalWord('10141  3.00'), '10141  3.00');
  assert.equal(readTotalWord('DIGITAL IDEAL 4.00'), 'DIGITAL IDEAL 4.00');
  // the largest item is no longer taken for the total: the misread label is read
  const t = totalsOf(['SHAMPOO 400ML  |  12.90', 'DISCOUNT  |  0.75-', 'SUBTUIAL  |  12.15', 'IUIAL (GSI INCL)  |  12.15', 'LASH  |  20.00']);
  assert.equal(t.amount_total.value, 12.15);
  // "SUB T0IAL 53.00 / SST 6% 3.18 / ROUNDING 0.02 / NET TUTAL 56.20": the misread labels' arithmetic adds up
  const u = totalsOf(['2 NOODLE SOUP  |  53.00', 'SUB T0IAL  |  53.00', 'GST 6%  |  3.18', 'ROUNDING ADJ  |  0.02', 'NET TUTAL  |  56.20', 'Cash  |  60.00', 'CHANGE  |  3.80']);
  assert.equal(u.amount_total.value, 56.2);
});

test('the tax the total includes, at its printed rate, says which amount is the total', () => {
  // a cent digit lost on the total's line ("RM 12. 0"): 0.72 is 6 % tax included in 12.72, not in 12.00
  const t = totalsOf(['2 X  |  6.36  |  12.72', 'Total Incl. GST@6%  |  RM 12. 0', 'CASH  |  RM 20.00', 'CHANGE  |  RM 7.28', 'GST @6% included in total  |  RM 0.72']);
  assert.equal(t.amount_total.value, 12.72);
  assert.ok(t.explain.amount_total.winner?.why.includes('included-tax-fits'));
  // amounts read one line off (the total's with the cash's, the cash's with the change's): the one printed amount the
  // included tax fits stands in, not the change taken for cash
  const u = totalsOf(['1X 7.10  |  7.10', '1X 0.20  |  0.20', 'RM 7.30', 'Total Incl. GST@6%  |  RM 10.00', 'CASH  |  RM 1.00', 'CHANGE', 'GST @6% included in total  |  RM 0.41']);
  assert.equal(u.amount_total.value, 7.3);
});

test('amounts read one line off with no tax line to check them: the total is the cash less the change, printed above', () => {
  // "RM 9.00 / Total RM 10.00 / CASH RM 1.00 / CHANGE": the change label left with no amount, the cash below the total
  const t = totalsOf(['OPENER  |  1X 8.80  |  8.80', 'PLASTIC BAG  |  1X 0.20  |  0.20', 'RM 9.00', 'Total Incl. GST  |  RM 10.00', 'CASH  |  RM 1.00', 'CHANGE', 'THANK YOU']);
  assert.equal(t.amount_total.value, 9);
  // the column shifted under labels all the way up: the total's amount on the rounding line above it
  assert.equal(totalsOf(['SUB-TOTAL  |  0.00', 'ROUNDING ADJ  |  9.00', 'TOTAL  |  10.00', 'CASH  |  1.00', 'CHANGE']).amount_total.value, 9);
  // the difference not printed above the total's line: no shifted reading
  assert.notEqual(totalsOf(['RM 8.00', 'Total Incl. GST  |  RM 10.00', 'CASH  |  RM 1.00', 'CHANGE', 'THANK YOU']).amount_total.value, 9);
  // a change line with its own amount is read as printed
  assert.equal(totalsOf(['RM 9.00', 'Total Incl. GST  |  RM 10.00', 'CASH  |  RM 20.00', 'CHANGE  |  RM 10.00']).amount_total.value, 10);
});

test('a change word whose amount is on the row below, or a card line on the slip: the amounts are read in place, not one line off', () => {
  // a sale paid partly in cash, partly by card: the cash is less than the total, the total is no cash handed over
  assert.equal(totalsOf(['ITEM A  |  20.00', 'ITEM B  |  30.00', 'TOTAL  |  50.00', 'CASH  |  20.00', 'CHANGE', '0.00', 'VISA  |  30.00']).amount_total.value, 50);
  // "CHANGE" / "0.00": a change of nothing printed under its word, the cash being the total less an item's price
  assert.equal(totalsOf(['ITEM A  |  12.50', 'TOTAL  |  50.00', 'CASH  |  37.50', 'CHANGE', '0.00']).amount_total.value, 50);
});

test('a subtotal the tax table makes up (base + tax at the printed rate) already includes the tax: it is the total', () => {
  const t = totalsOf(['1 PASTRY BOX @18.00  |  18.00 SR', 'SubTotal  |  18.00', 'Net Total  |  18. J', 'C  |  50.00',
    'Tax Summary  |  Amount  |  Tax', 'SR: inclusive of GST @6%  |  16.98  |  1.02']);
  assert.equal(t.amount_total.value, 18);
  assert.equal(t.amount_untaxed.value, 16.98);
  // a table that does not make it up: the tax comes on top
  assert.equal(totalsOf(['SUB-TOTAL  |  24.00', 'GST 6%  |  1.44', 'Tax Summary  |  Amount  |  Tax', 'SR @6%  |  24.00  |  1.44']).amount_total.value, 25.44);
});

test('no total label read: a subtotal printed again below it is what was paid, not the largest item above a discount', () => {
  const t = extractTotals(rowsOf(['DESCRIZIONE  |  IVA  |  Prezzo', 'FORMAGGIO GRANA  |  10,00%  |  6,49', 'Sconto  |  10,00%  |  -1,50', 'SUBTOTALE  |  4,99', '0,45', '4,99', '4,99']), { decimal: ',', isReceipt: true });
  assert.equal(t.amount_total.value, 4.99);
  assert.ok(t.explain.amount_total.winner?.why.includes('subtotal-repeated'));
  // the subtotal's labels are page-evidence's too (extract/words.ts): one with its last letter lost still is one
  const cut = extractTotals(rowsOf(['DESCRIZIONE  |  IVA  |  Prezzo', 'FORMAGGIO GRANA  |  10,00%  |  6,49', 'Sconto  |  10,00%  |  -1,50', 'SUBTOTA  |  4,99', '0,45', '4,99', '4,99']), { decimal: ',', isReceipt: true });
  assert.equal(cut.amount_total.value, 4.99);
});

test('the tax table makes up the amount paid, not the misread sum: the paid one is the total', () => {
  const t = extractTotals(rowsOf(['BROT  |  2,49 A', 'WEIN  |  12,99 B', 'SUMME EUR  |  16,48', 'EC-Karte  |  EUR  |  15,48',
    'MwSt  |  NETTO  |  MwSt  |  UMSATZ', 'A 7%  |  2,33  |  0,16  |  2,49', 'B 19%  |  10,92  |  2,07  |  12,99']), { decimal: ',', isReceipt: true });
  assert.equal(t.amount_total.value, 15.48);
  assert.ok(t.explain.amount_total.winner?.why.includes('tax-table-fits'));
});

test('the till\'s payment words are one list (extract/words.ts): "Barzahlung" and "Rendu" pay as "Cash" and "Change" do', () => {
  assert.deepEqual(paidAmounts(rowsOf(['SUMME  |  8,60', 'Barzahlung  |  10,00', 'Rendu  |  1,40']), ','), [8.6]);
  assert.deepEqual(paidAmounts(rowsOf(['TOTAAL  |  8,60', 'Pinbetaling  |  8,60']), ','), [8.6]);
  // a card named after the word for handing over is a card payment ("GEGEBEN VISA")
  assert.deepEqual(paidAmounts(rowsOf(['SUMME  |  79,41', 'GEGEBEN VISA  |  79,41']), ','), [79.41]);
  // the note tendered, and the change as English tills word it: "Changes", "Your change" (OCR: "Y OUR CHANGE")
  assert.deepEqual(paidAmounts(rowsOf(['TOTAL  |  79.35', 'TENDER  |  100.00', 'CHANGE/BALANCE  |  20.65']), '.'), [79.35]);
  assert.deepEqual(paidAmounts(rowsOf(['TOTAL  |  RM 250.00', 'Cash  |  RM 300.00', 'Changes  |  RM 50.00']), '.'), [250]);
  assert.deepEqual(paidAmounts(rowsOf(['TOTAL  |  RM 96.20', 'CASH  |  RM100.00', 'Y OUR  CHANGE  |  RM3.80']), '.'), [96.2]);
});

test('a slip with no total label: its payment lines (with cents) end the amounts the total is looked for in', () => {
  // "Debit Mastercard 165361" is the card terminal's line, not a payment: the amounts below it still count
  assert.equal(receiptFallbackTotal(rowsOf(['BROT  |  2,99', 'SAFT  |  22,99', 'Debit Mastercard 165361', 'PREIS  |  96,09', 'Mastercard EUR  |  96,09']), ',')?.value, 96.09);
  assert.equal(receiptFallbackTotal(rowsOf(['BROT  |  2,99', 'SAFT  |  22,99', 'Mastercard EUR  |  96,09']), ',')?.value, 22.99);
});

test('a total a few cents off the 5 cents, with an amount on them that far away and the difference printed, is the unrounded total: the rounded one is taken', () => {
  // the rounding's and the rounded total's labels lost to OCR ("QEy Rounding", "Tota! 41 50"), the card's too ("aster")
  const slip = ['Item 3  |  Total with GST @ 6%  |  41.48', 'QEy  |  Rounding  |  0.02', 'Tatal Saving 0.00  |  Tota! 41 50', 'aster 5148 App: 83650  |  41.50', 'Change  |  0.00'];
  const t = extractTotals(rowsOf(slip), { decimal: '.', isReceipt: true });
  assert.equal(t.amount_total.value, 41.5);
  assert.ok(t.explain.amount_total.winner?.why.includes('printed-rounded-total'));
  // without the difference printed, two amounts a few cents apart are no rounding
  const other = ['Item 3  |  Total with GST @ 6%  |  41.48', 'Tatal Saving 0.00', 'aster 5148 App: 83650  |  41.50'];
  assert.equal(extractTotals(rowsOf(other), { decimal: '.', isReceipt: true }).amount_total.value, 41.48);
});

test('a tax above what it leaves of the total is the base read in the tax\'s place: the untaxed amount, and the rest the tax', () => {
  const slip = ['531600309035 1  |  250.00  |  250.00 S', 'Total Sales Incl. GST 6%  |  RM 250.00', 'Total Sales  |  RM 250.00', 'Cash  |  RM 300.00', 'Changes  |  RH 50.00',
    'GST Summary  |  Amount(RM)  |  Tax(RM)', 'S=6%  |  235.85  |  14.15', 'Z=0%  |  0.00  |  0.00'];
  const t = extractTotals(rowsOf(slip), { decimal: '.', isReceipt: true });
  assert.equal(t.amount_total.value, 250);
  assert.equal(t.amount_untaxed.value, 235.85);
  assert.equal(t.amount_tax.value, 14.15);
});

test('a credit note: a negative total less its tax is no base read in the tax place, the parts stay where they were printed', () => {
  const t = extractTotals(rowsOf(['Gutschrift', 'Gesamt  |  -119,00', 'MwSt 19%  |  19,00']), { decimal: ',', isReceipt: false });
  assert.equal(t.amount_total.value, -119);
  assert.notEqual(t.amount_untaxed.value, 19);
  assert.notEqual(t.amount_tax.value, -138);
});

test('an item table\'s heading read with a misread word of one or two letters ("ût" for "Qté") still heads the line amounts, no total', () => {
  const lines = ['TICKET DE CAISSE', 'ût Description  |  Prix  |  Total $ %', '1 Tod Man pla  |  12,80  |  12,80 B', '1 Siu Mai  |  11,40  |  11,40 B', '2 Rouge Maison verre  |  4,00  |  8,00 A', 'Taux  |  Base  |  TVA  |  TTC', '12%  |  63,80  |  6,97  |  63,80', '21%  |  9,09  |  1,91  |  11,00', '65,16  |  8,88  |  74,80'];
  assert.equal(extractTotals(rowsOf(lines), { decimal: ',', isReceipt: true }).amount_total.value, 74.8);
  // a line with a word of its own is no heading: "Total à payer" labels the total
  assert.equal(extractTotals(rowsOf(['1 Siu Mai  |  11,40', 'Total à payer  |  11,40']), { decimal: ',', isReceipt: true }).amount_total.value, 11.4);
});

test('what was paid (cash − change) is also a base and its tax at a common rate, both printed: it outweighs a total label whose digits were misread', () => {
  const slip = ['154 AJINOMOTO 1KG  |  RM20.80', 'Total Sales (Inclusive GST) RM  |  20.90', 'CASH RM  |  21.00', 'CHANGE RM  |  0.20',
    'GST Summary  |  Amount(RM)  |  Tax(RM)', '19.62  |  1.18'];
  const t = totalsOf(slip);
  assert.equal(t.amount_total.value, 20.8);
  assert.ok(t.explain.amount_total.winner?.why.includes('paid-is-base-plus-tax'));
  // without the base and its tax printed, the label stands
  assert.equal(totalsOf(slip.slice(0, 4)).amount_total.value, 20.9);
});
