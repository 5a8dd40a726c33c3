import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentDeadline, untilAborted, watchedByMany } from '../../src/pipeline/timeout.js';

// A receipt's page OCR, its second looks and up to four total-line re-reads all wait on the document's signal at
// once; Node warned "MaxListenersExceededWarning: 11 abort listeners" for what is no leak.
test('a document signal watched by many OCR calls at once raises no MaxListenersExceededWarning', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);
  process.on('warning', onWarning);
  try {
    const deadline = documentDeadline(60_000);
    const derived = watchedByMany(AbortSignal.any([deadline.signal, new AbortController().signal]));
    const waits = [deadline.signal, derived].flatMap((signal) => Array.from({ length: 20 }, () => untilAborted(new Promise((r) => setTimeout(r, 5)), signal)));
    await Promise.all(waits);
    deadline.clear();
    await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    assert.deepEqual(warnings.filter((w) => w === 'MaxListenersExceededWarning'), []);
  } finally {
    process.off('warning', onWarning);
  }
});
