// Error mapping and retry behaviour of the connector, on both transports, against the fake Odoo.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { connectOdoo } from '../../src/odoo/connect.js';
import {
  OdooAccessError, OdooAuthError, OdooConcurrencyError, OdooConfigError, OdooDatabaseError, OdooError, OdooMissingError,
  OdooNetworkError, OdooNotFoundError, OdooProtocolError, OdooServerError, OdooTimeoutError, OdooValidationError,
} from '../../src/odoo/errors.js';
import { FakeOdooException } from '../support/fake-odoo/index.js';
import { caught, harness } from './helpers.js';

for (const version of [17, 19] as const) {
  describe(`Odoo ${version} errors map to typed errors`, () => {
    test('unknown field in a domain -> OdooValidationError (ValueError)', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect();
        const err = await caught(() => client.searchRead('hr.expense', [['nope', '=', 1]], { limit: 1 }));
        assert.ok(err instanceof OdooValidationError);
        assert.equal(err.odooName, 'builtins.ValueError');
        assert.match(err.message, /Invalid field hr\.expense\.nope/);
        assert.equal(err.retryable, false);
      } finally { await h.close(); }
    });

    test('unknown model and unknown method -> OdooNotFoundError; hasModel says false', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect();
        assert.ok((await caught(() => client.searchCount('no.such.model', []))) instanceof OdooNotFoundError);
        assert.ok((await caught(() => client.call('res.partner', 'no_such_method', { ids: [1] }))) instanceof OdooNotFoundError);
        assert.equal(await client.hasModel('no.such.model'), false);
        assert.equal(await client.hasModel('res.partner'), true);
      } finally { await h.close(); }
    });

    test('missing record -> OdooMissingError; constraint -> OdooValidationError; bad selection value -> OdooValidationError', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect();
        const missing = await caught(() => client.write('res.partner', [999999], { name: 'x' }));
        assert.ok(missing instanceof OdooMissingError);
        assert.equal(missing.odooName, 'odoo.exceptions.MissingError');
        const constraint = await caught(() => client.create('res.partner', [{ name: false }]));
        assert.ok(constraint instanceof OdooValidationError);
        assert.equal(constraint.odooName, 'odoo.exceptions.ValidationError');
        const [id] = await client.create('res.partner', [{ name: 'Vendor' }]);
        const selection = await caught(() => client.write('res.partner', [id!], { type: 'bogus' }));
        assert.ok(selection instanceof OdooValidationError);
        assert.notEqual(h.fake.records('res.partner').find((p) => p.id === id)?.type, 'bogus', 'a refused write changes nothing');
      } finally { await h.close(); }
    });

    test('access rules -> OdooAccessError, never retried', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect();
        h.fake.denyAccess('account.move', ['write']);
        const before = h.fake.callCount({ model: 'account.move' });
        const err = await caught(() => client.write('account.move', [1], { ref: 'x' }));
        assert.ok(err instanceof OdooAccessError);
        assert.equal(h.fake.callCount({ model: 'account.move' }) - before, 1);
        if (version === 19) assert.equal(err.httpStatus, 403);
      } finally { await h.close(); }
    });

    test('a wrong API key: one request, one clear message, no retries, key not echoed', async () => {
      const h = await harness({ version });
      try {
        const wrongKey = 'f'.repeat(40);
        const err = await caught(() => h.connect({ apiKey: wrongKey }));
        assert.ok(err instanceof OdooAuthError);
        assert.match(err.message, /refused/);
        assert.match(err.message, /admin/);
        assert.equal(err.retryable, false);
        assert.equal(h.sleeps.length, 0);
        const authCalls = version === 19 ? h.fake.callCount({ model: 'res.users', method: 'search', transport: 'json2' }) : h.fake.callCount({ method: 'authenticate' });
        assert.equal(authCalls, 1);
        assert.ok(!JSON.stringify({ ...err, message: err.message, stack: err.stack }).includes(wrongKey));
      } finally { await h.close(); }
    });
  });
}

