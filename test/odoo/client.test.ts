// Transport probing, version/field detection and the client's batching, attachments, context and counters.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OdooAttachmentTooLargeError, OdooMissingError, OdooNotFoundError } from '../../src/odoo/errors.js';
import { EXPENSE_AMOUNT_FIELDS, pickField, writableValues } from '../../src/odoo/fields.js';
import { reviewFlagValues } from '../../src/writeback/rules.js';
import { parseServerVersion } from '../../src/odoo/version.js';
import { caught, harness } from './helpers.js';

describe('transport and version probing', () => {
  const cases = [
    { version: 16, creds: 'apiKey', expect: 'jsonrpc' },
    { version: 17, creds: 'apiKey', expect: 'jsonrpc' },
    { version: 18, creds: 'apiKey', expect: 'jsonrpc' },
    { version: 19, creds: 'apiKey', expect: 'json2' },
    { version: 19, creds: 'password', expect: 'jsonrpc' },
  ] as const;
  for (const c of cases) {
    test(`Odoo ${c.version} with ${c.creds} -> ${c.expect}`, async () => {
      const h = await harness({ version: c.version });
      try {
        const client = await h.connect(c.creds === 'password' ? { apiKey: undefined, password: 'admin' } : {});
        assert.equal(client.transport, c.expect);
        const v = await client.version();
        assert.equal(v.major, c.version);
        assert.equal(typeof (await client.searchCount('res.partner', [])), 'number');
        // The transport in use is the one that carried the call.
        assert.ok(h.fake.callCount({ model: 'res.partner', method: 'search_count', transport: c.expect }) >= 1);
      } finally { await h.close(); }
    });
  }

  test('jsonrpc can be forced on 19; json2 forced on 17 is refused with a clear error', async () => {
    const h19 = await harness({ version: 19 });
    const h17 = await harness({ version: 17 });
    try {
      assert.equal((await h19.connect({ transport: 'jsonrpc' })).transport, 'jsonrpc');
      const err = await caught(() => h17.connect({ transport: 'json2' }));
      assert.ok(err instanceof OdooNotFoundError);
      assert.match(err.message, /does not offer \/json\/2/);
    } finally { await h19.close(); await h17.close(); }
  });

  test('server_version_info parsing, including SaaS builds', () => {
    assert.deepEqual(parseServerVersion([17, 0, 0, 'final', 0, ''], '17.0'), { serverVersion: '17.0', major: 17, info: [17, 0, 0, 'final', 0, ''] });
    assert.equal(parseServerVersion(['saas~17', 2, 0, 'final', 0, ''], 'saas~17.2').major, 17);
    assert.throws(() => parseServerVersion(undefined, undefined), /no usable version/);
  });
});

describe('field detection per version', () => {
  for (const [version, amount, flag] of [[16, 'unit_amount', 'to_check'], [17, 'total_amount_currency', 'to_check'], [19, 'total_amount_currency', 'checked']] as const) {
    test(`Odoo ${version}: expense amount ${amount}, review flag ${flag}`, async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect();
        const expense = await client.fieldsGet('hr.expense');
        assert.equal(pickField(expense, EXPENSE_AMOUNT_FIELDS), amount);
        const move = await client.fieldsGet('account.move');
        const values = reviewFlagValues(move, true)!;
        assert.deepEqual(Object.keys(values), [flag]);
        assert.equal(values[flag], flag === 'to_check');
        // cached: the second fieldsGet costs no RPC
        const before = client.rpcCount;
        await client.fieldsGet('hr.expense');
        assert.equal(client.rpcCount, before);
      } finally { await h.close(); }
    });
  }

  test('writableValues drops fields the version does not have', () => {
    const fields = { name: { type: 'char' }, display_name: { type: 'char', readonly: true, store: false } };
    assert.deepEqual(writableValues(fields, { name: 'x', unit_amount: 3, display_name: 'y' }), { values: { name: 'x' }, dropped: ['unit_amount', 'display_name'] });
    assert.equal(pickField(fields, ['nope', 'name']), 'name');
    assert.equal(pickField(fields, ['nope']), null);
  });
});

