import type { AddonlessModel, RetryConfig } from '../config.js';
import type { ScanResult } from '../contract.js';
import type { Domain, OdooClient } from '../odoo/types.js';
import type { PreparedValues, TargetModel, WritePolicy } from '../writeback/types.js';
import { documentMarker, MARKER_PREFIX, markersIn } from '../writeback/apply.js';
import { type LookupQuery, lookupKey, searchLookup } from '../writeback/lookups.js';
import { escapeHtml } from '../writeback/note.js';
import { MOVE_FIELDS } from '../writeback/prepare-bill.js';
import { existing } from '../writeback/prepare-context.js';
import { EXPENSE_FIELDS } from '../writeback/prepare-expense.js';
import { BILL_MOVE_TYPES } from '../writeback/rules.js';
import { Ledger, ledgerKey, type LedgerEntry } from './ledger.js';
import type { ApplyFn, CompleteOutcome, FailOutcome, WorkItem, WorkSource } from './types.js';

// Addon-less mode (Odoo Online, where custom modules cannot be installed): work is found by domain — draft vendor
// bills/refunds and draft expenses that have an attachment but no amount — plus an optional inbox of attachments.
// The local ledger decides what was already handled; the write-back itself is idempotent by Odoo state, so a crash
// between writing and recording cannot produce a second bill or note.
// RPCs per document: what can be read for a whole poll is read once per poll — the records and their attachments,
// the files that fit CLAIM_FILES_MB (one read), the worker's earlier notes on those records (one search: a rerun or
// an earlier ledger must not post a note twice), and the company and currency rows the write-back looks up (kept
// for the poll). What depends on one document's content (its vendor, its duplicates) is asked per document.
// Scale-out without the addon: WORKER_SHARD=k/N makes this worker take only records whose id (attachment id for the
// inbox) is k-1 modulo N, so N workers with their own ledgers never take the same document. Odoo domains cannot
// express a modulo, so rows of other shards are filtered here and not asked about again for a while.

const READABLE_MIMETYPE = /^(application\/pdf|image\/|application\/xml|text\/xml|application\/pkcs7-mime|application\/octet-stream)/;
/** A record found without a readable attachment, or belonging to another shard, is not asked about again for this long. */
const SKIP_RECHECK_MS = 10 * 60_000;
/** Searches per model and poll at most when most rows found belong to other shards. */
const MAX_SHARD_PAGES = 4;

/** This worker's static share of the documents: ids with id % count === index - 1. */
export interface Shard {
  index: number;
  count: number;
}

export function inShard(shard: Shard | undefined, id: number): boolean {
  return !shard || id % shard.count === shard.index - 1;
}

export interface AddonlessOptions {
  workerId: string;
  models: AddonlessModel[];
  inboxResModel?: string;
  inboxResId?: number;
  maxAttempts: number;
  retry: RetryConfig;
  policy: WritePolicy;
  apply: ApplyFn;
  shard?: Shard;
  /** How long a document is held while Odoo does not answer (LEASE_SECONDS; default 300). */
  holdSeconds?: number;
  /** Files read with the poll, in bytes at most (CLAIM_FILES_MB; default none: each file read on its own). */
  pollFileBytes?: number;
}

/** What read_document would answer: the file with the metadata the write-back reads. */
const DOCUMENT_FIELDS = ['datas', 'name', 'mimetype', 'file_size', 'checksum', 'res_model', 'res_id', 'company_id'];
/** Reference rows that do not change while a poll's documents are written: their searches are kept for the poll. */
const POLL_CACHED_MODELS = new Set(['res.company', 'res.currency']);

interface Candidate {
  id: number;
  /** and the fields the write-back reads first (MOVE_FIELDS / EXPENSE_FIELDS) */
  [field: string]: unknown;
  company_id?: [number, string] | number | false;
  message_main_attachment_id?: [number, string] | number | false;
}

interface AttachmentRow {
  id: number;
  name: string | false;
  mimetype: string | false;
  file_size: number | false;
  res_id: number | false;
  company_id?: [number, string] | number | false;
}

