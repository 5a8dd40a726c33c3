// Layout facts of bills in general (issue #13: text-layer bills of vendors the rules were not tuned on): a document's
// name heading a table's column, a sum printed with its conversion into another currency. Made-up documents, none
// copied from a fixture; each test fails without its rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractInvoiceNumber } from '../../../src/pipeline/extract/references.js';
import { amountParser, extractTotals } from '../../../src/pipeline/extract/totals.js';
import { docFromCells } from './helpers.js';

/** A one-page text layer whose cells stand at the given x (points): each row is a list of [x, text]. */
const docAt = (rows: [number, string][][]): ReadDocument =>
  docFromCells(rows.map((cells) => cells.map(([x0, text]): [string, number, number] => [text, x0, x0 + text.length * 5])));
const rowsAt = (rows: [number, string][][]) => buildRows(docAt(rows));

test('a document\'s name heading a table\'s column over its number is read beside a customer\'s or a page\'s heading', () => {
  // "Datum | Kunde | Rechnung": each heading heads its own column; "Kunde" says nothing of the column after it
  assert.equal(extractInvoiceNumber(rowsAt([
    [[40, 'Datum'], [150, 'Kunde'], [260, 'Rechnung']],
    [[40, '15.03.2023'], [160, '10044'], [275, '4567']],
  ])).value, '4567');
  assert.equal(extractInvoiceNumber(rowsAt([
    [[40, 'Date'], [150, 'Page'], [260, 'Invoice'], [370, 'Customer']],
    [[40, '15.03.2023'], [160, '1/1'], [275, 'A-4711'], [380, '10044']],
  ])).value, 'A-4711');
  // a bare number word is still read on from the words before it: "Kunde | Nummer" over a value is the customer's
  assert.equal(extractInvoiceNumber(rowsAt([
    [[40, 'Kunde'], [120, 'Nummer']],
    [[40, 'Meyer KG'], [125, '549910']],
  ])).value, null);
});

test('a sum printed with its conversion into another currency ("16,80 € / 71,73 zł") is read in the bill\'s own', () => {
  const comma = amountParser(',');
  assert.equal(comma('16,80 € / 71,73 zł'), 16.8);
  assert.equal(comma('100,00 EUR (427,00 PLN)'), 100);
  assert.equal(amountParser('.')('USD 119.95 / EUR 109.15'), 119.95);
  // two amounts in one currency are two amounts: the last is read, as before
  assert.equal(comma('2 x 12,00 € 24,00 €'), 24);
  // a mark is a currency's: a tax's or a net's label beside an amount is none ("VAT 2.08" is no conversion), in any case
  assert.equal(amountParser('.')('EUR 12.50 (VAT 2.08)'), 2.08);
  assert.equal(comma('16,80 € / 71,73 ZŁ'), 16.8);
  const t = extractTotals(rowsAt([
    [[40, 'Schleppleine 10 m'], [300, '19,00 %'], [470, '19,99 €']],
    [[300, 'Gesamt Netto'], [420, '16,80 € / 71,73 zł']],
    [[300, 'zzgl. MwSt 19 %'], [420, '3,19 € / 13,62 zł']],
    [[300, 'Zahlbetrag'], [420, '19,99 € / 85,35 zł']],
  ]), { decimal: ',' });
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [19.99, 16.8, 3.19]);
});
