import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { test } from 'node:test';
import { sleep } from '../../src/worker/backoff.js';

test('many sleeps on one signal add one abort listener, not one each, and all wake when it aborts', async () => {
  const stop = new AbortController();
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    const sleeping = Array.from({ length: 40 }, () => sleep(60_000, stop.signal));
    assert.equal(getEventListeners(stop.signal, 'abort').length, 1);
    const short = await sleep(5, stop.signal);
    assert.equal(short, true, 'a sleep that ends by itself says so');
    stop.abort();
    assert.deepEqual(await Promise.all(sleeping), Array(40).fill(false));
    assert.equal(await sleep(10, stop.signal), false, 'an aborted signal: no wait');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(warnings.filter((w) => w.name === 'MaxListenersExceededWarning'), []);
  } finally {
    process.off('warning', onWarning);
  }
});
