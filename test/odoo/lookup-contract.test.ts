// Contract of ocr.job.lookup: the exchange recorded from a real Odoo 17 with the addon (fixtures/odoo/17.0/
// addon-recorded/ocr_job.lookup.json, by test/odoo/record/record-lookup.ts: the worker's own plan for a Factur-X
// bill, with a dependent search of each kind) is replayed against the fake Odoo holding the same rows; the fake must
// answer the same shape — state, one answer per query, the same keys and kinds of value per row — and find the
// same number of rows per query.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fromRoot } from '../../src/paths.js';
import { installFakeOcrJobs } from '../support/fake-ocr-job.js';
import { startFakeOdoo } from '../support/fake-odoo/index.js';
import { kindOf, shapeProblems } from './shape.js';

interface Query { model: string; from?: unknown }

const recording = JSON.parse(readFileSync(fromRoot('fixtures/odoo/17.0/addon-recorded/ocr_job.lookup.json'), 'utf8'));

test('ocr.job.lookup: the fake answers as the recorded real Odoo 17 with the addon', async () => {
  const fake = await startFakeOdoo({ version: 17 });
  try {
    const jobs = installFakeOcrJobs(fake);
    const kwargs = recording.request.params.args[6] as { queries: Query[] };
    const answers = recording.response.result.results as Array<Array<Record<string, unknown>>>;
    // The rows the real server found, stored in the fake (many2one as id; only fields the fake's model has).
    const seeded = new Set<string>();
    kwargs.queries.forEach((query, i) => {
      for (const row of answers[i] ?? []) {
        if (seeded.has(`${query.model}:${row.id}`)) continue;
        seeded.add(`${query.model}:${row.id}`);
        const defs = fake.fieldsOf(query.model);
        const values = Object.fromEntries(Object.entries(row)
          .filter(([k]) => k !== 'display_name' && (k === 'id' || (k in defs && defs[k]!.type !== 'one2many')))
          .map(([k, v]) => [k, kindOf(v) === 'many2one' ? (v as [number])[0] : v]));
        fake.seed(query.model, [values]);
      }
    });
    const bankRows = fake.records('res.partner.bank');
    for (const bank of bankRows) fake.write('res.partner.bank', [bank.id as number], { acc_number: 'DE89 3704 0044 0532 0130 00', partner_id: 61 });
    const billId = answers[0]![0]!.id as number;
    const [attachmentId] = fake.seed('ir.attachment', [{ name: 'EN16931_Einfach.pdf', datas: Buffer.from('%PDF-1.4').toString('base64'), res_model: 'account.move', res_id: billId }]);
    jobs.enqueue({ attachmentId: attachmentId!, resModel: 'account.move', resId: billId });
    const [lease] = (await (await fetch(`${fake.url}/jsonrpc`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service: 'object', method: 'execute_kw', args: [fake.db, 2, fake.apiKey, 'ocr.job', 'claim', [], { worker_id: 'contract', limit: 1 }] } }),
    })).json()).result as Array<{ job_id: number; token: string }>;

    const request = structuredClone(recording.request);
    request.params.args[0] = fake.db;
    request.params.args[1] = 2;
    request.params.args[2] = fake.apiKey;
    Object.assign(request.params.args[6], { job_id: lease!.job_id, token: lease!.token });
    const got = await (await fetch(`${fake.url}/jsonrpc`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) })).json();

    assert.deepEqual(Object.keys(got).sort(), Object.keys(recording.response).sort());
    assert.deepEqual(Object.keys(got.result).sort(), Object.keys(recording.response.result).sort());
    assert.equal(got.result.state, recording.response.result.state);
    answers.forEach((rows, i) => assert.deepEqual(shapeProblems(rows, got.result.results[i], `$.result.results[${i}]`), [], `query ${i} (${kwargs.queries[i]!.model})`));
    assert.deepEqual(got.result.results.map((r: unknown[]) => r.length), answers.map((r) => r.length), 'rows per query');
  } finally {
    await fake.close();
  }
});
