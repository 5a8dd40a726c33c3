import os from 'node:os';
import Tesseract from 'tesseract.js';
import type { TextLine } from '../document.js';
import { DocumentError } from '../errors.js';
import { fitWithin } from '../image.js';
import { OCR_MAX_PIXELS } from '../limits.js';
import type { OcrCache, OcrEngineName } from './cache.js';
import { DEFAULT_OCR_ENGINE, type OcrEngineSetting } from './engines.js';
import { Lanes } from './lanes.js';
import { PaddleEngine, type PaddleMode, type PaddleStats } from './paddle/engine.js';
import { OrientationDetector, type Orientation } from './osd.js';
import { AUTO_LANGS, prepareLangDir, SUPPORTED_LANGS, type LangSetting } from './tessdata.js';
import { guardedWorkerPath } from './thread-guard.js';

// A pool of tesseract.js workers: one WASM worker thread per core, since OCR is CPU-bound and single-threaded per
// worker. tesseract.js' own Scheduler cannot set Tesseract parameters per job (only per worker, out of band), and the
// page segmentation mode must follow the document's layout (a receipt strip vs a page), so each job waits for an idle
// worker of its own choosing and switches its mode only when needed.
// Memory: a worker's WASM heap grows to fit the largest image it has read and never shrinks. So large images are all
// read by one worker (./lanes.ts), none larger than `maxPixels` reaches a worker, and the legacy-engine worker for
// orientation lives only while it is used (./osd.ts).
// Each call names the language models to read with (a page is read in its own language, ./auto-language.ts); a worker
// switches models only when needed (≈0.3–0.5 s) and calls prefer a worker that already has theirs.
// The pool starts loading in the background so a server can answer /live at once.
// A worker that fails (a model that does not initialise, a thread that dies) fails only the call in hand, with
// OCR_FAILED, and is replaced by a fresh one (./thread-guard.ts keeps tesseract.js from throwing outside the call).

/** Tesseract page segmentation modes we use: 3 = automatic layout (pages), 6 = one uniform block (receipts), 7 = one
 * text line (the second reading of a total's line). */
export type PageSegMode = '3' | '6' | '7';

export interface OcrPoolOptions {
  /** `auto` (pages choose their model; workers start with English) or the models every call uses. */
  langs: LangSetting;
  /** Which engine reads (./engines.ts; default DEFAULT_OCR_ENGINE). `paddle` starts no Tesseract text worker. */
  engine?: OcrEngineSetting;
  workers?: number;
  /** Larger images are scaled down before OCR (default OCR_MAX_PIXELS); boxes come back in the caller's pixels. */
  maxPixels?: number;
  /** Results kept on disk between runs (benchmarks and tuning only; see ./cache.ts). */
  cache?: OcrCache;
  /** Tesseract parameters set besides WORKER_PARAMS (benchmarks comparing settings). */
  params?: Record<string, string>;
}

export interface OcrOutput {
  text: string;
  confidence: number; // mean line confidence, [0,1]
  lines: TextLine[];
}

export type { Orientation } from './osd.js';

export interface RecognizeOptions {
  /** Language models to read with, e.g. ['deu'] or ['deu', 'eng'] (default: the pool's `defaultModels`). */
  models?: string[];
  /** A document's deadline: the call leaves the queue when it aborts before a worker took it. */
  signal?: AbortSignal;
  /** The engine that reads (default: Paddle when the pool's setting is `paddle` or `auto`, else Tesseract); under
   * `paddle` every call is read by Paddle. */
  engine?: OcrEngineName;
}

/** Tesseract parameters every text worker runs with (besides the page segmentation mode). */
// Tesseract's own diagnostics ("Image too small to scale!!", "Invalid resolution 0 dpi") go to the process's stderr,
// between the worker's log lines; they say nothing a user can act on. /dev/null is the wasm's own file system, so
// this holds on every OS. Results are not affected (the cache key does not include it).
const WORKER_PARAMS = { preserve_interword_spaces: '1', debug_file: '/dev/null' } as const;

