import { createHash } from 'node:crypto';
import { shippedTable } from '../pipeline/confidence/calibrate.js';
import { connectionConfigOf, type WorkerConfig } from '../config.js';
import type { Readiness } from '../http.js';
import type { Logger } from '../log.js';
import { createMetrics, type WorkerMetrics } from '../metrics.js';
import type { OdooClient } from '../odoo/types.js';
import type { WritePolicy } from '../writeback/types.js';
import type { VendorMemory } from '../memory/index.js';
import { VERSION } from '../version.js';
import { AddonSource } from './addon-source.js';
import { AddonlessSource } from './addonless-source.js';
import { retryDelay, sleep } from './backoff.js';
import { describeError, isRetryable } from './errors.js';
import { ledgerScope, openLedger, type Ledger } from './ledger.js';
import { AddonFeed, LedgerFeed, PostedLearner } from './memory-learner.js';
import { OdooGate } from './odoo-gate.js';
import { ResultCache } from './result-cache.js';
import type { WorkerScanner } from './document-reader.js';
import { Worker } from './runner.js';
import { openStateDb, type StateDb } from './state-db.js';
import { JOB_MODEL, type WorkerMode, type WorkSource, type WriteBack } from './types.js';

// Assembles a worker from its configuration: connector, mode, SQLite state, scanner, write-back. Everything with
// side effects can be injected, which is how the end-to-end tests run the real loop against a fake Odoo.

export interface RuntimeDeps {
  logger: Logger;
  /** Opens the Odoo connection (default: the connector's connectOdoo). */
  connect?: (config: WorkerConfig, logger: Logger) => Promise<OdooClient>;
  /** The scanner (default: createScanner from the pipeline, loading the OCR pool in the background). */
  scanner?: WorkerScanner;
  writeback?: WriteBack;
  metrics?: WorkerMetrics;
  /** Aborts the wait for Odoo at start-up. */
  signal?: AbortSignal;
  /** Give up connecting after this many failed tries (default: never, a daemon waits for Odoo). */
  maxConnectAttempts?: number;
}

export interface WorkerRuntime {
  worker: Worker;
  gate: OdooGate;
  mode: WorkerMode;
  source: WorkSource;
  stateDb: StateDb;
  cache: ResultCache | null;
  ledger: Ledger | null;
  metrics: WorkerMetrics;
  /** Learns from validated records (VENDOR_MEMORY): run by the daemon every poll interval and by sync --once. */
  learner: PostedLearner | null;
  /** Stops nothing in flight: call worker.stop() first. Closes scanner, connection and database. */
  close(): Promise<void>;
}

export function writePolicyOf(config: WorkerConfig): WritePolicy {
  return {
    overwrite: config.writePolicy.overwrite,
    writeThreshold: config.writePolicy.writeThreshold,
    activateCurrencies: config.writePolicy.activateCurrencies,
    defaultExpenseProductId: config.writePolicy.defaultExpenseProductId ?? null,
    purchaseJournalId: config.writePolicy.purchaseJournalId ?? null,
    createBankAccounts: config.writePolicy.createBankAccounts,
    createVendors: config.writePolicy.createVendors,
    writeDoneQuantities: config.writePolicy.writeDoneQuantities,
  };
}

/** Scanner settings that change results: part of the cache key so a config change never serves stale results. */
export function scanProfile(config: WorkerConfig): string {
  const parts = [VERSION, (config.ocr.langs ?? ['default']).join('+'), `engine:${config.ocr.engine}`, config.ocr.imageLook ? 'look' : 'nolook', `engine-look:${config.ocr.engineLook}`,
    config.ocr.noEmbedded ? 'noxml' : 'xml', config.llm ? `llm:${config.llm.model}:${config.llm.mode}` : 'nollm',
    // a refitted calibration table changes every confidence
    createHash('sha256').update(JSON.stringify(shippedTable())).digest('hex').slice(0, 12)];
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 16);
}

export async function resolveMode(configured: WorkerConfig['mode'], client: OdooClient): Promise<WorkerMode> {
  if (configured === 'addon' || configured === 'addonless') return configured;
  return (await client.hasModel(JOB_MODEL)) ? 'addon' : 'addonless';
}

/** Connects, retrying with backoff while Odoo is unreachable; bad credentials and config errors fail at once. */
export async function connectWithRetry(config: WorkerConfig, deps: RuntimeDeps, connect: NonNullable<RuntimeDeps['connect']>): Promise<OdooClient> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect(config, deps.logger);
    } catch (err) {
      if (!isRetryable(err) || (deps.maxConnectAttempts !== undefined && attempt >= deps.maxConnectAttempts)) throw err;
      const delay = retryDelay(attempt, config.retry, 0.2);
      deps.logger.warn('Odoo unreachable; waiting before the next try', { attempt, delayMs: delay, error: describeError(err) });
      if (!(await sleep(delay, deps.signal))) throw err;
    }
  }
}

export async function defaultConnect(config: WorkerConfig, logger: Logger): Promise<OdooClient> {
  const { connectOdoo } = await import('../odoo/index.js');
  return connectOdoo({
    ...connectionConfigOf(config),
    // The worker's gate bounds concurrency and owns the retry policy (RETRY_*); the connector only re-authenticates.
    maxConcurrency: config.odooConcurrency,
    retries: 0,
    logger,
  });
}

