import type { Logger } from '../log.js';
import { describeError } from './errors.js';
import type { WorkItem, WorkSource } from './types.js';

// Keeps every held lease alive with ONE heartbeat call per half lease, however many jobs are held. A job missing
// from the answer was taken from us (our lease expired and someone re-claimed it): it is marked abandoned so its
// result is never written with a stale token.

export class LeaseKeeper {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  beats = 0;

  constructor(
    private readonly source: WorkSource,
    private readonly held: () => WorkItem[],
    private readonly leaseSeconds: number,
    private readonly logger: Logger,
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
    try {
      const stillHeld = await this.source.renew(items);
      this.beats++;
      for (const item of items) {
        if (!stillHeld.has(item.key) && !item.abandoned) {
          item.abandoned = 'lost';
          this.logger.warn('lease lost; the result of this job will not be written', { jobId: item.jobId, attachmentId: item.attachmentId });
        }
      }
    } catch (err) {
      // Leases outlive one missed beat (we renew at half the length); the next beat tries again.
      this.logger.warn('heartbeat failed', { error: describeError(err), jobs: items.length });
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
