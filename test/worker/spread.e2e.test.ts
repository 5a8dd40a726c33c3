import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cheapScanner, startStack, syntheticInvoice, waitFor, type Stack } from './harness.js';

// Three workers on one queue, the way they run in production: one happens to poll first while the other two are
// idle between polls. Claims must leave work for them instead of one worker taking nearly everything (seen on a
// real Odoo: 39 of 40 jobs on one worker while two others polled every 30 s).

let stack: Stack;
before(async () => {
  stack = await startStack({ addon: true });
});
after(async () => {
  await stack.close();
});

test('40 jobs, 3 workers, two of them idle until their next poll: every worker takes a fair part', async () => {
  // The root channel as the addon installs it: capacity 4 over all workers. Scaled down from production (30 s polls,
  // one worker alone needing ~45 s for the 40): 1 s polls, 100 ms per document (2 s alone).
  stack.jobs!.setChannelCapacity('root', 4);
  const runtimes = await Promise.all(['a', 'b', 'c'].map(async (name) =>
    stack.runtime(await stack.config({ POLL_INTERVAL: '1', OCR_CONCURRENCY: '2' }, `spread-${name}`), { scanner: cheapScanner({ delayMs: 100 }) })));
  // b and c poll an empty queue, then wait their interval; the jobs arrive; a polls first.
  for (const rt of runtimes.slice(1)) rt.worker.start();
  await waitFor(() => runtimes.slice(1).every((rt) => rt.worker.idlePolls > 0), 'the idle polls of b and c');
  for (let i = 0; i < 40; i++) {
    const [expenseId] = stack.fake.seed('hr.expense', [{ name: `Expense ${i}`, employee_id: 1, state: 'draft' }]);
    const attachmentId = stack.attach(syntheticInvoice(900 + i, 10 + i), `r-${i}.pdf`, 'application/pdf', 'hr.expense', expenseId);
    stack.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId });
  }
  runtimes[0]!.worker.start();
  await waitFor(() => stack.jobs!.jobs().every((j) => j.state === 'done'), 'all 40 jobs', 30_000);
  // a job is done in Odoo when `complete` answers; the worker counts it a moment later, once the answer is back
  const counted = () => runtimes.reduce((sum, rt) => sum + rt.worker.totals.done, 0);
  await waitFor(() => counted() >= 40, 'the workers to count their last jobs', 10_000).catch(() => undefined);
  const shares = runtimes.map((rt) => rt.worker.totals.done);
  assert.equal(shares.reduce((a, b) => a + b, 0), 40, shares.join('/'));
  assert.ok(Math.max(...shares) <= 28, `no worker takes most of the queue: ${shares.join('/')}`);
  assert.ok(shares.every((n) => n >= 4), `every worker got a part: ${shares.join('/')}`);
  for (const rt of runtimes) await rt.worker.stop(1000);
});
