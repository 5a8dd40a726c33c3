// A text layer whose generator places every glyph on its own prints its amounts with a space between glyphs ("T O T
// A L €:  9 8 4 ,5 8"): the cell is one amount (totals.ts unspacedAmount), and a run of single characters holding seven
// digits or more, "B 8 6 7 0 5 1 2 6", one tax id (vat.ts glyphsJoined). Made-up documents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { amountParser, extractTotals } from '../../../src/pipeline/extract/totals.js';
import { findVatIds } from '../../../src/pipeline/extract/vat.js';
import { docFromLines } from './helpers.js';

test('a total spaced glyph by glyph is read as one amount', () => {
  const doc = docFromLines(['F A C T U R A', 'BA SE IM P.  |  %  |  I.V .A .', '813,70  |  21  |  170,88', 'IM PUEST OS:  |  170,88', 'T O T A L €:  |  9 8 4 ,5 8']);
  assert.equal(extractTotals(buildRows(doc), { decimal: ',' }).amount_total.value, 984.58);
});

test('only a cell of one- and two-glyph pieces joining into an amount with cents is joined', () => {
  const parse = amountParser(',');
  assert.equal(parse('1 .2 3 4 ,5 0 €'), 1234.5);
  // separate numbers (a quantity, a price, an amount), a spaced date, a spaced whole number: left as they are
  assert.equal(parse('6  2,75  16,50'), 16.5);
  assert.equal(parse('2 9 /1 1 /2 0 2 5'), null);
  assert.equal(parse('1 2 3 4'), null);
});

test('a tax id spaced glyph by glyph is read as one id, where it stands', () => {
  const ids = (text: string) => findVatIds(text).map((m) => [m.value, m.index]);
  assert.deepEqual(ids('B 8 6 7 0 5 1 2 6    M A D R ID'), [['B86705126', 0]]);
  assert.deepEqual(ids('CIF:  D E 1 2 3 4 5 6 7 8 8'), [['DE123456788', 6]]);
  // a spaced word or a short code stays as printed
  assert.deepEqual(ids('A B C 1 2 3'), []);
});
