// The companion addon's worker API (odoo_addon/ocr_worker/models/ocr_job.py) emulated on the fake Odoo, with the
// same semantics: atomic claim by priority then age honouring next_attempt_at and per-channel capacity, a fresh
// random token per claim (fencing), heartbeat renewing only leases still held, fail with backoff and a dead letter
// after max_attempts, complete writing back once (a repeated call changes nothing), requeue, and expired leases
// taken back on the next claim. A stale token answers {"state": "lost"}, as the addon does.
//
// The write-back of `complete` follows ocr_job_complete.py and ocr_document_mixin.py: unknown and protected fields
// are refused with a UserError (nothing is written), a record that is no longer a draft is not touched (review),
// only empty fields are written unless overwrite is on, Odoo's own placeholders count as empty (a bill's currency
// while it has no lines, an expense named after its file), fields kept silently. Values go through the fake's
// ORM (x2many commands create bill lines, computes run), bills for bare attachments and chatter notes are real
// rows, so duplicates are visible in fake.records().
//
// `release` came with the addon's 17.0.1.1.0; { release: false } emulates an older addon without it, so the
// worker's fallback (a retryable fail) stays tested too.
import { randomBytes } from 'node:crypto';
import { DEFAULT_WRITE_THRESHOLD } from '../../src/pipeline/confidence/policy.js';
import { DEFAULT_CREATE_VENDORS, type RuleTarget } from '../../src/write-rules.js';
import { isOdooDefault, isWritableState, overwriteApplies } from '../../src/writeback/rules.js';
import { compileDomain, FakeOdooException, type FakeOdoo } from './fake-odoo/index.js';
import { typeError } from './fake-odoo/exceptions.js';
import type { Row } from './fake-odoo/domain.js';

export const JOB_STATES = ['pending', 'running', 'done', 'review', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface FakeJob {
  id: number;
  attachment_id: number;
  res_model: string;
  res_id: number;
  company_id: number;
  channel: string;
  priority: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  next_attempt_at: number | null; // ms
  lease_owner: string | false;
  lease_token: string | false;
  lease_expires_at: number | null; // ms
  error: string | false;
  result: unknown;
  /** The PreparedValues of the complete() that finished the job. */
  values: Record<string, unknown> | null;
  doc_type: string | false;
  confidence: number | false;
  review_reasons: string | false;
  /** values.review_codes as received (17.0.1.3.0), or null */
  review_codes?: unknown;
  created_record: boolean;
  done_at: number | null;
  create_seq: number;
  /** Every complete that wrote something (for "done exactly once" checks). */
  completions: number;
}

export interface FakeOcrJobsOptions {
  /** Seconds before retry number n (addon: 30 s × 2^(n-1), capped at 1 h, ±20 %). Tests shrink it. */
  backoffSeconds?: (attempts: number) => number;
  defaultMaxAttempts?: number;
  /** Write threshold of the company (addon: res.company.ocr_write_threshold; default the addon's 0.9). */
  writeThreshold?: number;
  /** The company's ocr_activate_currencies setting. */
  activateCurrencies?: boolean;
  /** The company's ocr_overwrite setting. */
  overwrite?: boolean;
  /** The company's ocr_delivery_write_done setting (delivery notes write received quantities). */
  deliveryWriteDone?: boolean;
  /** The company's ocr_create_vendors setting (default: the rules table's, as the addon's field). */
  createVendors?: boolean;
  /** Install `release(job_tokens)` (default true; false = an addon older than 17.0.1.1.0). */
  release?: boolean;
  /** Install `read_document(job_id, token)` (default true; false = an addon older than 17.0.1.2.0). */
  readDocument?: boolean;
  /** Install `lookup(job_id, token, queries)` (default true; false = an addon older than 17.0.1.3.0). */
  lookup?: boolean;
  /** Install ocr.worker.presence with `hello(worker_id, version)` (default true; false = an addon before 17.0.1.2.0). */
  presence?: boolean;
  /** complete() accepts values.review_codes and hello says so (default true; false = an addon before 17.0.1.3.0). */
  reviewCodes?: boolean;
  /** claim() hands files over within `document_bytes`, lookup() and complete() renew the leases sent as `renew`, and
   * hello says so (default true; false = an addon before 17.0.1.4.0, which refuses those arguments). */
  rides?: boolean;
}

export interface FakeOcrJobs {
  enqueue(job: { attachmentId: number; resModel: string; resId?: number; companyId?: number; channel?: string; priority?: string; maxAttempts?: number }): number;
  jobs(): FakeJob[];
  job(id: number): FakeJob;
  setChannelCapacity(channel: string, capacity: number): void;
  /** Record values after the write-back (the fake's row as stored). */
  valuesOf(model: string, id: number): Row;
  /** Notes posted on a record by complete(). */
  notesOn(model: string, id: number): Row[];
  /** Makes running leases look expired now (a worker died). */
  expireLeases(): void;
}

const MAX_CLAIM = 100;
const LOOKUP_MAX_QUERIES = 40;
const LOOKUP_MAX_ROWS = 500;
const LOOKUP_MODELS = new Set(['account.move', 'account.journal', 'account.tax', 'hr.expense', 'ir.attachment', 'purchase.order', 'purchase.order.line', 'res.company', 'res.currency', 'res.partner', 'res.partner.bank']);

/** _ids_of of ocr_job_lookup.py: distinct ids a field holds across rows, in row order. */
function idsOf(rows: Row[], field: string): number[] {
  const ids: number[] = [];
  for (const row of rows) {
    let value = row[field];
    if (Array.isArray(value) && Number.isInteger(value[0])) value = value[0];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0 && !ids.includes(value)) ids.push(value);
  }
  return ids;
}
const PROTECTED = new Set(['id', 'state', 'company_id', 'move_type', 'create_uid', 'create_date', 'write_uid', 'write_date', 'message_main_attachment_id']);
const VALUE_KEYS = new Set(['write', 'create_move', 'note', 'needs_review', 'review_reasons', 'doc_type', 'confidence', 'duration_ms', 'activate_currency_ids', 'create_order', 'attach_to', 'move_quantities']);
/** As ocr_worker_sale: what a quotation made from a customer's order may say (never a state). */
const ORDER_KEYS = new Set(['partner_id', 'client_order_ref', 'origin', 'order_line', 'company_id']);
const PURCHASE_MOVE_TYPES = new Set(['in_invoice', 'in_refund', 'in_receipt']);

