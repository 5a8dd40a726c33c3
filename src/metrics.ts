import client from 'prom-client';

// Prometheus metrics of one worker process. Each WorkerMetrics owns its registry, so tests and several workers in
// one process (the benchmark) never collide on metric names.

export type Outcome = 'done' | 'review' | 'failed' | 'retry' | 'released' | 'lost';

export interface WorkerMetrics {
  readonly registry: client.Registry;
  documents: client.Counter<'doc_type' | 'outcome'>;
  ocrSeconds: client.Histogram<'source'>;
  endToEndSeconds: client.Histogram<'outcome'>;
  rpcSeconds: client.Histogram<'model' | 'method'>;
  rpcErrors: client.Counter<'model' | 'method' | 'kind'>;
  cacheHits: client.Counter<string>;
  queueDepth: client.Gauge<'queue'>;
  inFlight: client.Gauge<string>;
  reviewRate: client.Gauge<string>;
  polls: client.Counter<'result'>;
  /** Counts an outcome and keeps the review rate (review / (done + review)) current. */
  recordOutcome(docType: string | null | undefined, outcome: Outcome): void;
}

const SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80, 160];
const RPC_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(opts: { collectDefaults?: boolean } = {}): WorkerMetrics {
  const registry = new client.Registry();
  if (opts.collectDefaults !== false) client.collectDefaultMetrics({ register: registry, prefix: 'odoo_ocr_' });
  const registers = [registry];

  let done = 0;
  let review = 0;
  const metrics: WorkerMetrics = {
    registry,
    documents: new client.Counter({
      name: 'odoo_ocr_documents_total', help: 'Documents finished, by document type and outcome',
      labelNames: ['doc_type', 'outcome'], registers,
    }),
    ocrSeconds: new client.Histogram({
      name: 'odoo_ocr_scan_seconds', help: 'Time to read and extract one document', labelNames: ['source'],
      buckets: SECONDS_BUCKETS, registers,
    }),
    endToEndSeconds: new client.Histogram({
      name: 'odoo_ocr_job_seconds', help: 'From claim to write-back, per document', labelNames: ['outcome'],
      buckets: SECONDS_BUCKETS, registers,
    }),
    rpcSeconds: new client.Histogram({
      name: 'odoo_ocr_odoo_rpc_seconds', help: 'Latency of Odoo RPCs', labelNames: ['model', 'method'],
      buckets: RPC_BUCKETS, registers,
    }),
    rpcErrors: new client.Counter({
      name: 'odoo_ocr_odoo_rpc_errors_total', help: 'Failed Odoo RPCs (kind: retryable or fatal)',
      labelNames: ['model', 'method', 'kind'], registers,
    }),
    cacheHits: new client.Counter({ name: 'odoo_ocr_result_cache_hits_total', help: 'Documents answered from the sha256 result cache', registers }),
    queueDepth: new client.Gauge({ name: 'odoo_ocr_queue_depth', help: 'Tasks waiting per queue (ocr, odoo)', labelNames: ['queue'], registers }),
    inFlight: new client.Gauge({ name: 'odoo_ocr_jobs_in_flight', help: 'Jobs held by this worker', registers }),
    reviewRate: new client.Gauge({ name: 'odoo_ocr_review_rate', help: 'Share of finished documents sent to review', registers }),
    polls: new client.Counter({ name: 'odoo_ocr_polls_total', help: 'Polls for work by result (work, idle, error)', labelNames: ['result'], registers }),
    recordOutcome(docType, outcome) {
      metrics.documents.inc({ doc_type: docType ?? 'unknown', outcome });
      if (outcome === 'done') done++;
      if (outcome === 'review') review++;
      if (done + review > 0) metrics.reviewRate.set(review / (done + review));
    },
  };
  return metrics;
}
