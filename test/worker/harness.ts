// Shared set-up of the worker's end-to-end tests: a fake Odoo (real HTTP on 127.0.0.1) with the addon's ocr.job
// API, real connector, real SQLite state in a temp directory, and the worker built exactly as the CLI builds it.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type WorkerConfig } from '../../src/config.js';
import type { ScanResult } from '../../src/contract.js';
import { emptyFields } from '../../src/contract.js';
import { silentLogger, type Logger } from '../../src/log.js';
import { createMetrics } from '../../src/metrics.js';
import { connectOdoo } from '../../src/odoo/index.js';
import type { WorkerScanner } from '../../src/worker/document-reader.js';
import { createWorkerRuntime, type WorkerRuntime } from '../../src/worker/runtime.js';
import type { WriteBack } from '../../src/worker/types.js';
import { startFakeOdoo, type FakeOdoo } from '../support/fake-odoo/index.js';
import { installFakeOcrJobs, type FakeOcrJobs, type FakeOcrJobsOptions } from '../support/fake-ocr-job.js';

export interface Stack {
  fake: FakeOdoo;
  jobs: FakeOcrJobs | null;
  stateRoot: string;
  config(overrides?: Record<string, string>, stateName?: string): Promise<WorkerConfig>;
  runtime(config: WorkerConfig, deps?: { scanner?: WorkerScanner; writeback?: WriteBack; logger?: Logger }): Promise<WorkerRuntime>;
  attach(data: Buffer, name: string, mimetype: string, resModel?: string, resId?: number): number;
  close(): Promise<void>;
}

export interface StackOptions {
  addon: boolean;
  /** Odoo apps beyond accounting the fake plays installed (purchase, stock, sale). */
  apps?: Array<'purchase' | 'stock' | 'sale'>;
  jobOptions?: FakeOcrJobsOptions;
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const fake = await startFakeOdoo({ apps: opts.apps ?? [] });
  const jobs = opts.addon ? installFakeOcrJobs(fake, { backoffSeconds: () => 0.2, ...opts.jobOptions }) : null;
  const stateRoot = await mkdtemp(path.join(os.tmpdir(), 'odoo-ocr-worker-'));
  const runtimes: WorkerRuntime[] = [];
  return {
    fake,
    jobs,
    stateRoot,
    config: (overrides = {}, stateName = 'w1') =>
      loadConfig({
        ODOO_URL: fake.url, ODOO_DB: fake.db, ODOO_USER: 'admin', ODOO_API_KEY: fake.apiKey,
        STATE_DIR: path.join(stateRoot, stateName), WORKER_ID: stateName, HTTP_PORT: '0',
        POLL_INTERVAL: '1', POLL_JITTER: '0', RETRY_INITIAL_MS: '20', RETRY_MAX_MS: '200', LEASE_SECONDS: '10',
        OCR_CONCURRENCY: '2', ...overrides,
      }),
    async runtime(config, deps = {}) {
      const runtime = await createWorkerRuntime(config, {
        logger: deps.logger ?? silentLogger(),
        metrics: createMetrics({ collectDefaults: false }),
        scanner: deps.scanner ?? cheapScanner(),
        writeback: deps.writeback,
        connect: (cfg) => connectOdoo(
          { url: cfg.odoo.url, db: cfg.odoo.db, username: cfg.odoo.user, apiKey: cfg.odoo.apiKey, timeoutMs: 10_000, retries: 0, maxConcurrency: cfg.odooConcurrency },
        ),
      });
      runtimes.push(runtime);
      return runtime;
    },
    attach(data, name, mimetype, resModel, resId) {
      const [id] = fake.seed('ir.attachment', [{ name, datas: data.toString('base64'), mimetype, res_model: resModel ?? false, res_id: resId ?? 0, type: 'binary' }]);
      return id!;
    },
    async close() {
      for (const runtime of runtimes) {
        if (!runtime.worker.stopping) await runtime.worker.stop(0);
        await runtime.close().catch(() => undefined);
      }
      await fake.close();
      await rm(stateRoot, { recursive: true, force: true });
    },
  };
}

/**
 * A synthetic document: text the cheap scanner below understands. Unique per `n`, so the result cache never
 * answers for another document (volume tests must exercise every step).
 */
export function syntheticInvoice(n: number, amount: number): Buffer {
  return Buffer.from(`%PDF-1.4\n% synthetic test invoice\nINVOICE SYN-${n}\nDATE 2026-11-${String((n % 28) + 1).padStart(2, '0')}\nTOTAL ${amount.toFixed(2)}\n%%EOF\n`);
}

/**
 * Stand-in for the OCR engine in volume tests (the real one is used in scanner.e2e.test.ts): reads the synthetic
 * format above and answers a contract-shaped ScanResult; anything else is a CORRUPT_FILE, like a broken upload.
 */
export function cheapScanner(opts: { delayMs?: number; onScan?: (name: string) => void } = {}): WorkerScanner & { scans: number } {
  const scanner = {
    scans: 0,
    ready: () => true,
    async close() {},
    async scanBuffer(data: Buffer, name: string): Promise<ScanResult> {
      scanner.scans++;
      opts.onScan?.(name);
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      const sha256 = createHash('sha256').update(data).digest('hex');
      const text = data.toString('latin1');
      const number = /INVOICE (\S+)/.exec(text)?.[1];
      const total = /TOTAL (\d+\.\d{2})/.exec(text)?.[1];
      const date = /DATE (\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
      if (!text.startsWith('%PDF') || !number || !total) {
        return { file: name, sha256, pages: 0, timings_ms: { total: 1 }, error: { code: 'CORRUPT_FILE', message: 'not a readable PDF' } };
      }
      // a synthetic document is read for sure: every value clears the default write threshold
      const fields = emptyFields();
      fields.doc_type = { value: 'invoice', confidence: 0.99 };
      fields.invoice_number = { value: number, confidence: 0.99 };
      fields.amount_total = { value: Number(total), confidence: 0.99 };
      fields.date = { value: date ?? null, confidence: date ? 0.99 : 0 };
      fields.currency = { value: 'USD', confidence: 0.99 };
      return {
        file: name, sha256, source: 'pdf-text', pages: 1, language: 'en', text: `Invoice ${number} total ${total}`, fields, lines: [],
        needs_review: false, review_reasons: [], timings_ms: { total: 1 },
      };
    },
  };
  return scanner;
}

/** Waits until `check` holds, polling; fails with `what` after `ms`. Bounded, so a broken worker fails fast. */
export async function waitFor(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
