// Invoice numbers by layout on bills of unseen vendors (issue #13): a label's value is what stands next to it or under
// it, not whatever parses further along the row; a table's other columns hold other values. Made-up layouts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractInvoiceNumber, parseReference } from '../../../src/pipeline/extract/references.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { docFromCells } from './helpers.js';

const numberOf = (rows: [string, number, number][][]) => extractInvoiceNumber(buildRows(docFromCells(rows))).value;

test('a label whose next cell is another field\'s value reads its number under it, not further along the row', () => {
  assert.equal(numberOf([
    [['Document type', 30, 100], ['Invoice number', 180, 250], ['Date', 300, 330], ['Recipient code', 420, 490]],
    [['TD01 invoice', 30, 90], ['Invoice number', 180, 250], ['31-05-2021', 300, 350], ['SUBM70N', 420, 460]],
    [['683', 185, 200]],
  ]), '683');
  // a word between the label and a code ends the row's reading too
  assert.equal(numberOf([
    [['Invoice No.', 30, 90], ['Acme Trading Ltd', 120, 200], ['1/1', 540, 555]],
    [['20240117-3', 30, 80]],
  ]), '20240117-3');
});

test('a year series is not joined with the next column\'s value of a table read under its heading', () => {
  assert.equal(numberOf([
    [['Date', 60, 150], ['Invoice No.', 180, 270], ['Customer No.', 300, 390]],
    [['12.03.2024', 60, 120], ['11', 180, 190], ['100452', 300, 340]],
  ]), '11');
});

test('a postcode joined to its town by a hyphen is no document number', () => {
  assert.equal(parseReference('28005-MADRID'), null);
  assert.equal(parseReference('75008-PARIS'), null);
  assert.equal(parseReference('2024-INV'), '2024-INV');
  assert.equal(parseReference('12345-XYZ'), '12345-XYZ');
  assert.equal(parseReference('4711-FRST'), '4711-FRST');
});

test('a "Folio" inside a company register\'s entry numbers the register\'s page, not the bill', () => {
  assert.equal(numberOf([
    [['FACTURA', 400, 460]],
    [['Fecha: 08/10/2025', 60, 150]],
    [['Inscrita en el R.M. de Lugo, Libro 1822, Folio 48, Inscripción 1ª, Hoja LU-19090', 60, 400]],
  ]), null);
  // printed with a space inside the word, as a text layer's kerning splits it
  assert.equal(numberOf([
    [['Constituida el 28/06/2021 en el tomo 4911, f olio 97 inscripcion 1 con hoja MA-161884', 60, 400]],
  ]), null);
  // a "Folio" of its own is the bill's number (Mexico's CFDI)
  assert.equal(numberOf([[['Folio: 4471', 60, 120]]]), '4471');
});

test('a number of fewer than three digits and no letter is read only after an explicit number label', () => {
  // a product's version under a title word
  assert.equal(parseReference('2.0 Casa'), null);
  assert.equal(numberOf([[['Bolletta 2.0 Casa', 60, 160]], [['Offerta luce e gas', 60, 220]]]), null);
  assert.equal(parseReference('1-2', { short: true }), '1-2');
});

test('a month and a year is a period, not a number', () => {
  assert.equal(parseReference('GEN.2017'), null);
  assert.equal(parseReference('MAR-2024'), null);
  assert.equal(parseReference('GEN2017X'), 'GEN2017X');
  assert.equal(numberOf([[['FATTURA', 60, 120]], [['GEN.2017', 60, 110]]]), null);
});

test('Spanish "Base Imp." is the untaxed amount; with the tax it makes up the total printed without a readable label', () => {
  const t = extractTotals(buildRows(docFromCells([
    [['Base Imp.', 449, 490], ['406,19€', 535, 566]],
    [['Cuota IVA', 449, 492], ['27,21€', 540, 566]],
    [['Vencimiento', 28, 81], ['20/11/2025', 99, 145]],
    [['433,40€', 532, 566]],
  ])), { decimal: ',' });
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [433.4, 406.19, 27.21]);
});

test('a label\'s own fragments ("Núm.", "INV", "Number") between it and its value do not end the row\'s reading', () => {
  assert.equal(numberOf([[['FACTURA', 60, 120], ['Núm.', 140, 170], ['2024-0012', 190, 250]]]), '2024-0012');
  assert.equal(numberOf([[['Invoice No.', 60, 120], ['INV', 140, 165], ['0001234', 190, 250]]]), '0001234');
  const c = extractInvoiceNumber(buildRows(docFromCells([[['Invoice', 60, 110], ['Number', 130, 180], ['12345', 200, 250]]])));
  assert.equal(c.value, '12345');
  assert.ok(c.confidence > 0.6, `confidence ${c.confidence}`);
});

