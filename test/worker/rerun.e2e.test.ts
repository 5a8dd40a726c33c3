import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { emptyFields } from '../../src/contract.js';
import { openLedger } from '../../src/worker/ledger.js';
import { openStateDb } from '../../src/worker/state-db.js';
import type { PreparedValues } from '../../src/writeback/types.js';
import { assertFacturxBill, billView, FACTURX, QUALITY_HOSTING, seedBooks, uploadBill, type Books } from './bills-support.js';
import { cheapScanner, startStack, syntheticInvoice, type Stack } from './harness.js';

// `odoo-ocr rerun`, the admin re-run, as an administrator runs it: the real command in a child process (stdout and
// stderr are pipes, not a terminal), the real scanner and write-back, against the fake Odoo.

const ENTRY = new URL('../cli/cli-entry.ts', import.meta.url).pathname;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (c: Buffer) => (out.stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out.stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, ...out })));
}

function envOf(stack: Stack, stateDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ODOO_URL: stack.fake.url, ODOO_DB: stack.fake.db, ODOO_USER: 'admin', ODOO_API_KEY: stack.fake.apiKey, STATE_DIR: stateDir,
    OCR_LANGS: 'eng', OCR_CONCURRENCY: '1', RETRY_INITIAL_MS: '20', RETRY_MAX_MS: '100', LOG_LEVEL: 'warn', WORKER_ID: 'admin-rerun', ...extra,
  };
}

function values(needsReview: boolean): PreparedValues {
  return {
    write: {}, create_move: null, note: '<p>read</p>', needs_review: needsReview, review_reasons: needsReview ? ['checked by hand'] : [],
    doc_type: 'receipt', confidence: 0.99, duration_ms: 1,
  };
}

// Addon mode: four jobs as an administrator finds them: two failed bills, an expense in review, one done.
let stack: Stack;
let env: Record<string, string>;
let books: Books;
const ids = { failedA: 0, failedB: 0, review: 0, done: 0 };
const billOf = { failedA: 0, failedB: 0 };

before(async () => {
  stack = await startStack({ addon: true });
  books = seedBooks(stack.fake);
  const a = uploadBill(stack, FACTURX);
  const b = uploadBill(stack, QUALITY_HOSTING);
  billOf.failedA = a.billId;
  billOf.failedB = b.billId;
  ids.failedA = stack.jobs!.enqueue({ attachmentId: a.attachmentId, resModel: 'account.move', resId: a.billId });
  ids.failedB = stack.jobs!.enqueue({ attachmentId: b.attachmentId, resModel: 'account.move', resId: b.billId });
  for (const key of ['review', 'done'] as const) {
    const [expenseId] = stack.fake.seed('hr.expense', [{ name: key, employee_id: 1, state: 'draft' }]);
    const attachmentId = stack.attach(syntheticInvoice(key.length, 5), `${key}.pdf`, 'application/pdf', 'hr.expense', expenseId);
    ids[key] = stack.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId });
  }
  const rt = await stack.runtime(await stack.config({}, 'earlier'));
  const result = { file: 'x', sha256: null, pages: 1, timings_ms: { total: 1 }, fields: emptyFields() };
  for (const item of await rt.source.fetch(4)) {
    if (item.jobId === ids.failedA || item.jobId === ids.failedB) await rt.source.fail(item, 'OCR_FAILED: the OCR thread crashed', false);
    else await rt.source.complete(item, result, values(item.jobId === ids.review));
  }
  assert.deepEqual(Object.values(ids).map((id) => stack.jobs!.job(id).state), ['failed', 'failed', 'review', 'done']);
  env = envOf(stack, (await stack.config({}, 'admin')).stateDir);
});
after(async () => {
  await stack.close();
});

test('rerun --dry-run lists what would be requeued (failed by default, review with --state) and changes nothing', { timeout: 60_000 }, async () => {
  const before = stack.jobs!.jobs();
  const [failed, review] = await Promise.all([run(['rerun', '--dry-run'], env), run(['rerun', '--dry-run', '--state', 'review'], env)]);
  assert.equal(failed.code, 0, failed.stderr.slice(-2000));
  const lines = failed.stdout.trim().split('\n');
  assert.deepEqual(lines.slice(0, -1).map((l) => l.split('\t').slice(0, 3)), [
    [`job:${ids.failedA}`, 'failed', `account.move:${billOf.failedA}`],
    [`job:${ids.failedB}`, 'failed', `account.move:${billOf.failedB}`],
  ]);
  assert.match(lines[0]!, /\tOCR_FAILED: the OCR thread crashed$/);
  assert.equal(lines.at(-1), '2 document(s) would be requeued (dry run, nothing changed)');
  assert.equal(review.code, 0, review.stderr.slice(-2000));
  assert.match(review.stdout, new RegExp(`^job:${ids.review}\\treview\\t`));
  assert.match(review.stdout, /\n1 document\(s\) would be requeued/);
  assert.deepEqual(stack.jobs!.jobs(), before, 'no job changed');
});

test('rerun --ids narrows within an explicit --state, and says why a named job was left alone', { timeout: 60_000 }, async () => {
  const result = await run(['rerun', '--ids', `${ids.failedA},${ids.review}`, '--state', 'failed'], env);
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  assert.equal(result.stdout, `1 document(s) requeued\nnot requeued: job ${ids.review}: is review, not failed (--state failed)\n`);
  const a = stack.jobs!.job(ids.failedA);
  assert.deepEqual([a.state, a.attempts, a.error], ['pending', 0, false]);
  assert.equal(stack.jobs!.job(ids.failedB).state, 'failed', 'not named');
  assert.equal(stack.jobs!.job(ids.review).state, 'review', 'named, but not failed');
  assert.equal(stack.jobs!.job(ids.done).state, 'done');
  assert.equal(billView(stack.fake, billOf.failedA).notes.length, 0, 'requeued, not processed');
});

