import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { ScanResult } from '../../src/contract.js';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';
import { startStack, type Stack } from './harness.js';

// The real pipeline inside the worker: a text-layer PDF and a photographed receipt are read (the receipt by OCR)
// and written back; broken uploads fail with their typed error codes while the good documents complete.

const doc = (rel: string) => readFile(new URL(`../../fixtures/${rel}`, import.meta.url));

let stack: Stack;
let scanner: Scanner;
before(async () => {
  stack = await startStack({ addon: true });
  scanner = await createScanner({ langs: ['eng'], ocrWorkers: 1 });
});
after(async () => {
  await scanner.close();
  await stack.close();
});

test('real scanner: PDF and receipt photo are written back, bad files fail with typed errors', { timeout: 120_000 }, async () => {
  const inputs: Array<{ file: string; mimetype: string; expect: 'ok' | string }> = [
    { file: 'documents/invoice2data/QualityHosting.pdf', mimetype: 'application/pdf', expect: 'ok' },
    { file: 'documents/sroie/sroie-001.jpg', mimetype: 'image/jpeg', expect: 'ok' },
    { file: 'worker/truncated.pdf', mimetype: 'application/pdf', expect: 'CORRUPT_FILE' },
    { file: 'worker/encrypted.pdf', mimetype: 'application/pdf', expect: 'ENCRYPTED_PDF' },
    { file: 'worker/random.bin', mimetype: 'application/octet-stream', expect: 'UNSUPPORTED_TYPE' },
  ];
  const jobs: Array<{ jobId: number; expenseId: number; expect: string }> = [];
  for (const [i, input] of inputs.entries()) {
    const [expenseId] = stack.fake.seed('hr.expense', [{ name: `Upload ${i}`, employee_id: 1, state: 'draft' }]);
    const attachmentId = stack.attach(await doc(input.file), input.file.split('/').pop()!, input.mimetype, 'hr.expense', expenseId);
    jobs.push({ jobId: stack.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId }), expenseId: expenseId!, expect: input.expect });
  }
  const rt = await stack.runtime(await stack.config({ OCR_CONCURRENCY: '1' }), { scanner });
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.failed, 3, JSON.stringify(summary));
  assert.equal(summary.done + summary.review, 2);

  for (const { jobId, expenseId, expect } of jobs) {
    const job = stack.jobs!.job(jobId);
    if (expect === 'ok') {
      assert.ok(job.state === 'done' || job.state === 'review', `job ${jobId}: ${job.state} ${job.error}`);
      const result = job.result as ScanResult;
      assert.equal(result.error, undefined);
      const extracted = result.fields!.amount_total.value;
      assert.ok(typeof extracted === 'number' && extracted > 0, 'an amount was read');
      // What the write-back prepared from this result reached the (empty) expense unchanged.
      const write = (job.values?.write ?? {}) as Record<string, unknown>;
      const record = stack.jobs!.valuesOf('hr.expense', expenseId);
      for (const [field, value] of Object.entries(write)) assert.deepEqual(record[field], value, field);
      assert.equal(stack.jobs!.notesOn('hr.expense', expenseId).length, 1);
    } else {
      assert.equal(job.state, 'failed', `job ${jobId} should be dead-lettered`);
      assert.match(String(job.error), new RegExp(`^${expect}: `));
      assert.equal(stack.jobs!.notesOn('hr.expense', expenseId).length, 0);
    }
  }
  const sources = jobs.filter((j) => j.expect === 'ok').map((j) => (stack.jobs!.job(j.jobId).result as ScanResult).source);
  assert.deepEqual(sources, ['pdf-text', 'ocr']);
});
