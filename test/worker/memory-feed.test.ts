import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OdooNotFoundError } from '../../src/odoo/errors.js';
import { AddonFeed } from '../../src/worker/memory-learner.js';

// The worker account may not write ocr.job rows (the addon's access rules): a job learned from leaves the queue
// through the addon's worker API, else it would be learned again at every poll (counting one posting many times).
test('addon feed: a learned job is marked through ocr.job.learned, by a direct write only on an older addon', async () => {
  const calls: string[] = [];
  const odoo = (hasMethod: boolean) => ({
    async call(model: string, method: string, spec: { kwargs: Record<string, unknown> }) {
      if (!hasMethod) throw new OdooNotFoundError(`${model}.${method} does not exist`);
      calls.push(`${model}.${method}(${JSON.stringify(spec.kwargs)})`);
      return 1;
    },
    async write(model: string, ids: number[], values: Record<string, unknown>) {
      calls.push(`${model}.write(${JSON.stringify(ids)}, ${JSON.stringify(values)})`);
      return true;
    },
  });
  const rec = { resModel: 'account.move' as const, resId: 5, attachmentId: 9, companyId: 1, jobId: 42 };
  await new AddonFeed(odoo(true) as never).learned(rec, true);
  await new AddonFeed(odoo(false) as never).learned(rec, false);
  assert.deepEqual(calls, ['ocr.job.learned({"job_ids":[42],"ok":true})', 'ocr.job.write([42], {"learn_state":"skipped"})']);
});
