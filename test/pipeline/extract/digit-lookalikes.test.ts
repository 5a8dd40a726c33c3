import { test } from 'node:test';
import assert from 'node:assert/strict';
import { digitLookalikes } from '../../../src/pipeline/extract/digit-lookalikes.js';

test('digitLookalikes gives each asked glyph its digit', () => {
  assert.deepEqual(digitLookalikes('OIZSGB'), { O: '0', I: '1', Z: '2', S: '5', G: '6', B: '8' });
  // the Greek and Cyrillic capitals an engine with those alphabets reads for 0 and 7
  assert.deepEqual(digitLookalikes('\u039F\u041E\u03A4\u0422'), { '\u039F': '0', '\u041E': '0', '\u03A4': '7', '\u0422': '7' });
});

test('digitLookalikes refuses a glyph no digit looks like, so a typo in a reader\'s list fails at load', () => {
  assert.throws(() => digitLookalikes('OX'), /no digit looks like 'X'/);
});
