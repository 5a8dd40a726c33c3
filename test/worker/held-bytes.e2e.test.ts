import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cheapScanner, startStack, syntheticInvoice, waitFor, type Stack } from './harness.js';

// A claimed batch waits for OCR as leases, not as downloaded files: only 2 × OCR_CONCURRENCY documents have their
// bytes in memory at a time (one being read per OCR slot, one next in line), however many jobs the worker holds.

let stack: Stack;
before(async () => {
  stack = await startStack({ addon: true });
});
after(async () => {
  await stack.close();
});

test('with 10 jobs held and one OCR slot, two attachments are downloaded before the first read ends', async () => {
  for (let i = 0; i < 10; i++) {
    const [expenseId] = stack.fake.seed('hr.expense', [{ name: `Held ${i}`, employee_id: 1, state: 'draft' }]);
    const attachmentId = stack.attach(syntheticInvoice(9000 + i, 12.5 + i), `held-${i}.pdf`, 'application/pdf', 'hr.expense', expenseId);
    stack.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId });
  }
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const scanner = cheapScanner();
  const scanBuffer = scanner.scanBuffer;
  let started = 0;
  scanner.scanBuffer = async (data, name) => {
    started++;
    await gate;
    return scanBuffer(data, name);
  };
  const rt = await stack.runtime(await stack.config({ OCR_CONCURRENCY: '1', CLAIM_BATCH: '9' }, 'held'), { scanner });
  stack.fake.resetCalls();
  const run = rt.worker.runUntilIdle();
  await waitFor(() => started === 1, 'the first read to start');
  await new Promise((r) => setTimeout(r, 200)); // time for any further download to happen
  const downloads = () => stack.fake.callCount({ model: 'ocr.job', method: 'read_document' }); // the download under the lease token
  assert.equal(rt.worker.held.length, 10, 'the whole batch is claimed');
  assert.equal(downloads(), 2, 'one document being read, one next in line');
  open();
  const summary = await run;
  assert.equal(summary.done + summary.review, 10);
  assert.equal(downloads(), 10);
});
