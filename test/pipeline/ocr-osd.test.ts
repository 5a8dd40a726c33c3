import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { OrientationDetector } from '../../src/pipeline/ocr/osd.js';

// The legacy-engine worker behind orientation detection (≈80 MB) is started on use and stopped when idle.

const upsideDown = readFileSync(new URL('../../fixtures/engine/receipt-upside-down.jpg', import.meta.url));

test('the OSD worker starts on first use, serves a burst, and stops after its idle time', async () => {
  const osd = new OrientationDetector(300);
  assert.equal(osd.loaded, false);
  try {
    // (what OSD answers on receipt print is not the point: read.ts only takes it as a proposal)
    const [a, b] = await Promise.all([osd.detect(upsideDown), osd.detect(upsideDown)]);
    assert.ok(a && [0, 90, 180, 270].includes(a.degrees), JSON.stringify(a));
    assert.deepEqual(b, a);
    assert.equal(osd.loaded, true, 'kept for the idle time');
    await sleep(1_000);
    assert.equal(osd.loaded, false, 'stopped when idle');
    assert.deepEqual(await osd.detect(upsideDown), a, 'started again on the next use');
  } finally {
    await osd.close();
  }
  assert.equal(osd.loaded, false);
});
