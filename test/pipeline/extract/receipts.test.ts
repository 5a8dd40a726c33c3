// Receipt rules (issue #13, deliverable 2): each test pins one generalised rule on a small snippet of real till
// print as OCR read it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyDocument } from '../../../src/pipeline/extract/classify.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractDates } from '../../../src/pipeline/extract/keydates.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { extractVendor, isNameLike } from '../../../src/pipeline/extract/vendor.js';
import type { DecimalSeparator } from '../../../src/pipeline/extract/numbers.js';
import { docFromLines } from './helpers.js';

const rowsOf = (lines: string[]) => buildRows(docFromLines(lines));
const vendorOf = (lines: string[]) => extractVendor(rowsOf(lines)).vendor_name.value;
const totalOf = (lines: string[], decimal: DecimalSeparator = '.') => extractTotals(rowsOf(lines), { decimal, isReceipt: true }).amount_total.value;

test('receipt total: "Zu zahlen" is a total label; an amount with a fraction of a cent ("1,094") loses to money', () => {
  const slip = ['Frucht. Pfirsichring  |  1,094 A', 'Zu zahlen  |  1,04', 'Kreditkarte  |  1,04', 'MwSt%  |  MwSt +  |  Netto  |  =  |  Brutto', 'Summe  |  9,05  |  9,99  |  1,094'];
  assert.equal(totalOf(slip, ','), 1.04);
});

test('receipt type: a restaurant slip titled "Ihre Rechnung" is a receipt by its table, server, tax-class prices and thanks for the visit', () => {
  const slip = [
    'ASIA LAND', 'IHRE RECHNUNG  |  29.07.2014 16:39:46', 'Tischnr. 21  |  Bediener: Kellner 1', '1x (9) WO9 Pho, Rindfl.  |  6,50 EUR B',
    '1x (403) Div. Getränk  |  1,50 EUR B', 'MwSt. B 19% (Tax):  |  3,29 EUR', 'Netto:  |  17,31 EUR', 'Total:  |  20,60 EUR',
    'Vielen Dank für Ihren Besuch!',
  ];
  assert.equal(classifyDocument(rowsOf(slip), 1.33).value, 'receipt');
  // an invoice that thanks for the order stays an invoice
  assert.equal(classifyDocument(rowsOf(['ACME GmbH', 'Rechnung Nr. 123', 'Datum: 01.02.2020', 'Vielen Dank für Ihren Auftrag!']), 1.41).value, 'invoice');
});

test('receipt vendor: a copy title ("Bonkopie") is no name; a logo read as debris that spells the printed domain is', () => {
  const slip = ['L$DL', 'Dragonerstraße 39', '30163 Hannover', 'Bonkopie', 'EUR', 'Frucht. Pfirsichring  |  1,04 A', 'Zu zahlen  |  1,04', 'wwwWw.lidl.de'];
  assert.equal(vendorOf(slip), 'Lidl');
  // a domain that spells nothing at the top is not taken for the shop (a payment provider's address)
  assert.notEqual(vendorOf(['SATURN', 'Kamp 30-32', '33098 Paderborn', 'Services www.ingenico.de']), 'Ingenico');
});

test('receipt vendor: a logo\'s round O read as ® ("R®SSMANN") is an O', () => {
  assert.equal(vendorOf(['R®SSMANN', 'Kunde: xxxxkxx459512  |  Rossmann App', 'Total  |  €3,23']), 'ROSSMANN');
});

test("receipt vendor: a logo OCR misread is named by the word the slip prints again below that spells it", () => {
  const slipVendor = (lines: string[]) => extractVendor(rowsOf(lines), { tillSlip: true }).vendor_name.value;
  // the logo's i read as O; the slip's anniversary line prints the name in small type
  const irish = ['LODL', 'Limerick, Caherdavin', 'TE9513674T', 'Lidl - 10 Years in Ireland', 'EUR', 'Bananas  |  1.17 A', 'Carrots  |  0.90 A', 'TOTAL  |  2.07'];
  assert.equal(slipVendor(irish), 'Lidl');
  // the shop's own-brand items print it too, when the logo as read cannot be a word
  const spanish = ['e C@NSUM', 'Juntos es cooperativa', '190 - Orihuela Los Altos', '1 JAMON GR CONSUM 150  |  2,99', '1 ALCAPARRAS  |  1,35', 'TOTAL  |  4,34'];
  assert.equal(slipVendor(spanish)?.toLowerCase(), 'consum');
  // ... but an item one letter off a logo read as a word is no correction of it
  assert.equal(slipVendor(['CAFE', 'Calle Mayor 1', '1 CAKE slice  |  3,50', 'TOTAL  |  3,50'])?.toUpperCase(), 'CAFE');
  // a logo the slip does not print again stays as read; a title printed twice is no name
  assert.equal(slipVendor(['LODL', 'Limerick, Caherdavin', 'EUR', 'Bananas  |  1.17 A', 'TOTAL  |  1.17']), 'LODL');
  assert.notEqual(slipVendor(['RECHNUNG', 'Limerick, Caherdavin', 'Rechnung 12', 'Bananas  |  1.17 A', 'TOTAL  |  1.17']), 'Rechnung');
  // a word that spells only a part of the logo is no name of it ("EXPRESS" of "(U)express"); nor is the town
  assert.notEqual(slipVendor(['(U)express', '127, Boulevard SOULT', '75012 PARIS', 'U EXPRESS SOULT', 'TOTAL  |  4,20']), 'EXPRESS');
  assert.notEqual(slipVendor(['L$DL', 'Dragonerstraße 39', '30163  |  Hannover', 'Filiale Hannover', 'Zu zahlen  |  1,04']), 'Hannover');
});

