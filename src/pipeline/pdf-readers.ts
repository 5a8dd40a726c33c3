import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EmbeddedXml, PageText } from './document.js';
import { DocumentError } from './errors.js';
import type { ErrorCode } from '../contract.js';
import type { RenderedPage, RenderOptions } from './pdf.js';
import { DEFAULT_LIMITS } from './limits.js';
import { untilAborted } from './timeout.js';

// PDFs are parsed in reader processes (pdf-reader-process.ts), never in the process that holds the OCR pool and the
// other documents: pdfjs' parsing of a hostile file can run for ever without yielding (100 000 nested `q`) or inflate
// a stream to gigabytes, and no timer in the same thread can stop it. A reader process is killed when a step takes
// longer than its deadline (TIMEOUT), when the document's own deadline passes (TIMEOUT), or when its resident memory
// grows by more than the limit (TOO_LARGE, from /proc/PID/status sampled while it works; its V8 heap is capped too).
// Processes, not worker threads: resourceLimits cap only the JS heap (decoded images and streams are ArrayBuffers
// outside it) and a crash of native code (the canvas) would take a thread's whole process down.
// A reader is long-lived and leased to one document from open to close (so killing it for one document never costs
// another one its work); starting one costs ≈0.3 s. A text-layer PDF is read in one request (open + attachments +
// every text layer), so the process hop costs one round trip per document.

export type PdfRequest =
  | { op: 'open'; data: Uint8Array; maxImagePixels: number; maxPages: number; attachments: boolean; textLayers?: boolean }
  | { op: 'render'; page: number; dpi: number; maxPixels: number; opts?: RenderOptions }
  | { op: 'close' };

export type PdfReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code: ErrorCode; message: string } };
/** The first message of a reader: pdfjs is loaded. */
type ReadyMessage = { ready: true };

export interface PdfAttachments {
  xml: EmbeddedXml[];
  /** The PDF has more attachments than were looked at (MAX_ATTACHMENTS). */
  truncated: boolean;
}

/** What opening a PDF reads at once: the page count and, unless it is above maxPages, every page's text layer and
 * (if asked) the embedded e-invoices. */
export interface PdfOpened {
  pageCount: number;
  /** Empty when the PDF has more pages than allowed: nothing else was read. */
  pages: PageText[];
  attachments: PdfAttachments;
}

/** A PDF open in a reader process (leased until close). Every call is bounded by `stepMs` and the document's signal. */
export interface PdfReader extends PdfOpened {
  render(pageNo: number, dpi: number, maxPixels: number, opts?: RenderOptions): Promise<RenderedPage>;
  /** Ends the lease at once; the reader closes the document on its own time. */
  close(): void;
}

export interface PdfReadersOptions {
  /** Reader processes at most (documents parsed at once). */
  size: number;
  /** Memory one reader may grow by while it reads a PDF, above its idle size once pdfjs is loaded (≈120 MB compiled;
   * more under tsx, which keeps transformed copies of pdfjs). */
  maxRssMb: number;
}

/** How often a working reader's memory is sampled. A stream bomb inflates ≈1 GB/s: ≈50 MB over the limit at most. */
const MEMORY_SAMPLE_MS = 50;
/** A reader that holds more than this share of its limit after a document is replaced (V8 and glibc keep what they
 * grew to), so an idle worker does not sit on the memory of its largest PDF. */
const RECYCLE_ABOVE = 0.5;

const STEP_NAMES: Record<PdfRequest['op'], string> = { open: 'reading the PDF (structure, attachments, text)', render: 'rendering a PDF page', close: 'closing the PDF' };

