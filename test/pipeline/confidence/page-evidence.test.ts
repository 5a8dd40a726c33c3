// Evidence read off the whole page (src/pipeline/confidence/page-evidence.ts), and collected with the rest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields } from '../../../src/contract.js';
import { collectEvidence } from '../../../src/pipeline/confidence/evidence.js';
import { hasLegalForm, isLargestAmount, nameInDomain, taxSplitAddsUp } from '../../../src/pipeline/confidence/page-evidence.js';

const RECEIPT = 'KEDAI ABC SDN BHD\n2 x ROTI 4.00 8.49\nSUB TOTAL 8.49\nGST 6% 0.51\nTOTAL 9.00\nCASH 50.00\nCHANGE 41.00';

test('the total is the largest amount printed, apart from the cash handed over and the change', () => {
  assert.equal(isLargestAmount(RECEIPT, 9), true);
  assert.equal(isLargestAmount(RECEIPT, 8.49), false, 'the subtotal is not');
  assert.equal(isLargestAmount(RECEIPT, 7), false, 'a total printed nowhere is not');
  assert.equal(isLargestAmount('Zwischensumme 1.234,56\nGesamt 1.469,13\nMwSt 19% 234,57', 1469.13), true, 'comma decimals');
  assert.equal(isLargestAmount('Totale documento 478,73\nSAS au capital social de 322 000,00 EUR RCS REIMS', 478.73), true, 'the share capital in the legal footer is owed by no one');
  assert.equal(isLargestAmount('Totale 176,14\nCapitale Sociale i.v.: € 80.000,00\nImponibile 1.000,00', 176.14), false, 'another amount still counts');
});

test('a tax amount and another printed amount that make up the total', () => {
  assert.equal(taxSplitAddsUp(RECEIPT, 9), true);
  assert.equal(taxSplitAddsUp(RECEIPT, 8.49), false);
  assert.equal(taxSplitAddsUp('ITEM 3.00\nITEM 6.00\nTOTAL 9.00', 9), false, 'two items that add up are not a tax split');
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
  assert.ok(ev.vendor_name?.includes('legal-form'));
  assert.ok(!ev.vendor_name?.includes('name-in-domain'), 'gmail.com is not the shop\'s domain');
});
