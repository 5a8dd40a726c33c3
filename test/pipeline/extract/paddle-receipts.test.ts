// Receipt rules for PaddleOCR's readings (issue #13, deliverable 2): Paddle segments and spells a till slip
// differently from Tesseract — words of a label split at a letter it is unsure of, the "$" of a price column read as
// an S, a parenthesis read as a brace, a logo's slogan read cleanly above the company's name. Each test pins one rule
// on the structure of such a reading and fails without it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows, cellSpellings, findLabeled, labelSpellings } from '../../../src/pipeline/extract/layout.js';
import { amountParser, extractTotals } from '../../../src/pipeline/extract/totals.js';
import { findAmounts } from '../../../src/pipeline/extract/numbers.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { extractLines } from '../../../src/pipeline/extract/lines.js';
import { docFromLines } from './helpers.js';

const rowsOf = (lines: string[]) => buildRows(docFromLines(lines));
const totalsOf = (lines: string[]) => extractTotals(rowsOf(lines), { decimal: '.', isReceipt: true });
const vendorOf = (lines: string[], tillSlip = true) => extractVendor(rowsOf(lines), { tillSlip }).vendor_name.value;

test('labels: a word split at a lone letter or between small letters is read whole; lone small vowels stay words', () => {
  assert.ok(labelSpellings('T otal Inclusive G ST:').includes('Total Inclusive GST:'));
  assert.ok(labelSpellings('CHAN GE').includes('CHANGE'));
  assert.ok(labelSpellings('Br uttosumme').includes('Bruttosumme'));
  assert.ok(labelSpellings('SUBTOTA L').includes('SUBTOTAL'));
  // "a" in "Total a pagar" is a word: the lone-letter spelling keeps it apart (only the last resort joins every word)
  assert.equal(labelSpellings('Total a pagar')[1], 'Totalapagar');
  assert.equal(labelSpellings('Total a pagar').length, 2);
});

test('labels: a cell\'s spellings are made once and kept with the cell (every label is sought over the same cells)', () => {
  const [row] = rowsOf(['T otal Inclusive G ST:   12.50']);
  const cell = row.cells[0];
  assert.equal(cellSpellings(cell), cellSpellings(cell));
  assert.deepEqual(cellSpellings(cell), labelSpellings(cell.text));
  // another reading's cell of the same text has spellings of its own, equal
  const [again] = rowsOf(['T otal Inclusive G ST:   12.50']);
  assert.notEqual(cellSpellings(again.cells[0]), cellSpellings(cell));
  assert.deepEqual(cellSpellings(again.cells[0]), cellSpellings(cell));
  // a label split in a cell with one spelling only, and one read through its compacted spelling, are both found
  const found = findLabeled(rowsOf(['Total:   12.50', 'CHAN GE   3.00']), /total|change/i, (t) => (/^\d+\.\d\d$/.test(t.trim()) ? t.trim() : null));
  assert.deepEqual(found.map((f) => [f.labelText, f.value]), [['Total', '12.50'], ['CHANGE', '3.00']]);
});

test('receipt total: a total label split by OCR ("T otal Inclusive G ST") is the total over a misread payment', () => {
  const slip = [
    'CASH RECEIPT', 'Qty  |  Code&Desc  |  Price  |  Total', 'ALPHA LIPID LIFE LINE 450G', '1 184810  |  165.00  |  105 3R', '1  |  Type:  |  1',
    'SubTotal:  |  105.00', 'Rounding Adj:  |  0.00', 'T otal Inclusive G ST:  |  165.00', 'MASTER  |  105.00', 'GST Summary:  |  Amount  |  Tax',
    '(MYR)  |  (MYR)', 'SR  |  155.00  |  8.34', 'Thank you.',
  ];
  const t = totalsOf(slip);
  assert.equal(t.amount_total.value, 165);
  // read behind its own strong label, not the column header's weak "Total"
  assert.equal(t.explain.amount_total.winner?.why[0], 'total:Total Incl');
});

test('receipt total: the "$" read as an S glued to the amount ("Total Amcunt: S8.20") is money', () => {
  const slip = [
    'Item  |  Qty  |  Total', '$7.10  |  1  |  S7.10', '$1.10  |  1  |  $1.10', 'Total Amcunt: S8.20', 'GST @6%: $0.46',
    'Nett Total: S8.20', 'Payment Mode  |  Amount', 'ASH  |  $8.20', 'Change  |  $0.00',
  ];
  assert.equal(totalsOf(slip).amount_total.value, 8.2);
  const parse = amountParser('.');
  assert.equal(parse('Total: S8.20'), 8.2);
  // a word led by an S is no dollar sign
  assert.equal(parse('S8.20A'), null);
});

test('labels: a value below a label is not taken from a row that carries a short label of its own ("GST @6%: $0.46")', () => {
  const rows = rowsOf(['Total Amount:', 'GST @6%: $0.46']);
  assert.deepEqual(findLabeled(rows, /total\s*amount/i, amountParser('.'), { below: 2, belowOnlyValues: true }), []);
});