const ENTRY = fileURLToPath(new URL(`./pdf-reader-process${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

class ReaderProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private killedFor: DocumentError | null = null;
  private sampler: NodeJS.Timeout | null = null;
  private readonly started: Promise<void>;
  /** Resident memory when ready (MB): the limit counts from here. */
  private baseMb = 0;
  exited = false;

  /** Killed or exited: never to be handed to a document again (the exit event comes after the kill). */
  get gone(): boolean {
    return this.exited || this.killedFor !== null;
  }

  constructor(private readonly maxRssMb: number) {
    // Under tsx (tests), the entry is TypeScript and the child needs the same loader.
    const loader = ENTRY.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
    this.child = fork(ENTRY, [], {
      // the heap cap only backs the sampler up (tsx alone holds ≈400 MB): set well above the limit
      execArgv: [...loader, `--max-old-space-size=${maxRssMb + 1024}`],
      serialization: 'advanced', // Uint8Arrays cross as bytes, not JSON
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'], // pdfjs' warnings must never reach our stdout (the JSON lines)
    });
    let ready: () => void;
    this.started = new Promise((resolve) => (ready = resolve));
    this.child.on('message', (reply: PdfReply | ReadyMessage) => {
      if (!('ready' in reply)) return this.settle(reply);
      this.baseMb = this.rssMb() ?? 0;
      ready();
      if (!this.leased) this.idle(); // held while starting: whoever awaits ready() must not see the process exit first
    });
    this.child.on('error', () => this.kill(new DocumentError('INTERNAL', 'the PDF reader process could not be started')));
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      this.stopSampling();
      const reason =
        this.killedFor ??
        (signal === 'SIGABRT' // how V8 ends a process out of heap
          ? new DocumentError('TOO_LARGE', 'reading this PDF ran out of memory')
          : new DocumentError('CORRUPT_FILE', `the PDF reader stopped on this file (${signal ?? `exit code ${code}`})`));
      for (const { reject } of this.pending.values()) reject(reason);
      this.pending.clear();
      ready(); // a call waiting for the start finds the reader exited
    });
  }

  async call<T>(req: PdfRequest, stepMs: number, signal?: AbortSignal): Promise<T> {
    await untilAborted(this.started, signal); // the start is not the document's fault; its deadline still runs
    if (this.gone) throw this.killedFor ?? new DocumentError('INTERNAL', 'the PDF reader process stopped while starting');
    signal?.throwIfAborted();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => this.kill(new DocumentError('TIMEOUT', `${STEP_NAMES[req.op]} took longer than ${Math.round(stepMs / 1000)} s`)), stepMs);
      const onAbort = () => this.kill(signal!.reason instanceof DocumentError ? signal!.reason : new DocumentError('TIMEOUT', 'the document took too long'));
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (this.pending.size === 0) this.stopSampling();
      };
      this.pending.set(id, { resolve: (v) => (done(), resolve(v as T)), reject: (e) => (done(), reject(e)) });
      this.startSampling();
      this.child.send({ id, req }, (err) => err && this.kill(new DocumentError('INTERNAL', `the PDF reader did not take the request: ${err.message}`)));
    });
  }

  ready(): Promise<void> {
    return this.started;
  }

  /** Memory grown since ready, in MB. */
  grownMb(): number | null {
    const rss = this.rssMb();
    return rss === null ? null : rss - this.baseMb;
  }

  /** Resident memory in MB (Linux), null where /proc is not there. */
  rssMb(): number | null {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))?.[1];
      return kb ? Number(kb) / 1024 : null;
    } catch {
      return null;
    }
  }

  kill(reason: DocumentError): void {
    this.killedFor ??= reason;
    this.child.kill('SIGKILL');
  }

  private leased = false;

  /** An idle reader must not keep a finished CLI alive; a busy one must. */
  idle(): void {
    this.leased = false;
    this.child.unref();
    this.child.channel?.unref();
  }

  busy(): void {
    this.leased = true;
    this.child.ref();
    this.child.channel?.ref();
  }

  private settle(reply: PdfReply): void {
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(new DocumentError(reply.error.code, reply.error.message));
  }

  private startSampling(): void {
    this.sampler ??= setInterval(() => {
      const rss = this.rssMb();
      if (rss !== null && rss - this.baseMb > this.maxRssMb)
        this.kill(new DocumentError('TOO_LARGE', `reading this PDF needs more than ${this.maxRssMb} MB of memory (a stream or image that decodes to too much)`));
    }, MEMORY_SAMPLE_MS);
  }

  private stopSampling(): void {
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = null;
  }
}

export class PdfReaders {
  private readonly idleReaders: ReaderProcess[] = [];
  private leased = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(private readonly opts: PdfReadersOptions) {}

  /** Starts the readers now, as the OCR pool loads in the background, so the first PDFs do not wait for pdfjs to
   * load; resolves when they are ready. */
  warm(): Promise<void> {
    while (!this.closed && this.idleReaders.length + this.leased < this.opts.size) this.idleReaders.push(new ReaderProcess(this.opts.maxRssMb));
    return Promise.all(this.idleReaders.map((r) => r.ready())).then(() => undefined);
  }

  /** Opens `data` in a reader of its own and reads what every PDF needs; the reader must be closed (ends the lease). */
  /** `textLayers: false`: the pages' text is not read (`pages` is empty): a PDF opened again only to render a page. */
  async open(data: Uint8Array, opts: { maxImagePixels: number; maxPages: number; attachments: boolean; textLayers?: boolean; stepMs: number; signal?: AbortSignal }): Promise<PdfReader> {
    await this.lease(opts.signal);
    let reader: ReaderProcess | null = null;
    try {
      reader = this.take();
      reader.busy();
      const r = reader;
      const opened = await r.call<PdfOpened>({ op: 'open', data, maxImagePixels: opts.maxImagePixels, maxPages: opts.maxPages, attachments: opts.attachments, ...(opts.textLayers === false ? { textLayers: false } : {}) }, opts.stepMs, opts.signal);
      let closed = false;
      return {
        ...opened,
        render: async (page, dpi, maxPixels, renderOpts) => {
          const out = await r.call<RenderedPage>({ op: 'render', page, dpi, maxPixels, ...(renderOpts ? { opts: renderOpts } : {}) }, opts.stepMs, opts.signal);
          return out.blank ? out : { ...out, png: Buffer.from(out.png.buffer, out.png.byteOffset, out.png.byteLength) };
        },
        close: () => {
          if (closed) return;
          closed = true;
          // not awaited, and without the document's signal: the reader may already serve the next document
          if (!r.gone) r.call({ op: 'close' }, opts.stepMs).catch(() => undefined);
          this.giveBack(r);
        },
      };
    } catch (err) {
      this.giveBack(reader);
      throw err;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const reader of this.idleReaders.splice(0)) reader.kill(new DocumentError('INTERNAL', 'closed'));
  }

  private lease(signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new DocumentError('INTERNAL', 'the PDF readers are closed'));
    if (this.leased < this.opts.size) {
      this.leased++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(go);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal!.reason);
      };
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(go);
    });
  }

  private take(): ReaderProcess {
    while (this.idleReaders.length) {
      const reader = this.idleReaders.pop()!;
      if (!reader.gone) return reader;
    }
    return new ReaderProcess(this.opts.maxRssMb);
  }

  private giveBack(reader: ReaderProcess | null): void {
    if (reader && !reader.gone) {
      const grown = reader.grownMb();
      if (this.closed || (grown !== null && grown > this.opts.maxRssMb * RECYCLE_ABOVE)) reader.kill(new DocumentError('INTERNAL', 'recycled'));
      else {
        reader.idle();
        this.idleReaders.push(reader);
      }
    }
    const next = this.waiting.shift();
    if (next) next(); // the lease passes on
    else this.leased--;
  }
}

let shared: PdfReaders | null = null;
/** Readers for callers that bring none (tests, benchmarks): idle ones never keep the process alive. */
export function sharedPdfReaders(): PdfReaders {
  shared ??= new PdfReaders({ size: 2, maxRssMb: DEFAULT_LIMITS.pdfMemoryMb });
  return shared;
}
