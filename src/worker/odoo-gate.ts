import PQueue from 'p-queue';
import type { RetryConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { WorkerMetrics } from '../metrics.js';
import { OdooError } from '../odoo/errors.js';
import type { CallSpec, Domain, FieldDef, OdooClient, SearchReadOptions, ServerVersion } from '../odoo/types.js';
import { retryDelay, sleep } from './backoff.js';
import { isRetryable } from './errors.js';

// Every RPC of the worker passes here: one p-queue bounds the calls in flight (separately from OCR), retryable
// failures are retried with backoff, latency and errors are measured, and Odoo's reachability is tracked for /ready.
// The gate is itself an OdooClient, so the write-back code gets the same bounds without knowing about them.

/** Methods whose repetition could duplicate something in Odoo: retried only when the failed call surely did not
 * reach Odoo (the connector's maybeApplied is false, e.g. connection refused or a 503 from a proxy). */
const NOT_REPEATABLE = new Set(['create', 'message_post', 'claim', 'copy']);

/** Reference data the write-back looks up for every document but that changes rarely: answered from memory for
 * a few minutes, which saves one to three RPCs per document (currency, journal, taxes). */
const REFERENCE_MODELS = new Set(['res.currency', 'account.journal', 'account.tax', 'res.company', 'uom.uom']);
const REFERENCE_TTL_MS = 5 * 60_000;
const REFERENCE_MAX_ENTRIES = 500;

export interface GateOptions {
  concurrency: number;
  retry: RetryConfig;
  metrics?: WorkerMetrics;
  logger?: Logger;
  /** Aborts backoff waits at shutdown. */
  signal?: AbortSignal;
}

export class OdooGate implements OdooClient {
  readonly queue: PQueue;
  private lastSuccessAt = 0;
  private lastFailureAt = 0;
  private lastErrorText: string | null = null;
  private readonly reference = new Map<string, { at: number; rows: Promise<unknown[]> }>();
  private readonly schema = new Map<string, Promise<unknown>>();

  constructor(private readonly inner: OdooClient, private readonly opts: GateOptions) {
    this.queue = new PQueue({ concurrency: opts.concurrency });
  }

  get transport() {
    return this.inner.transport;
  }
  /** RPCs actually sent (the connector's count: cached fields_get/hasModel answers cost nothing). */
  get rpcCount(): number {
    return this.inner.rpcCount;
  }
  /** True until a call fails for a transport reason, and again after the next answer. */
  get reachable(): boolean {
    return this.lastSuccessAt >= this.lastFailureAt;
  }
  /** The transport error of the last failed call, while Odoo has not answered since (cleared by an answer). */
  get lastError(): string | null {
    return this.reachable ? null : this.lastErrorText;
  }
  /** When Odoo last answered or failed to (ms since epoch; 0 before the first call). */
  get lastContactAt(): number {
    return Math.max(this.lastSuccessAt, this.lastFailureAt);
  }

  /** One cheap RPC, never retried, that only tells whether Odoo answers (for /ready while the worker is idle). */
  async ping(timeoutMs: number): Promise<boolean> {
    const answer = this.inner.searchCount('res.users', [['id', '=', 0]]).then(
      () => {
        this.lastSuccessAt = Date.now();
        return true;
      },
      (err: unknown) => {
        this.noteFailure(err);
        return !isRetryable(err);
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([answer, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private noteFailure(err: unknown): void {
    if (isRetryable(err)) {
      this.lastFailureAt = Date.now();
      this.lastErrorText = err instanceof Error ? err.message : String(err);
    } else if (err instanceof OdooError) {
      this.lastSuccessAt = Date.now(); // Odoo answered, if only to refuse
    }
  }
  state() {
    return { reachable: this.reachable, queued: this.queue.size, running: this.queue.pending, rpcs: this.inner.rpcCount, lastError: this.lastError };
  }

  /** Runs one RPC under the concurrency bound, retrying retryable failures unless the method is not repeatable. */
  async run<T>(model: string, method: string, fn: () => Promise<T>): Promise<T> {
    const attempts = this.opts.retry.attempts;
    const repeatable = !NOT_REPEATABLE.has(method);
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        const value = await this.queue.add(fn);
        this.opts.metrics?.rpcSeconds.observe({ model, method }, (performance.now() - started) / 1000);
        this.lastSuccessAt = Date.now();
        return value as T;
      } catch (err) {
        const retryable = isRetryable(err);
        this.opts.metrics?.rpcErrors.inc({ model, method, kind: retryable ? 'retryable' : 'fatal' });
        this.noteFailure(err);
        const maybeApplied = (err as { maybeApplied?: unknown }).maybeApplied === true;
        if (!retryable || (!repeatable && maybeApplied) || attempt >= attempts || this.opts.signal?.aborted) throw err;
        // Odoo's Retry-After (429/503) wins over our own schedule when it asks for longer.
        const retryAfter = Number((err as { retryAfterMs?: unknown }).retryAfterMs) || 0;
        const delay = Math.max(retryDelay(attempt, this.opts.retry, 0.25), Math.min(retryAfter, this.opts.retry.maxMs));
        this.opts.logger?.debug('odoo call failed, retrying', { model, method, attempt, delayMs: delay, error: this.lastErrorText });
        if (!(await sleep(delay, this.opts.signal))) throw err;
      }
    }
  }

  version(): Promise<ServerVersion> {
    return this.run('common', 'version', () => this.inner.version());
  }
  authenticate(): Promise<number> {
    return this.run('common', 'authenticate', () => this.inner.authenticate());
  }
  call<T = unknown>(model: string, method: string, spec?: CallSpec): Promise<T> {
    return this.run(model, method, () => this.inner.call<T>(model, method, spec));
  }
  searchRead<T = Record<string, unknown>>(model: string, domain: Domain, opts?: SearchReadOptions): Promise<T[]> {
    if (!REFERENCE_MODELS.has(model)) return this.run(model, 'search_read', () => this.inner.searchRead<T>(model, domain, opts));
    const key = JSON.stringify([model, domain, opts ?? {}]);
    const now = Date.now();
    const hit = this.reference.get(key);
    if (hit && now - hit.at < REFERENCE_TTL_MS) return hit.rows.then((rows) => structuredClone(rows) as T[]);
    if (this.reference.size >= REFERENCE_MAX_ENTRIES) this.reference.clear();
    const rows = this.run(model, 'search_read', () => this.inner.searchRead<T>(model, domain, opts));
    this.reference.set(key, { at: now, rows });
    rows.catch(() => this.reference.delete(key)); // never cache a failure
    return rows.then((r) => structuredClone(r));
  }
  searchCount(model: string, domain: Domain, context?: Record<string, unknown>): Promise<number> {
    return this.run(model, 'search_count', () => this.inner.searchCount(model, domain, context));
  }
  read<T = Record<string, unknown>>(model: string, ids: number[], fields: string[], context?: Record<string, unknown>): Promise<T[]> {
    return this.run(model, 'read', () => this.inner.read<T>(model, ids, fields, context));
  }
  create(model: string, values: Record<string, unknown>[], context?: Record<string, unknown>): Promise<number[]> {
    return this.run(model, 'create', () => this.inner.create(model, values, context));
  }
  write(model: string, ids: number[], values: Record<string, unknown>, context?: Record<string, unknown>): Promise<boolean> {
    return this.run(model, 'write', () => this.inner.write(model, ids, values, context));
  }
  /** Field definitions and model presence never change while the worker runs: asked once, answered from memory
   * after that, so the RPC metrics count only calls that reached Odoo. */
  fieldsGet(model: string): Promise<Record<string, FieldDef>> {
    return this.once(`fields:${model}`, () => this.run(model, 'fields_get', () => this.inner.fieldsGet(model)));
  }
  hasModel(model: string): Promise<boolean> {
    return this.once(`model:${model}`, () => this.run('ir.model', 'search_count', () => this.inner.hasModel(model)));
  }
  private once<T>(key: string, ask: () => Promise<T>): Promise<T> {
    let answer = this.schema.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = ask();
      this.schema.set(key, answer);
      answer.catch(() => this.schema.delete(key)); // never keep a failure
    }
    return answer;
  }
  readAttachment(id: number, maxBytes: number) {
    return this.run('ir.attachment', 'read', () => this.inner.readAttachment(id, maxBytes));
  }
  messagePost(model: string, id: number, bodyHtml: string, context?: Record<string, unknown>): Promise<number> {
    return this.run(model, 'message_post', () => this.inner.messagePost(model, id, bodyHtml, context));
  }
  close(): void {
    this.queue.clear();
    this.inner.close();
  }
}
