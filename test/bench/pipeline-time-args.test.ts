// bench/pipeline-time.ts's flags: `--help` prints the usage and runs nothing, an unknown flag is refused. Before, the
// bench ignored any flag it did not know, `--help` included, and ran its default sample (real OCR of holdout documents,
// minutes on a loaded machine) instead of saying how it is used.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { benchArgs, usage } from '../../bench/pipeline-time.js';

test('the flags are read with their values; --help and --compiled stand alone', () => {
  const a = benchArgs(['--sample', 'tune', '--compiled', '--folders', 'sroie,receipts7']);
  assert.equal(a.value('--sample'), 'tune');
  assert.equal(a.value('--folders'), 'sroie,receipts7');
  assert.equal(a.value('--base'), undefined);
  assert.ok(a.has('--compiled'));
  assert.ok(!a.has('--help'));
  assert.ok(benchArgs(['--help']).has('--help'));
});

test('an unknown flag, or a flag without its value, is refused rather than ignored', () => {
  assert.throws(() => benchArgs(['--hlep']), /unknown argument "--hlep"/);
  assert.throws(() => benchArgs(['--sample', 'tune', 'extra']), /unknown argument "extra"/);
  assert.throws(() => benchArgs(['--n']), /--n needs a value/);
  assert.throws(() => benchArgs(['--base', '--compiled']), /--base needs a value/);
});

test('--help prints the usage (the file head) and runs no document', () => {
  assert.match(usage(), /^npm run -s bench:pipeline-time -- \[--base COMMIT\]/);
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/pipeline-time.ts', '--help'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /#13's time bound/);
  assert.doesNotMatch(run.stdout, /pipeline time: this tree vs/);
});