test('receipt vendor: "Vendedor: MANOLO" names the salesperson, not a seller block', () => {
  const slip = ['CAFE JUGLANS C.B.', 'Camino del Puente s/n', 'Vendedor: MANOLO', 'Factura Simplificada : 012399 - Mesa: 220H', 'Unid Descripcion  |  Precio  |  Total'];
  assert.equal(vendorOf(slip), 'CAFE JUGLANS C.B.');
  // a company in a seller block is still the seller
  assert.equal(vendorOf(['Verkäufer:', 'ACME Handels GmbH', 'Hauptstraße 1', 'Käufer:', 'Beta AG']), 'ACME Handels GmbH');
});

test('receipt vendor: a letterhead name over three lines ends at its legal form, not at a business word', () => {
  const slip = ['AIK HUAT HARDWARE', 'ENTERPRISE (SETIA', 'ALAM) SDN BHD', '822737-X', 'NO. 17-G, JALAN SETIA INDAH', 'TOTAL  |  2.50'];
  assert.equal(vendorOf(slip), 'AIK HUAT HARDWARE ENTERPRISE (SETIA ALAM) SDN BHD');
  // a name with its legal form is complete: the next name-like line is not glued to it
  assert.equal(vendorOf(['MR D.I.Y. (M) SDN BHD', 'LOT 1851-A & 1851-B, JALAN KPB 6', 'TOTAL  |  30.90']), 'MR D.I.Y. (M) SDN BHD');
});

test('receipt vendor: the company a shop is "Owned By" is not the shop\'s name; the part after a registration number is another name', () => {
  const shop = ['SANYU STATIONERY SHOP', 'NO. 31G&33G, JALAN SETIA INDAH X ,U13/X', '40170 SETIA ALAM', 'Owned By :', 'SANYU SUPPLY SDN BHD (1135772-K)', 'CASH SALES COUNTER'];
  assert.equal(vendorOf(shop), 'SANYU STATIONERY SHOP');
  const fka = ['TQ FOR SHOPPING WITH myNEWS.com', 'UNIT 105, BLOCK A,PUSAT DAGANGAN PHILEO DAMANSARA,', 'MYNEWS RETAIL SB(306295-X) FKA BISON STORES SB', 'TAX REG ID CBP 000709361664'];
  assert.equal(vendorOf(fka), 'MYNEWS RETAIL SB');
});

test('receipt vendor: a company "owned by" printed in the name block, under the brand and over its registration number, is the issuer', () => {
  const slip = ['OLD ASIA', 'OWN BY: CHEF LEE SDN BHD', 'CO.N0. (458592-T)', 'LG226, LGF, 1 UTAMA SH0PP1NG CENTRE', 'LEBUH BANDAR UTAMA,47800 PETALING JAYA', 'GST N0: 001406865408', 'SUBTOTAL  |  RM96.20'];
  assert.equal(vendorOf(slip), 'CHEF LEE SDN BHD');
  assert.equal(vendorOf(['BREHERY TAP', 'Owner by Castle Blue S/B', '(1035683-T)', 'GST No : 002108047360', 'Avtivo Plaza,Lot B-F-11, Block B']), 'Castle Blue S/B');
});

test('receipt vendor: "TOTAL" between two words of a line with no amount is a name\'s word (a fuel brand\'s station), not a total\'s label', () => {
  const slip = ['RELAIS TOTAL OULMES', 'AUTOROUTE RABAT MEKNES', '15000 KHEMISSET', 'Tel. : 05.22.95.66.66', 'CAFE CREME  |  12.00  |  2  |  24.00', 'Total Facture : 56.00 DH'];
  assert.equal(vendorOf(slip), 'RELAIS TOTAL OULMES');
  // a total's label stays no name: at a line's edge, with a word about the amount after it, or with its amount
  for (const label of ['GRAND TOTAL', 'NET TOTAL DUE', 'SUB TOTAL (GST)', 'BILL TOTAL RM', 'ITEM TOTAL QTY', 'SALES TOTAL 12.50']) assert.equal(isNameLike(label), false, label);
});

