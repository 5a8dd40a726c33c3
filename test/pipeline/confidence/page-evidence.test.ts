// Evidence read off the whole page (src/pipeline/confidence/page-evidence.ts), and collected with the rest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields } from '../../../src/contract.js';
import { collectEvidence } from '../../../src/pipeline/confidence/evidence.js';
import { hasLegalForm, includedTaxFits, isLargestAmount, itemsAddUp, lastBeforePayment, nameInDomain, nameNearVat, paidExactly, roundingTwin, taxRows, taxSplitAddsUp, taxTableFits, totalBesideDue } from '../../../src/pipeline/confidence/page-evidence.js';

const RECEIPT = 'KEDAI ABC SDN BHD\n2 x ROTI 4.00 8.49\nSUB TOTAL 8.49\nGST 6% 0.51\nTOTAL 9.00\nCASH 50.00\nCHANGE 41.00';

test('the total is the largest amount printed, apart from the cash handed over and the change', () => {
  assert.equal(isLargestAmount(RECEIPT, 9), true);
  assert.equal(isLargestAmount(RECEIPT, 8.49), false, 'the subtotal is not');
  assert.equal(isLargestAmount(RECEIPT, 7), false, 'a total printed nowhere is not');
  // a total rounded for cash, under its unrounded twin; a payment's amount read apart from its label
  assert.equal(isLargestAmount('TOTAL RM 33.92\nTOTAL ROUNDED RM 33.90\nCASH RM 50.00', 33.9), true, 'the rounded total');
  assert.equal(isLargestAmount('TOTAL RM 33.92\nTOTAL ROUNDED RM 33.90', 33.92), true);
  assert.equal(isLargestAmount('TOTAL RM 33.97\nTOTAL RM 33.92', 33.92), false, 'a total off the 5 cents is no rounded one');
  assert.equal(isLargestAmount('TOTAL 28.60\nCASH\n100.00\nCHANGE\n71.40', 28.6), true, 'the cash on the line under its label');
  assert.equal(isLargestAmount('TOTAL 28.60\nSUBTOTAL\n30.00', 28.6), false, 'a subtotal on the line under its label still counts');
  assert.equal(isLargestAmount('Zwischensumme 1.234,56\nGesamt 1.469,13\nMwSt 19% 234,57', 1469.13), true, 'comma decimals');
  assert.equal(isLargestAmount('Totale documento 478,73\nSAS au capital social de 322 000,00 EUR RCS REIMS', 478.73), true, 'the share capital in the legal footer is owed by no one');
  assert.equal(isLargestAmount('Totale 176,14\nCapitale Sociale i.v.: € 80.000,00\nImponibile 1.000,00', 176.14), false, 'another amount still counts');
  // the till's payment words are the totals' (extract/words.ts): "Barzahlung", "Pinbetaling", "Tarjeta" pay too
  assert.equal(isLargestAmount('SUMME EUR 9,00\nBarzahlung 20,00\nRückgeld 11,00', 9), true);
  assert.equal(isLargestAmount('TOTAAL 9,00\nPinbetaling 19,00', 9), true);
  assert.equal(isLargestAmount('TOTAL 9,00\nTarjeta 19,00', 9), true);
});

test('a tax amount and another printed amount that make up the total', () => {
  assert.equal(taxSplitAddsUp(RECEIPT, 9), true);
  assert.equal(taxSplitAddsUp(RECEIPT, 8.49), false);
  assert.equal(taxSplitAddsUp('ITEM 3.00\nITEM 6.00\nTOTAL 9.00', 9), false, 'two items that add up are not a tax split');
  const rounded = '(Excluded GST) Sub Total (RM) : 106.10\nTotal GST (RM) : 6.37\nTotal (RM) : 112.45';
  assert.equal(taxSplitAddsUp(rounded, 112.45), true, 'base and tax make up a total rounded to 5 cents');
  assert.equal(taxSplitAddsUp(rounded.replace('112.45', '112.46'), 112.46), false, 'only a multiple of 5 cents is a rounded total');
});

