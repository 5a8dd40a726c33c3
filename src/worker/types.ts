import type { ScanResult } from '../contract.js';
import type { ScanCall } from '../pipeline/scan.js';
import type { OdooClient } from '../odoo/types.js';
import type { LookupQuery } from '../writeback/lookups.js';
import type { ApplyKnown, ApplyResult, PreparedValues, WorkTarget, WritePolicy } from '../writeback/types.js';

// The seams of the worker: where work comes from (addon jobs or the addon-less ledger), how a document is read
// (the scanner) and how values reach Odoo (the write-back). Tests and benchmarks swap the scan function only.

export type WorkerMode = 'addon' | 'addonless';

/** The addon's job queue (addon mode): one row per document, leased by workers. */
export const JOB_MODEL = 'ocr.job';

/** One document this worker holds: an ocr.job lease (addon) or a ledger row (addon-less). */
export interface WorkItem {
  key: string; // "job:12" or "hr.expense:7" / "att:31"
  jobId: number | null;
  token: string | null; // the lease's fencing token (addon mode)
  attachmentId: number;
  name: string;
  mimetype: string | null;
  fileSize: number | null;
  target: WorkTarget;
  channel: string;
  attempts: number;
  maxAttempts: number;
  claimedAt: number;
  /** Until when the lease is surely ours (ms since epoch): set by claim, moved on by each heartbeat Odoo answers.
   * While Odoo is unreachable the worker keeps trying to finish the job up to this moment (addon-less: a lease's
   * length after it was taken, so that `sync --once` ends even when Odoo does not come back). */
  leaseUntil: number;
  /** True once complete() or fail() was sent: a heartbeat that no longer finds the job may just be seeing it finished. */
  finishing?: boolean;
  /** The file as the claim handed it over (addon 17.0.1.4.0, within the claim's byte budget), until it is read;
   * false: the attachment is gone. */
  handed?: Record<string, unknown> | false;
  /** Set when the lease was lost (heartbeat refused) or released at shutdown: the result must not be written. */
  abandoned: null | 'lost' | 'released';
}

/** 'lost': Odoo answered that our token no longer holds the job (another worker has it now). */
export type FinalState = 'done' | 'review' | 'lost';

export interface CompleteOutcome {
  state: FinalState;
  resModel: string | null;
  resId: number | null;
  created: boolean;
}

export interface FailOutcome {
  /** 'pending'/'retry': tried again later; 'failed': dead letter, error visible in Odoo; 'lost': not ours any more. */
  state: string;
  nextAttemptAt?: string | null;
}

/** Leases that ride along on calls the worker makes anyway (the lease keeper's side; see lease-keeper.ts). */
export interface LeaseRides {
  /** The held leases worth renewing now, besides `except` (the job the call is about). */
  due(except: WorkItem | null): WorkItem[];
  /** Odoo answered a call that carried `items`: `heldIds` are the job ids still ours, as of `sentAt`. */
  renewed(items: WorkItem[], heldIds: Set<number>, sentAt: number): void;
}

export interface WorkSource {
  readonly mode: WorkerMode;
  /** True when fewer documents than asked means none are left (addon-less discovery returns all it finds; an addon
   * claim may be capped by a channel's share, which frees as documents finish). */
  readonly shortMeansEmpty?: boolean;
  /** Claims (addon) or discovers (addon-less) up to `limit` documents. An idle poll costs one RPC in addon mode. */
  fetch(limit: number): Promise<WorkItem[]>;
  /** Renews every held lease in one call; returns the keys still held. */
  renew(items: WorkItem[]): Promise<Set<string>>;
  complete(item: WorkItem, result: ScanResult, prepared: PreparedValues): Promise<CompleteOutcome>;
  fail(item: WorkItem, error: string, retryable: boolean): Promise<FailOutcome>;
  /** Gives unfinished documents back (shutdown) so another worker, or the next start, takes them. */
  release(items: WorkItem[]): Promise<void>;
  /**
   * The document's attachment row (with base64 `datas`) as the queue hands it over; undefined when this source
   * has no such call (the worker then reads ir.attachment itself), null when the attachment is gone.
   */
  readDocument?(item: WorkItem, fields: string[]): Promise<Record<string, unknown> | null | undefined>;
  /**
   * Runs the write-back's planned searches in one call (addon: ocr.job.lookup, under the lease token); the rows per
   * query in order, null for a query Odoo refused. Undefined when this source (or this addon) has no such call.
   */
  lookup?(item: WorkItem, queries: LookupQuery[]): Promise<Array<Record<string, unknown>[] | null> | undefined>;
  /** Tells the source how many jobs the worker will claim once a document is finished, so that the document's own
   * complete() can claim them (addon 17.0.1.4.0: claim_on_complete); the next fetch then answers without an RPC. */
  planClaims?(ahead: (finishing: WorkItem) => number): void;
  /** Lets the source renew held leases on its own calls (addon 17.0.1.4.0: lookup and complete carry them). */
  carryLeases?(rides: LeaseRides): void;
  /** The write policy for this document, when the queue's side has a say in it (addon: the company's overwrite). */
  policyFor?(item: WorkItem, base: WritePolicy): Promise<WritePolicy>;
}

export type ScanFn = (data: Buffer, name: string, call?: ScanCall) => Promise<ScanResult>;

export type PrepareFn = (client: OdooClient, target: WorkTarget, result: ScanResult, policy: WritePolicy) => Promise<PreparedValues>;
export type ApplyFn = (
  client: OdooClient,
  target: WorkTarget,
  prepared: PreparedValues,
  policy: WritePolicy,
  marker: string,
  known?: ApplyKnown,
) => Promise<ApplyResult>;

export interface WriteBack {
  prepare: PrepareFn;
  apply: ApplyFn;
}
