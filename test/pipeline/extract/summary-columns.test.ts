// A summary table's headings over their values, each value on its own line (issue #13 part 3, layout): a heading
// reads its own column down past the rows that hold only the other headings' values (layout.ts findLabeled,
// ownColumnBelow). Made-up rows, none copied from a fixture.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { docFromCells } from './helpers.js';

test('a summary heading "TOTAL" reads its value past two rows of the other headings\' values', () => {
  const rows = buildRows(docFromCells([
    [['Repair works', 40, 120], ['1060.00', 480, 530]],
    [['Subtotal', 40, 80], ['Discount', 120, 170], ['Rate', 200, 230], ['Net taxable', 280, 340], ['VAT', 380, 410], ['TOTAL', 500, 530]],
    [['0.00', 140, 160]],
    [['0.00%', 200, 225], ['1060.00', 290, 340]],
    [['1060.00', 480, 530]],
    [['1060.00', 40, 90]],
    [['Deductible $ 640', 40, 140]],
  ]));
  const t = extractTotals(rows, { decimal: '.' });
  assert.equal(t.amount_total.value, 1060);
  assert.ok(t.explain.amount_total.winner?.why.some((w) => w.startsWith('total:')));
});

test('a row with a cell in the heading\'s own column still ends its search: its value is no other row\'s', () => {
  const rows = buildRows(docFromCells([
    [['Subtotal', 40, 80], ['VAT', 380, 410], ['TOTAL', 500, 530]],
    [['100.00', 40, 80], ['n/a', 500, 530]],
    [['0.00', 380, 410]],
    [['999.00', 480, 530]],
  ]));
  assert.notEqual(extractTotals(rows, { decimal: '.' }).amount_total.value, 999);
});
