// npm run bench:worker — the worker end to end against the fake Odoo (real HTTP, real connector, real scanner,
// real write-back, addon mode): documents per minute for text-layer PDFs and for photographed receipts, Odoo RPCs
// per document, RPCs per idle poll and peak RSS (of one worker process, with the deployed glibc malloc settings and
// with glibc's defaults). The result cache is off so every document is really read. RPCs are those the fake Odoo
// received (answers from the worker's memory, e.g. field definitions, are not RPCs). Vendor bills are measured apart:
// their write-back looks up the vendor, duplicates and taxes, which expenses do not.
//   BENCH_PDFS (default 300)  BENCH_RECEIPTS (default 26)  BENCH_BILLS (default 30)  OCR_CONCURRENCY (default: cores)
//   BENCH_RSS=0 skips the worker-process memory runs
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { createScanner } from '../src/pipeline/scan.js';
import { FACTURX, QUALITY_HOSTING, seedBooks, UBL_CREDIT_NOTE, uploadBill } from '../test/worker/bills-support.js';
import { startStack, type Stack } from '../test/worker/harness.js';
import { treeRssMb } from './proc.js';

const ROOT = PACKAGE_ROOT; // found from bench/ and from the compiled dist/bench/ alike
const DOCS = path.join(ROOT, 'fixtures/documents');
const PDF_DIRS = ['invoice2data', 'oca-pdf'];
const RECEIPT_DIR = 'sroie';
const concurrency = Number(process.env.OCR_CONCURRENCY ?? os.availableParallelism());

async function filesIn(dir: string, ext: RegExp): Promise<string[]> {
  return (await readdir(path.join(DOCS, dir))).filter((f) => ext.test(f)).sort().map((f) => path.join(DOCS, dir, f));
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
sampler.unref();

async function enqueue(stack: Stack, files: string[], count: number, mimetype: (f: string) => string): Promise<void> {
  const contents = await Promise.all(files.map((f) => readFile(f)));
  for (let i = 0; i < count; i++) {
    const file = files[i % files.length]!;
    const [expenseId] = stack.fake.seed('hr.expense', [{ name: `bench ${i}`, employee_id: 1, state: 'draft' }]);
    const attachmentId = stack.attach(contents[i % files.length]!, path.basename(file), mimetype(file), 'hr.expense', expenseId);
    stack.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId });
  }
}

async function measure(label: string, stack: Stack, run: () => Promise<{ done: number; review: number; failed: number }>, count: number) {
  stack.fake.resetCalls();
  const started = performance.now();
  const summary = await run();
  const minutes = (performance.now() - started) / 60_000;
  const rpcs = stack.fake.calls.length;
  const line = {
    workload: label, documents: count, done: summary.done, review: summary.review, failed: summary.failed,
    docsPerMinute: Math.round(count / minutes), seconds: +(minutes * 60).toFixed(1), rpcsPerDocument: +(rpcs / count).toFixed(2),
  };
  console.log(JSON.stringify(line));
  return line;
}

/** glibc malloc settings of the Docker image and the systemd unit (see the Dockerfile): the worker as deployed. */
const DEPLOYED_MALLOC = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '1048576' };

/** The benchmark process also hosts the fake Odoo (every attachment in memory), so a worker's own memory is measured
 * in a separate `odoo-ocr sync --once` process (compiled CLI) working a mixed batch: its peak RSS (VmHWM), and the
 * peak of it with its PDF reader processes (sampled sum).
 * `malloc` sets its allocator variables (undefined ones are left out: glibc's defaults). */
async function workerProcessPeakRss(stack: Stack, pdfs: string[], receipts: string[], malloc: Record<keyof typeof DEPLOYED_MALLOC, string | undefined>): Promise<{ processMB: number; withPdfReadersMB: number } | null> {
  const cli = path.join(ROOT, 'dist', 'src', 'cli.js');
  await enqueue(stack, pdfs, 40, () => 'application/pdf');
  await enqueue(stack, receipts, receipts.length, () => 'image/jpeg');
  const env = {
    ...process.env, ODOO_URL: stack.fake.url, ODOO_DB: stack.fake.db, ODOO_USER: 'admin', ODOO_API_KEY: stack.fake.apiKey,
    OCR_MODE: 'addon', OCR_CONCURRENCY: String(concurrency), OCR_LANGS: 'eng', RESULT_CACHE: 'false', LOG_LEVEL: 'error',
    STATE_DIR: path.join(os.tmpdir(), `bench-worker-state-${process.pid}`), ...malloc,
  };
  const child = spawn(process.execPath, [cli, 'sync', '--once'], { env, stdio: 'ignore' });
  let peakKb = 0;
  let treeMb = 0;
  const poll = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      treeMb = Math.max(treeMb, treeRssMb(child.pid!));
    } catch {
      /* exited, or no /proc */
    }
  }, 50);
  await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  return peakKb ? { processMB: Math.round(peakKb / 1024), withPdfReadersMB: Math.round(treeMb) } : null;
}