/** Models with a main attachment (mail.thread.main.attachment); sale.order and stock.picking have none. */
const MAIN_ATTACHMENT_MODELS: ReadonlySet<string> = new Set(['account.move', 'hr.expense']);

const ATTACHMENT_FIELDS = ['id', 'name', 'mimetype', 'file_size', 'res_id', 'company_id'];

/** Domains of the records that still wait for their document to be read. Whether a record has an attachment is
 * checked by a second query on ir.attachment (res_model/res_id), the link every Odoo version keeps; records
 * without one are not asked about again for a while. */
export function discoveryDomain(model: AddonlessModel, amountField = 'total_amount_currency'): Domain {
  // a quotation made for a customer's order still to be read: a draft without lines
  if (model === 'sale.order') return [['state', 'in', ['draft', 'sent']], ['order_line', '=', false]];
  // a receipt not yet done: the delivery note attached to it is compared with the order (once, by the ledger)
  if (model === 'stock.picking') return [['picking_type_code', '=', 'incoming'], ['state', 'not in', ['done', 'cancel']]];
  if (model === 'account.move') {
    return [
      ['move_type', 'in', [...BILL_MOVE_TYPES]],
      ['state', '=', 'draft'],
      '|',
      ['amount_total', '=', 0],
      ['partner_id', '=', false],
    ];
  }
  return [['state', '=', 'draft'], [amountField, '=', 0]];
}

/** The target record's row as the poll read it, when `query` is the write-back's read of that record by id and the
 * poll read every field it asks for; null otherwise. */
function recordAsRead(record: Record<string, unknown>, item: WorkItem, query: LookupQuery): Record<string, unknown>[] | null {
  if (query.from || query.model !== item.target.resModel || item.target.resId === null) return null;
  const [term, ...rest] = query.domain;
  if (rest.length || !Array.isArray(term) || term[0] !== 'id' || term[1] !== '=' || term[2] !== item.target.resId) return null;
  const fields = query.opts.fields ?? [];
  if (!fields.length || !fields.every((f) => f in record)) return null;
  return [Object.fromEntries([['id', record.id], ...fields.map((f) => [f, structuredClone(record[f])])])];
}

function m2o(value: [number, string] | number | false | undefined): number | null {
  if (Array.isArray(value)) return value[0];
  return typeof value === 'number' && value > 0 ? value : null;
}

export class AddonlessSource implements WorkSource {
  readonly mode = 'addonless' as const;
  /** Discovery returns every document it finds, up to the limit: fewer means the search came back dry. */
  readonly shortMeansEmpty = true;
  /** "model:id" (or "inbox:id") → until when discovery leaves it out: no attachment yet, or another shard's. */
  private readonly skipUntil = new Map<string, number>();
  /** Ledger key → markers of the worker's notes already on its record, found with the poll. */
  private readonly earlierMarkers = new Map<string, string[]>();
  /** Ledger key → its record as the poll's search read it, for the write-back's first read (used once). */
  private readonly recordsRead = new Map<string, Record<string, unknown>>();
  /** The poll's answers to reference searches (POLL_CACHED_MODELS), by lookupKey. */
  private pollLookups = new Map<string, Promise<Record<string, unknown>[]>>();

  constructor(private readonly client: OdooClient, readonly ledger: Ledger, private readonly opts: AddonlessOptions) {}

  async fetch(limit: number): Promise<WorkItem[]> {
    this.pollLookups = new Map();
    const items = await this.discover(limit);
    await this.handFiles(items);
    return items;
  }

  /** The files of this poll's documents in one read, in order, while their sizes fit the budget. */
  private async handFiles(items: WorkItem[]): Promise<void> {
    let budget = this.opts.pollFileBytes ?? 0;
    const handed: WorkItem[] = [];
    for (const item of items) {
      if (item.fileSize === null || item.fileSize > budget) break;
      budget -= item.fileSize;
      handed.push(item);
    }
    if (handed.length < 2) return; // one file: its own read costs the same
    const rows = await this.client.read<Record<string, unknown>>('ir.attachment', handed.map((i) => i.attachmentId), DOCUMENT_FIELDS);
    const byId = new Map(rows.map((row) => [row.id as number, row]));
    for (const item of handed) item.handed = byId.get(item.attachmentId) ?? false;
  }

