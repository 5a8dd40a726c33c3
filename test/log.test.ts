import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createLogger, redact, redactString, registerSecret } from '../src/log.js';

function capture(): { logger: ReturnType<typeof createLogger>; lines: () => Array<Record<string, unknown>> } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  const logger = createLogger({ stream, level: 'debug' });
  return { logger, lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

test('secrets are removed from keys, free text, URLs and nested errors', async () => {
  const key = '0123456789abcdef0123456789abcdef01234567';
  registerSecret('hunter2-password');
  const { logger, lines } = capture();
  logger.info('calling odoo with Bearer abc.def-123 and api_key=zzz', {
    jobId: 7, attachmentId: 9, apiKey: key, nested: { password: 'x', url: 'https://bot:hunter2-password@erp/x', note: `key ${key}` },
    err: new Error('login failed for hunter2-password'),
  });
  await new Promise((r) => setImmediate(r));
  const [line] = lines();
  const text = JSON.stringify(line);
  assert.equal(line!.jobId, 7);
  assert.equal(line!.attachmentId, 9);
  for (const secret of ['abc.def-123', 'zzz', key, 'hunter2-password']) assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
  assert.equal(line!.apiKey, '[REDACTED]');
});

test('document content never reaches the log', async () => {
  const { logger, lines } = capture();
  logger.info('scanned', { result: { text: 'ACME GmbH total 529.87' }, text: 'Rechnung 471102', fields: { vendor_name: 'ACME' }, data: Buffer.from('pdf') });
  await new Promise((r) => setImmediate(r));
  const text = JSON.stringify(lines()[0]);
  for (const content of ['ACME', 'Rechnung', '529.87']) assert.ok(!text.includes(content), `${content} leaked`);
});

test('redact survives cycles and keeps sha256 digests', () => {
  const a: Record<string, unknown> = { sha256: 'a'.repeat(64) };
  a.self = a;
  const out = redact(a) as Record<string, unknown>;
  assert.equal(out.sha256, 'a'.repeat(64));
  assert.equal(out.self, '[…]');
  assert.equal(redactString('Authorization: Basic dXNlcjpwYXNz'), 'Authorization: Basic [REDACTED]');
});
