import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writePolicyOf } from '../../src/worker/runtime.js';
import {
  assertFacturxBill, billView, CORRECTION, documentBytes, EUR, FACTURX, lineSummary, looseFile, QUALITY_HOSTING,
  seedBooks, UBL_CREDIT_NOTE, uploadBill, billSuite,
} from './bills-support.js';
import { prepareWriteBack } from '../../src/writeback/index.js';
import { dyingWriteBack } from '../support/dying-write-back.js';
import type { Stack } from './harness.js';

// Vendor bills in addon-less mode (Odoo Online), end to end: real documents read by the real pipeline, work found
// by domain, the SQLite ledger, and the write-back through plain write + message_post on the fake Odoo.

const suite = billSuite();

async function open(config: Record<string, string> = {}) {
  const stack = await suite.start({ addon: false });
  const books = seedBooks(stack.fake);
  const cfg = await stack.config({ OCR_MODE: 'addonless', ...config }, 'ledger');
  return { stack, books, cfg };
}

function bills(s: Stack) {
  return s.fake.records('account.move');
}

test('addon-less: empty draft bills are filled by write: vendor by VAT or (CREATE_VENDORS off) left empty and flagged, date, ref, currency, lines adding up to the total, one note each', async () => {
  const { stack, books, cfg } = await open({ CREATE_VENDORS: 'false' });
  const { billId: fx } = uploadBill(stack, FACTURX);
  const { billId: qh } = uploadBill(stack, QUALITY_HOSTING);
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.done + summary.review, 2, JSON.stringify(summary));

  const filled = billView(stack.fake, fx);
  assertFacturxBill(assert, filled, books);
  assert.equal(filled.move.payment_reference, '471102');
  assert.match(filled.notes[0]!, /OCR ref odoo-ocr:/, 'the note carries the marker a retry looks for');
  const [fxRow] = rt.ledger!.list({ keys: [`account.move:${fx}`] });
  assert.equal(fxRow!.state, 'done', fxRow!.error ?? '');

  const unknown = billView(stack.fake, qh);
  assert.equal(unknown.move.partner_id, false, 'no partner guessed, none created');
  assert.equal(stack.fake.records('res.partner').filter((p) => /QualityHosting/i.test(String(p.name))).length, 0);
  assert.equal(unknown.move.to_check, true);
  // what the write policy writes (confidence >= WRITE_THRESHOLD) is right; the rest is left to a person
  if (unknown.move.invoice_date) assert.equal(unknown.move.invoice_date, '2014-05-07');
  if (unknown.move.ref) assert.equal(unknown.move.ref, '30064443');
  if (unknown.lines.length) {
    assert.equal(unknown.move.currency_id, EUR);
    assert.equal(unknown.move.amount_total, 34.73, 'lines, when written, add up to the document');
  }
  assert.equal(unknown.notes.length, 1);
  assert.match(unknown.notes[0]!, /vendor not found: .*DE232446240|vendor not written|Not written, read with less than \d+ % confidence: .*\bVendor \d+ %|Not written \(low confidence\): .*\bVendor \d+ %/);
  assert.equal(rt.ledger!.list({ keys: [`account.move:${qh}`] })[0]!.state, 'review');

  // Filled bills are no longer work: a second pass writes and posts nothing.
  stack.fake.resetCalls();
  const again = await rt.worker.runUntilIdle();
  assert.equal(again.done + again.review, 0);
  assert.equal(stack.fake.callCount({ method: 'write' }) + stack.fake.callCount({ method: 'message_post' }), 0);
});

test('addon-less: a credit note uploaded as a vendor bill becomes a refund; so does a correction invoice with negative amounts, its lines held back when they cannot give its total', async () => {
  const { stack, books, cfg } = await open();
  const [supplier] = stack.fake.seed('res.partner', [{ name: 'My Supplier Company N.V.', vat: 'BE0000000196', is_company: true }]);
  const { billId: cn } = uploadBill(stack, UBL_CREDIT_NOTE);
  const { billId: rk } = uploadBill(stack, CORRECTION);
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  await rt.worker.runUntilIdle();

  const refund = billView(stack.fake, cn);
  assert.equal(refund.move.move_type, 'in_refund');
  assert.equal(refund.move.partner_id, supplier);
  assert.equal(refund.move.ref, '018304 / 28865');
  assert.deepEqual(lineSummary(refund.lines), ['1 x 100.11 @ []']);
  assert.equal(refund.move.amount_total, 100.11);
  assert.equal(refund.notes.length, 1);

  const correction = billView(stack.fake, rk);
  assert.equal(correction.move.move_type, 'in_refund');
  assert.equal(correction.move.partner_id, books.lieferant);
  assert.ok(correction.lines.every((l) => (l.quantity as number) > 0 && (l.price_unit as number) >= 0));
  assert.equal(correction.move.to_check, true);
  // its tax 1.12 on 7.67 is a blend of rates: lines that add up to 8.79, or none, never a total it does not have
  if (correction.lines.length) assert.equal(correction.move.amount_total, 8.79);
  else assert.match(correction.notes[0]!, /no lines written/);
  assert.equal(correction.notes.length, 1);
});