  /** The file as the poll read it; undefined (read it yourself) when it was not read with the poll. */
  async readDocument(item: WorkItem): Promise<Record<string, unknown> | null | undefined> {
    if (item.handed === undefined) return undefined;
    const handed = item.handed;
    delete item.handed;
    return handed || null;
  }

  /**
   * The write-back's planned searches that this poll can answer: reference rows (company, currency), each searched
   * once per poll whichever document asks first; null for the others, which the write-back asks itself.
   */
  async lookup(item: WorkItem, queries: LookupQuery[]): Promise<Array<Record<string, unknown>[] | null>> {
    const record = this.recordsRead.get(item.key);
    this.recordsRead.delete(item.key);
    return Promise.all(queries.map(async (query) => {
      const asRead = record ? recordAsRead(record, item, query) : null;
      if (asRead) return asRead;
      if (!POLL_CACHED_MODELS.has(query.model) || query.from) return null;
      const key = lookupKey(query.model, query.domain, query.opts);
      let rows = this.pollLookups.get(key);
      if (!rows) {
        rows = searchLookup(this.client, query);
        rows.catch(() => this.pollLookups.delete(key)); // a failed search is asked again, not remembered
        this.pollLookups.set(key, rows);
      }
      return structuredClone(await rows);
    }));
  }

  private async discover(limit: number): Promise<WorkItem[]> {
    const now = Date.now();
    const out: WorkItem[] = [];
    // Retries first: they are known locally and cost no RPC to find.
    for (const row of this.ledger.dueRetries(now, limit)) {
      const entry: LedgerEntry = {
        key: row.key, resModel: row.res_model, resId: row.res_id, attachmentId: row.attachment_id, companyId: row.company_id, name: row.name,
      };
      if (this.ledger.tryStart(entry, now)) out.push(this.toItem(entry, row.attempts, null, null));
    }
    for (const model of this.opts.models) {
      if (out.length >= limit) break;
      out.push(...(await this.discoverRecords(model, limit - out.length, now)));
    }
    if (this.opts.inboxResModel && out.length < limit) out.push(...(await this.discoverInbox(limit - out.length, now)));
    return out;
  }

  /** Searches with `search`, leaving out known and skipped ids; with a shard, filters other shards' rows and
   * searches again (a few times at most) while they crowd out this worker's own. */
  private async findOwn<T extends { id: number }>(
    prefix: string, known: number[], limit: number, now: number, search: (exclude: number[], limit: number) => Promise<T[]>,
  ): Promise<T[]> {
    const shard = this.opts.shard;
    const own: T[] = [];
    for (let page = 0; page < (shard ? MAX_SHARD_PAGES : 1) && own.length < limit; page++) {
      const asked = shard ? (limit - own.length) * shard.count : limit - own.length;
      const rows = await search([...known, ...this.skipped(prefix, now)], asked);
      for (const row of rows) {
        if (inShard(shard, row.id)) own.push(row);
        else this.skipUntil.set(`${prefix}:${row.id}`, now + SKIP_RECHECK_MS);
      }
      if (rows.length < asked) break;
    }
    return own.slice(0, limit);
  }

  /** Quotations and receipts: most have no file, so the records are found through their files (newest files first),
   * not the other way round — a warehouse's hundred open receipts without a delivery note would otherwise fill every
   * search and the worker would stop before reaching the one that has one. */
  private async recordsWithFiles(model: AddonlessModel, skip: number[], asked: number): Promise<Candidate[]> {
    const files = await this.client.searchRead<AttachmentRow>('ir.attachment', [
      ['res_model', '=', model], ['res_id', '!=', 0], ['res_field', '=', false],
      ...(skip.length ? [['res_id', 'not in', skip] as [string, string, unknown]] : []),
    ], { fields: ['res_id'], limit: asked * 4, order: 'id desc' });
    const ids = [...new Set(files.map((f) => f.res_id).filter((id): id is number => typeof id === 'number' && id > 0))];
    if (!ids.length) return [];
    return this.client.searchRead<Candidate>(model, [...discoveryDomain(model), ['id', 'in', ids]], { fields: ['id', 'company_id'], limit: asked, order: 'id asc' });
  }

