// Labels and dates that hold for bills in general (issue #13, #14: text-layer bills of vendors the rules were not tuned
// on): Polish bills' labels (words.ts PL_*), Polish month names, English ordinal dates, a bare "Number"/"Nummer" cell
// beside a document's title. Made-up documents, none copied from a fixture; each test fails without its rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReadDocument } from '../../../src/pipeline/document.js';
import { findDates } from '../../../src/pipeline/extract/dates.js';
import { extractDates } from '../../../src/pipeline/extract/keydates.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractInvoiceNumber } from '../../../src/pipeline/extract/references.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { docFromCells } from './helpers.js';

/** A one-page text layer whose cells stand at the given x (points): each row is a list of [x, text]. */
const docAt = (rows: [number, string][][]): ReadDocument =>
  docFromCells(rows.map((cells) => cells.map(([x0, text]): [string, number, number] => [text, x0, x0 + text.length * 5])));
const rowsAt = (rows: [number, string][][]) => buildRows(docAt(rows));

test('a Polish invoice\'s number follows "Faktura VAT nr", "Faktura nr", "Numer faktury" or "Nr faktury"', () => {
  assert.equal(extractInvoiceNumber(rowsAt([
    [[40, 'Zakład Stolarski Kowal'], [330, 'Faktura VAT nr FV/2023/11/204']],
    [[40, 'NIP 1234563218'], [330, 'Oryginał']],
  ])).value, 'FV/2023/11/204');
  assert.equal(extractInvoiceNumber(rowsAt([
    [[40, 'Numer faktury:'], [160, 'ZS-0091/23']],
    [[40, 'Nr klienta:'], [160, '77120']],
  ])).value, 'ZS-0091/23');
  // the title "Faktura VAT" is no VAT id's label: the number after it is the invoice's
  assert.equal(extractInvoiceNumber(rowsAt([[[40, 'FAKTURA VAT NR 318/B/2023']]])).value, '318/B/2023');
});

test('Polish dates: "Data wystawienia" is the issue date, "Data sprzedaży" the sale\'s, "Termin płatności" the due date', () => {
  const d = extractDates(rowsAt([
    [[40, 'Data sprzedaży: 28.11.2023']],
    [[40, 'Data wystawienia: 30.11.2023']],
    [[40, 'Termin płatności: 14.12.2023'], [330, 'Sposób płatności: przelew']],
  ]), 'DMY');
  assert.equal(d.date.value, '2023-11-30');
  assert.equal(d.due_date.value, '2023-12-14');
  // the issue date's label outranks another date's bare "Data" (the order's, above it)
  assert.equal(extractDates(rowsAt([
    [[40, 'Data przyjęcia zlecenia: 20.11.2023']],
    [[40, 'Data wystawienia: 30.11.2023']],
  ]), 'DMY').date.value, '2023-11-30');
  // the sale's date is no issue date: the place and date of issue, unlabelled, is
  assert.equal(extractDates(rowsAt([
    [[40, 'Data sprzedaży: 28.11.2023']],
    [[40, 'Kraków, 30.11.2023']],
  ]), 'DMY').date.value, '2023-11-30');
});

test('a qualifier between a date label and its date in one cell leaves the label its date; the VAT act\'s delivery-date phrase names another kind', () => {
  const d = extractDates(rowsAt([
    [[40, 'Data wystawienia, z zastrzeżeniem art. 106na ust. 1 ustawy: 31.10.2025'], [420, 'Miejsce wystawienia: Kraków']],
    [[40, 'Data dokonania lub zakończenia dostawy towarów lub wykonania usługi:']],
    [[40, '03.10.2025']],
  ]), 'DMY');
  assert.equal(d.date.value, '2025-10-31');
});

test('with a labelled due date, a date more than a year before it (a law cited in the footer) is no issue date', () => {
  const d = extractDates(rowsAt([
    [[40, 'Société Hôtelière'], [400, '20/09/2023']],
    [[40, 'Échéance : 19/10/2023']],
    [[40, 'Total TTC 1 368,84 €']],
    [[40, 'Pénalités de retard selon la loi n° 92-1442 du 31 décembre 1992']],
  ]), 'DMY');
  assert.equal(d.date.value, '2023-09-20');
  assert.equal(d.due_date.value, '2023-10-19');
  // with no candidate within the year the due date's window says nothing
  assert.equal(extractDates(rowsAt([[[40, 'Rechnung vom 02.01.2020']], [[40, 'Fällig am 30.06.2023']]]), 'DMY').date.value, '2020-01-02');
});