interface Slot {
  worker: Tesseract.Worker;
  psm: PageSegMode;
  models: string; // e.g. "deu" or "deu+eng"
  /** Rejects when the worker's thread fails or exits (its calls would never answer). */
  died: Promise<never>;
}

export class OcrPool {
  readonly langs: LangSetting;
  readonly engine: OcrEngineSetting;
  /** The models a call uses when it names none: the fixed list, or English under `auto`. */
  readonly defaultModels: string[];
  readonly size: number;
  readonly maxPixels: number;
  /** The text workers' slots (each slot's worker is replaced when it fails). */
  private readonly workers = new Set<Slot>();
  private langDir: string | null = null;
  private readonly lanes = new Lanes<Slot>();
  private readonly loading: Promise<void>;
  private loaded = false;
  private loadError: Error | null = null;
  private readonly osd = new OrientationDetector();
  /** Calls under way, from their first await: close() waits for them before it stops the workers. */
  private readonly pending = new Set<Promise<unknown>>();
  private readonly cache: OcrCache | undefined;
  private readonly params: Record<string, string>;
  private closed = false;
  /** PaddleOCR's shared sessions, when the setting uses it. */
  private readonly paddle: PaddleEngine | null;

  constructor(opts: OcrPoolOptions) {
    this.langs = opts.langs;
    this.engine = opts.engine ?? DEFAULT_OCR_ENGINE;
    this.defaultModels = opts.langs === AUTO_LANGS ? ['eng'] : opts.langs;
    this.cache = opts.cache;
    this.params = { ...WORKER_PARAMS, ...opts.params };
    this.size = Math.max(1, opts.workers ?? defaultPoolSize());
    this.maxPixels = opts.maxPixels ?? OCR_MAX_PIXELS;
    this.paddle = this.engine === 'tesseract' ? null : new PaddleEngine(this.size);
    this.loading = this.start();
    this.loading.catch(() => undefined); // surfaced through ready()/recognize()
  }

  private async start(): Promise<void> {
    try {
      // a language that is not installed fails the pool, not its creator
      this.langDir = prepareLangDir(this.langs === AUTO_LANGS ? [...SUPPORTED_LANGS] : this.langs);
      await this.paddle?.load();
      const textWorkers = this.engine === 'paddle' ? 0 : this.size;
      const created = await Promise.all(Array.from({ length: textWorkers }, () => this.newSlot()));
      for (const slot of created) {
        this.workers.add(slot);
        this.lanes.add(slot);
      }
      this.loaded = true;
    } catch (err) {
      this.loadError = err instanceof Error ? err : new Error(String(err));
      throw this.loadError;
    }
  }

  /** A text worker with the default models, page segmentation 3, its thread watched. */
  private async newSlot(): Promise<Slot> {
    const worker = await Tesseract.createWorker(this.defaultModels.join('+'), Tesseract.OEM.LSTM_ONLY, {
      langPath: this.langDir!,
      workerPath: guardedWorkerPath(this.langDir!),
      cacheMethod: 'none',
      gzip: true,
      logger: () => undefined,
      errorHandler: () => undefined,
    });
    const thread = (worker as unknown as { worker?: NodeJS.EventEmitter }).worker;
    const died = new Promise<never>((_, reject) => {
      thread?.once('error', (err: Error) => reject(err));
      thread?.once('exit', (code: number) => reject(new Error(`the OCR thread exited (code ${code})`)));
    });
    died.catch(() => undefined); // raced by the calls; a terminated worker's exit is no error to anyone
    await worker.setParameters({ ...this.params, tessedit_pageseg_mode: '3' as Tesseract.PSM });
    return { worker, psm: '3', models: this.defaultModels.join('+'), died };
  }

