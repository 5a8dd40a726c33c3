// Label words live in one table (words.ts BILL_LABELS) and are read as whole words; a value under a title is the
// title's only where it stands under it. Made-up rows, none copied from a fixture.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { collectAmountCandidates, printedAmounts } from '../../../src/pipeline/extract/totals.js';
import { extractInvoiceNumber } from '../../../src/pipeline/extract/references.js';
import { extractDates } from '../../../src/pipeline/extract/keydates.js';
import { docFromCells } from './helpers.js';

test('"Zahlbetrag" is a label word of its own, not the column headings "Anzahl | Betrag" read together', () => {
  const rows = buildRows(docFromCells([
    [['Bezeichnung', 50, 110], ['Preis/Stunde Anzahl Betrag', 300, 430]],
    [['Beratung', 50, 90], ['42,00 €', 300, 330], ['2,00 84,00 €', 380, 430]],
    [['Gesamtsumme', 300, 360], ['84,00 €', 400, 430]],
  ]));
  const labels = collectAmountCandidates(rows, ',', printedAmounts(rows, ',')).map((c) => c.label ?? '');
  assert.ok(!labels.some((l) => /zahl\s*betrag/i.test(l)), labels.join(', '));
});

test('a title\'s number is read under the title, not from the letterhead\'s street under the name beside it', () => {
  const rows = buildRows(docFromCells([
    [['Northwind Consulting LLC', 50, 240], ['INVOICE', 400, 480]],
    [['500 Main St, Springfield, IL 62701', 50, 230]],
    [['# 10592', 400, 440]],
    [['Phone (217) 555-0199', 50, 150]],
  ]));
  assert.equal(extractInvoiceNumber(rows).value, '10592');
});

test('eight digits that read as a date are the number under an explicit number label (bills numbered by the day)', () => {
  const rows = buildRows(docFromCells([
    [['Factuur', 50, 110]],
    [['Factuurdatum', 50, 120], ['Factuurnummer', 170, 245], ['Debiteurnummer', 290, 370]],
    [['17-01-2024', 50, 100], ['20240117', 170, 212], ['10233', 290, 318]],
  ]));
  assert.equal(extractInvoiceNumber(rows).value, '20240117');
  // ... and not after a weaker label: a bare "Nr." before a compact date is still no number
  const weak = buildRows(docFromCells([[['Nr. 20240117', 50, 120]]]));
  assert.equal(extractInvoiceNumber(weak).value, null);
});

test('a due date\'s heading in the plural, as a schedule of instalments prints it ("Vencimientos", "Échéances"), is still its label', () => {
  for (const [heading, date] of [['Vencimientos', '14/11/2025'], ['Échéances', '14/11/2025']]) {
    const rows = buildRows(docFromCells([
      [['Fecha 12/11/2025', 50, 140]],
      [[heading, 50, 110], ['Importe', 200, 240]],
      [[date, 50, 95], ['548,02', 200, 230]],
    ]));
    assert.equal(extractDates(rows, 'DMY').due_date.value, '2025-11-14', heading);
  }
});
