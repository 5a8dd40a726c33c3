#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's test runner (Node 20's --test takes no globs), one file at a time so the
// OCR-heavy files do not compete for the two cores. `npm test -- test/odoo` narrows to a folder or file.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function collect(target) {
  if (statSync(target).isFile()) return target.endsWith('.test.ts') ? [target] : [];
  return readdirSync(target)
    .filter((name) => !name.startsWith('.') && name !== 'node_modules' && name !== 'fixtures')
    .sort()
    .flatMap((name) => collect(path.join(target, name)));
}

const targets = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const files = targets.flatMap(collect);
if (!files.length) {
  console.error(`no test files under ${targets.join(', ')}`);
  process.exit(1);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=tap', '--test-reporter-destination=stdout',
  `--test-reporter=${new URL('./failures-reporter.mjs', import.meta.url).href}`, '--test-reporter-destination=stderr', ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