test('the cash or the card pays the total exactly, no change given back', () => {
  assert.equal(paidExactly('TOTAL 8.00\nCASH : 8.00', 8), true);
  assert.equal(paidExactly('Total 250.00\nPAYMENT MODE: CASH 250.00', 250), true);
  assert.equal(paidExactly('Total Due RM3.00\nPaid  Time 30/04/2017 23:14\nPaid RM3.00', 3), true, 'what was paid, under its own word');
  assert.equal(paidExactly('Total 5.00\nPaid RM7.00\nChange RM2.00', 5), false);
  assert.equal(paidExactly('TOTAL 41.95\nEDC MASTER RM 41.95', 41.95), true, 'a card brand anywhere on the line');
  assert.equal(paidExactly('TOTAL 7.00\nCASH 7.00\nCHANGE 0.00', 7), true, 'a change of nothing');
  assert.equal(paidExactly(RECEIPT, 9), false, 'cash less change is the extraction\'s payment, not an exact one');
  assert.equal(paidExactly('TOTAL 10.00\nCASH RM 10.00\nCHANGE', 10), false, 'a change line whose amount was not read may hide the change');
  assert.equal(paidExactly('TOTAL 9.00\nCASH 10.00', 9), false, 'cash above the total');
  assert.equal(paidExactly('Amount To Be Paid : 25.45\nTOTAL 25.45', 25.45), false, 'a total label saying "paid" pays nothing');
});

test('the tax table: base and tax at a printed rate, one row or a standard and a zero-rated row, against the total', () => {
  const table = 'TOTAL 73.00\nCASH 100.00 CHANGE 27.00\nGST Summary Amount(RM) Tax(RM)\nSR @ 6%  68.87  4.13\nZR @ 0%  0.00  0.00';
  assert.deepEqual(taxRows(table), [{ base: 68.87, tax: 4.13 }]);
  assert.equal(taxTableFits(table, 73), 'ok');
  assert.equal(taxTableFits(table, 68.87), 'off', 'the subtotal read as the total');
  assert.equal(taxTableFits(table, 78), 'off', 'a misread digit');
  const mixed = 'Total 362.50\nZRL 0 %  100.00  0.00\nSR 6%  247.64  14.86';
  assert.equal(taxTableFits(mixed, 362.5), 'ok', 'a zero-rated row and a standard row together');
  assert.equal(taxTableFits('Total 20.90\nGST 6% Summary\nS 19.62 1.18', 20.9), 'off', '19.62 + 1.18 is 20.80');
  assert.equal(taxTableFits('Total 57.80\nSR 6% 54.56 3.27', 57.8), 'ok', 'a till total rounded to 5 cents');
  assert.equal(taxTableFits('Total 57.81\nSR 6% 54.56 3.27', 57.81), 'off', 'only a multiple of 5 cents is a rounded total');
  assert.equal(taxTableFits('Summe 11,90\nMwSt 19% 11,90 1,90', 11.9), 'ok', 'a gross amount and the tax it includes');
  assert.equal(taxTableFits('ITEM 2 x 4.00 8.00\nTOTAL 8.00', 8), null, 'no rate printed: no table');
  assert.equal(taxTableFits('TOTAL 9.00 incl. 6% GST\nITEM 3.00 6.00', 9), null, 'no pair of amounts at the rate');
  // one measure of tax = rate × base with the chooser (totals-choice.ts taxAtRate): half a cent, plus 0.02 % of the base
  assert.deepEqual(taxRows('SR 6% 10.00 0.60'), [{ base: 10, tax: 0.6 }]);
  assert.deepEqual(taxRows('SR 6% 10.00 0.61'), [], 'a cent off a small base is another number');
  assert.deepEqual(taxRows('MwSt 19% 1000,00 190,40'), [], '40 cents off is no rounding of one sum');
  // a tax code's row printing its rate without % (SROIE's GST summaries): the rate is its own row's, not an amount
  assert.deepEqual(taxRows('GST Summary Amount Tax\nSR 6.00 26.00 1.56'), [{ base: 26, tax: 1.56 }]);
  assert.deepEqual(taxRows('CODE AMOUNT % TAX\nSR 67.26 6 4.04\nZRL. 6.80 0 0.00'), [{ base: 67.26, tax: 4.04 }, { base: 6.8, tax: 0 }]);
  assert.equal(taxTableFits('TOTAL 27.55\nSR 6.00 26.00 1.56', 27.55), 'ok');
  assert.deepEqual(taxRows('TOWEL ROD 4.00 20.00 SR\nV BRACKET 1.50 7.50 SR'), [], 'an item line ending with its tax code is no row of the table');

  // a small tax fits its amount read as a base and as a gross amount alike: the table's sum may take either reading
  const small = 'TOTAL 28.60\nGST Summary Amount(RM) Tax(RM)\nSR (06%) 1.20 0.07\nZRL (00%) 27.40 0.00';
  assert.deepEqual(taxRows(small), [{ base: 1.2, tax: 0.07, orGross: true }, { base: 27.4, tax: 0 }]);
  assert.equal(taxTableFits(small, 28.6), 'ok', '1.20 with its tax included, and 27.40 zero-rated');
  assert.equal(taxTableFits(small, 28.67), 'ok', '1.20 + 0.07 and 27.40');
  assert.equal(taxTableFits(small, 28.4), 'off', 'neither reading makes 28.40');
  assert.deepEqual(taxRows('SR 6% 68.87 4.13'), [{ base: 68.87, tax: 4.13 }], 'a tax large enough to tell base from gross');
  // a row read both ways fits one rate both ways, the row's own or the page's only one: 20 % of 100 is 25 % of 80, so
  // with a second rate printed (a deposit's) the base alone must not pass for the total
  const twoRates = 'Invoice\nNet 100.00\nVAT 20% 100.00 20.00\nTotal 120.00\nA 25% deposit is payable on order';
  assert.deepEqual(taxRows(twoRates), [{ base: 100, tax: 20 }]);
  assert.equal(taxTableFits(twoRates, 100), 'off', 'the net read as the total');
  assert.equal(taxTableFits(twoRates, 120), 'ok');
  assert.deepEqual(taxRows('GST 6%\nSR 1.20 0.07'), [{ base: 1.2, tax: 0.07, orGross: true }], 'the page\'s only rate');
  assert.deepEqual(taxRows('GST 6% 10%\nX 1.20 0.07'), [{ base: 1.2, tax: 0.07 }], 'two rates on the page, none on the row');
});

