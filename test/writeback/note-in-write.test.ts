import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connectOdoo } from '../../src/odoo/connect.js';
import type { OdooClient } from '../../src/odoo/types.js';
import { applyWriteBack } from '../../src/writeback/apply.js';
import type { PreparedValues, WritePolicy } from '../../src/writeback/types.js';
import { startFakeOdoo, type FakeOdoo } from '../support/fake-odoo/index.js';

// Addon-less: the note goes with the record's values in its one write (a message created through message_ids, the
// Note subtype), so a document costs one call for both. A user who may not read ir.model.data (on a real Odoo 17 only
// "Access Rights" admins may) posts its first note with message_post and learns the Note subtype from it.

let fake: FakeOdoo;
before(async () => {
  fake = await startFakeOdoo();
});
after(async () => {
  await fake.close();
});

const prepared = (note: string): PreparedValues => ({
  write: { description: 'from the receipt' }, create_move: null, note, needs_review: false, review_reasons: [], doc_type: 'receipt', confidence: 1, duration_ms: 1,
} as unknown as PreparedValues);
const policy = { overwrite: false, writeThreshold: 0.97 } as unknown as WritePolicy;

async function expense(): Promise<number> {
  const [id] = fake.seed('hr.expense', [{ name: 'Taxi', employee_id: 1, state: 'draft' }]);
  return id!;
}

test('a user who may not read ir.model.data: first note by message_post, the next ones with the values', async () => {
  const client: OdooClient = await connectOdoo({ url: fake.url, db: fake.db, username: 'admin', apiKey: fake.apiKey });
  try {
    fake.denyAccess('ir.model.data', ['read']); // refused, as for a non-admin on a real Odoo 17
    const first = await expense();
    const second = await expense();
    fake.resetCalls();
    await applyWriteBack(client, { resModel: 'hr.expense', resId: first, attachmentId: 1, companyId: null }, prepared('<p>one</p>'), policy, 'odoo-ocr:1:aaaa', { earlierMarkers: [] });
    assert.equal(fake.callCount({ model: 'hr.expense', method: 'message_post' }), 1);
    await applyWriteBack(client, { resModel: 'hr.expense', resId: second, attachmentId: 2, companyId: null }, prepared('<p>two</p>'), policy, 'odoo-ocr:2:bbbb', { earlierMarkers: [] });
    assert.equal(fake.callCount({ model: 'hr.expense', method: 'message_post' }), 1, 'the second note went with the write');
    const notes = fake.records('mail.message').filter((m) => m.model === 'hr.expense' && (m.res_id === first || m.res_id === second));
    assert.equal(notes.length, 2);
    assert.ok(notes.every((m) => m.subtype_id === 2 && m.message_type === 'comment'));
  } finally {
    client.close();
  }
});
