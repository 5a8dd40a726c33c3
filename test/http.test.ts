import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startHttpServer } from '../src/http.js';
import { createMetrics } from '../src/metrics.js';

test('/live answers at once, /ready follows readiness, /health is JSON, /metrics is Prometheus text', async () => {
  let ready = false;
  const metrics = createMetrics({ collectDefaults: false });
  metrics.recordOutcome('invoice', 'done');
  metrics.recordOutcome('receipt', 'review');
  const server = await startHttpServer({
    port: 0,
    readiness: () => ({ ready, reasons: ready ? [] : ['ocr pool loading'] }),
    health: () => ({ version: '1.2.3', mode: 'addon' }),
    registry: metrics.registry,
  });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await fetch(`${server.url}/live`)).status, 200);
    const notReady = await fetch(`${server.url}/ready`);
    assert.equal(notReady.status, 503);
    assert.deepEqual((await notReady.json()).reasons, ['ocr pool loading']);
    ready = true;
    assert.equal((await fetch(`${server.url}/ready`)).status, 200);
    assert.deepEqual(await (await fetch(`${server.url}/health`)).json(), { version: '1.2.3', mode: 'addon' });
    const prom = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(prom, /odoo_ocr_documents_total\{doc_type="invoice",outcome="done"\} 1/);
    assert.match(prom, /odoo_ocr_review_rate 0\.5/);
    assert.equal((await fetch(`${server.url}/nope`)).status, 404);
    assert.equal((await fetch(`${server.url}/live`, { method: 'POST' })).status, 405);
  } finally {
    await server.close();
  }
});
