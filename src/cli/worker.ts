import type { Command } from 'commander';
import { startHttpServer, type RunningHttpServer } from '../http.js';
import { createMetrics } from '../metrics.js';
import { VERSION } from '../version.js';
import { EXIT_OK, loadCommandConfig, onShutdownSignal, runCommand } from './run-command.js';
import { createWorkerRuntime, startingReadiness, type WorkerRuntime } from '../worker/runtime.js';
import { registerRerunCommand } from './rerun.js';
import { registerStatusCommand } from './status.js';
import { registerSyncCommand } from './sync.js';

// `odoo-ocr worker`: the daemon. The HTTP server starts first so /live answers while the OCR data loads and while
// Odoo is still unreachable; the worker then polls until SIGTERM, which drains in-flight jobs within the grace time.

interface WorkerCommandOptions {
  config?: string;
  cron?: string;
  interval?: string;
}

async function runWorker(opts: WorkerCommandOptions): Promise<number> {
  const { config, logger } = await loadCommandConfig(opts, { WORKER_CRON: opts.cron, POLL_INTERVAL: opts.interval });
  const metrics = createMetrics();
  const stopController = new AbortController();
  let runtime: WorkerRuntime | null = null;
  let learnTimer: NodeJS.Timeout | null = null;
  let phase = 'connecting to odoo';
  const http: RunningHttpServer = await startHttpServer({
    port: config.http.port,
    host: config.http.host,
    registry: metrics.registry,
    readiness: () => runtime?.worker.readiness() ?? startingReadiness(phase),
    health: () => runtime?.worker.health() ?? { status: 'starting', phase, version: VERSION, mode: config.mode, uptimeSeconds: Math.round(process.uptime()) },
  });
  logger.info('http server listening', { url: http.url });

  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const removeHandlers = onShutdownSignal(logger, async () => {
    stopController.abort();
    phase = 'shutting down';
    if (runtime) {
      const { finished: completed, released } = await runtime.worker.stop(config.shutdownGraceSeconds * 1000);
      logger.info('drained', { completed, released });
    }
    finished();
  });

  try {
    runtime = await createWorkerRuntime(config, { logger, metrics, signal: stopController.signal });
    if (stopController.signal.aborted) {
      finished();
    } else {
      runtime.worker.start();
      // learning from validated records is light work next to reading documents: every few poll intervals
      const learner = runtime.learner;
      if (learner) learnTimer = setInterval(() => void learner.runOnce(), LEARN_EVERY_POLLS * config.poll.intervalSeconds * 1000);
    }
  } catch (err) {
    if (!stopController.signal.aborted) {
      removeHandlers();
      await http.close();
      throw err;
    }
    finished();
  }
  await done;
  if (learnTimer) clearInterval(learnTimer);
  removeHandlers();
  await runtime?.close();
  await http.close();
  logger.info('worker stopped');
  return EXIT_OK;
}

const LEARN_EVERY_POLLS = 4;

/** Adds worker, sync, rerun and status to the odoo-ocr program. */
export function registerWorkerCommands(program: Command): void {
  program
    .command('worker')
    .description('run the OCR worker daemon: poll Odoo, read documents, write the results back')
    .option('--config <file>', 'JSON file of settings (same names as the environment variables)')
    .option('--cron <expression>', "poll on a cron schedule instead of an interval, e.g. '*/5 * * * *'")
    .option('--interval <seconds>', 'seconds between polls when idle (POLL_INTERVAL)')
    .action((opts: WorkerCommandOptions) => runCommand(() => runWorker(opts)));
  registerSyncCommand(program);
  registerRerunCommand(program);
  registerStatusCommand(program);
}
