// A text layer whose generator places every glyph on its own prints its amounts with a space between glyphs ("T O T
// A L €:  9 8 4 ,5 8"): the cell is one amount (totals.ts unspacedAmount). Made-up documents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { amountParser, extractTotals } from '../../../src/pipeline/extract/totals.js';
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
