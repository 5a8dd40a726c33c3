import type { ScanResult } from '../contract.js';
import type { Logger } from '../log.js';
import type { Outcome, WorkerMetrics } from '../metrics.js';
import type { OdooClient } from '../odoo/types.js';
import type { WritePolicy } from '../writeback/types.js';
import { describeError, isRetryable, isRetryableDocumentError, WorkerJobError } from './errors.js';
import { withPrefetched } from './prefetched-client.js';
import type { PrepareFn, WorkItem, WorkSource } from './types.js';

// One document from lease to write-back: download → read (cached by sha256) → prepare values → complete, or fail
// with a typed error. Every failure ends here as a fail() call so it is visible in Odoo; nothing escapes to the
// caller, which is how one bad document never stops the others.

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
}

export interface ItemOutcome {
  outcome: Outcome;
  docType: string | null;
  error?: string;
}

/** Attachment metadata read together with the content, so the write-back's own lookup costs no extra RPC. */
const ATTACHMENT_FIELDS = ['datas', 'name', 'mimetype', 'file_size', 'checksum', 'res_model', 'res_id', 'company_id'];

export async function downloadAttachment(odoo: OdooClient, item: WorkItem, maxBytes: number, prefetched?: Map<string, Record<string, unknown>>): Promise<Buffer> {
  if (item.fileSize !== null && item.fileSize > maxBytes) {
    throw new WorkerJobError('TOO_LARGE', `attachment is ${(item.fileSize / 1048576).toFixed(1)} MB, above the limit of ${(maxBytes / 1048576).toFixed(1)} MB`);
  }
  // One RPC: claim (or discovery) already told us the size, so the bytes are read directly.
  const rows = await odoo.read<{ id: number; datas: string | false } & Record<string, unknown>>('ir.attachment', [item.attachmentId], ATTACHMENT_FIELDS);
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
      return deps.read(await downloadAttachment(deps.odoo, item, deps.maxBytes, prefetched), item.name, item);
    };
    const result = await (deps.withBytes ? deps.withBytes(downloadAndRead) : downloadAndRead());
    docType = result.fields?.doc_type.value ?? null;
    if (result.error) {
      outcome = await failItem(item, deps, `${result.error.code}: ${result.error.message}`, isRetryableDocumentError(result.error.code), docType, log);
    } else if (item.abandoned) {
      outcome = { outcome: item.abandoned, docType };
    } else {
      const policy = deps.source.policyFor ? await deps.source.policyFor(item, deps.policy) : deps.policy;
      const prepared = await deps.prepare(withPrefetched(deps.odoo, prefetched), item.target, result, policy);
      if (item.abandoned) {
        outcome = { outcome: item.abandoned, docType };
      } else {
        const done = await deps.source.complete(item, result, prepared);
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
    const answer = await deps.source.fail(item, error, retryable);
    const outcome = answer.state === 'failed' ? 'failed' : answer.state === 'lost' ? 'lost' : 'retry';
    log.warn('document failed', { error, retryable, state: answer.state, nextAttemptAt: answer.nextAttemptAt });
    return { outcome, docType, error };
  } catch (failErr) {
    // Odoo refused or could not take the failure (stale lease, Odoo down): the lease expires and the job returns.
    log.error('could not record the failure; the lease will expire', { error, cause: describeError(failErr) });
    return { outcome: 'lost', docType, error };
  }
}
