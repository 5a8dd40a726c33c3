import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { VERSION } from '../../src/version.js';
import { startStack, syntheticInvoice, type Stack } from './harness.js';

// The worker introduces itself (name, version) before its first claim, so that Odoo's OCR settings can show which
// worker runs and which version; an addon without the presence model is simply not told.

let stack: Stack | null = null;
afterEach(async () => {
  await stack?.close();
  stack = null;
});

test('the worker tells the addon its name and version once, before claiming', async () => {
  stack = await startStack({ addon: true, jobOptions: {} });
  const rt = await stack.runtime(await stack.config({}, 'greeter'));
  await rt.source.fetch(1);
  await rt.source.fetch(1);
  const rows = stack.fake.records('ocr.worker.presence');
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.version, VERSION);
  assert.match(String(rows[0]!.name), /greeter/);
  const hellos = stack.fake.calls.filter((c) => c.model === 'ocr.worker.presence');
  assert.equal(hellos.length, 1, 'once per process');
});

test('an addon without the presence model: the worker claims as before', async () => {
  stack = await startStack({ addon: true, jobOptions: { presence: false } });
  const rt = await stack.runtime(await stack.config({}, 'older'));
  assert.deepEqual(await rt.source.fetch(1), []);
  await rt.source.fetch(1);
  assert.equal(stack.fake.calls.filter((c) => c.method === 'claim').length, 2);
});

test('review reasons go as codes too to an addon that says it accepts them, never to an older one', async () => {
  for (const reviewCodes of [true, false]) {
    stack = await startStack({ addon: true, jobOptions: { reviewCodes } });
    const [expenseId] = stack.fake.seed('hr.expense', [{ name: 'Taxi', employee_id: 1, state: 'submitted' }]);
    const attachmentId = stack.attach(syntheticInvoice(1, 12.5), 'receipt.pdf', 'application/pdf', 'hr.expense', expenseId);
    const jobId = stack.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId });
    const rt = await stack.runtime(await stack.config({}, `codes-${reviewCodes}`));
    await rt.worker.runUntilIdle();
    const job = stack.jobs!.job(jobId);
    assert.equal(job.state, 'review', `${job.state}: ${job.error}`);
    const reasons = String(job.review_reasons).split('\n');
    if (reviewCodes) {
      const codes = job.review_codes as { code: string; params: Record<string, unknown> }[];
      assert.equal(codes.length, reasons.length, 'one code per reason, in the same order');
      assert.ok(codes.every((c) => typeof c.code === 'string' && typeof c.params === 'object'));
    } else {
      assert.equal(job.review_codes, null, 'an addon before 17.0.1.3.0 refuses keys it does not know');
    }
    await stack.close();
    stack = null;
  }
});
