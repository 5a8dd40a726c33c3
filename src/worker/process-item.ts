import type { ScanResult } from '../contract.js';
import type { Logger } from '../log.js';
import type { Outcome, WorkerMetrics } from '../metrics.js';
import type { RetryConfig } from '../config.js';
import type { OdooClient } from '../odoo/types.js';
import type { WritePolicy } from '../writeback/types.js';
import { backoffDelay, sleep } from './backoff.js';
import { describeError, isRetryable, isRetryableDocumentError, WorkerJobError } from './errors.js';
import { prefetchLookups } from './lookup-prefetch.js';
import { withPrefetched } from './prefetched-client.js';
import type { PrepareFn, WorkItem, WorkSource } from './types.js';

// One document from lease to write-back: download → read (cached by sha256) → prepare values → complete, or fail
// with a typed error. Every failure ends here as a fail() call so it is visible in Odoo; nothing escapes to the
// caller, which is how one bad document never stops the others.
// Odoo unreachable in the middle of a document (a restart, a network cut) does not cost the job: each step that
// talks to Odoo is tried again, with backoff, for as long as the lease is surely ours, so the document finishes as
// soon as Odoo answers again instead of sitting "running" in Odoo until its lease runs out.

export interface ProcessDeps {
  source: WorkSource;
  odoo: OdooClient;
  /** Reads a document: the scanner behind the OCR queue and the result cache. */
  read: (data: Buffer, name: string, item?: WorkItem) => Promise<ScanResult>;
  /** Runs download + read when the document's turn is near (bounds how many documents' bytes are in memory). */
  withBytes?: <T>(work: () => Promise<T>) => Promise<T>;
  prepare: PrepareFn;
  policy: WritePolicy;
  maxBytes: number;
  logger: Logger;
  metrics?: WorkerMetrics;
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

/**
 * Runs one step that talks to Odoo; when it fails because Odoo is unreachable, waits and tries again while the
 * lease still holds (and the job was not given up or the worker stopped). Other errors go to the caller at once.
 */
async function untilOdooAnswers<T>(item: WorkItem, deps: ProcessDeps, log: Logger, step: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!deps.retry || !isRetryable(err) || item.abandoned || deps.signal?.aborted) throw err;
      const delayMs = Math.min(backoffDelay(attempt, deps.retry, 0.2), deps.retry.maxMs);
      if (Date.now() + delayMs >= item.leaseUntil) throw err;
      if (attempt === 1) log.warn('odoo unreachable; holding the job until it answers', { step, error: describeError(err), leaseUntil: new Date(item.leaseUntil).toISOString() });
      if (!(await sleep(delayMs, deps.signal))) throw err;
    }
  }
}

/** Attachment metadata read together with the content, so the write-back's own lookup costs no extra RPC. */
const ATTACHMENT_FIELDS = ['datas', 'name', 'mimetype', 'file_size', 'checksum', 'res_model', 'res_id', 'company_id'];

export async function downloadAttachment(
  odoo: OdooClient, item: WorkItem, maxBytes: number, prefetched?: Map<string, Record<string, unknown>>, source?: WorkSource,
): Promise<Buffer> {
  if (item.fileSize !== null && item.fileSize > maxBytes) {
    throw new WorkerJobError('TOO_LARGE', `attachment is ${(item.fileSize / 1048576).toFixed(1)} MB, above the limit of ${(maxBytes / 1048576).toFixed(1)} MB`);
  }
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
  if (!rows.length) throw new WorkerJobError('NOT_FOUND', `attachment ${item.attachmentId} no longer exists`);
  if (!datas) throw new WorkerJobError('EMPTY_FILE', `attachment ${item.attachmentId} has no content`);
  const data = Buffer.from(datas, 'base64');
  if (data.length > maxBytes) throw new WorkerJobError('TOO_LARGE', `attachment is ${(data.length / 1048576).toFixed(1)} MB, above the limit`);
  return data;
}

