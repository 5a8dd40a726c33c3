import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ScanResult } from '../../src/contract.js';
import { answersByKey } from '../../src/worker/lookup-prefetch.js';
import { withPrefetched } from '../../src/worker/prefetched-client.js';
import { planLookups } from '../../src/writeback/lookup-plan.js';
import type { LookupQuery } from '../../src/writeback/lookups.js';
import { prepareWriteBack, type WorkTarget } from '../../src/writeback/index.js';
import { installFakeOcrJobs, type FakeOcrJobs } from '../support/fake-ocr-job.js';
import { computeMoveTotals, EUR, POLICY, scan, seedAttachment, seedDraftBill, seedTaxes, startOdoo, type TestOdoo } from './helpers.js';

// The planned lookups (one ocr.job.lookup call) must give the write-back exactly what its own searches give: the
// same prepared values, note and review reasons. And the plan must cover what a usual bill needs, so the write-back
// sends no search of its own: vendor by VAT, by the IBAN of a payment code (bank account -> holder) and by IBANs in
// the text (bank account -> earlier bills), same-reference and same-file duplicates (file -> bill), the currency.

const IBAN = 'DE89370400440532013000';
const REFERENCE = new Set(['account.tax', 'account.journal']);

describe('write-back lookups planned and sent in one call', () => {
  let odoo: TestOdoo;
  let jobs: FakeOcrJobs;
  let vendor: number;
  before(async () => {
    odoo = await startOdoo(17);
    jobs = installFakeOcrJobs(odoo.fake);
    computeMoveTotals(odoo.fake);
    seedTaxes(odoo.fake, [{ rate: 19 }, { rate: 7 }]);
    [vendor] = odoo.fake.seed('res.partner', [{ name: 'Lieferant GmbH', vat: 'DE 123 456 789', is_company: true }]) as [number];
    const [bank] = odoo.fake.seed('res.partner.bank', [{ acc_number: 'DE89 3704 0044 0532 0130 00', partner_id: vendor }]);
    // an earlier bill of the vendor with the same reference, paid to that account, holding the same file
    const { moveId: earlier } = seedDraftBill(odoo.fake, { partner_id: vendor, ref: '471102', partner_bank_id: bank }, 'the same file');
    odoo.fake.write('account.move', [earlier], { state: 'posted' });
  });
  after(async () => { await odoo.close(); });

  /** A claimed job for the target, so ocr.job.lookup runs under its lease token. */
  async function claimed(target: WorkTarget): Promise<{ jobId: number; token: string }> {
    jobs.enqueue({ attachmentId: target.attachmentId, resModel: target.resModel, resId: target.resId ?? 0, companyId: 1 });
    const [lease] = await odoo.client.call<Array<{ job_id: number; token: string }>>('ocr.job', 'claim', { kwargs: { worker_id: 'plan-test', limit: 1 } });
    return { jobId: lease!.job_id, token: lease!.token };
  }

  async function preparedBothWays(target: WorkTarget, result: ScanResult) {
    const own = await prepareWriteBack(odoo.client, target, result, POLICY);
    // as the worker has it: the attachment's metadata came with its content
    const [meta] = odoo.fake.readRows('ir.attachment', [target.attachmentId], ['name', 'mimetype', 'file_size', 'checksum', 'res_model', 'res_id', 'company_id']);
    const prefetched = new Map([[`ir.attachment:${target.attachmentId}`, meta!]]);
    const queries: LookupQuery[] = await planLookups(odoo.client, target, result, {
      checksum: (meta!.checksum as string) || null, moveId: meta!.res_model === 'account.move' ? (meta!.res_id as number) : null,
    });
    const { jobId, token } = await claimed(target);
    const answer = await odoo.client.call<{ state: string; results: Array<Record<string, unknown>[]> }>('ocr.job', 'lookup', { kwargs: { job_id: jobId, token, queries } });
    assert.equal(answer.state, 'running');
    const lookups = answersByKey(queries, answer.results);
    odoo.fake.resetCalls();
    const batched = await prepareWriteBack(withPrefetched(odoo.client, prefetched, lookups), target, result, POLICY);
    // journals and taxes are reference data the worker keeps for minutes (odoo-gate), not per document
    const searches = odoo.fake.calls.filter((c) => c.method === 'search_read' && !REFERENCE.has(String(c.model))).map((c) => c.model);
    return { own, batched, searches };
  }

  it('a bill: same values, same note, and no search of its own', async () => {
    const { moveId, attachmentId } = seedDraftBill(odoo.fake, {}, 'the same file');
    const result = scan('facturx-einfach', { fields: { iban: { value: IBAN, confidence: 1 } } });
    const target: WorkTarget = { resModel: 'account.move', resId: moveId, attachmentId, companyId: 1 };
    const { own, batched, searches } = await preparedBothWays(target, result);
    assert.deepEqual({ ...batched, duration_ms: 0 }, { ...own, duration_ms: 0 });
    assert.equal(own.write.partner_id, vendor, 'vendor by VAT');
    assert.match(own.note, /same vendor and reference 471102/);
    assert.match(own.note, /the same file is already on/);
    assert.equal(own.write.currency_id, EUR);
    assert.deepEqual(searches, [], 'every search the write-back made was answered by the batch');
  });

  it('a vendor found only by a payment code\'s IBAN (bank account -> holder) on a loose file: the same both ways', async () => {
    const attachmentId = seedAttachment(odoo.fake, { content: 'a loose file', companyId: 1 });
    const result = scan('facturx-einfach', { fields: { vendor_vat: { value: null, confidence: 0 }, vendor_name: { value: 'Unbekannt AG', confidence: 0.5 }, iban: { value: IBAN, confidence: 1 } } });
    const target: WorkTarget = { resModel: 'ir.attachment', resId: null, attachmentId, companyId: 1 };
    const { own, batched, searches } = await preparedBothWays(target, result);
    assert.deepEqual({ ...batched, duration_ms: 0 }, { ...own, duration_ms: 0 });
    assert.equal(own.create_move?.partner_id, vendor, 'the holder of the IBAN');
    assert.deepEqual(searches, []);
  });

  it('a vendor found by an IBAN printed in the text, on earlier bills (bank account -> bills): the same both ways', async () => {
    const { moveId, attachmentId } = seedDraftBill(odoo.fake, {}, 'another file');
    const result = scan('facturx-einfach', { fields: { vendor_vat: { value: null, confidence: 0 }, vendor_name: { value: 'Unbekannt AG', confidence: 0.5 } } });
    const target: WorkTarget = { resModel: 'account.move', resId: moveId, attachmentId, companyId: 1 };
    const { own, batched, searches } = await preparedBothWays(target, result);
    assert.deepEqual({ ...batched, duration_ms: 0 }, { ...own, duration_ms: 0 });
    assert.match(own.note, /matched by iban/);
    assert.deepEqual(searches, []);
  });

  it('an expense: the record read comes with the batch', async () => {
    const [expenseId] = odoo.fake.seed('hr.expense', [{ name: 'receipt.jpg', employee_id: 1, state: 'draft' }]);
    const attachmentId = seedAttachment(odoo.fake, { name: 'receipt.jpg', resModel: 'hr.expense', resId: expenseId! });
    const target: WorkTarget = { resModel: 'hr.expense', resId: expenseId!, attachmentId, companyId: 1 };
    const { own, batched, searches } = await preparedBothWays(target, scan('sroie-000'));
    assert.deepEqual({ ...batched, duration_ms: 0 }, { ...own, duration_ms: 0 });
    assert.deepEqual(searches, []);
  });

  it('a token that no longer holds the job gets "lost" and no rows', async () => {
    const { moveId, attachmentId } = seedDraftBill(odoo.fake);
    const target: WorkTarget = { resModel: 'account.move', resId: moveId, attachmentId, companyId: 1 };
    const { jobId } = await claimed(target);
    const answer = await odoo.client.call('ocr.job', 'lookup', { kwargs: { job_id: jobId, token: 'not-the-token', queries: [] } });
    assert.deepEqual(answer, { state: 'lost' });
  });
});
