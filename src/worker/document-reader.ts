import { createHash } from 'node:crypto';
import PQueue from 'p-queue';
import type { ScanResult } from '../contract.js';
import type { VendorMemory } from '../memory/index.js';
import type { WorkerMetrics } from '../metrics.js';
import type { ScanCall } from '../pipeline/scan.js';
import { companyKey } from './memory-learner.js';
import type { ResultCache } from './result-cache.js';
import { expectedDocType } from '../writeback/orders/index.js';
import type { ScanFn, WorkItem } from './types.js';

// How the worker reads a document: through the read-through result cache (a file uploaded twice is read once) and
// the OCR queue (at most `ocrConcurrency` reads at a time). With the vendor memory on, a result depends on what the
// vendor's profile has learned since, so the memory replaces the cache: each read meets the company's profiles.

export interface WorkerScanner {
  scanBuffer: ScanFn;
  ready(): boolean;
  poolState?(): unknown;
  close?(): Promise<void>;
}

export interface ReaderOptions {
  ocrConcurrency: number;
  /** the result cache; none while `memory` is on (createWorkerRuntime) */
  cache?: ResultCache | null;
  /** the vendor memory: each document meets its company's profiles (src/memory) */
  memory?: VendorMemory | null;
  metrics?: WorkerMetrics;
  /** Called before a read joins the OCR queue (the worker's queue gauges). */
  onQueued?: () => void;
}

export class DocumentReader {
  readonly ocrQueue: PQueue;
  private readonly cache: ResultCache | null;

  constructor(readonly scanner: WorkerScanner, private readonly opts: ReaderOptions) {
    this.ocrQueue = new PQueue({ concurrency: opts.ocrConcurrency });
    this.cache = opts.cache ?? null;
  }

  /** Hits and misses of the result cache (health report); null without one. */
  get cacheCounts(): { hits: number; misses: number } | null {
    return this.cache ? { hits: this.cache.hits, misses: this.cache.misses } : null;
  }

  /** The document's result: from the cache when it holds one, else read by the scanner in the OCR queue. */
  async read(data: Buffer, name: string, item?: WorkItem): Promise<ScanResult> {
    const sha256 = this.cache ? createHash('sha256').update(data).digest('hex') : null;
    // uploaded to a quotation or a receipt, the document is known to be an order or a delivery note: its order
    // block is read whatever its title says (a cached reading without one is read again)
    const expect = item ? expectedDocType(item.target.resModel) : null;
    const cached = sha256 ? this.cache!.get(sha256, name) : null;
    if (cached && !(expect && !cached.order && !cached.error)) {
      this.opts.metrics?.cacheHits.inc();
      return cached;
    }
    const memory = this.opts.memory;
    const call: ScanCall | undefined = memory || expect
      ? { ...(memory ? { memory: { memory, company: companyKey(item?.target.companyId ?? null) } } : {}), ...(expect ? { expect } : {}) }
      : undefined;
    this.opts.onQueued?.();
    const result = await this.ocrQueue.add(() => (call ? this.scanner.scanBuffer(data, name, call) : this.scanner.scanBuffer(data, name)));
    this.opts.metrics?.ocrSeconds.observe({ source: result.source ?? 'error' }, result.timings_ms.total / 1000);
    if (sha256) this.cache!.put(sha256, result);
    return result;
  }
}
