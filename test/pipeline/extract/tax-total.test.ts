// "Tax Total" — the VAT sum, as UBL names it (TaxTotal) and invoicing templates print it — is the tax, not the total.
// On a real text layer (a WTFPL invoice template's sample, fixtures/documents/invoices6-text), whose tax breakdown's
// rates add up to the tax sum, "Tax Total" read as a total made 42.28 the invoice's total.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractFields } from '../../../src/pipeline/extract/index.js';
import { buildRows } from '../../../src/pipeline/extract/layout.js';
import { extractTotals } from '../../../src/pipeline/extract/totals.js';
import { resolveLimits } from '../../../src/pipeline/limits.js';
import { readDocument } from '../../../src/pipeline/read.js';

test('"Tax Total" is the tax sum: the "Grand Total" is the total and "Net Total" the untaxed amount', async () => {
  const file = new URL('../../../fixtures/documents/invoices6-text/acme_ltd_1234567890.pdf', import.meta.url);
  const doc = await readDocument(readFileSync(file), 'invoice.pdf', { limits: resolveLimits(), imageLook: false, engineLook: 'off' } as Parameters<typeof readDocument>[2]);
  const t = extractTotals(buildRows(doc), { decimal: '.' });
  assert.deepEqual([t.amount_total.value, t.amount_untaxed.value, t.amount_tax.value], [24919.99, 24877.71, 42.28]);
});

test("a credit note's amounts printed negative are read as the credit's size (its type says the direction)", async () => {
  const file = new URL('../../../fixtures/documents/invoices6-text/acme_ltd_credit_note_1234567890.pdf', import.meta.url);
  const doc = await readDocument(readFileSync(file), 'credit-note.pdf', { limits: resolveLimits(), imageLook: false, engineLook: 'off' } as Parameters<typeof readDocument>[2]);
  const { fields } = await extractFields(doc);
  assert.equal(fields.doc_type.value, 'credit_note');
  assert.deepEqual([fields.amount_total.value, fields.amount_untaxed.value, fields.amount_tax.value], [24918.42, 24876.25, 42.17]);
});
