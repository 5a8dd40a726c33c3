import os from 'node:os';
import Tesseract from 'tesseract.js';
import type { TextLine } from '../document.js';
import { prepareLangDir } from './tessdata.js';

// A pool of tesseract.js workers behind its scheduler: one WASM worker thread per core, since OCR is CPU-bound and
// single-threaded per worker. The pool starts loading in the background so a server can answer /live at once.

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
  private readonly scheduler = Tesseract.createScheduler();
  private readonly workers: Tesseract.Worker[] = [];
  private readonly loading: Promise<void>;
  private loaded = false;
  private loadError: Error | null = null;
  private osdWorker: Promise<Tesseract.Worker> | null = null;
  private langDir: string;
  private busy = 0;

  constructor(opts: OcrPoolOptions) {
    this.langs = opts.langs;
    this.size = Math.max(1, opts.workers ?? defaultPoolSize());
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
        await worker.setParameters({ preserve_interword_spaces: '1', user_defined_dpi: '300' });
        this.workers.push(worker);
        this.scheduler.addWorker(worker);
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
    return { size: this.size, loaded: this.loaded, busy: this.busy, queued: this.loaded ? this.scheduler.getQueueLen() : 0, error: this.loadError?.message ?? null };
  }

  ready(): Promise<void> {
    return this.loading;
  }

  async recognize(image: Buffer): Promise<OcrOutput> {
    await this.loading;
    this.busy++;
    try {
      const { data } = await this.scheduler.addJob('recognize', image, {}, { text: true, blocks: true });
      return toOutput(data);
    } finally {
      this.busy--;
    }
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
    await this.scheduler.terminate().catch(() => undefined);
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
