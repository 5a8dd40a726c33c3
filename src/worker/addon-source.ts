import type { ScanResult } from '../contract.js';
import { OdooError } from '../odoo/errors.js';
import type { OdooClient } from '../odoo/types.js';
import { changesMoveType, keepMoveType } from '../writeback/move-type.js';
import type { LookupQuery } from '../writeback/lookups.js';
import type { PreparedValues, TargetModel, WritePolicy } from '../writeback/types.js';
import { CompanyOverwrite } from './company-overwrite.js';
import { withoutNul } from './postgres-text.js';
import { JOB_MODEL, type CompleteOutcome, type FailOutcome, type LeaseRides, type WorkItem, type WorkSource } from './types.js';

// Addon mode: the companion addon's ocr.job is the queue. Odoo's PostgreSQL leases jobs atomically, so any number of
// workers on any number of machines share it; each call after claim carries the job's fencing token.

const TARGET_MODELS = new Set<TargetModel>(['hr.expense', 'account.move', 'ir.attachment', 'sale.order', 'stock.picking']);
const RELEASE_MESSAGE = 'released: the worker shut down before finishing';
/** The most jobs one claim may ask for (the addon's MAX_CLAIM). */
const MAX_CLAIM = 100;

export interface ClaimedJob {
  job_id: number;
  token: string;
  attachment_id: number;
  name: string | false;
  mimetype: string | false;
  file_size: number | false;
  res_model: string | false;
  res_id: number | false;
  company_id: number | false;
  channel: string | false;
  attempts: number;
  max_attempts: number;
  /** The file as read_document answers it, when it fit the claim's document_bytes (17.0.1.4.0). */
  document?: Record<string, unknown> | false;
}

export interface AddonSourceOptions {
  workerId: string;
  leaseSeconds: number;
  channels: string[];
  /** What the result field of ocr.job receives; by default the whole contract object. */
  resultForOdoo?: (result: ScanResult) => ScanResult;
  /** This worker's version, shown in the addon's settings (ocr.worker.presence). */
  version?: string;
  /** Files the claim hands over with the leases, in bytes at most (addon 17.0.1.4.0; default none). */
  claimFileBytes?: number;
}

export class AddonSource implements WorkSource {
  readonly mode = 'addon' as const;

  /** Whether the addon has ocr.job.release: unknown until the first shutdown that needs it. */
  private releaseSupported: boolean | null = null;
  /** Whether the addon has ocr.job.read_document (17.0.1.2.0): unknown until the first download. */
  private readDocumentSupported: boolean | null = null;
  /** Whether the addon has ocr.job.lookup (17.0.1.3.0): unknown until the first write-back. */
  private lookupSupported: boolean | null = null;

  private readonly companyOverwrite: CompanyOverwrite;
  /** The lease keeper's side of the renewals that ride on lookup and complete (17.0.1.4.0). */
  private rides: LeaseRides | null = null;
  /** How many jobs the worker will claim once a document is finished (the worker's side of claim_on_complete). */
  private claimAhead: ((finishing: WorkItem) => number) | null = null;
  /** Leases a complete() brought back, for the next fetch; null when none were asked for since the last fetch. */
  private claimedAhead: WorkItem[] | null = null;
  /** Jobs asked for by complete() calls under way: two documents finishing together do not claim the same room. */
  private aheadAsked = 0;

  /** Whether this worker introduced itself (name and version) to the addon; older addons have no presence model. */
  private greeted = false;
  /** What the addon's complete() accepts beyond the first contract (hello's answer, 17.0.1.3.0: review_codes). */
  private accepts = new Set<string>();

  constructor(private readonly client: OdooClient, private readonly opts: AddonSourceOptions) {
    this.companyOverwrite = new CompanyOverwrite(client);
  }

  policyFor(item: WorkItem, base: WritePolicy): Promise<WritePolicy> {
    return this.companyOverwrite.policyFor(item.target.companyId, base);
  }

  carryLeases(rides: LeaseRides): void {
    this.rides = rides;
  }

  planClaims(ahead: (finishing: WorkItem) => number): void {
    this.claimAhead = ahead;
  }

  /** claim()'s arguments; an addon before 17.0.1.4.0 refuses document_bytes: sent only when hello said it is known. */
  private claimArgs(limit: number): Record<string, unknown> {
    const documentBytes = this.accepts.has('claim_documents') && this.opts.claimFileBytes ? { document_bytes: this.opts.claimFileBytes } : {};
    return { worker_id: this.opts.workerId, limit: Math.min(limit, MAX_CLAIM), lease_seconds: this.opts.leaseSeconds, channels: this.opts.channels.length ? this.opts.channels : null, ...documentBytes };
  }

  private toItems(jobs: unknown): WorkItem[] {
    const now = Date.now();
    return (Array.isArray(jobs) ? (jobs as ClaimedJob[]) : []).map((job) => toWorkItem(job, now, now + this.opts.leaseSeconds * 1000));
  }

