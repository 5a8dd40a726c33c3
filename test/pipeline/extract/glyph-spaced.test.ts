// A text layer whose generator places every glyph on its own prints its amounts with a space between glyphs ("T O T
// A L €:  9 8 4 ,5 8"): the cell is one amount, and a run of single characters holding seven digits or more, "B 8 6 7
// 0 5 1 2 6", one tax id (glyph-spacing.ts) — on the text layer's pages only: on an OCR page such a line is a
// barcode's digits or a quantity beside its price. Made-up documents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { glyphsJoined, unspacedAmount } from '../../../src/pipeline/extract/glyph-spacing.js';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { docFromLines } from './helpers.js';

const TEXT_LAYER = new Set([1]);
const asOcr = (doc: ReadDocument): ReadDocument => ({ ...doc, pages: doc.pages.map((p) => ({ ...p, source: 'ocr' })) });

const bill = () => docFromLines(['F A C T U R A', 'BA SE IM P.  |  %  |  I.V .A .', '813,70  |  21  |  170,88', 'IM PUEST OS:  |  170,88', 'T O T A L €:  |  9 8 4 ,5 8']);

test('a total spaced glyph by glyph is read as one amount on a text layer\'s page', () => {
  assert.equal(extractTotals(buildRows(bill()), { decimal: ',', textLayerPages: TEXT_LAYER }).amount_total.value, 984.58);
});

test('only a cell of one- and two-glyph pieces joining into an amount with cents is joined', () => {
  assert.equal(unspacedAmount('1 .2 3 4 ,5 0 €'), '1.234,50€');
  // separate numbers (a quantity, a price, an amount), a spaced date, a spaced whole number: left as they are
  for (const text of ['6  2,75  16,50', '2 9 /1 1 /2 0 2 5', '1 2 3 4']) assert.equal(unspacedAmount(text), text);
});

test('a tax id spaced glyph by glyph is read as one id, where it stands', () => {
  assert.equal(glyphsJoined('B 8 6 7 0 5 1 2 6    M A D R ID'), 'B86705126' + ' '.repeat(8) + '    M A D R ID');
  // a spaced word or a short code stays as printed
  assert.equal(glyphsJoined('A B C 1 2 3'), 'A B C 1 2 3');
  const rows = buildRows(docFromLines(['ACME SOLUCIONES S.L.', 'CIF:  |  B 8 6 7 0 5 1 2 6', 'Factura 12']));
  assert.equal(extractVendor(rows, { textLayerPages: TEXT_LAYER }).vendor_vat.value, 'B86705126');
});

test('on an OCR page a line of spaced single digits is not joined', () => {
  // the same page photographed: its spaced digits are no text layer's artefact (a barcode's digits, "1 2 ,5 0")
  const ocr = buildRows(asOcr(bill()));
  assert.notEqual(extractTotals(ocr, { decimal: ',', textLayerPages: new Set() }).amount_total.value, 984.58);
  const rows = buildRows(asOcr(docFromLines(['ACME SOLUCIONES S.L.', 'CIF:  |  B 8 6 7 0 5 1 2 6', 'Factura 12'])));
  assert.equal(extractVendor(rows, { textLayerPages: new Set() }).vendor_vat.value, null);
});
