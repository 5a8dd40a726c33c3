import type { RetryConfig } from '../config.js';
import type { TargetModel } from '../writeback/types.js';
import { retryDelay } from './backoff.js';
import type { StateDb } from './state-db.js';

// Addon-less mode's memory: one row per document (a bill, an expense, an inbox attachment) recording how far it
// got. It is what keeps a document from being processed twice and what a restart resumes from. Rows left
// 'running'/'writing' by a crash count as a failed attempt, so a document that kills the process cannot loop.
// Record ids mean something only in their own database: every row carries the scope (Odoo URL + database) it
// belongs to, and a ledger sees only its own scope's rows, so one STATE_DIR can serve several databases.

export type LedgerState = 'running' | 'writing' | 'retry' | 'done' | 'review' | 'failed';

export interface LedgerRow {
  key: string;
  res_model: TargetModel;
  res_id: number | null;
  attachment_id: number;
  company_id: number | null;
  name: string;
  state: LedgerState;
  attempts: number;
  next_attempt_at: number;
  error: string | null;
  result_res_id: number | null;
  updated_at: number;
}

export interface LedgerEntry {
  key: string;
  resModel: TargetModel;
  resId: number | null;
  attachmentId: number;
  companyId: number | null;
  name: string;
}

export interface LedgerFilter {
  keys?: string[];
  states?: LedgerState[];
  resModel?: string;
  sinceMs?: number;
}

