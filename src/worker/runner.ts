import { createHash } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import PQueue from 'p-queue';
import type { RetryConfig } from '../config.js';
import type { ScanResult } from '../contract.js';
import type { Readiness } from '../http.js';
import type { Logger } from '../log.js';
import type { Outcome, WorkerMetrics } from '../metrics.js';
import type { WritePolicy } from '../writeback/types.js';
import { backoffDelay, sleep } from './backoff.js';
import { describeError } from './errors.js';
import { LeaseKeeper } from './lease-keeper.js';
import type { OdooGate } from './odoo-gate.js';
import { processItem, type ItemOutcome } from './process-item.js';
import type { ResultCache } from './result-cache.js';
import type { VendorMemory } from '../memory/index.js';
import { companyKey } from './memory-learner.js';
import type { PrepareFn, ScanFn, WorkItem, WorkSource } from './types.js';

// The worker loop. It holds at most `batchSize + ocrConcurrency` documents: a new batch is claimed when the OCR
// queue is about to run dry, so claims stay batched (few RPCs per document) and OCR never waits for Odoo. Only
// 2 × ocrConcurrency of them have their bytes in memory at a time (being read, or downloaded and next in line):
// the rest of a batch waits as leases only, not as base64 answers and decoded files.
// Busy with less than a full pipeline: one fetch per finished document. Idle: one fetch per interval (+ jitter).
// Odoo down: the fetch fails, the loop backs off and tries again forever.

export interface WorkerScanner {
  scanBuffer: ScanFn;
  ready(): boolean;
  poolState?(): unknown;
  close?(): Promise<void>;
}

export interface WorkerOptions {
  source: WorkSource;
  gate: OdooGate;
  scanner: WorkerScanner;
  prepare: PrepareFn;
  policy: WritePolicy;
  logger: Logger;
  metrics?: WorkerMetrics;
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

/** /ready asks Odoo itself (one cheap RPC) when the worker has not heard from it for a poll interval, at most this. */
const READY_PROBE_AFTER_MS = 10_000;
/** ...and waits this long at most for the answer: a probe must answer quickly. */
const READY_PROBE_TIMEOUT_MS = 2_000;

type Counts = Record<Outcome, number>;
const zeroCounts = (): Counts => ({ done: 0, review: 0, failed: 0, retry: 0, released: 0, lost: 0 });

export class Worker {
  private readonly ocrQueue: PQueue;
  /** Documents whose bytes are in memory: downloaded and being read, or next in line for OCR. */
  private readonly bytesQueue: PQueue;
  private readonly inFlight = new Map<string, { item: WorkItem; promise: Promise<ItemOutcome> }>();
  private readonly leases: LeaseKeeper;
  private readonly stopController = new AbortController();
  private wakeController = new AbortController();
  private slotWaiters: Array<() => void> = [];
  private cronTask: ScheduledTask | null = null;
  private loopPromise: Promise<void> | null = null;
  private readonly startedAt = Date.now();
  private lastPollAt: number | null = null;
  private lastPollError: string | null = null;
  private consecutivePollFailures = 0;
  private probe: Promise<boolean> | null = null;
  readonly totals = zeroCounts();
  private readonly itemListeners: Array<(item: WorkItem, outcome: ItemOutcome) => void> = [];
  idlePolls = 0;
  stopping = false;

