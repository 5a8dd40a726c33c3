import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AddonSource } from '../../src/worker/addon-source.js';
import { LeaseKeeper } from '../../src/worker/lease-keeper.js';
import { silentLogger } from '../../src/log.js';
import { cheapScanner, startStack, syntheticInvoice, waitFor, type Stack } from './harness.js';

// Addon mode end to end: real connector and worker loop against the fake Odoo with the addon's ocr.job API.

function seedExpenseJobs(stack: Stack, count: number, offset = 0): Array<{ jobId: number; expenseId: number; amount: number }> {
  const out = [];
  for (let i = offset; i < offset + count; i++) {
    const amount = 10 + (i % 97) + (i % 7) / 10;
    const [expenseId] = stack.fake.seed('hr.expense', [{ name: `Expense ${i}`, employee_id: 1, state: 'draft' }]);
    const attachmentId = stack.attach(syntheticInvoice(i, amount), `receipt-${i}.pdf`, 'application/pdf', 'hr.expense', expenseId);
    out.push({ jobId: stack.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId }), expenseId: expenseId!, amount });
  }
  return out;
}

function finished(stack: Stack): number {
  return stack.jobs!.jobs().filter((j) => j.state === 'done' || j.state === 'review' || j.state === 'failed').length;
}

let stack: Stack;
before(async () => {
  stack = await startStack({ addon: true });
});
after(async () => {
  await stack.close();
});

test('3 workers x 200 jobs: every job done exactly once, one note each, <= 4 RPCs per document', async () => {
  const seeded = seedExpenseJobs(stack, 600);
  const runtimes = await Promise.all(['a', 'b', 'c'].map(async (name) => stack.runtime(await stack.config({ CLAIM_BATCH: '16' }, `vol-${name}`))));
  stack.fake.resetCalls();
  for (const rt of runtimes) rt.worker.start();
  await waitFor(() => finished(stack) === 600, 'all 600 jobs to finish', 60_000);
  for (const rt of runtimes) await rt.worker.stop(5_000);

  const jobs = stack.jobs!.jobs();
  assert.deepEqual(jobs.filter((j) => j.state !== 'done').map((j) => `${j.id}:${j.state}:${j.error}`), []);
  assert.ok(jobs.every((j) => j.completions === 1), 'no job completed twice');
  for (const { expenseId, amount } of seeded) {
    assert.equal(stack.jobs!.notesOn('hr.expense', expenseId).length, 1, `one note on expense ${expenseId}`);
    assert.equal(stack.jobs!.valuesOf('hr.expense', expenseId).total_amount_currency, amount);
  }
  const processedBy = runtimes.map((rt) => rt.worker.totals.done);
  assert.equal(processedBy.reduce((a, b) => a + b, 0), 600);
  assert.ok(processedBy.every((n) => n > 0), `every worker took a share: ${processedBy.join('/')}`);
  const rpcs = stack.fake.calls.length;
  assert.ok(rpcs / 600 <= 4, `${rpcs} RPCs for 600 documents (${(rpcs / 600).toFixed(2)} per document)`);
});

test('an idle poll costs exactly one RPC (claim answering []), after the worker introduced itself once', async () => {
  const rt = await stack.runtime(await stack.config({}, 'idle'));
  stack.fake.resetCalls();
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.done, 0);
  assert.deepEqual(stack.fake.calls.map((c) => `${c.model}.${c.method}`), ['ocr.worker.presence.hello', 'ocr.job.claim']);
  stack.fake.resetCalls();
  await rt.worker.runUntilIdle();
  assert.deepEqual(stack.fake.calls.map((c) => `${c.model}.${c.method}`), ['ocr.job.claim']);
});

test('a worker killed mid-job: the job completes once after its lease expires; the dead worker is fenced out', async () => {
  const [{ jobId, expenseId }] = seedExpenseJobs(stack, 1, 1000);
  const dead = await stack.runtime(await stack.config({}, 'dead'));
  // The worker claims and then "dies": no heartbeat, no complete.
  const [claimed] = await dead.source.fetch(1);
  assert.equal(claimed!.jobId, jobId);
  assert.equal(stack.jobs!.job(jobId).state, 'running');

  stack.jobs!.expireLeases(); // the lease runs out
  const survivor = await stack.runtime(await stack.config({}, 'survivor'));
  await waitFor(() => stack.jobs!.job(jobId).next_attempt_at === null || Date.now() >= stack.jobs!.job(jobId).next_attempt_at!, 'backoff');
  let summary = await survivor.worker.runUntilIdle();
  if (summary.done === 0) {
    await new Promise((r) => setTimeout(r, 300)); // the expired lease was taken back with a short backoff
    summary = await survivor.worker.runUntilIdle();
  }
  assert.equal(summary.done, 1);
  const job = stack.jobs!.job(jobId);
  assert.equal(job.state, 'done');
  assert.equal(job.attempts, 2);
  assert.equal(job.completions, 1);

  // The dead worker comes back with its old token: refused, nothing written twice.
  const { emptyFields } = await import('../../src/contract.js');
  const late = await dead.source.complete(claimed!, { file: 'x', sha256: null, pages: 1, timings_ms: { total: 1 }, fields: emptyFields() }, {
    write: { total_amount_currency: 1 }, create_move: null, note: '<p>late</p>', needs_review: false, review_reasons: [], doc_type: 'receipt', confidence: 1, duration_ms: 1,
  });
  assert.equal(late.state, 'lost');
  assert.equal(stack.jobs!.notesOn('hr.expense', expenseId).length, 1);
  assert.equal(stack.jobs!.job(jobId).completions, 1);
});

