import cron, { type ScheduledTask } from 'node-cron';
import type { RetryConfig } from '../config.js';
import type { Readiness } from '../http.js';
import type { Logger } from '../log.js';
import type { Outcome, WorkerMetrics } from '../metrics.js';
import type { VendorMemory } from '../memory/index.js';
import { retryDelay, sleep } from './backoff.js';
import { DocumentReader, type WorkerScanner } from './document-reader.js';
import { describeError } from './errors.js';
import { HealthReport, PollRecord } from './health.js';
import { LeaseKeeper } from './lease-keeper.js';
import type { OdooGate } from './odoo-gate.js';
import { ItemProcessor, type ItemOutcome, type ItemWriteBack } from './process-item.js';
import type { ResultCache } from './result-cache.js';
import type { WorkItem, WorkSource } from './types.js';

// The worker loop. It holds at most `batchSize + ocrConcurrency` documents: a new batch is claimed when the OCR
// queue is about to run dry, so claims stay batched (few RPCs per document) and OCR never waits for Odoo. Only
// 2 × ocrConcurrency of them have their bytes in memory at a time (being read, or downloaded and next in line):
// the rest of a batch waits as leases only, not as base64 answers and decoded files.
// Busy with less than a full pipeline: one fetch per finished document. Idle: one fetch per interval (+ jitter).
// Odoo down: the fetch fails, the loop backs off and tries again forever.
// One poll step (pollStep) serves the daemon's loop, runUntilIdle and so each cron tick; they differ only in what
// they do when nothing came. Each document then goes its way in ItemProcessor (process-item.ts): the source hands
// it over, the scanner reads it (document-reader.ts: result cache, OCR queue), the write-back plans the values and
// the source completes it. /ready and /health are health.ts.

export interface WorkerOptions {
  /** where documents come from and where their results go: addon jobs or the addon-less ledger */
  source: WorkSource;
  /** Odoo, behind the worker's gate (bounded concurrency, retries) */
  gate: OdooGate;
  scanner: WorkerScanner;
  /** plans the values to write under the write policy */
  writeBack: ItemWriteBack;
  logger: Logger;
  metrics?: WorkerMetrics;
  /** the result cache (none while the vendor memory is on: a result then depends on what the memory learned) */
  cache?: ResultCache | null;
  /** the vendor memory: each document meets its company's profiles (src/memory) */
  memory?: VendorMemory | null;
  workerId: string;
  ocrConcurrency: number;
  batchSize: number;
  leaseSeconds: number;
  maxBytes: number;
  pollIntervalSeconds: number;
  pollJitter: number;
  cron?: string;
  retry: RetryConfig;
  version?: string;
}

export interface RunSummary {
  done: number;
  review: number;
  failed: number;
  retry: number;
  lost: number;
  released: number;
  fetchErrors: number;
  /** True when every document fetched reached done or review and every fetch worked. */
  allSucceeded: boolean;
}

type Counts = Record<Outcome, number>;
const zeroCounts = (): Counts => ({ done: 0, review: 0, failed: 0, retry: 0, released: 0, lost: 0 });

export class Worker {
  private readonly reader: DocumentReader;
  private readonly processor: ItemProcessor;
  private readonly report: HealthReport;
  private readonly inFlight = new Map<string, { item: WorkItem; promise: Promise<ItemOutcome> }>();
  private readonly leases: LeaseKeeper;
  private readonly stopController = new AbortController();
  private wakeController = new AbortController();
  private slotWaiters: Array<() => void> = [];
  private cronTask: ScheduledTask | null = null;
  private loopPromise: Promise<void> | null = null;
  private readonly polls = new PollRecord();
  readonly totals = zeroCounts();
  private readonly itemListeners: Array<(item: WorkItem, outcome: ItemOutcome) => void> = [];
  stopping = false;
  /** The last poll found fewer documents than it asked for from a source where that means none are left. */
  private foundAll = false;
  /** Loops polling now (daemon or runUntilIdle): only then may a complete() claim ahead. */
  private polling = 0;

