// The write-back cases shared with the addon's tests (odoo_addon/ocr_worker/tests/data/writeback_cases.json, also
// run by tests/test_writeback_cases.py against complete() on a real Odoo): for each record and extracted values, the
// planner plans exactly the case's `write` and says whether the document goes to review.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { ExtractedFields, ScanResult } from '../../src/contract.js';
import { fromRoot } from '../../src/paths.js';
import { prepareWriteBack, type WorkTarget } from '../../src/writeback/index.js';
import { scan, seedAttachment, startOdoo, type TestOdoo, USD } from './helpers.js';

interface SharedCase {
  name: string;
  model: 'hr.expense' | 'account.move';
  file: string;
  record: Record<string, unknown>;
  extracted: Record<string, string | number>;
  overwrite: boolean;
  write: Record<string, unknown>;
  offered: Record<string, unknown>;
  review: boolean;
}

const CASES_PATH = fromRoot('odoo_addon', 'ocr_worker', 'tests', 'data', 'writeback_cases.json');
const { cases } = JSON.parse(readFileSync(CASES_PATH, 'utf8')) as { cases: SharedCase[] };
const TODAY = new Date().toISOString().slice(0, 10);

/** The case's record values with its placeholders (@file_stem, @today) resolved. */
function recordValues(c: SharedCase): Record<string, unknown> {
  const resolve = (v: unknown) => (v === '@file_stem' ? c.file.replace(/\.[^.]+$/, '') : v === '@today' ? TODAY : v);
  return Object.fromEntries(Object.entries(c.record).map(([k, v]) => [k, resolve(v)]));
}

function scanOf(c: SharedCase): ScanResult {
  const base = scan('sroie-000');
  const fields = Object.fromEntries(Object.keys(base.fields!).map((k) => [k, { value: null, confidence: 0 }])) as unknown as ExtractedFields;
  for (const [k, value] of Object.entries(c.extracted)) (fields as unknown as Record<string, unknown>)[k] = { value, confidence: 0.99 };
  return { ...base, fields, lines: [], text: '' };
}

function seedTarget(odoo: TestOdoo, c: SharedCase): WorkTarget {
  const common = { currency_id: USD, company_id: 1, create_date: `${TODAY} 08:00:00` };
  const values = c.model === 'hr.expense'
    ? { employee_id: 1, quantity: 1, ...common, ...recordValues(c) }
    : { move_type: 'in_invoice', journal_id: 2, date: TODAY, ...common, ...recordValues(c) };
  const [id] = odoo.fake.seed(c.model, [values]);
  const attachmentId = seedAttachment(odoo.fake, { name: c.file, resModel: c.model, resId: id! });
  return { resModel: c.model, resId: id!, attachmentId, companyId: null };
}

describe('write-back cases shared with the addon (Odoo 17)', () => {
  let odoo: TestOdoo;
  before(async () => { odoo = await startOdoo(17); });
  after(async () => { await odoo.close(); });

  it('the table holds cases of both target models, with and without overwrite', () => {
    assert.deepEqual(new Set(cases.map((c) => c.model)), new Set(['hr.expense', 'account.move']));
    assert.deepEqual(new Set(cases.map((c) => c.overwrite)), new Set([true, false]));
  });

  for (const c of cases) {
    it(c.name, async () => {
      const target = seedTarget(odoo, c);
      const prepared = await prepareWriteBack(odoo.client, target, scanOf(c), { overwrite: c.overwrite });
      assert.deepEqual(prepared.write, c.write);
      assert.equal(prepared.needs_review, c.review, prepared.review_reasons.join('; '));
      for (const field of Object.keys(c.offered)) assert.ok(!(field in prepared.write), `${field} is offered as held back, not planned`);
    });
  }
});
