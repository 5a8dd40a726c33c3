// Evidence read off the whole page (src/pipeline/confidence/page-evidence.ts), and collected with the rest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields } from '../../../src/contract.js';
import { collectEvidence } from '../../../src/pipeline/confidence/evidence.js';
import { hasLegalForm, isLargestAmount, nameInDomain, nameNearVat, taxSplitAddsUp } from '../../../src/pipeline/confidence/page-evidence.js';

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

test('vat-near is collected only beside a VAT whose check digits hold', () => {
  const f = emptyFields();
  f.vendor_name = { value: 'DE LUIS SABORES UNICOS S.L.', confidence: 0.5 };
  f.vendor_vat = { value: 'A46103834', confidence: 0.5 };
  assert.ok(collectEvidence({ fields: f, lines: [], text: ISSUER, ocrLines: [] }).vendor_name?.includes('vat-near'));
  f.vendor_vat = { value: 'A46103835', confidence: 0.5 };
  const wrongCheck = ISSUER.replace('A-46103834', 'A-46103835');
  assert.ok(!collectEvidence({ fields: f, lines: [], text: wrongCheck, ocrLines: [] }).vendor_name?.includes('vat-near'));
});
