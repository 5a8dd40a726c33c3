// The fake Odoo itself, at the wire level: what teammates build their tests on must behave like Odoo.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { startFakeOdoo, type FakeOdoo } from '../support/fake-odoo/index.js';

async function rpc(fake: FakeOdoo, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}, secret = fake.apiKey): Promise<any> {
  const res = await fetch(`${fake.url}/jsonrpc`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 7, params: { service: 'object', method: 'execute_kw', args: [fake.db, 2, secret, model, method, args, kwargs] } }),
  });
  assert.equal(res.status, 200);
  return res.json();
}

async function json2(fake: FakeOdoo, model: string, method: string, body: unknown, key = fake.apiKey): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${fake.url}/json/2/${model}/${method}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `bearer ${key}`, 'X-Odoo-Database': fake.db }, body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe('fake Odoo wire formats', () => {
  test('JSON-RPC success and error envelopes', async () => {
    const fake = await startFakeOdoo();
    try {
      const ok = await rpc(fake, 'res.partner', 'search_count', [[]]);
      assert.deepEqual(Object.keys(ok).sort(), ['id', 'jsonrpc', 'result']);
      assert.equal(ok.id, 7);
      const bad = await rpc(fake, 'res.partner', 'search_read', [[]], { limit: 1 }, 'wrong');
      assert.deepEqual(bad.error, {
        code: 200, message: 'Odoo Server Error',
        data: { name: 'odoo.exceptions.AccessDenied', debug: 'odoo.exceptions.AccessDenied: Access Denied', message: 'Access Denied', arguments: ['Access Denied'], context: {} },
      });
      const unexpected = await rpc(fake, 'res.partner', 'write', [[1]], { vals: { name: 'x' }, bogus: 1 });
      assert.equal(unexpected.error.data.name, 'builtins.TypeError');
      assert.match(unexpected.error.data.message, /unexpected keyword argument 'bogus'/);
      const missingArg = await rpc(fake, 'res.partner', 'write', [[1]]);
      assert.match(missingArg.error.data.message, /missing 1 required positional argument: 'vals'/);
    } finally { await fake.close(); }
  });

  test('/web/version and /json/2 exist only when playing 19', async () => {
    const f17 = await startFakeOdoo({ version: 17 });
    const f19 = await startFakeOdoo({ version: 19 });
    try {
      assert.equal((await fetch(`${f17.url}/web/version`)).status, 404);
      assert.equal((await fetch(`${f17.url}/json/2/res.partner/search_count`, { method: 'POST', body: '{}' })).status, 404);
      const v = await (await fetch(`${f19.url}/web/version`)).json();
      assert.deepEqual(v, { version_info: [19, 0, 0, 'final', 0, ''], version: '19.0-20251216' });
      assert.equal(f19.hasModel('hr.expense.sheet'), false);
      assert.equal(f17.hasModel('hr.expense.sheet'), true);
      assert.ok('checked' in f19.fieldsOf('account.move') && !('to_check' in f19.fieldsOf('account.move')));
    } finally { await f17.close(); await f19.close(); }
  });

  test('JSON-2: bearer auth, named arguments, 401/404/422 errors', async () => {
    const fake = await startFakeOdoo({ version: 19 });
    try {
      const denied = await json2(fake, 'res.partner', 'search_count', { domain: [] }, 'nope');
      assert.equal(denied.status, 401);
      assert.equal(denied.headers.get('www-authenticate'), 'bearer');
      assert.equal(denied.body.name, 'werkzeug.exceptions.Unauthorized');
      const [id] = (await json2(fake, 'res.partner', 'create', { vals_list: [{ name: 'Json Two' }] })).body;
      assert.equal(typeof id, 'number');
      assert.deepEqual((await json2(fake, 'res.partner', 'read', { ids: [id], fields: ['name'] })).body, [{ id, name: 'Json Two' }]);
      const modelWithIds = await json2(fake, 'res.partner', 'search', { ids: [1], domain: [] });
      assert.equal(modelWithIds.status, 422);
      const missing = await json2(fake, 'res.partner', 'search', {});
      assert.equal(missing.status, 422);
      assert.equal(missing.body.message, "missing a required argument: 'domain'");
      const noMethod = await json2(fake, 'res.partner', 'frobnicate', {});
      assert.equal(noMethod.status, 404);
      const gone = await json2(fake, 'res.partner', 'write', { ids: [999], vals: { name: 'x' } });
      assert.equal(gone.status, 404);
      assert.equal(gone.body.name, 'odoo.exceptions.MissingError');
    } finally { await fake.close(); }
  });
});

