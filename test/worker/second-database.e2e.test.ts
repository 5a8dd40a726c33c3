import assert from 'node:assert/strict';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import Database from 'better-sqlite3';
import { ledgerScope, openLedger } from '../../src/worker/ledger.js';
import { openStateDb } from '../../src/worker/state-db.js';
import { startFakeOdoo, type FakeOdoo } from '../support/fake-odoo/index.js';
import { startStack, syntheticInvoice, type Stack } from './harness.js';

// One STATE_DIR, two Odoo databases (a restored copy, a staging database): record ids repeat across databases, so
// the addon-less ledger must keep each database's rows apart, and a ledger from before scopes must be carried over.

let stack: Stack;
let second: FakeOdoo;
beforeEach(async () => {
  stack = await startStack({ addon: false });
  second = await startFakeOdoo({ db: 'staging' });
});
afterEach(async () => {
  await stack.close();
  await second.close();
});

function seedExpenses(fake: FakeOdoo, count: number, offset: number): number[] {
  const ids: number[] = [];
  for (let n = 0; n < count; n++) {
    const [id] = fake.seed('hr.expense', [{ name: `Expense ${n}`, employee_id: 1, state: 'draft' }]);
    fake.seed('ir.attachment', [{ name: `r-${n}.pdf`, datas: syntheticInvoice(offset + n, 10 + n).toString('base64'), mimetype: 'application/pdf', res_model: 'hr.expense', res_id: id, type: 'binary' }]);
    ids.push(id!);
  }
  return ids;
}

const written = (fake: FakeOdoo) => fake.records('hr.expense').filter((r) => Number(r.total_amount_currency) > 0).length;

test('a second database on the same state directory is processed in full, and the first keeps its memory', async () => {
  const firstIds = seedExpenses(stack.fake, 4, 100);
  const secondIds = seedExpenses(second, 4, 200);
  assert.deepEqual(firstIds, secondIds, 'the same record ids in both databases: the case that used to be skipped');

  const onFirst = await stack.config({ ADDONLESS_MODELS: 'hr.expense' }, 'shared');
  const a = await stack.runtime(onFirst);
  const summaryA = await a.worker.runUntilIdle();
  assert.equal(summaryA.done + summaryA.review, 4);
  await a.worker.stop(0);
  await a.close();

  const onSecond = await stack.config({ ADDONLESS_MODELS: 'hr.expense', ODOO_URL: second.url, ODOO_DB: second.db, ODOO_API_KEY: second.apiKey }, 'shared');
  assert.equal(onSecond.stateDir, onFirst.stateDir);
  const b = await stack.runtime(onSecond);
  const summaryB = await b.worker.runUntilIdle();
  assert.equal(summaryB.done + summaryB.review, 4, `every record of the second database is work: ${JSON.stringify(summaryB)}`);
  assert.equal(written(second), 4);
  assert.equal(b.ledger!.counts().reduce((n, r) => n + r.count, 0), 4, 'the second ledger holds only its own rows');
  await b.worker.stop(0);
  await b.close();

  // Back on the first database: nothing to redo, nothing written twice.
  stack.fake.resetCalls();
  const again = await stack.runtime(onFirst);
  const summaryAgain = await again.worker.runUntilIdle();
  assert.equal(summaryAgain.done + summaryAgain.review + summaryAgain.failed, 0);
  assert.equal(stack.fake.callCount({ method: 'message_post' }), 0);
});

test('a ledger from before per-database scopes is adopted by the first database that opens it, and only by it', async () => {
  const stateDir = path.join(stack.stateRoot, 'legacy');
  // The schema and a row exactly as the previous version wrote them.
  openStateDb(stateDir).close();
  const legacy = new Database(path.join(stateDir, 'worker.sqlite'));
  legacy.exec(`DROP TABLE ledger; DROP TABLE IF EXISTS state_meta; PRAGMA user_version = 0;
    CREATE TABLE ledger (key TEXT PRIMARY KEY, res_model TEXT NOT NULL, res_id INTEGER, attachment_id INTEGER NOT NULL, company_id INTEGER,
      name TEXT NOT NULL DEFAULT '', state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0,
      owner TEXT, error TEXT, result_res_id INTEGER, sha256 TEXT, updated_at INTEGER NOT NULL);
    INSERT INTO ledger (key, res_model, res_id, attachment_id, name, state, attempts, updated_at) VALUES ('hr.expense:1', 'hr.expense', 1, 9, 'r.pdf', 'done', 0, 1);`);
  legacy.close();

  const db = openStateDb(stateDir);
  try {
    const first = openLedger(db, { workerId: 'w', odoo: { url: 'https://ERP.example.com/', db: 'prod' } });
    assert.equal(first.scope, ledgerScope('https://erp.example.com', 'prod'));
    assert.deepEqual(first.list().map((r) => [r.key, r.state]), [['hr.expense:1', 'done']], 'the old row belongs to the first database');
    assert.deepEqual(first.knownIds('hr.expense'), [1]);
    const other = openLedger(db, { workerId: 'w', odoo: { url: 'https://erp.example.com', db: 'staging' } });
    assert.deepEqual(other.list(), [], 'a second database starts empty');
    assert.deepEqual(other.knownIds('hr.expense'), []);
  } finally {
    db.close();
  }
  // Opening again changes nothing: the upgrade ran once.
  const reopened = openStateDb(stateDir);
  try {
    assert.equal(openLedger(reopened, { workerId: 'w', odoo: { url: 'https://erp.example.com', db: 'staging' } }).list().length, 0);
    assert.equal(reopened.pragma('user_version', { simple: true }), 1);
  } finally {
    reopened.close();
  }
});
