import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lanes } from '../../src/pipeline/ocr/lanes.js';

// The OCR pool's worker choice: large images only on the first worker (the large lane), so only one worker's WASM
// heap ever grows to a full page; small ones anywhere.

const LARGE = 10;
const tick = () => new Promise((resolve) => setImmediate(resolve));

function pool(workers: string[]) {
  const lanes = new Lanes<string>(LARGE);
  for (const w of workers) lanes.add(w);
  return lanes;
}

test('large images are read by the large lane only, one at a time', async () => {
  const lanes = pool(['lane', 'small']);
  const first = await lanes.acquire(LARGE + 1);
  assert.equal(first, 'lane');
  let second: string | null = null;
  void lanes.acquire(LARGE + 1).then((w) => (second = w));
  await tick();
  assert.equal(second, null, 'the small worker does not take a large image');
  assert.equal(lanes.queued, 1);
  lanes.release(first);
  await tick();
  assert.equal(second, 'lane');
});

test('small images prefer the small workers and use the lane when no large image waits', async () => {
  const lanes = pool(['lane', 'small']);
  assert.equal(await lanes.acquire(1), 'small');
  assert.equal(await lanes.acquire(1), 'lane');
  assert.equal(lanes.busy, 2);
});

test('a waiting large image keeps the lane from small ones, which wait for a small worker', async () => {
  const lanes = pool(['lane', 'small']);
  const small = await lanes.acquire(1);
  const lane = await lanes.acquire(1);
  const order: string[] = [];
  void lanes.acquire(LARGE + 1).then((w) => order.push(`large:${w}`));
  void lanes.acquire(1).then((w) => order.push(`small:${w}`));
  lanes.release(lane);
  await tick();
  assert.deepEqual(order, ['large:lane']);
  lanes.release(small);
  await tick();
  assert.deepEqual(order, ['large:lane', 'small:small']);
});

test('a pool of one reads everything on its only worker, in turn', async () => {
  const lanes = pool(['only']);
  const a = await lanes.acquire(LARGE + 1);
  let b: string | null = null;
  void lanes.acquire(1).then((w) => (b = w));
  await tick();
  assert.equal(b, null);
  lanes.release(a);
  await tick();
  assert.equal(b, 'only');
  assert.equal(lanes.busy, 1);
});
