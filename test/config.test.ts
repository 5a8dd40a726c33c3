import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, SETTINGS } from '../src/config.js';
import { DEFAULT_WRITE_THRESHOLD } from '../src/pipeline/confidence/policy.js';
import { DEFAULT_OCR_ENGINE } from '../src/pipeline/ocr/engines.js';

const BASE = { ODOO_URL: 'https://erp.example.com/', ODOO_DB: 'prod', ODOO_USER: 'ocr-bot', ODOO_API_KEY: 'k'.repeat(40) };

async function problemsOf(env: Record<string, string>, file?: string): Promise<string[]> {
  try {
    await loadConfig(env, file);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err.problems;
  }
  assert.fail('expected the configuration to be refused');
}

test('defaults fill every optional setting, strings are typed', async () => {
  const cfg = await loadConfig({ ...BASE, OCR_CONCURRENCY: '3', OVERWRITE: 'yes', OCR_LANGS: 'eng,deu', POLL_JITTER: '0.5' });
  assert.equal(cfg.odoo.url, 'https://erp.example.com');
  assert.equal(cfg.ocr.concurrency, 3);
  assert.deepEqual(cfg.ocr.langs, ['eng', 'deu']);
  assert.equal(cfg.writePolicy.overwrite, true);
  assert.equal(cfg.poll.jitter, 0.5);
  assert.equal(cfg.mode, 'auto');
  assert.equal(cfg.leaseSeconds, 300);
  assert.deepEqual(cfg.retry, { attempts: 3, initialMs: 1000, factor: 2, maxMs: 30000 });
  assert.equal(cfg.limits.maxBytes, 20 * 1024 * 1024);
  assert.deepEqual(cfg.addonless.models, ['account.move', 'hr.expense']);
  assert.equal(cfg.llm, undefined);
});

test('WRITE_THRESHOLD is the one write policy setting; REVIEW_THRESHOLD still works as its old name', async () => {
  const defaults = await loadConfig(BASE);
  assert.equal(defaults.writePolicy.writeThreshold, DEFAULT_WRITE_THRESHOLD);
  assert.equal(defaults.writePolicy.activateCurrencies, false);
  assert.equal((await loadConfig({ ...BASE, REVIEW_THRESHOLD: '0.7' })).writePolicy.writeThreshold, 0.7);
  assert.equal((await loadConfig({ ...BASE, REVIEW_THRESHOLD: '0.7', WRITE_THRESHOLD: '0.95' })).writePolicy.writeThreshold, 0.95);
  assert.equal((await loadConfig({ ...BASE, ACTIVATE_CURRENCIES: 'true' })).writePolicy.activateCurrencies, true);
  assert.match((await problemsOf({ ...BASE, WRITE_THRESHOLD: '1.5' })).join('\n'), /WRITE_THRESHOLD/);
});

test('OCR_ENGINE chooses the OCR engine for the worker and scan alike; an unknown engine is refused', async () => {
  const { loadEngineConfig } = await import('../src/config.js');
  assert.equal((await loadConfig(BASE)).ocr.engine, DEFAULT_OCR_ENGINE);
  assert.equal((await loadConfig({ ...BASE, OCR_ENGINE: 'paddle' })).ocr.engine, 'paddle');
  assert.equal((await loadEngineConfig({ OCR_ENGINE: 'auto' })).ocrEngine, 'auto');
  assert.equal((await loadEngineConfig({})).ocrEngine, DEFAULT_OCR_ENGINE);
  assert.match((await problemsOf({ ...BASE, OCR_ENGINE: 'easyocr' })).join('\n'), /OCR_ENGINE: must be one of tesseract, paddle, auto/);
});

test('every mistake is reported, one clear line each', async () => {
  const problems = await problemsOf({
    ODOO_URL: 'ftp://x', ODOO_USER: 'u', OCR_MODE: 'magic', OCR_CONCURRENCY: 'two', LEASE_SECONDS: '5', OVERWRITE: 'maybe', OCR_LANGS: 'eng,klingon',
  });
  const text = problems.join('\n');
  assert.match(text, /ODOO_DB is required/);
  assert.match(text, /ODOO_API_KEY \(or ODOO_PASSWORD\) is required/);
  assert.match(text, /ODOO_URL: must be an http\(s\) URL/);
  assert.match(text, /OCR_MODE: must be one of auto, addon, addonless/);
  assert.match(text, /OCR_CONCURRENCY: must be an integer/);
  assert.match(text, /LEASE_SECONDS: must be >= 10/);
  assert.match(text, /OVERWRITE: must be true or false/);
  assert.match(text, /OCR_LANGS.*must be one of auto, eng, deu, fra, ita, spa, nld, por/);
  assert.equal(new Set(problems).size, problems.length, 'no duplicate lines');
});

