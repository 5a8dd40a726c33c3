// A text layer's cells stand where the PDF placed them (pdf.ts runs, layout.ts splitCells): the gaps between a line's
// pieces are written as a few spaces whatever their width, so positions read off character offsets drifted by tens of
// points across a wide gap. Columns, headings and blocks are read from the true positions, and the rules that read
// them hold with true positions: a left-aligned heading is narrower than the lines of its column.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupIntoLines, type PositionedText } from '../../../src/pipeline/pdf.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractInvoiceNumber } from '../../../src/pipeline/extract/references.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { docFromCells } from './helpers.js';

const piece = (str: string, x: number, width: number, bottom: number): PositionedText => ({ str, x, top: bottom - 8, bottom, width, fontHeight: 8 });

test('a text layer\'s cells keep the x positions of the pieces they were made of', () => {
  const lines = groupIntoLines([piece('Rechnungsadresse', 35, 84, 300), piece('Lieferadresse', 211, 59, 300), piece('Verkauft von', 386, 55, 300)]);
  const doc = { pages: [{ page: 1, source: 'pdf-text', width: 595, height: 842, rotation: 0, confidence: 1, text: '', lines }] } as unknown as ReadDocument;
  const [row] = buildRows(doc);
  assert.deepEqual(row.cells.map((c) => [c.text, Math.round(c.x0), Math.round(c.x1)]), [['Rechnungsadresse', 35, 119], ['Lieferadresse', 211, 270], ['Verkauft von', 386, 441]]);
});

test('a seller heading beside the customer\'s heads its column up to the next heading, wider than its own words', () => {
  const rows = buildRows(docFromCells([
    [['Rechnung', 500, 565]],
    [['Rechnungsadresse', 35, 119], ['Lieferadresse', 211, 270], ['Verkauft von', 386, 441]],
    [['Rojda Polat', 35, 74], ['Rojda Polat', 211, 249], ['Beispiel Handel GmbH, Niederlassung Nord', 386, 546]],
  ]));
  assert.equal(extractVendor(rows).vendor_name.value, 'Beispiel Handel GmbH, Niederlassung Nord');
});

test('a low row with an amount is a line item, not the footer\'s imprint, whatever footer line stands under it', () => {
  const rows = buildRows(docFromCells([
    [['2 x', 51, 64], ['Scatola P bianco', 131, 191], ['2,15', 499, 515], ['4,30', 550, 566]],
    [['Tel. : +31 297 356 100', 50, 121], ['1430 BB Aalsmeer', 139, 199], ['IBAN: NL53.ABNA.0416.8070.54', 328, 431]],
  ], { top: 700 }));
  assert.notEqual(extractVendor(rows).vendor_name.value, 'Scatola P bianco');
});

test('a short series and the number both under the number\'s heading are read together, series first', () => {
  assert.equal(extractInvoiceNumber(buildRows(docFromCells([
    [['DOCUMENTO', 329, 376], ['NÚMERO', 405, 438], ['PÁGINA', 476, 504], ['FECHA', 533, 556]],
    [['Factura', 329, 355], ['1', 405, 410], ['250231', 434, 459], ['1', 476, 480], ['12/11/2025', 533, 573]],
  ]))).value, '1 250231');
});

test('"Taxes" labels the tax as "Tax" does', () => {
  const rows = buildRows(docFromCells([
    [['NET AMOUNT (USD)', 328, 405], ['19.99', 571, 590]],
    [['TAXES (SEE DETAILS FOR RATES)', 328, 450], ['0.00', 574, 590]],
    [['GRAND TOTAL (USD)', 329, 417], ['19.99', 569, 590]],
  ]));
  assert.equal(extractTotals(rows, { decimal: '.' }).amount_tax.value, 0);
});
