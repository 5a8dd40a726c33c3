import type { Readiness } from '../http.js';
import type { Outcome } from '../metrics.js';
import type { DocumentReader } from './document-reader.js';
import type { OdooGate } from './odoo-gate.js';
import type { WorkerMode } from './types.js';

// What /ready and /health say about a worker: readiness from what it already knows, one cheap probe of Odoo when
// that knowledge may be older than an outage, and the health JSON (queues, totals, Odoo, cache, memory).

/** /ready asks Odoo itself (one cheap RPC) when the worker has not heard from it for a poll interval, at most this. */
const READY_PROBE_AFTER_MS = 10_000;
/** ...and waits this long at most for the answer: a probe must answer quickly. */
const READY_PROBE_TIMEOUT_MS = 2_000;

/** How the worker's polls went: the health report's view of Odoo, and the poll loop's backoff. */
export class PollRecord {
  lastAt: number | null = null;
  lastError: string | null = null;
  consecutiveFailures = 0;
  idle = 0;

  succeeded(found: number): void {
    this.lastAt = Date.now();
    this.lastError = null;
    this.consecutiveFailures = 0;
    if (found === 0) this.idle++;
  }

  failed(error: string): void {
    this.consecutiveFailures++;
    this.lastError = error;
  }
}

/** The worker as the report sees it, read at the moment of each report. */
export interface WorkerState {
  readonly mode: WorkerMode;
  readonly stopping: boolean;
  readonly heldCount: number;
  readonly capacity: number;
  readonly totals: Record<Outcome, number>;
  readonly polls: PollRecord;
}

export interface HealthOptions {
  gate: OdooGate;
  reader: DocumentReader;
  workerId: string;
  ocrConcurrency: number;
  pollIntervalSeconds: number;
  cron?: string;
  version?: string;
}

export class HealthReport {
  private readonly startedAt = Date.now();
  private probe: Promise<boolean> | null = null;

  constructor(private readonly worker: WorkerState, private readonly opts: HealthOptions) {}

  /** Readiness from what the worker already knows (no RPC). */
  readinessNow(): Readiness {
    const reasons: string[] = [];
    if (!this.opts.reader.scanner.ready()) reasons.push('ocr pool loading');
    if (!this.opts.gate.reachable || this.worker.polls.consecutiveFailures > 0) reasons.push('odoo unreachable');
    if (this.worker.stopping) reasons.push('shutting down');
    return { ready: reasons.length === 0, reasons };
  }

  /**
   * Readiness for /ready. An idle worker talks to Odoo once per poll interval, so what it knows may be older than
   * an outage: when Odoo has not been heard from for a while, one cheap RPC (shared by concurrent probes) says
   * whether it answers now.
   */
  async readiness(): Promise<Readiness> {
    const probeAfterMs = Math.min(READY_PROBE_AFTER_MS, this.opts.pollIntervalSeconds * 1000);
    if (!this.worker.stopping && Date.now() - this.opts.gate.lastContactAt > probeAfterMs) {
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
    const { gate, reader } = this.opts;
    const { polls } = this.worker;
    const mem = process.memoryUsage();
    return {
      status: this.readinessNow().ready ? 'ok' : 'degraded',
      version: this.opts.version ?? 'unknown',
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      mode: this.worker.mode,
      workerId: this.opts.workerId,
      schedule: this.opts.cron ? { cron: this.opts.cron } : { intervalSeconds: this.opts.pollIntervalSeconds },
      jobs: { held: this.worker.heldCount, capacity: this.worker.capacity, totals: this.worker.totals, idlePolls: polls.idle },
      queues: {
        ocr: { waiting: reader.ocrQueue.size, running: reader.ocrQueue.pending, concurrency: this.opts.ocrConcurrency },
        odoo: { waiting: gate.queue.size, running: gate.queue.pending },
      },
      ocrPool: { ready: reader.scanner.ready(), state: reader.scanner.poolState?.() },
      odoo: { reachable: gate.reachable, rpcs: gate.rpcCount, lastPollAt: polls.lastAt && new Date(polls.lastAt).toISOString(), lastError: polls.lastError ?? gate.lastError },
      cache: reader.cacheCounts,
      memory: { rssMB: Math.round(mem.rss / 1048576), heapUsedMB: Math.round(mem.heapUsed / 1048576) },
    };
  }
}