test('a long tax table of rows read both ways is judged at once', () => {
  const text = 'GST 6%\n' + Array.from({ length: 40 }, () => 'x 1.20 0.07').join('\n');
  const t0 = Date.now();
  assert.equal(taxTableFits(text, 999.95), 'off');
  assert.equal(taxTableFits(text, 48), 'ok', 'all rows read as gross');
  assert.equal(taxTableFits(text, 50.8), 'ok', 'all rows read as bases');
  assert.ok(Date.now() - t0 < 500, `${Date.now() - t0} ms`);
});

test('the item lines above the total add up to it, or to it less the printed tax', () => {
  assert.equal(itemsAddUp('SHOP\nA 1 x 3.50 3.50\nB 2 x 2.00 4.00\nTOTAL 7.50\nCASH 10.00', 7.5), true);
  assert.equal(itemsAddUp('SHOP\nA 3.50\nB 4.00\nSUBTOTAL 7.50\nGST 6% 0.45\nTOTAL 7.95', 7.95), true, 'items = total less the tax');
  assert.equal(itemsAddUp('SHOP\nA 3.50\nB 4.00\nTOTAL 7.80', 7.8), false, 'a total the items do not make');
  assert.equal(itemsAddUp('SHOP\nA 7.50\nTOTAL 7.50', 7.5), false, 'one item is the total already: nothing to add up');
  assert.equal(itemsAddUp('SHOP\nA 3.50\nB 4.00\nTOTAL 7.50', 4), false, 'an item read as the total');
  // labels and amounts read as lines of their own (Paddle on a wide slip): the amount's line is its label's
  const split = 'SHOP\nA 1 105.66\nB 1 17.45\nTotal Qty. : 18\n123.11\nSUB-TOTAL\n123.11\nTOTAL TAX\n7.39\nROUNDING\n0.00\nTOTAL\n130.50\nCASH\n130.50';
  assert.equal(itemsAddUp(split, 130.5), true, 'items + tax = total, each label over its amount');
  assert.equal(itemsAddUp(split, 123.11), false, 'the subtotal under its own label, or under a quantity count, is no total');
  // a till's cash rounding between the items + tax and the total
  assert.equal(itemsAddUp('SHOP\n1 Tiger 95.00 SR\nWings 22.00 SR\n4 SubTotal 117.00\nGST 06% 7.02\nRounding Adj -0.02\nNet Total 124.00', 124), true);
  assert.equal(itemsAddUp('SHOP\n1 Tiger 95.00 SR\nWings 22.00 SR\n4 SubTotal 117.00\nGST 06% 7.02\nNet Total 124.07', 124.07), false, 'off by more than a rounding');
  // the rounded total's own line, and unit-price lines under their items
  const rounded = 'SHOP\n261 OIL 5KG RM48.70 z\n@2 X RM 24.35\n8038 RICE RM29.90 z\nTotal Sales (Inclusive GST) RM 78.60\nRounding Adjustment RM .00\nRounding RM 78.60\nCASH RM 80.00';
  assert.equal(itemsAddUp(rounded, 78.6), true, 'the unit price is no item');
  assert.equal(itemsAddUp('SHOP\nPLATE 10.00 SR\nGST 6% 0.60\nTOTAL 10.60', 10.6), true, 'one item and the tax added to it');
  assert.equal(itemsAddUp('SHOP\nSR 6% 235.85 0.00\nTOTAL AMOUNT 235.85 14.15 250.00', 14.15), false, 'a table row\'s tax column is not its total');
});

