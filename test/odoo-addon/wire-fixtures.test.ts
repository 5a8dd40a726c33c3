// The recorded JSON-RPC exchanges of the ocr_worker API (fixtures/odoo-addon, from a real
// Odoo 17) are what the TypeScript fake Odoo is checked against: make sure they keep the
// documented shape and never carry a real API key.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/odoo-addon');

interface Exchange {
  request: { jsonrpc: string; method: string; id: number; params: { service: string; method: string; args: unknown[] } };
  response: { jsonrpc: string; id: number; result?: unknown; error?: { code: number; message: string; data: { name: string; message: string; debug: string } } };
}

async function load(name: string): Promise<Exchange> {
  return JSON.parse(await readFile(path.join(dir, `${name}.json`), 'utf8')) as Exchange;
}

const LEASE_KEYS = ['attachment_id', 'attempts', 'channel', 'company_id', 'file_size', 'job_id', 'max_attempts',
  'mimetype', 'name', 'res_id', 'res_model', 'token'];

describe('fixtures/odoo-addon wire recordings', () => {
  it('are execute_kw calls on ocr.job with keyword arguments only', async () => {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
    assert.ok(files.length >= 10);
    for (const file of files) {
      const { request, response } = await load(file.replace(/\.json$/, ''));
      const [, uid, key, model, method, args, kwargs] = request.params.args;
      assert.equal(request.params.method, 'execute_kw', file);
      assert.equal(model, 'ocr.job', file);
      assert.ok(['claim', 'heartbeat', 'release', 'fail', 'complete', 'requeue'].includes(method as string), file);
      assert.deepEqual(args, [], file);
      assert.equal(typeof kwargs, 'object', file);
      assert.equal(typeof uid, 'number', file);
      assert.match(key as string, /^(WORKER|CLERK)_API_KEY$/, `${file}: the key must be masked`);
      assert.equal(response.id, request.id, file);
      assert.ok(('result' in response) !== ('error' in response), file);
      if (response.error) assert.ok(!response.error.data.debug.includes('\n'), `${file}: traceback not trimmed`);
    }
  });

  it('claim answers leases with exactly the documented keys', async () => {
    const leases = (await load('claim.ok')).response.result as Array<Record<string, unknown>>;
    assert.ok(leases.length >= 3);
    for (const lease of leases) {
      assert.deepEqual(Object.keys(lease).sort(), LEASE_KEYS);
      assert.match(lease.token as string, /^[0-9a-f]{40}$/);
      assert.equal(lease.attempts, 1);
    }
    assert.deepEqual((await load('claim.empty')).response.result, []);
  });

  it('shows fencing: a wrong token is answered "lost", never an exception', async () => {
    assert.deepEqual((await load('fail.lost')).response.result, { state: 'lost', next_attempt_at: null });
    assert.equal(((await load('complete.lost')).response.result as { state: string }).state, 'lost');
    const heartbeat = await load('heartbeat.ok');
    const pairs = (heartbeat.request.params.args[6] as { job_tokens: Array<[number, string]> }).job_tokens;
    assert.deepEqual(heartbeat.response.result, [pairs[0][0]]);
  });

  it('shows release: only the lease still held is handed back, and a repeated call answers the same', async () => {
    const [held] = (await load('claim.before_release')).response.result as Array<{ job_id: number; token: string }>;
    const release = await load('release.ok');
    const pairs = (release.request.params.args[6] as { job_tokens: Array<[number, string]> }).job_tokens;
    assert.deepEqual(pairs[0], [held.job_id, held.token]);
    assert.ok(pairs.length > 1, 'the recording also sends a lease that is not held');
    assert.deepEqual(release.response.result, [held.job_id]);
    assert.deepEqual((await load('release.repeated')).response.result, [held.job_id]);
  });

  it('shows idempotent complete and the bill created from a loose file', async () => {
    const first = await load('complete.done');
    const again = await load('complete.repeated');
    assert.deepEqual(again.request.params.args[6], first.request.params.args[6]);
    assert.deepEqual(again.response.result, first.response.result);
    assert.deepEqual(first.response.result, { state: 'done', res_model: 'account.move', res_id: (first.response.result as { res_id: number }).res_id, created: false });
    const created = (await load('complete.created_review')).response.result as Record<string, unknown>;
    assert.equal(created.created, true);
    assert.equal(created.res_model, 'account.move');
    assert.equal(created.state, 'review');
  });

  it('shows errors as Odoo exceptions: AccessError for non-workers, UserError for bad input', async () => {
    assert.equal((await load('claim.access_denied')).response.error?.data.name, 'odoo.exceptions.AccessError');
    assert.equal((await load('claim.bad_argument')).response.error?.data.name, 'odoo.exceptions.UserError');
    assert.equal((await load('complete.bad_values')).response.error?.data.name, 'odoo.exceptions.UserError');
  });

  it('shows retry with backoff and the dead letter', async () => {
    const retry = (await load('fail.retry')).response.result as { state: string; next_attempt_at: string };
    assert.equal(retry.state, 'pending');
    assert.match(retry.next_attempt_at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.deepEqual((await load('fail.dead_letter')).response.result, { state: 'failed', next_attempt_at: null });
    assert.equal((await load('requeue.ok')).response.result, 1);
  });
});
