// The new user's run, on the fake Odoo (addon-less, default settings, the real scanner): receipt photos uploaded as
// expenses and text-layer PDF bills, each checked against its truth. The write policy must write no value that is
// wrong. The target is to fill ≥ 80 % of totals and dates; measured: 3 of 14 (README, Accuracy), so this
// pins that floor against regressions, not the target.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { fieldMatches } from '../../bench/accuracy.js';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';
import { startStack, type Stack } from './harness.js';

const RECEIPTS = ['sroie/sroie-001.jpg', 'sroie/sroie-004.jpg', 'sroie/sroie-006.jpg', 'sroie/sroie-011.jpg'];
const BILLS = ['invoice2data/QualityHosting.pdf', 'oca-pdf/oca-edi__akretion_france-test.pdf', 'invoices2-text/bouygues_telecom_11608848301659.pdf'];

const FILLED_FLOOR = 3;

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

test('default policy: nothing written is wrong, and the totals and dates filled do not fall', { timeout: 300_000 }, async () => {
  const checks: Array<{ rel: string; model: 'hr.expense' | 'account.move'; id: number }> = [];
  for (const rel of RECEIPTS) {
    const [id] = stack.fake.seed('hr.expense', [{ name: rel.split('/').pop(), employee_id: 1, state: 'draft' }]);
    stack.attach(await doc(rel), rel.split('/').pop()!, 'image/jpeg', 'hr.expense', id);
    checks.push({ rel, model: 'hr.expense', id: id! });
  }
  for (const rel of BILLS) {
    const [id] = stack.fake.seed('account.move', [{ move_type: 'in_invoice', state: 'draft', journal_id: 2, currency_id: 1, date: '2026-11-01' }]);
    stack.attach(await doc(rel), rel.split('/').pop()!, 'application/pdf', 'account.move', id);
    checks.push({ rel, model: 'account.move', id: id! });
  }
  const rt = await stack.runtime(await stack.config({ OCR_CONCURRENCY: '1', OCR_MODE: 'addonless' }), { scanner });
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.failed, 0, JSON.stringify(summary));

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
      if (!fieldMatches(kind, got, want)) wrong.push(`${rel} ${field}: wrote ${JSON.stringify(got)}, truth ${JSON.stringify(want)}`);
    }
  }
  assert.deepEqual(wrong, [], 'no wrong value written');
  assert.ok(filled >= FILLED_FLOOR, `filled ${filled} of ${truths} totals and dates (was ${FILLED_FLOOR})`);
});
