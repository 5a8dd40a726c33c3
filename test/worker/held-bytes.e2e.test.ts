import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cheapScanner, startStack, syntheticInvoice, waitFor, type Stack } from './harness.js';

// A claimed batch waits for OCR as leases, not as downloaded files: beyond the files the claim hands over
// (CLAIM_FILES_MB, addon 17.0.1.4.0), only 2 × OCR_CONCURRENCY documents have their bytes in memory at a time (one
// being read per OCR slot, one next in line), however many jobs the worker holds.

let stack: Stack;
before(async () => {
  stack = await startStack({ addon: true });
});
after(async () => {
  await stack.close();
});

function seedHeld(count: number, from: number): void {
  for (let i = from; i < from + count; i++) {
    const [expenseId] = stack.fake.seed('hr.expense', [{ name: `Held ${i}`, employee_id: 1, state: 'draft' }]);
    const attachmentId = stack.attach(syntheticInvoice(9000 + i, 12.5 + i), `held-${i}.pdf`, 'application/pdf', 'hr.expense', expenseId);
    stack.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId });
  }
}

test('with 10 jobs held, one OCR slot and no files in the claim, two attachments are downloaded before the first read ends', async () => {
  seedHeld(10, 0);
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
  const rt = await stack.runtime(await stack.config({ OCR_CONCURRENCY: '1', CLAIM_BATCH: '9', CLAIM_FILES_MB: '0' }, 'held'), { scanner });
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

test('the claim hands over the files that fit CLAIM_FILES_MB: those are not downloaded again, the rest are', async () => {
  seedHeld(6, 100);
  const size = (stack.fake.records('ir.attachment').at(-1)!.file_size as number);
  const rt = await stack.runtime(await stack.config({ OCR_CONCURRENCY: '1', CLAIM_BATCH: '5', CLAIM_FILES_MB: String((size * 3.5) / 1024 / 1024) }, 'handed'));
  stack.fake.resetCalls();
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.done + summary.review, 6);
  const claims = stack.fake.callCount({ model: 'ocr.job', method: 'claim' });
  assert.equal(claims, 1, 'one claim for the 6; the look for more rode on the last complete()');
  // 3 files fit the budget of the first claim; the 3 others are read under the lease token
  assert.equal(stack.fake.callCount({ model: 'ocr.job', method: 'read_document' }), 3);
  assert.equal(stack.fake.callCount({ model: 'ir.attachment', method: 'read' }), 0);
});

test('an addon before 17.0.1.4.0 is not sent document_bytes or renew, and the worker downloads each file', async () => {
  const old = await startStack({ addon: true, jobOptions: { rides: false } });
  try {
    for (let i = 0; i < 3; i++) {
      const [expenseId] = old.fake.seed('hr.expense', [{ name: `Old ${i}`, employee_id: 1, state: 'draft' }]);
      const attachmentId = old.attach(syntheticInvoice(9500 + i, 20 + i), `old-${i}.pdf`, 'application/pdf', 'hr.expense', expenseId);
      old.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId });
    }
    const rt = await old.runtime(await old.config({ OCR_CONCURRENCY: '1', CLAIM_BATCH: '3' }, 'old'));
    const summary = await rt.worker.runUntilIdle();
    assert.equal(summary.done + summary.review, 3, 'the old addon refuses neither claim nor complete');
    assert.equal(old.fake.callCount({ model: 'ocr.job', method: 'read_document' }), 3);
  } finally {
    await old.close();
  }
});