  private async discoverRecords(model: AddonlessModel, limit: number, now: number): Promise<WorkItem[]> {
    const byFiles = !MAIN_ATTACHMENT_MODELS.has(model);
    // the fields the write-back reads first come with the search: its first read of a bill or an expense costs no
    // RPC (it reads the record again right before writing, so what a person types meanwhile is seen and kept)
    const readFirst = model === 'account.move' || model === 'hr.expense'
      ? existing(await this.client.fieldsGet(model), model === 'account.move' ? MOVE_FIELDS : EXPENSE_FIELDS)
      : [];
    const records = await this.findOwn<Candidate>(model, this.ledger.knownIds(model), limit, now, (skip, asked) => byFiles ? this.recordsWithFiles(model, skip, asked) :
      this.client.searchRead<Candidate>(model, [...discoveryDomain(model), ...(skip.length ? [['id', 'not in', skip] as [string, string, unknown]] : [])], {
        fields: [...new Set(['id', 'company_id', ...(MAIN_ATTACHMENT_MODELS.has(model) ? ['message_main_attachment_id'] : []), ...readFirst])],
        limit: asked,
        order: 'id asc',
      }),
    );
    if (records.length === 0) return [];
    const attachments = await this.client.searchRead<AttachmentRow>(
      'ir.attachment',
      [['res_model', '=', model], ['res_id', 'in', records.map((r) => r.id)]],
      { fields: ATTACHMENT_FIELDS, order: 'id asc' },
    );
    const markers = await this.notesOn(model, records.map((r) => r.id));
    const out: WorkItem[] = [];
    for (const record of records) {
      const mine = attachments.filter((a) => a.res_id === record.id && a.mimetype && READABLE_MIMETYPE.test(a.mimetype));
      const main = m2o(record.message_main_attachment_id);
      const chosen = mine.find((a) => a.id === main) ?? mine[0];
      if (!chosen) {
        this.skipUntil.set(`${model}:${record.id}`, now + SKIP_RECHECK_MS);
        continue;
      }
      const entry: LedgerEntry = {
        key: ledgerKey(model, record.id, chosen.id), resModel: model, resId: record.id, attachmentId: chosen.id,
        companyId: m2o(record.company_id), name: chosen.name || `attachment-${chosen.id}`,
      };
      if (!this.ledger.tryStart(entry, now)) continue;
      this.earlierMarkers.set(entry.key, markers.get(record.id) ?? []);
      this.recordsRead.set(entry.key, record);
      out.push(this.toItem(entry, 0, chosen.mimetype || null, chosen.file_size || null));
    }
    return out;
  }

  /** The markers of the worker's notes on these records, in one search for the poll. */
  private async notesOn(model: string, ids: number[]): Promise<Map<number, string[]>> {
    const notes = await this.client.searchRead<{ res_id: number; body: unknown }>(
      'mail.message', [['model', '=', model], ['res_id', 'in', ids], ['body', 'ilike', MARKER_PREFIX]], { fields: ['res_id', 'body'] },
    );
    const byRecord = new Map<number, string[]>();
    for (const note of notes) byRecord.set(note.res_id, [...(byRecord.get(note.res_id) ?? []), ...markersIn([note.body])]);
    return byRecord;
  }