const toOdooDatetime = (ms: number | null) => (ms === null ? false : new Date(ms).toISOString().slice(0, 19).replace('T', ' '));

function userError(message: string): Error {
  return new FakeOdooException('odoo.exceptions.UserError', message, 422);
}

/** ocr.document.mixin._ocr_is_empty: 0 amounts, blank text, False, no x2many rows. */
function isEmptyField(type: string | undefined, value: unknown): boolean {
  if (type === 'float' || type === 'monetary') return Math.abs(Number(value) || 0) < 1e-6;
  if (type === 'char' || type === 'text' || type === 'html') return typeof value !== 'string' || value.trim() === '';
  return value === false || value === null || value === undefined || value === 0 || (Array.isArray(value) && value.length === 0);
}

/** _ocr_is_eligible of account.move / hr.expense. */
function isEligible(model: string, row: Row): boolean {
  if (model === 'account.move') return PURCHASE_MOVE_TYPES.has(String(row.move_type)) && isWritableState(model, row.state);
  if (model === 'hr.expense') return isWritableState(model, row.state);
  if (model === 'sale.order') return ['draft', 'sent'].includes(String(row.state)); // ocr_worker_sale
  if (model === 'stock.picking') return !['done', 'cancel'].includes(String(row.state)); // ocr_worker_stock
  return false;
}

function notEditableReason(model: string): string {
  return model === 'account.move'
    ? 'The bill is no longer a draft; the OCR values were not written.'
    : 'The expense is no longer a draft; the OCR values were not written.';
}

/** _ocr_value_is_placeholder: a value Odoo filled by itself, not one a person entered (the rules table's). */
function isPlaceholder(model: string, field: string, row: Row, attachmentName: string | null): boolean {
  if (model !== 'account.move' && model !== 'hr.expense') return false;
  return isOdooDefault(model, field, { current: row, attachmentName, amountField: 'total_amount_currency' });
}

