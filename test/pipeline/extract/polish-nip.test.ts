// A Polish NIP printed without its PL prefix behind its own label, "NIP", as Polish invoices print it (KSeF's and the
// VAT act's name for it): the seller's is the vendor's VAT id, its mod-11 check digit holding (vat.ts PL_BARE_RE).
// Made-up documents; 5265877635 and 6808208874 hold their check digits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { findVatIds } from '../../../src/pipeline/extract/vat.js';
import { extractVendor } from '../../../src/pipeline/extract/vendor.js';
import { docFromLines } from './helpers.js';

test('a NIP behind its label is read, plain or dashed, when its check digit holds', () => {
  const ids = (text: string) => findVatIds(text, { labelled: true }).map((m) => m.value);
  assert.deepEqual(ids('NIP: 5265877635'), ['PL5265877635']);
  assert.deepEqual(ids('NIP 526-587-76-35'), ['PL5265877635']);
  assert.deepEqual(ids('NIP: 526-58-77-635'), ['PL5265877635']);
  // a wrong check digit, or ten digits without the label: no NIP
  assert.deepEqual(ids('NIP: 5265877636'), []);
  assert.deepEqual(findVatIds('Tel. 5265877635', { labelled: false }).map((m) => m.value), []);
});

test("the seller's NIP under 'Sprzedawca' is the vendor's, the buyer's under 'Nabywca' is not", () => {
  const doc = docFromLines([
    'Faktura VAT nr FV/2026/03/118',
    'Sprzedawca  |  Nabywca',
    'NIP: 5265877635  |  NIP: 6808208874',
    'Nazwa: Kowalski Sp. z o.o.  |  Nazwa: Nowak S.A.',
    'ul. Kępa 33  |  ul. Wójcik 72',
  ]);
  assert.equal(extractVendor(buildRows(doc)).vendor_vat.value, 'PL5265877635');
});
