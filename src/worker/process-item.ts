import PQueue from 'p-queue';
import type { ScanResult } from '../contract.js';
import type { Logger } from '../log.js';
import type { Outcome, WorkerMetrics } from '../metrics.js';
import type { RetryConfig } from '../config.js';
import type { OdooClient } from '../odoo/types.js';
import type { WritePolicy } from '../writeback/types.js';
import { retryDelay, sleep } from './backoff.js';
import { DocumentError } from '../pipeline/errors.js';
import { checkFileSize } from '../pipeline/limits.js';
import { describeError, isRetryable, isRetryableDocumentError } from './errors.js';
import { withPrefetched } from './prefetched-client.js';
import type { PrepareFn, WorkItem, WorkSource } from './types.js';

// One document from lease to write-back: download → read (cached by sha256) → prepare values → complete, or fail
// with a typed error. Every failure ends here as a fail() call so it is visible in Odoo; nothing escapes to the
// caller, which is how one bad document never stops the others.
// Odoo unreachable in the middle of a document (a restart, a network cut) does not cost the job: each step that
// talks to Odoo is tried again, with backoff, for as long as the lease is surely ours, so the document finishes as
// soon as Odoo answers again instead of sitting "running" in Odoo until its lease runs out.

/** Reads a document's bytes into a result (DocumentReader: the result cache, the OCR queue, the scanner). */
export interface ItemScanner {
  read(data: Buffer, name: string, item: WorkItem): Promise<ScanResult>;
}

/** Turns a result into the values to write, under the write policy (src/writeback; the source writes them). */
export interface ItemWriteBack {
  readonly policy: WritePolicy;
  prepare: PrepareFn;
}

/** Who a document meets on its way: the queue it came from, Odoo, the scanner and the write-back. */
export interface ItemCollaborators {
  /** where documents come from and where their results go: addon jobs or the addon-less ledger */
  source: WorkSource;
  /** Odoo for the download and the write-back's lookups (the worker's gate) */
  odoo: OdooClient;
  scanner: ItemScanner;
  writeBack: ItemWriteBack;
}

export interface ItemSettings {
  maxBytes: number;
  logger: Logger;
  metrics?: WorkerMetrics;
  /** How many documents may have their bytes in memory at a time (downloaded and being read, or next in line);
   * unbounded when absent. */
  bytesAtOnce?: number;
  /** Backoff between tries while Odoo does not answer (default: the gate's own retries only). */
  retry?: RetryConfig;
  /** Shutdown: stop waiting for Odoo. */
  signal?: AbortSignal;
}

export interface ItemOutcome {
  outcome: Outcome;
  docType: string | null;
  error?: string;
}

/** Attachment metadata read together with the content, so the write-back's own lookup costs no extra RPC. */
const ATTACHMENT_FIELDS = ['datas', 'name', 'mimetype', 'file_size', 'checksum', 'res_model', 'res_id', 'company_id'];

export async function downloadAttachment(
  odoo: OdooClient, item: WorkItem, maxBytes: number, prefetched?: Map<string, Record<string, unknown>>, source?: WorkSource,
): Promise<Buffer> {
  if (item.fileSize !== null) checkFileSize(item.fileSize, maxBytes, 'attachment');
  // One RPC: claim (or discovery) already told us the size, so the bytes are read directly. The queue's own
  // download (addon: by lease token) comes first, so the worker's rights on the attachment do not matter.
  type AttachmentRow = { id: number; datas: string | false } & Record<string, unknown>;
  const handed = await source?.readDocument?.(item, ATTACHMENT_FIELDS);
  const rows = handed !== undefined ? (handed ? [handed as AttachmentRow] : []) : await odoo.read<AttachmentRow>('ir.attachment', [item.attachmentId], ATTACHMENT_FIELDS);
  const datas = rows[0]?.datas;
  if (rows[0] && prefetched) {
    const { datas: _content, ...meta } = rows[0];
    prefetched.set(`ir.attachment:${item.attachmentId}`, meta);
  }
  if (!rows.length) throw new DocumentError('NOT_FOUND', `attachment ${item.attachmentId} no longer exists`);
  if (!datas) throw new DocumentError('EMPTY_FILE', `attachment ${item.attachmentId} has no content`);
  const data = Buffer.from(datas, 'base64');
  checkFileSize(data.length, maxBytes, 'attachment');
  return data;
}

/** The way of every document the worker holds, with the same collaborators: `process` is the whole flow of one. */
export class ItemProcessor {
  /** Documents whose bytes are in memory: downloaded and being read, or next in line for OCR. */
  private readonly bytesQueue: PQueue | null;

  constructor(private readonly collaborators: ItemCollaborators, private readonly settings: ItemSettings) {
    this.bytesQueue = settings.bytesAtOnce ? new PQueue({ concurrency: settings.bytesAtOnce }) : null;
  }