test('receipt total: an included-tax note whose parenthesis OCR read as a brace is no total', () => {
  const slip = [
    'SCONE - M  |  1  |  7.50  |  7.50 S', 'Rounding Adj  |  0.00', 'Due  |  7.50', 'Fay  |  20.00', 'Change  |  12.50',
    '{Total Included GST  |  6% :  |  0.42)', 'THANK YOU PLEASE COME AGAIN!!',
  ];
  assert.equal(totalsOf(slip).amount_total.value, 7.5);
});

test('receipt total: "INC 6% GST" under the subtotal is a tax the subtotal includes, not one to add to it', () => {
  const slip = [
    'SALTED F.RICE  |  8.50', 'FRIED EGG  |  1.80', 'NASI LEMAK DRUMSTICK  |  9.80', 'SOYA CINCAU  |  4.30', 'ICE TEA  |  4.30',
    'SUBTOTAL  |  28.70', 'RM CASH  |  100.000', 'CHANGE  |  71.30', 'INC 6% GST  |  1.62', 'THANK YOU',
  ];
  const t = totalsOf(slip);
  assert.equal(t.amount_total.value, 28.7);
  assert.equal(t.amount_tax.value, 1.62);
  assert.equal(t.amount_untaxed.value, 27.08);
});

test('receipt vendor: "COMPANY N0" / "CO. N0." (the O read as a zero) is a registration label, no name', () => {
  assert.equal(vendorOf(['#000002 BAIFU (M) Sdn Bhd', 'COMPANY N0(814198-X)', 'DAISO JAPAN, IOI MALL', 'GST ID : 001389649920', 'TAX INVOICE']), '#000002 BAIFU (M) Sdn Bhd');
  const slip = ['TANJONGMAS BOOKCENTRE (PJ) SDN BHD', 'CO. N0. 373665-A', 'LOT F15, GIANT BANDAR PUTERI', 'JALAN PUTERI 1/1, BDR PUTERI', '47100 PUCHONG, SELANGOR', 'TAX INVOICE'];
  assert.equal(vendorOf(slip), 'TANJONGMAS BOOKCENTRE (PJ) SDN BHD');
});

test('receipt vendor: a slogan in mixed case over a company name in capitals is not the start of that name', () => {
  const slip = ['Sarang Hae Yo', 'TRENDYMAX (M) SDN. BHD.', 'Company Reg. No. : (583246-A).', 'P6, Block C, GM Klang Wholesale City,', 'Jalan Kasuarina 1,', '41200 Klang, Selangor D.E.', 'TAX INVOICE'];
  assert.equal(vendorOf(slip), 'TRENDYMAX (M) SDN. BHD.');
  // a name in capitals read with a few small letters still runs on over its lines
  assert.equal(vendorOf(['alk HUAT HARDWARE', 'ENTERPRISE (SETIA', 'ALAM) SDN BHD', '822737-X', 'NO. 17-G, JALAN SETIA INDAH', 'TOTAL  |  2.50']), 'alk HUAT HARDWARE ENTERPRISE (SETIA ALAM) SDN BHD');
});

test('receipt vendor: a slip title with a dot OCR put inside a word ("SIMPL.IFIED TAX INVOICE") ends the letterhead', () => {
  const slip = [
    'PERNIAGAAN ZHENG HUI', 'JM0325955-V', 'NO.59 JALAN PERMAS 9/5', 'BANDAR BARU PERMAS JAYA', '81750 JOHOR BAHRU', 'TEL:07-3867524',
    'GST NO : 000800589824', 'SIMPL.IFIED TAX INVOICE', 'GOGIANT ENGINEERING (M) SDN BHD', 'Receipt : CS00012345',
  ];
  assert.equal(vendorOf(slip), 'PERNIAGAAN ZHENG HUI');
});

test('receipt currency: a "$" on a till slip whose country clues name one currency is that currency; else the US dollar', async () => {
  const slip = (address: string) => [
    'UNIHAKKA INTERNATIONAL SDN BHD', address, 'TAX INVOICE', 'Cashier: MIZAN', '$7.10  |  1  |  $7.10', 'Total Amount: $7.10', 'GST @6%: $0.40',
    'CASH  |  $10.00', 'CHANGE  |  $2.90', 'Thank You & Come Again!',
  ];
  const currencyOf = async (lines: string[]) => (await extractFields(docFromLines(lines))).fields.currency.value;
  assert.equal(await currencyOf(slip('12, Jalan Tampoi 7/4, 81200 Johor Bahru, Johor')), 'MYR');
  assert.equal(await currencyOf(slip('1 Microsoft Way, Redmond, WA 98052')), 'USD');
  assert.equal(await currencyOf(['CORNER SHOP', 'Total  |  $7.10']), 'USD');
  // a bill prints its customer's address too: its clues do not name the money of a "$"
  const bill = ['ACME Supplies', 'INVOICE', 'Invoice No: 1475', 'Bill to: Maple Leaf Ltd, Toronto, Canada', 'GST  |  $5.00', 'Total due  |  $105.00'];
  assert.equal(await currencyOf(bill), 'USD');
});

