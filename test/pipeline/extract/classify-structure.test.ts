// Document type from the document's structure when its title is not read (issue #13: doc_type ≥ 98 %): each test
// pins one rule on lines as OCR read them from real scans and photos (tune corpus), shortened.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyDocument } from '../../../src/pipeline/extract/classify.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { docFromLines } from './helpers.js';

const rowsOf = (lines: string[]) => buildRows(docFromLines(lines));
const typeOf = (lines: string[], aspect = 1.41, ocrLines: string[] = []) => classifyDocument(rowsOf(lines), aspect, ocrLines).value;

test('an invoice whose title OCR lost: the francophone legal closing ("Arrêtée la présente facture à la somme de") and the bank details (RIB)', () => {
  // the legal closing stands at the foot of the page, below the lines' table (the title above was not read)
  const table = Array.from({ length: 34 }, (_, i) => `ARTICLE ${i + 1}  |  1  |  ${10 + i},000  |  ${10 + i},000`);
  const scan = [
    ...table,
    '13%  vo 000  À TEL ET =—-56  |  Droit de timbre :  0,600 DT',
    'Signature & Cachet  |  Prix TTC:  170,604 DT',
    'Arrêtée la présente facture à la somme de :',
    'cent soixante-dix dinars et six cent un millimes',
    'Siège Social: 2, Av 5 Août Imm Carrefour. Sfax 3002 -Tunisie',
    'RIB: QNB 23009100900532300179  |  E-mail: contact@example.tn',
  ];
  assert.equal(typeOf(scan), 'invoice');
});

test('an invoice by its columns and sums before tax ("Code Article", "PU HT", "TOTAL HT", "BASE TVA")', () => {
  const scan = [
    '1/1', 'RTE AIN KM 5', 'Code Article  |  PU HT  |  MT HT  |  MT TTC',
    'REAK VANILLE/ CHOCOLAT *8  |  133,600  |  133,600', 'MINI GATEAU *8  |  0%  |  175,984  |  175,984',
    'TOTAL BRUT', 'BASE TVA', 'TOTAL HT  |  926,400', 'TOTAL TTC  |  926,400',
  ];
  assert.equal(typeOf(scan), 'invoice');
});

test('an untitled till slip: a total word on its own line on a page that prints amounts, time of sale and transaction number', () => {
  const slip = [
    'ZARA, CC. LAS GLORIAS, L 404', 'TLF: +34 934 860 134', '07/02/2013 14:25', '127 974308  |  Trans: 345681',
    'PRECIO  |  IMPORTE', 'TS 21002  |  1  |  59,95  |  59,95 Y', 'BOTIN TACON', 'Total', '5',
  ];
  assert.equal(typeOf(slip, 1.33), 'receipt');
  // a total word without any amount on the page sums nothing up
  assert.equal(typeOf(['ZARA, CC. LAS GLORIAS, L 404', 'TLF: +34 934 860 134', 'Total'], 1.33), 'other');
});

test('a slip photographed sideways: rows that gather the OCR lines by the handful give way to the OCR lines', () => {
  // the layout rows of an uncorrected sideways photo: each holds a column of the slip
  const rows = [
    'LEERGUT EINWEG   -0,75 A   BIO WEIDEMILCH   2,70 -B   HACKFLEISCH GEM.   6,98 B   WIRSING   2,28 B   UID Nr. : DE124914673',
    'MANDEL SPEKULAT.   7   BAVARIA BLU _WUER   1,99 B   1,434 kg x 1,59 EUR/kg   MARGOT-RÖTTGER-RATH-STR. 1',
  ];
  const ocrLines = [
    'LEERGUT EINWEG -0,75 A', 'BIO WEIDEMILCH 2,70 -B', 'HACKFLEISCH GEM. 6,98 B', 'WIRSING 2,28 B', 'UID Nr. : DE124914673',
    'MANDEL SPEKULAT. 7', 'BAVARIA BLU _WUER 1,99 B', '1,434 kg x 1,59 EUR/kg', 'MARGOT-RÖTTGER-RATH-STR. 1',
  ];
  assert.equal(typeOf(rows, 0.75, ocrLines), 'receipt');
  assert.notEqual(typeOf(rows, 0.75), 'receipt');
});

test('an invoice whose OCR lines split its columns keeps its rows: a "THANK YOU" beside "BANK DETAILS" is no till\'s goodbye', () => {
  const rows = [
    'MORGAN MAXWELL', 'ISSUED TO:  |  INVOICE NO:  |  01234', 'Jonathan Patterson  |  DATE: 11.02.2030', 'Liceria & Co.  |  DUE DATE: 11.03.2030',
    'DESCRIPTION  |  UNIT PRICE  |  QTY  |  TOTAL', 'brand consultation  |  100  |  1  |  $100', 'SUBTOTAL  |  $500', 'TOTAL  |  $550',
    'BANK DETAILS  |  THANK YOU', 'Account No.: 0123 4567 8901',
  ];
  const ocrLines = rows.flatMap((r) => r.split('  |  '));
  assert.equal(typeOf(rows, 1.41, ocrLines), 'invoice');
});