test('the total is the last amount before the payment lines; a rounded and an unrounded total side by side', () => {
  assert.equal(lastBeforePayment(RECEIPT, 9), true);
  assert.equal(lastBeforePayment(RECEIPT, 8.49), false, 'the subtotal sits higher up');
  assert.equal(lastBeforePayment('TOTAL 9.00\nSERVICE 0.50', 9), false, 'no payment line: no evidence');
  assert.equal(lastBeforePayment('SUBTOTAL 8.49\nTOTAL\n9.00\nCASH\n50.00\nCHANGE\n41.00', 9), true, 'labels and amounts read as lines of their own');
  assert.equal(lastBeforePayment('Total 72.93\nRND ADJ 0.02\nTTL AFT RND 72.95\nPayment 73.00\nChange Due 0.05', 72.95), true);
  assert.equal(roundingTwin('Total 72.93\nRND ADJ 0.02\nTTL AFT RND 72.95\nPayment 73.00\nChange Due 0.05', 72.95), true);
  assert.equal(roundingTwin('Total 72.93\nRND ADJ 0.02\nTTL AFT RND 72.95\nPayment 73.00\nChange Due 0.05', 72.93), true);
  assert.equal(roundingTwin(RECEIPT, 9), false, 'the cash and the change are not a twin');
  assert.equal(roundingTwin('TOTAL 9.00\nCASH 9.02', 9), false, 'a payment line is not a twin');
});

test('a legal form, and a name the page\'s e-mail or web domain is made of', () => {
  assert.ok(hasLegalForm('Obelix GmbH & Co. KG') && hasLegalForm('BOOK TA .K (TAMAN DAYA) SDN BHD') && hasLegalForm('bol.com b.v.'));
  assert.ok(!hasLegalForm('Monthly Subscription "Pro Plan') && !hasLegalForm('Bedrijf XYZ'));
  assert.ok(nameInDomain('Contact: service@bouyguestelecom.fr', 'Bouygues Telecom'));
  assert.ok(nameInDomain('www.bol.com', 'bol.com b.v.'), 'a short name as the whole label');
  assert.ok(!nameInDomain('Contact: service@bouyguestelecom.fr', 'M DE LATTRE ALEXIS ALEXINUX SARL'), 'the customer is not the sender');
  assert.ok(!nameInDomain('no address here', 'Bouygues Telecom'));
  assert.ok(!nameInDomain('info@shop-services.com', 'Services Group Ltd'), 'generic words do not count');
});

