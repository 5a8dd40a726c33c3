import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyWriteBack, prepareWriteBack, type WorkTarget } from '../../src/writeback/index.js';
import {
  computeMoveTotals, linesOf, move, notesOn, POLICY, scan, seedAttachment, seedDraftBill, seedTaxes, startOdoo, type TestOdoo,
} from './helpers.js';

describe('bill rules accountants rely on', () => {
  let odoo: TestOdoo;
  let alpha: number;
  let tax22: number;
  before(async () => {
    odoo = await startOdoo(17);
    computeMoveTotals(odoo.fake);
    [tax22] = seedTaxes(odoo.fake, [{ rate: 22 }]);
    [alpha] = odoo.fake.seed('res.partner', [{ name: "Societa' Alpha Srl", vat: 'IT02780790107', is_company: true }]);
  });
  after(async () => { await odoo.close(); });

  // Every case uses its own invoice number: bills of earlier cases would otherwise be (rightly) flagged as duplicates.
  let seq = 0;
  const fpr12 = (patch: Parameters<typeof scan>[1] = {}) => {
    seq += 1;
    return scan('fatturapa-fpr12', { ...patch, fields: { invoice_number: { value: `N${seq}` }, ...patch.fields } });
  };

  function target(values: Record<string, unknown> = {}, content?: string): WorkTarget {
    const { moveId, attachmentId } = seedDraftBill(odoo.fake, values, content);
    return { resModel: 'account.move', resId: moveId, attachmentId, companyId: null };
  }

  it('turns an empty draft bill into a refund for a credit note', async () => {
    const t = target();
    const result = fpr12({ fields: { doc_type: { value: 'credit_note', confidence: 0.95 } } });
    const prepared = await prepareWriteBack(odoo.client, t, result, POLICY);
    assert.equal(prepared.write.move_type, 'in_refund');
    await applyWriteBack(odoo.client, t, prepared, POLICY, 'sha256-refund-00001');
    assert.equal(move(odoo.fake, t.resId!).move_type, 'in_refund');
    assert.equal(linesOf(odoo.fake, t.resId!)[0]!.price_unit, 1000); // credit notes keep positive amounts
  });

  it('handles an invoice with a negative total as a credit note', async () => {
    const attachmentId = seedAttachment(odoo.fake, { name: 'korrektur.pdf' });
    const t: WorkTarget = { resModel: 'ir.attachment', resId: null, attachmentId, companyId: null };
    const prepared = await prepareWriteBack(odoo.client, t, scan('rechnungskorrektur'), POLICY);
    assert.equal(prepared.create_move?.move_type, 'in_refund');
    assert.equal(prepared.doc_type, 'credit_note');
    assert.match(prepared.note, /negative total: handled as a credit note/);
    // its tax 1.12 on 7.67 is a blend of rates no single purchase tax gives: its total in one line without tax, flagged
    const lines = prepared.create_move!.invoice_line_ids as Array<[number, number, { price_unit: number }]>;
    assert.deepEqual(lines.map(([, , l]) => l.price_unit), [8.79]);
    assert.ok(prepared.review_reasons.some((r) => r.includes('a blend of rates?')), prepared.review_reasons.join(' | '));
  });

  it('does not switch the type of a bill that already has lines, and flags it', async () => {
    const t = target({ invoice_line_ids: [[0, 0, { name: 'typed by a person', quantity: 1, price_unit: 50 }]] });
    const result = fpr12({ fields: { doc_type: { value: 'credit_note', confidence: 0.95 } } });
    const prepared = await prepareWriteBack(odoo.client, t, result, { ...POLICY, overwrite: true });
    assert.equal('move_type' in prepared.write, false);
    assert.ok(prepared.review_reasons.includes('document is a credit note but the bill already has lines: type not changed'));
  });

  it('with overwrite off, keeps what a person entered and fills the rest', async () => {
    const t = target({ ref: 'TYPED-7', invoice_date: '2020-01-10' });
    const prepared = await prepareWriteBack(odoo.client, t, fpr12({ fields: { invoice_number: { value: 'K-7' } } }), POLICY);
    assert.equal('ref' in prepared.write, false);
    assert.equal('invoice_date' in prepared.write, false);
    assert.equal(prepared.write.partner_id, alpha);
    assert.equal(prepared.write.payment_reference, 'K-7');
    assert.match(prepared.note, /Left as entered: Invoice\/Bill Date, Reference<\/li>/);
    await applyWriteBack(odoo.client, t, prepared, POLICY, 'sha256-keep-000001');
    const row = move(odoo.fake, t.resId!);
    assert.equal(row.ref, 'TYPED-7');
    assert.equal(row.invoice_date, '2020-01-10');
    assert.equal(row.amount_total, 1220);
  });

  it('replaces the due date Odoo computes for every draft, but not one next to a bill date a person entered', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const fresh = target({ invoice_date_due: today });
    const typed = target({ invoice_date: '2020-01-09', invoice_date_due: '2020-03-31' });
    const a = await prepareWriteBack(odoo.client, fresh, fpr12(), POLICY);
    const b = await prepareWriteBack(odoo.client, typed, fpr12(), POLICY);
    assert.equal(a.write.invoice_date_due, '2020-02-29');
    assert.equal('invoice_date_due' in b.write, false);
  });

  it('with overwrite on, replaces a person\'s values and lines', async () => {
    const t = target({ ref: 'TYPED-8', invoice_line_ids: [[0, 0, { name: 'typed', quantity: 1, price_unit: 50 }]] });
    const prepared = await prepareWriteBack(odoo.client, t, fpr12({ fields: { invoice_number: { value: 'O-8' } } }), { ...POLICY, overwrite: true });
    assert.equal(prepared.write.ref, 'O-8');
    await applyWriteBack(odoo.client, t, prepared, { ...POLICY, overwrite: true }, 'sha256-overwrite-01');
    const lines = linesOf(odoo.fake, t.resId!);
    assert.deepEqual(lines.map((l) => [l.name, l.price_unit, l.tax_ids]), [["SOCIETA' ALPHA SRL O-8", 1000, [tax22]]]);
    assert.equal(move(odoo.fake, t.resId!).ref, 'O-8');
  });

  it('never touches a bill that is not a draft, but still explains why in the chatter', async () => {
    const t = target({ state: 'posted', name: 'BILL/2024/05/0001' });
    const prepared = await prepareWriteBack(odoo.client, t, fpr12(), POLICY);
    assert.deepEqual(prepared.write, {});
    assert.ok(prepared.review_reasons.includes('bill BILL/2024/05/0001 is posted: not changed'));
    odoo.fake.resetCalls();
    // Even values prepared earlier (the bill was posted in between) are not written.
    const applied = await applyWriteBack(odoo.client, t, { ...prepared, write: { ref: 'LATE' } }, POLICY, 'sha256-posted-0001');
    assert.deepEqual(applied.written, []);
    assert.equal(odoo.fake.callCount({ model: 'account.move', method: 'write' }), 0);
    assert.equal(move(odoo.fake, t.resId!).ref ?? false, false);
    assert.equal(notesOn(odoo.fake, 'account.move', t.resId!).length, 1);
  });

  it('leaves a bill Odoo already filled from the Factur-X/UBL XML alone: only the review flag and the note', async () => {
    const t = target({
      partner_id: alpha, ref: 'FX-1', invoice_date: '2020-01-09',
      invoice_line_ids: [[0, 0, { name: 'Servizi', quantity: 1, price_unit: 1000, tax_ids: [[6, 0, [tax22]]] }]],
    });
    const clean = await prepareWriteBack(odoo.client, t, fpr12({ fields: { invoice_number: { value: 'FX-1' } } }), POLICY);
    assert.deepEqual(clean.write, {});
    assert.equal(clean.needs_review, false);
    assert.match(clean.note, /bill already filled: values left as they are/);

    const differing = fpr12({ fields: { invoice_number: { value: 'FX-1' }, amount_total: { value: 1250 } } });
    const flagged = await prepareWriteBack(odoo.client, t, differing, POLICY);
    assert.deepEqual(flagged.write, { to_check: true });
    assert.ok(flagged.review_reasons.includes('bill total 1220.00 differs from the document total 1250.00'));
  });

  it('flags another bill of the same vendor with the same reference, but never a cancelled one', async () => {
    odoo.fake.seed('account.move', [
      { move_type: 'in_invoice', state: 'cancel', partner_id: alpha, ref: 'DUP-1', journal_id: 2, currency_id: 1, company_id: 1, date: '2020-01-09', name: 'BILL/2020/01/0007' },
    ]);
    const dup = () => fpr12({ fields: { invoice_number: { value: 'DUP-1' } } });
    const quiet = await prepareWriteBack(odoo.client, target(), dup(), POLICY);
    assert.equal(quiet.review_reasons.some((r) => r.startsWith('possible duplicate')), false, quiet.review_reasons.join(' | '));

    odoo.fake.seed('account.move', [
      { move_type: 'in_invoice', state: 'posted', partner_id: alpha, ref: 'DUP-1', journal_id: 2, currency_id: 1, company_id: 1, date: '2020-01-09', name: 'BILL/2020/01/0008' },
    ]);
    const t = target();
    const prepared = await prepareWriteBack(odoo.client, t, dup(), POLICY);
    assert.ok(prepared.review_reasons.some((r) => r.startsWith('possible duplicate: same vendor and reference DUP-1 as BILL/2020/01/0008')), prepared.review_reasons.join(' | '));
    assert.equal(prepared.write.to_check, true);
    await applyWriteBack(odoo.client, t, prepared, POLICY, 'sha256-duplicate-1');
    assert.equal(odoo.fake.records('account.move').filter((m) => m.ref === 'DUP-1' && m.state === 'posted').length, 1); // nothing merged
  });

  it('flags the same file already attached to another bill', async () => {
    const first = target({}, 'same bytes %PDF');
    const second = target({}, 'same bytes %PDF');
    const result = fpr12({ fields: { invoice_number: { value: 'UNIQUE-1' } } });
    const prepared = await prepareWriteBack(odoo.client, second, result, POLICY);
    assert.ok(prepared.review_reasons.includes(`possible duplicate: the same file is already on id ${first.resId}`), prepared.review_reasons.join(' | '));
  });

  it('writes a receipt on a bill target as a bill', async () => {
    const t = target();
    const result = fpr12({ fields: { doc_type: { value: 'receipt', confidence: 0.9 } } });
    const prepared = await prepareWriteBack(odoo.client, t, result, POLICY);
    assert.equal('move_type' in prepared.write, false);
    assert.equal(prepared.write.partner_id, alpha);
    assert.equal((prepared.write.invoice_line_ids as unknown[]).length, 1);
    assert.equal(prepared.needs_review, false, prepared.review_reasons.join(' | '));
  });

  it('fills a draft purchase receipt as it fills a bill, and never makes it a bill or a refund', async () => {
    const t = target({ move_type: 'in_receipt' });
    const receipt = await prepareWriteBack(odoo.client, t, fpr12({ fields: { doc_type: { value: 'receipt', confidence: 0.9 } } }), POLICY);
    assert.equal('move_type' in receipt.write, false);
    assert.equal(receipt.write.partner_id, alpha);
    assert.equal((receipt.write.invoice_line_ids as unknown[]).length, 1);
    const refund = await prepareWriteBack(odoo.client, target({ move_type: 'in_receipt' }), fpr12({ fields: { doc_type: { value: 'credit_note', confidence: 0.95 } } }), POLICY);
    assert.equal('move_type' in refund.write, false);
    assert.match(refund.review_reasons.join('\n'), /credit note but .* is a purchase receipt/);
  });

  it('does not write into a record that is not a vendor bill', async () => {
    const t = target({ move_type: 'out_invoice', journal_id: 1 });
    const prepared = await prepareWriteBack(odoo.client, t, fpr12(), POLICY);
    assert.deepEqual(prepared.write, {});
    assert.match(prepared.review_reasons.join('\n'), /is a out_invoice entry, not a vendor bill/);
  });

  it('fills a bill uploaded as one when the reader is unsure it is something else, and asks for a review', async () => {
    const t = target();
    const result = fpr12({ fields: { doc_type: { value: 'other', confidence: 0.6 } } });
    const prepared = await prepareWriteBack(odoo.client, t, result, POLICY);
    assert.ok('invoice_date' in prepared.write, JSON.stringify(prepared.write));
    assert.ok(prepared.review_reasons.includes('document may be a other (read with 60 %): filled as the bill it was uploaded as'),
      prepared.review_reasons.join(' | '));
    assert.equal(prepared.needs_review, true);
  });

  it('creates no bill from a file that does not read surely as one', async () => {
    const attachmentId = seedAttachment(odoo.fake, { name: 'unsure.pdf' });
    const t: WorkTarget = { resModel: 'ir.attachment', resId: null, attachmentId, companyId: null };
    const prepared = await prepareWriteBack(odoo.client, t, fpr12({ fields: { doc_type: { value: 'other', confidence: 0.6 } } }), POLICY);
    assert.equal(prepared.create_move, null);
    assert.ok(prepared.review_reasons.includes('document is a other, not a bill: nothing written'), prepared.review_reasons.join(' | '));
  });

  it('writes nothing but the note for a purchase order', async () => {
    const t = target();
    const result = fpr12({ fields: { doc_type: { value: 'purchase_order', confidence: 0.9 } } });
    const prepared = await prepareWriteBack(odoo.client, t, result, POLICY);
    assert.deepEqual(prepared.write, { to_check: true });
    assert.ok(prepared.review_reasons.includes('document is a purchase order, not a bill: nothing written'));
  });
});
