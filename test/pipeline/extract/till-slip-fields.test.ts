// European till slips (issue #13, nineteenth session): a wordmark logo in small letters, a price column's currency
// printed as a word in capitals or not at all, and the shop's tax id the other OCR engine reads where the first
// misread it. Snippets of real till print as OCR read it (receipts of the tune split).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyFields } from '../../../src/contract.js';
import { detectCurrency } from '../../../src/pipeline/extract/currency.js';
import { takeEngineFields } from '../../../src/pipeline/extract/engine-fields.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { docFromLines } from './helpers.js';

/** Rows of a slip snippet, each line's OCR confidence given by its index (1 otherwise). */
function slipRows(lines: string[], confidence: Record<number, number> = {}) {
  const doc = docFromLines(lines, { width: 400, height: 900 });
  doc.pages[0].lines.forEach((l, i) => (l.confidence = confidence[i] ?? 1));
  return buildRows(doc);
}

test("till vendor: a logo set in small letters at the slip's top is the shop's wordmark, not a note lacking capitals", () => {
  // the street's line under it misread past the street rules ("Fauerbacher Str 9" read "Fauenbacher Stur")
  const slip = ['tegut', 'Fauenbacher Stur', '61169 Friedberg', 'Tel 06031/1689770', 'Tragetasche  |  0,20 A1', 'Summe  |  8,15'];
  assert.equal(extractVendor(slipRows(slip, { 0: 0.97, 1: 0.88 }), { tillSlip: true }).vendor_name.value, 'tegut');
  // on a bill, and lower on the slip, small letters still say a note or a slogan
  const bill = ['tegut', 'Fauenbacher Stur', '61169 Friedberg'];
  assert.notEqual(extractVendor(slipRows(bill, { 0: 0.97, 1: 0.88 }), { tillSlip: false }).vendor_name.value, 'tegut');
  // a wordmark printed again inside a longer name below it is a part of that name: the line spells the shop in full
  const branch = ['express', 'U EXPRESS SOULT', 'Tel 01 43 07 12 12', 'Total  |  12,50'];
  assert.equal(extractVendor(slipRows(branch, { 1: 0.95 }), { tillSlip: true }).vendor_name.value, 'U EXPRESS SOULT');
});

test('till VAT id: a German VAT id printed without its DE behind its label, a Spanish NIF glued to its holder\'s name, a Norwegian one with its MVA', () => {
  const vat = (lines: string[]) => extractVendor(slipRows(lines), { tillSlip: true }).vendor_vat.value;
  assert.equal(vat(['Lidl', 'Hauptstr. 1', '30159 Hannover', 'Summe  |  12,50', 'UST-ID-NR: 813388987']), 'DE813388987');
  // its check digit must hold: a bare number behind the label may be anything else
  assert.equal(vat(['Lidl', 'Hauptstr. 1', '30159 Hannover', 'Summe  |  12,50', 'UST-ID-NR: 813388981']), null);
  assert.equal(vat(['Bar Restaurante LA VIÑA', 'C/ 31 DE AGOSTO, 3 20003 DONOSTIA', 'NIF:15941520JSantiago Rivera Jimenez', 'Total a cobrar: 17,70 €']), '15941520J');
  assert.equal(vat(['Elkjøp Norge AS', 'Nydalsveien 12B, 0484 Oslo', 'Moms nr.: NO947054600MVA Foretaksregistrert']), 'NO947054600MVA');
  // "NO" before nine digits without "MVA" is a number's label
  assert.equal(vat(['KEDAI MAJU', 'INVOICE NO 947054600', 'TOTAL  |  12.50']), null);
});

test('till currency: the euro written as a word in capitals ("TOTALE EURO", a price column headed "EURO")', () => {
  assert.equal(detectCurrency('EURO\n2x 4,00\n8,00\nTOTALE EURO\n16,00').value, 'EUR');
  // a word that only begins with it is none
  assert.equal(detectCurrency('EUROSPAR\n2x 4,00\n8,00').value, null);
});