test('*_FILE variants read secrets from files; both set is a mistake', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cfg-'));
  const keyFile = path.join(dir, 'key');
  await writeFile(keyFile, 'secret-from-file\n');
  const { ODOO_API_KEY: _omit, ...noKey } = BASE;
  const cfg = await loadConfig({ ...noKey, ODOO_API_KEY_FILE: keyFile });
  assert.equal(cfg.odoo.apiKey, 'secret-from-file');
  const problems = await problemsOf({ ...BASE, ODOO_API_KEY_FILE: keyFile, ODOO_PASSWORD_FILE: path.join(dir, 'missing') });
  assert.ok(problems.some((p) => /ODOO_API_KEY and ODOO_API_KEY_FILE are both set/.test(p)));
  assert.ok(problems.some((p) => /ODOO_PASSWORD_FILE: cannot read .*ENOENT/.test(p)));
  assert.ok(!problems.join(' ').includes('secret-from-file'), 'a secret never appears in a message');
});

test('JSON file uses the same names; the environment wins; unknown keys are refused', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cfg-'));
  const file = path.join(dir, 'worker.json');
  await writeFile(file, JSON.stringify({ ...BASE, OCR_CONCURRENCY: 4, OCR_CHANNELS: ['bills', 'receipts'], POLL_INTERVAL: 60 }));
  const cfg = await loadConfig({ POLL_INTERVAL: '15', OCR_WORKER_CONFIG: file });
  assert.equal(cfg.ocr.concurrency, 4);
  assert.deepEqual(cfg.channels, ['bills', 'receipts']);
  assert.equal(cfg.poll.intervalSeconds, 15);

  await writeFile(file, JSON.stringify({ ...BASE, OCR_CONCURENCY: 4 }));
  assert.deepEqual(await problemsOf({}, file), ['OCR_CONCURENCY is not a known setting (see docs/worker.md)']);
  await writeFile(file, '{not json');
  assert.match((await problemsOf({}, file))[0]!, /not valid JSON/);
});

test('cron expressions and the LLM pair are checked', async () => {
  const problems = await problemsOf({ ...BASE, WORKER_CRON: 'every five minutes', LLM_BASE_URL: 'http://127.0.0.1:1/v1' });
  assert.ok(problems.some((p) => /WORKER_CRON: "every five minutes" is not a valid cron expression/.test(p)));
  assert.ok(problems.some((p) => /LLM_MODEL is required when LLM_BASE_URL is set/.test(p)));
  const cfg = await loadConfig({ ...BASE, WORKER_CRON: '*/5 * * * *' });
  assert.equal(cfg.poll.cron, '*/5 * * * *');
});

test('docs/worker.md lists every setting', async () => {
  const { readFile } = await import('node:fs/promises');
  const doc = await readFile(new URL('../docs/worker.md', import.meta.url), 'utf8');
  const missing = SETTINGS.filter((s) => !doc.includes(`\`${s.name}\``)).map((s) => s.name);
  assert.deepEqual(missing, []);
});

test('README.md lists every setting', async () => {
  const { readFile } = await import('node:fs/promises');
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  assert.deepEqual(SETTINGS.filter((s) => !readme.includes(`\`${s.name}\``)).map((s) => s.name), []);
});

test('the result cache key changes with every setting that changes a scan: the OCR engine and the letterhead look too', async () => {
  const { scanProfile } = await import('../src/worker/runtime.js');
  const profile = async (extra: Record<string, string>) => scanProfile(await loadConfig({ ...BASE, ...extra }));
  const base = await profile({});
  assert.equal(await profile({}), base, 'the same settings, the same key');
  assert.notEqual(await profile({ IMAGE_LOOK: 'false' }), base);
  assert.notEqual(await profile({ ENGINE_LOOK: 'off' }), base);
  assert.notEqual(await profile({ ENGINE_LOOK: 'off' }), await profile({ ENGINE_LOOK: 'when-needed' }));
  assert.notEqual(await profile({ OCR_ENGINE: 'tesseract' }), base);
  assert.notEqual(await profile({ OCR_LANGS: 'deu' }), base);
});