test('heartbeats renew every held lease in ONE call and notice a lease taken over', async () => {
  const seeded = seedExpenseJobs(stack, 3, 2000);
  const rt = await stack.runtime(await stack.config({}, 'beat'));
  const held = await rt.source.fetch(3);
  assert.deepEqual(held.map((i) => i.jobId), seeded.map((s) => s.jobId));
  const keeper = new LeaseKeeper(rt.source, () => held, 10, silentLogger(), { attempts: 1, initialMs: 50, factor: 2, maxMs: 200 });
  stack.fake.resetCalls();
  await keeper.beat();
  assert.equal(stack.fake.callCount({ model: 'ocr.job', method: 'heartbeat' }), 1);
  assert.equal(stack.fake.calls.length, 1);
  assert.ok(held.every((i) => i.abandoned === null));

  // Our leases expire and another worker claims the jobs: the next beat marks ours lost.
  stack.jobs!.expireLeases();
  const other = new AddonSource(rt.gate, { workerId: 'other', leaseSeconds: 60, channels: [] });
  assert.deepEqual(await other.fetch(3), [], 'expired leases come back only after their backoff');
  await new Promise((r) => setTimeout(r, 300));
  const retaken = await other.fetch(3);
  assert.equal(retaken.length, 3);
  await keeper.beat();
  assert.ok(held.every((i) => i.abandoned === 'lost'));
  for (const item of retaken) await other.fail(item, 'test cleanup', false);
});

test('a lease half gone rides on the next complete; a heartbeat of its own only when one nears its end', async () => {
  seedExpenseJobs(stack, 3, 2500);
  const rt = await stack.runtime(await stack.config({}, 'ride'));
  const held = await rt.source.fetch(3);
  assert.equal(held.length, 3);
  const keeper = new LeaseKeeper(rt.source, () => held, 10, silentLogger(), { attempts: 1, initialMs: 50, factor: 2, maxMs: 200 });
  stack.fake.resetCalls();
  await keeper.check();
  assert.equal(stack.fake.calls.length, 0, 'fresh leases: no call at all');

  // held[1] has less than half its lease left, held[2] still more: complete(held[0]) renews held[1] only.
  const now = Date.now();
  held[1]!.leaseUntil = now + 4000;
  held[2]!.leaseUntil = now + 9000;
  const { emptyFields } = await import('../../src/contract.js');
  held[0]!.finishing = true;
  const done = await rt.source.complete(held[0]!, { file: 'x', sha256: null, pages: 1, timings_ms: { total: 1 }, fields: emptyFields() }, {
    write: {}, create_move: null, note: '<p>ride</p>', needs_review: false, review_reasons: [], doc_type: 'receipt', confidence: 1, duration_ms: 1,
  });
  assert.ok(['done', 'review'].includes(done.state));
  assert.ok(held[1]!.leaseUntil >= now + 9000, 'the lease rode on complete');
  assert.ok(stack.jobs!.job(held[1]!.jobId!).lease_expires_at! >= now + 9000, 'and Odoo extended it');
  assert.equal(held[2]!.leaseUntil, now + 9000, 'a lease with more than half left is not sent');
  assert.equal(stack.fake.callCount({ model: 'ocr.job', method: 'heartbeat' }), 0);
  assert.equal(stack.fake.calls.length, 1, 'the renewal cost no call of its own');

  // No call going out and a lease with less than a third left: one heartbeat for every held lease.
  held[2]!.leaseUntil = Date.now() + 2000;
  await keeper.check();
  assert.equal(stack.fake.callCount({ model: 'ocr.job', method: 'heartbeat' }), 1);
  assert.ok(held[2]!.leaseUntil >= Date.now() + 9000);
  for (const item of held.slice(1)) await rt.source.fail(item, 'test cleanup', false);
});

