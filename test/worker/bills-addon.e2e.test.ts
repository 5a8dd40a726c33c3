import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TYPE_NOT_CHANGED_REASON } from '../../src/writeback/move-type.js';
import { writePolicyOf } from '../../src/worker/runtime.js';
import { prepareWriteBack } from '../../src/writeback/index.js';
import type { FakeOcrJobsOptions } from '../support/fake-ocr-job.js';
import {
  assertFacturxBill, billView, CORRECTION, documentBytes, EUR, FACTURX, lineSummary, looseFile, QUALITY_HOSTING,
  seedBooks, UBL_CREDIT_NOTE, uploadBill, billSuite,
} from './bills-support.js';
import type { Stack } from './harness.js';

// Vendor bills in addon mode, end to end: real documents read by the real pipeline, the worker loop, and the
// addon's complete() (emulated by the fake with the addon's write-back rules) filling the bill in Odoo.

const suite = billSuite();

async function open(jobOptions: FakeOcrJobsOptions = {}, config: Record<string, string> = {}) {
  const stack = await suite.start({ addon: true, jobOptions });
  const books = seedBooks(stack.fake);
  const rt = await stack.runtime(await stack.config(config, 'bills'), { scanner: suite.scanner.forRuntime });
  return { stack, books, rt };
}

function bills(s: Stack) {
  return s.fake.records('account.move');
}

test('addon: a Factur-X PDF uploaded as an empty draft bill is filled by complete: vendor by VAT, date, ref, EUR, taxed lines adding up to the total, one note', async () => {
  const { stack, books, rt } = await open();
  const { billId, attachmentId } = uploadBill(stack, FACTURX);
  const jobId = stack.jobs!.enqueue({ attachmentId, resModel: 'account.move', resId: billId });
  const before = bills(stack).length;

  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.done, 1, JSON.stringify(summary));
  const job = stack.jobs!.job(jobId);
  assert.equal(job.state, 'done', String(job.review_reasons));
  assert.equal(job.completions, 1);
  const view = billView(stack.fake, billId);
  assertFacturxBill(assert, view, books);
  assert.equal(view.move.payment_reference, '471102');
  assert.equal(view.move.to_check, false, 'nothing to check');
  assert.equal(bills(stack).length, before, 'no other bill');
});

test('addon: with Create vendors off, a vendor whose VAT is not in Odoo is left empty, and the bill and job are flagged for review', async () => {
  const { stack, rt } = await open({ createVendors: false });
  const { billId, attachmentId } = uploadBill(stack, QUALITY_HOSTING);
  const jobId = stack.jobs!.enqueue({ attachmentId, resModel: 'account.move', resId: billId });
  await rt.worker.runUntilIdle();

  const job = stack.jobs!.job(jobId);
  assert.equal(job.state, 'review');
  assert.match(String(job.review_reasons), /vendor not found: .*DE232446240|vendor not written|Not written, read with less than \d+ % confidence: .*\bVendor \d+ %|Not written \(low confidence\): .*\bVendor \d+ %/);
  const view = billView(stack.fake, billId);
  assert.equal(view.move.partner_id, false, 'no partner guessed, none created');
  assert.equal(stack.fake.records('res.partner').filter((p) => /QualityHosting/i.test(String(p.name))).length, 0);
  assert.equal(view.move.to_check, true, "Odoo's own 'to check' flag is set");
  // what the write policy writes (confidence >= WRITE_THRESHOLD) is right; the rest is left to a person
  if (view.move.invoice_date) assert.equal(view.move.invoice_date, '2014-05-07');
  if (view.move.ref) assert.equal(view.move.ref, '30064443');
  if (view.lines.length) {
    assert.equal(view.move.currency_id, EUR);
    assert.equal(view.move.amount_total, 34.73, 'lines, when written, add up to the document');
  }
  else assert.match(String(job.review_reasons), /\bTotal\b/, 'a total not written is a review reason');
  assert.equal(view.notes.length, 1);
  assert.match(view.notes[0]!, /vendor not found|vendor not written|Not written, read with less than \d+ % confidence: .*\bVendor \d+ %|Not written \(low confidence\): .*\bVendor \d+ %/);
});

