import Tesseract from 'tesseract.js';
import { guardedWorkerPath } from './thread-guard.js';
import { prepareLangDir } from './tessdata.js';

// Orientation detection (Tesseract's OSD) needs the legacy engine: a tesseract.js worker of its own, with another
// WASM core and the osd model, ≈80 MB resident once it has run (measured in `odoo-ocr sync`). Few pages ever need
// it (only those that read badly), so the worker starts on first use and stops after a short idle time instead of
// staying for the life of the process. A burst of bad pages shares one worker; starting one again costs ≈1 s.

export interface Orientation {
  degrees: number; // clockwise rotation needed to make the text upright: 0, 90, 180, 270
  confidence: number;
}

/** How long the OSD worker outlives its last request. */
export const OSD_IDLE_MS = 5_000;

export class OrientationDetector {
  private worker: Promise<Tesseract.Worker> | null = null;
  private active = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly idleMs = OSD_IDLE_MS) {}

  /** True while the legacy worker is loaded (or loading). */
  get loaded(): boolean {
    return this.worker !== null;
  }

  /** The orientation, or null when there is too little text to tell. */
  async detect(image: Buffer): Promise<Orientation | null> {
    this.active++;
    this.cancelIdleStop();
    try {
      const worker = await this.start();
      try {
        const { data } = await worker.detect(image);
        if (data.orientation_degrees == null) return null;
        return { degrees: ((data.orientation_degrees % 360) + 360) % 360, confidence: data.orientation_confidence ?? 0 };
      } catch {
        return null; // too little text to tell: keep the page as it is
      }
    } finally {
      if (--this.active === 0) this.scheduleIdleStop();
    }
  }

  async close(): Promise<void> {
    this.cancelIdleStop();
    await this.stop();
  }

  private start(): Promise<Tesseract.Worker> {
    this.worker ??= createOsdWorker().catch((err: unknown) => {
      this.worker = null; // a failed start is retried by the next request
      throw err;
    });
    return this.worker;
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await (await worker.catch(() => null))?.terminate().catch(() => undefined);
  }

  private scheduleIdleStop(): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      void this.stop();
    }, this.idleMs);
    this.idleTimer.unref(); // an idle timer must not keep a finished process alive
  }

  private cancelIdleStop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

function createOsdWorker(): Promise<Tesseract.Worker> {
  const langPath = prepareLangDir(['osd']);
  return Tesseract.createWorker('osd', Tesseract.OEM.TESSERACT_ONLY, {
    langPath,
    workerPath: guardedWorkerPath(langPath), // one answer per job (./thread-guard.ts)
    cacheMethod: 'none',
    gzip: true,
    legacyCore: true,
    legacyLang: true,
    logger: () => undefined,
    errorHandler: () => undefined,
  });
}
