import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cheapScanner, startStack, syntheticInvoice, waitFor, type Stack } from './harness.js';

// Shutdown after the drain deadline: unfinished jobs are handed back. With the proposed addon method
// ocr.job.release the attempt is not counted and the job is claimable at once; the addon as it is has no such
// method, and the worker then falls back to a retryable fail (one attempt used, the addon's backoff applies).

let stack: Stack | null = null;
afterEach(async () => {
  await stack?.close();
  stack = null;
});

function seedJobs(s: Stack, count: number): number[] {
  return Array.from({ length: count }, (_, i) => {
    const [expenseId] = s.fake.seed('hr.expense', [{ name: `Expense ${i}`, employee_id: 1, state: 'draft' }]);
    const attachmentId = s.attach(syntheticInvoice(7000 + i, 10 + i), `receipt-${i}.pdf`, 'application/pdf', 'hr.expense', expenseId);
    return s.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId });
  });
}

/** A worker whose scans never finish, stopped with a short deadline while it holds `count` jobs. */
async function stopWhileStuck(s: Stack, count: number) {
  const jobIds = seedJobs(s, count);
  let unblock!: () => void;
  const blocked = new Promise<void>((r) => (unblock = r));
  const base = cheapScanner();
  const rt = await s.runtime(await s.config({ CLAIM_BATCH: String(count), OCR_CONCURRENCY: '1' }, 'stuck'), {
    scanner: { ...base, scanBuffer: async (d, n) => { await blocked; return base.scanBuffer(d, n); } },
  });
  rt.worker.start();
  await waitFor(() => rt.worker.held.length === count, `${count} jobs in flight`);
  s.fake.resetCalls();
  const result = await rt.worker.stop(200);
  // The held documents' downloads may still be under way: only the job API calls are the handing back.
  const calls = s.fake.calls.filter((c) => c.model === 'ocr.job' && c.method !== 'read_document').map((c) => `${c.model}.${c.method}:${c.outcome}`);
  unblock();
  return { jobIds, result, calls, rt };
}

test('with ocr.job.release: one call hands every held job back, pending at once, the attempt not counted', async () => {
  stack = await startStack({ addon: true, jobOptions: {} });
  const { jobIds, result, calls, rt } = await stopWhileStuck(stack, 2);
  assert.equal(result.released, 2);
  assert.deepEqual(calls, ['ocr.job.release:ok'], 'one call for both jobs, no fail()');
  for (const id of jobIds) {
    const job = stack.jobs!.job(id);
    assert.equal(job.state, 'pending');
    assert.equal(job.attempts, 0, 'the interrupted try is not counted');
    assert.equal(job.next_attempt_at, null, 'no backoff: claimable now');
    assert.match(String(job.error), /Released by worker stuck/);
  }
  // Another worker takes them right away; the old tokens no longer hold them.
  const other = await stack.runtime(await stack.config({}, 'other'));
  const retaken = await other.source.fetch(5);
  assert.deepEqual(retaken.map((i) => i.jobId).sort(), [...jobIds].sort());
  assert.ok(retaken.every((i) => i.attempts === 1));
  await new Promise((r) => setTimeout(r, 50)); // the abandoned scans end after unblocking: counted once, not again
  assert.equal(rt.worker.totals.released, 2);
  for (const item of retaken) assert.equal(stack.jobs!.job(item.jobId!).state, 'running');
});

test('a release with a token that no longer holds the job changes nothing', async () => {
  stack = await startStack({ addon: true, jobOptions: {} });
  const [jobId] = seedJobs(stack, 1);
  const rt = await stack.runtime(await stack.config({}, 'old'));
  const [item] = await rt.source.fetch(1);
  stack.jobs!.expireLeases();
  const other = await stack.runtime(await stack.config({}, 'new'));
  assert.deepEqual(await other.source.fetch(1), [], 'the expired lease is taken back, with a short backoff');
  await new Promise((r) => setTimeout(r, 300));
  const [retaken] = await other.source.fetch(1);
  assert.equal(retaken!.jobId, jobId);
  await rt.source.release([item!]);
  const job = stack.jobs!.job(jobId!);
  assert.deepEqual([job.state, job.lease_owner, job.attempts], ['running', 'new', 2]);
});

test('without ocr.job.release (an addon before 17.0.1.1.0): the worker falls back to a retryable fail per job', async () => {
  stack = await startStack({ addon: true, jobOptions: { release: false } });
  const { jobIds, result, calls } = await stopWhileStuck(stack, 2);
  assert.equal(result.released, 2);
  assert.deepEqual(calls, ['ocr.job.release:builtins.AttributeError', 'ocr.job.fail:ok', 'ocr.job.fail:ok']);
  for (const id of jobIds) {
    const job = stack.jobs!.job(id);
    assert.equal(job.state, 'pending');
    assert.equal(job.attempts, 1, 'the addon counts the interrupted try');
    assert.match(String(job.error), /released: the worker shut down/);
  }
});
