// A till slip prints its company registration number ("(1234567-K)") on a line of its own right under the registered
// name's last line: the name runs down to it, and the address hangs from the name over it. Snippets written for the
// rules, in the shape of Malaysian till headers as OCR reads them (legal forms and parentheses misread).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { docFromCells } from './helpers.js';

/** One cell per line, a line a row; a line with '|' is cells a few characters apart. */
function slip(lines: string[]) {
  return lines.map((line) => {
    let x = 60;
    return line.split('|').map((t): [string, number, number] => {
      const cell: [string, number, number] = [t.trim(), x, x + t.trim().length * 6];
      x = cell[2] + 18;
      return cell;
    });
  });
}
const vendorOf = (lines: string[]) => extractVendor(buildRows(docFromCells(slip(lines))), { tillSlip: true }).vendor_name.value;

test('receipt vendor: the registration number may stand between the name and its street; the address still hangs from the name', () => {
  // the top rows are the torn-off end of another slip (a price): the letterhead finds nothing, the address does
  const lines = ['2.50      1.10', 'Cashier [ANNA]   Machine [002]', 'SUNRISE | CASH & CARRY', '(1234567-K)', 'G.12 & G.14, Plaza Mutiara,', 'No.3 Jalan SS 2/4, 47300 PJ, Selangor.', 'TAX INVOICE'];
  assert.equal(vendorOf(lines), 'SUNRISE CASH & CARRY');
});

test('receipt vendor: a name broken over three lines runs down to its registration number, however OCR read its parenthesis and legal form', () => {
  // "BINTANG JAYA HARDWARE" / "ENTERPRISE (KLANG" / "UTARA) SDN BHD" with both parentheses read as letters
  const misread = ['BINTANG JAYA HARDWARE', 'ENTERPRISE CKLANG', 'UTARAY SDN BHD', '771234-W', 'NO. 8, JALAN MERANTI 3,', '41050 KLANG, SELANGOR', 'TAX INVOICE'];
  assert.equal(vendorOf(misread), 'BINTANG JAYA HARDWARE ENTERPRISE CKLANG UTARAY SDN BHD');
  // the middle line read in two pieces, the legal form's letters lost on the last: the rows down to the number
  const pieces = ['BINTANG JAYA HARDWARE', 'ENTERPRISE | KLANG', 'UTARAY SDN HHU', '771234-W', 'NO. 8, JALAN MERANTI 3,', '41050 KLANG, SELANGOR', 'TAX INVOICE'];
  assert.equal(vendorOf(pieces), 'BINTANG JAYA HARDWARE ENTERPRISE KLANG UTARAY SDN HHU');
  // a company printed whole under a shop's name whose line is no fragment stays a name of its own
  const shop = ['KIKU JAPANESE RESTAURANT', 'TK DIVISION KITCHEN SDN BHD', '(123456-A)', 'NO. 8, JALAN MERANTI 3,', '41050 KLANG, SELANGOR', 'TAX INVOICE'];
  assert.notEqual(vendorOf(shop), 'KIKU JAPANESE RESTAURANT TK DIVISION KITCHEN SDN BHD');
});


test('receipt vendor: a shop\'s whole name over its company\'s line does not run down to the number with it', () => {
  // the shop's name ends in a business word, the company under it carries its own: two names
  const mart = ['SUNRISE MART', 'LIM BROTHERS ENTERPRISE', '(123456-X)', 'NO. 8, JALAN MERANTI 3,', '41050 KLANG, SELANGOR', 'TAX INVOICE'];
  assert.equal(vendorOf(mart), 'LIM BROTHERS ENTERPRISE');
  // a brand's short name is no fragment of the company's
  const brand = ['KFC', 'QSR BRANDS (M) HOLDINGS', '(123456-X)', 'NO. 8, JALAN MERANTI 3,', '41050 KLANG, SELANGOR', 'TAX INVOICE'];
  assert.equal(vendorOf(brand), 'QSR BRANDS (M) HOLDINGS');
});
