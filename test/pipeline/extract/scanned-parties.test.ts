// Issuer vs customer on scanned and photographed bills (issue #13, session 24). Each test fails without its rule;
// snippets shaped like tune-split documents of fixtures/documents, names and numbers made up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractVendor, isNameLike } from '../../../src/pipeline/extract/vendor.js';
import { isSellerHeader } from '../../../src/pipeline/extract/blocks.js';
import { findDates } from '../../../src/pipeline/extract/dates.js';
import { docFromLines } from './helpers.js';

const vendorOf = (lines: string[]) => extractVendor(buildRows(docFromLines(lines)));

test('"Vendor Details:" beside "Bill To:" heads the issuer\'s column: its labelled VAT id is the issuer\'s', () => {
  assert.equal(isSellerHeader('Vendor Details:'), true);
  assert.equal(isSellerHeader('Supplier information'), true);
  // a role word alone before another word is no header ("From the desk of …", "Vendor No. 12")
  assert.equal(isSellerHeader('Vendor No. 12'), false);
  const got = vendorOf([
    'Kessler Robotik GmbH  |  INVOICE',
    'Invoice No.: INV-2031-00077',
    'Bill To:  |  Vendor Details:',
    'Nordlicht Labs UG  |  Kessler Robotik GmbH',
    'Attn: Jana Weber  |  UID: DE123456789',
    'Ringstrasse 4  |  IBAN: DE89 3704 0044 0532 0130 00',
    '38100 Braunschweig  |  BIC: COBADEFFXXX',
  ]);
  assert.equal(got.vendor_vat.value, 'DE123456789');
});

test('a statement\'s title alone on its line is no name; a letterhead missing a logo word yields to its full spelling', () => {
  assert.equal(isNameLike('STATEMENT'), false);
  assert.equal(isNameLike('Credit note'), false);
  assert.equal(isNameLike('Statement Printers Ltd'), true);
  const got = vendorOf([
    'STATEMENT',
    'THE HARBOUR',
    'CORPORATION',
    '17 Elm Street, New Haven, Conn. 06520',
    'Radio spots, March',
    'DESCRIPTION  |  CHARGES  |  BALANCE',
    '12 spots @ 5.75  |  69.00',
    'Total Due  |  69.00',
    'ALL CHECKS PAYABLE TO: THE BLUE HARBOUR CORPORATION',
  ]);
  assert.equal(got.vendor_name.value, 'THE BLUE HARBOUR CORPORATION');
});

test('a dotted date whose second dot a photo\'s OCR read as a comma or a low quote, a gap before it, is still the date', () => {
  assert.deepEqual(findDates('Rechnungsdatum: 29.01 ‚2026').map((d) => d.iso), ['2026-01-29']);
  assert.deepEqual(findDates('Datum 03.11 ,2025').map((d) => d.iso), ['2025-11-03']);
  // an amount and a year are no date: the first separator is a dot as printed, the year four digits
  assert.deepEqual(findDates('Summe 12,50 2026').map((d) => d.iso), []);
  // a one-digit day or month, a comma glued to the number before it, a space after it: a quantity and a number
  for (const s of ['1.5, 2024', 'Gewicht 3.5, 2000 g', 'Pos 12.10,2020 Stk', 'Menge: 11.10, 2000']) assert.deepEqual(findDates(s).map((d) => d.iso), [], s);
});

test('a line of labels each with its number after a dash (a bank and its branch) is no name', () => {
  assert.equal(isNameLike('NÃO RECEBER - DÉBITO AUTOMÁTICO - BANCO - 237 - AGÊNCIA - 2044'), false);
  // one number in a name stays a name
  assert.equal(isNameLike('Studio - 54 Events'), true);
});

test('a name with its legal form (or business word) is no letterhead that lost a word: "ACME TRADING" is not "ACME MEDIA TRADING"', () => {
  const got = vendorOf([
    'STATEMENT',
    'KESSLER TRADING',
    '17 Elm Street, New Haven, Conn. 06520',
    'DESCRIPTION  |  CHARGES  |  BALANCE',
    '12 spots @ 5.75  |  69.00',
    'Total Due  |  69.00',
    'ALL CHECKS PAYABLE TO: KESSLER MEDIA TRADING',
  ]);
  assert.equal(got.vendor_name.value, 'KESSLER TRADING');
});
