// Which OCR worker reads which image. A tesseract.js worker's WASM heap grows to fit the largest image it has read and
// never shrinks: ≈19 MB + 14 bytes per pixel (measured; an A4 page at 300 dpi, 8.7 MP: ≈140 MB). If any worker could
// take any image, in time every worker of the pool would hold such a heap. So images above LARGE_IMAGE_PIXELS all go
// to one worker, the large lane; the others stay small (≤ ≈60 MB at 3 MP) and take everything else, the lane too
// when no large image waits. The price: two large images are never read at the same time.

/** Images above this many pixels are read by the large lane only. Till receipts scanned at ≈150 dpi (SROIE: 0.4-2.5
 * MP) and the band re-reads of extraction's second look stay under it; full pages scanned or rendered at 300 dpi
 * (8.7 MP) and camera photos are above. */
export const LARGE_IMAGE_PIXELS = 3_000_000;

interface Waiting<S> {
  large: boolean;
  take: (slot: S) => void;
  prefers?: (slot: S) => boolean;
}

export class Lanes<S> {
  private lane: S | null = null;
  private readonly idleSmall: S[] = [];
  private laneIdle = false;
  private readonly waiting: Waiting<S>[] = [];
  private active = 0;

  constructor(private readonly largePixels = LARGE_IMAGE_PIXELS) {}

  /** Adds a worker; the first one added is the large lane. */
  add(slot: S): void {
    if (this.lane === null) {
      this.lane = slot;
      this.laneIdle = true;
    } else {
      this.idleSmall.push(slot);
    }
    this.dispatch();
  }

  /** Workers reading an image now. */
  get busy(): number {
    return this.active;
  }

  /** Images waiting for a worker. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a worker allowed to read an image of `pixels` pixels, once one is free; among the idle small
   * workers, one that `prefers` accepts (e.g. it has the right language model loaded) is taken first. */
  acquire(pixels: number, prefers?: (slot: S) => boolean): Promise<S> {
    return new Promise((take) => {
      this.waiting.push({ large: pixels > this.largePixels, take, prefers });
      this.dispatch();
    });
  }

  release(slot: S): void {
    this.active--;
    if (slot === this.lane) this.laneIdle = true;
    else this.idleSmall.push(slot);
    this.dispatch();
  }

  private dispatch(): void {
    for (let i = 0; i < this.waiting.length; ) {
      const job = this.waiting[i]!;
      const slot = job.large ? this.takeLane() : (this.takeSmall(job.prefers) ?? (this.largeWaiting() ? null : this.takeLane()));
      if (slot === null) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.active++;
      job.take(slot);
    }
  }

  private takeSmall(prefers?: (slot: S) => boolean): S | undefined {
    const at = prefers ? this.idleSmall.findIndex(prefers) : -1;
    return at >= 0 ? this.idleSmall.splice(at, 1)[0] : this.idleSmall.pop();
  }

  private takeLane(): S | null {
    if (!this.laneIdle || this.lane === null) return null;
    this.laneIdle = false;
    return this.lane;
  }

  private largeWaiting(): boolean {
    return this.waiting.some((job) => job.large);
  }
}