  /** After a failed call the worker's state is unknown (models half loaded, thread gone): the slot gets a fresh one. */
  private async renew(slot: Slot): Promise<void> {
    const old = slot.worker;
    try {
      Object.assign(slot, await this.newSlot());
    } catch {
      // no fresh worker (the models themselves fail to load): keep the old one, the next call tries again
      return;
    }
    await old.terminate().catch(() => undefined);
  }

  /** True once every worker has its language data loaded. */
  get isReady(): boolean {
    return this.loaded;
  }

  get state() {
    return {
      size: this.size, engine: this.engine, loaded: this.loaded, busy: this.lanes.busy, queued: this.lanes.queued, osdLoaded: this.osd.loaded,
      error: this.loadError?.message ?? null,
    };
  }

  ready(): Promise<void> {
    return this.loading;
  }

  /** Reads an image with `models` (default: `defaultModels`), e.g. ['deu'] or ['deu', 'eng']; `signal` (a document's
   * deadline) drops it from the queue if it has not started. */
  recognize(image: Buffer, psm: PageSegMode = '3', opts: RecognizeOptions = {}): Promise<OcrOutput> {
    const models = opts.models ?? this.defaultModels;
    const engine = this.callEngine(opts.engine);
    const now = () => (engine === 'paddle' ? this.recognizePaddle(image, psm, opts.signal) : this.recognizeNow(image, psm, models, opts.signal));
    if (!this.cache) return now();
    const key =
      engine === 'paddle'
        ? this.cache.key(image, { call: 'recognize', psm, maxPixels: this.maxPixels }, [], 'paddle')
        : this.cache.key(image, { call: 'recognize', psm, maxPixels: this.maxPixels, params: this.params }, models);
    return this.cache.through(key, now);
  }

  /** Where Paddle's time went in this pool (null without Paddle): benchmarks print it. */
  get paddleStats(): PaddleStats | null {
    return this.paddle?.stats ?? null;
  }

  /** The engine a call is read by: the setting's, or under `auto` the one the caller chose (Paddle if none). */
  private callEngine(wanted?: OcrEngineName): OcrEngineName {
    if (this.engine === 'tesseract' || this.engine === 'paddle') return this.engine;
    return wanted ?? 'paddle';
  }

  /** Paddle's reading (./paddle/); the image is fitted within `maxPixels` first, as for Tesseract. A failure (a
   * model that does not load, an inference error) fails this call only, with OCR_FAILED. */
  private recognizePaddle(image: Buffer, psm: PageSegMode, signal?: AbortSignal): Promise<OcrOutput> {
    return this.track(async () => {
      await this.loaded_();
      signal?.throwIfAborted();
      const fitted = await fitWithin(image, this.maxPixels);
      const mode: PaddleMode = psm === '7' ? 'line' : psm === '6' ? 'block' : 'page';
      let lines: TextLine[];
      try {
        ({ lines } = await this.paddle!.read(fitted.image, mode, signal));
      } catch (err) {
        if (signal?.aborted) throw err;
        throw new DocumentError('OCR_FAILED', `PaddleOCR could not read the image: ${(err as Error)?.message ?? String(err)}`);
      }
      const toInput = 1 / fitted.scale;
      const scaled = lines.map((line) => ({
        ...line,
        bbox: scaleBox(line.bbox, toInput),
        words: line.words?.map((w) => ({ ...w, bbox: scaleBox(w.bbox, toInput) })),
      }));
      const confidence = scaled.length ? scaled.reduce((sum, l) => sum + l.confidence, 0) / scaled.length : 0;
      return { text: scaled.map((l) => l.text).join('\n'), confidence, lines: scaled };
    });
  }