  async process(item: WorkItem): Promise<ItemOutcome> {
    const { source, odoo, scanner, writeBack } = this.collaborators;
    const log = this.settings.logger.child({ jobId: item.jobId ?? undefined, attachmentId: item.attachmentId, key: item.key });
    const started = performance.now();
    let docType: string | null = null;
    let outcome: ItemOutcome;
    try {
      const prefetched = new Map<string, Record<string, unknown>>();
      // The bytes exist only from download to the end of the read: a claimed batch waits for OCR without them.
      const downloadAndRead = async () => {
        if (item.abandoned) throw new Error(`job ${item.abandoned} before its turn`); // fail() only reports it
        const data = await this.untilOdooAnswers(item, log, 'download', () => downloadAttachment(odoo, item, this.settings.maxBytes, prefetched, source));
        return scanner.read(data, item.name, item);
      };
      const result = await (this.bytesQueue ? this.bytesQueue.add(downloadAndRead) : downloadAndRead());
      docType = result.fields?.doc_type.value ?? null;
      if (result.timings_ms.qr_failed) log.warn('QR search failed on part of the document; payment codes there were not read', { images: result.timings_ms.qr_failed });
      if (result.error) {
        outcome = await this.fail(item, `${result.error.code}: ${result.error.message}`, isRetryableDocumentError(result.error.code), docType, log);
      } else if (item.abandoned) {
        outcome = { outcome: item.abandoned, docType };
      } else {
        const policy = source.policyFor ? await this.untilOdooAnswers(item, log, 'policy', () => source.policyFor!(item, writeBack.policy)) : writeBack.policy;
        const prepared = await this.untilOdooAnswers(item, log, 'prepare', () => writeBack.prepare(withPrefetched(odoo, prefetched), item.target, result, policy));
        if (item.abandoned) {
          outcome = { outcome: item.abandoned, docType };
        } else {
          // complete() is idempotent (a repeat answers the same), so trying it again after an outage is safe.
          item.finishing = true;
          const done = await this.untilOdooAnswers(item, log, 'complete', () => source.complete(item, result, prepared));
          outcome = { outcome: done.state, docType };
          const level = done.state === 'lost' ? 'warn' : 'info';
          log.log(level, done.state === 'lost' ? 'lease lost before completion; result discarded' : 'document processed', {
            state: done.state, docType, resModel: done.resModel, resId: done.resId, created: done.created,
            source: result.source, ms: Math.round(performance.now() - started),
          });
        }
      }
    } catch (err) {
      const code = err instanceof DocumentError ? `${err.code}: ${err.message}` : describeError(err);
      outcome = await this.fail(item, code, isRetryable(err), docType, log);
    }
    this.settings.metrics?.recordOutcome(docType, outcome.outcome);
    this.settings.metrics?.endToEndSeconds.observe({ outcome: outcome.outcome }, (performance.now() - started) / 1000);
    return outcome;
  }

  private async fail(item: WorkItem, error: string, retryable: boolean, docType: string | null, log: Logger): Promise<ItemOutcome> {
    if (item.abandoned) return { outcome: item.abandoned, docType, error };
    try {
      item.finishing = true;
      const answer = await this.untilOdooAnswers(item, log, 'fail', () => this.collaborators.source.fail(item, error, retryable));
      const outcome = answer.state === 'failed' ? 'failed' : answer.state === 'lost' ? 'lost' : 'retry';
      log.warn('document failed', { error, retryable, state: answer.state, nextAttemptAt: answer.nextAttemptAt });
      return { outcome, docType, error };
    } catch (failErr) {
      // Odoo refused the failure, or stayed out of reach for the whole lease: the lease expires and the job returns.
      log.error('could not record the failure; the lease will expire', { error, cause: describeError(failErr) });
      return { outcome: 'lost', docType, error };
    }
  }

  /**
   * Runs one step that talks to Odoo; when it fails because Odoo is unreachable, waits and tries again while the
   * lease still holds (and the job was not given up or the worker stopped). Other errors go to the caller at once.
   */
  private async untilOdooAnswers<T>(item: WorkItem, log: Logger, step: string, fn: () => Promise<T>): Promise<T> {
    const { retry, signal } = this.settings;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!retry || !isRetryable(err) || item.abandoned || signal?.aborted) throw err;
        const delayMs = Math.min(retryDelay(attempt, retry, 0.2), retry.maxMs);
        if (Date.now() + delayMs >= item.leaseUntil) throw err;
        if (attempt === 1) log.warn('odoo unreachable; holding the job until it answers', { step, error: describeError(err), leaseUntil: new Date(item.leaseUntil).toISOString() });
        if (!(await sleep(delayMs, signal))) throw err;
      }
    }
  }
}
