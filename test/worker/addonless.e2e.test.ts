import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { cheapScanner, startStack, syntheticInvoice, type Stack } from './harness.js';

// Addon-less mode (Odoo Online): work found by domain, the SQLite ledger as memory, standard write + message_post.

// A fresh fake Odoo per test: addon-less state lives in Odoo's records and one ledger, tests must not share them.
let stack: Stack;
beforeEach(async () => {
  stack = await startStack({ addon: false });
});
afterEach(async () => {
  await stack.close();
});

function notesOn(model: string, id: number) {
  return stack.fake.records('mail.message').filter((m) => m.model === model && m.res_id === id);
}

function seedBill(n: number, amount: number, state = 'draft'): number {
  const [billId] = stack.fake.seed('account.move', [{ move_type: 'in_invoice', state, journal_id: 2, currency_id: 1, date: '2026-11-01' }]);
  stack.attach(syntheticInvoice(n, amount), `bill-${n}.pdf`, 'application/pdf', 'account.move', billId);
  return billId!;
}

function seedExpense(n: number, amount: number, withAttachment = true): number {
  const [expenseId] = stack.fake.seed('hr.expense', [{ name: `Expense ${n}`, employee_id: 1, state: 'draft' }]);
  if (withAttachment) stack.attach(syntheticInvoice(n, amount), `receipt-${n}.pdf`, 'application/pdf', 'hr.expense', expenseId);
  return expenseId!;
}

test('finds draft bills and expenses by domain, processes each once, and a restart does not redo them', async () => {
  const bills = [seedBill(1, 120.5), seedBill(2, 99)];
  const posted = seedBill(3, 50, 'posted');
  const expenses = [seedExpense(4, 12.3), seedExpense(5, 45)];
  const bare = seedExpense(6, 0, false);

  const config = await stack.config({ OCR_MODE: 'auto' }, 'ledger');
  const first = await stack.runtime(config);
  assert.equal(first.mode, 'addonless', 'no ocr.job model: addon-less mode');
  const summary = await first.worker.runUntilIdle();
  assert.equal(summary.done + summary.review, 4, JSON.stringify(summary));
  assert.equal(summary.failed, 0);
  for (const id of expenses) {
    const row = stack.fake.records('hr.expense').find((r) => r.id === id)!;
    assert.ok(Number(row.total_amount_currency) > 0, 'the amount was written');
    assert.equal(notesOn('hr.expense', id).length, 1);
  }
  for (const id of bills) assert.equal(notesOn('account.move', id).length, 1);
  assert.equal(notesOn('account.move', posted).length, 0, 'a posted bill is not work');
  assert.equal(notesOn('hr.expense', bare).length, 0);
  assert.deepEqual(first.ledger!.counts().reduce((n, r) => n + r.count, 0), 4);
  await first.worker.stop(1000);
  await first.close();

  // Restart on the same state directory: the ledger remembers, nothing is done twice.
  const second = await stack.runtime(config);
  const again = await second.worker.runUntilIdle();
  assert.equal(again.done + again.review + again.failed, 0);
  stack.fake.resetCalls();
  await second.worker.runUntilIdle();
  const searches = stack.fake.calls.filter((c) => c.method === 'search_read').map((c) => c.model);
  assert.deepEqual(searches, ['account.move', 'hr.expense'], 'an idle poll is one search per watched model');
  for (const id of [...bills, ...expenses]) assert.equal(notesOn(id === bills[0] || id === bills[1] ? 'account.move' : 'hr.expense', id).length, 1);
});

test('a crash mid-document resumes after restart and the write-back happens once', async () => {
  const expense = seedExpense(20, 77.7);
  const config = await stack.config({}, 'crash');
  const crashed = await stack.runtime(config);
  const [item] = await crashed.source.fetch(1); // taken (ledger: running) ...
  assert.equal(item!.target.resId, expense);
  assert.equal(crashed.ledger!.list({ states: ['running'] }).length, 1);
  await crashed.close(); // ... and the process dies before finishing

  const resumed = await stack.runtime(config);
  const retry = resumed.ledger!.list({ keys: [item!.key] })[0]!;
  assert.equal(retry.state, 'retry', 'an interrupted document is retried');
  assert.equal(retry.attempts, 1, 'and the interruption counts as an attempt');
  const summary = await resumed.worker.runUntilIdle();
  assert.equal(summary.done + summary.review, 1);
  assert.equal(notesOn('hr.expense', expense).length, 1);
  assert.equal(stack.fake.records('hr.expense').find((r) => r.id === expense)!.total_amount_currency, 77.7);
});

test('an unreadable file fails with its typed error, a note tells the user, the others go through', async () => {
  const [broken] = stack.fake.seed('hr.expense', [{ name: 'Broken upload', employee_id: 1, state: 'draft' }]);
  stack.attach(Buffer.from('this is not a pdf'), 'scan.pdf', 'application/pdf', 'hr.expense', broken);
  const good = seedExpense(31, 8.5);
  const rt = await stack.runtime(await stack.config({}, 'bad'), { scanner: cheapScanner() });
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.failed, 1);
  assert.equal(summary.done + summary.review, 1);
  const [row] = rt.ledger!.list({ states: ['failed'] });
  assert.match(row!.error!, /^CORRUPT_FILE: /);
  const [note] = notesOn('hr.expense', broken!);
  assert.match(String(note!.body), /CORRUPT_FILE/);
  assert.equal(notesOn('hr.expense', good).length, 1);
});

