// A due date's label in the words general usage gives it: English "Payment until", and as Nordic bills print it
// (Norwegian "Forfallsdato", Danish "Forfaldsdato", Swedish "Förfallodatum", Finnish "Eräpäivä"). On real text layers
// of fixtures/documents/invoices7-text (tune split): a Swiss issuer's English invoice and a Finnish 'LASKU'.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractDates } from '../../../src/pipeline/extract/keydates.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { resolveLimits } from '../../../src/pipeline/limits.js';
import { readDocument } from '../../../src/pipeline/read.js';

async function datesOf(name: string) {
  const file = new URL(`../../../fixtures/documents/invoices7-text/${name}`, import.meta.url);
  const doc = await readDocument(readFileSync(file), 'invoice.pdf', { limits: resolveLimits(), imageLook: false, engineLook: 'off' } as Parameters<typeof readDocument>[2]);
  const d = extractDates(buildRows(doc), 'DMY');
  return [d.date.value, d.due_date.value];
}

test('"Payment until:" labels the due date', async () => {
  assert.deepEqual(await datesOf('famoser_UZH-ZI-5.pdf'), ['2023-06-30', '2023-07-30']);
});

test('Finnish "Eräpäivä" labels the due date', async () => {
  assert.deepEqual(await datesOf('yritys_oy_4321.pdf'), ['2014-01-18', '2015-01-01']);
});
