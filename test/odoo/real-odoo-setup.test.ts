// `odoo-ocr setup` against a real Odoo with the addon (skipped unless ODOO_TEST_URL and ODOO_TEST_ADMIN_PASSWORD are
// set; CI has no Odoo):
//   ODOO_TEST_URL=http://127.0.0.1:8072 ODOO_TEST_DB=h12_t2 ODOO_TEST_ADMIN_PASSWORD=admin \
//   node --import tsx --test test/odoo/real-odoo-setup.test.ts
// The user it creates is archived again at the end.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { connectOdoo } from '../../src/odoo/connect.js';
import { apiKeyWorks, provisionWorkerUser } from '../../src/odoo/provision.js';

const url = process.env.ODOO_TEST_URL;
const adminPassword = process.env.ODOO_TEST_ADMIN_PASSWORD;
const db = process.env.ODOO_TEST_DB ?? 'acceptance';

test('setup creates a worker user in the OCR worker group with a working API key', { skip: url && adminPassword ? false : 'set ODOO_TEST_URL and ODOO_TEST_ADMIN_PASSWORD to run' }, async () => {
  const login = `ocr-worker-test-${randomBytes(3).toString('hex')}`;
  const admin = await connectOdoo({ url: url!, db, username: 'admin', password: adminPassword! });
  try {
    const result = await provisionWorkerUser({ url: url!, db, adminLogin: 'admin', adminPassword: adminPassword!, login });
    assert.equal(result.created, true);
    assert.match(result.apiKey, /^[0-9a-f]{40}$/);
    assert.equal(await apiKeyWorks(url!, db, login, result.apiKey), true);
    const worker = await connectOdoo({ url: url!, db, username: login, apiKey: result.apiKey });
    try {
      assert.deepEqual(await worker.call('ocr.job', 'claim', { kwargs: { worker_id: 'setup-test', limit: 1, channels: ['no-such-channel'] } }), []);
    } finally {
      worker.close();
    }
    // Again for the same login: the user is updated, a new key works, the old one still does (keys are revoked by hand).
    const again = await provisionWorkerUser({ url: url!, db, adminLogin: 'admin', adminPassword: adminPassword!, login });
    assert.equal(again.created, false);
    assert.equal(again.userId, result.userId);
    assert.equal(await apiKeyWorks(url!, db, login, again.apiKey), true);
    await admin.write('res.users', [result.userId], { active: false });
  } finally {
    admin.close();
  }
});
