import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

// The worker's local state: one SQLite file in STATE_DIR holding the sha256 result cache, the addon-less ledger
// and (addon-less) the vendor memory.
// WAL lets the status command read while the daemon writes; a busy timeout covers two processes on one directory.

export type StateDb = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS result_cache (
     sha256 TEXT NOT NULL,
     profile TEXT NOT NULL,
     result TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (sha256, profile)
   )`,
  `CREATE TABLE IF NOT EXISTS ledger (
     key TEXT PRIMARY KEY,
     res_model TEXT NOT NULL,
     res_id INTEGER,
     attachment_id INTEGER NOT NULL,
     company_id INTEGER,
     name TEXT NOT NULL DEFAULT '',
     state TEXT NOT NULL CHECK (state IN ('running', 'writing', 'retry', 'done', 'review', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL DEFAULT 0,
     owner TEXT,
     error TEXT,
     result_res_id INTEGER,
     sha256 TEXT,
     updated_at INTEGER NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS ledger_model_state ON ledger (res_model, state)`,
  // addon-less vendor memory (src/memory): one profile per vendor and company; `learned_at` on the ledger marks
  // a posted record already learned from
  `CREATE TABLE IF NOT EXISTS vendor_profile (
     id TEXT PRIMARY KEY,
     company TEXT NOT NULL,
     partner_id INTEGER,
     data TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS vendor_profile_company ON vendor_profile (company)`,
  `CREATE TABLE IF NOT EXISTS memory_learned (
     res_model TEXT NOT NULL,
     res_id INTEGER NOT NULL,
     learned_at INTEGER NOT NULL,
     PRIMARY KEY (res_model, res_id)
   )`,
];

export function openStateDb(stateDir: string, file = 'worker.sqlite'): StateDb {
  mkdirSync(stateDir, { recursive: true });
  const db = new Database(path.join(stateDir, file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across process crashes, fast enough per document
  db.pragma('busy_timeout = 5000');
  db.transaction(() => {
    for (const sql of MIGRATIONS) db.exec(sql);
  })();
  return db;
}
