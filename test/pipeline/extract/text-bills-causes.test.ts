// Text-layer bills of vendors the rules were not tuned on (issue #13, session 25): general causes of a wrong total —
// an estimated or quoted total printed on the bill (a repair order's budget attached to its invoice), amounts
// grouped by a space before a decimal point on a text layer. Each test fails without its rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { docFromLines } from './helpers.js';

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
  // a quotation's name is no estimate: the total "according to offer 12" is the bill's
  const de = buildRows(docFromLines([
    'Rechnung 2024-07',
    'Leistung  |  500.00',
    'Gesamtbetrag gemäß Angebot 12  |  595.00',
    'Zahlbar bis 30.07.2024',
  ]));
  assert.equal(extractTotals(de, { decimal: '.' }).amount_total.value, 595);
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
  const textLayer = new Set([1]);
  const t = extractTotals(rows, { decimal: '.', textLayerPages: textLayer });
  assert.equal(t.amount_total.value, 2668.24);
  assert.equal(t.amount_untaxed.value, 2151.81);
  // one such cell on a page is no way of writing amounts: a quantity and a price parted by one space, "1 718.00",
  // are read as before (no total of 1718)
  const one = buildRows(docFromLines([
    'Invoice 77',
    'Chair  |  1 718.00',
    'Total  |  718.00',
  ]));
  assert.equal(extractTotals(one, { decimal: '.', textLayerPages: textLayer }).amount_total.value, 718);
  // a photo's OCR line keeps a quantity and its price in one cell parted by one space: no text layer, no grouping
  const photo = buildRows(docFromLines(['SHOP', 'NASI LEMAK', '2 150.00', 'TEH TARIK', '1 718.00', '868.00']));
  assert.equal(extractTotals(photo, { decimal: '.', isReceipt: true, textLayerPages: new Set() }).amount_total.value, 868);
  assert.equal(extractTotals(photo, { decimal: '.', isReceipt: true }).amount_total.value, 868);
});
