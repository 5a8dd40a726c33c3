// scripts/first-seen-page.ts: today's page evidence for the values an earlier code read (issue #14), what fit.ts splits
// a first-seen ceiling by (carriedEvidence).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageEvidence } from '../../scripts/first-seen-page.js';

test('page evidence: what today\'s code finds on the page for an old record\'s values, none of the ranking\'s', () => {
  const text = [
    'ACME Supplies Ltd', 'Invoice no. 2024-0113', 'Date 05/03/2024', 'Bill to: Customer BV', 'Street 1', 'City',
    'Widgets 80.00', 'Bolts 20.00', 'Subtotal 100.00', 'VAT 21% 21.00', 'Total 121.00', 'Please quote 2024-0113 with your payment',
  ].join('\n');
  // an old code's record: values, its raw scores and the evidence it gave (here none)
  const record = { fields: {
    invoice_number: { value: '2024-0113', raw: 0.8, evidence: [] }, amount_total: { value: 121, raw: 0.9, evidence: [] },
    amount_untaxed: { value: 100, raw: 0.8, evidence: [] }, amount_tax: { value: 21, raw: 0.8, evidence: [] },
  } } as never;
  const page = pageEvidence(record, text);
  assert.ok(page.amount_total?.includes('largest-amount') && page.amount_total.includes('sum-ok'), String(page.amount_total));
  assert.ok(page.invoice_number?.includes('number-at-top') && page.invoice_number.includes('quoted-for-payment') && page.invoice_number.includes('seen-twice'), String(page.invoice_number));
  assert.ok(page.amount_tax?.includes('rate-ok'), 'a rate the page prints: tax = 21 % of the base');
  for (const e of Object.values(page).flat()) assert.ok(!['labelled', 'rival-none', 'rival-close', 'number-label'].includes(e), `no ranking evidence: ${e}`);
  // a total that is not the largest amount printed (a subtotal read as the total)
  assert.ok(!pageEvidence({ fields: { amount_total: { value: 100, raw: 0.9, evidence: [] } } } as never, text).amount_total?.includes('largest-amount'));
});