test('addon: a loose credit note becomes a draft refund (in_refund) with positive amounts', async () => {
  const { stack, rt } = await open();
  const [supplier] = stack.fake.seed('res.partner', [{ name: 'My Supplier Company N.V.', vat: 'BE0000000196', is_company: true }]);
  const attachmentId = looseFile(stack, UBL_CREDIT_NOTE);
  const jobId = stack.jobs!.enqueue({ attachmentId, resModel: 'ir.attachment', resId: attachmentId });
  const before = bills(stack).length;
  await rt.worker.runUntilIdle();

  const job = stack.jobs!.job(jobId);
  assert.equal(job.state, 'done', String(job.review_reasons || job.error));
  assert.equal(job.created_record, true);
  const created = bills(stack).slice(before);
  assert.equal(created.length, 1);
  const view = billView(stack.fake, created[0]!.id as number);
  assert.equal(view.move.move_type, 'in_refund');
  assert.equal(view.move.state, 'draft');
  assert.equal(view.move.partner_id, supplier);
  assert.equal(view.move.ref, '018304 / 28865');
  assert.equal(view.move.invoice_date, '2019-09-23');
  assert.equal(view.move.currency_id, EUR);
  assert.deepEqual(lineSummary(view.lines), ['1 x 100.11 @ []']);
  assert.equal(view.move.amount_total, 100.11);
  assert.equal(view.notes.length, 1);
  const file = stack.fake.records('ir.attachment').find((a) => a.id === attachmentId)!;
  assert.deepEqual([file.res_model, file.res_id], ['account.move', view.move.id], 'the file moved onto its bill');
  assert.equal(view.move.message_main_attachment_id, attachmentId);
});

test('addon: a credit note uploaded as a vendor bill: the addon may not change the type, so it stays, the rest is written, and a person is asked to switch it', async () => {
  const { stack, rt } = await open();
  const [supplier] = stack.fake.seed('res.partner', [{ name: 'My Supplier Company N.V.', vat: 'BE0000000196', is_company: true }]);
  const { billId, attachmentId } = uploadBill(stack, UBL_CREDIT_NOTE);
  const jobId = stack.jobs!.enqueue({ attachmentId, resModel: 'account.move', resId: billId });
  await rt.worker.runUntilIdle();

  const job = stack.jobs!.job(jobId);
  assert.equal(job.state, 'review', `not failed: ${String(job.error)}`);
  assert.ok(String(job.review_reasons).includes(TYPE_NOT_CHANGED_REASON));
  assert.ok(!('move_type' in ((job.values?.write ?? {}) as object)), 'move_type is never sent to the addon');
  const view = billView(stack.fake, billId);
  assert.equal(view.move.move_type, 'in_invoice');
  assert.equal(view.move.to_check, true);
  assert.equal(view.move.partner_id, supplier);
  assert.equal(view.move.amount_total, 100.11, 'positive amounts, as the refund will have them once switched');
  assert.equal(view.notes.length, 1);
  assert.match(view.notes[0]!, /Type not changed/);
});

test('addon: a correction invoice with negative amounts, uploaded on a draft refund: a refund, its lines positive or held back (flagged), never a total it does not have', async () => {
  const { stack, books, rt } = await open();
  const { billId, attachmentId } = uploadBill(stack, CORRECTION, { move_type: 'in_refund' });
  const jobId = stack.jobs!.enqueue({ attachmentId, resModel: 'account.move', resId: billId });
  await rt.worker.runUntilIdle();

  const job = stack.jobs!.job(jobId);
  assert.equal(job.state, 'review');
  const view = billView(stack.fake, billId);
  assert.equal(view.move.move_type, 'in_refund');
  assert.equal(view.move.partner_id, books.lieferant, 'same VAT DE123456789 as the known vendor');
  assert.equal(view.move.ref, 'RK21012345');
  assert.ok(view.lines.every((l) => (l.quantity as number) > 0 && (l.price_unit as number) >= 0), 'amounts turned positive');
  // its tax 1.12 on 7.67 is a blend of rates: lines that add up to 8.79, or none, never a total it does not have
  if (view.lines.length) assert.equal(view.move.amount_total, 8.79);
  else assert.match(String(job.review_reasons), /no lines written/, 'lines held back are flagged');
  assert.equal(view.move.to_check, true);
  assert.equal(view.notes.length, 1);
});

