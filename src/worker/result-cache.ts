import type { ScanResult } from '../contract.js';
import { isRetryableDocumentError } from './errors.js';
import type { StateDb } from './state-db.js';

// sha256 → ScanResult, so a file uploaded twice (or re-run) is read once. The profile (scanner settings that change
// the result: languages, embedded XML, LLM) is part of the key; results from transient failures are never kept.

const MAX_ENTRIES = 50_000;
const PRUNE_EVERY = 500;

export class ResultCache {
  private readonly getStmt;
  private readonly putStmt;
  private readonly pruneStmt;
  private inserts = 0;
  hits = 0;
  misses = 0;

  constructor(db: StateDb, private readonly profile: string) {
    this.getStmt = db.prepare<[string, string], { result: string }>('SELECT result FROM result_cache WHERE sha256 = ? AND profile = ?');
    this.putStmt = db.prepare('INSERT OR REPLACE INTO result_cache (sha256, profile, result, created_at) VALUES (?, ?, ?, ?)');
    this.pruneStmt = db.prepare(
      'DELETE FROM result_cache WHERE rowid IN (SELECT rowid FROM result_cache ORDER BY created_at DESC LIMIT -1 OFFSET ?)',
    );
  }

  /** The cached result, renamed to `name`, or null. */
  get(sha256: string, name: string): ScanResult | null {
    const row = this.getStmt.get(sha256, this.profile);
    if (!row) {
      this.misses++;
      return null;
    }
    this.hits++;
    const cached = JSON.parse(row.result) as ScanResult;
    return { ...cached, file: name, timings_ms: { total: 0, cached: 1 } };
  }

  put(sha256: string, result: ScanResult): void {
    if (result.error && isRetryableDocumentError(result.error.code)) return;
    this.putStmt.run(sha256, this.profile, JSON.stringify(result), Date.now());
    if (++this.inserts % PRUNE_EVERY === 0) this.pruneStmt.run(MAX_ENTRIES);
  }
}
