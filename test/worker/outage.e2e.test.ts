import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { startHttpServer } from '../../src/http.js';
import { cheapScanner, startStack, syntheticInvoice, waitFor, type Stack } from './harness.js';

// Odoo stops in the middle of a lease (a restart, a network cut) and comes back: the worker keeps its jobs and
// finishes them as soon as Odoo answers, instead of leaving them "running" in Odoo until the lease runs out.
// /ready follows Odoo's reachability even for an idle worker, and /health forgets the error once Odoo answers.

let stack: Stack;
beforeEach(async () => {
  stack = await startStack({ addon: true });
});
afterEach(async () => {
  await stack.close();
});

function seedJobs(count: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const [expenseId] = stack.fake.seed('hr.expense', [{ name: `Expense ${i}`, employee_id: 1, state: 'draft' }]);
    const attachmentId = stack.attach(syntheticInvoice(500 + i, 20 + i), `r-${i}.pdf`, 'application/pdf', 'hr.expense', expenseId);
    ids.push(stack.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId }));
  }
  return ids;
}

async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

test('Odoo down in the middle of a lease: the held jobs finish once it answers again, on their first lease', async () => {
  const ids = seedJobs(6);
  // Lease 10 s; the outage (2 s) is far shorter, and the retries inside one call (20..200 ms) far shorter still.
  const config = await stack.config({ CLAIM_BATCH: '6', OCR_CONCURRENCY: '2' }, 'outage');
  let scans = 0;
  const rt = await stack.runtime(config, { scanner: cheapScanner({ delayMs: 150, onScan: () => scans++ }) });
  rt.worker.start();
  await waitFor(() => scans >= 1, 'the first document to be read');
  await stack.fake.stop();
  const downAt = Date.now();
  await new Promise((r) => setTimeout(r, 2_000));
  const runningWhileDown = stack.jobs!.jobs().filter((j) => j.state === 'running').length;
  await stack.fake.restart();
  const upAt = Date.now();
  await waitFor(() => stack.jobs!.jobs().every((j) => j.state === 'done'), 'every job to be done after the outage', 8_000);
  const drainedMs = Date.now() - upAt;

  assert.ok(runningWhileDown > 0, 'jobs were held across the outage');
  const jobs = stack.jobs!.jobs().filter((j) => ids.includes(j.id));
  assert.deepEqual(jobs.map((j) => j.attempts), ids.map(() => 1), 'no lease expired and no job was claimed twice');
  assert.ok(jobs.every((j) => j.completions === 1));
  assert.equal(rt.worker.totals.lost, 0);
  assert.equal(rt.worker.totals.failed, 0);
  assert.ok(drainedMs < 5_000, `drained ${drainedMs} ms after Odoo came back (outage ${upAt - downAt} ms, lease 10 s)`);
  await rt.worker.stop(1000);
});

test('an idle worker: /ready turns 503 while Odoo is down and 200 when it is back; /health drops the stale error', async () => {
  const rt = await stack.runtime(await stack.config({ POLL_INTERVAL: '1' }, 'idle'));
  const http = await startHttpServer({ port: 0, readiness: () => rt.worker.readiness(), health: () => rt.worker.health() });
  try {
    await rt.worker.runUntilIdle(); // talks to Odoo once, then stays idle (no poll loop running)
    assert.equal((await getJson(`${http.url}/ready`)).status, 200);

    await stack.fake.stop();
    await new Promise((r) => setTimeout(r, 1_100)); // longer than a poll interval without news from Odoo
    const down = await getJson(`${http.url}/ready`);
    assert.equal(down.status, 503, JSON.stringify(down.body));
    assert.ok(down.body.reasons.includes('odoo unreachable'));
    const health = (await getJson(`${http.url}/health`)).body;
    assert.equal(health.odoo.reachable, false);
    assert.ok(health.odoo.lastError, 'the error is shown while Odoo is down');

    await stack.fake.restart();
    await new Promise((r) => setTimeout(r, 1_100));
    const up = await getJson(`${http.url}/ready`);
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const healed = (await getJson(`${http.url}/health`)).body;
    assert.equal(healed.odoo.reachable, true);
    assert.equal(healed.odoo.lastError, null, 'no stale error once Odoo answers');
  } finally {
    await http.close();
  }
});
