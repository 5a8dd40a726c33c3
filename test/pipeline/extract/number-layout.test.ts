// Invoice numbers by layout on bills of unseen vendors (issue #13): a label's value is what stands next to it or under
// it, not whatever parses further along the row; a table's other columns hold other values. Made-up layouts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractInvoiceNumber, parseReference } from '../../../src/pipeline/extract/references.js';
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
  assert.equal(parseReference('75008-PARIS', { short: true }), null);
  assert.equal(parseReference('2024-INV'), '2024-INV');
  assert.equal(parseReference('12345-XYZ'), '12345-XYZ');
  assert.equal(parseReference('4711-FRST'), '4711-FRST');
});