  constructor(private readonly opts: WorkerOptions) {
    this.reader = new DocumentReader(opts.scanner, {
      ocrConcurrency: opts.ocrConcurrency, cache: opts.cache, memory: opts.memory, metrics: opts.metrics, onQueued: () => this.updateQueueGauges(),
    });
    this.processor = new ItemProcessor(
      { source: opts.source, odoo: opts.gate, scanner: this.reader, writeBack: opts.writeBack },
      {
        maxBytes: opts.maxBytes, logger: opts.logger, metrics: opts.metrics, retry: opts.retry, signal: this.stopController.signal,
        // only 2 × ocrConcurrency documents have their bytes in memory (being read, or downloaded and next in line)
        bytesAtOnce: 2 * opts.ocrConcurrency,
      },
    );
    const worker = this;
    this.report = new HealthReport(
      {
        mode: opts.source.mode, polls: this.polls, totals: this.totals,
        get stopping() { return worker.stopping; },
        get heldCount() { return worker.inFlight.size; },
        get capacity() { return worker.capacity; },
      },
      { gate: opts.gate, reader: this.reader, workerId: opts.workerId, ocrConcurrency: opts.ocrConcurrency, pollIntervalSeconds: opts.pollIntervalSeconds, cron: opts.cron, version: opts.version },
    );
    this.leases = new LeaseKeeper(opts.source, () => this.held, opts.leaseSeconds, opts.logger, opts.retry);
    opts.source.planClaims?.((finishing) => this.claimAfter(finishing));
  }

  /** How many jobs the poll step will claim once `finishing` is done (0: none), while a loop is there to take them:
   * the document's complete() can then claim them itself. */
  private claimAfter(finishing: WorkItem): number {
    if (this.polling === 0 || this.stopping) return 0;
    // the documents that stay: not this one, nor the others whose complete()/fail() is under way
    let left = 0;
    for (const { item } of this.inFlight.values()) if (item !== finishing && !item.finishing) left++;
    return left <= this.opts.ocrConcurrency ? this.capacity - left : 0;
  }

  get mode() {
    return this.opts.source.mode;
  }
  get capacity(): number {
    return this.opts.batchSize + this.opts.ocrConcurrency;
  }
  get held(): WorkItem[] {
    return [...this.inFlight.values()].map((f) => f.item);
  }
  /** Polls that found nothing. */
  get idlePolls(): number {
    return this.polls.idle;
  }

  private dispatch(item: WorkItem): void {
    const promise = this.processor.process(item).then((outcome) => {
      // 'released' documents were counted by stop() when it handed them back (they may never finish).
      if (outcome.outcome !== 'released') this.totals[outcome.outcome]++;
      for (const listener of this.itemListeners) listener(item, outcome);
      return outcome;
    });
    this.inFlight.set(item.key, { item, promise });
    this.updateQueueGauges();
    void promise.finally(() => {
      this.inFlight.delete(item.key);
      this.updateQueueGauges();
      const waiters = this.slotWaiters;
      this.slotWaiters = [];
      for (const wake of waiters) wake();
    });
  }

  private updateQueueGauges(): void {
    const m = this.opts.metrics;
    if (!m) return;
    m.queueDepth.set({ queue: 'ocr' }, this.reader.ocrQueue.size);
    m.queueDepth.set({ queue: 'odoo' }, this.opts.gate.queue.size);
    m.inFlight.set(this.inFlight.size);
  }

