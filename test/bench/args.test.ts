// A bench's command line is checked (bench/args.ts): an unknown flag or a stray argument stops the bench instead of
// running its default, which for bench:memory read the holdout split.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkArgs, headComment } from '../../bench/args.js';
import { MEMORY_BENCH_FLAGS } from '../../bench/memory.js';

const spec = { values: ['--split', '--only'], switches: ['--help', '--verbose'] };

test('values, switches and positional arguments are read as given', () => {
  const a = checkArgs(['dir1', '--split', 'tune', '--verbose', 'dir2'], { ...spec, positional: true });
  assert.equal(a.value('--split'), 'tune');
  assert.equal(a.value('--only'), undefined);
  assert.ok(a.has('--verbose'));
  assert.ok(!a.has('--help'));
  assert.deepEqual(a.positional, ['dir1', 'dir2']);
});

test('an unknown flag, a stray argument or a value flag without its value throws, naming it', () => {
  assert.throws(() => checkArgs(['--hlep'], spec), /unknown argument "--hlep"/);
  assert.throws(() => checkArgs(['dir1'], spec), /unknown argument "dir1"/);
  assert.throws(() => checkArgs(['--split'], spec), /--split needs a value/);
  assert.throws(() => checkArgs(['--split', '--verbose'], spec), /--split needs a value/);
});

test("bench:memory takes --help and refuses what it does not know", () => {
  assert.ok(checkArgs(['--help'], MEMORY_BENCH_FLAGS).has('--help'));
  assert.deepEqual(checkArgs(['/corpus', '--split', 'tune', '--half', 'design'], MEMORY_BENCH_FLAGS).positional, ['/corpus']);
  assert.throws(() => checkArgs(['--splt', 'tune'], MEMORY_BENCH_FLAGS), /unknown argument "--splt"/);
});

test('the usage is the head comment of the bench file', () => {
  const usage = headComment(new URL('../../bench/memory.ts', import.meta.url).href);
  assert.match(usage, /^Vendor memory benchmark/);
  assert.match(usage, /--help/);
  assert.doesNotMatch(usage, /^import/m);
});
