import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateScanResult } from '../../src/contract-schema.js';

// `odoo-ocr scan` as users and scripts run it: a child process, JSON Lines on stdout, exit codes.
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = ['bin/odoo-ocr.js', 'scan'];
const run = (args: string[], wrap?: string[]) => {
  const argv = [...(wrap ?? []), process.execPath, ...cli, ...args];
  return spawnSync(argv[0], argv.slice(1), { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, OCR_LANGS: 'eng' } });
};

test('--json prints one valid JSON line per file, in order, and exits 1 when one file fails', () => {
  const files = ['fixtures/documents/ubl/en16931__ubl-tc434-example9.xml', 'fixtures/engine/random.bin', 'fixtures/documents/oca-pdf/oca-edi__akretion_france-test.pdf'];
  const res = run(['--json', ...files]);
  assert.equal(res.status, 1, res.stderr);
  const lines = res.stdout.trim().split('\n');
  assert.equal(lines.length, 3);
  const results = lines.map((l) => JSON.parse(l));
  assert.deepEqual(results.map((r) => r.file), files);
  for (const r of results) assert.ok(validateScanResult(r).ok);
  assert.equal(results[1].error.code, 'UNSUPPORTED_TYPE');
  assert.equal(results[2].source, 'pdf-text');
});

test('the table view shows fields and real text, exit 0 when all files are read', () => {
  const res = run(['fixtures/documents/oca-pdf/oca-edi__akretion_france-test.pdf']);
  assert.equal(res.status, 0, res.stderr);
  assert.match(res.stdout, /source\s+pdf-text/);
  assert.match(res.stdout, /Akretion/);
});

// OCR language data must come from npm packages: run a real OCR scan in a network namespace with only loopback.
test('scanning works with no network at all', (t) => {
  const probe = spawnSync('unshare', ['-n', 'true']);
  if (probe.status !== 0) {
    t.skip('unshare -n is not permitted here (needs root); CI runs as root');
    return;
  }
  const res = run(['--json', '--lang', 'eng+deu', 'fixtures/engine/receipt.webp'], ['unshare', '-n']);
  assert.equal(res.status, 0, res.stderr);
  const result = JSON.parse(res.stdout);
  assert.equal(result.source, 'ocr');
  assert.match(result.text, /TAMAN DAYA/);
});

// zxing-wasm fetches its .wasm from a CDN unless given the bytes: QR decoding must work with no network too.
test('payment QR codes are decoded with no network at all (the WASM comes from node_modules)', (t) => {
  const probe = spawnSync('unshare', ['-n', 'true']);
  if (probe.status !== 0) {
    t.skip('unshare -n is not permitted here (needs root); CI runs as root');
    return;
  }
  const res = run(['--json', 'fixtures/documents/qr/epc-gen-01-v002-rf.pdf'], ['unshare', '-n']);
  assert.equal(res.status, 0, res.stderr);
  const result = JSON.parse(res.stdout);
  assert.equal(result.payment_codes?.[0]?.valid, true, res.stderr);
  assert.equal(result.fields.iban.value, 'DE89370400440532013000');
  assert.doesNotMatch(res.stderr, /fetch|wasm/i);
});

test('scan reads MAX_*, DOC_TIMEOUT_SECONDS and WRITE_THRESHOLD through the settings table: applied, and a wrong value exits 2', () => {
  const withEnv = (env: Record<string, string>, file = 'fixtures/documents/oca-pdf/oca-edi__akretion_france-test.pdf') =>
    spawnSync(process.execPath, [...cli, '--json', file], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, OCR_LANGS: 'eng', ...env } });
  // 163 kB, above a limit of 0.1 MB
  const tooSmall = withEnv({ MAX_FILE_MB: '0.1' }, 'fixtures/documents/facturx/ZUGFeRDv1__correct__Mustangproject__MustangGnuaccountingBeispielRE-20151008_504new.pdf');
  assert.equal(tooSmall.status, 1, tooSmall.stderr);
  assert.equal(JSON.parse(tooSmall.stdout).error.code, 'TOO_LARGE', 'MAX_FILE_MB applies to scan as to the worker');
  const strict = withEnv({ WRITE_THRESHOLD: '1' });
  assert.equal(strict.status, 0, strict.stderr);
  assert.ok(Object.values(JSON.parse(strict.stdout).fields).every((f: any) => f.write !== true), 'nothing passes a threshold of 1');
  const wrong = withEnv({ MAX_PAGES: 'many', DOC_TIMEOUT_SECONDS: '0' });
  assert.equal(wrong.status, 2);
  assert.equal(wrong.stdout, '', 'no file is read');
  assert.match(wrong.stderr, /MAX_PAGES: must be an integer/);
  assert.match(wrong.stderr, /DOC_TIMEOUT_SECONDS/);
});

test('learn: a truth file that cannot be read exits 2 with one line, no stack trace, and no memory file', () => {
  const memory = `${process.env.TMPDIR ?? '/tmp'}/learn-${process.pid}-missing.json`;
  const argv = [process.execPath, 'bin/odoo-ocr.js', 'learn', 'fixtures/documents/ubl/en16931__ubl-tc434-example9.xml', '--truth', 'no-such-truth.json', '--memory', memory];
  const res = spawnSync(argv[0], argv.slice(1), { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.equal(res.status, 2, res.stderr);
  assert.match(res.stderr, /^odoo-ocr learn: truth file no-such-truth\.json is unreadable/);
  assert.doesNotMatch(res.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(spawnSync('test', ['-e', memory]).status, 1, 'nothing written');
});
