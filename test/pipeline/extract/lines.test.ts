import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractLines } from '../../../src/pipeline/extract/lines.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { docFromLines, loadReadDoc } from './helpers.js';

test('items between the table header and the totals; the totals rows are not items', () => {
  const rows = buildRows(docFromLines([
    'Description  |  Quantity  |  Unit Price  |  Amount',
    'Whiteboard Pen  |  15.00 Units  |  100.00  |  1,500.00 €',
    'Screw  |  45.00 Units  |  0.20  |  9.00 €',
    'Subtotal  |  1,509.00 €',
    'Total  |  1,810.80 €',
  ]));
  const lines = extractLines(rows, '.');
  assert.deepEqual(lines, [
    { description: 'Whiteboard Pen', quantity: 15, unit_price: 100, amount: 1500, tax_rate: null },
    { description: 'Screw', quantity: 45, unit_price: 0.2, amount: 9, tax_rate: null },
  ]);
});

test('an item whose amount is printed on the next row is joined; unit prices with 4 decimals are not amounts', async () => {
  const ex = await extractFields(loadReadDoc('XML-Rechnung__FX__EN16931_Einfach.pdf'));
  assert.deepEqual(
    ex.lines.map((l) => [l.quantity, l.unit_price, l.amount, l.tax_rate]),
    [[20, 9.9, 198, 19], [50, 5.5, 275, 7]],
  );
  assert.match(ex.lines[0].description, /Trennblätter/);
});

test('no table header, no items', () => {
  assert.deepEqual(extractLines(buildRows(docFromLines(['Total  |  9.00', 'CASH  |  10.00'])), '.'), []);
});