describe('fake Odoo data behaviour', () => {
  test('defaults, required fields and many2one display names', async () => {
    const fake = await startFakeOdoo();
    try {
      const created = await rpc(fake, 'hr.expense', 'create', [[{ name: 'Taxi' }]]);
      const [expense] = fake.records('hr.expense').filter((r) => r.id === created.result[0]);
      assert.equal(expense!.employee_id, 1, "defaults to the user's employee");
      assert.equal(expense!.quantity, 1);
      const refused = await rpc(fake, 'hr.expense', 'create', [[{ name: 'No one', employee_id: false }]]);
      assert.equal(refused.error.data.name, 'odoo.exceptions.ValidationError');
      assert.match(refused.error.data.message, /Field: Employee \(employee_id\)/);
      const read = await rpc(fake, 'hr.expense', 'read', [created.result, ['employee_id', 'currency_id', 'product_id']]);
      assert.deepEqual(read.result[0], { id: created.result[0], employee_id: [1, 'Mitchell Admin'], currency_id: [1, 'USD'], product_id: false });
    } finally { await fake.close(); }
  });

  test('ir.attachment: datas in base64, file_size and checksum computed', async () => {
    const fake = await startFakeOdoo();
    try {
      const bytes = Buffer.from('hello odoo\n');
      const created = await rpc(fake, 'ir.attachment', 'create', [[{ name: 'a.txt', datas: bytes.toString('base64'), res_model: 'res.partner', res_id: 1 }]]);
      const read = await rpc(fake, 'ir.attachment', 'read', [created.result, ['datas', 'file_size', 'checksum', 'mimetype', 'type']]);
      assert.deepEqual(read.result[0], {
        id: created.result[0], datas: bytes.toString('base64'), file_size: 11, checksum: createHash('sha1').update(bytes).digest('hex'), mimetype: 'text/plain', type: 'binary',
      });
    } finally { await fake.close(); }
  });

  test('message_post creates a mail.message; a plain body is escaped on 17 unless body_is_html', async () => {
    const fake = await startFakeOdoo({ version: 17 });
    try {
      const plain = await rpc(fake, 'res.partner', 'message_post', [[1]], { body: '<b>x</b>', message_type: 'comment', subtype_xmlid: 'mail.mt_note' });
      const html = await rpc(fake, 'res.partner', 'message_post', [[1]], { body: '<b>x</b>', body_is_html: true });
      const rows = fake.records('mail.message');
      assert.equal(rows.find((m) => m.id === plain.result)!.body, '<p>&lt;b&gt;x&lt;/b&gt;</p>');
      assert.equal(rows.find((m) => m.id === html.result)!.body, '<b>x</b>');
      const noThread = await rpc(fake, 'ir.attachment', 'message_post', [[1]], { body: 'x' });
      assert.equal(noThread.error.data.name, 'builtins.AttributeError');
    } finally { await fake.close(); }
  });

  test('registerMethod (both transports), registerCompute and defineModel for teammates', async () => {
    const fake = await startFakeOdoo({ version: 19 });
    try {
      fake.defineModel('ocr.job', {
        state: { type: 'selection', string: 'State', store: true, selection: [['pending', 'Pending'], ['running', 'Running']] },
        lease_owner: { type: 'char', string: 'Lease owner', store: true },
      });
      const [job] = fake.seed('ocr.job', [{ state: 'pending' }]);
      fake.registerMethod('ocr.job', 'claim', ({ kwargs, uid, fake: f }) => {
        const pending = f.records('ocr.job').filter((j) => j.state === 'pending').slice(0, Number(kwargs.limit ?? 1));
        return pending.map((j) => ({ id: j.id, token: `${kwargs.worker}-${uid}` }));
      }, { apiModel: true, params: ['worker', 'limit'] });
      assert.deepEqual((await json2(fake, 'ocr.job', 'claim', { worker: 'w1', limit: 5 })).body, [{ id: job, token: 'w1-2' }]);
      assert.deepEqual((await rpc(fake, 'ocr.job', 'claim', ['w2', 1])).result, [{ id: job, token: 'w2-2' }]);

      fake.registerCompute('account.move.line', (row) => ({ price_subtotal: Number(row.quantity) * Number(row.price_unit) }));
      fake.registerCompute('account.move', (row, f) => {
        const lines = f.records('account.move.line').filter((l) => l.move_id === row.id);
        const total = lines.reduce((sum, l) => sum + Number(l.price_subtotal), 0);
        return { amount_untaxed: total, amount_total: total };
      });
      const created = await json2(fake, 'account.move', 'create', { vals_list: [{ move_type: 'in_invoice', partner_id: 1, invoice_line_ids: [[0, 0, { name: 'Paper', quantity: 2, price_unit: 12.5 }]] }] });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const [move] = (await json2(fake, 'account.move', 'read', { ids: created.body, fields: ['amount_total', 'journal_id', 'state', 'invoice_line_ids'] })).body;
      assert.equal(move.amount_total, 25);
      assert.deepEqual(move.journal_id, [2, 'Vendor Bills']);
      assert.equal(move.state, 'draft');
      assert.equal(move.invoice_line_ids.length, 1);
      assert.equal(fake.callCount({ model: 'account.move', transport: 'json2' }), 2);
    } finally { await fake.close(); }
  });
});
