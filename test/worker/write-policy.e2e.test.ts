// The new user's run, on the fake Odoo (addon-less, the real scanner and the shipped calibration): holdout receipt
// photos uploaded as expenses and holdout text-layer PDF bills, each checked against its truth, in a US-dollar
// company that lets the worker activate the currency a document is in (ACTIVATE_CURRENCIES, as a company receiving
// foreign documents sets it). The write policy must write no value that is wrong — an amount counts as right only
// in the document's currency: the one its truth names, else its corpus's (SROIE receipts are Malaysian, in ringgit,
// though their truths name no currency; a total booked in dollars is wrong). The target is to fill ≥ 80 % of totals and dates;
// FILLED_FLOOR pins what is measured (README, Accuracy), against regressions, not the target.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { fieldMatches } from '../../bench/accuracy.js';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';
import { startStack, type Stack } from './harness.js';

const RECEIPTS = ['sroie/sroie-001.jpg', 'sroie/sroie-007.jpg', 'sroie/sroie-009.jpg', 'sroie/sroie-013.jpg'];
const BILLS = [
  'invoices2-text/bouygues_telecom_11608848301659.pdf', 'invoices2-text/rocvantwente_2209058.pdf',
  'invoices2-text/latex_rechnung_obelix_1978-001.pdf', 'invoices2-text/tech_solutions_srl_2024-001.pdf',
];

const FILLED_FLOOR = 8;
/** The currency of a corpus whose truths do not name one. */
const CORPUS_CURRENCY: Record<string, string> = { sroie: 'MYR' };

const doc = (rel: string) => readFile(new URL(`../../fixtures/documents/${rel}`, import.meta.url));
const truthOf = async (rel: string) => JSON.parse((await doc(`${rel}.truth.json`)).toString('utf8')) as Record<string, unknown>;

let stack: Stack;
let scanner: Scanner;
before(async () => {
  stack = await startStack({ addon: false });
  scanner = await createScanner({ langs: ['eng'], ocrWorkers: 1 });
});
after(async () => {
  await scanner.close();
  await stack.close();
});

test('default threshold: nothing written is wrong, and the totals and dates filled do not fall', { timeout: 420_000 }, async (t) => {
  stack.fake.seed('res.currency', [{ name: 'MYR', symbol: 'RM', active: false }, { name: 'CHF', symbol: 'CHF', active: false }]);
  stack.fake.write('res.company', [1], { country_code: 'US' });
  const checks: Array<{ rel: string; model: 'hr.expense' | 'account.move'; id: number }> = [];
  for (const rel of RECEIPTS) {
    const [id] = stack.fake.seed('hr.expense', [{ name: rel.split('/').pop(), employee_id: 1, state: 'draft', currency_id: 1 }]);
    stack.attach(await doc(rel), rel.split('/').pop()!, 'image/jpeg', 'hr.expense', id);
    checks.push({ rel, model: 'hr.expense', id: id! });
  }
  for (const rel of BILLS) {
    const [id] = stack.fake.seed('account.move', [{ move_type: 'in_invoice', state: 'draft', journal_id: 2, currency_id: 1, date: '2026-11-01' }]);
    stack.attach(await doc(rel), rel.split('/').pop()!, 'application/pdf', 'account.move', id);
    checks.push({ rel, model: 'account.move', id: id! });
  }
  const rt = await stack.runtime(await stack.config({ OCR_CONCURRENCY: '1', OCR_MODE: 'addonless', ACTIVATE_CURRENCIES: 'true' }), { scanner });
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.failed, 0, JSON.stringify(summary));

  const currencyName = (id: unknown) => stack.fake.records('res.currency').find((c) => c.id === (Array.isArray(id) ? id[0] : id))?.name;
  let truths = 0;
  let filled = 0;
  const wrong: string[] = [];
  for (const { rel, model, id } of checks) {
    const truth = await truthOf(rel);
    const row = stack.fake.records(model).find((r) => r.id === id)!;
    const pairs: Array<[string, unknown, 'amount_total' | 'date']> = model === 'hr.expense'
      ? [['total_amount_currency', truth.amount_total, 'amount_total'], ['date', truth.date, 'date']]
      : [['amount_total', truth.amount_total, 'amount_total'], ['invoice_date', truth.date, 'date']];
    for (const [field, want, kind] of pairs) {
      if (want === null || want === undefined) continue;
      truths++;
      const got = row[field];
      if (got === false || got === null || got === 0 || got === undefined) continue;
      filled++;
      const currency = typeof truth.currency === 'string' ? truth.currency : CORPUS_CURRENCY[rel.split('/')[0]];
      const inCurrency = kind !== 'amount_total' || !currency || currencyName(row.currency_id) === currency;
      if (!fieldMatches(kind, got, want) || !inCurrency) wrong.push(`${rel} ${field}: wrote ${JSON.stringify(got)} ${kind === 'amount_total' ? currencyName(row.currency_id) : ''}, truth ${JSON.stringify(want)}`);
    }
  }
  t.diagnostic(`filled ${filled} of ${truths} totals and dates`);
  assert.deepEqual(wrong, [], 'no wrong value written');
  assert.ok(filled >= FILLED_FLOOR, `filled ${filled} of ${truths} totals and dates (floor ${FILLED_FLOOR})`);
});