for (const version of [17, 19] as const) {
  describe(`Odoo ${version} client operations`, () => {
    test('searchRead pages through with a stable order and honours limit/offset', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect({}, { readBatchSize: 10 });
        const names = Array.from({ length: 25 }, (_, i) => `Batch Vendor ${String(i).padStart(2, '0')}`);
        h.fake.seed('res.partner', names.map((name) => ({ name, is_company: true })));
        h.fake.resetCalls();
        const all = await client.searchRead<{ name: string }>('res.partner', [['name', '=like', 'Batch Vendor%']], { fields: ['name'], order: 'name desc' });
        assert.deepEqual(all.map((r) => r.name), [...names].reverse());
        assert.equal(h.fake.callCount({ method: 'search_read' }), 3);
        const page = await client.searchRead<{ name: string }>('res.partner', [['name', '=like', 'Batch Vendor%']], { fields: ['name'], order: 'name', offset: 5, limit: 12 });
        assert.deepEqual(page.map((r) => r.name), names.slice(5, 17));
        assert.equal(await client.searchCount('res.partner', [['name', '=like', 'Batch Vendor%']]), 25);
      } finally { await h.close(); }
    });

    test('create and write are batched; read returns many2one as [id, name]', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect({}, { writeBatchSize: 2 });
        h.fake.resetCalls();
        const ids = await client.create('res.partner', [1, 2, 3, 4, 5].map((n) => ({ name: `Contact ${n}`, parent_id: 1 })));
        assert.equal(ids.length, 5);
        assert.equal(h.fake.callCount({ method: 'create' }), 3);
        assert.equal(await client.write('res.partner', ids, { phone: '+39 06 123' }), true);
        assert.equal(h.fake.callCount({ method: 'write' }), 3);
        const rows = await client.read<{ phone: string; parent_id: unknown }>('res.partner', ids, ['phone', 'parent_id']);
        assert.ok(rows.every((r) => r.phone === '+39 06 123'));
        assert.deepEqual(rows[0]!.parent_id, [1, 'YourCompany']);
      } finally { await h.close(); }
    });

    test('readAttachment checks file_size before fetching datas', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect();
        const content = Buffer.from('%PDF-1.7\n% a small receipt\n');
        const [small, big] = h.fake.seed('ir.attachment', [
          { name: 'receipt.pdf', datas: content.toString('base64'), res_model: 'hr.expense', res_id: 0 },
          { name: 'huge.pdf', datas: Buffer.alloc(5000, 1).toString('base64'), res_model: 'hr.expense', res_id: 0 },
        ]);
        const got = await client.readAttachment(small!, 1024);
        assert.deepEqual(got, { id: small, name: 'receipt.pdf', mimetype: 'application/pdf', data: content });
        h.fake.resetCalls();
        const err = await caught(() => client.readAttachment(big!, 1024));
        assert.ok(err instanceof OdooAttachmentTooLargeError);
        assert.equal((err as OdooAttachmentTooLargeError).sizeBytes, 5000);
        assert.equal(h.fake.callCount({ model: 'ir.attachment', method: 'read' }), 1, 'datas never requested');
        assert.ok((await caught(() => client.readAttachment(987654, 1024))) instanceof OdooMissingError);
      } finally { await h.close(); }
    });

    test('context: configured defaults merged under the call context reach Odoo', async () => {
      const h = await harness({ version });
      try {
        let seen: Record<string, unknown> = {};
        h.fake.registerMethod('res.partner', 'whoami', ({ context, ids }) => { seen = context; return ids; });
        const client = await h.connect({ context: { tz: 'Europe/Rome', allowed_company_ids: [1], lang: 'en_US' } });
        const ids = await client.call<number[]>('res.partner', 'whoami', { ids: [1, 3], context: { lang: 'it_IT' } });
        assert.deepEqual(ids, [1, 3]);
        assert.deepEqual(seen, { tz: 'Europe/Rome', allowed_company_ids: [1], lang: 'it_IT' });
      } finally { await h.close(); }
    });

    test('messagePost leaves an internal note with the HTML intact', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect();
        const [partner] = await client.create('res.partner', [{ name: 'Noted Vendor' }]);
        const id = await client.messagePost('res.partner', partner!, '<p>OCR: <b>total 12.50</b></p>');
        const message = h.fake.records('mail.message').find((m) => m.id === id)!;
        assert.equal(message.body, '<p>OCR: <b>total 12.50</b></p>');
        assert.equal(message.res_id, partner);
        assert.equal(message.subtype_id, 2);
      } finally { await h.close(); }
    });

    test('bounded concurrency and an exact RPC counter', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect({ maxConcurrency: 2 });
        h.fake.resetCalls();
        const before = client.rpcCount;
        h.fake.setLatency(60);
        const started = Date.now();
        await Promise.all(Array.from({ length: 6 }, () => client.searchCount('res.partner', [])));
        const elapsed = Date.now() - started;
        assert.ok(elapsed >= 170, `6 calls, 2 at a time, 60 ms each take >= 180 ms (took ${elapsed})`);
        assert.equal(client.rpcCount - before, 6);
        assert.equal(h.fake.callCount(), 6);
      } finally { await h.close(); }
    });
  });
}

test('Odoo 16: message_post gets no body_is_html (16 has no such argument)', async () => {
  const h = await harness({ version: 16 });
  try {
    const client = await h.connect();
    const [partner] = await client.create('res.partner', [{ name: 'Old Vendor' }]);
    const id = await client.messagePost('res.partner', partner!, '<p>note</p>');
    assert.equal(h.fake.records('mail.message').find((m) => m.id === id)?.body, '<p>note</p>');
  } finally { await h.close(); }
});