  async fetch(limit: number): Promise<WorkItem[]> {
    if (this.claimedAhead !== null) {
      // the last complete() claimed for this poll already (empty: the queue was dry a moment ago)
      const ahead = this.claimedAhead;
      this.claimedAhead = null;
      return ahead;
    }
    if (!this.greeted) await this.greet();
    const jobs = await this.client.call<ClaimedJob[]>(JOB_MODEL, 'claim', { kwargs: this.claimArgs(limit) });
    return this.toItems(jobs);
  }

  /**
   * The job's file, read by the addon under the lease token (so a file only its uploader may read, like an inbox
   * upload linked to no record, reaches the worker too). An addon without the call answers "method does not
   * exist": then undefined, and the worker reads ir.attachment itself as before.
   */
  async readDocument(item: WorkItem): Promise<Record<string, unknown> | null | undefined> {
    if (item.handed !== undefined) {
      // handed over with the claim: held only until it is read
      const handed = item.handed;
      delete item.handed;
      return handed || null;
    }
    if (this.readDocumentSupported === false || item.jobId === null || item.token === null) return undefined;
    let answer: Record<string, unknown> | false | null;
    try {
      answer = await this.client.call<Record<string, unknown> | false | null>(JOB_MODEL, 'read_document', {
        kwargs: { job_id: item.jobId, token: item.token },
        idempotent: true,
      });
    } catch (err) {
      if (!(err instanceof OdooError && err.code === 'NOT_FOUND')) throw err;
      this.readDocumentSupported = false;
      return undefined;
    }
    this.readDocumentSupported = true;
    if (answer && answer.state === 'lost') {
      item.abandoned ??= 'lost';
      throw new Error('lease lost before the download');
    }
    return answer || null;
  }

  /**
   * The write-back's planned searches in one RPC (ocr.job.lookup, 17.0.1.3.0), run by the addon with this worker
   * user's own rights under the lease token. An older addon answers "method does not exist": then undefined, and the
   * write-back asks each search itself as before.
   */
  async lookup(item: WorkItem, queries: LookupQuery[]): Promise<Array<Record<string, unknown>[] | null> | undefined> {
    if (this.lookupSupported === false || item.jobId === null || item.token === null) return undefined;
    let answer: { state?: string; results?: unknown[]; held?: unknown } | null;
    const riding = this.ridingLeases(item);
    try {
      answer = await this.client.call(JOB_MODEL, 'lookup', { kwargs: { job_id: item.jobId, token: item.token, queries, ...riding.kwargs }, idempotent: true });
    } catch (err) {
      if (!(err instanceof OdooError && err.code === 'NOT_FOUND')) throw err;
      this.lookupSupported = false;
      return undefined;
    }
    this.lookupSupported = true;
    riding.answered(answer?.held);
    if (answer?.state === 'lost') {
      item.abandoned ??= 'lost';
      throw new Error('lease lost before the write-back');
    }
    const results = Array.isArray(answer?.results) ? answer.results : [];
    return queries.map((_, i) => (Array.isArray(results[i]) ? (results[i] as Record<string, unknown>[]) : null));
  }

  /** The other held leases due for renewal, sent along on a call about `item` (17.0.1.4.0), and what to do with the
   * answer's `held`. */
  private ridingLeases(item: WorkItem): { kwargs: Record<string, unknown>; answered(held: unknown): void } {
    const items = this.rides && this.accepts.has('renew') ? this.rides.due(item).filter((i) => i.jobId !== null && i.token !== null) : [];
    if (items.length === 0) return { kwargs: {}, answered: () => {} };
    const sentAt = Date.now();
    return {
      kwargs: { renew: items.map((i) => [i.jobId, i.token]), lease_seconds: this.opts.leaseSeconds },
      answered: (held) => {
        if (Array.isArray(held)) this.rides!.renewed(items, new Set(held.filter((id): id is number => typeof id === 'number')), sentAt);
      },
    };
  }

  /** Tells the addon who is polling and which version it runs (shown in Odoo's OCR settings); once per process. */
  private async greet(): Promise<void> {
    try {
      const answer = await this.client.call<{ accepts?: unknown } | boolean>('ocr.worker.presence', 'hello', {
        kwargs: { worker_id: this.opts.workerId, version: this.opts.version ?? null },
        idempotent: true,
      });
      const accepts = answer && typeof answer === 'object' && Array.isArray(answer.accepts) ? answer.accepts : [];
      this.accepts = new Set(accepts.filter((a): a is string => typeof a === 'string'));
    } catch (err) {
      // An addon older than the presence model: nothing to tell it; the claims still work.
      if (!(err instanceof OdooError && err.code === 'NOT_FOUND')) throw err;
    }
    this.greeted = true;
  }

  async renew(items: WorkItem[]): Promise<Set<string>> {
    const leased = items.filter((item) => item.jobId !== null && item.token !== null);
    if (leased.length === 0) return new Set();
    const held = await this.client.call<number[]>(JOB_MODEL, 'heartbeat', {
      kwargs: { job_tokens: leased.map((item) => [item.jobId, item.token]), lease_seconds: this.opts.leaseSeconds },
      idempotent: true,
    });
    const heldIds = new Set(Array.isArray(held) ? held : []);
    return new Set(leased.filter((item) => heldIds.has(item.jobId!)).map((item) => item.key));
  }

