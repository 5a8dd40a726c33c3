// Text-layer bills of vendors the rules were not tuned on (issue #13, session 25): general causes of a wrong total —
// an estimated or quoted total printed on the bill (a repair order's budget attached to its invoice), a table of
// amounts in two currency columns. Each test fails without its rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { docFromCells, docFromLines } from './helpers.js';

test('an estimated or budgeted total ("Importe total presupuestado", "Estimated total") is no total of the bill', () => {
  const es = buildRows(docFromLines([
    'FACTURA  |  Nº 0003-00003435',
    'Subtotal  |  106000.00',
    'Importe  |  106000.00',
    'Orden de trabajo',
    'IMPORTE TOTAL PRESUPUESTADO/AJUSTADO: $  |  170,000.00',
    'Franquicia a cargo del asegurado: $  |  64,000.00',
  ]));
  assert.equal(extractTotals(es, { decimal: '.' }).amount_total.value, 106000);
  const en = buildRows(docFromLines([
    'Invoice 2024-118',
    'Estimated total  |  1,250.00',
    'Labour  |  800.00',
    'Amount due  |  980.00',
  ]));
  assert.equal(extractTotals(en, { decimal: '.' }).amount_total.value, 980);
});

test('a table of amounts in two currency columns ("USD | EUR"): the bill\'s currency\'s column holds its total', () => {
  const doc = docFromCells([
    [['INVOICE: #XZ123', 40, 120]],
    [['AMOUNT', 400, 440]],
    [['PRODUCT', 40, 80], ['USD', 400, 418], ['EUR', 480, 498]],
    [['PRO 1 month Recurring', 40, 150], ['119.95', 396, 424], ['109.15', 476, 504]],
    [['PURCHASES', 40, 90], ['119.95', 396, 424], ['109.15', 476, 504]],
    [['VAT (19%)', 40, 85], ['0.00', 400, 420], ['0.00', 480, 500]],
    [['TOTAL AT CHECKOUT', 40, 130], ['119.95', 396, 424], ['109.15', 476, 504]],
  ]);
  const rows = buildRows(doc);
  assert.equal(extractTotals(rows, { decimal: '.', currency: 'USD' }).amount_total.value, 119.95);
  // a bill in euros reads the euro column; without a known currency the rows are read as before
  assert.equal(extractTotals(rows, { decimal: '.', currency: 'EUR' }).amount_total.value, 109.15);
});

test('amounts grouped in thousands by a space before a decimal point ("2 668.24"), each alone in its cell, are one number each', () => {
  const rows = buildRows(docFromLines([
    'Arve nr 1615',
    'Ruumide rent  |  1  |  kmpl  |  2 390.90',
    'Vahesumma:  |  2 390.90',
    'Soodustus 10%  |  239.09',
    'Summa käibemaksuta:  |  2 151.81',
    'Käibemaks 24%  |  516.43',
    'Kokku EUR  |  2 668.24',
  ]));
  const t = extractTotals(rows, { decimal: '.' });
  assert.equal(t.amount_total.value, 2668.24);
  assert.equal(t.amount_untaxed.value, 2151.81);
  // one such cell on a page is no way of writing amounts: a quantity and a price parted by one space, "1 718.00",
  // are read as before (no total of 1718)
  const one = buildRows(docFromLines([
    'Invoice 77',
    'Chair  |  1 718.00',
    'Total  |  718.00',
  ]));
  assert.equal(extractTotals(one, { decimal: '.' }).amount_total.value, 718);
});
