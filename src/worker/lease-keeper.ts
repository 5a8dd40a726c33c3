import type { RetryConfig } from '../config.js';
import type { Logger } from '../log.js';
import { retryDelay } from './backoff.js';
import { describeError } from './errors.js';
import type { LeaseRides, WorkItem, WorkSource } from './types.js';

// Keeps every held lease alive, in as few calls as it can. Leases ride along on the calls the worker makes anyway
// (addon 17.0.1.4.0: lookup and complete renew the leases sent with them) once half their time is gone; a heartbeat
// call of its own is sent only when a lease nears its end with no such call (a third of the lease left), and then
// ONE call renews every held lease, however many. A job missing from an answer was taken from us (our lease expired
// and someone re-claimed it): it is marked abandoned so its result is never written with a stale token. A heartbeat
// Odoo did not answer is tried again soon (with backoff), not at the next check: after an outage the leases are
// renewed as soon as Odoo answers, before they run out.

/** A lease is renewed by a call going to Odoo anyway once less than this share of it is left... */
const RIDE_WHEN_LEFT = 1 / 2;
/** ...and by a heartbeat of its own once less than this share is left. */
const BEAT_WHEN_LEFT = 1 / 3;
/** How often the leases' ends are looked at (a share of the lease; no RPC unless one is near its end). */
const CHECK_EVERY = 1 / 6;

export class LeaseKeeper implements LeaseRides {
  private timer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private running = false;
  private failures = 0;
  beats = 0;

  constructor(
    private readonly source: WorkSource,
    private readonly held: () => WorkItem[],
    private readonly leaseSeconds: number,
    private readonly logger: Logger,
    private readonly retry: RetryConfig,
  ) {
    source.carryLeases?.(this);
  }

  start(): void {
    if (this.timer || this.source.mode !== 'addon') return;
    this.timer = setInterval(() => void this.check(), Math.max(500, this.leaseSeconds * 1000 * CHECK_EVERY));
    this.timer.unref();
  }

  private leasesLeft(now: number): Array<{ item: WorkItem; leftMs: number }> {
    return this.held().filter((item) => !item.abandoned && !item.finishing).map((item) => ({ item, leftMs: item.leaseUntil - now }));
  }

  /** The timer's look at the leases: a heartbeat only when one nears its end. */
  async check(now = Date.now()): Promise<void> {
    if (this.leasesLeft(now).some((l) => l.leftMs < this.leaseSeconds * 1000 * BEAT_WHEN_LEFT)) await this.beat();
  }

  /** LeaseRides: the leases worth renewing on a call going to Odoo anyway (besides the one it is about). */
  due(except: WorkItem | null, now = Date.now()): WorkItem[] {
    return this.leasesLeft(now).filter((l) => l.item !== except && l.leftMs < this.leaseSeconds * 1000 * RIDE_WHEN_LEFT).map((l) => l.item);
  }

  /** LeaseRides: Odoo answered a call that carried `items`; `heldIds` are the ones still ours. */
  renewed(items: WorkItem[], heldIds: Set<number>, sentAt: number): void {
    for (const item of items) {
      if (item.jobId !== null && heldIds.has(item.jobId)) {
        item.leaseUntil = Math.max(item.leaseUntil, sentAt + this.leaseSeconds * 1000);
      } else if (!item.abandoned && !item.finishing) {
        item.abandoned = 'lost';
        this.logger.warn('lease lost; the result of this job will not be written', { jobId: item.jobId, attachmentId: item.attachmentId });
      }
    }
  }

  /** One heartbeat call for every held lease, now. */
  async beat(): Promise<void> {
    if (this.running) return; // a slow Odoo must not stack heartbeats
    const items = this.held().filter((item) => !item.abandoned);
    if (items.length === 0) return;
    this.running = true;
    const sentAt = Date.now();
    try {
      const stillHeld = await this.source.renew(items);
      this.beats++;
      this.failures = 0;
      this.renewed(items, new Set(items.filter((item) => stillHeld.has(item.key)).map((item) => item.jobId!)), sentAt);
    } catch (err) {
      this.failures++;
      const delayMs = Math.min(retryDelay(this.failures, this.retry, 0.2), (this.leaseSeconds * 1000) / 4);
      this.logger.warn('heartbeat failed; trying again soon', { error: describeError(err), jobs: items.length, delayMs });
      if (this.timer && !this.retryTimer) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          void this.beat();
        }, delayMs);
        this.retryTimer.unref();
      }
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.timer = null;
    this.retryTimer = null;
  }
}
