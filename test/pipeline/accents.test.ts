import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutAccents } from '../../src/pipeline/accents.js';

test('withoutAccents drops every combining mark, ligatures and full-width forms split', () => {
  assert.equal(withoutAccents('Café'), 'Cafe');
  assert.equal(withoutAccents('ﬁnal ＡＢＣ'), 'final ABC');
  // A mark of the Combining Diacritical Marks Supplement (U+1DC0–U+1DFF), outside the basic U+0300–U+036F range.
  assert.equal(withoutAccents('a\u1DC4b'), 'ab');
});

