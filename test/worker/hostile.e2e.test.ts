import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { createScanner, type Scanner } from '../../src/pipeline/scan.js';
import * as hostile from '../support/hostile-files.js';
import { startStack, type Stack } from './harness.js';

// A batch that holds hostile documents, through the real scanner inside the worker on the fake Odoo: the worker goes
// on with the others, and each hostile one fails in Odoo with its code (not by a crashed or stuck worker).

let stack: Stack;
let scanner: Scanner;
const DEADLINE_MS = 8_000;
before(async () => {
  stack = await startStack({ addon: true });
  scanner = await createScanner({ langs: ['eng'], ocrWorkers: 1, concurrency: 2, limits: { docTimeoutMs: DEADLINE_MS, maxPixels: 2_000_000 } });
  await scanner.whenReady();
});
after(async () => {
  await scanner.close();
  await stack.close();
});

test('hostile documents fail with their codes; the good ones of the same batch are written back', { timeout: 180_000 }, async () => {
  const ubl = (await readFile(new URL('../../fixtures/documents/ubl/en16931__ubl-tc434-example9.xml', import.meta.url), 'utf8')).replace(/encoding="UTF-8"/i, 'encoding="UTF-16"');
  const inputs: { name: string; data: Buffer; expect: string }[] = [
    { name: 'nested-q.pdf', data: hostile.pdfNestedQ(100_000), expect: 'TIMEOUT' },
    { name: 'good-1.pdf', data: await hostile.pdfTextPages(1), expect: 'ok' },
    { name: 'bomb.bmp', data: hostile.bmpHeader(16000, 16000), expect: 'TOO_MANY_PIXELS' },
    { name: 'loop.pdf', data: hostile.pdfPageTreeLoop(), expect: 'CORRUPT_FILE' },
    { name: 'image-bomb.pdf', data: await hostile.pdfWithImage(2000, 2000), expect: 'TOO_MANY_PIXELS' },
    { name: 'good-2.pdf', data: await hostile.pdfTextPages(2, 'Rechnung 2026-118, Summe 99,00 EUR, Hostile Test GmbH'), expect: 'ok' },
    { name: 'ubl-utf16.xml', data: hostile.utf16(ubl, 'le'), expect: 'ok' },
  ];
  const jobs = inputs.map((input, i) => {
    const [expenseId] = stack.fake.seed('hr.expense', [{ name: `Upload ${i}`, employee_id: 1, state: 'draft' }]);
    const attachmentId = stack.attach(input.data, input.name, 'application/octet-stream', 'hr.expense', expenseId);
    // TIMEOUT is retried (a busy machine may pass next time) up to max_attempts: one attempt here, to see it fail
    return { ...input, jobId: stack.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId, maxAttempts: 1 }) };
  });
  const rt = await stack.runtime(await stack.config({ OCR_CONCURRENCY: '2' }), { scanner });
  const started = performance.now();
  const summary = await rt.worker.runUntilIdle();
  const seconds = (performance.now() - started) / 1000;
  assert.equal(summary.failed, 4, JSON.stringify(summary));
  assert.equal(summary.done + summary.review, 3, JSON.stringify(summary));
  // one hostile document costs its deadline, once: the batch is not the sum of stuck documents
  assert.ok(seconds < DEADLINE_MS / 1000 + 30, `batch took ${seconds.toFixed(1)} s`);
  for (const { name, jobId, expect } of jobs) {
    const job = stack.jobs!.job(jobId);
    if (expect === 'ok') assert.ok(job.state === 'done' || job.state === 'review', `${name}: ${job.state} ${job.error}`);
    else {
      assert.equal(job.state, 'failed', `${name}: ${job.state}`);
      assert.match(String(job.error), new RegExp(`^${expect}: `), name);
    }
  }
});
