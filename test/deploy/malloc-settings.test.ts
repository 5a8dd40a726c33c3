// The allocator settings are part of how the worker is deployed, and both deployments (the Docker image, the systemd
// unit) must run the same allocator: its peak RSS and its CPU (page faults of buffers above the mmap threshold,
// mapped in huge pages by the tunable) were measured with these settings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fromRoot } from '../../src/paths.js';

const ALLOCATOR = /^(MALLOC_\w+|GLIBC_TUNABLES)$/;

/** NAME=value pairs of a text of `KEY=value` words (an ENV instruction, systemd Environment= lines). */
function allocatorSettings(words: string[]): Record<string, string> {
  const pairs = words.map((w) => w.split('=')).filter(([key]) => ALLOCATOR.test(key ?? ''));
  return Object.fromEntries(pairs.map(([key, ...value]) => [key!, value.join('=')]));
}

test('the Docker image and the systemd unit run the same glibc allocator settings, huge pages included', () => {
  const dockerfile = readFileSync(fromRoot('Dockerfile'), 'utf8');
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const envWords = [...finalStage.replace(/\\\n/g, ' ').matchAll(/^ENV (.*)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
  const unit = readFileSync(fromRoot('deploy', 'odoo-ocr-worker.service'), 'utf8');
  const unitWords = [...unit.matchAll(/^Environment=(.*)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
  const image = allocatorSettings(envWords);
  assert.deepEqual(allocatorSettings(unitWords), image);
  assert.equal(image.GLIBC_TUNABLES, 'glibc.malloc.hugetlb=1');
  assert.equal(image.MALLOC_MMAP_THRESHOLD_, '1048576');
});