test('receipt vendor: "S/B" (Sdn Bhd) is a legal form; a registered name read glued to its number is a name; a lot line is an address', () => {
  // the registration number misread ("S19537-X"): the legal form alone lets the leading number stand
  assert.equal(vendorOf(['31705509', '99 SPEED NART S/B (S19537-X)', 'LOT P.T.2B11, JALAN ANGSA,', 'TANAN BERKELEY', '41150 KLANG SELANGOR', 'TAX INVOICE']), '99 SPEED NART S/B');
  assert.equal(vendorOf(['99SPEED MART S/B(519537-X)', 'LOT P.T.2811, JALAN ANGSA,', 'TAMAN BERKELEY', '41150 KLANG SELANGOR', 'TAX INVOICE']), '99SPEED MART S/B');
});

test('receipt payment: a change line whose n OCR read as "ri" ("Charige") is still the change', () => {
  const slip = [
    'QTY ITEM  |  TOTAL', '2 L FiletOFish  |  21.18', '2 L Coke', '1 6Nuggets  |  7.10', '1 Small Cone  |  1.00', 'Eat-In Total (incl GST)  |  29.28',
    'Rounding Adjust  |  0.02', 'Total Rounded  |  29.30', 'Cash Tendered  |  50.00', 'Charige  |  20.70', 'TOTAL INCLUDES 6% GST  |  1.66',
  ];
  const rows = rowsOf(slip);
  // the line items add up to the unrounded total; what was paid (cash − change) says the rounded one was due
  const lines = extractLines(rows, '.');
  assert.equal(extractTotals(rows, { decimal: '.', isReceipt: true, lines }).amount_total.value, 29.3);
});

test('receipt total: a slip that says its tax is included in the total has no total to add the tax to', () => {
  const slip = [
    '079567600084  |  14.00  |  14.00 9', 'TOTAL QUANTITY', 'SUB-TOTAL (GST)  |  14.00', 'DISC  |  0.00', 'ROUNDING  |  0.00', 'TOTAL  |  14:08',
    'CASH  |  14.00', 'CHANGE  |  0-00', '*GST @ 6% INCLUDEI IN TOTAL', 'GST SUMMARY', 'CODE  |  AMOUNT  |  %  |  TAX/AMT', 'SR  |  13.21  |  6  |  0.77',
  ];
  assert.equal(totalsOf(slip).amount_total.value, 14);
  // "GST 6% included in total  RM 0.51" is the tax, not a total
  const t = totalsOf(['Total Incl. GST@6%  |  RM 9.00', 'CASH  |  RM 10.00', 'CHANGE  |  RM 1.00', 'GST 6% included in total  |  RM 0.51']);
  assert.equal(t.amount_total.value, 9);
  assert.equal(t.amount_tax.value, 0.51);
});

test('receipt vendor: "Sold by:" with a staff id names the salesperson, not a seller block', () => {
  const slip = [
    'Best Denki Malaysia (308282-A)', 'Lot LG 26, Subang Parade', 'No.5, Jalan SS16/1', '47500 Subang Jaya,Selangor', 'GST Reg.No.001348681728',
    'Date:  |  01/05/16  |  2:51', 'Staff: JORDAN TAN KC', 'Sold by: BD1187 MUHAMMAD SHAFIK', 'SIMPLIFIED INVOICE', 'Total RM  |  89.00',
  ];
  assert.equal(vendorOf(slip), 'Best Denki Malaysia');
  // a company that sells through a platform is still the seller
  assert.equal(vendorOf(['Sold by: ACME Trading GmbH', 'Hauptstraße 1', '10115 Berlin', 'Invoice'], false), 'ACME Trading GmbH');
});

test('receipt total: an amount glued to its label\'s colon ("TOTAL:89,60 Eur.") is money; a time\'s minutes are not', () => {
  // Paddle drops the space after a label's colon: the total and the cash handed over, the arithmetic's parts
  const lines = ['1 PIZZA CARBONARA   12,00', '1 COSMOPOLITAN   77,60', 'Bases Tipo   Cuota', '81,45 | 10% | 8,15', 'TOTAL:89,60 Eur.', 'Entrega:89,60 Eur.'];
  const rows = buildRows(docFromLines(lines));
  assert.equal(extractTotals(rows, { decimal: ',', isReceipt: true }).amount_total.value, 89.6);
  assert.equal(amountParser(',')('TOTAL:89,60 Eur.'), 89.6);
  // after a digit the colon is a time's or a ratio's ("Hora:00:22,50" holds no amount 22,50), and before one
  // the digits are a time's hour ("Zeit:12:30" holds no 12)
  assert.deepEqual(findAmounts('Hora:00:22,50', ',').map((a) => a.value), []);
  assert.deepEqual(findAmounts('Zeit:12:30 Summe:12,30', ',').map((a) => a.value), [12.3]);
});