export function installFakeOcrJobs(fake: FakeOdoo, opts: FakeOcrJobsOptions = {}): FakeOcrJobs {
  const backoff = opts.backoffSeconds ?? ((attempts: number) => Math.min(30 * 2 ** Math.max(attempts - 1, 0), 3600) * (0.8 + Math.random() * 0.4));
  const jobs = new Map<number, FakeJob>();
  const capacity = new Map<string, number>();
  /** ocr.worker.presence: worker id -> when it last claimed and the channels it takes (null: all). */
  const presence = new Map<string, { at: number; channels: Set<string> | null }>();
  const PRESENCE_MS = 120_000;
  let nextId = 1;
  let seq = 0;

  // the addon's company settings the worker reads (Settings > OCR)
  fake.defineModel('res.company', {
    ocr_overwrite: { type: 'boolean', string: 'OCR Overwrites Values', store: true },
    ocr_write_threshold: { type: 'float', string: 'OCR Write Threshold', store: true },
    ocr_activate_currencies: { type: 'boolean', string: 'OCR Activates Currencies', store: true },
    ocr_delivery_write_done: { type: 'boolean', string: 'Write Received Quantities from Delivery Notes', store: true },
    ocr_create_vendors: { type: 'boolean', string: 'OCR Creates Vendors', store: true },
  });
  for (const company of fake.records('res.company')) {
    fake.write('res.company', [company.id as number], {
      ocr_overwrite: !!opts.overwrite, ocr_write_threshold: opts.writeThreshold ?? DEFAULT_WRITE_THRESHOLD,
      ocr_activate_currencies: !!opts.activateCurrencies, ocr_delivery_write_done: !!opts.deliveryWriteDone,
      ocr_create_vendors: opts.createVendors ?? DEFAULT_CREATE_VENDORS,
    });
  }

  fake.defineModel('ocr.job', {
    attachment_id: { type: 'many2one', relation: 'ir.attachment', store: true, required: true },
    attachment_name: { type: 'char', store: false },
    res_model: { type: 'char', store: true, required: true },
    res_id: { type: 'many2one_reference', store: true },
    channel: { type: 'char', store: true },
    priority: { type: 'selection', store: true, selection: [['0', 'Low'], ['1', 'Normal'], ['2', 'High'], ['3', 'Urgent']] },
    state: { type: 'selection', store: true, selection: JOB_STATES.map((s) => [s, s] as [string, string]) },
    attempts: { type: 'integer', store: true },
    max_attempts: { type: 'integer', store: true },
    next_attempt_at: { type: 'datetime', store: true },
    lease_owner: { type: 'char', store: true },
    lease_expires_at: { type: 'datetime', store: true },
    error: { type: 'text', store: true },
    doc_type: { type: 'char', store: true },
    confidence: { type: 'float', store: true },
    review_reasons: { type: 'text', store: true },
    created_record: { type: 'boolean', store: true },
    done_at: { type: 'datetime', store: true },
    company_id: { type: 'many2one', relation: 'res.company', store: true },
  });

  const attachmentsById = () => new Map(fake.records('ir.attachment').map((a) => [a.id as number, a]));

  /** A job as search_read/read answer it (datetimes as Odoo strings, no token). */
  function asRow(job: FakeJob, names?: Map<number, Row>): Row {
    const att = names?.get(job.attachment_id);
    return {
      id: job.id, attachment_id: job.attachment_id, attachment_name: (att?.name as string) ?? false, res_model: job.res_model, res_id: job.res_id,
      channel: job.channel, priority: job.priority, state: job.state, attempts: job.attempts, max_attempts: job.max_attempts,
      next_attempt_at: toOdooDatetime(job.next_attempt_at), lease_owner: job.lease_owner, lease_expires_at: toOdooDatetime(job.lease_expires_at),
      error: job.error, doc_type: job.doc_type, confidence: job.confidence, review_reasons: job.review_reasons,
      created_record: job.created_record, done_at: toOdooDatetime(job.done_at), company_id: job.company_id,
    };
  }

  const FIELD_NAMES = new Set(Object.keys(asRow(emptyJob())));
  const schema = {
    model: 'ocr.job',
    fieldType: (path: string) => (FIELD_NAMES.has(path) ? (path === 'id' || path === 'attempts' || path === 'res_id' ? 'integer' : 'char') : null),
    value: (row: Row, path: string) => row[path] ?? false,
    displayName: () => false as const,
  };

  function search(domain: unknown): FakeJob[] {
    const names = attachmentsById();
    const predicate = compileDomain(domain ?? [], schema);
    return [...jobs.values()].filter((job) => predicate(asRow(job, names))).sort((a, b) => a.id - b.id);
  }

  function releaseExpired(now: number): void {
    for (const job of jobs.values()) {
      if (job.state !== 'running' || job.lease_expires_at === null || job.lease_expires_at >= now) continue;
      const message = `The lease of worker ${job.lease_owner || '?'} expired (attempt ${job.attempts} of ${job.max_attempts}).`;
      Object.assign(job, { lease_owner: false, lease_token: false, lease_expires_at: null, error: message });
      if (job.attempts >= job.max_attempts) Object.assign(job, { state: 'failed', next_attempt_at: null, done_at: now });
      else Object.assign(job, { state: 'pending', next_attempt_at: now + backoff(job.attempts) * 1000 });
    }
  }

  function intArg(name: string, value: unknown, low: number, high: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw userError(`${name} must be an integer, got ${JSON.stringify(value)}.`);
    if (value < low || value > high) throw userError(`${name} must be between ${low} and ${high}, got ${value}.`);
    return value;
  }

  function holder(jobId: unknown, token: unknown): FakeJob | null {
    if (typeof jobId !== 'number' || !Number.isInteger(jobId)) throw userError(`job_id must be an integer, got ${JSON.stringify(jobId)}.`);
    const job = jobs.get(jobId);
    return job && job.lease_token && typeof token === 'string' && job.lease_token === token ? job : null;
  }

  fake.registerMethod('ocr.job', 'claim', ({ kwargs }) => claim(kwargs), { apiModel: true });

  function claim(kwargs: Record<string, unknown>): Row[] {
    const workerId = kwargs.worker_id;
    if (typeof workerId !== 'string' || !workerId.trim()) throw userError('worker_id must be a non-empty string.');
    const limit = intArg('limit', kwargs.limit ?? 10, 1, MAX_CLAIM);
    const leaseSeconds = intArg('lease_seconds', kwargs.lease_seconds ?? 300, 10, 86400);
    // As the addon: null/absent means every channel, [] means none.
    const channels = Array.isArray(kwargs.channels) ? new Set(kwargs.channels as string[]) : null;
    if (opts.rides === false && kwargs.document_bytes !== undefined) throw typeError("claim() got an unexpected keyword argument 'document_bytes'");
    let budget = intArg('document_bytes', kwargs.document_bytes ?? 0, 0, 64 * 1024 * 1024);
    const now = Date.now();
    releaseExpired(now);
    presence.set(workerId, { at: now, channels });
    const running = new Map<string, number>();
    const mine = new Map<string, number>();
    for (const job of jobs.values()) {
      if (job.state !== 'running') continue;
      running.set(job.channel, (running.get(job.channel) ?? 0) + 1);
      if (job.lease_owner === workerId) mine.set(job.channel, (mine.get(job.channel) ?? 0) + 1);
    }
    // As the addon: a limited channel is divided among the workers seen lately that take it, the remainder going to
    // the first ones by name.
    const share = (channel: string, cap: number) => {
      const takers = [...presence.entries()].filter(([, p]) => now - p.at <= PRESENCE_MS && (!p.channels || p.channels.has(channel))).map(([name]) => name).sort();
      return Math.floor(cap / takers.length) + (takers.indexOf(workerId) < cap % takers.length ? 1 : 0);
    };
    const ready = [...jobs.values()]
      .filter((j) => j.state === 'pending' && (j.next_attempt_at === null || j.next_attempt_at <= now) && (!channels || channels.has(j.channel)))
      .sort((a, b) => Number(b.priority) - Number(a.priority) || a.create_seq - b.create_seq || a.id - b.id);
    const names = attachmentsById();
    const leases: Row[] = [];
    for (const job of ready) {
      if (leases.length >= limit) break;
      const cap = capacity.get(job.channel) ?? 0;
      if (cap > 0 && (running.get(job.channel) ?? 0) >= cap) continue;
      if (cap > 0 && (mine.get(job.channel) ?? 0) >= share(job.channel, cap)) continue;
      running.set(job.channel, (running.get(job.channel) ?? 0) + 1);
      mine.set(job.channel, (mine.get(job.channel) ?? 0) + 1);
      Object.assign(job, {
        state: 'running', lease_owner: workerId, lease_token: randomBytes(20).toString('hex'),
        lease_expires_at: now + leaseSeconds * 1000, attempts: job.attempts + 1, next_attempt_at: null,
      });
      const att = names.get(job.attachment_id) ?? {};
      leases.push({
        job_id: job.id, token: job.lease_token, attachment_id: job.attachment_id, name: att.name ?? false, mimetype: att.mimetype ?? false,
        file_size: att.file_size ?? false, res_model: job.res_model, res_id: job.res_id, company_id: job.company_id, channel: job.channel,
        attempts: job.attempts, max_attempts: job.max_attempts,
      });
      // As the addon: the files in claim order while their sizes fit the budget, as read_document answers them.
      const size = typeof att.file_size === 'number' ? att.file_size : 0;
      if (budget && size <= budget) {
        leases[leases.length - 1]!.document = readDocumentRow(job);
        budget -= size;
      } else {
        budget = 0;
      }
    }
    return leases;
  }

  fake.registerMethod('ocr.job', 'heartbeat', ({ kwargs }) => renew(kwargs.job_tokens, kwargs.lease_seconds), { apiModel: true });

  /** _ocr_renew: heartbeat's work, also done by lookup and complete for the leases sent as `renew`. */
  function renew(pairs: unknown, leaseSecondsArg: unknown): number[] {
    const leaseSeconds = intArg('lease_seconds', leaseSecondsArg ?? 300, 10, 86400);
    if (!Array.isArray(pairs) || !pairs.every((p) => Array.isArray(p) && p.length === 2)) throw userError('job_tokens must be a list of [job_id, token] pairs.');
    const expires = Date.now() + leaseSeconds * 1000;
    const held: number[] = [];
    for (const [jobId, token] of pairs as Array<[unknown, unknown]>) {
      const job = holder(jobId, token);
      if (job && job.state === 'running') {
        job.lease_expires_at = expires;
        held.push(job.id);
      }
    }
    return held;
  }

  /** The extra arguments an addon before 17.0.1.4.0 refuses. */
  function ridesArg(kwargs: Record<string, unknown>, method: string): void {
    if (opts.rides === false && (kwargs.renew !== undefined || kwargs.lease_seconds !== undefined)) {
      throw typeError(`${method}() got an unexpected keyword argument 'renew'`);
    }
  }

  function readDocumentRow(job: FakeJob): Row | false {
    const [row] = fake.readRows('ir.attachment', [job.attachment_id], ['datas', 'name', 'mimetype', 'file_size', 'checksum', 'res_model', 'res_id', 'company_id']);
    return row ?? false;
  }

  fake.registerMethod('ocr.job', 'fail', ({ kwargs }) => {
    if (typeof kwargs.error !== 'string' || !kwargs.error.trim()) throw userError('error must be a non-empty string.');
    const job = holder(kwargs.job_id, kwargs.token);
    if (!job) return { state: 'lost', next_attempt_at: null };
    if (job.state !== 'running') {
      return job.state === 'pending' || job.state === 'failed' ? failAnswer(job) : { state: 'lost', next_attempt_at: null };
    }
    const now = Date.now();
    Object.assign(job, { lease_expires_at: null, error: kwargs.error.slice(0, 4000) });
    const retryable = kwargs.retryable !== false;
    if (retryable && job.attempts < job.max_attempts) Object.assign(job, { state: 'pending', next_attempt_at: now + backoff(job.attempts) * 1000 });
    else Object.assign(job, { state: 'failed', next_attempt_at: null, done_at: now });
    return failAnswer(job);
  }, { apiModel: true });

  if (opts.readDocument !== false) {
    // ocr.job.read_document: the leased job's attachment as read() answers it (m2o as [id, name]), read with the
    // addon's rights, not the caller's; a token that does not hold a running job gets {state: 'lost'}.
    fake.registerMethod('ocr.job', 'read_document', ({ kwargs }) => {
      const job = holder(kwargs.job_id, kwargs.token);
      if (!job || job.state !== 'running') return { state: 'lost' };
      return readDocumentRow(job);
    }, { apiModel: true });
  }

  if (opts.lookup !== false) {
    // ocr.job.lookup (ocr_job_lookup.py): the worker's planned searches, each a search_read with the caller's own
    // rights; `from` takes the ids of a field from an earlier answer's rows; an AccessError is that query's
    // {error}, anything else fails the call. A token that does not hold a running job gets {state: 'lost'}.
    fake.registerMethod('ocr.job', 'lookup', ({ kwargs, uid }) => {
      ridesArg(kwargs, 'lookup');
      const job = holder(kwargs.job_id, kwargs.token);
      if (!job || job.state !== 'running') return { state: 'lost' };
      const queries = kwargs.queries;
      if (!Array.isArray(queries) || queries.length > LOOKUP_MAX_QUERIES) throw userError(`queries must be a list of at most ${LOOKUP_MAX_QUERIES} searches.`);
      const results: unknown[] = [];
      queries.forEach((query: any, index) => {
        if (!query || typeof query !== 'object' || Array.isArray(query)) throw userError('Each query must be an object.');
        if (!LOOKUP_MODELS.has(query.model) || !fake.hasModel(query.model)) throw userError(`The OCR lookup does not search ${String(query.model)}.`);
        let domain = Array.isArray(query.domain) ? query.domain : [];
        const o = query.opts && typeof query.opts === 'object' ? query.opts : {};
        if (query.from) {
          const earlier = query.from.query;
          if (!Number.isInteger(earlier) || earlier < 0 || earlier >= index) throw userError('A query can only take ids from an earlier query.');
          const rows = results[earlier];
          if (!Array.isArray(rows)) { results.push({ error: 'the query it depends on failed' }); return; }
          const ids = idsOf(rows as Row[], String(query.from.field));
          if (!ids.length) { results.push([]); return; }
          domain = [[query.from.as || 'id', 'in', ids], ...domain];
        }
        const limit = Number.isInteger(o.limit) && o.limit > 0 && o.limit <= LOOKUP_MAX_ROWS ? o.limit : LOOKUP_MAX_ROWS;
        const context = Object.fromEntries(Object.entries(o.context ?? {}).filter(([k]) => k === 'allowed_company_ids' || k === 'active_test'));
        try {
          results.push(fake.searchReadAs(query.model, { domain, fields: o.fields || undefined, offset: o.offset || 0, limit, order: o.order || undefined }, uid, context));
        } catch (err) {
          if (err instanceof FakeOdooException && err.odooName === 'odoo.exceptions.AccessError') results.push({ error: err.message });
          else throw err;
        }
      });
      return { state: 'running', results, ...(kwargs.renew ? { held: renew(kwargs.renew, kwargs.lease_seconds) } : {}) };
    }, { apiModel: true });
  }

  if (opts.presence !== false) {
    // ocr.worker.presence.hello: who polls and which version, shown in the addon's settings (one row per worker).
    fake.defineModel('ocr.worker.presence', {
      name: { type: 'char', string: 'Worker', store: true },
      version: { type: 'char', string: 'Version', store: true },
    });
    fake.registerMethod('ocr.worker.presence', 'hello', ({ kwargs }) => {
      const name = kwargs.worker_id;
      if (typeof name !== 'string' || !name.trim()) throw userError('worker_id must be a non-empty string.');
      const row = fake.records('ocr.worker.presence').find((r) => r.name === name);
      if (row) fake.write('ocr.worker.presence', [row.id as number], { version: kwargs.version ?? false });
      else fake.seed('ocr.worker.presence', [{ name, version: kwargs.version ?? false }]);
      if (opts.reviewCodes === false) return true;
      return { accepts: ['review_codes', ...(opts.rides === false ? [] : ['claim_documents', 'renew', 'claim_on_complete'])] };
    }, { apiModel: true });
  }

  if (opts.release !== false) {
    // ocr.job.release: hands running jobs back at once without counting the attempt (the claim's +1 is
    // undone), keeps the token so a repeated call answers the same, ignores leases this token no longer holds.
    fake.registerMethod('ocr.job', 'release', ({ kwargs }) => {
      const pairs = kwargs.job_tokens;
      if (!Array.isArray(pairs) || !pairs.every((p) => Array.isArray(p) && p.length === 2 && Number.isInteger(p[0]))) {
        throw userError('job_tokens must be a list of [job_id, token] pairs.');
      }
      const released: number[] = [];
      for (const [jobId, token] of [...(pairs as Array<[number, unknown]>)].sort((a, b) => a[0] - b[0])) {
        const job = holder(jobId, token);
        if (!job) continue;
        if (job.state === 'running') {
          Object.assign(job, {
            state: 'pending', attempts: Math.max(job.attempts - 1, 0), next_attempt_at: null, lease_expires_at: null, lease_owner: false,
            error: `Released by worker ${job.lease_owner || '?'} before it finished (shutdown); the attempt was not counted.`,
          });
          released.push(job.id);
        } else if (job.state === 'pending') {
          released.push(job.id); // released (or failed as retryable) by this lease already: same answer
        }
      }
      return released;
    }, { apiModel: true });
  }

  function failAnswer(job: FakeJob): Row {
    return { state: job.state, next_attempt_at: toOdooDatetime(job.next_attempt_at) || null };
  }

  fake.registerMethod('ocr.job', 'complete', ({ kwargs }) => {
    ridesArg(kwargs, 'complete');
    if (opts.rides === false && kwargs.claim !== undefined) throw typeError("complete() got an unexpected keyword argument 'claim'");
    if (kwargs.claim !== undefined && (typeof kwargs.claim !== 'object' || kwargs.claim === null || Array.isArray(kwargs.claim))) {
      throw userError('claim must be an object of claim() arguments.');
    }
    const answer = completeOne(kwargs);
    return {
      ...answer,
      ...(kwargs.renew ? { held: renew(kwargs.renew, kwargs.lease_seconds) } : {}),
      ...(kwargs.claim ? { claimed: claimRiding(kwargs.claim as Record<string, unknown>) } : {}),
    };
  }, { apiModel: true });

  /** As the addon: a claim riding on complete that is refused claims nothing (the result stands). */
  function claimRiding(kwargs: Record<string, unknown>): Row[] {
    try {
      return claim(kwargs);
    } catch (err) {
      if (err instanceof FakeOdooException) return [];
      throw err;
    }
  }

  function completeOne(kwargs: Record<string, unknown>): Row {
    const job = holder(kwargs.job_id, kwargs.token);
    const lost = { state: 'lost', res_model: null, res_id: null, created: false };
    if (!job) return lost;
    if (job.state === 'done' || job.state === 'review') return completeAnswer(job);
    if (job.state !== 'running') return lost;
    const values = (kwargs.values ?? {}) as Record<string, unknown>;
    if (typeof values !== 'object' || Array.isArray(values)) throw userError('values must be an object.');
    const unknown = Object.keys(values).filter((k) => !VALUE_KEYS.has(k) && !(k === 'review_codes' && opts.reviewCodes !== false));
    if (unknown.length) throw userError(`Unknown keys in values: ${unknown.sort().join(', ')}`);
    job.review_codes = values.review_codes ?? null;
    applyWriteBack(job, values, kwargs.result);
    return completeAnswer(job);
  }

  function completeAnswer(job: FakeJob): Row {
    return { state: job.state, res_model: job.res_model, res_id: job.res_id || null, created: job.created_record };
  }

  // Field definitions do not change once the fake runs; copying them per complete() would slow the benchmarks.
  const fieldCache = new Map<string, ReturnType<FakeOdoo['fieldsOf']>>();
  const fieldsOf = (model: string) => {
    let defs = fieldCache.get(model);
    if (!defs) fieldCache.set(model, (defs = fake.fieldsOf(model)));
    return defs;
  };

  /** _ocr_write_back: refuses unknown/protected fields, skips a non-draft, fills empty fields (or all on overwrite). */
  function checkWrite(model: string, write: Row): void {
    const defs = fieldsOf(model);
    const unknown = Object.keys(write).filter((f) => !(f in defs));
    if (unknown.length) throw userError(`${model} has no field ${unknown.sort().join(', ')}.`);
    const protectedKeys = Object.keys(write).filter((f) => PROTECTED.has(f));
    if (protectedKeys.length) throw userError(`The OCR worker may not write ${protectedKeys.sort().join(', ')}.`);
  }

  function writeBack(model: string, id: number, write: Row, attachmentName: string | null, overwrite: boolean): string[] {
    if (Object.keys(write).length === 0) return [];
    const current = valuesOf(model, id);
    if (!isEligible(model, current)) return [notEditableReason(model)];
    const defs = fieldsOf(model);
    const toWrite: Row = {};
    for (const [field, value] of Object.entries(write)) {
      if ((overwrite && overwriteApplies(model as RuleTarget, field)) || isEmptyField(defs[field]?.type, current[field]) || isPlaceholder(model, field, current, attachmentName)) toWrite[field] = value;
    }
    if (Object.keys(toWrite).length) fake.write(model, [id], toWrite);
    return [];
  }

  function applyWriteBack(job: FakeJob, values: Record<string, unknown>, result: unknown): void {
    const reasons = ((values.review_reasons as string[] | undefined) ?? []).map((r) => r.trim()).filter(Boolean);
    let needsReview = values.needs_review === true;
    const confidence = typeof values.confidence === 'number' ? values.confidence : null;
    // the job's company decides, as in the addon (res.company.ocr_overwrite / ocr_write_threshold)
    const company = fake.records('res.company').find((c) => c.id === job.company_id) ?? {};
    const threshold = typeof company.ocr_write_threshold === 'number' ? company.ocr_write_threshold : 0;
    if (confidence !== null && threshold && confidence < threshold) {
      needsReview = true;
      reasons.push(`Confidence ${Math.round(confidence * 100)}% is below the write threshold.`);
    }
    const activate = (values.activate_currency_ids as number[] | undefined) ?? [];
    if (activate.length && company.ocr_activate_currencies === true) fake.write('res.currency', activate, { active: true });
    const write = (values.write as Row | undefined) ?? {};
    const attachment = fake.records('ir.attachment').find((a) => a.id === job.attachment_id);
    const attachmentName = typeof attachment?.name === 'string' ? attachment.name : null;
    // Everything that can raise is checked before anything changes: the addon's transaction rolls back on a
    // UserError, so a refused call leaves no bill, no value and no note behind.
    let target: { model: string; id: number } | null = null;
    if (job.res_model === 'ir.attachment' || !job.res_id) {
      const createMove = values.create_move as Row | null | undefined;
      if (createMove) {
        const moveType = createMove.move_type;
        if (typeof moveType !== 'string' || !PURCHASE_MOVE_TYPES.has(moveType)) throw userError('values.create_move.move_type must be a purchase type.');
        // As the addon: the worker may name the job's own company, no other.
        if ('company_id' in createMove && createMove.company_id !== job.company_id) throw userError("values.create_move.company_id must be the job's company.");
        const protectedKeys = Object.keys(createMove).filter((k) => PROTECTED.has(k) && k !== 'move_type' && k !== 'company_id');
        if (protectedKeys.length) throw userError(`values.create_move may not set ${protectedKeys.join(', ')}.`);
        const moveFields = fieldsOf('account.move');
        const unknown = Object.keys(createMove).filter((k) => !(k in moveFields));
        if (unknown.length) throw userError(`account.move has no field ${unknown.sort().join(', ')}.`);
        checkWrite('account.move', write);
        const [moveId] = fake.seed('account.move', [{ ...createMove, state: 'draft', company_id: job.company_id }]);
        fake.write('ir.attachment', [job.attachment_id], { res_model: 'account.move', res_id: moveId });
        fake.write('account.move', [moveId!], { message_main_attachment_id: job.attachment_id });
        Object.assign(job, { res_model: 'account.move', res_id: moveId!, created_record: true });
        target = { model: 'account.move', id: moveId! };
      }
      const createOrder = values.create_order as Row | null | undefined;
      if (!createMove && createOrder) {
        // as ocr_worker_sale's _ocr_create_order
        if (!fake.hasModel('sale.order')) throw userError('values.create_order needs the Sales bridge (ocr_worker_sale) installed.');
        if ('company_id' in createOrder && createOrder.company_id !== job.company_id) throw userError("values.create_order.company_id must be the job's company.");
        const unknown = Object.keys(createOrder).filter((k) => !ORDER_KEYS.has(k));
        if (unknown.length) throw userError(`values.create_order may not set ${unknown.sort().join(', ')}.`);
        const { order_line: lines, ...head } = createOrder;
        const [orderId] = fake.seed('sale.order', [{ ...head, state: 'draft', company_id: job.company_id }]);
        for (const command of (lines as unknown[][] | undefined) ?? []) fake.seed('sale.order.line', [{ ...(command[2] as Row), order_id: orderId }]);
        fake.write('ir.attachment', [job.attachment_id], { res_model: 'sale.order', res_id: orderId });
        Object.assign(job, { res_model: 'sale.order', res_id: orderId!, created_record: true });
        target = { model: 'sale.order', id: orderId! };
      }
      const attachTo = values.attach_to as { res_model: string; res_id: number } | null | undefined;
      if (!createMove && !createOrder && attachTo) {
        // as ocr_worker_stock: an inbox delivery note is filed on its receipt, nowhere else
        if (attachTo.res_model !== 'stock.picking' || !fake.hasModel('stock.picking')) throw userError(`values.attach_to may not name ${attachTo.res_model}.`);
        if (fake.records('stock.picking').some((r) => r.id === attachTo.res_id)) {
          fake.write('ir.attachment', [job.attachment_id], { res_model: 'stock.picking', res_id: attachTo.res_id });
          Object.assign(job, { res_model: 'stock.picking', res_id: attachTo.res_id });
          target = { model: 'stock.picking', id: attachTo.res_id };
        }
      }
    } else {
      const exists = fake.records(job.res_model).some((r) => r.id === job.res_id);
      if (exists) {
        checkWrite(job.res_model, write);
        target = { model: job.res_model, id: job.res_id };
      } else {
        needsReview = true;
        reasons.push('The target record no longer exists; nothing was written.');
      }
    }
    if (target) {
      reasons.push(...writeBack(target.model, target.id, write, attachmentName, company.ocr_overwrite === true));
      const moves = (values.move_quantities as Array<{ move_id: number; quantity: number }> | undefined) ?? [];
      if (target.model === 'stock.picking' && moves.length && company.ocr_delivery_write_done === true) {
        for (const m of moves) {
          const move = fake.records('stock.move').find((r) => r.id === m.move_id && r.picking_id === target!.id);
          if (move && !['done', 'cancel'].includes(String(move.state))) fake.write('stock.move', [m.move_id], { quantity: m.quantity, picked: true });
        }
      }
      if (typeof values.note === 'string' && values.note) {
        fake.seed('mail.message', [{ model: target.model, res_id: target.id, body: values.note, message_type: 'comment', subtype_id: 2 }]);
      }
    }
    Object.assign(job, {
      state: needsReview || reasons.length ? 'review' : 'done', result: result ?? null, values, doc_type: values.doc_type ?? false,
      confidence: confidence ?? false, review_reasons: reasons.join('\n') || false, error: false, done_at: Date.now(), lease_expires_at: null,
      completions: job.completions + 1,
    });
  }

  function valuesOf(model: string, id: number): Row {
    const row = fake.records(model).find((r) => r.id === id);
    if (!row) throw new Error(`${model} ${id} does not exist in the fake`);
    return row;
  }

  fake.registerMethod('ocr.job', 'requeue', ({ kwargs }) => {
    const ids = kwargs.ids;
    const domain: unknown[] = [];
    if (ids !== null && ids !== undefined && ids !== false) {
      if (!Array.isArray(ids) || !ids.every((i) => Number.isInteger(i))) throw userError('ids must be a list of job ids.');
      domain.push(['id', 'in', ids]);
    }
    if (Array.isArray(kwargs.domain)) domain.push(...kwargs.domain);
    const selected = (ids === null || ids === undefined) && !(Array.isArray(kwargs.domain) && kwargs.domain.length) ? search([['state', '=', 'failed']]) : search(domain);
    const now = Date.now();
    let count = 0;
    for (const job of selected) {
      if (job.state === 'running' && job.lease_expires_at !== null && job.lease_expires_at > now) continue;
      Object.assign(job, {
        state: 'pending', attempts: 0, next_attempt_at: null, error: false, created_record: false, done_at: null,
        lease_owner: false, lease_token: false, lease_expires_at: null,
      });
      count++;
    }
    return count;
  }, { apiModel: true });

  // Reads of ocr.job (status, rerun --dry-run) answered from the same state.
  const pick = (row: Row, fields: unknown): Row =>
    Array.isArray(fields) && fields.length ? Object.fromEntries([['id', row.id], ...(fields as string[]).map((f) => [f, row[f] ?? false])]) : row;
  fake.registerMethod('ocr.job', 'search_read', ({ kwargs }) => {
    const names = attachmentsById();
    const offset = typeof kwargs.offset === 'number' ? kwargs.offset : 0;
    const limit = typeof kwargs.limit === 'number' && kwargs.limit > 0 ? kwargs.limit : undefined;
    const rows = search(kwargs.domain).slice(offset, limit !== undefined ? offset + limit : undefined);
    return rows.map((job) => pick(asRow(job, names), kwargs.fields));
  }, { apiModel: true, params: ['domain', 'fields', 'offset', 'limit', 'order'] }); // Odoo's positional order
  fake.registerMethod('ocr.job', 'search_count', ({ kwargs }) => search(kwargs.domain).length, { apiModel: true, params: ['domain', 'limit'] });

  return {
    enqueue({ attachmentId, resModel, resId, companyId, channel, priority, maxAttempts }) {
      const id = nextId++;
      jobs.set(id, {
        ...emptyJob(), id, attachment_id: attachmentId, res_model: resModel, res_id: resId ?? 0, company_id: companyId ?? 1,
        channel: channel ?? 'root', priority: priority ?? '1', max_attempts: maxAttempts ?? opts.defaultMaxAttempts ?? 5, create_seq: seq++,
      });
      return id;
    },
    jobs: () => [...jobs.values()].map((j) => ({ ...j })),
    job(id) {
      const job = jobs.get(id);
      if (!job) throw new Error(`no job ${id}`);
      return { ...job };
    },
    setChannelCapacity(channel, cap) {
      capacity.set(channel, cap);
    },
    valuesOf,
    notesOn: (model, id) => fake.records('mail.message').filter((m) => m.model === model && m.res_id === id),
    expireLeases() {
      const past = Date.now() - 1;
      for (const job of jobs.values()) if (job.state === 'running') job.lease_expires_at = past;
    },
  };
}

function emptyJob(): FakeJob {
  return {
    id: 0, attachment_id: 0, res_model: 'ir.attachment', res_id: 0, company_id: 1, channel: 'root', priority: '1', state: 'pending',
    attempts: 0, max_attempts: 5, next_attempt_at: null, lease_owner: false, lease_token: false, lease_expires_at: null, error: false,
    result: null, values: null, doc_type: false, confidence: false, review_reasons: false, created_record: false, done_at: null, create_seq: 0, completions: 0,
  };
}