test('till currency: a slip read by Tesseract that prints no currency mark is in its country\'s money', async () => {
  const lines = ['toom Baumarkt GmbH', 'Straßheimerstraße 27', '61169 Friedberg', 'Kassenbon', 'Winkelleiste  |  13,99', 'Rundstab Kiefer  |  2,49', 'SUMME  |  16,48', 'GEGEBEN BAR  |  20,00', 'Rückgeld  |  3,52', 'MwSt 19%  |  2,63'];
  const doc = docFromLines(lines, { width: 400, height: 900 });
  doc.kind = 'jpeg';
  doc.pages[0].source = 'ocr';
  doc.pages[0].ocrEngine = 'tesseract';
  const r = await extractFields(doc);
  assert.equal(r.fields.doc_type.value, 'receipt');
  assert.equal(r.fields.currency.value, 'EUR');
  assert.ok(r.fields.currency.confidence < 0.5, 'inferred, not read: it stays unsure');
});

test("till VAT id: the other engine's reading gives the tax id the first found none of, or misread past its check digits", () => {
  const first = emptyFields();
  const other = emptyFields();
  other.vendor_vat = { value: 'DE812706034', confidence: 0.9 };
  const none = { adds_up: null, lines_sum: null, paid_matches_total: null, payable_after_prepaid: false };
  // (the first reading lost the line)
  assert.equal(takeEngineFields(first, { fields: other, evidence: none }).fields.vendor_vat.value, 'DE812706034');
  // a digit misread: its check digits fail where the other's hold
  first.vendor_vat = { value: 'DE812706084', confidence: 0.5 };
  const took = takeEngineFields(first, { fields: other, evidence: none });
  assert.equal(took.fields.vendor_vat.value, 'DE812706034');
  assert.ok(took.taken.includes('vendor_vat'));
  // a first reading whose check digits hold stays, whatever the other reads
  first.vendor_vat = { value: 'DE812706034', confidence: 0.5 };
  other.vendor_vat = { value: 'DE812706084', confidence: 0.9 };
  assert.equal(takeEngineFields(first, { fields: other, evidence: none }).fields.vendor_vat.value, 'DE812706034');
  // an id without check digits (a Malaysian GST number) checks nothing: the other reading's is not taken for none
  first.vendor_vat = { value: null, confidence: 0 };
  other.vendor_vat = { value: '600381399040', confidence: 0.9 };
  assert.equal(takeEngineFields(first, { fields: other, evidence: none }).fields.vendor_vat.value, null);
});

test('till currency: a code in an item\'s words is no mark of the slip\'s money — not beside the price ending the line above, nor one the country clues rule out', () => {
  // an item named for a festival ("CNY" = Chinese New Year) under a price: the ringgit printed beside the totals wins
  const slip = ['TISSUE BOX  2 X 2.50  5.00', 'CNY DECO A002# 26CM  *S', 'LANTERN  1 X 10.90  10.90', 'CNY DECO A003# 21CM  *S', 'TOTAL INCL GST@6%  RM 15.90', 'CASH  RM 20.00'].join('\n');
  assert.equal(detectCurrency(slip).value, 'MYR');
  // an amount on the next line is not beside the code: the code stays unanchored, weaker than one on the amount's line
  const below = detectCurrency('COFFEE 7.90\nDECO CNY\n12.00 TOTAL');
  assert.ok((below.confidence ?? 0) < detectCurrency('DECO CNY 12.00').confidence!, `${below.confidence}`);
  // a code with no amount beside it, of a currency the clues rule out (Malaysian clues, a "MAD" in an item's name)
  const item = ['MINUTE MAD PUTIH 350ML  1  3.20', 'Tax Code  Amt (RM)', 'SR  6  3.20'].join('\n');
  assert.equal(detectCurrency(item, { cluesCurrency: 'MYR' }).value, 'MYR');
});
