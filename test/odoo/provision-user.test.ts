// `odoo-ocr setup`'s technical user against the fake Odoo of each version: its groups go through the field that
// version has (res.users.groups_id up to 18, group_ids on 19, where naming groups_id fails).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectOdoo } from '../../src/odoo/connect.js';
import { ensureWorkerUser, userGroupsField, WORKER_GROUP } from '../../src/odoo/provision.js';
import { startFakeOdoo } from '../support/fake-odoo/index.js';

for (const [version, field] of [[17, 'groups_id'], [19, 'group_ids']] as const) {
  test(`on Odoo ${version} the worker user is created, then brought back, in the worker group through ${field}`, async () => {
    const fake = await startFakeOdoo({ version });
    const admin = await connectOdoo({ url: fake.url, db: fake.db, username: 'admin', password: 'admin' });
    try {
      fake.seed('res.groups', [{ id: 70, name: 'OCR worker (technical)' }]);
      fake.seed('ir.model.data', [{ module: 'ocr_worker', name: 'group_ocr_worker', model: 'res.groups', res_id: 70 }]);
      assert.equal(await userGroupsField(admin), field);
      const first = await ensureWorkerUser(admin, 'ocr-worker', [WORKER_GROUP]);
      assert.equal(first.created, true);
      const [user] = fake.records('res.users').filter((u) => u.id === first.userId);
      assert.deepEqual(user?.[field], [70]);
      await admin.write('res.users', [first.userId], { active: false });
      const again = await ensureWorkerUser(admin, 'ocr-worker', [WORKER_GROUP]);
      assert.deepEqual([again.created, again.userId], [false, first.userId]);
      assert.equal(fake.records('res.users').find((u) => u.id === first.userId)?.active, true);
    } finally {
      admin.close();
      await fake.close();
    }
  });
}
