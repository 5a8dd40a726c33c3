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

test("a receipt's buyer's NIP at its foot ('NIP nabywcy'), or below 'Nabywca', is never the vendor's", () => {
  // the seller's NIP misread (its check digit fails): the buyer's is the page's only NIP that holds
  const paragon = (foot: string[]) => buildRows(docFromLines([
    'SKLEP ABC SP. Z O.O.', 'ul. Kępa 33, 00-001 Warszawa', 'NIP 5265877636', 'PARAGON FISKALNY',
    'Chleb  |  4,50', 'Mleko  |  3,20', 'SUMA PLN  |  7,70', ...foot,
  ]));
  assert.equal(extractVendor(paragon(['NIP nabywcy:', 'NIP 6808208874'])).vendor_vat.value, null);
  assert.equal(extractVendor(paragon(['Dane nabywcy:', 'Nowak S.A.', 'NIP: 6808208874'])).vendor_vat.value, null);
  assert.equal(extractVendor(paragon(['Dane odbiorcy:', 'NIP 6808208874'])).vendor_vat.value, null);
  // under the seller's own label, after the buyer's block, it is the vendor's again
  assert.equal(extractVendor(paragon(['Dane nabywcy:', 'NIP 6808208874', 'Sprzedawca:', 'NIP 5265877635'])).vendor_vat.value, 'PL5265877635');
});

test('a labelled NIP whose check fails stands as a rival of the NIP chosen', () => {
  const rows = buildRows(docFromLines(['Faktura nr 12/2026', 'Kowalski Sp. z o.o.', 'NIP 5265877636', 'Usługa  |  100,00', 'Razem  |  123,00', 'Bank: NIP 6808208874']));
  const vat = extractVendor(rows);
  assert.equal(vat.vendor_vat.value, 'PL6808208874');
  assert.equal(vat.explain.vendor_vat.runner_up?.value, 'PL5265877636');
});
