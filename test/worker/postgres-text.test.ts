// What the addon stores (ocr.job.result, the values) must hold no U+0000: PostgreSQL refuses it in text and JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withoutNul } from '../../src/worker/postgres-text.js';

test('every U+0000 is removed from strings, nested ones and keys; other values are kept', () => {
  const result = { text: 'Rechnung\u0000\nVielen Dank', pages: [{ lines: [{ text: '\u0000A' }] }], total: 17, ok: true, none: null, 'k\u0000': 'v' };
  assert.deepEqual(withoutNul(result), { text: 'Rechnung\nVielen Dank', pages: [{ lines: [{ text: 'A' }] }], total: 17, ok: true, none: null, k: 'v' });
  assert.equal(result.text, 'Rechnung\u0000\nVielen Dank', 'the original is not changed');
  assert.doesNotMatch(JSON.stringify(withoutNul(result)), /\\u0000/);
});
