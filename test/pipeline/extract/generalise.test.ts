// Invoice rules of issue #13 (fourth round: rules that hold on invoices the rules were not tuned on). Each test
// fails without its rule; snippets are shaped like the tune-split documents of fixtures/documents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { findVatIds } from '../../../src/pipeline/extract/vat.js';
import { chooseTotals, extractTotals, type AmountCandidate } from '../../../src/pipeline/extract/totals.js';
import { taxAtRate } from '../../../src/pipeline/extract/totals-choice.js';
import { extractInvoiceNumber } from '../../../src/pipeline/extract/references.js';
import { docFromLines } from './helpers.js';

const vatOf = (lines: string[]) => extractVendor(buildRows(docFromLines(lines))).vendor_vat.value;

test('a VAT id is cut back to its country\'s length only at a group boundary, never inside one run of digits', () => {
  // grouped digits followed by a postcode: cut at the group boundary
  assert.equal(findVatIds('USt-IdNr. DE 232 446 240 12345', { labelled: true })[0]?.value, 'DE232446240');
  // one run of eleven digits is one id (a made-up one): not DE + its first nine digits
  assert.notEqual(findVatIds('DE09687654321', { labelled: false })[0]?.value, 'DE096876543');
  assert.equal(findVatIds('USt-IdNr.: DE09687654321', { labelled: true })[0]?.value, 'DE09687654321');
});

test('behind a VAT label, an id of the wrong length for its country is read as printed, its check counted as wrong', () => {
  const [m] = findVatIds('DE12435679', { labelled: true });
  assert.equal(m?.value, 'DE12435679');
  assert.equal(m?.checksum, false);
  // unlabelled, such a string is no VAT id
  assert.equal(findVatIds('DE12435679', { labelled: false }).length, 0);
});

test('a labelled seller id with wrong check digits beats an unlabelled bare Spanish-NIF-shaped code elsewhere', () => {
  assert.equal(vatOf([
    'Verkäufer',
    'Name:  |  Musterlieferant GmbH',
    'USt.-Id.-Nr.:  |  DE12435679',
    'Pos  |  Beschreibung  |  Nettobetrag',
    '1  |  87654321X (GTIN)  |  105,04',
  ]), 'DE12435679');
  // the same code behind its own NIF label stays a tax id
  assert.equal(vatOf(['Ferretería López S.L.', 'NIF: 87654321X', 'Factura 12']), '87654321X');
});

test('behind its label, an Italian Partita IVA whose check digit fails is still read (as printed, check wrong)', () => {
  const [m] = findVatIds('P.IVA: 01335720755', { labelled: true });
  assert.equal(m?.value, 'IT01335720755');
  assert.equal(m?.checksum, false);
  assert.equal(findVatIds('01335720755', { labelled: false }).length, 0);
});

const cand = (kind: AmountCandidate['kind'], value: number, score: number): AmountCandidate => ({ kind, value, score, confidence: 1, rowIndex: 1 });

test('rate-triple: with labels the rules do not know, the summary\'s arithmetic alone finds total, untaxed and tax', () => {
  // Polish labels: none is a label of ours; the largest amount is an amount printed plus its tax at 23 %
  const t = extractTotals(buildRows(docFromLines([
    'Faktura VAT 12/2024',
    'Usługa programistyczna  |  2  |  500,00  |  1 000,00',
    'Wartość bez podatku  |  1 000,00',
    'Kwota podatku 23%  |  230,00',
    'Do zapłaty  |  1 230,00',
  ])), { decimal: ',' });
  assert.equal(t.amount_total.value, 1230);
  assert.equal(t.amount_untaxed.value, 1000);
  assert.equal(t.amount_tax.value, 230);
});

test('rate-triple stays out of a slip paid on the spot: cash = total + change is no amount plus its tax', () => {
  // 8.70 + 1.30 = 10.00 and 1.30 is 8.70 at 15 %: a coincidence of the payment lines
  const t = chooseTotals([], { paid: [8.7], tendered: 10, printed: [8.7, 10, 1.3] });
  assert.notEqual(t.amount_total.value, 10);
  const bill = chooseTotals([], { printed: [8.7, 10, 1.3] });
  assert.equal(bill.amount_total.value, 10); // the same amounts on a bill: the arithmetic speaks
});

test('a tax is at a VAT rate of its base only above 5 units of money (below, every tax is some rate)', () => {
  assert.equal(taxAtRate(100, 19, [19]), true);
  assert.equal(taxAtRate(84.86, 5.11, [6]), true, 'rounded line by line');
  assert.equal(taxAtRate(3, 0.5, [16]), false);
});