test('inbox attachments become draft bills, once', async () => {
  const [inboxPartner] = stack.fake.seed('res.partner', [{ name: 'OCR inbox' }]);
  const attachment = stack.attach(syntheticInvoice(40, 321), 'inbox-40.pdf', 'application/pdf', 'res.partner', inboxPartner);
  const config = await stack.config({ INBOX_RES_MODEL: 'res.partner', INBOX_RES_ID: String(inboxPartner), ADDONLESS_MODELS: 'hr.expense' }, 'inbox');
  const rt = await stack.runtime(config);
  const billsBefore = stack.fake.records('account.move').length;
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.done + summary.review, 1, JSON.stringify(summary));
  const created = stack.fake.records('account.move').slice(billsBefore);
  assert.equal(created.length, 1);
  assert.equal(created[0]!.move_type, 'in_invoice');
  assert.equal(created[0]!.state, 'draft');
  assert.equal(stack.fake.records('ir.attachment').find((a) => a.id === attachment)!.res_model, 'account.move');
  const again = await rt.worker.runUntilIdle();
  assert.equal(again.done + again.review, 0);
  assert.equal(stack.fake.records('account.move').length, billsBefore + 1);
});

test('RPCs: the poll reads records, attachments, files and earlier notes once; each expense costs two reads and one write carrying its note', async () => {
  const expenses = [seedExpense(11, 10.5), seedExpense(12, 20), seedExpense(13, 30.25), seedExpense(14, 41)];
  const rt = await stack.runtime(await stack.config({ OCR_MODE: 'addonless', ADDONLESS_MODELS: 'hr.expense' }, 'rpcs'));
  stack.fake.resetCalls();
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.done + summary.review, 4);
  const count = (model: string, method: string) => stack.fake.callCount({ model, method });
  assert.equal(count('ir.attachment', 'read'), 1, 'the 4 files in one read');
  assert.equal(count('mail.message', 'search_read'), 1, "the worker's earlier notes on the 4 expenses, in one search");
  assert.equal(count('mail.message', 'search_count'), 0);
  assert.equal(count('hr.expense', 'message_post'), 0, 'the note goes with the values');
  assert.equal(count('hr.expense', 'write'), 4);
  // 2 polls (the one that found the 4 with the fields the write-back decides on, one when they are done) + 1 read per
  // expense right before writing (values typed in between): a poll that found all there was is not repeated
  assert.equal(count('hr.expense', 'search_read'), 2 + 4);
  for (const id of expenses) {
    const [note] = notesOn('hr.expense', id);
    assert.ok(note, `a note on expense ${id}`);
    assert.equal(notesOn('hr.expense', id).length, 1);
    assert.match(String(note!.body), /OCR ref odoo-ocr:\d+:/);
    assert.equal(note!.message_type, 'comment');
    assert.equal(note!.subtype_id, 2, 'an internal note, as message_post makes it');
  }
});

test('a value typed while the receipt is read (after the poll read the record) is kept, said and sent to review', async () => {
  const id = seedExpense(31, 27.5);
  const scanner = cheapScanner({ onScan: () => stack.fake.write('hr.expense', [id], { description: 'typed during OCR' }, 6) });
  const rt = await stack.runtime(await stack.config({ OCR_MODE: 'addonless', ADDONLESS_MODELS: 'hr.expense' }, 'typed-ocr'), { scanner });
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.review, 1, JSON.stringify(summary));
  const expense = stack.fake.records('hr.expense').find((r) => r.id === id)!;
  assert.equal(expense.description, 'typed during OCR');
  assert.equal(expense.total_amount_currency, 27.5);
  assert.match(String(notesOn('hr.expense', id)[0]!.body), /Internal Notes changed while the document was being read/);
});

test('a fresh ledger on records the worker already noted does not note them twice (the poll finds its earlier notes)', async () => {
  const id = seedExpense(21, 15.5);
  const first = await stack.runtime(await stack.config({ OCR_MODE: 'addonless', ADDONLESS_MODELS: 'hr.expense' }, 'first-ledger'));
  await first.worker.runUntilIdle();
  assert.equal(notesOn('hr.expense', id).length, 1);
  stack.fake.write('hr.expense', [id], { total_amount_currency: 0 }); // found again by the discovery domain
  const second = await stack.runtime(await stack.config({ OCR_MODE: 'addonless', ADDONLESS_MODELS: 'hr.expense' }, 'second-ledger'));
  const summary = await second.worker.runUntilIdle();
  assert.equal(summary.done + summary.review, 1, 'processed again by the new ledger');
  assert.equal(notesOn('hr.expense', id).length, 1, 'but its note is not posted twice');
  assert.equal(stack.fake.records('hr.expense').find((r) => r.id === id)!.total_amount_currency, 15.5);
});
