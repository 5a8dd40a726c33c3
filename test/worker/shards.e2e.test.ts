import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { startStack, syntheticInvoice, type Stack } from './harness.js';

// Addon-less scale-out: WORKER_SHARD=k/N. Three workers, each with its own ledger, on one database: each document
// is taken by exactly one of them (its id modulo 3), none twice, none left over.

let stack: Stack;
before(async () => {
  stack = await startStack({ addon: false });
});
after(async () => {
  await stack.close();
});

test('three shards share one database: every document once, each worker its own share', async () => {
  const expenses: number[] = [];
  for (let n = 0; n < 12; n++) {
    const [id] = stack.fake.seed('hr.expense', [{ name: `Expense ${n}`, employee_id: 1, state: 'draft' }]);
    stack.attach(syntheticInvoice(700 + n, 5 + n), `r-${n}.pdf`, 'application/pdf', 'hr.expense', id);
    expenses.push(id!);
  }
  // A small batch, so one poll cannot see every document and the shard filter must look past other shards' rows.
  const runtimes = await Promise.all([1, 2, 3].map(async (k) => stack.runtime(await stack.config({ ADDONLESS_MODELS: 'hr.expense', WORKER_SHARD: `${k}/3`, CLAIM_BATCH: '1', OCR_CONCURRENCY: '1' }, `shard-${k}`))));
  const summaries = await Promise.all(runtimes.map((rt) => rt.worker.runUntilIdle()));

  assert.deepEqual(summaries.map((s) => s.done + s.review), [4, 4, 4], JSON.stringify(summaries));
  for (const [i, rt] of runtimes.entries()) {
    const ids = rt.ledger!.list().map((r) => r.res_id!);
    assert.ok(ids.every((id) => id % 3 === i), `shard ${i + 1}/3 took only its ids: ${ids.join(',')}`);
  }
  for (const id of expenses) {
    const notes = stack.fake.records('mail.message').filter((m) => m.model === 'hr.expense' && m.res_id === id);
    assert.equal(notes.length, 1, `expense ${id} was processed once`);
    assert.ok(Number(stack.fake.records('hr.expense').find((r) => r.id === id)!.total_amount_currency) > 0);
  }
});

test('WORKER_SHARD must be k/N with 1 <= k <= N', async () => {
  const base = { ODOO_URL: 'http://127.0.0.1:1', ODOO_DB: 'x', ODOO_USER: 'u', ODOO_API_KEY: 'k' };
  assert.deepEqual((await loadConfig({ ...base, WORKER_SHARD: '2/3' })).addonless.shard, { index: 2, count: 3 });
  for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0']) {
    await assert.rejects(loadConfig({ ...base, WORKER_SHARD: bad }), /WORKER_SHARD: .* must be k\/N/, bad);
  }
});
