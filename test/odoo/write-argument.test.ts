// write() on models that name its argument `values` (res.company, res.users; recorded on a real 17:
// fixtures/odoo/17.0/wire-recorded/write.res_company.*): the connector sends the values positionally over JSON-RPC,
// and over JSON-2 (arguments by name only) under the name Odoo asks for, learnt once per model.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connectOdoo } from '../../src/odoo/index.js';
import { startFakeOdoo } from '../support/fake-odoo/index.js';

for (const version of [17, 19] as const) {
  describe(`write on Odoo ${version} (${version === 19 ? 'JSON-2' : 'JSON-RPC'})`, () => {
    test('res.company and res.users are written, res.partner as before, each in one call once the name is known', async () => {
      const fake = await startFakeOdoo({ version });
      const client = await connectOdoo({ url: fake.url, db: fake.db, username: 'admin', apiKey: fake.apiKey, retries: 0 });
      try {
        await client.authenticate();
        fake.resetCalls();
        await client.write('res.company', [1], { email: 'books@example.com' });
        assert.equal(fake.records('res.company').find((c) => c.id === 1)?.email, 'books@example.com');
        const first = fake.callCount({ model: 'res.company', method: 'write' });
        assert.equal(first, version === 19 ? 2 : 1, 'JSON-2: one refusal naming the argument, then the write');
        await client.write('res.company', [1], { email: 'ap@example.com' });
        assert.equal(fake.callCount({ model: 'res.company', method: 'write' }), first + 1, 'the name is remembered');
        assert.equal(fake.records('res.company').find((c) => c.id === 1)?.email, 'ap@example.com');
        await client.write('res.users', [6], { name: 'Marc D.' });
        assert.equal(fake.records('res.users').find((u) => u.id === 6)?.name, 'Marc D.');
        fake.resetCalls();
        await client.write('res.partner', [1], { email: 'info@example.com' });
        assert.equal(fake.callCount({ model: 'res.partner', method: 'write' }), 1);
      } finally {
        client.close();
        await fake.close();
      }
    });
  });
}
