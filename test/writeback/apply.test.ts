import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  applyWriteBack, prepareWriteBack, type WorkTarget, WriteBackError,
} from '../../src/writeback/index.js';
import {
  computeMoveTotals, EUR, linesOf, move, notesOn, POLICY, scan, seedAttachment, seedCompany2, seedDraftBill, seedTaxes,
  startOdoo, type TestOdoo,
} from './helpers.js';

const MARKER = '5e3f0a9c1b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f';

for (const version of [17, 19] as const) {
  describe(`applyWriteBack on Odoo ${version}`, () => {
    let odoo: TestOdoo;
    let company2: { companyId: number; journalId: number };
    let tax22: number;
    let tax22c2: number;
    before(async () => {
      odoo = await startOdoo(version);
      computeMoveTotals(odoo.fake);
      company2 = seedCompany2(odoo.fake);
      [tax22, tax22c2] = seedTaxes(odoo.fake, [{ rate: 22 }, { rate: 22, company: company2.companyId }]);
      odoo.fake.seed('res.partner', [{ name: 'Alpha', vat: 'IT02780790107', is_company: true }]);
    });
    after(async () => { await odoo.close(); });

    const reviewFlag = () => (version === 17 ? { to_check: true } : { checked: false });

    it('creates one draft bill for an inbox attachment, links the file and posts one note, however often it runs', async () => {
      const attachmentId = seedAttachment(odoo.fake, { name: 'inbox.pdf' });
      const target: WorkTarget = { resModel: 'ir.attachment', resId: null, attachmentId, companyId: null };
      const prepared = await prepareWriteBack(odoo.client, target, scan('fatturapa-fpr12'), POLICY);
      assert.deepEqual(prepared.write, {});
      assert.equal(prepared.create_move?.move_type, 'in_invoice');
      assert.equal(prepared.create_move?.journal_id, 2);
      assert.equal(prepared.create_move?.currency_id, EUR);

      const movesBefore = odoo.fake.records('account.move').length;
      const first = await applyWriteBack(odoo.client, target, prepared, POLICY, MARKER);
      const second = await applyWriteBack(odoo.client, target, prepared, POLICY, MARKER);
      assert.equal(first.created, true);
      assert.equal(first.notePosted, true);
      assert.deepEqual({ ...second, written: [] }, { resModel: 'account.move', resId: first.resId, created: false, written: [], notePosted: false });
      assert.equal(odoo.fake.records('account.move').length, movesBefore + 1);
      const bill = move(odoo.fake, first.resId);
      assert.equal(bill.state, 'draft');
      assert.equal(bill.amount_total, 1220);
      assert.deepEqual(linesOf(odoo.fake, first.resId).map((l) => l.tax_ids), [[tax22]]);
      const att = odoo.fake.records('ir.attachment').find((a) => a.id === attachmentId)!;
      assert.deepEqual([att.res_model, att.res_id], ['account.move', first.resId]);
      const notes = notesOn(odoo.fake, 'account.move', first.resId);
      assert.equal(notes.length, 1);
      assert.ok(notes[0]!.includes(MARKER));
      // A worker that prepares again after the crash-free run does not mistake the bill for its own duplicate.
      const again = await prepareWriteBack(odoo.client, target, scan('fatturapa-fpr12'), POLICY);
      assert.deepEqual(again.review_reasons, []);
      assert.equal((await applyWriteBack(odoo.client, target, again, POLICY, MARKER)).created, false);
    });

    it('recovers from a crash between creating the bill and linking the file without a second bill', async () => {
      const attachmentId = seedAttachment(odoo.fake, { name: 'crash.pdf' });
      const target: WorkTarget = { resModel: 'ir.attachment', resId: null, attachmentId, companyId: null };
      const result = scan('fatturapa-fpr12', { fields: { invoice_number: { value: 'CRASH-1' } } });
      const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
      const first = await applyWriteBack(odoo.client, target, prepared, POLICY, `${MARKER}-crash`);
      // The state a crash right after create leaves behind: the bill exists, the file is not linked, no note.
      await odoo.client.write('ir.attachment', [attachmentId], { res_model: false, res_id: 0 });
      const messages = odoo.fake.records('mail.message').filter((m) => m.model === 'account.move' && m.res_id === first.resId);
      await odoo.client.call('mail.message', 'unlink', { ids: messages.map((m) => m.id as number) });

      const movesBefore = odoo.fake.records('account.move').length;
      const retry = await applyWriteBack(odoo.client, target, prepared, POLICY, `${MARKER}-crash`);
      assert.equal(retry.created, false);
      assert.equal(retry.resId, first.resId);
      assert.equal(retry.notePosted, true);
      assert.equal(odoo.fake.records('account.move').length, movesBefore);
      const att = odoo.fake.records('ir.attachment').find((a) => a.id === attachmentId)!;
      assert.deepEqual([att.res_model, att.res_id], ['account.move', first.resId]);
    });

    it('fills a draft bill once: a second run adds no lines and no note', async () => {
      const { moveId, attachmentId } = seedDraftBill(odoo.fake);
      const target: WorkTarget = { resModel: 'account.move', resId: moveId, attachmentId, companyId: null };
      const result = scan('fatturapa-fpr12', { fields: { invoice_number: { value: 'TWICE-1' } } });
      const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
      const first = await applyWriteBack(odoo.client, target, prepared, POLICY, `${MARKER}-twice`);
      const second = await applyWriteBack(odoo.client, target, prepared, POLICY, `${MARKER}-twice`);
      assert.ok(first.written.includes('invoice_line_ids'));
      assert.deepEqual(second.written, []);
      assert.equal(second.notePosted, false);
      assert.equal(linesOf(odoo.fake, moveId).length, 1);
      assert.equal(notesOn(odoo.fake, 'account.move', moveId).length, 1);
      // A fresh prepare after the first run finds nothing left to write.
      const again = await prepareWriteBack(odoo.client, target, result, POLICY);
      assert.deepEqual(again.write, {});
    });

    it('creates the bill of another company with that company\'s journal and taxes', async () => {
      const attachmentId = seedAttachment(odoo.fake, { name: 'filiale.pdf', companyId: company2.companyId });
      const target: WorkTarget = { resModel: 'ir.attachment', resId: null, attachmentId, companyId: company2.companyId };
      const result = scan('fatturapa-fpr12', { fields: { invoice_number: { value: 'C2-1' } } });
      const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
      assert.equal(prepared.create_move?.journal_id, company2.journalId);
      assert.equal(prepared.create_move?.company_id, company2.companyId);
      // Alpha exists only in company 1 (company_id false means shared, but this one is not).
      const applied = await applyWriteBack(odoo.client, target, prepared, POLICY, `${MARKER}-c2`);
      assert.deepEqual(linesOf(odoo.fake, applied.resId).map((l) => l.tax_ids), [[tax22c2]]);
    });

    it('sets Odoo\'s own review flag on a bill that needs review', async () => {
      const { moveId, attachmentId } = seedDraftBill(odoo.fake);
      const target: WorkTarget = { resModel: 'account.move', resId: moveId, attachmentId, companyId: null };
      const result = scan('fatturapa-fpr12', { fields: { vendor_vat: { value: 'IT99999999999' }, vendor_name: { value: 'Nobody' }, invoice_number: { value: 'FLAG-1' } } });
      const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
      assert.deepEqual(Object.fromEntries(Object.entries(prepared.write).filter(([k]) => k === 'to_check' || k === 'checked')), reviewFlag());
      await applyWriteBack(odoo.client, target, prepared, POLICY, `${MARKER}-flag`);
      const row = move(odoo.fake, moveId);
      // 19: a draft is unchecked already (checked defaults to false), so nothing needs writing for it.
      assert.deepEqual(version === 17 ? { to_check: row.to_check } : { checked: row.checked ?? false }, reviewFlag());
    });

    it('escapes everything from the document in the note stored in Odoo', async () => {
      const { moveId, attachmentId } = seedDraftBill(odoo.fake);
      const target: WorkTarget = { resModel: 'account.move', resId: moveId, attachmentId, companyId: null };
      const evil = '<script>alert("x")</script> & <b>Co</b>';
      const result = scan('fatturapa-fpr12', {
        fields: { vendor_name: { value: evil }, vendor_vat: { value: null, confidence: 0 }, invoice_number: { value: '<img src=x onerror=alert(1)>' } },
      });
      const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
      await applyWriteBack(odoo.client, target, prepared, POLICY, `${MARKER}-html`);
      const [body] = notesOn(odoo.fake, 'account.move', moveId);
      assert.ok(body);
      for (const raw of ['<script', '<img', '<i>', '<b>Co']) assert.equal(body.includes(raw), false, `${raw} unescaped in ${body}`);
      assert.ok(body.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;'));
      assert.ok(body.includes('&lt;img src=x onerror=alert(1)&gt;'));
      assert.ok(body.startsWith('<p><b>OCR: Invoice</b>'), 'the note itself is html, not escaped as a whole');
    });
  });
}

describe('write-back input errors', () => {
  let odoo: TestOdoo;
  before(async () => { odoo = await startOdoo(17); });
  after(async () => { await odoo.close(); });

  const code = (c: string) => (err: unknown) => err instanceof WriteBackError && err.code === c;

  it('rejects targets, policies and markers that cannot be right', async () => {
    const result = scan('fatturapa-fpr12');
    await assert.rejects(prepareWriteBack(odoo.client, { resModel: 'res.partner' as 'hr.expense', resId: 1, attachmentId: 1, companyId: null }, result, POLICY), code('INVALID_TARGET'));
    await assert.rejects(prepareWriteBack(odoo.client, { resModel: 'account.move', resId: null, attachmentId: 1, companyId: null }, result, POLICY), code('INVALID_TARGET'));
    await assert.rejects(prepareWriteBack(odoo.client, { resModel: 'account.move', resId: 1, attachmentId: 0, companyId: null }, result, POLICY), code('INVALID_TARGET'));
    await assert.rejects(prepareWriteBack(odoo.client, { resModel: 'account.move', resId: 1, attachmentId: 1, companyId: null }, result, { overwrite: false, reviewThreshold: 2 }), code('INVALID_POLICY'));
    const { moveId, attachmentId } = seedDraftBill(odoo.fake);
    const target: WorkTarget = { resModel: 'account.move', resId: moveId, attachmentId, companyId: null };
    const prepared = await prepareWriteBack(odoo.client, target, result, POLICY);
    await assert.rejects(applyWriteBack(odoo.client, target, prepared, POLICY, "x' or 1=1 --"), code('INVALID_MARKER'));
  });

  it('reports a target that no longer exists', async () => {
    await assert.rejects(
      prepareWriteBack(odoo.client, { resModel: 'account.move', resId: 999999, attachmentId: 1, companyId: null }, scan('fatturapa-fpr12'), POLICY),
      code('TARGET_NOT_FOUND'),
    );
    await assert.rejects(
      prepareWriteBack(odoo.client, { resModel: 'ir.attachment', resId: null, attachmentId: 999999, companyId: null }, scan('fatturapa-fpr12'), POLICY),
      code('TARGET_NOT_FOUND'),
    );
  });

  it('reports a configured journal that is not a purchase journal of the company', async () => {
    const attachmentId = seedAttachment(odoo.fake, { name: 'j.pdf' });
    await assert.rejects(
      prepareWriteBack(odoo.client, { resModel: 'ir.attachment', resId: null, attachmentId, companyId: null }, scan('fatturapa-fpr12'), { ...POLICY, purchaseJournalId: 1 }),
      code('NO_PURCHASE_JOURNAL'),
    );
  });

  it('turns an unreadable document into a review note instead of values', async () => {
    const { moveId, attachmentId } = seedDraftBill(odoo.fake);
    const prepared = await prepareWriteBack(odoo.client, { resModel: 'account.move', resId: moveId, attachmentId, companyId: null }, {
      file: 'x.pdf', sha256: null, pages: 0, timings_ms: { total: 3 }, error: { code: 'ENCRYPTED_PDF', message: 'password <protected>' },
    }, POLICY);
    assert.deepEqual([prepared.write, prepared.create_move, prepared.needs_review, prepared.confidence], [{}, null, true, 0]);
    assert.deepEqual(prepared.review_reasons, ['document could not be read (ENCRYPTED_PDF): password <protected>']);
    assert.ok(prepared.note.includes('password &lt;protected&gt;'));
  });
});