test('a tax above its untaxed amount, both adding up to the total, is a pair of columns read in each other\'s place', () => {
  const t = chooseTotals([cand('total', 1695.8, 1), cand('untaxed', 305.8, 0.9), cand('tax', 1390, 0.95)]);
  assert.equal(t.amount_untaxed.value, 1390);
  assert.equal(t.amount_tax.value, 305.8);
  assert.equal(t.amount_total.value, 1695.8);
});

test('"no" / "num" without a dot, colon or # are words, not a number label, unless a digit follows', () => {
  const rows = (lines: string[]) => buildRows(docFromLines(lines));
  // Portuguese "no" = "in the": a consumption, not the invoice number
  assert.equal(extractInvoiceNumber(rows(['Consumo medido no mês:  |  148 kWh', 'Constante de faturamento:  |  1,00'])).value, null);
  assert.equal(extractInvoiceNumber(rows(['No. 4711-A', 'Datum 01.02.2024'])).value, '4711-A');
  assert.equal(extractInvoiceNumber(rows(['Nr 471102', 'Datum 01.02.2024'])).value, '471102');
});

/** A Dutch grower's invoice to an Italian customer: the customer's block (`block`, its name and address with its VAT
 * id), the lines, and the issuer's name and VAT id in the footer only. */
const fioriInvoice = (block: string[]) => [
  'Fattura per',
  ...block,
  'Quantità  |  Descrizione  |  Totale',
  '3 x 10  |  Hydrangea white  |  45,00',
  ...Array.from({ length: 8 }, (_, i) => `${i + 1} x 10  |  Phlox  |  12,00`),
  'Ammontare della fattura EUR  |  981,97',
  'Bloemen Voorbeeld B.V.  |  IVA nr. : NL 0080.50.818.B01  |  E-mail : info@bloemenvoorbeeld.nl',
];
const FIORI_ADDRESS = ['Fiori Esempio s.r.l.  |  Debnr  |  : ROSSI', 'Via Roma 14  |  Data  |  : 8-7-2025', '20145 Milano  |  Fattura  |  : 2452493', 'Italia'];

test('a letterhead name printed over another party\'s VAT id, far from the issuer\'s own id, is the customer\'s block', () => {
  const lines = fioriInvoice([...FIORI_ADDRESS, 'IT00743110157']);
  const vendor = extractVendor(buildRows(docFromLines(lines)));
  assert.equal(vendor.vendor_vat.value, 'NL008050818B01');
  assert.ok(vendor.explain.vendor_name.winner?.value !== 'Fiori Esempio s.r.l.', 'the customer block is not the vendor');
  const customer = [vendor.explain.vendor_name.winner, vendor.explain.vendor_name.runner_up].find((c) => c?.value === 'Fiori Esempio s.r.l.');
  if (customer) assert.ok(customer.why.includes('over-other-vat'));
});

test('a customer\'s block that prints its id over its name is the customer\'s too (nearVatLine: either side of the id)', () => {
  const lines = fioriInvoice(['IT00743110157', ...FIORI_ADDRESS]);
  const vendor = extractVendor(buildRows(docFromLines(lines)));
  const customer = [vendor.explain.vendor_name.winner, vendor.explain.vendor_name.runner_up].find((c) => c?.value === 'Fiori Esempio s.r.l.');
  assert.ok(customer?.why.includes('over-other-vat'));
});

test('rate-rows: a tax table of two rates, its rate column without "%", gives the untaxed amount and the tax', () => {
  const cands: AmountCandidate[] = [
    { kind: 'total', value: 250.07, score: 0.9, confidence: 0.95, rowIndex: 9 },
    // only the first row's base is labelled
    { kind: 'untaxed', value: 210.12, score: 0.9, confidence: 0.95, rowIndex: 7 },
  ];
  // items 28.08 and 15.65, then the table: 210.12 at 10 % = 21.01, 15.65 at 21 % = 3.29
  const printed = [28.08, 18.72, 15.65, 210.12, 21.01, 3.29, 250.07];
  const t = chooseTotals(cands, { printed });
  assert.equal(t.amount_total.value, 250.07);
  assert.equal(t.amount_untaxed.value, 225.77);
  assert.equal(t.amount_tax.value, 24.3);
  // rows that add up to no total read say nothing
  const none = chooseTotals([{ ...cands[0], value: 260 }, cands[1]], { printed });
  assert.equal(none.amount_untaxed.value, 210.12);
});
