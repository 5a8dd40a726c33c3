// Unit checks of the pieces under the retry logic: error mapping tables, Retry-After parsing, backoff maths.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { connectOdoo } from '../../src/odoo/connect.js';
import {
  OdooAccessError, OdooAuthError, OdooConcurrencyError, OdooDatabaseError, OdooError, OdooMissingError, OdooNotFoundError,
  OdooProtocolError, OdooServerError, OdooSessionExpiredError, OdooValidationError, mapHttpStatus, mapOdooError, scrubSecrets,
} from '../../src/odoo/errors.js';
import { parseRetryAfter } from '../../src/odoo/http.js';
import { backoffDelay, shouldRetry } from '../../src/odoo/retry.js';
import { caught, harness } from './helpers.js';

describe('mapOdooError', () => {
  const cases: Array<[string, string, Function, boolean]> = [
    ['odoo.exceptions.AccessDenied', 'Access Denied', OdooAuthError, false],
    ['odoo.exceptions.AccessError', 'You are not allowed to access', OdooAccessError, false],
    ['odoo.exceptions.MissingError', 'Record does not exist', OdooMissingError, false],
    ['odoo.exceptions.UserError', "Object x.y doesn't exist", OdooNotFoundError, false],
    ['odoo.exceptions.UserError', 'You cannot delete a posted entry', OdooValidationError, false],
    ['odoo.exceptions.ValidationError', 'Contacts require a name', OdooValidationError, false],
    ['odoo.exceptions.RedirectWarning', 'configure a journal', OdooValidationError, false],
    ['builtins.ValueError', 'Invalid field', OdooValidationError, false],
    ['builtins.TypeError', 'unexpected keyword argument', OdooValidationError, false],
    ['builtins.AttributeError', "The method 'x' does not exist on the model 'y'", OdooNotFoundError, false],
    ['builtins.AttributeError', "'NoneType' object has no attribute 'id'", OdooServerError, false],
    ['werkzeug.exceptions.NotFound', "the model 'x' does not exist", OdooNotFoundError, false],
    ['werkzeug.exceptions.Unauthorized', 'Invalid apikey', OdooAuthError, false],
    ['odoo.http.SessionExpiredException', 'Session expired', OdooSessionExpiredError, true],
    ['psycopg2.errors.SerializationFailure', 'could not serialize access due to concurrent update', OdooConcurrencyError, true],
    ['psycopg2.errors.DeadlockDetected', 'deadlock detected', OdooConcurrencyError, true],
    ['psycopg2.errors.LockNotAvailable', 'could not obtain lock on row', OdooConcurrencyError, true],
    ['psycopg2.OperationalError', 'connection to server failed: FATAL:  database "x" does not exist', OdooDatabaseError, false],
    ['psycopg2.OperationalError', 'FATAL: sorry, too many clients already', OdooServerError, true],
    ['builtins.KeyError', "'partner_id'", OdooServerError, false],
  ];
  for (const [name, message, cls, retryable] of cases) {
    test(`${name}: ${message.slice(0, 40)}`, () => {
      const err = mapOdooError({ name, message, arguments: [message], debug: `Traceback...\n${name}: ${message}` }, { secrets: [] });
      assert.ok(err instanceof cls, `${err.constructor.name} is not ${cls.name}`);
      assert.equal(err.retryable, retryable);
      assert.equal(err.odooName, name);
    });
  }

  test('JSON-RPC code 100 is a session expiry whatever the name', () => {
    assert.ok(mapOdooError({ name: 'x', message: 'y' }, { secrets: [], rpcCode: 100 }) instanceof OdooSessionExpiredError);
  });

  test('secrets are scrubbed from message and debug, also URL-encoded', () => {
    const err = mapOdooError({ name: 'builtins.ValueError', message: 'bad p@ss/word and p%40ss%2Fword', debug: 'x p@ss/word' }, { secrets: ['p@ss/word'] });
    assert.equal(err.message, 'bad <redacted> and <redacted>');
    assert.equal(err.debug, 'x <redacted>');
    assert.equal(scrubSecrets('ab', ['ab']), 'ab', 'too short to be a secret worth scrubbing');
  });
});

describe('HTTP statuses without an Odoo body', () => {
  test('transient ones are retryable; 502/504 may have been applied, 429/503 not', () => {
    for (const status of [429, 502, 503, 504]) {
      const err = mapHttpStatus(status, { secrets: [], path: '/jsonrpc' });
      assert.ok(err instanceof OdooServerError);
      assert.equal(err.retryable, true);
      assert.equal(err.maybeApplied, status === 502 || status === 504);
      assert.equal(shouldRetry(err, false), !(status === 502 || status === 504));
      assert.equal(shouldRetry(err, true), true);
    }
    assert.ok(mapHttpStatus(401, { secrets: [], path: '/x' }) instanceof OdooAuthError);
    assert.ok(mapHttpStatus(404, { secrets: [], path: '/x' }) instanceof OdooNotFoundError);
    assert.equal(mapHttpStatus(500, { secrets: [], path: '/x' }).retryable, false);
  });
});

describe('backoff', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
  test('exponential with full jitter, capped', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, { ...policy, random: () => 1 })), [100, 200, 400, 800, 1000, 1000]);
    assert.deepEqual([0, 3].map((a) => backoffDelay(a, { ...policy, random: () => 0.5 })), [50, 400]);
    assert.equal(backoffDelay(4, { ...policy, random: () => 0 }), 0);
  });
  test('Retry-After wins when longer and is capped', () => {
    assert.equal(backoffDelay(0, { ...policy, random: () => 1 }, 3000), 3000);
    assert.equal(backoffDelay(3, { ...policy, random: () => 1 }, 10), 800);
    assert.equal(backoffDelay(0, { ...policy, random: () => 1 }, 3_600_000), 5000);
  });
  test('Retry-After as seconds or HTTP date', () => {
    assert.equal(parseRetryAfter('7'), 7000);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 10:00:30 GMT', Date.parse('Wed, 25 Nov 2026 10:00:00 GMT')), 30_000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });
});

describe('client lifecycle', () => {
  test('close() makes queued and later calls fail at once instead of hanging', async () => {
    const h = await harness({ version: 17 });
    try {
      const client = await h.connect({ maxConcurrency: 1 });
      h.fake.setLatency(200);
      const pending = [1, 2, 3].map(() => client.searchCount('res.partner', []).then(() => 'ok', (e: OdooError) => e.code));
      await new Promise((r) => setTimeout(r, 50));
      client.close();
      const outcomes = await Promise.all(pending);
      assert.ok(outcomes.every((o) => o === 'NETWORK'), outcomes.join());
      const later = await caught(() => client.searchCount('res.partner', []));
      assert.equal((later as OdooError).retryable, false);
    } finally { await h.close(); }
  });

  test('a redirecting URL is reported with where it points, not followed', async () => {
    const server = createServer((_req, res) => { res.writeHead(301, { Location: 'https://erp.example.com/' }); res.end(); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const err = await caught(() => connectOdoo({ url: `http://127.0.0.1:${port}`, db: 'x', username: 'u', password: 'p' }));
      assert.ok(err instanceof OdooProtocolError);
      assert.match(err.message, /redirects \(HTTP 301\) to https:\/\/erp\.example\.com\//);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
