import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startStack, waitFor, type Stack } from '../worker/harness.js';

// The commands in a child process, against the fake Odoo: exit codes, output, and a real SIGTERM. (Each child
// costs seconds of start-up, so the commands' logic is tested in-process in commands.test.ts.)

const ENTRY = new URL('./cli-entry.ts', import.meta.url).pathname;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (c: Buffer) => (out.stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out.stderr += c.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, ...out })));
  return { child, out, done };
}

let stack: Stack;
let env: Record<string, string>;
before(async () => {
  stack = await startStack({ addon: true });
  const cfg = await stack.config({}, 'cli');
  env = {
    ODOO_URL: stack.fake.url, ODOO_DB: stack.fake.db, ODOO_USER: 'admin', ODOO_API_KEY: stack.fake.apiKey, STATE_DIR: cfg.stateDir,
    HTTP_PORT: '0', OCR_LANGS: 'eng', OCR_CONCURRENCY: '1', RETRY_INITIAL_MS: '20', RETRY_MAX_MS: '100', LOG_LEVEL: 'info',
  };
});
after(async () => {
  await stack.close();
});

test('a configuration mistake exits 2 with one line per problem and never echoes the key', async () => {
  const run = await start(['status'], { ...env, OCR_MODE: 'sometimes', LEASE_SECONDS: '1' }).done;
  assert.equal(run.code, 2);
  assert.match(run.stderr, /OCR_MODE: must be one of auto, addon, addonless/);
  assert.match(run.stderr, /LEASE_SECONDS: must be >= 10/);
  assert.ok(!run.stderr.includes(stack.fake.apiKey));
});

test('doctor and status with no settings print the same clean list and exit 2, also with --json', async () => {
  const bare = { HTTP_PORT: '0' };
  const status = await start(['status'], bare).done;
  const doctor = await start(['doctor'], bare).done;
  const doctorJson = await start(['doctor', '--json'], bare).done;
  assert.equal(status.code, 2);
  assert.equal(doctor.code, 2);
  assert.equal(doctorJson.code, 2);
  assert.match(status.stderr, /ODOO_URL is required/);
  assert.equal(doctor.stderr, status.stderr, 'the same list');
  assert.equal(doctorJson.stderr, status.stderr);
  assert.doesNotMatch(doctor.stderr, /\n\s+at /, 'no stack trace');
  const json = JSON.parse(doctorJson.stdout.trim().split('\n').pop()!);
  assert.equal(json.ok, false);
  assert.ok(json.problems.some((p: string) => /ODOO_URL is required/.test(p)));
});

test('a URL with credentials is a configuration error: exit 2 before the HTTP server starts', async () => {
  const url = new URL(stack.fake.url);
  url.username = 'admin';
  url.password = 'hunter2';
  const run = await start(['worker'], { ...env, ODOO_URL: url.toString() }).done;
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /ODOO_URL: must not contain credentials/);
  assert.doesNotMatch(run.stderr, /http server listening/);
  assert.ok(!run.stderr.includes('hunter2'), 'the password in the URL is not echoed');
});

test('setup without an admin password or a key file says what is missing and exits 2', async () => {
  const run = await start(['setup'], { ODOO_URL: env.ODOO_URL!, ODOO_DB: env.ODOO_DB! }).done;
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /ODOO_ADMIN_PASSWORD \(or ODOO_ADMIN_PASSWORD_FILE\) is required/);
  assert.match(run.stderr, /ODOO_API_KEY_FILE \(or --key-file\) is required/);
});

test('doctor --config reads the settings from a JSON file', async () => {
  const file = path.join(os.tmpdir(), `doctor-${process.pid}.json`);
  await writeFile(file, JSON.stringify({ ODOO_URL: env.ODOO_URL, ODOO_DB: env.ODOO_DB, ODOO_USER: 'admin', ODOO_API_KEY: env.ODOO_API_KEY }));
  try {
    const run = await start(['doctor', '--config', file], { HTTP_PORT: '0' }).done;
    assert.match(run.stdout, /logged in as "admin"/);
  } finally {
    await rm(file, { force: true });
  }
});

test('worker daemon: /live at once, processes jobs, SIGTERM drains and exits 0', { timeout: 90_000 }, async () => {
  const [expenseId] = stack.fake.seed('hr.expense', [{ name: 'cli', employee_id: 1, state: 'draft' }]);
  const xml = await readFile(new URL('../../fixtures/documents/ubl/en16931__ubl-tc434-example9.xml', import.meta.url));
  const attachmentId = stack.attach(xml, 'invoice.xml', 'application/xml', 'hr.expense', expenseId);
  const job = stack.jobs!.enqueue({ attachmentId, resModel: 'hr.expense', resId: expenseId, priority: '3' });
  const daemon = start(['worker', '--interval', '1'], env);
  await waitFor(() => /http server listening/.test(daemon.out.stderr), 'the http server', 20_000);
  const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(daemon.out.stderr)![1];
  assert.equal((await fetch(`${url}/live`)).status, 200);
  await waitFor(() => ['done', 'review'].includes(stack.jobs!.job(job).state), 'the job to be processed by the daemon', 60_000);
  const health = (await (await fetch(`${url}/health`)).json()) as { mode: string; version: string };
  assert.equal(health.mode, 'addon');
  const metrics = await (await fetch(`${url}/metrics`)).text();
  assert.match(metrics, /odoo_ocr_documents_total\{[^}]*outcome="(done|review)"\} [1-9]/);
  daemon.child.kill('SIGTERM');
  const run = await daemon.done;
  assert.equal(run.code, 0, run.stderr.slice(-2000));
  assert.match(run.stderr, /"message":"worker stopped"/);
  assert.ok(!run.stderr.includes(stack.fake.apiKey), 'the API key never reaches the log');
});
