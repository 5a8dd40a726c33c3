// "Tax Total" — the VAT sum, as UBL names it (TaxTotal) and invoicing templates print it — is the tax, not the total.
// On a real text layer (a WTFPL invoice template's sample, fixtures/documents/invoices6-text), whose tax breakdown's
// rates add up to the tax sum, "Tax Total" read as a total made 42.28 the invoice's total.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
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