test('after an explicit number label a year and a word is the number, not a postcode and its town', () => {
  assert.equal(parseReference('2024-FACT', { short: true }), '2024-FACT');
  assert.equal(numberOf([[['Invoice No.: 2024-FACT', 60, 200]]]), '2024-FACT');
  assert.equal(numberOf([[['Invoice No.', 60, 120], ['2024-ACME', 140, 200]]]), '2024-ACME');
  assert.equal(numberOf([[['Invoice No.', 60, 120], ['28005-MADRID', 140, 200]]]), '28005-MADRID');
  assert.equal(numberOf([[['FACTURA', 60, 120]], [['28005-MADRID', 60, 140]]]), null);
});

test('a month and a year after an explicit number label is the number; after a title word it is a period', () => {
  assert.equal(numberOf([[['Invoice No.: MAR-2024', 60, 200]]]), 'MAR-2024');
  assert.equal(numberOf([[['Invoice No.', 60, 120], ['SET-2024', 140, 200]]]), 'SET-2024');
  assert.equal(numberOf([[['Invoice No.', 60, 120], ['MAG2023', 140, 200]]]), 'MAG2023');
  assert.equal(numberOf([[['FATTURA', 60, 120]], [['MAR-2024', 60, 110]]]), null);
});

test('a register entry\'s words only disqualify a label in their own clause', () => {
  assert.equal(numberOf([[['Hoja 1 de 1 Factura nº 2025-0012', 60, 300]]]), '2025-0012');
  assert.equal(numberOf([[['Libro de facturas - Factura nº 2025-0012', 60, 300]]]), '2025-0012');
  assert.equal(numberOf([[['Iscritta al Registro delle Imprese di Milano - Fattura n. 4512', 60, 400]]]), '4512');
  assert.equal(numberOf([[['Inscrita en el R.M. Tomo 1, Hoja 3 - Folio: 4471', 60, 400]]]), '4471');
  assert.equal(numberOf([[['Inscrita en el R.M. de Lugo, Tomo 1822, Folio 48', 60, 400]]]), null);
});

test('a year series under a heading keeps its run when the run\'s cell grazes the next heading', () => {
  assert.equal(numberOf([
    [['Nº Factura', 60, 150], ['Fecha', 170, 220]],
    [['25', 60, 70], ['000123', 120, 175]],
  ]), '25 000123');
});

test('a number printed in parts, each its own cell around a lone separator, is read whole', () => {
  // (a series, its year and its running number placed one by one, beside the label or under it)
  assert.equal(numberOf([[['Invoice No.', 30, 90], ['FA', 110, 125], ['/', 132, 136], ['2024', 142, 165], ['/', 170, 174], ['001', 180, 196]]]), 'FA/2024/001');
  assert.equal(numberOf([[['Rechnungsnummer', 30, 90]], [['FA', 30, 45], ['/', 52, 56], ['2024', 62, 85], ['/', 90, 94], ['001', 100, 116]]]), 'FA/2024/001');
  assert.equal(numberOf([[['Nº Factura', 30, 90], ['25', 110, 125], ['-', 132, 136], ['11.474', 142, 175]]]), '25-11.474');
  // a running number grouped in thousands after a spaced dash, in one cell
  assert.equal(parseReference('25 - 11.474'), '25-11.474');
  // a date stays a date, an amount an amount
  assert.equal(parseReference('12 / 03 / 2024'), null);
});

test('a lone separator far from its neighbours, or between a heading\'s columns, joins no parts', () => {
  // (a column's placeholder "-" between two columns' values; a "/" far off on the label's row)
  assert.equal(numberOf([
    [['Invoice No.', 30, 100], ['Order No.', 200, 260], ['Customer No.', 350, 430]],
    [['4711', 30, 60], ['-', 200, 204], ['10025', 350, 385]],
  ]), '4711');
  assert.equal(numberOf([[['Invoice No.', 30, 90], ['4711', 110, 140], ['/', 300, 304], ['2024', 500, 530]]]), '4711');
  // (close parts, each under its own heading, are columns too)
  assert.equal(numberOf([
    [['Invoice No.', 30, 58], ['Ref', 66, 90]],
    [['4711', 30, 58], ['-', 61, 64], ['25', 66, 80]],
  ]), '4711');
});

test('a part grouped in thousands after a spaced separator ends the cell: before a currency or unit it is an amount', () => {
  assert.equal(parseReference('4711 - 1.234 EUR'), '4711');
  assert.equal(parseReference('12 - 1.500 pcs'), null);
  assert.equal(parseReference('4711 - 1.234'), '4711-1.234');
});

test('the invoice\'s name abbreviated as each language abbreviates it ("Fatt. n.", "N. fatt.", "Fact. n°") labels its number', () => {
  for (const label of ['Fatt. n.', 'N. fatt.', 'N° fact.', 'Fact. numéro']) {
    // over its value, a weak reference beside it
    assert.equal(numberOf([[['Hans Meier', 30, 120], ['Cod. cliente 4512', 300, 400]], [[label, 30, 90]], [['2024/118', 30, 80]]]), '2024/118', label);
    assert.equal(numberOf([[['Cod. cliente 4512', 300, 400]], [[`${label} 771`, 30, 90]]]), '771', label);
  }
});
