import type { RetryConfig } from '../config.js';
import type { Logger } from '../log.js';
import { retryDelay } from './backoff.js';
import { describeError } from './errors.js';
import type { WorkItem, WorkSource } from './types.js';

// Keeps every held lease alive with ONE heartbeat call per half lease, however many jobs are held. A job missing
// from the answer was taken from us (our lease expired and someone re-claimed it): it is marked abandoned so its
// result is never written with a stale token. A heartbeat Odoo did not answer is tried again soon (with backoff),
// not half a lease later: after an outage the leases are renewed as soon as Odoo answers, before they run out.

export class LeaseKeeper {
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
  ) {}

  start(): void {
    if (this.timer || this.source.mode !== 'addon') return;
    this.timer = setInterval(() => void this.beat(), Math.max(1000, (this.leaseSeconds * 1000) / 2));
    this.timer.unref();
  }

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
      for (const item of items) {
        if (stillHeld.has(item.key)) {
          item.leaseUntil = sentAt + this.leaseSeconds * 1000;
        } else if (!item.abandoned && !item.finishing) {
          item.abandoned = 'lost';
          this.logger.warn('lease lost; the result of this job will not be written', { jobId: item.jobId, attachmentId: item.attachmentId });
        }
      }
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
