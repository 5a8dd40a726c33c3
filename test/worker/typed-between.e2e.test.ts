import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { OdooNetworkError } from '../../src/odoo/errors.js';
import type { WriteBack } from '../../src/worker/types.js';
import { applyWriteBack, prepareWriteBack } from '../../src/writeback/index.js';
import { startStack, syntheticInvoice, type Stack } from './harness.js';

// A person types into the record while the worker reads the document (between the worker's read of the record and
// its write). Addon-less mode, like the addon's complete(): the typed value is kept, the note says which field and
// why, and the document goes to review (bills: Odoo's own "to check" flag too).

let stack: Stack;
beforeEach(async () => {
  stack = await startStack({ addon: false });
});
afterEach(async () => {
  await stack.close();
});

/** The write-back as the worker does it, with a person's edit right after the record was read. */
function personTypesAfterPrepare(model: string, values: Record<string, unknown>): WriteBack {
  return {
    async prepare(client, target, result, policy) {
      const prepared = await prepareWriteBack(client, target, result, policy);
      stack.fake.write(model, [target.resId!], values, 6); // Marc Demo, in the form view
      return prepared;
    },
    apply: applyWriteBack,
  };
}

function notesOn(model: string, id: number): string[] {
  return stack.fake.records('mail.message').filter((m) => m.model === model && m.res_id === id).map((m) => String(m.body));
}

test('addon-less: a description typed into the expense while the worker read the receipt is kept, said and sent to review', async () => {
  const [expenseId] = stack.fake.seed('hr.expense', [{ name: 'Taxi', employee_id: 1, state: 'draft' }]);
  stack.attach(syntheticInvoice(7, 23.5), 'receipt-7.pdf', 'application/pdf', 'hr.expense', expenseId);
  const config = await stack.config({ OCR_MODE: 'addonless' }, 'ledger');
  const rt = await stack.runtime(config, { writeback: personTypesAfterPrepare('hr.expense', { description: 'Taxi to the airport, with a client' }) });
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.review, 1, JSON.stringify(summary));

  const expense = stack.fake.records('hr.expense').find((r) => r.id === expenseId)!;
  assert.equal(expense.description, 'Taxi to the airport, with a client', 'the typed value is kept');
  assert.equal(expense.total_amount_currency, 23.5, 'the untouched fields are still written');
  const [note] = notesOn('hr.expense', expenseId!);
  assert.match(note!, /Not written:.*Internal Notes changed while the document was being read/s);
  const [row] = rt.ledger!.list({ keys: [`hr.expense:${expenseId}`] });
  assert.equal(row!.state, 'review');
});

test('addon-less: a vendor reference typed into the bill in between is kept and the bill is flagged to check', async () => {
  const [billId] = stack.fake.seed('account.move', [{ move_type: 'in_invoice', state: 'draft', journal_id: 2, currency_id: 1, date: '2026-11-01' }]);
  stack.attach(syntheticInvoice(8, 120), 'bill-8.pdf', 'application/pdf', 'account.move', billId);
  const config = await stack.config({ OCR_MODE: 'addonless' }, 'ledger');
  const rt = await stack.runtime(config, { writeback: personTypesAfterPrepare('account.move', { ref: 'TYPED-42' }) });
  const summary = await rt.worker.runUntilIdle();
  assert.equal(summary.review, 1, JSON.stringify(summary));

  const bill = stack.fake.records('account.move').find((r) => r.id === billId)!;
  assert.equal(bill.ref, 'TYPED-42');
  assert.equal(bill.to_check, true);
  assert.equal(bill.invoice_date, '2026-11-09', 'the other values are written');
  const notes = notesOn('account.move', billId!);
  assert.equal(notes.length, 1);
  assert.match(notes[0]!, /Not written:.*Reference changed while the document was being read/s);
});

test('addon-less: a retry after a crash does not take the worker\'s own earlier values for a person\'s', async () => {
  const [expenseId] = stack.fake.seed('hr.expense', [{ name: 'Lunch', employee_id: 1, state: 'draft' }]);
  stack.attach(syntheticInvoice(9, 14), 'receipt-9.pdf', 'application/pdf', 'hr.expense', expenseId);
  const config = await stack.config({ OCR_MODE: 'addonless' }, 'ledger');
  let crashed = false;
  const rt = await stack.runtime(config, {
    writeback: {
      prepare: prepareWriteBack,
      async apply(client, target, prepared, policy, marker) {
        if (!crashed) {
          crashed = true;
          await client.write('hr.expense', [target.resId!], prepared.write); // written, then the process died
          throw new OdooNetworkError('connection lost: the worker process died before the note', true);
        }
        return applyWriteBack(client, target, prepared, policy, marker);
      },
    },
  });
  await rt.worker.runUntilIdle();
  await new Promise((r) => setTimeout(r, 300)); // the retry's backoff (RETRY_INITIAL_MS 20)
  await rt.worker.runUntilIdle();
  const [row] = rt.ledger!.list({ keys: [`hr.expense:${expenseId}`] });
  assert.equal(row!.state, 'done', row!.error ?? '');
  const notes = notesOn('hr.expense', expenseId!);
  assert.equal(notes.length, 1);
  assert.doesNotMatch(notes[0]!, /changed while the document was being read/);
});
