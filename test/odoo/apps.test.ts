// Detection of the installed Odoo apps (purchase, stock, sale and their bridges): one call when the module list
// may be read, fields_get of the apps' models when it may not, cached per connection.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeApps, installedApps } from '../../src/odoo/apps.js';
import { withPrefetched } from '../../src/worker/prefetched-client.js';
import { harness } from './helpers.js';

describe('installed apps', () => {
  test('read from ir.module.module in one call, cached for the connection and its per-document views', async () => {
    const h = await harness({ version: 17, apps: ['purchase', 'stock'] });
    try {
      const client = await h.connect();
      h.fake.resetCalls();
      const found = await installedApps(client);
      assert.equal(found.source, 'ir.module.module');
      assert.deepEqual(found.apps, { purchase: true, stock: true, sale: false, purchase_stock: true, sale_stock: false });
      assert.equal(describeApps(found), 'purchase, stock installed; sale not installed');
      assert.deepEqual(await installedApps(withPrefetched(client, new Map())), found);
      assert.equal(h.fake.callCount(), 1);
    } finally { await h.close(); }
  });

  test('a user who may not read the module list: the apps are told by their models and fields', async () => {
    for (const apps of [['purchase', 'stock', 'sale'], ['purchase'], []] as const) {
      const h = await harness({ version: 17, apps: [...apps] });
      try {
        h.fake.denyAccess('ir.module.module', ['read']);
        const found = await installedApps(await h.connect());
        assert.equal(found.source, 'models');
        const all = apps.length === 3;
        assert.deepEqual(found.apps, {
          purchase: apps.length > 0, stock: all, sale: all, purchase_stock: all, sale_stock: all,
        }, `apps ${apps.join(',') || 'none'}`);
      } finally { await h.close(); }
    }
  });

  test('a failed detection is not cached: the next call asks again', async () => {
    const h = await harness({ version: 17, apps: ['sale'] });
    try {
      const client = await h.connect({ retries: 0 });
      h.fake.failNext(1, { status: 502 });
      await assert.rejects(installedApps(client));
      assert.equal((await installedApps(client)).apps.sale, true);
    } finally { await h.close(); }
  });
});