  async complete(item: WorkItem, result: ScanResult, prepared: PreparedValues): Promise<CompleteOutcome> {
    // The addon does not change a bill's type: the write-back's rule for that (src/writeback/move-type.ts).
    if (changesMoveType(prepared)) {
      prepared = keepMoveType(prepared, item.target.resModel === 'account.move' ? await this.client.fieldsGet('account.move') : {});
    }
    if (!this.accepts.has('review_codes')) {
      // an addon before 17.0.1.3.0 refuses keys it does not know: it shows the English sentences
      const { review_codes: _codes, ...rest } = prepared;
      prepared = rest;
    }
    const riding = this.ridingLeases(item);
    // The claim the worker would make right after this document, made by complete() itself (17.0.1.4.0).
    const wanted = this.accepts.has('claim_on_complete') ? (this.claimAhead?.(item) ?? 0) : 0;
    const ahead = Math.max(0, wanted - this.aheadAsked - (this.claimedAhead?.length ?? 0));
    this.aheadAsked += ahead;
    let answer: { state: string; res_model?: string | false; res_id?: number | false; created?: boolean; held?: unknown; claimed?: unknown };
    try {
      answer = await this.client.call(
        JOB_MODEL,
        'complete',
        // The complete itself is idempotent (a repeat changes nothing and answers the same); a claim carried by an
        // attempt whose answer was lost leaves its jobs leased until their leases expire, then they return.
        {
          kwargs: {
            job_id: item.jobId, token: item.token, result: withoutNul(this.opts.resultForOdoo?.(result) ?? result), values: withoutNul(prepared), ...riding.kwargs,
            ...(ahead > 0 ? { claim: this.claimArgs(ahead) } : {}),
          },
          idempotent: true,
        },
      );
    } finally {
      this.aheadAsked -= ahead;
    }
    riding.answered(answer?.held);
    if (ahead > 0 && Array.isArray(answer?.claimed)) this.claimedAhead = [...(this.claimedAhead ?? []), ...this.toItems(answer.claimed)];
    return {
      state: answer?.state === 'review' || answer?.state === 'lost' ? answer.state : 'done',
      resModel: answer?.res_model || null,
      resId: answer?.res_id || null,
      created: answer?.created === true,
    };
  }

  async fail(item: WorkItem, error: string, retryable: boolean): Promise<FailOutcome> {
    const answer = await this.client.call<{ state: string; next_attempt_at?: string | false }>(JOB_MODEL, 'fail', {
      kwargs: { job_id: item.jobId, token: item.token, error, retryable },
      idempotent: true,
    });
    return { state: answer?.state ?? 'unknown', nextAttemptAt: answer?.next_attempt_at || null };
  }

  /**
   * Hands unfinished jobs back at shutdown. With the addon's `release` (lease token checked, state back to pending,
   * the attempt not counted) in one call; an addon without it answers "method does not exist", and the jobs are
   * then failed as retryable instead (pending again after the addon's retry backoff, one attempt used).
   */
  async release(items: WorkItem[]): Promise<void> {
    // the leases a complete() brought back that no fetch took yet go back too
    const ahead = this.claimedAhead ?? [];
    this.claimedAhead = null;
    const leased = [...items, ...ahead].filter((item) => item.jobId !== null && item.token !== null);
    if (leased.length === 0) return;
    if (this.releaseSupported !== false) {
      try {
        await this.client.call<number[]>(JOB_MODEL, 'release', {
          kwargs: { job_tokens: leased.map((item) => [item.jobId, item.token]) },
          idempotent: true, // a repeated release answers the same and changes nothing
        });
        this.releaseSupported = true;
        return;
      } catch (err) {
        if (!(err instanceof OdooError && err.code === 'NOT_FOUND')) throw err;
        this.releaseSupported = false;
      }
    }
    await Promise.allSettled(leased.map((item) => this.fail(item, RELEASE_MESSAGE, true)));
  }
}

function toWorkItem(job: ClaimedJob, now: number, leaseUntil: number): WorkItem {
  const resModel = job.res_model && TARGET_MODELS.has(job.res_model as TargetModel) ? (job.res_model as TargetModel) : 'ir.attachment';
  return {
    key: `job:${job.job_id}`,
    jobId: job.job_id,
    token: job.token,
    attachmentId: job.attachment_id,
    name: job.name || `attachment-${job.attachment_id}`,
    mimetype: job.mimetype || null,
    fileSize: typeof job.file_size === 'number' ? job.file_size : null,
    target: {
      resModel,
      resId: resModel !== 'ir.attachment' && job.res_id ? job.res_id : null,
      attachmentId: job.attachment_id,
      companyId: job.company_id || null,
    },
    channel: job.channel || 'root',
    attempts: job.attempts ?? 0,
    maxAttempts: job.max_attempts ?? 0,
    claimedAt: now,
    leaseUntil,
    abandoned: null,
    ...(job.document !== undefined ? { handed: job.document } : {}),
  };
}
