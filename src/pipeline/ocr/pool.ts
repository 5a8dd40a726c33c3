import os from 'node:os';
import PQueue from 'p-queue';
import Tesseract from 'tesseract.js';
import type { TextLine } from '../document.js';
import { prepareLangDir } from './tessdata.js';

// A pool of tesseract.js workers: one WASM worker thread per core, since OCR is CPU-bound and single-threaded per
// worker. tesseract.js' own Scheduler cannot set Tesseract parameters per job (only per worker, out of band), and the
// page segmentation mode must follow the document's layout (a receipt strip vs a page), so jobs go through a p-queue
// bounded to the pool size and each takes an idle worker, switching its mode only when needed.
// The pool starts loading in the background so a server can answer /live at once.

/** Tesseract page segmentation modes we use: 3 = automatic layout (pages), 6 = one uniform block (receipts). */
export type PageSegMode = '3' | '6';

export interface OcrPoolOptions {
  langs: string[];
  workers?: number;
}

export interface OcrOutput {
  text: string;
  confidence: number; // mean line confidence, [0,1]
  lines: TextLine[];
}

export interface Orientation {
  degrees: number; // clockwise rotation needed to make the text upright: 0, 90, 180, 270
  confidence: number;
}

export class OcrPool {
  readonly langs: string[];
  readonly size: number;
  private readonly workers: Tesseract.Worker[] = [];
  private readonly idle: Array<{ worker: Tesseract.Worker; psm: PageSegMode }> = [];
  private readonly queue: PQueue;
  private readonly loading: Promise<void>;
  private loaded = false;
  private loadError: Error | null = null;
  private osdWorker: Promise<Tesseract.Worker> | null = null;
  private langDir: string;
  private busy = 0;

  constructor(opts: OcrPoolOptions) {
    this.langs = opts.langs;
    this.size = Math.max(1, opts.workers ?? defaultPoolSize());
    this.queue = new PQueue({ concurrency: this.size });
    this.langDir = prepareLangDir(this.langs);
    this.loading = this.start();
    this.loading.catch(() => undefined); // surfaced through ready()/recognize()
  }

  private async start(): Promise<void> {
    try {
      const created = await Promise.all(
        Array.from({ length: this.size }, () =>
          Tesseract.createWorker(this.langs.join('+'), Tesseract.OEM.LSTM_ONLY, {
            langPath: this.langDir,
            cacheMethod: 'none',
            gzip: true,
            logger: () => undefined,
            errorHandler: () => undefined,
          }),
        ),
      );
      for (const worker of created) {
        await worker.setParameters({ preserve_interword_spaces: '1', tessedit_pageseg_mode: '3' as Tesseract.PSM });
        this.workers.push(worker);
        this.idle.push({ worker, psm: '3' });
      }
      this.loaded = true;
    } catch (err) {
      this.loadError = err instanceof Error ? err : new Error(String(err));
      throw this.loadError;
    }
  }

  /** True once every worker has its language data loaded. */
  get isReady(): boolean {
    return this.loaded;
  }

  get state() {
    return { size: this.size, loaded: this.loaded, busy: this.busy, queued: this.queue.size, error: this.loadError?.message ?? null };
  }

  ready(): Promise<void> {
    return this.loading;
  }

  async recognize(image: Buffer, psm: PageSegMode = '3'): Promise<OcrOutput> {
    await this.loading;
    return this.queue.add(async () => {
      const slot = this.idle.pop();
      if (!slot) throw new Error('OCR pool has no idle worker'); // cannot happen: the queue admits `size` jobs
      this.busy++;
      try {
        if (slot.psm !== psm) {
          await slot.worker.setParameters({ tessedit_pageseg_mode: psm as Tesseract.PSM });
          slot.psm = psm;
        }
        const { data } = await slot.worker.recognize(image, {}, { text: true, blocks: true });
        return toOutput(data);
      } finally {
        this.busy--;
        this.idle.push(slot);
      }
    }) as Promise<OcrOutput>;
  }

  /** Orientation by Tesseract's OSD (legacy engine). Loaded on first use only: most pages never need it. */
  async detectOrientation(image: Buffer): Promise<Orientation | null> {
    this.osdWorker ??= Tesseract.createWorker('osd', Tesseract.OEM.TESSERACT_ONLY, {
      langPath: prepareLangDir(['osd']),
      cacheMethod: 'none',
      gzip: true,
      legacyCore: true,
      legacyLang: true,
      logger: () => undefined,
      errorHandler: () => undefined,
    });
    const worker = await this.osdWorker;
    try {
      const { data } = await worker.detect(image);
      if (data.orientation_degrees == null) return null;
      return { degrees: ((data.orientation_degrees % 360) + 360) % 360, confidence: data.orientation_confidence ?? 0 };
    } catch {
      return null; // too little text to tell: keep the page as it is
    }
  }

  async close(): Promise<void> {
    await this.loading.catch(() => undefined);
    await this.queue.onIdle();
    await Promise.all(this.workers.map((w) => w.terminate().catch(() => undefined)));
    if (this.osdWorker) await (await this.osdWorker.catch(() => null))?.terminate().catch(() => undefined);
  }
}

export function defaultPoolSize(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

function toOutput(data: Tesseract.Page): OcrOutput {
  const lines: TextLine[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = line.text.replace(/\s+$/, '');
        if (!text.trim()) continue;
        lines.push({ text, confidence: clamp01(line.confidence / 100), bbox: { ...line.bbox } });
      }
    }
  }
  lines.sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
  const confidence = lines.length ? lines.reduce((sum, l) => sum + l.confidence, 0) / lines.length : 0;
  return { text: lines.map((l) => l.text).join('\n'), confidence, lines };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0));