test('collected as evidence of the total and the vendor', () => {
  const f = emptyFields();
  f.amount_total = { value: 9, confidence: 0.5 };
  f.vendor_name = { value: 'KEDAI ABC SDN BHD', confidence: 0.5 };
  const ev = collectEvidence({ fields: f, lines: [], text: `${RECEIPT}\nkedaiabc@gmail.com`, ocrLines: [] });
  assert.ok(ev.amount_total?.includes('largest-amount') && ev.amount_total.includes('tax-split-ok'));
  assert.ok(!ev.amount_total?.includes('tax-table-ok') && !ev.amount_total?.includes('tax-table-off'), 'GST 6% 0.51 has no base beside it');
  f.amount_total = { value: 7.95, confidence: 0.5 };
  const table = collectEvidence({ fields: f, lines: [], text: 'SHOP\nA 3.50\nB 4.00\nSUBTOTAL 7.50\nTOTAL 7.95\nSR 6% 7.50 0.45', ocrLines: [] });
  assert.ok(table.amount_total?.includes('tax-table-ok') && table.amount_total.includes('items-add-up'));
  f.amount_total = { value: 7.5, confidence: 0.5 };
  const sub = collectEvidence({ fields: f, lines: [], text: 'SHOP\nA 3.50\nB 4.00\nSUBTOTAL 7.50\nTOTAL 7.95\nSR 6% 7.50 0.45', ocrLines: [] });
  assert.ok(sub.amount_total?.includes('tax-table-off') && !sub.amount_total.includes('items-add-up'), 'the subtotal read as the total');
  f.amount_total = { value: 8, confidence: 0.5 };
  assert.ok(collectEvidence({ fields: f, lines: [], text: 'SHOP\nTOTAL 8.00\nCASH 8.00', ocrLines: [] }).amount_total?.includes('paid-ok'), 'cash paying the total exactly');
  const offPaid = collectEvidence({ fields: f, lines: [], text: 'SHOP\nTOTAL 8.00\nCASH 8.00', ocrLines: [], amounts: { paid_matches_total: false } }).amount_total;
  assert.ok(offPaid?.includes('paid-off') && !offPaid.includes('paid-ok'), 'the extraction\'s payments disagreeing stand');
  assert.ok(ev.vendor_name?.includes('legal-form'));
  assert.ok(!ev.vendor_name?.includes('name-in-domain'), 'gmail.com is not the shop\'s domain');
});

const ISSUER = [
  'DE LUIS SABORES UNICOS S.L.', 'Calle Mayor 5', '28001 Madrid', 'CIF: A-46103834', '', '', '', '', '', '',
  'Cliente: TASCA BAREA SL', 'NIF B87760575', '', '', '', '', '', '', '', '', 'Total 347,51',
].join('\n');

test('the vendor\'s name printed a few lines from its VAT id (with or without the country prefix)', () => {
  assert.ok(nameNearVat(ISSUER, 'De Luis Sabores Unicos S.L.', 'A46103834'));
  assert.ok(nameNearVat(ISSUER, 'DE LUIS SABORES UNICOS S.L.', 'ESA46103834'), 'the VAT read with its prefix, printed without');
  assert.ok(!nameNearVat(ISSUER, 'TASCA BAREA SL', 'A46103834'), 'the customer, far from the issuer\'s id');
  assert.ok(!nameNearVat(ISSUER, 'SABORES GOURMET', 'A46103834'), 'a name not printed');
  assert.ok(!nameNearVat(ISSUER, 'DE LUIS SABORES UNICOS S.L.', 'B99999999'), 'an id not printed');
});

test('a Belgian VAT id given in its ten digits is found where its nine digits of before 2007 are printed', () => {
  assert.ok(nameNearVat('ACME NV\nBTW BE 123 456 749', 'ACME NV', 'BE0123456749'));
});