  private recognizeNow(image: Buffer, psm: PageSegMode, models: string[], signal?: AbortSignal): Promise<OcrOutput> {
    return this.track(async () => {
      await this.loaded_();
      const fitted = await fitWithin(image, this.maxPixels); // before taking a worker: the resize needs none
      const wanted = models.join('+');
      const slot = await this.lanes.acquire(fitted.pixels, { signal, prefers: (s) => s.models === wanted });
      // every call to the worker also ends when its thread dies, instead of waiting forever
      const answer = <T>(call: Promise<T>) => Promise.race([call, slot.died]);
      try {
        if (slot.models !== wanted) {
          // a fresh init resets every parameter: set ours again
          slot.models = ''; // until the models are in, the slot is not "with" any (a failure leaves it unknown)
          await answer(slot.worker.reinitialize(wanted, Tesseract.OEM.LSTM_ONLY));
          await answer(slot.worker.setParameters({ ...this.params, tessedit_pageseg_mode: psm as Tesseract.PSM }));
          slot.models = wanted;
          slot.psm = psm;
        } else if (slot.psm !== psm) {
          await answer(slot.worker.setParameters({ tessedit_pageseg_mode: psm as Tesseract.PSM }));
          slot.psm = psm;
        }
        const { data } = await answer(slot.worker.recognize(fitted.image, {}, { text: true, blocks: true }));
        return toOutput(data, 1 / fitted.scale);
      } catch (err) {
        await this.renew(slot);
        throw new DocumentError('OCR_FAILED', `Tesseract could not read the image: ${(err as Error)?.message ?? String(err)}`);
      } finally {
        this.lanes.release(slot);
      }
    });
  }

  /** Orientation by Tesseract's OSD (legacy engine, loaded while in use). Null when there is too little text. */
  detectOrientation(image: Buffer, signal?: AbortSignal): Promise<Orientation | null> {
    const detect = () =>
      this.track(async () => {
        signal?.throwIfAborted();
        return this.osd.detect((await fitWithin(image, this.maxPixels)).image);
      });
    if (!this.cache) return detect();
    return this.cache.through(this.cache.key(image, { call: 'osd', maxPixels: this.maxPixels }, ['osd']), detect);
  }

  /** The pool loaded, or a typed error: OCR_FAILED when it could not load (a language that is not installed). */
  private async loaded_(): Promise<void> {
    try {
      await this.loading;
    } catch (err) {
      throw new DocumentError('OCR_FAILED', `OCR is not available: ${(err as Error).message}`);
    }
  }

  private track<T>(call: () => Promise<T>): Promise<T> {
    // After close() the workers are gone: a late call (a page's turned retry) gets an error, never a crash.
    if (this.closed) return Promise.reject(new DocumentError('OCR_FAILED', 'the OCR pool is closed'));
    const promise = call();
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise)).catch(() => undefined);
    return promise;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.loading.catch(() => undefined);
    await Promise.allSettled([...this.pending]); // a caller that stopped waiting (a time-out) still has its call running
    await Promise.all([...this.workers].map((slot) => slot.worker.terminate().catch(() => undefined)));
    await this.paddle?.close().catch(() => undefined);
    await this.osd.close();
  }
}

export function defaultPoolSize(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Tesseract's lines; `toInput` maps the boxes from the image it read back to the caller's image. */
function toOutput(data: Tesseract.Page, toInput: number): OcrOutput {
  const lines: TextLine[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = line.text.replace(/\s+$/, '');
        if (!text.trim()) continue;
        const { x0, y0, x1, y1 } = line.bbox;
        lines.push({ text, confidence: clamp01(line.confidence / 100), bbox: { x0: x0 * toInput, y0: y0 * toInput, x1: x1 * toInput, y1: y1 * toInput } });
      }
    }
  }
  lines.sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
  const confidence = lines.length ? lines.reduce((sum, l) => sum + l.confidence, 0) / lines.length : 0;
  return { text: lines.map((l) => l.text).join('\n'), confidence, lines };
}

const scaleBox = (b: TextLine['bbox'], k: number) => ({ x0: b.x0 * k, y0: b.y0 * k, x1: b.x1 * k, y1: b.y1 * k });

const clamp01 = (x: number) => Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0));