test('a busy worker claims with its complete(): one claim call for a whole run; claimed-ahead leases go back at stop', async () => {
  const seeded = seedExpenseJobs(stack, 6, 2600);
  const rt = await stack.runtime(await stack.config({ OCR_CONCURRENCY: '1', CLAIM_BATCH: '1' }, 'ahead'));
  stack.fake.resetCalls();
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.done + summary.review, 6);
  assert.equal(stack.fake.callCount({ model: 'ocr.job', method: 'claim' }), 1, 'the first claim; the others came with complete()');
  assert.equal(stack.fake.callCount({ model: 'ocr.job', method: 'complete' }), 6);
  for (const s of seeded) assert.equal(stack.jobs!.job(s.jobId).completions, 1);

  // a complete() that claimed for a poll that never comes (the worker stops): those leases are released
  const [extra] = seedExpenseJobs(stack, 2, 2700);
  const [held] = await rt.source.fetch(1);
  rt.source.planClaims!(() => 5);
  const { emptyFields } = await import('../../src/contract.js');
  held!.finishing = true;
  await rt.source.complete(held!, { file: 'x', sha256: null, pages: 1, timings_ms: { total: 1 }, fields: emptyFields() }, {
    write: {}, create_move: null, note: '<p>ahead</p>', needs_review: false, review_reasons: [], doc_type: 'receipt', confidence: 1, duration_ms: 1,
  });
  const other = seedExpenseJobs(stack, 0, 0);
  assert.deepEqual(other, []);
  const running = stack.jobs!.jobs().filter((j) => j.state === 'running');
  assert.equal(running.length, 1, 'the next job was claimed by complete()');
  await rt.worker.stop(1000);
  assert.equal(stack.jobs!.job(running[0]!.id).state, 'pending', 'and handed back at stop');
  assert.equal(stack.jobs!.job(running[0]!.id).attempts, 0);
  assert.ok(extra);
});

test('Odoo answering 503 for a while: the worker backs off, resumes by itself, nothing is lost', async () => {
  const seeded = seedExpenseJobs(stack, 20, 3000);
  const rt = await stack.runtime(await stack.config({ RETRY_ATTEMPTS: '2' }, 'flaky'));
  stack.fake.failNext(25, { status: 503 });
  rt.worker.start();
  await waitFor(() => seeded.every((s) => ['done', 'review'].includes(stack.jobs!.job(s.jobId).state)), 'jobs to finish after the outage', 30_000);
  await rt.worker.stop(5_000);
  assert.ok(stack.fake.calls.filter((c) => c.outcome === 'http 503').length === 25, 'the outage happened');
  for (const s of seeded) {
    assert.equal(stack.jobs!.job(s.jobId).completions, 1);
    assert.equal(stack.jobs!.notesOn('hr.expense', s.expenseId).length, 1);
  }
  assert.ok(rt.worker.readinessNow().reasons.includes('shutting down'));
});

test('SIGTERM-style stop drains: in-flight jobs finish within the deadline, or are handed back after it', async () => {
  const seeded = seedExpenseJobs(stack, 4, 4000);
  const slow = await stack.runtime(await stack.config({ OCR_CONCURRENCY: '2', CLAIM_BATCH: '2' }, 'drain'), { scanner: cheapScanner({ delayMs: 300 }) });
  slow.worker.start();
  await waitFor(() => slow.worker.held.length > 0, 'a job in flight');
  const { finished: completed, released } = await slow.worker.stop(10_000);
  assert.equal(released, 0);
  assert.ok(completed > 0);
  const states = seeded.map((s) => stack.jobs!.job(s.jobId).state);
  assert.ok(!states.includes('running'), `no job left running: ${states.join(',')}`);

  // A scan that cannot finish in time: the job is released (ocr.job.release), not left to its lease.
  seedExpenseJobs(stack, 1, 5000);
  let unblock!: () => void;
  const blocked = new Promise<void>((r) => (unblock = r));
  const stuckScanner = cheapScanner();
  const stuck = await stack.runtime(await stack.config({ CLAIM_BATCH: '1', OCR_CONCURRENCY: '1' }, 'stuck'), {
    scanner: { ...stuckScanner, scanBuffer: async (d, n) => { await blocked; return stuckScanner.scanBuffer(d, n); } },
  });
  stuck.worker.start();
  await waitFor(() => stuck.worker.held.length === 1, 'the stuck job in flight');
  const [item] = stuck.worker.held;
  const result = await stuck.worker.stop(200);
  assert.equal(result.released, 1);
  const job = stack.jobs!.job(item!.jobId!);
  assert.equal(job.state, 'pending');
  assert.match(String(job.error), /released/i);
  assert.equal(job.attempts, 0, 'a release does not count the attempt');
  unblock();
});
