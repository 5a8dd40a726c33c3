// Two layout facts of text-layer bills, each on a real text layer of fixtures/documents/invoices7-text (tune split):
// a bill's title with its number's label and number ("Faktura nr FV 7/2021") is a heading, never the issuer's name;
// and a party header set with wide letter-spacing reaches the text layer in fragments ("É MET TEUR", "C LIENT"),
// which still head the seller's and the buyer's blocks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { headingText, isBuyerHeader, isSellerHeader } from '../../../src/pipeline/extract/blocks.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { cleanName, extractVendor, isNameLike } from '../../../src/pipeline/extract/vendor.js';
import { resolveLimits } from '../../../src/pipeline/limits.js';
import { readDocument } from '../../../src/pipeline/read.js';

async function vendorOf(name: string): Promise<string | null | undefined> {
  const file = new URL(`../../../fixtures/documents/invoices7-text/${name}`, import.meta.url);
  const doc = await readDocument(readFileSync(file), 'invoice.pdf', { limits: resolveLimits(), imageLook: false, engineLook: 'off' } as Parameters<typeof readDocument>[2]);
  return extractVendor(buildRows(doc)).vendor_name.value as string | null | undefined;
}

test('a bill\'s title with its number ("Faktura nr FV 7/2021") is no name: the Polish seller\'s name is', async () => {
  assert.equal(isNameLike('Faktura nr FV 7/2021'), false);
  assert.equal(isNameLike('Invoice No. 12'), false);
  assert.equal(isNameLike('Rechnung Nr. 2024-5'), false);
  assert.equal(isNameLike('Fakturama GmbH'), true);
  assert.equal(await vendorOf('simple_app_FV_7-2021.pdf'), 'Simple App');
});

test('letter-spaced party headers ("É MET TEUR", "C LIENT") head the seller\'s and the buyer\'s blocks', async () => {
  assert.equal(headingText('É MET TEUR'), 'ÉMETTEUR');
  assert.equal(headingText('ACME GMBH'), 'ACME GMBH');
  // words of two letters are words, not spacing: a buyer header with its name after it stays one
  assert.equal(headingText('BILL TO ACME CO'), 'BILL TO ACME CO');
  assert.equal(isBuyerHeader('BILL TO ACME CO'), true);
  assert.equal(isSellerHeader('É MET TEUR'), true);
  assert.equal(isBuyerHeader('C LIENT'), true);
  // the customer (Acme Corp, a legal form, under "C LIENT") is not the issuer (Jane Doe, under "É MET TEUR")
  assert.equal(await vendorOf('jane_doe_2026F02-001.pdf'), 'Jane Doe');
});

test('the title words of every bundled bill language, "Faktura" and "Lasku" too, are one list: no name, and cut after a name', () => {
  assert.equal(isNameLike('FAKTURA VAT'), false);
  assert.equal(isNameLike('Faktura VAT nr 12/2021'), false);
  assert.equal(isNameLike('LASKU'), false);
  assert.equal(cleanName('Yritys Oy LASKU'), 'Yritys Oy');
  assert.equal(cleanName('Firma Sp. z o.o. Faktura'), 'Firma Sp. z o.o.');
  assert.equal(cleanName('ACME GmbH Rechnung'), 'ACME GmbH');
});
