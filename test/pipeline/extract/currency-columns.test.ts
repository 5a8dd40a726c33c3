// A bill printing its amounts in two currency columns, each headed by its code ("USD | EUR"), bills in its own
// currency: the amount in that currency's column is the bill's, the other its conversion (currency-columns.ts).
// Made-up documents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { docFromCells } from './helpers.js';

const table = (codes: [string, string]) => docFromCells([
  [['INVOICE 4711', 40, 120]],
  [['PRODUCT', 40, 90], ['AMOUNT', 420, 470]],
  [[codes[0], 400, 418], [codes[1], 480, 498]],
  [['Subscription, 1 month', 40, 160], ['119.95', 396, 424], ['109.15', 476, 504]],
  [['PURCHASES', 40, 100], ['119.95', 396, 424], ['109.15', 476, 504]],
  [['VAT (19%)', 40, 90], ['0.00', 400, 420], ['0.00', 480, 500]],
  [['TOTAL', 40, 70], ['119.95', 396, 424], ['109.15', 476, 504]],
]);

test('the total of a table in two currency columns is the one under the document\'s currency', () => {
  const rows = buildRows(table(['USD', 'EUR']));
  assert.equal(extractTotals(rows, { decimal: '.', currency: 'USD' }).amount_total.value, 119.95);
  assert.equal(extractTotals(rows, { decimal: '.', currency: 'EUR' }).amount_total.value, 109.15);
});

test('without currency headings, or without the document\'s currency among them, the row is read as before', () => {
  // one code alone is a column's currency, not a conversion; an unknown currency chooses no column
  assert.equal(extractTotals(buildRows(table(['USD', 'USD'])), { decimal: '.', currency: 'USD' }).amount_total.value, 109.15);
  assert.equal(extractTotals(buildRows(table(['USD', 'EUR'])), { decimal: '.', currency: 'GBP' }).amount_total.value, 109.15);
  assert.equal(extractTotals(buildRows(table(['USD', 'EUR'])), { decimal: '.' }).amount_total.value, 109.15);
});

test('a row below the table\'s own total, or of another shape, is not read under the table\'s headings', () => {
  // a conversion table closed by its total; the summary below prints a paid and a due amount, no currencies
  const summary = (between: [string, number, number][]) => buildRows(docFromCells([
    [['RATES', 40, 90]],
    [['USD', 400, 418], ['EUR', 480, 498]],
    [['Hourly rate', 40, 100], ['50.00', 396, 424], ['45.50', 476, 504]],
    between,
    [['SUMMARY', 40, 100]],
    [['TOTAL', 40, 70], ['9.10', 396, 424], ['182.00', 476, 504]],
  ]));
  assert.equal(extractTotals(summary([['TOTAL', 40, 70], ['50.00', 396, 424], ['45.50', 476, 504]]), { decimal: '.', currency: 'USD' }).amount_total.value, 182.0);
  assert.equal(extractTotals(summary([['Hours worked', 40, 100], ['4.00', 476, 504]]), { decimal: '.', currency: 'USD' }).amount_total.value, 182.0);
});

test('extraction: only a currency printed beside an amount, read at 0.6 or more, chooses the column', async () => {
  const bill = (extra: [string, number, number][][]) => docFromCells([
    [['INVOICE 4711', 40, 120]], ...extra,
    [['PRODUCT', 40, 90], ['AMOUNT', 420, 470]],
    [['USD', 400, 418], ['EUR', 480, 498]],
    [['Subscription, 1 month', 40, 160], ['119.95', 396, 424], ['109.15', 476, 504]],
    [['VAT (19%)', 40, 90], ['0.00', 400, 420], ['0.00', 480, 500]],
    [['TOTAL', 40, 70], ['119.95', 396, 424], ['109.15', 476, 504]],
  ]);
  // the headings alone (and a stray 'usd' in an address) guess the currency weakly: the row is read as before
  const weak = await extractFields(bill([[['billing@usd-cloud.example', 40, 200]]]));
  assert.equal(weak.fields.amount_total.value, 109.15);
  // the bill states its currency beside an amount: its column is read
  const printed = await extractFields(bill([[['Amount charged: USD 119.95', 40, 200]], [['Paid by card: USD 119.95', 40, 200]]]));
  assert.equal(printed.fields.currency.value, 'USD');
  assert.equal(printed.fields.amount_total.value, 119.95);
});
