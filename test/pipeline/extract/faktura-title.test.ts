// "Faktura" is an invoice's title in Polish (a bundled language), Czech and the Nordic languages ("Faktura VAT",
// "Faktura nr FV 7/2021"), "Lasku" in Finnish; Polish "Faktura korygująca" is a correcting invoice (a credit note).
// On the two real Polish text layers of the tune split (fixtures/documents invoices6-text, invoices7-text), both typed
// "other" without the word.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { classifyDocument } from '../../../src/pipeline/extract/classify.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { resolveLimits } from '../../../src/pipeline/limits.js';
import { readDocument } from '../../../src/pipeline/read.js';
import { docFromLines } from './helpers.js';

async function typeOf(path: string) {
  const file = new URL(`../../../fixtures/documents/${path}`, import.meta.url);
  const doc = await readDocument(readFileSync(file), 'invoice.pdf', { limits: resolveLimits(), imageLook: false, engineLook: 'off' } as Parameters<typeof readDocument>[2]);
  return classifyDocument(buildRows(doc)).value;
}

test('a Polish "Faktura" is an invoice', async () => {
  assert.equal(await typeOf('invoices7-text/simple_app_FV_7-2021.pdf'), 'invoice');
  assert.equal(await typeOf('invoices6-text/bartkowiak_drozdz_gorecki_FA-YUCFO-4342344706-03-2026.pdf'), 'invoice');
});

test('a Polish "Faktura korygująca" is a credit note', () => {
  const rows = buildRows(docFromLines(['Faktura korygująca nr FK 2/2024', 'Data wystawienia: 2024-03-01', 'Sprzedawca    Nabywca', 'Do zapłaty: -123,00 zł']));
  assert.equal(classifyDocument(rows).value, 'credit_note');
});

test('a credit note of a language whose invoice is a "Faktura" or a "Lasku" is a credit note, not an invoice', () => {
  for (const [title, line] of [
    ['KREDITNOTA nr 88', 'Vedrørende faktura 1234'], ['KREDITFAKTURA 88', 'Avser faktura 1234'],
    ['HYVITYSLASKU 88', 'Alkuperäinen lasku 4321'], ['DOBROPIS č. 88', 'K faktuře 2015009'],
  ]) {
    const rows = buildRows(docFromLines([title, line, 'Datum: 2024-03-01', 'Total: 123,00']));
    assert.equal(classifyDocument(rows).value, 'credit_note', title);
  }
});
