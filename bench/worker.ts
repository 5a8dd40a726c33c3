// npm run bench:worker — the worker end to end against the fake Odoo (real HTTP, real connector, real scanner,
// real write-back), in addon mode and in addon-less mode: documents per minute for text-layer PDFs and for
// photographed receipts (expenses), Odoo RPCs per document, RPCs per idle poll and peak RSS (of one worker process,
// with the deployed glibc malloc settings and with glibc's defaults). The result cache is off so every document is
// really read. RPCs are the HTTP requests the fake Odoo received, each counted once, whatever its answer (answers
// from the worker's memory, e.g. cached field definitions, are not RPCs; each mode starts with a fresh worker, so its
// one-off fields_get calls are in its first workload). Vendor bills are measured apart: their write-back looks up the
// vendor, duplicates and taxes, which expenses do not.
//   BENCH_PDFS (default 300)  BENCH_RECEIPTS (default 26)  BENCH_BILLS (default 30)  OCR_CONCURRENCY (default: cores)
//   BENCH_MODES (default addon,addonless)  BENCH_RSS=0 skips the worker-process memory runs
//   LEASE_SECONDS (default 300, the worker's default; heartbeats depend on it and on the time a document takes)
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

/** Expenses with a receipt or invoice attached; addon mode: queued as the addon does (addon-less finds them). */
async function enqueue(stack: Stack, files: string[], count: number, mimetype: (f: string) => string): Promise<void> {
  const contents = await Promise.all(files.map((f) => readFile(f)));
  for (let i = 0; i < count; i++) {
    const file = files[i % files.length]!;
    const [expenseId] = stack.fake.seed('hr.expense', [{ name: `bench ${i}`, employee_id: 1, state: 'draft' }]);
    const attachmentId = stack.attach(contents[i % files.length]!, path.basename(file), mimetype(file), 'hr.expense', expenseId);
    stack.jobs?.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId });
  }
}

