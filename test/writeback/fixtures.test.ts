import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { validateScanResult } from '../../src/contract-schema.js';

// The write-back's inputs must be real `scan --json` results, or its tests prove nothing about the worker.
describe('fixtures/writeback', () => {
  const dir = new URL('../../fixtures/writeback/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.scan.json'));
  it('has scan results', () => assert.ok(files.length >= 4));
  for (const file of files) {
    it(`${file} follows the scan-result schema`, () => {
      const { ok, errors } = validateScanResult(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
      assert.ok(ok, errors.join('; '));
    });
  }
});