describe('credentials', () => {
  test('a wrong password over JSON-RPC fails once; later calls reuse the failure instead of asking again', async () => {
    const h = await harness({ version: 17 });
    try {
      const client = await h.connect({ apiKey: undefined, password: 'wrong-password' }, { authenticate: false });
      const first = await caught(() => client.searchCount('res.partner', []));
      const second = await caught(() => client.searchCount('res.partner', []));
      assert.ok(first instanceof OdooAuthError);
      assert.equal(second, first);
      assert.equal(h.fake.callCount({ method: 'authenticate' }), 1);
      assert.equal(h.fake.callCount({ model: 'res.partner' }), 0);
      assert.match(first.message, /wrong password or API key/);
    } finally { await h.close(); }
  });

  test('a lazy login is shared by concurrent calls, and its failures count against the call\'s retries only', async () => {
    const h = await harness({ version: 17 });
    try {
      const client = await h.connect({ retries: 3 }, { authenticate: false });
      h.fake.failNext(2, { status: 503 });
      const counts = await Promise.all(Array.from({ length: 4 }, () => client.searchCount('res.partner', [])));
      assert.ok(counts.every((c) => typeof c === 'number'));
      assert.equal(h.fake.callCount({ method: 'authenticate' }), 1);
      assert.equal(h.fake.callCount({ transport: 'http' }), 2, 'two injected failures, no nested retry loops');
      assert.ok(h.sleeps.length <= 8 && h.sleeps.length >= 2, `sleeps: ${h.sleeps.join()}`);
    } finally { await h.close(); }
  });

  test('an unknown database -> OdooDatabaseError, not retried', async () => {
    const h = await harness({ version: 17 });
    try {
      const err = await caught(() => h.connect({ db: 'no_such_db' }));
      assert.ok(err instanceof OdooDatabaseError);
      assert.equal(h.sleeps.length, 0);
    } finally { await h.close(); }
  });

  test('bad settings are refused before any request, listing every problem without the secret', async () => {
    const err = await caught(() => connectOdoo({ url: 'ftp://x', db: '', username: 'u', password: 'hunter2-secret', transport: 'json2', timeoutMs: -1 }));
    assert.ok(err instanceof OdooConfigError);
    assert.equal(err.problems.length, 4);
    assert.ok(!err.message.includes('hunter2-secret'));
    assert.ok(err.problems.some((p) => /json2 needs an apiKey/.test(p)));
  });

  test('an expired session logs in again once and the call succeeds', async () => {
    const h = await harness({ version: 17 });
    try {
      const client = await h.connect();
      h.fake.expireSessions(1);
      assert.equal(typeof (await client.searchCount('res.partner', [])), 'number');
      assert.equal(h.fake.callCount({ method: 'authenticate' }), 2);
    } finally { await h.close(); }
  });
});

for (const version of [17, 19] as const) {
  describe(`Odoo ${version} retries`, () => {
    test('503 twice then success: retried with exponential backoff', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect();
        h.fake.failNext(2, { status: 503 });
        assert.equal(typeof (await client.searchCount('res.partner', [])), 'number');
        assert.deepEqual(h.sleeps, [100, 200]);
        assert.ok(h.logLines.some((l) => l.startsWith('warn odoo rpc retry') && l.includes('"httpStatus":503')));
      } finally { await h.close(); }
    });

    test('Retry-After is honoured over a shorter backoff', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect();
        h.fake.failNext(1, { status: 429, retryAfterSeconds: 3 });
        await client.searchCount('res.partner', []);
        assert.deepEqual(h.sleeps, [3000]);
      } finally { await h.close(); }
    });

    test('502 and 504 are retried for reads', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect();
        h.fake.failNext(1, { status: 502 });
        h.fake.failNext(1, { status: 504 });
        await client.read('res.partner', [1], ['name']);
        assert.equal(h.sleeps.length, 2);
      } finally { await h.close(); }
    });

    test('a PostgreSQL serialization failure is retried, even for create (the transaction was rolled back)', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect();
        h.fake.failNext(1, { kind: 'serialization' });
        const ids = await client.create('res.partner', [{ name: 'Retry Ltd' }]);
        assert.equal(ids.length, 1);
        assert.equal(h.fake.records('res.partner').filter((p) => p.name === 'Retry Ltd').length, 1);
        assert.equal(h.sleeps.length, 1);
        assert.ok(h.logLines.some((l) => l.includes('odoo rpc retry') && l.includes('"code":"CONCURRENCY"')));
        // Without retries left the typed error surfaces.
        const once = await h.connect({ retries: 0 });
        h.fake.failNext(1, { kind: 'serialization' });
        assert.ok((await caught(() => once.searchCount('res.partner', []))) instanceof OdooConcurrencyError);
      } finally { await h.close(); }
    });

    test('giving up after `retries` attempts with the last typed error', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect({ retries: 2 });
        h.fake.failNext(5, { status: 503 });
        const err = await caught(() => client.searchCount('res.partner', []));
        assert.ok(err instanceof OdooServerError);
        assert.equal((err as OdooServerError).httpStatus, 503);
        assert.equal((err as OdooServerError).retryable, true);
        assert.deepEqual(h.sleeps, [100, 200]);
      } finally { await h.close(); }
    });

    test('a dropped connection is retried for reads but not for create (it may have been applied)', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect();
        h.fake.failNext(1, { kind: 'reset' });
        await client.read('res.partner', [1], ['name']);
        assert.equal(h.sleeps.length, 1);
        h.fake.failNext(1, { kind: 'reset' });
        const err = await caught(() => client.create('res.partner', [{ name: 'Maybe Twice' }]));
        assert.ok(err instanceof OdooNetworkError);
        assert.equal((err as OdooNetworkError).maybeApplied, true);
        assert.equal(h.sleeps.length, 1, 'no second attempt');
        const ok = await client.call<number[]>('res.partner', 'create', { kwargs: { vals_list: [{ name: 'Idempotent by choice' }] }, idempotent: true });
        assert.equal(ok.length, 1);
      } finally { await h.close(); }
    });

    test('per-call time-out -> OdooTimeoutError; reads retry, then give up', async () => {
      const h = await harness({ version });
      try {
        const client = await h.connect({ timeoutMs: 400, retries: 1 });
        const sleepsBefore = h.sleeps.length; // a loaded machine may already have retried a probe
        h.fake.setLatency(2000);
        const started = Date.now();
        const err = await caught(() => client.searchCount('res.partner', []));
        assert.ok(err instanceof OdooTimeoutError);
        assert.equal(h.sleeps.length - sleepsBefore, 1);
        assert.ok(Date.now() - started < 2000, 'both attempts were cut at their 400 ms deadline, well before one answer');
      } finally { await h.close(); }
    });
  });
}