  private async discoverInbox(limit: number, now: number): Promise<WorkItem[]> {
    const base: Domain = [['res_model', '=', this.opts.inboxResModel!]];
    if (this.opts.inboxResId !== undefined) base.push(['res_id', '=', this.opts.inboxResId]);
    const rows = await this.findOwn<AttachmentRow>('inbox', this.ledger.knownIds('inbox'), limit, now, (skip, asked) =>
      this.client.searchRead<AttachmentRow>('ir.attachment', [...base, ...(skip.length ? [['id', 'not in', skip] as [string, string, unknown]] : [])], {
        fields: ATTACHMENT_FIELDS, limit: asked, order: 'id asc',
      }),
    );
    const out: WorkItem[] = [];
    for (const att of rows) {
      if (!att.mimetype || !READABLE_MIMETYPE.test(att.mimetype)) continue;
      const entry: LedgerEntry = {
        key: ledgerKey('ir.attachment', null, att.id), resModel: 'ir.attachment', resId: null, attachmentId: att.id,
        companyId: m2o(att.company_id), name: att.name || `attachment-${att.id}`,
      };
      if (this.ledger.tryStart(entry, now)) out.push(this.toItem(entry, 0, att.mimetype, att.file_size || null));
    }
    return out;
  }

  private skipped(prefix: string, now: number): number[] {
    const ids: number[] = [];
    for (const [key, until] of this.skipUntil) {
      if (until <= now) this.skipUntil.delete(key);
      else if (key.startsWith(`${prefix}:`)) ids.push(Number(key.slice(prefix.length + 1)));
    }
    return ids;
  }

  /** Nothing to renew: the ledger is local and this process is its only user. */
  async renew(items: WorkItem[]): Promise<Set<string>> {
    return new Set(items.map((item) => item.key));
  }

  async complete(item: WorkItem, result: ScanResult, prepared: PreparedValues): Promise<CompleteOutcome> {
    this.ledger.markWriting(item.key, result.sha256);
    // The marker lets the write-back recognise its own earlier note after a crash, so nothing is written twice.
    const marker = documentMarker(item.attachmentId, result.sha256);
    const earlierMarkers = this.earlierMarkers.get(item.key);
    this.earlierMarkers.delete(item.key);
    this.recordsRead.delete(item.key);
    const applied = await this.opts.apply(this.client, item.target, prepared, this.opts.policy, marker, earlierMarkers ? { earlierMarkers } : undefined);
    if (prepared.activate_currency_ids?.length) this.pollLookups = new Map(); // the poll's currency rows changed
    const state = prepared.needs_review || applied.reviewReasons?.length ? 'review' : 'done';
    this.ledger.finish(item.key, state, applied.resId);
    return { state, resModel: applied.resModel, resId: applied.resId, created: applied.created };
  }

  async fail(item: WorkItem, error: string, retryable: boolean): Promise<FailOutcome> {
    this.earlierMarkers.delete(item.key);
    this.recordsRead.delete(item.key);
    const outcome = this.ledger.fail(item.key, error, retryable, this.opts.maxAttempts, this.opts.retry);
    if (outcome.state === 'failed' && item.target.resId !== null && item.target.resModel !== 'ir.attachment') {
      // The dead letter must be visible where people work: a note on the bill/expense.
      await this.client.messagePost(
        item.target.resModel,
        item.target.resId,
        `<p>OCR could not read the attached document <b>${escapeHtml(item.name)}</b>: ${escapeHtml(error)}</p>`,
      );
    }
    return { state: outcome.state, nextAttemptAt: outcome.nextAttemptAt ? new Date(outcome.nextAttemptAt).toISOString() : null };
  }

  async release(items: WorkItem[]): Promise<void> {
    for (const item of items) {
      this.ledger.release(item.key);
      this.earlierMarkers.delete(item.key);
      this.recordsRead.delete(item.key);
    }
  }

  private toItem(entry: LedgerEntry, attempts: number, mimetype: string | null, fileSize: number | null): WorkItem {
    const now = Date.now();
    return {
      key: entry.key,
      jobId: null,
      token: null,
      attachmentId: entry.attachmentId,
      name: entry.name,
      mimetype,
      fileSize,
      target: { resModel: entry.resModel as TargetModel, resId: entry.resId, attachmentId: entry.attachmentId, companyId: entry.companyId },
      channel: entry.resModel,
      attempts,
      maxAttempts: this.opts.maxAttempts,
      claimedAt: now,
      leaseUntil: now + (this.opts.holdSeconds ?? 300) * 1000,
      abandoned: null,
    };
  }
}