test('vat-near is collected only beside a VAT whose check digits hold', () => {
  const f = emptyFields();
  f.vendor_name = { value: 'DE LUIS SABORES UNICOS S.L.', confidence: 0.5 };
  f.vendor_vat = { value: 'A46103834', confidence: 0.5 };
  assert.ok(collectEvidence({ fields: f, lines: [], text: ISSUER, ocrLines: [] }).vendor_name?.includes('vat-near'));
  f.vendor_vat = { value: 'A46103835', confidence: 0.5 };
  const wrongCheck = ISSUER.replace('A-46103834', 'A-46103835');
  assert.ok(!collectEvidence({ fields: f, lines: [], text: wrongCheck, ocrLines: [] }).vendor_name?.includes('vat-near'));
});

test('included-tax: the tax the slip says the total includes, at its printed rate, is the tax in that total', () => {
  const slip = 'SHOP\nTotal Incl. GST@6%  RM 12.72\nCASH  RM 20.00\nCHANGE  RM 7.28\nGST @6% included in total  RM 0.72';
  assert.equal(includedTaxFits(slip, 12.72), 'ok');
  assert.equal(includedTaxFits(slip, 12.0), 'off', 'a cent digit lost from the total');
  assert.equal(includedTaxFits('LADEN\nSUMME EUR  23,80\ndarin enthaltene MwSt 19 %  3,80', 23.8), 'ok');
  assert.equal(includedTaxFits('SHOP\nTOTAL 12.72', 12.72), null, 'no such line');
  // one line per rate: each names the tax of a part, none the total's
  assert.equal(includedTaxFits('LADEN\nSUMME 20,00\ndavon MwSt 7 % 0,50\ndavon MwSt 19 % 1,60', 20), null);
  // the phrases are the totals' (extract/words.ts): the tax's name must be said, "davon" or "enthalten" alone is not
  assert.equal(includedTaxFits('TIENDA\nTOTAL 12,10\nIVA incluido 21%  2,10', 12.1), 'ok');
  assert.equal(includedTaxFits('LADEN\nSUMME 11,90\ndavon 19% MwSt 1,90', 11.9), 'ok', 'the rate before the tax');
  assert.equal(includedTaxFits('LADEN\nSUMME 11,90\ndavon Pfand 19% 1,90', 11.9), null, 'a deposit is no tax');
  assert.equal(includedTaxFits('SHOP\nTOTAL 10.60\n68T @6% included in total 0.60', 10.6), 'ok', 'the tax\'s name garbled by OCR');
  assert.equal(includedTaxFits('LADEN\nTotal EUR 99,86\ninc1.   19,00%  Mwst (b)   15,95', 99.86), 'ok', '"incl." as OCR reads it, opening the line before its rate');
});

test('the total printed on the due date\'s line', () => {
  assert.ok(totalBesideDue('Totale 2.252,00 €\nScadenza 17/03/2026   2.252,00 €', 2252, '2026-03-17'));
  assert.ok(!totalBesideDue('Totale 2.252,00 €\nScadenza 17/03/2026   1.126,00 €', 2252, '2026-03-17'), 'an instalment is not the total');
  assert.ok(!totalBesideDue('Total 22,40\nVencimento 25/01/2024', 22.4, '2024-01-25'), 'the due date alone on its line');
});

test('total-beside-due is collected with the due date read, and not without it', () => {
  const f = emptyFields();
  f.date = { value: '2023-12-06', confidence: 0.6 };
  f.due_date = { value: '2024-01-05', confidence: 0.6 };
  f.amount_total = { value: 610, confidence: 0.6 };
  const text = 'ACME SRL\nFattura n. 30 del 06/12/2023\nTotale 610,00\nScadenza 05/01/2024 610,00';
  assert.ok(collectEvidence({ fields: f, lines: [], text, ocrLines: [] }).amount_total?.includes('total-beside-due'));
  f.due_date = { value: '2024-01-06', confidence: 0.6 };
  assert.ok(!collectEvidence({ fields: f, lines: [], text, ocrLines: [] }).amount_total?.includes('total-beside-due'), 'another due date');
  f.due_date = { value: null, confidence: 0 };
  assert.ok(!collectEvidence({ fields: f, lines: [], text, ocrLines: [] }).amount_total?.includes('total-beside-due'), 'no due date');
});