describe('network and protocol failures', () => {
  test('nothing listening: OdooNetworkError after the configured retries', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    const sleeps: number[] = [];
    const err = await caught(() => connectOdoo({ url: `http://127.0.0.1:${port}`, db: 'x', username: 'u', apiKey: 'k'.repeat(40), retries: 2 },
      { backoff: { sleep: async (ms) => { sleeps.push(ms); } } }));
    assert.ok(err instanceof OdooNetworkError);
    assert.equal((err as OdooNetworkError).maybeApplied, false);
    assert.equal(sleeps.length, 2);
  });

  test('a web server that is not Odoo -> OdooProtocolError, no retries', async () => {
    const server = createServer((_req, res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('<html>hello</html>'); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const err = await caught(() => connectOdoo({ url: `http://127.0.0.1:${port}`, db: 'x', username: 'u', password: 'p', retries: 3 },
        { backoff: { sleep: async () => {} } }));
      assert.ok(err instanceof OdooProtocolError, String(err));
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('secrets stay out of logs and errors', () => {
  for (const version of [17, 19] as const) {
    test(`Odoo ${version}: key and password never appear in log lines or error objects`, async () => {
      const h = await harness({ version });
      try {
        // A server-side error that echoes the key back (as a careless addon might).
        h.fake.registerMethod('res.partner', 'echo_secret', () => { throw new FakeOdooException('builtins.ValueError', `bad token ${h.fake.apiKey} here`, 500); });
        const client = await h.connect();
        const errors: unknown[] = [];
        errors.push(await caught(() => client.call('res.partner', 'echo_secret', { ids: [1] })));
        errors.push(await caught(() => client.write('res.partner', [424242], { name: 'x' })));
        h.fake.failNext(1, { status: 500 });
        errors.push(await caught(() => client.create('res.partner', [{ name: 'y' }])));
        const slow = await h.connect({ timeoutMs: 300, retries: 0 }, { authenticate: false });
        h.fake.setLatency(1000);
        errors.push(await caught(() => slow.searchCount('res.partner', [])));
        h.fake.setLatency(0);
        errors.push(await caught(() => h.connect({ apiKey: undefined, password: 'pw-that-is-wrong' })));

        const echoed = errors[0] as OdooError;
        assert.ok(echoed instanceof OdooValidationError);
        assert.match(echoed.message, /bad token <redacted> here/);
        for (const err of errors) {
          const e = err as OdooError;
          const dump = JSON.stringify({ ...e, message: e.message, stack: e.stack, debug: e.debug });
          assert.ok(!dump.includes(h.fake.apiKey), `key leaked in ${e.name}`);
          assert.ok(!dump.includes('pw-that-is-wrong'), `password leaked in ${e.name}`);
        }
        assert.ok(h.logLines.length > 5);
        const log = h.logLines.join('\n');
        assert.ok(!log.includes(h.fake.apiKey));
        assert.ok(!log.includes('pw-that-is-wrong'));
      } finally { await h.close(); }
    });
  }
});