  constructor(private readonly opts: WorkerOptions) {
    this.ocrQueue = new PQueue({ concurrency: opts.ocrConcurrency });
    this.bytesQueue = new PQueue({ concurrency: 2 * opts.ocrConcurrency });
    this.leases = new LeaseKeeper(opts.source, () => [...this.inFlight.values()].map((f) => f.item), opts.leaseSeconds, opts.logger, opts.retry);
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

  /** Reads a document through the result cache and the OCR queue. */
  private readonly read = async (data: Buffer, name: string, item?: WorkItem): Promise<ScanResult> => {
    const memory = this.opts.memory;
    if (memory) {
      // a result depends on what the vendor's profile has learned since, so the result cache is not used
      this.updateQueueGauges();
      const company = companyKey(item?.target.companyId ?? null);
      const result = await this.ocrQueue.add(() => this.opts.scanner.scanBuffer(data, name, { memory: { memory, company } }));
      this.opts.metrics?.ocrSeconds.observe({ source: result.source ?? 'error' }, result.timings_ms.total / 1000);
      return result;
    }
    const sha256 = createHash('sha256').update(data).digest('hex');
    const cached = this.opts.cache?.get(sha256, name);
    if (cached) {
      this.opts.metrics?.cacheHits.inc();
      return cached;
    }
    this.updateQueueGauges();
    const result = await this.ocrQueue.add(() => this.opts.scanner.scanBuffer(data, name));
    this.opts.metrics?.ocrSeconds.observe({ source: result.source ?? 'error' }, result.timings_ms.total / 1000);
    this.opts.cache?.put(sha256, result);
    return result;
  };

  private dispatch(item: WorkItem): void {
    const promise = processItem(item, {
      source: this.opts.source,
      odoo: this.opts.gate,
      read: this.read,
      withBytes: (work) => this.bytesQueue.add(work),
      prepare: this.opts.prepare,
      policy: this.opts.policy,
      maxBytes: this.opts.maxBytes,
      logger: this.opts.logger,
      metrics: this.opts.metrics,
      retry: this.opts.retry,
      signal: this.stopController.signal,
    }).then((outcome) => {
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
    m.queueDepth.set({ queue: 'ocr' }, this.ocrQueue.size);
    m.queueDepth.set({ queue: 'odoo' }, this.opts.gate.queue.size);
    m.inFlight.set(this.inFlight.size);
  }

  /** Resolves when a held document finishes (or at once when none is held). */
  private nextCompletion(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.slotWaiters.push(resolve));
  }

  /** Waits until the OCR pipeline is about to run dry, so the next claim is a full batch. */
  private async waitForRoom(): Promise<void> {
    while (this.inFlight.size > this.opts.ocrConcurrency && !this.stopping) await this.nextCompletion();
  }

  /** One fetch; null when it failed (counted, logged, backed off by the caller). */
  private async fetchOnce(): Promise<WorkItem[] | null> {
    const want = this.capacity - this.inFlight.size;
    try {
      const items = await this.opts.source.fetch(want);
      this.lastPollAt = Date.now();
      this.lastPollError = null;
      this.consecutivePollFailures = 0;
      if (items.length === 0) this.idlePolls++;
      this.opts.metrics?.polls.inc({ result: items.length ? 'work' : 'idle' });
      return items;
    } catch (err) {
      this.consecutivePollFailures++;
      this.lastPollError = describeError(err);
      this.opts.metrics?.polls.inc({ result: 'error' });
      this.opts.logger.warn('poll failed; backing off', { error: this.lastPollError, failures: this.consecutivePollFailures });
      return null;
    }
  }

  /** Daemon: polls on the interval (or the cron schedule) until stop(). */
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
    let askedAfterCompletion = false;
    while (!this.stopping) {
      await this.waitForRoom();
      if (this.stopping) break;
      const items = await this.fetchOnce();
      if (items === null) {
        await sleep(backoffDelay(this.consecutivePollFailures, this.opts.retry, 0.2), this.stopController.signal);
        continue;
      }
      for (const item of items) this.dispatch(item);
      if (items.length > 0 && this.inFlight.size >= this.opts.ocrConcurrency) askedAfterCompletion = false;
      if (items.length === 0 || this.inFlight.size < this.opts.ocrConcurrency) {
        // Less than a full OCR pipeline came back. While documents are in flight, ask again when one is done: the
        // claim may have been capped to this worker's share of a limited channel, and the share frees as ours
        // finish (an idle interval here would leave the worker at a fraction of its speed). Nothing even then: the
        // queue is empty, wait the interval as when idle (one empty claim per drained batch, not per document).
        if (this.inFlight.size > 0 && !this.stopping && !(askedAfterCompletion && items.length === 0)) {
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
    const before = { ...this.totals };
    let fetchErrors = 0;
    this.leases.start();
    while (!this.stopping) {
      await this.waitForRoom();
      if (this.stopping) break;
      const items = await this.fetchOnce();
      if (items === null) {
        fetchErrors++;
        if (this.consecutivePollFailures >= this.opts.retry.attempts) break;
        await sleep(backoffDelay(this.consecutivePollFailures, this.opts.retry, 0.2), this.stopController.signal);
        continue;
      }
      for (const item of items) this.dispatch(item);
      if (items.length === 0) {
        if (this.inFlight.size === 0) break;
        await this.nextCompletion(); // a finishing document may free a retry or reveal more work
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
    if (left.length) {
      this.opts.logger.warn('shutdown deadline reached; releasing unfinished jobs', { jobs: left.map((i) => i.key) });
      await this.opts.source.release(left).catch((err) => this.opts.logger.error('release failed', { error: describeError(err) }));
      this.totals.released += left.length;
    }
    this.leases.stop();
    for (const wake of this.slotWaiters.splice(0)) wake(); // a loop that began waiting for a document since
    await this.loopPromise;
    this.ocrQueue.clear();
    return { finished: pending.length - left.length, released: left.length };
  }

  /** Readiness from what the worker already knows (no RPC). */
  readinessNow(): Readiness {
    const reasons: string[] = [];
    if (!this.opts.scanner.ready()) reasons.push('ocr pool loading');
    if (!this.opts.gate.reachable || this.consecutivePollFailures > 0) reasons.push('odoo unreachable');
    if (this.stopping) reasons.push('shutting down');
    return { ready: reasons.length === 0, reasons };
  }

  /**
   * Readiness for /ready. An idle worker talks to Odoo once per poll interval, so what it knows may be older than
   * an outage: when Odoo has not been heard from for a while, one cheap RPC (shared by concurrent probes) says
   * whether it answers now.
   */
  async readiness(): Promise<Readiness> {
    const probeAfterMs = Math.min(READY_PROBE_AFTER_MS, this.opts.pollIntervalSeconds * 1000);
    if (!this.stopping && Date.now() - this.opts.gate.lastContactAt > probeAfterMs) {
      this.probe ??= this.opts.gate.ping(READY_PROBE_TIMEOUT_MS).finally(() => {
        this.probe = null;
      });
      const answered = await this.probe;
      const now = this.readinessNow();
      if (answered) return now;
      return { ready: false, reasons: [...new Set([...now.reasons, 'odoo unreachable'])] };
    }
    return this.readinessNow();
  }

  health(): Record<string, unknown> {
    const mem = process.memoryUsage();
    return {
      status: this.readinessNow().ready ? 'ok' : 'degraded',
      version: this.opts.version ?? 'unknown',
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      mode: this.mode,
      workerId: this.opts.workerId,
      schedule: this.opts.cron ? { cron: this.opts.cron } : { intervalSeconds: this.opts.pollIntervalSeconds },
      jobs: { held: this.inFlight.size, capacity: this.capacity, totals: this.totals, idlePolls: this.idlePolls },
      queues: {
        ocr: { waiting: this.ocrQueue.size, running: this.ocrQueue.pending, concurrency: this.opts.ocrConcurrency },
        odoo: { waiting: this.opts.gate.queue.size, running: this.opts.gate.queue.pending },
      },
      ocrPool: { ready: this.opts.scanner.ready(), state: this.opts.scanner.poolState?.() },
      odoo: { reachable: this.opts.gate.reachable, rpcs: this.opts.gate.rpcCount, lastPollAt: this.lastPollAt && new Date(this.lastPollAt).toISOString(), lastError: this.lastPollError ?? this.opts.gate.lastError },
      cache: this.opts.cache ? { hits: this.opts.cache.hits, misses: this.opts.cache.misses } : null,
      memory: { rssMB: Math.round(mem.rss / 1048576), heapUsedMB: Math.round(mem.heapUsed / 1048576) },
    };
  }
}