/** The database a ledger belongs to: the Odoo URL (normalised: lower-case host, no trailing slash) and the database. */
export function ledgerScope(url: string, db: string): string {
  let base = url.replace(/\/+$/, '');
  try {
    const parsed = new URL(url);
    base = `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    // not a URL: configuration checks refuse it before a ledger is opened; keep the text as it is
  }
  return `${base}#${db}`;
}

export function ledgerKey(resModel: TargetModel, resId: number | null, attachmentId: number): string {
  return resModel === 'ir.attachment' || resId === null ? `att:${attachmentId}` : `${resModel}:${resId}`;
}

export class Ledger {
  constructor(private readonly db: StateDb, private readonly owner: string, readonly scope: string) {}

  /**
   * Rows written before ledgers had a scope belong to the one database that worker served: the first database
   * that opens this state directory after the upgrade takes them over (recorded, so a second one never does).
   * Returns how many rows it adopted.
   */
  adoptLegacyRows(): number {
    return this.db.transaction(() => {
      const adopted = this.db.prepare<[], { value: string }>(`SELECT value FROM state_meta WHERE name = 'legacy_ledger_scope'`).get();
      if (adopted) return 0;
      const moved = this.db.prepare(`UPDATE ledger SET scope = ? WHERE scope = ''`).run(this.scope).changes;
      if (moved) this.db.prepare(`INSERT INTO state_meta (name, value) VALUES ('legacy_ledger_scope', ?)`).run(this.scope);
      return moved;
    }).immediate();
  }

  /** After a crash: interrupted rows become a used attempt (retry now, or failed when attempts are spent). */
  recoverInterrupted(maxAttempts: number): number {
    const now = Date.now();
    const failed = this.db
      .prepare(`UPDATE ledger SET state = 'failed', attempts = attempts + 1, error = 'interrupted: the worker stopped while processing this document', updated_at = ?
                WHERE scope = ? AND state IN ('running', 'writing') AND attempts + 1 >= ?`)
      .run(now, this.scope, maxAttempts).changes;
    const retried = this.db
      .prepare(`UPDATE ledger SET state = 'retry', attempts = attempts + 1, next_attempt_at = 0, updated_at = ? WHERE scope = ? AND state IN ('running', 'writing')`)
      .run(now, this.scope).changes;
    return failed + retried;
  }

  /** res ids (attachment ids for inbox rows) that discovery must not return: everything already in the ledger. */
  knownIds(resModel: TargetModel | 'inbox'): number[] {
    const rows =
      resModel === 'inbox'
        ? this.db.prepare<[string], { id: number }>(`SELECT attachment_id AS id FROM ledger WHERE scope = ? AND key LIKE 'att:%'`).all(this.scope)
        : this.db.prepare<[string, string], { id: number }>(`SELECT res_id AS id FROM ledger WHERE scope = ? AND res_model = ? AND key NOT LIKE 'att:%'`).all(this.scope, resModel);
    return rows.map((r) => r.id);
  }

  dueRetries(now: number, limit: number): LedgerRow[] {
    return this.db
      .prepare<[string, number, number], LedgerRow>(`SELECT * FROM ledger WHERE scope = ? AND state = 'retry' AND next_attempt_at <= ? ORDER BY next_attempt_at, key LIMIT ?`)
      .all(this.scope, now, limit);
  }

  /** Takes a document for processing: a new one, or a retry that is due. False when someone/something holds it. */
  tryStart(entry: LedgerEntry, now = Date.now()): boolean {
    const inserted = this.db
      .prepare(`INSERT INTO ledger (scope, key, res_model, res_id, attachment_id, company_id, name, state, owner, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?) ON CONFLICT(scope, key) DO NOTHING`)
      .run(this.scope, entry.key, entry.resModel, entry.resId, entry.attachmentId, entry.companyId, entry.name, this.owner, now).changes;
    if (inserted) return true;
    return (
      this.db
        .prepare(`UPDATE ledger SET state = 'running', owner = ?, attachment_id = ?, updated_at = ? WHERE scope = ? AND key = ? AND state = 'retry' AND next_attempt_at <= ?`)
        .run(this.owner, entry.attachmentId, now, this.scope, entry.key, now).changes > 0
    );
  }

  markWriting(key: string, sha256: string | null): void {
    this.db.prepare(`UPDATE ledger SET state = 'writing', sha256 = ?, updated_at = ? WHERE scope = ? AND key = ?`).run(sha256, Date.now(), this.scope, key);
  }

  finish(key: string, state: 'done' | 'review', resultResId: number | null): void {
    this.db
      .prepare(`UPDATE ledger SET state = ?, result_res_id = ?, error = NULL, updated_at = ? WHERE scope = ? AND key = ?`)
      .run(state, resultResId, Date.now(), this.scope, key);
  }

  /** Counts the attempt; a retryable failure with attempts left waits its backoff, anything else is final. */
  fail(key: string, error: string, retryable: boolean, maxAttempts: number, retry: RetryConfig): { state: 'retry' | 'failed'; nextAttemptAt: number | null } {
    return this.db.transaction(() => {
      const row = this.db.prepare<[string, string], { attempts: number }>('SELECT attempts FROM ledger WHERE scope = ? AND key = ?').get(this.scope, key);
      const attempts = (row?.attempts ?? 0) + 1;
      const now = Date.now();
      if (retryable && attempts < maxAttempts) {
        const next = now + retryDelay(attempts, retry);
        this.db
          .prepare(`UPDATE ledger SET state = 'retry', attempts = ?, next_attempt_at = ?, error = ?, updated_at = ? WHERE scope = ? AND key = ?`)
          .run(attempts, next, error, now, this.scope, key);
        return { state: 'retry' as const, nextAttemptAt: next };
      }
      this.db.prepare(`UPDATE ledger SET state = 'failed', attempts = ?, error = ?, updated_at = ? WHERE scope = ? AND key = ?`).run(attempts, error, now, this.scope, key);
      return { state: 'failed' as const, nextAttemptAt: null };
    })();
  }

  /** Hands a document back without using an attempt (graceful shutdown). */
  release(key: string): void {
    this.db.prepare(`UPDATE ledger SET state = 'retry', next_attempt_at = 0, updated_at = ? WHERE scope = ? AND key = ? AND state IN ('running', 'writing')`).run(Date.now(), this.scope, key);
  }

  list(filter: LedgerFilter = {}, limit = 10_000): LedgerRow[] {
    const { sql, params } = where(this.scope, filter);
    return this.db.prepare<unknown[], LedgerRow>(`SELECT * FROM ledger ${sql} ORDER BY updated_at LIMIT ?`).all(...params, limit);
  }

  /** Puts matching rows back in line with fresh attempts (the rerun command). Rows being processed are left alone. */
  requeue(filter: LedgerFilter): number {
    const { sql, params } = where(this.scope, filter);
    const guard = `${sql} AND state NOT IN ('running', 'writing')`;
    return this.db
      .prepare(`UPDATE ledger SET state = 'retry', attempts = 0, next_attempt_at = 0, error = NULL, updated_at = ? ${guard}`)
      .run(Date.now(), ...params).changes;
  }

  counts(): Array<{ res_model: string; state: LedgerState; count: number }> {
    return this.db
      .prepare<[string], { res_model: string; state: LedgerState; count: number }>(
        'SELECT res_model, state, COUNT(*) AS count FROM ledger WHERE scope = ? GROUP BY res_model, state ORDER BY res_model, state',
      )
      .all(this.scope);
  }
}

function where(scope: string, filter: LedgerFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = ['scope = ?'];
  const params: unknown[] = [scope];
  if (filter.keys?.length) {
    clauses.push(`key IN (${filter.keys.map(() => '?').join(',')})`);
    params.push(...filter.keys);
  }
  if (filter.states?.length) {
    clauses.push(`state IN (${filter.states.map(() => '?').join(',')})`);
    params.push(...filter.states);
  }
  if (filter.resModel) {
    clauses.push('res_model = ?');
    params.push(filter.resModel);
  }
  if (filter.sinceMs !== undefined) {
    clauses.push('updated_at >= ?');
    params.push(filter.sinceMs);
  }
  return { sql: `WHERE ${clauses.join(' AND ')}`, params };
}

/** The ledger of the database a worker is configured for; adopts rows from before scopes on first use. */
export function openLedger(db: StateDb, config: { workerId: string; odoo: { url: string; db: string } }, log?: (message: string, meta: Record<string, unknown>) => void): Ledger {
  const ledger = new Ledger(db, config.workerId, ledgerScope(config.odoo.url, config.odoo.db));
  const adopted = ledger.adoptLegacyRows();
  if (adopted) log?.('ledger rows from before per-database ledgers now belong to this database', { rows: adopted, database: config.odoo.db });
  return ledger;
}
