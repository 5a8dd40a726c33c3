import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

// The worker's local state: one SQLite file in STATE_DIR holding the sha256 result cache, the addon-less ledger
// and (addon-less) the vendor memory.
// WAL lets the status command read while the daemon writes; a busy timeout covers two processes on one directory.
// The ledger's rows belong to one Odoo database each (`scope`: URL + database), so one directory serves several.

export type StateDb = Database.Database;

/** The columns of a ledger row besides its key (and, from version 1, its scope). */
const LEDGER_ROW_COLUMNS = `
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
     updated_at INTEGER NOT NULL`;

const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS result_cache (
     sha256 TEXT NOT NULL,
     profile TEXT NOT NULL,
     result TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (sha256, profile)
   )`,
  `CREATE TABLE IF NOT EXISTS ledger (
     key TEXT PRIMARY KEY,${LEDGER_ROW_COLUMNS}
   )`,
  `CREATE INDEX IF NOT EXISTS ledger_model_state ON ledger (res_model, state)`,
  // addon-less vendor memory (src/memory): one profile per vendor and company; `learned_at` on the ledger marks
  // a posted record already learned from
  // Like the ledger's rows, profiles and learned records belong to one Odoo database (`scope`: URL + database):
  // record ids and company ids of two databases say nothing about each other.
  `CREATE TABLE IF NOT EXISTS vendor_profile (
     scope TEXT NOT NULL,
     id TEXT NOT NULL,
     company TEXT NOT NULL,
     partner_id INTEGER,
     data TEXT NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (scope, id)
   )`,
  `CREATE INDEX IF NOT EXISTS vendor_profile_company ON vendor_profile (scope, company)`,
  `CREATE TABLE IF NOT EXISTS memory_learned (
     scope TEXT NOT NULL,
     res_model TEXT NOT NULL,
     res_id INTEGER NOT NULL,
     learned_at INTEGER NOT NULL,
     PRIMARY KEY (scope, res_model, res_id)
   )`,
];

/** Schema changes after the first version, applied once each in order (PRAGMA user_version counts them). */
const UPGRADES: string[] = [
  // 1: ledger rows are keyed by (scope, key). Rows from before carry the scope '' until a database adopts them
  // (Ledger.adoptLegacyRows).
  `CREATE TABLE ledger_v1 (
     scope TEXT NOT NULL,
     key TEXT NOT NULL,${LEDGER_ROW_COLUMNS},
     PRIMARY KEY (scope, key)
   );
   INSERT INTO ledger_v1 (scope, key, res_model, res_id, attachment_id, company_id, name, state, attempts, next_attempt_at, owner, error, result_res_id, sha256, updated_at)
     SELECT '', key, res_model, res_id, attachment_id, company_id, name, state, attempts, next_attempt_at, owner, error, result_res_id, sha256, updated_at FROM ledger;
   DROP TABLE ledger;
   ALTER TABLE ledger_v1 RENAME TO ledger;
   CREATE INDEX ledger_scope_model_state ON ledger (scope, res_model, state);
   CREATE TABLE IF NOT EXISTS state_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

export function openStateDb(stateDir: string, file = 'worker.sqlite'): StateDb {
  mkdirSync(stateDir, { recursive: true });
  const db = new Database(path.join(stateDir, file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable across process crashes, fast enough per document
  db.pragma('busy_timeout = 5000');
  db.transaction(() => {
    for (const sql of MIGRATIONS) db.exec(sql);
    const applied = db.pragma('user_version', { simple: true }) as number;
    for (let i = applied; i < UPGRADES.length; i++) db.exec(UPGRADES[i]!);
    if (applied < UPGRADES.length) db.pragma(`user_version = ${UPGRADES.length}`);
  }).immediate();
  return db;
}