test('rerun --now requeues the failed jobs and processes them here, with plain progress lines when not on a terminal', { timeout: 120_000 }, async () => {
  const result = await run(['rerun', '--now', '--state', 'failed'], env);
  assert.equal(result.code, 0, result.stderr.slice(-3000));
  const stdout = result.stdout.trim().split('\n');
  assert.equal(stdout[0], '1 document(s) requeued', 'B; A was requeued by the previous command');
  assert.equal(stdout.at(-1), 'rerun: 1 done, 1 review, 0 failed, 0 to retry');
  const progress = result.stderr.split('\n').filter((l) => l.startsWith('rerun: '));
  assert.equal(progress.length, 2, result.stderr.slice(-2000));
  assert.match(progress[0]!, /^rerun: 1\/2 job:\d+ (done|review)$/);
  assert.match(progress[1]!, /^rerun: 2\/2 job:\d+ (done|review)$/);
  assert.ok(!result.stderr.includes('\r') && !result.stderr.includes('\x1b['), 'no terminal redraws in a pipe');

  assert.equal(stack.jobs!.job(ids.failedA).state, 'done');
  assertFacturxBill(assert, billView(stack.fake, billOf.failedA), books);
  const b = stack.jobs!.job(ids.failedB);
  assert.equal(b.state, 'review');
  // QualityHosting AG is no partner yet: created from its name and VAT DE232446240 when both were read with confidence
  // (Create vendors, on by default), else left empty with a review reason naming it
  const vendor = billView(stack.fake, billOf.failedB).move.partner_id;
  if (vendor) assert.match(String(stack.fake.records('res.partner').find((p) => p.id === vendor)?.name), /^QualityHosting AG$/);
  else assert.match(String(b.review_reasons), /vendor not found|vendor not written|Not written, read with less than \d+ % confidence: .*\bVendor \d+ %|Not written \(low confidence\): .*\bVendor \d+ %/);
  assert.ok(String(b.review_reasons).length > 0);
  const ref = billView(stack.fake, billOf.failedB).move.ref;
  if (ref) assert.equal(ref, '30064443', 'what the policy writes is right');
  assert.ok([ids.failedA, ids.failedB].every((id) => stack.jobs!.job(id).completions === 1));
  assert.equal(stack.jobs!.job(ids.review).state, 'review', 'review jobs were not selected');
  assert.equal(stack.jobs!.job(ids.done).completions, 1, 'a done job is never redone');
});

test('explicit ids win over the default state: rerun --ids on a job in review requeues it; an unknown id is named', { timeout: 60_000 }, async () => {
  const result = await run(['rerun', '--ids', `${ids.review},99999`], env);
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  assert.equal(result.stdout, '1 document(s) requeued\nnot requeued: job 99999: no such job\n');
  assert.deepEqual([stack.jobs!.job(ids.review).state, stack.jobs!.job(ids.review).attempts], ['pending', 0]);
  assert.equal(stack.jobs!.job(ids.done).state, 'done', 'not named');
});

test('addon-less: rerun --now --model account.move --ids requeues the ledger row of that bill and fills it', { timeout: 120_000 }, async () => {
  const own = await startStack({ addon: false });
  try {
    const ownBooks = seedBooks(own.fake);
    const { billId: failedBill } = uploadBill(own, FACTURX);
    const { billId: otherBill } = uploadBill(own, QUALITY_HOSTING);
    // An earlier run failed both (a scanner that could not read them); its results are not cached.
    const cfg = await own.config({ OCR_MODE: 'addonless', RESULT_CACHE: 'false' }, 'ledger');
    const earlier = await own.runtime(cfg, { scanner: cheapScanner() });
    const summary = await earlier.worker.runUntilIdle();
    assert.equal(summary.failed, 2, JSON.stringify(summary));
    await earlier.close();

    const result = await run(['rerun', '--now', '--model', 'account.move', '--ids', String(failedBill)], envOf(own, cfg.stateDir, { OCR_MODE: 'addonless' }));
    assert.equal(result.code, 0, result.stderr.slice(-3000));
    const stdout = result.stdout.trim().split('\n');
    assert.equal(stdout[0], '1 document(s) requeued');
    assert.equal(stdout.at(-1), 'rerun: 1 done, 0 review, 0 failed, 0 to retry');
    assert.deepEqual(result.stderr.split('\n').filter((l) => l.startsWith('rerun: ')), [`rerun: 1/1 account.move:${failedBill} done`]);

    const view = billView(own.fake, failedBill);
    assert.equal(view.lines.length, 2);
    assert.equal(view.move.amount_total, 529.87);
    assert.equal(view.move.partner_id, ownBooks.lieferant);
    assert.equal(view.notes.length, 2, 'the failure note of the earlier run, then the result');
    assert.equal(billView(own.fake, otherBill).lines.length, 0, 'the other failed bill was not selected');
    const db = openStateDb(cfg.stateDir);
    try {
      const ledger = openLedger(db, cfg);
      assert.equal(ledger.list({ keys: [`account.move:${failedBill}`] })[0]!.state, 'done');
      assert.equal(ledger.list({ keys: [`account.move:${otherBill}`] })[0]!.state, 'failed');
    } finally {
      db.close();
    }
  } finally {
    await own.close();
  }
});