export async function defaultScanner(config: WorkerConfig): Promise<WorkerScanner> {
  const { createScanner } = await import('../pipeline/scan.js');
  let llm = null;
  if (config.llm) {
    const { createLlmClient } = await import('../pipeline/llm/index.js');
    llm = createLlmClient(config.llm);
  }
  return createScanner({
    langs: config.ocr.langs,
    ocrEngine: config.ocr.engine,
    noEmbedded: config.ocr.noEmbedded,
    imageLook: config.ocr.imageLook,
    engineLook: config.ocr.engineLook,
    ocrWorkers: config.ocr.concurrency,
    limits: config.limits,
    llm,
    writeThreshold: config.writePolicy.writeThreshold,
  });
}

export async function defaultWriteBack(): Promise<WriteBack> {
  const { prepareWriteBack, applyWriteBack } = await import('../writeback/index.js');
  return { prepare: prepareWriteBack, apply: applyWriteBack };
}

export async function createWorkerRuntime(config: WorkerConfig, deps: RuntimeDeps): Promise<WorkerRuntime> {
  const metrics = deps.metrics ?? createMetrics();
  // The scanner first: its OCR pool loads while we wait for Odoo.
  const scanner = deps.scanner ?? (await defaultScanner(config));
  const writeback = deps.writeback ?? (await defaultWriteBack());
  let client: OdooClient | null = null;
  let stateDb: StateDb | null = null;
  try {
    client = await connectWithRetry(config, deps, deps.connect ?? defaultConnect);
    const gate = new OdooGate(client, { concurrency: config.odooConcurrency, retry: config.retry, metrics, logger: deps.logger, signal: deps.signal });
    const mode = await resolveMode(config.mode, gate);
    stateDb = openStateDb(config.stateDir);
    const policy = writePolicyOf(config);
    let ledger: Ledger | null = null;
    let source: WorkSource;
    if (mode === 'addon') {
      source = new AddonSource(gate, {
        workerId: config.workerId, leaseSeconds: config.leaseSeconds, channels: config.channels, version: VERSION, claimFileBytes: config.poll.claimFileBytes,
      });
    } else {
      ledger = openLedger(stateDb, config, (message, meta) => deps.logger.warn(message, meta));
      const recovered = ledger.recoverInterrupted(config.maxAttempts);
      if (recovered) deps.logger.warn('resuming documents interrupted by the previous run', { documents: recovered });
      source = new AddonlessSource(gate, ledger, {
        workerId: config.workerId, models: config.addonless.models, inboxResModel: config.addonless.inboxResModel,
        inboxResId: config.addonless.inboxResId, maxAttempts: config.maxAttempts, retry: config.retry, policy, apply: writeback.apply,
        shard: config.addonless.shard, holdSeconds: config.leaseSeconds, pollFileBytes: config.poll.claimFileBytes,
      });
    }
    const scope = ledgerScope(config.odoo.url, config.odoo.db); // the addon-less state of this database (ledger, memory)
    const memory = config.vendorMemory ? await openVendorMemory(mode, gate, stateDb, scope, deps.logger) : null;
    // with the memory on, a result depends on what the vendor's profile has learned since: no result cache then
    const cache = config.resultCache && !memory ? new ResultCache(stateDb, scanProfile(config)) : null;
    const learner = memory
      ? new PostedLearner({
        odoo: gate, memory, logger: deps.logger, scan: (data, name, call) => scanner.scanBuffer(data, name, call),
        feed: mode === 'addon' ? new AddonFeed(gate) : new LedgerFeed(stateDb, gate, scope),
      })
      : null;
    const worker = new Worker({
      source, gate, scanner, writeBack: { prepare: writeback.prepare, policy }, logger: deps.logger, metrics, cache, memory,
      workerId: config.workerId, ocrConcurrency: config.ocr.concurrency, batchSize: config.poll.batchSize,
      leaseSeconds: config.leaseSeconds, maxBytes: config.limits.maxBytes, pollIntervalSeconds: config.poll.intervalSeconds,
      pollJitter: config.poll.jitter, cron: config.poll.cron, retry: config.retry, version: VERSION,
    });
    deps.logger.info('worker ready to poll', { mode, workerId: config.workerId, transport: client.transport });
    const db = stateDb;
    return {
      worker, gate, mode, source, stateDb: db, cache, ledger, metrics, learner,
      async close() {
        await scanner.close?.();
        gate.close();
        db.close();
      },
    };
  } catch (err) {
    await scanner.close?.();
    client?.close();
    stateDb?.close();
    throw err;
  }
}

/** The store of vendor profiles: the addon's ocr.vendor.profile (an addon without it: no memory), else SQLite. */
async function openVendorMemory(mode: WorkerMode, gate: OdooGate, db: StateDb, scope: string, logger: Logger): Promise<VendorMemory | null> {
  const { VendorMemory } = await import('../memory/index.js');
  if (mode === 'addonless') {
    const { SqliteProfileStore } = await import('../memory/sqlite-store.js');
    return new VendorMemory(new SqliteProfileStore(db, scope));
  }
  const { OdooProfileStore, PROFILE_MODEL } = await import('../memory/odoo-store.js');
  if (!(await gate.hasModel(PROFILE_MODEL))) {
    logger.warn('the addon has no ocr.vendor.profile (older than 17.0.1.2.0): vendor memory is off');
    return null;
  }
  return new VendorMemory(new OdooProfileStore(gate));
}

/** What /ready says before the runtime exists (connecting to Odoo, loading). */
export function startingReadiness(reason: string): Readiness {
  return { ready: false, reasons: [reason] };
}
