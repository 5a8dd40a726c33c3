import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseTurn } from '../../src/pipeline/read.js';

// The choice among a badly read page's turns (read.ts readUpright): pure, so its order-independence is testable
// without OCR; the real turns are read by read.test.ts on real scans.
const reading = (rotation: number, confidence: number, chars: number) => ({
  rotation, output: { text: 'x'.repeat(chars), confidence, lines: [] },
});

test('the best turn wins whatever order the turns were proposed in', () => {
  const upright = reading(0, 40, 100);
  const a = reading(90, 46, 100); // beats the upright by more than the margin
  const b = reading(180, 50, 100); // beats it by more, but not by the margin over a
  assert.equal(chooseTurn(upright, [a, b]).rotation, 180);
  assert.equal(chooseTurn(upright, [b, a]).rotation, 180);
});

test('a turn must beat the upright reading by the margin', () => {
  const upright = reading(0, 50, 100);
  assert.equal(chooseTurn(upright, [reading(180, 53, 100)]).rotation, 0, 'a 6 % lead is noise');
  assert.equal(chooseTurn(upright, [reading(180, 60, 100)]).rotation, 180);
  assert.equal(chooseTurn(upright, []).rotation, 0);
});

test('equal turns: the smaller turn, in any order', () => {
  const upright = reading(0, 10, 10);
  assert.equal(chooseTurn(upright, [reading(270, 60, 100), reading(90, 60, 100)]).rotation, 90);
  assert.equal(chooseTurn(upright, [reading(90, 60, 100), reading(270, 60, 100)]).rotation, 90);
});