/** RPCs the fake received, by model.method (the HTTP failures the fake injected by path). */
function rpcsByCall(stack: Stack): Record<string, number> {
  const out: Record<string, number> = {};
  for (const call of stack.fake.calls) {
    const key = call.model ? `${call.model}.${call.method}` : `${call.service ?? call.transport}.${call.method}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

async function measure(mode: Mode, label: string, stack: Stack, run: () => Promise<{ done: number; review: number; failed: number }>, count: number) {
  stack.fake.resetCalls();
  const started = performance.now();
  const summary = await run();
  const minutes = (performance.now() - started) / 60_000;
  const rpcs = stack.fake.calls.length;
  const line = {
    mode, workload: label, documents: count, done: summary.done, review: summary.review, failed: summary.failed,
    docsPerMinute: Math.round(count / minutes), seconds: +(minutes * 60).toFixed(1), rpcsPerDocument: +(rpcs / count).toFixed(2),
    rpcsByCall: rpcsByCall(stack),
  };
  console.log(JSON.stringify(line));
  return line;
}

type Mode = 'addon' | 'addonless';

/** glibc malloc settings of the Docker image and the systemd unit (see the Dockerfile): the worker as deployed. */
export const DEPLOYED_MALLOC = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '1048576', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' };

/** The benchmark process also hosts the fake Odoo (every attachment in memory), so a worker's own memory is measured
 * in a separate `odoo-ocr sync --once` process (compiled CLI) working a mixed batch: its peak RSS (VmHWM), and the
 * peak of it with its PDF reader processes (sampled sum).
 * `malloc` sets its allocator variables (undefined ones are left out: glibc's defaults). */
async function workerProcessPeakRss(stack: Stack, pdfs: string[], receipts: string[], malloc: Record<keyof typeof DEPLOYED_MALLOC, string | undefined>): Promise<{ processMB: number; withPdfReadersMB: number } | null> {
  const cli = path.join(ROOT, 'dist', 'src', 'cli.js');
  await enqueue(stack, pdfs, 40, () => 'application/pdf');
  await enqueue(stack, receipts, receipts.length, () => 'image/jpeg'); // addon mode's stack: queued as jobs
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

/** One mode end to end on its own fake Odoo and worker: expenses (text PDFs, then receipt photos), vendor bills,
 * idle polls. Addon-less mode finds the same records by domain instead of claiming jobs. */
async function runMode(mode: Mode, scanner: Awaited<ReturnType<typeof createScanner>>, pdfs: string[], receipts: string[]) {
  const stack = await startStack({ addon: mode === 'addon' });
  try {
    const config = await stack.config({
      OCR_MODE: mode, OCR_CONCURRENCY: String(concurrency), CLAIM_BATCH: '16', RESULT_CACHE: 'false', LOG_LEVEL: 'error',
      LEASE_SECONDS: process.env.LEASE_SECONDS ?? '300', // the worker's default (the test harness shortens it to 10 s)
    }, `bench-${mode}`);
    // the scanner outlives this mode's runtime (whose close would close it)
    const runtime = await stack.runtime(config, { scanner: { scanBuffer: (d, n, c) => scanner.scanBuffer(d, n, c), ready: () => scanner.ready(), close: async () => {} } });
    const pdfCount = Number(process.env.BENCH_PDFS ?? 300);
    await enqueue(stack, pdfs, pdfCount, () => 'application/pdf');
    const text = await measure(mode, 'text-pdf', stack, () => runtime.worker.runUntilIdle(), pdfCount);

    const receiptCount = Number(process.env.BENCH_RECEIPTS ?? receipts.length);
    await enqueue(stack, receipts, receiptCount, () => 'image/jpeg');
    const scanned = await measure(mode, 'scanned-receipt', stack, () => runtime.worker.runUntilIdle(), receiptCount);

    // Vendor bills as Odoo's Upload leaves them (empty drafts with the file), with a vendor and taxes in the books.
    seedBooks(stack.fake);
    const billCount = Number(process.env.BENCH_BILLS ?? 30);
    const billDocs = [FACTURX, QUALITY_HOSTING, UBL_CREDIT_NOTE];
    for (let i = 0; i < billCount; i++) {
      const { billId, attachmentId } = uploadBill(stack, billDocs[i % billDocs.length]!);
      stack.jobs?.enqueue({ attachmentId, resModel: 'account.move', resId: billId });
    }
    const billRun = billCount ? await measure(mode, 'vendor-bill', stack, () => runtime.worker.runUntilIdle(), billCount) : null;

    stack.fake.resetCalls();
    const idlePolls = 5;
    for (let i = 0; i < idlePolls; i++) await runtime.worker.runUntilIdle();
    const rpcsPerIdlePoll = stack.fake.calls.length / idlePolls;
    await runtime.worker.stop(1000);
    const memory = mode === 'addon' && process.env.BENCH_RSS !== '0'
      ? {
        workerProcessPeakRssMB: await workerProcessPeakRss(stack, pdfs, receipts, DEPLOYED_MALLOC),
        workerProcessPeakRssDefaultMallocMB: await workerProcessPeakRss(stack, pdfs, receipts, { MALLOC_ARENA_MAX: undefined, MALLOC_MMAP_THRESHOLD_: undefined, GLIBC_TUNABLES: undefined }),
      }
      : {};
    return {
      textPdfsPerMinute: text.docsPerMinute, scannedReceiptsPerMinute: scanned.docsPerMinute,
      rpcsPerExpense: +((text.rpcsPerDocument * pdfCount + scanned.rpcsPerDocument * receiptCount) / (pdfCount + receiptCount)).toFixed(2),
      rpcsPerVendorBill: billRun?.rpcsPerDocument ?? null,
      rpcsPerIdlePoll, ...memory,
    };
  } finally {
    await stack.close();
  }
}

const modes = (process.env.BENCH_MODES ?? 'addon,addonless').split(',').map((m) => m.trim()).filter((m): m is Mode => m === 'addon' || m === 'addonless');
const scanner = await createScanner({ langs: ['eng'], ocrWorkers: concurrency });
try {
  await scanner.whenReady(); // steady state: the OCR pool's start-up is not part of the throughput
  const pdfs = (await Promise.all(PDF_DIRS.map((d) => filesIn(d, /\.pdf$/)))).flat();
  const receipts = await filesIn(RECEIPT_DIR, /\.jpg$/);
  const byMode: Record<string, unknown> = {};
  for (const mode of modes) byMode[mode] = await runMode(mode, scanner, pdfs, receipts);
  const summary = {
    cores: os.availableParallelism(), ocrConcurrency: concurrency, ...byMode,
    benchProcessPeakRssMB: Math.round(peakRss / 1048576),
    targets: { textPdfsPerMinute: 600, scannedReceiptsPerMinute: 40, rpcsPerDocument: 4, rpcsPerIdlePoll: 1, workerProcessPeakRssMB: 600 },
  };
  console.log(JSON.stringify(summary, null, 2));
} finally {
  await scanner.close();
}
