import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { PACKAGE_ROOT } from '../../src/paths.js';

// A line re-read of a thin crop made Tesseract print "Image too small to scale!!" / "Invalid resolution" on the
// process's stderr, between the worker's log lines. The pool's workers write their diagnostics nowhere.
test('OCR of a tiny, blob-only line prints nothing on stderr', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(PACKAGE_ROOT, 'test/support/ocr-tiny-line.ts')], {
    cwd: PACKAGE_ROOT, encoding: 'utf8', timeout: 120_000,
  });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'done');
  assert.equal(run.stderr, '', 'Tesseract diagnostics reached stderr');
});
