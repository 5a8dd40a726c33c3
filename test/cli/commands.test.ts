import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { createProgress } from '../../src/cli/progress.js';
import { listRerunCandidates, requeueSelection } from '../../src/cli/requeue.js';
import { collectStatus, formatStatus } from '../../src/cli/status-report.js';
import { startStack, syntheticInvoice, type Stack } from '../worker/harness.js';

// The logic behind `status` and `rerun`, in-process against the fake Odoo (cli.test.ts runs the real commands).

let stack: Stack;
before(async () => {
  stack = await startStack({ addon: true });
});
after(async () => {
  await stack.close();
});

test('status and rerun in addon mode: counts by state/channel, dry run, requeue by filters', async () => {
  const rt = await stack.runtime(await stack.config({}, 'cmd'));
  const jobIds = ['bills', 'bills', 'receipts'].map((channel, i) => {
    const [expenseId] = stack.fake.seed('hr.expense', [{ name: `e${i}`, employee_id: 1, state: 'draft' }]);
    return stack.jobs!.enqueue({ attachmentId: stack.attach(syntheticInvoice(i, 1), `${i}.pdf`, 'application/pdf', 'hr.expense', expenseId), resModel: 'hr.expense', resId: expenseId, channel });
  });
  for (const item of await rt.source.fetch(2)) await rt.source.fail(item, 'CORRUPT_FILE: broken', false);

  const report = await collectStatus('addon', rt.gate, null, []);
  assert.deepEqual(report.rows, [{ state: 'failed', channel: 'bills', count: 2 }, { state: 'pending', channel: 'receipts', count: 1 }]);
  assert.match(formatStatus(report), /failed\s+bills\s+2/);

  const listed = await listRerunCandidates('addon', rt.gate, null, { state: 'failed', model: 'hr.expense', since: new Date(Date.now() - 60_000) });
  assert.deepEqual(listed.map((c) => c.ref), [`job:${jobIds[0]}`, `job:${jobIds[1]}`]);
  assert.equal(listed[0]!.error, 'CORRUPT_FILE: broken');
  assert.deepEqual(await listRerunCandidates('addon', rt.gate, null, { state: 'failed', model: 'account.move' }), []);
  assert.deepEqual(await listRerunCandidates('addon', rt.gate, null, { state: 'failed', since: new Date(Date.now() + 3_600_000) }), []);

  assert.equal(await requeueSelection('addon', rt.gate, null, { state: 'failed', ids: [jobIds[1]!] }), 1);
  assert.equal(stack.jobs!.job(jobIds[1]!).state, 'pending');
  assert.equal(stack.jobs!.job(jobIds[0]!).state, 'failed');
});

test('status and rerun in addon-less mode work on the ledger', async () => {
  const rt = await stack.runtime(await stack.config({ OCR_MODE: 'addonless' }, 'cmd-ledger'));
  const ledger = rt.ledger!;
  for (const [i, state] of (['failed', 'review', 'failed'] as const).entries()) {
    const key = `hr.expense:${100 + i}`;
    ledger.tryStart({ key, resModel: 'hr.expense', resId: 100 + i, attachmentId: 900 + i, companyId: 1, name: `${i}.pdf` });
    if (state === 'failed') ledger.fail(key, 'CORRUPT_FILE: x', false, 3, { attempts: 3, initialMs: 1, factor: 2, maxMs: 10 });
    else ledger.finish(key, 'review', 100 + i);
  }
  const report = await collectStatus('addonless', rt.gate, ledger, ['hr.expense']);
  assert.deepEqual(report.rows, [{ state: 'failed', channel: 'hr.expense', count: 2 }, { state: 'review', channel: 'hr.expense', count: 1 }]);
  assert.equal(typeof report.waiting!['hr.expense'], 'number');
  const listed = await listRerunCandidates('addonless', rt.gate, ledger, { state: 'failed', ids: [102] });
  assert.deepEqual(listed.map((c) => c.ref), ['hr.expense:102']);
  assert.equal(await requeueSelection('addonless', rt.gate, ledger, { state: 'failed' }), 2);
  assert.deepEqual(ledger.list({ states: ['retry'] }).map((r) => r.attempts), [0, 0]);
});

test('progress: plain lines when not on a terminal', () => {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  let text = '';
  (stream as unknown as PassThrough).on('data', (c: Buffer) => (text += c.toString()));
  const progress = createProgress(2, stream);
  progress.tick('job:1', 'done');
  progress.tick('job:2', 'failed');
  progress.finish();
  assert.equal(text, 'rerun: 1/2 job:1 done\nrerun: 2/2 job:2 failed\n');
});