test('Polish month names, in the genitive a date prints them in and alone', () => {
  assert.deepEqual(findDates('Kraków, 7 października 2023 r.').map((d) => d.iso), ['2023-10-07']);
  assert.deepEqual(findDates('dnia 21 lutego 2024').map((d) => d.iso), ['2024-02-21']);
  // genitives that are common words elsewhere need a four-digit year: "1 MARCA 12,50" is a brand's line, "2 Maja 24" a name
  assert.deepEqual(findDates('dnia 3 marca 2024').map((d) => d.iso), ['2024-03-03']);
  assert.deepEqual(findDates('1 MARCA 12,50').map((d) => d.iso), []);
  assert.deepEqual(findDates('2 Maja 24').map((d) => d.iso), []);
});

test('an English ordinal day before its month: "4th March 2024", "21st of June 2023"', () => {
  assert.deepEqual(findDates('Invoice date: 4th March 2024').map((d) => d.iso), ['2024-03-04']);
  assert.deepEqual(findDates('Issued on the 21st of June 2023').map((d) => d.iso), ['2023-06-21']);
  assert.deepEqual(findDates('Qty 3 of Mar 24').map((d) => d.iso), [], '"of" only after an ordinal');
});

test('a Polish total: "Do zapłaty" labels it; "Razem" heads a tax table\'s sum row', () => {
  assert.equal(extractTotals(rowsAt([
    [[40, 'Przegląd instalacji'], [470, '1 000,00']],
    [[300, 'Do zapłaty'], [470, '1 230,00 zł']],
    [[40, 'Saldo konta klienta'], [470, '4 310,00']],
  ]), { decimal: ',' }).amount_total.value, 1230);
  const t = extractTotals(rowsAt([
    [[40, 'Stawka'], [150, 'Wartość netto'], [280, 'Kwota VAT'], [400, 'Wartość brutto']],
    [[40, '23%'], [150, '1 000,00'], [280, '230,00'], [400, '1 230,00']],
    [[40, '8%'], [150, '100,00'], [280, '8,00'], [400, '108,00']],
    [[40, 'Razem'], [150, '1 100,00'], [280, '238,00'], [400, '1 338,00']],
  ]), { decimal: ',' });
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [1338, 1100, 238]);
});

test('a cell opening with a bare "Nummer" / "Number" beside the title labels the number; a customer\'s does not', () => {
  assert.equal(extractInvoiceNumber(rowsAt([
    [[40, 'Tuinhuis Veld'], [400, 'FACTUUR']],
    [[40, 'Akkerweg 9'], [400, 'Nummer: VH-2311']],
    [[40, 'Debiteurnummer: 5512'], [400, 'Datum: 3 november 2023']],
  ])).value, 'VH-2311');
  assert.equal(extractInvoiceNumber(rowsAt([
    [[40, 'Kunde'], [120, 'Nummer'], [200, ': 549910']],
  ])).value, null);
});

test('a period whose start is printed without its year ("Oct 3 – Nov 3, 2023") ends on no issue date', () => {
  const d = extractDates(rowsAt([
    [[40, 'Invoice number'], [160, 'QX81-2207']],
    [[40, 'Date of issue'], [160, 'October 3, 2023']],
    [[40, 'Starter seat (Oct 3 – Nov 3, 2023)'], [470, '€12.00']],
  ]), 'MDY');
  assert.equal(d.date.value, '2023-10-03');
  for (const line of ['Hosting 11.02. - 11.03.2024', 'Hosting 11 Feb - 11 Mar 2024', 'Hosting (Feb 11 - Mar 11, 2024)']) {
    assert.equal(extractDates(rowsAt([[[40, line], [470, '9,00']]]), 'DMY').date.value, null, line);
  }
});

test('a receipt dated only by when it was paid ("Date paid") is dated so', () => {
  const d = extractDates(rowsAt([
    [[40, 'Receipt']],
    [[40, 'Receipt number'], [160, '1904-5521']],
    [[40, 'Date paid'], [160, 'August 30, 2023']],
    [[40, 'Basic plan'], [470, '$9.00']],
  ]), 'MDY');
  assert.equal(d.date.value, '2023-08-30');
  // an issue date printed too is the date
  assert.equal(extractDates(rowsAt([
    [[40, 'Invoice date'], [160, 'August 28, 2023']],
    [[40, 'Date paid'], [160, 'August 30, 2023']],
  ]), 'MDY').date.value, '2023-08-28');
  // the paid label must be the date's own: a due date after an amount paid, or a date "unpaid since" / "prepaid
  // until", is no issue date
  for (const cells of [[[40, 'Amount paid: 0.00'], [200, 'Due date: 15.03.2024']], [[40, 'Unpaid since'], [200, '15.03.2024']], [[40, 'Prepaid until'], [200, '15.03.2024']]] as [number, string][][]) {
    assert.equal(extractDates(rowsAt([[[40, 'Statement']], cells]), 'DMY').date.value, null, cells.map((c) => c[1]).join(' | '));
  }
});