test('addon-less: a worker that dies after writing a bill but before recording it: the restart writes no second lines and no second note', async () => {
  const { stack, books, cfg } = await open();
  const { billId } = uploadBill(stack, FACTURX);
  const dead = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime, writeback: dyingWriteBack('after-apply') });
  const [item] = await dead.source.fetch(1);
  const result = await suite.scanner.scanner.scanBuffer(documentBytes(FACTURX), item!.name);
  const prepared = await prepareWriteBack(dead.gate, item!.target, result, writePolicyOf(cfg));
  await assert.rejects(dead.source.complete(item!, result, prepared), /killed/);
  assertFacturxBill(assert, billView(stack.fake, billId), books); // written ...
  assert.equal(dead.ledger!.list({ keys: [item!.key] })[0]!.state, 'writing'); // ... but never recorded
  await dead.close();

  const resumed = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  const summary = await resumed.worker.runUntilIdle();
  assert.equal(summary.done + summary.review, 1, JSON.stringify(summary));
  assertFacturxBill(assert, billView(stack.fake, billId), books); // still 2 lines, 529.87, one note
  assert.equal(resumed.ledger!.list({ keys: [item!.key] })[0]!.state, 'done');
});

test('addon-less inbox: a worker that dies between creating a bill and linking its file: the restart finds that bill, creates no second one', async () => {
  const { stack, books } = await open();
  const [inbox] = stack.fake.seed('res.partner', [{ name: 'OCR inbox' }]);
  const cfg = await stack.config({ OCR_MODE: 'addonless', ADDONLESS_MODELS: 'hr.expense', INBOX_RES_MODEL: 'res.partner', INBOX_RES_ID: String(inbox) }, 'inbox');
  const attachmentId = looseFile(stack, FACTURX);
  stack.fake.write('ir.attachment', [attachmentId], { res_model: 'res.partner', res_id: inbox });
  const before = bills(stack).length;

  const dead = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime, writeback: dyingWriteBack('attachment-write') });
  const [item] = await dead.source.fetch(1);
  assert.equal(item!.key, `att:${attachmentId}`);
  const result = await suite.scanner.scanner.scanBuffer(documentBytes(FACTURX), item!.name);
  const prepared = await prepareWriteBack(dead.gate, item!.target, result, writePolicyOf(cfg));
  await assert.rejects(dead.source.complete(item!, result, prepared), /killed/);
  assert.equal(bills(stack).length, before + 1, 'the bill was created ...');
  assert.equal(stack.fake.records('ir.attachment').find((a) => a.id === attachmentId)!.res_model, 'res.partner', '... the file not yet linked');
  await dead.close();

  const resumed = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  const summary = await resumed.worker.runUntilIdle();
  assert.equal(summary.done + summary.review, 1, JSON.stringify(summary));
  const created = bills(stack).slice(before);
  assert.equal(created.length, 1, 'no second bill');
  const view = billView(stack.fake, created[0]!.id as number);
  assertFacturxBill(assert, view, books);
  const file = stack.fake.records('ir.attachment').find((a) => a.id === attachmentId)!;
  assert.deepEqual([file.res_model, file.res_id], ['account.move', view.move.id]);
  assert.equal(resumed.ledger!.list({ keys: [item!.key] })[0]!.state, 'done', 'the bill is not reported as a duplicate of itself');
});

test('addon-less: a bill Odoo already filled is not work; a reference a person typed is kept, and replaced only with OVERWRITE', async () => {
  // about what a person typed, not about confidence: a threshold the document's values clear
  const { stack, books, cfg } = await open({ WRITE_THRESHOLD: '0.8' });
  const { billId: imported } = uploadBill(stack, FACTURX, {
    partner_id: books.lieferant, invoice_date: '2018-03-05', ref: '471102', currency_id: EUR,
    invoice_line_ids: [
      [0, 0, { name: 'Trennblätter A4', quantity: 20, price_unit: 9.9, tax_ids: [[6, 0, [books.taxes.t19]]] }],
      [0, 0, { name: 'Joghurt Banane', quantity: 50, price_unit: 5.5, tax_ids: [[6, 0, [books.taxes.t7]]] }],
    ],
  });
  const before = billView(stack.fake, imported);
  const { billId: typed } = uploadBill(stack, QUALITY_HOSTING, { ref: 'TYPED-7' });
  const rt = await stack.runtime(cfg, { scanner: suite.scanner.forRuntime });
  await rt.worker.runUntilIdle();

  assert.deepEqual(billView(stack.fake, imported), before, 'the imported bill is untouched, no note');
  assert.deepEqual(rt.ledger!.list({ keys: [`account.move:${imported}`] }), [], 'and never taken as work');
  const kept = billView(stack.fake, typed);
  assert.equal(kept.move.ref, 'TYPED-7');
  assert.equal(kept.move.invoice_date, '2014-05-07', 'the empty fields are still filled');
  assert.match(kept.notes[0]!, /Left as entered: [^<]*Reference/);
  await stack.close();

  const { stack: s2, cfg: overwrite } = await open({ OVERWRITE: 'true', WRITE_THRESHOLD: '0.8' });
  const { billId } = uploadBill(s2, QUALITY_HOSTING, { ref: 'TYPED-7' });
  await (await s2.runtime(overwrite, { scanner: suite.scanner.forRuntime })).worker.runUntilIdle();
  assert.equal(billView(s2.fake, billId).move.ref, '30064443');
});