const stack = await startStack({ addon: true });
const scanner = await createScanner({ langs: ['eng'], ocrWorkers: concurrency });
try {
  await scanner.whenReady(); // steady state: the OCR pool's start-up is not part of the throughput
  const config = await stack.config({ OCR_CONCURRENCY: String(concurrency), CLAIM_BATCH: '16', RESULT_CACHE: 'false', LOG_LEVEL: 'error' }, 'bench');
  const runtime = await stack.runtime(config, { scanner });

  const pdfs = (await Promise.all(PDF_DIRS.map((d) => filesIn(d, /\.pdf$/)))).flat();
  const pdfCount = Number(process.env.BENCH_PDFS ?? 300);
  await enqueue(stack, pdfs, pdfCount, () => 'application/pdf');
  const text = await measure('text-pdf', stack, () => runtime.worker.runUntilIdle(), pdfCount);

  const receipts = await filesIn(RECEIPT_DIR, /\.jpg$/);
  const receiptCount = Number(process.env.BENCH_RECEIPTS ?? receipts.length);
  await enqueue(stack, receipts, receiptCount, () => 'image/jpeg');
  const scanned = await measure('scanned-receipt', stack, () => runtime.worker.runUntilIdle(), receiptCount);

  // Vendor bills as Odoo's Upload leaves them (empty drafts with the file), with a vendor and taxes in the books.
  seedBooks(stack.fake);
  const billCount = Number(process.env.BENCH_BILLS ?? 30);
  const billDocs = [FACTURX, QUALITY_HOSTING, UBL_CREDIT_NOTE];
  for (let i = 0; i < billCount; i++) {
    const { billId, attachmentId } = uploadBill(stack, billDocs[i % billDocs.length]!);
    stack.jobs!.enqueue({ attachmentId, resModel: 'account.move', resId: billId });
  }
  const billRun = billCount ? await measure('vendor-bill', stack, () => runtime.worker.runUntilIdle(), billCount) : null;
  const rpcsByCall: Record<string, number> = {};
  for (const call of stack.fake.calls) rpcsByCall[`${call.model}.${call.method}`] = (rpcsByCall[`${call.model}.${call.method}`] ?? 0) + 1;
  if (billRun) console.log(JSON.stringify({ workload: 'vendor-bill', rpcsByCall }));

  stack.fake.resetCalls();
  const idlePolls = 5;
  for (let i = 0; i < idlePolls; i++) await runtime.worker.runUntilIdle();
  const rpcsPerIdlePoll = stack.fake.calls.length / idlePolls;

  const summary = {
    cores: os.availableParallelism(), ocrConcurrency: concurrency,
    textPdfsPerMinute: text.docsPerMinute, scannedReceiptsPerMinute: scanned.docsPerMinute,
    rpcsPerDocument: +((text.rpcsPerDocument * pdfCount + scanned.rpcsPerDocument * receiptCount) / (pdfCount + receiptCount)).toFixed(2),
    rpcsPerVendorBill: billRun?.rpcsPerDocument ?? null,
    rpcsPerIdlePoll, benchProcessPeakRssMB: Math.round(peakRss / 1048576),
    workerProcessPeakRssMB: process.env.BENCH_RSS === '0' ? null : await workerProcessPeakRss(stack, pdfs, receipts, DEPLOYED_MALLOC),
    workerProcessPeakRssDefaultMallocMB: process.env.BENCH_RSS === '0' ? null : await workerProcessPeakRss(stack, pdfs, receipts, { MALLOC_ARENA_MAX: undefined, MALLOC_MMAP_THRESHOLD_: undefined }),
    targets: { textPdfsPerMinute: 600, scannedReceiptsPerMinute: 40, rpcsPerDocument: 4, rpcsPerIdlePoll: 1, workerProcessPeakRssMB: 600 },
  };
  console.log(JSON.stringify(summary, null, 2));
  await runtime.worker.stop(1000);
} finally {
  await scanner.close();
  await stack.close();
}
