// Three layout facts of text-layer bills, each on a real text layer of fixtures/documents/invoices6-text (tune split):
// a sender line whose fields a bullet parts ends its name at the bullet; a party block's "Name:" and "Address" labels in
// Polish ("Nazwa:", "Adres") are labels, the name is what "Nazwa:" labels; and a totals box printed in the right half
// pairs its "Total" with the amount under it, stepping over a line of the block beside it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildRows, type Row } from '../../../src/pipeline/extract/layout.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { cleanName, extractVendor, isNameLike } from '../../../src/pipeline/extract/vendor.js';
import { resolveLimits } from '../../../src/pipeline/limits.js';
import { readDocument } from '../../../src/pipeline/read.js';

async function rowsOf(name: string): Promise<Row[]> {
  const file = new URL(`../../../fixtures/documents/invoices6-text/${name}`, import.meta.url);
  const doc = await readDocument(readFileSync(file), 'invoice.pdf', { limits: resolveLimits(), imageLook: false, engineLook: 'off' } as Parameters<typeof readDocument>[2]);
  return buildRows(doc);
}

test('a sender line parted by bullets ("Acme Ltd. • 42 Milky Way • …") ends the name at the first bullet', async () => {
  assert.equal(cleanName('Acme Ltd. • 42 Milky Way • 1234-1234 Faraway'), 'Acme Ltd.');
  assert.equal(cleanName('Foo • Bar'), 'Foo • Bar'); // no legal form before it: left alone
  assert.equal(extractVendor(await rowsOf('acme_ltd_1234567890.pdf')).vendor_name.value, 'Acme Ltd.');
});

test('Polish party labels: "Nazwa:" labels the seller\'s name, "Adres" alone is a label, no name', async () => {
  assert.equal(isNameLike('Adres'), false);
  assert.equal(isNameLike('Adressen GmbH'), true);
  const rows = await rowsOf('bartkowiak_drozdz_gorecki_FA-YUCFO-4342344706-03-2026.pdf');
  assert.equal(extractVendor(rows).vendor_name.value, 'Bartkowiak, Dróżdż and Górecki');
});

test('a "Total" alone in a right-hand totals box takes the amount under it past a line of the block to its left', async () => {
  const rows = await rowsOf('pdfgeneratorapi_sample_4698018857.pdf');
  assert.equal(extractTotals(rows, { decimal: ',' }).amount_total.value, 706);
});
