import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { VERSION } from '../../src/version.js';
import { startStack, type Stack } from './harness.js';

// The worker introduces itself (name, version) before its first claim, so that Odoo's OCR settings can show which
// worker runs and which version; an addon without the presence model is simply not told.

let stack: Stack | null = null;
afterEach(async () => {
  await stack?.close();
  stack = null;
});

test('the worker tells the addon its name and version once, before claiming', async () => {
  stack = await startStack({ addon: true, jobOptions: {} });
  const rt = await stack.runtime(await stack.config({}, 'greeter'));
  await rt.source.fetch(1);
  await rt.source.fetch(1);
  const rows = stack.fake.records('ocr.worker.presence');
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.version, VERSION);
  assert.match(String(rows[0]!.name), /greeter/);
  const hellos = stack.fake.calls.filter((c) => c.model === 'ocr.worker.presence');
  assert.equal(hellos.length, 1, 'once per process');
});

test('an addon without the presence model: the worker claims as before', async () => {
  stack = await startStack({ addon: true, jobOptions: { presence: false } });
  const rt = await stack.runtime(await stack.config({}, 'older'));
  assert.deepEqual(await rt.source.fetch(1), []);
  await rt.source.fetch(1);
  assert.equal(stack.fake.calls.filter((c) => c.method === 'claim').length, 2);
});