test('a month name glued to its label by the text layer ("Invoice dateOct 31, 2023") is a date; a lower-case word is none', () => {
  assert.deepEqual(findDates('Invoice dateMar 14, 2024', 'MDY').map((d) => d.iso), ['2024-03-14']);
  assert.deepEqual(findDates('Fecha de emisiónJunio 3, 2024', 'MDY').map((d) => d.iso), ['2024-06-03']);
  assert.deepEqual(findDates('CheckOut 12, 2024', 'MDY').map((d) => d.iso), [], 'an abbreviation that is a word ending');
  assert.deepEqual(findDates('see the update 14, 2024', 'MDY').map((d) => d.iso), []);
});

test('an issue date\'s label joined by a slash to a delivery date\'s names the issue date, on one line or wrapped', () => {
  assert.equal(extractDates(rowsAt([
    [[330, 'Invoice date/Delivery date'], [460, '3 May 2024']],
    [[330, 'Order date'], [460, '2 May 2024']],
  ]), 'DMY').date.value, '2024-05-03');
  assert.equal(extractDates(rowsAt([
    [[330, 'Rechnungsdatum']],
    [[330, '/Lieferdatum'], [460, '3 Mai 2024']],
    [[330, 'Bestelldatum'], [460, '2 Mai 2024']],
  ]), 'DMY').date.value, '2024-05-03');
  // a delivery date's label alone stays another kind of date
  assert.equal(extractDates(rowsAt([
    [[330, 'Lieferdatum'], [460, '3 Mai 2024']],
    [[330, 'Kraków, 4 maja 2024']],
  ]), 'DMY').date.value, '2024-05-04');
});

test('after a title word, a postcode and town, a year alone or a purchase order\'s "PO" code are no invoice number', () => {
  assert.equal(extractInvoiceNumber(rowsAt([
    [[40, 'Schreinerei Holm'], [380, 'RECHNUNG']],
    [[40, 'Ahornweg 4'], [380, '24103 Kiel']],
  ])).value, null);
  assert.equal(extractInvoiceNumber(rowsAt([[[40, 'Factura 2023']]])).value, null);
  assert.equal(extractInvoiceNumber(rowsAt([[[40, 'Invoice'], [200, 'PO 4500098123']]])).value, null);
  // an explicit number label keeps them: "Rechnung Nr. 2024" numbers the bill, and a title with its number stays one
  assert.equal(extractInvoiceNumber(rowsAt([[[40, 'Rechnung Nr. 2024']]])).value, '2024');
  assert.equal(extractInvoiceNumber(rowsAt([[[40, 'RECHNUNG'], [200, '24103']]])).value, '24103');
  // a hostile cell under the title is answered at once (the town's pattern does not backtrack)
  const started = performance.now();
  extractInvoiceNumber(rowsAt([[[40, 'RECHNUNG']], [[40, `10115 A${'-a'.repeat(40)}1`]]]));
  assert.ok(performance.now() - started < 2_000, `took ${Math.round(performance.now() - started)} ms`);
});

test('the due-date window leaves a date under an issue label of its own; the reach across a qualifier needs a kind label and no sentence end', () => {
  // an old bill's balance falls due years after it was issued: its issue date stands
  assert.equal(extractDates(rowsAt([
    [[40, 'Rechnungsdatum: 10.01.2025']],
    [[40, 'Kontoauszug 15.04.2025']],
    [[40, 'Restbetrag fällig am 31.03.2026']],
  ]), 'DMY').date.value, '2025-01-10');
  // a bare "date" far back in a sentence labels no date after the sentence's end: the till's stamp is the date
  assert.equal(extractDates(rowsAt([
    [[40, '10.01.2025 14:22']],
    [[40, 'Returns accepted within 30 days of the purchase date when accompanied by the original tags. Promotion ends 31.03.2025']],
  ]), 'DMY').date.value, '2025-01-10');
});