test('receipt type: cash handed over and change given back make a till slip of a "TAX INVOICE" with an invoice number', () => {
  const slip = [
    'UNIHAKKA INTERNATIONAL SDN BHD', '(867388-U)', 'TAX INVOICE', 'Invoice # : OR18050502160248', 'Item -  |  Qty  |  Total',
    '$7.10  |  1  |  $7.10', 'Total Amount: $11.20', 'GST @6%: $0.63', 'Payment Mode  |  Amount', 'CASH  |  :  |  $11.20', 'Change  |  $0.00',
    'GST Summary  |  Amount($)  |  Tax($)', 'SR =GST @6%  |  10.57  |  0.63', 'Thank You & Come Again!',
  ];
  assert.equal(classifyDocument(rowsOf(slip), 1.41).value, 'receipt');
});

test('receipt total: cash − change confirms the total it equals over a misread "Final Total"; "~~ 930" behind a total label lost its decimal point', () => {
  // "CHANGZ": OCR's E
  assert.equal(totalOf(['2 X 2.9000  |  S  |  5.80 SR', 'Discount  |  0.00', 'Total  |  5.80', 'Round Adj  |  0.00', 'Final Total ~~ 5.30', 'CASH  |  6.00', 'CHANGZ  |  0.20']), 5.8);
  assert.equal(totalOf(['1X 3.5000  |  -  |  3.50 SR', '2X 2.90  |  -  |  5.80 SR', 'Discount  |  0.00', 'Total  |  5.30', 'Round Adj  |  0.00', 'Final Total ~~ 930', 'CASH  |  10.00', 'CHANGE  |  0.70']), 9.3);
});

test('receipt date: a date-and-time stamp with one separator read as a space ("27 04-18 16:26") is still the date', () => {
  const rows = rowsOf(['MR. D.I.Y. (M) SDN BHD', 'Total Incl. GST@6%  |  RM 38.00', 'CASH  |  RM 50.00', '27 04-18 16:26 SH01 ZJ86 T2 R000120718']);
  assert.equal(extractDates(rows, 'DMY').date.value, '2018-04-27');
  // a quantity and a price before a time are not a date
  assert.equal(extractDates(rowsOf(['2 12.50 10:30']), 'DMY').date.value, null);
});

test('receipt vendor: a currency heading alone ("EUR") starts the item list; the item under it is no name', () => {
  assert.notEqual(vendorOf(['®', 'KK S', 'Warburger Straße 130', '33100 Paderborn', 'EUR', 'Bananen  |  07194', 'Karottensalat  |  0,99 A']), 'Bananen');
});

test('receipt: a branch in parentheses and an industrial-area line are no names; refund and exchange policy lines mark a till slip', () => {
  const slip = [
    'MR. D.I.Y. (M) SDN BHD', '(CO.REG :860671-D)', 'LOT 1851-A & 1851-B, JALAN KPB 6,', 'KAWASAN PERINDUSTRIAN BALAKONG,', '(IOI PUCHONG)',
    '-TAX INVOICE-', 'ACRYLIC TAPE 18MM*1.5M', '9553114461423  |  1X 25.90 25.90', 'OPERATOR TRAINEE CASHIER', 'EXCHANGE ARE ALLOWED WITHIN', '7 DAY WITH RECEIPT.', 'STRICTLY NO CASH REFUND.',
  ];
  assert.equal(vendorOf(slip), 'MR. D.I.Y. (M) SDN BHD');
  assert.equal(vendorOf(slip.filter((l) => !l.startsWith('MR.'))) === '(IOI PUCHONG)', false);
  assert.equal(vendorOf(['KAWASAN PERINDUSTRIAN BALAKONG', 'TOTAL  |  3.00']), null);
  assert.equal(classifyDocument(rowsOf(slip), 1.41).value, 'receipt');
});

test('receipt total: a note in parentheses "(Total Included GST @ 4% : 1.42)" names the included tax, not the total', () => {
  const t = extractTotals(rowsOf(['Total  |  25.15', 'Rounding Adj  |  0.00', 'Cash  |  30.00', 'Change  |  4.85', '(Total Included GST @ 4% : 1.42)']), { decimal: '.', isReceipt: true });
  assert.equal(t.amount_total.value, 25.15);
  assert.equal(t.amount_tax.value, 1.42);
});

test('receipt total: a tax rate whose % OCR read as ¥ ("GST@6¥", "GSTE&6¥") is no amount', () => {
  assert.equal(totalOf(['TOTAL INCL.GST@6¥  |  RM 37.80', 'CASH  |  RM 40.00', 'CHANGE  |  RM 2.20']), 37.8);
  assert.equal(totalOf(['Total Incl. GSTE&6¥  |  RM 26.10', 'CASH  |  RM 50.00', 'CHANGE  |  RM 23.90', 'GST @6% included in total  |  RM 1.48']), 26.1);
});