  /** Resolves when a held document finishes (or at once when none is held). */
  private nextCompletion(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.slotWaiters.push(resolve));
  }

  /** Waits until the OCR pipeline is about to run dry, so the next claim is a full batch; after a poll that found
   * all there was (shortMeansEmpty), until the batch is done: asking sooner would find nothing (an RPC per model). */
  private async waitForRoom(): Promise<void> {
    const room = this.foundAll ? 0 : this.opts.ocrConcurrency;
    while (this.inFlight.size > room && !this.stopping) await this.nextCompletion();
  }

  /**
   * The poll step of the daemon and of runUntilIdle alike: waits for room in the pipeline, fetches (one RPC in
   * addon mode) and hands each document to the pipeline. Says how many documents came, 'failed' when the fetch
   * failed (counted, logged; the caller backs off with pollBackoff) or 'stopped'.
   */
  private async pollStep(): Promise<number | 'failed' | 'stopped'> {
    await this.waitForRoom();
    if (this.stopping) return 'stopped';
    const want = this.capacity - this.inFlight.size;
    let items: WorkItem[];
    try {
      items = await this.opts.source.fetch(want);
    } catch (err) {
      this.polls.failed(describeError(err));
      this.opts.metrics?.polls.inc({ result: 'error' });
      this.opts.logger.warn('poll failed; backing off', { error: this.polls.lastError, failures: this.polls.consecutiveFailures });
      return 'failed';
    }
    this.polls.succeeded(items.length);
    this.foundAll = this.opts.source.shortMeansEmpty === true && items.length < want;
    this.opts.metrics?.polls.inc({ result: items.length ? 'work' : 'idle' });
    for (const item of items) this.dispatch(item);
    return items.length;
  }

  /** The wait after a failed fetch: grows with the failures in a row (RETRY_*), cut short by stop(). */
  private pollBackoff(): Promise<boolean> {
    return sleep(retryDelay(this.polls.consecutiveFailures, this.opts.retry, 0.2), this.stopController.signal);
  }

  /** Daemon: polls on the interval (or the cron schedule, each tick a runUntilIdle) until stop(). */
  start(): void {
    if (this.loopPromise || this.cronTask) return;
    this.leases.start();
    if (this.opts.cron) {
      this.cronTask = cron.schedule(this.opts.cron, () => this.runUntilIdle().then(() => undefined), { noOverlap: true, name: 'odoo-ocr-poll' });
      this.opts.logger.info('worker started', { mode: this.mode, workerId: this.opts.workerId, cron: this.opts.cron });
      return;
    }
    this.opts.logger.info('worker started', { mode: this.mode, workerId: this.opts.workerId, pollSeconds: this.opts.pollIntervalSeconds });
    this.loopPromise = this.loop();
  }

  private async loop(): Promise<void> {
    this.polling++;
    try {
      await this.loopSteps();
    } finally {
      this.polling--;
    }
  }

  private async loopSteps(): Promise<void> {
    let askedAfterCompletion = false;
    while (!this.stopping) {
      const fetched = await this.pollStep();
      if (fetched === 'stopped') break;
      if (fetched === 'failed') {
        await this.pollBackoff();
        continue;
      }
      if (fetched > 0 && this.inFlight.size >= this.opts.ocrConcurrency) askedAfterCompletion = false;
      if (fetched === 0 || this.inFlight.size < this.opts.ocrConcurrency) {
        // Less than a full OCR pipeline came back. While documents are in flight, ask again when one is done: the
        // claim may have been capped to this worker's share of a limited channel, and the share frees as ours
        // finish (an idle interval here would leave the worker at a fraction of its speed). Nothing even then: the
        // queue is empty, wait the interval as when idle (one empty claim per drained batch, not per document).
        if (this.inFlight.size > 0 && !this.stopping && !(askedAfterCompletion && fetched === 0)) {
          await this.nextCompletion();
          askedAfterCompletion = true;
          continue;
        }
        askedAfterCompletion = false;
        const jitter = 1 + this.opts.pollJitter * Math.random();
        this.wakeController = new AbortController();
        const signal = AbortSignal.any([this.stopController.signal, this.wakeController.signal]);
        await sleep(this.opts.pollIntervalSeconds * 1000 * jitter, signal);
      }
    }
  }

  /** Called after each document (progress bars, tests). */
  onItem(listener: (item: WorkItem, outcome: ItemOutcome) => void): void {
    this.itemListeners.push(listener);
  }

  /** Polls now instead of at the end of the current wait (used after a requeue). */
  wake(): void {
    this.wakeController.abort();
  }

  /**
   * Processes what is pending and returns when nothing is left (sync --once, rerun --now, each cron tick).
   * A fetch that keeps failing ends the run after the configured retries instead of waiting forever.
   */
  async runUntilIdle(): Promise<RunSummary> {
    this.polling++;
    try {
      return await this.untilIdle();
    } finally {
      this.polling--;
    }
  }

  private async untilIdle(): Promise<RunSummary> {
    const before = { ...this.totals };
    let fetchErrors = 0;
    let askedAfterCompletion = false;
    this.leases.start();
    while (!this.stopping) {
      const fetched = await this.pollStep();
      if (fetched === 'stopped') break;
      if (fetched === 'failed') {
        fetchErrors++;
        if (this.polls.consecutiveFailures >= this.opts.retry.attempts) break;
        await this.pollBackoff();
        continue;
      }
      if (fetched > 0) {
        askedAfterCompletion = false;
      } else {
        if (this.inFlight.size === 0) break;
        // A finishing document may free a share of a limited channel or a retry: ask once when one finishes. Nothing
        // even then: the queue is dry, ask again only when the batch is done (as the daemon loop does), not after
        // every document (each empty poll costs an RPC, addon-less one per model).
        if (askedAfterCompletion) {
          while (this.inFlight.size > 0 && !this.stopping) await this.nextCompletion();
        } else {
          await this.nextCompletion();
        }
        askedAfterCompletion = true;
      }
    }
    await Promise.allSettled([...this.inFlight.values()].map((f) => f.promise));
    const delta = Object.fromEntries(Object.entries(this.totals).map(([k, v]) => [k, v - before[k as Outcome]])) as Counts;
    return {
      ...delta,
      fetchErrors,
      allSucceeded: fetchErrors === 0 && delta.failed + delta.retry + delta.lost + delta.released === 0,
    };
  }
  /**
   * Graceful stop: no new work; in-flight documents get `graceMs` to finish, the rest are handed back
   * (addon: failed as retryable so another worker takes them now; addon-less: back to the ledger).
   */
  async stop(graceMs: number): Promise<{ finished: number; released: number }> {
    this.stopping = true;
    this.stopController.abort();
    // The loop may be waiting for a held document to finish (waitForRoom): let it see `stopping` now, or a scan that
    // never ends would keep stop() from returning after the deadline.
    for (const wake of this.slotWaiters.splice(0)) wake();
    await this.cronTask?.stop();
    const pending = [...this.inFlight.values()];
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    await Promise.race([Promise.allSettled(pending.map((p) => p.promise)), deadline]);
    clearTimeout(timer);
    const left = [...this.inFlight.values()].map((f) => f.item);
    for (const item of left) item.abandoned = 'released';
    if (left.length) this.opts.logger.warn('shutdown deadline reached; releasing unfinished jobs', { jobs: left.map((i) => i.key) });
    // also when none is left: the source may hold leases a last complete() claimed that no poll took
    await this.opts.source.release(left).catch((err) => this.opts.logger.error('release failed', { error: describeError(err) }));
    this.totals.released += left.length;
    this.leases.stop();
    for (const wake of this.slotWaiters.splice(0)) wake(); // a loop that began waiting for a document since
    await this.loopPromise;
    this.reader.ocrQueue.clear();
    return { finished: pending.length - left.length, released: left.length };
  }

  /** Readiness from what the worker already knows (no RPC). */
  readinessNow(): Readiness {
    return this.report.readinessNow();
  }

  /** Readiness for /ready: may ask Odoo once when it has not been heard from for a while (health.ts). */
  readiness(): Promise<Readiness> {
    return this.report.readiness();
  }

  /** The /health JSON. */
  health(): Record<string, unknown> {
    return this.report.health();
  }
}