test('addon: a loose file whose complete() answer is lost: the retried call creates no second bill or note; a re-run fills the same bill', async () => {
  const { stack, books, rt } = await open();
  const attachmentId = looseFile(stack, FACTURX);
  const jobId = stack.jobs!.enqueue({ attachmentId, resModel: 'ir.attachment', resId: attachmentId });
  const before = bills(stack).length;
  stack.fake.loseAnswers(1, { model: 'ocr.job', method: 'complete' });

  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.done, 1, JSON.stringify(summary));
  assert.equal(stack.fake.callCount({ model: 'ocr.job', method: 'complete' }), 2, 'complete was sent again after the lost answer');
  const created = bills(stack).slice(before);
  assert.equal(created.length, 1, 'one bill');
  const billId = created[0]!.id as number;
  assertFacturxBill(assert, billView(stack.fake, billId), books);
  const job = stack.jobs!.job(jobId);
  assert.deepEqual([job.res_model, job.res_id, job.completions], ['account.move', billId, 1]);

  // The admin re-runs the finished job: it now points at the bill it created, which is filled already.
  assert.equal(await rt.gate.call<number>('ocr.job', 'requeue', { kwargs: { ids: [jobId] } }), 1);
  await rt.worker.runUntilIdle();
  assert.equal(bills(stack).length, before + 1, 'still one bill');
  const view = billView(stack.fake, billId);
  assert.equal(view.lines.length, 2, 'no second set of lines');
  assert.equal(view.move.amount_total, 529.87);
  assert.equal(stack.jobs!.job(jobId).state, 'done');
  assert.match(view.notes[1] ?? '', /bill already filled/, "the re-run's note says the values were left alone");
});

test('addon: a worker that dies after reading a loose file: the job is done once by another worker, the late complete() is refused', async () => {
  const { stack, rt } = await open();
  const attachmentId = looseFile(stack, FACTURX);
  const jobId = stack.jobs!.enqueue({ attachmentId, resModel: 'ir.attachment', resId: attachmentId });
  const before = bills(stack).length;

  const [item] = await rt.source.fetch(1);
  const result = await suite.scanner.scanner.scanBuffer(documentBytes(FACTURX), item!.name);
  const config = await stack.config({}, 'bills');
  const prepared = await prepareWriteBack(rt.gate, item!.target, result, writePolicyOf(config));
  assert.equal((prepared.create_move as Record<string, unknown>).move_type, 'in_invoice');
  // ... and dies here. Its lease runs out; another worker takes the job.
  stack.jobs!.expireLeases();
  const other = await stack.runtime(await stack.config({}, 'other'), { scanner: suite.scanner.forRuntime });
  for (let i = 0; i < 20 && stack.jobs!.job(jobId).state !== 'done'; i++) {
    await other.worker.runUntilIdle();
    if (stack.jobs!.job(jobId).state !== 'done') await new Promise((r) => setTimeout(r, 100)); // the lease's backoff
  }
  assert.equal(stack.jobs!.job(jobId).state, 'done');
  assert.equal(bills(stack).length, before + 1);

  const late = await rt.source.complete(item!, result, prepared);
  assert.equal(late.state, 'lost');
  assert.equal(bills(stack).length, before + 1, 'no second bill');
  assert.equal(billView(stack.fake, stack.jobs!.job(jobId).res_id).notes.length, 1);
});