export async function processItem(item: WorkItem, deps: ProcessDeps): Promise<ItemOutcome> {
  const log = deps.logger.child({ jobId: item.jobId ?? undefined, attachmentId: item.attachmentId, key: item.key });
  const started = performance.now();
  let docType: string | null = null;
  let outcome: ItemOutcome;
  try {
    const prefetched = new Map<string, Record<string, unknown>>();
    // The bytes exist only from download to the end of the read: a claimed batch waits for OCR without them.
    const downloadAndRead = async () => {
      if (item.abandoned) throw new Error(`job ${item.abandoned} before its turn`); // failItem only reports it
      const data = await untilOdooAnswers(item, deps, log, 'download', () => downloadAttachment(deps.odoo, item, deps.maxBytes, prefetched, deps.source));
      return deps.read(data, item.name, item);
    };
    const result = await (deps.withBytes ? deps.withBytes(downloadAndRead) : downloadAndRead());
    docType = result.fields?.doc_type.value ?? null;
    if (result.error) {
      outcome = await failItem(item, deps, `${result.error.code}: ${result.error.message}`, isRetryableDocumentError(result.error.code), docType, log);
    } else if (item.abandoned) {
      outcome = { outcome: item.abandoned, docType };
    } else {
      const policy = deps.source.policyFor ? await untilOdooAnswers(item, deps, log, 'policy', () => deps.source.policyFor!(item, deps.policy)) : deps.policy;
      const lookups = await untilOdooAnswers(item, deps, log, 'lookup', () => prefetchLookups(deps.odoo, deps.source, item, result, prefetched.get(`ir.attachment:${item.attachmentId}`)));
      const prepared = await untilOdooAnswers(item, deps, log, 'prepare', () => deps.prepare(withPrefetched(deps.odoo, prefetched, lookups), item.target, result, policy));
      if (item.abandoned) {
        outcome = { outcome: item.abandoned, docType };
      } else {
        // complete() is idempotent (a repeat answers the same), so trying it again after an outage is safe.
        item.finishing = true;
        const done = await untilOdooAnswers(item, deps, log, 'complete', () => deps.source.complete(item, result, prepared));
        outcome = { outcome: done.state, docType };
        const level = done.state === 'lost' ? 'warn' : 'info';
        log.log(level, done.state === 'lost' ? 'lease lost before completion; result discarded' : 'document processed', {
          state: done.state, docType, resModel: done.resModel, resId: done.resId, created: done.created,
          source: result.source, ms: Math.round(performance.now() - started),
        });
      }
    }
  } catch (err) {
    const code = err instanceof WorkerJobError ? `${err.code}: ${err.message}` : describeError(err);
    outcome = await failItem(item, deps, code, isRetryable(err), docType, log);
  }
  deps.metrics?.recordOutcome(docType, outcome.outcome);
  deps.metrics?.endToEndSeconds.observe({ outcome: outcome.outcome }, (performance.now() - started) / 1000);
  return outcome;
}

async function failItem(item: WorkItem, deps: ProcessDeps, error: string, retryable: boolean, docType: string | null, log: Logger): Promise<ItemOutcome> {
  if (item.abandoned) return { outcome: item.abandoned, docType, error };
  try {
    item.finishing = true;
    const answer = await untilOdooAnswers(item, deps, log, 'fail', () => deps.source.fail(item, error, retryable));
    const outcome = answer.state === 'failed' ? 'failed' : answer.state === 'lost' ? 'lost' : 'retry';
    log.warn('document failed', { error, retryable, state: answer.state, nextAttemptAt: answer.nextAttemptAt });
    return { outcome, docType, error };
  } catch (failErr) {
    // Odoo refused the failure, or stayed out of reach for the whole lease: the lease expires and the job returns.
    log.error('could not record the failure; the lease will expire', { error, cause: describeError(failErr) });
    return { outcome: 'lost', docType, error };
  }
}