test('addon: a bill Odoo already filled from the Factur-X XML is left alone; one filled by a person with another total is flagged, not changed', async () => {
  const { stack, books, rt } = await open();
  // What Odoo 17's own e-invoice import leaves on an uploaded Factur-X PDF.
  const { billId: imported, attachmentId: importedFile } = uploadBill(stack, FACTURX, {
    partner_id: books.lieferant, invoice_date: '2018-03-05', ref: '471102', currency_id: EUR,
    invoice_line_ids: [
      [0, 0, { name: 'Trennblätter A4', quantity: 20, price_unit: 9.9, tax_ids: [[6, 0, [books.taxes.t19]]] }],
      [0, 0, { name: 'Joghurt Banane', quantity: 50, price_unit: 5.5, tax_ids: [[6, 0, [books.taxes.t7]]] }],
    ],
  });
  // A bill a person typed in before the worker got to it, with a total that is not the document's.
  const [someone] = stack.fake.seed('res.partner', [{ name: 'Typed By Hand', is_company: true }]);
  const { billId: typed, attachmentId: typedFile } = uploadBill(stack, QUALITY_HOSTING, {
    partner_id: someone, ref: 'HAND-1', invoice_line_ids: [[0, 0, { name: 'hosting', quantity: 1, price_unit: 40 }]],
  });
  const snapshot = (id: number) => {
    const v = billView(stack.fake, id);
    return { ...v.move, write_date: null, write_uid: null, to_check: null, lines: v.lines };
  };
  const before = { imported: snapshot(imported), typed: snapshot(typed) };
  const jobImported = stack.jobs!.enqueue({ attachmentId: importedFile, resModel: 'account.move', resId: imported });
  const jobTyped = stack.jobs!.enqueue({ attachmentId: typedFile, resModel: 'account.move', resId: typed });
  await rt.worker.runUntilIdle();

  assert.deepEqual(snapshot(imported), before.imported, 'the imported bill is unchanged');
  assert.equal(stack.jobs!.job(jobImported).state, 'done', String(stack.jobs!.job(jobImported).review_reasons));
  assert.equal(billView(stack.fake, imported).move.amount_total, 529.87);
  assert.equal(billView(stack.fake, imported).notes.length, 1);
  assert.match(billView(stack.fake, imported).notes[0]!, /bill already filled/);

  assert.deepEqual(snapshot(typed), before.typed, "the person's bill is unchanged");
  const review = stack.jobs!.job(jobTyped);
  assert.equal(review.state, 'review');
  assert.match(String(review.review_reasons), /bill total 40\.00 differs from the document total 34\.73/);
  assert.equal(billView(stack.fake, typed).move.to_check, true, 'only the review flag is set');
  assert.equal(billView(stack.fake, typed).notes.length, 1);
});

test('addon: a reference a person typed is kept while the empty fields are filled; with overwrite configured it is replaced', async () => {
  {
    const { stack, books, rt } = await open();
    const { billId, attachmentId } = uploadBill(stack, FACTURX, { ref: 'TYPED-7' });
    stack.jobs!.enqueue({ attachmentId, resModel: 'account.move', resId: billId });
    await rt.worker.runUntilIdle();
    const view = billView(stack.fake, billId);
    assert.equal(view.move.ref, 'TYPED-7');
    assert.equal(view.move.partner_id, books.lieferant);
    assert.equal(view.move.invoice_date, '2018-03-05');
    assert.equal(view.move.amount_total, 529.87);
    assert.match(view.notes[0]!, /Left as entered: [^<]*Reference/);
    await stack.close();
  }
  // In addon mode the company's setting (res.company.ocr_overwrite) decides, for the addon and the worker's plan alike:
  // the worker's own OVERWRITE is not needed, and cannot make the note claim what the addon did not write.
  {
    const { stack: s2, rt } = await open({ overwrite: true });
    const { billId, attachmentId } = uploadBill(s2, FACTURX, { ref: 'TYPED-7' });
    s2.jobs!.enqueue({ attachmentId, resModel: 'account.move', resId: billId });
    await rt.worker.runUntilIdle();
    const view = billView(s2.fake, billId);
    assert.equal(view.move.ref, '471102');
    assert.doesNotMatch(view.notes[0]!, /Left as entered: [^<]*Reference/);
    await s2.close();
  }
  const { stack: s3, rt } = await open({ overwrite: false }, { OVERWRITE: 'true' });
  const { billId, attachmentId } = uploadBill(s3, FACTURX, { ref: 'TYPED-7' });
  s3.jobs!.enqueue({ attachmentId, resModel: 'account.move', resId: billId });
  await rt.worker.runUntilIdle();
  const view = billView(s3.fake, billId);
  assert.equal(view.move.ref, 'TYPED-7');
  assert.match(view.notes[0]!, /Left as entered: [^<]*Reference/);
});
