import type { Command } from 'commander';
import { EXIT_FAILED, EXIT_OK, loadCommandConfig, onShutdownSignal, runCommand } from './run-command.js';
import { createWorkerRuntime } from '../worker/runtime.js';
import { reserveStdout } from './stdout-guard.js';

// `odoo-ocr sync --once`: for a system cron or a CI step. Processes what is pending now and exits: 0 when every
// document went through (done or review), 1 when any failed, will be retried, or Odoo could not be reached.

interface SyncOptions {
  config?: string;
  once?: boolean;
  json?: boolean;
}

async function runSync(opts: SyncOptions): Promise<number> {
  const print = reserveStdout(); // the OCR engine prints its diagnostics on stdout; --json output must stay clean
  const { config, logger } = await loadCommandConfig(opts);
  const stopController = new AbortController();
  const runtime = await createWorkerRuntime(config, { logger, signal: stopController.signal, maxConnectAttempts: config.retry.attempts });
  const removeHandlers = onShutdownSignal(logger, async () => {
    stopController.abort();
    await runtime.worker.stop(config.shutdownGraceSeconds * 1000);
  });
  try {
    const summary = await runtime.worker.runUntilIdle();
    await runtime.learner?.runOnce();
    const line = opts.json
      ? JSON.stringify({ mode: runtime.mode, ...summary })
      : `sync (${runtime.mode}): ${summary.done} done, ${summary.review} review, ${summary.failed} failed, ${summary.retry} to retry` +
        (summary.lost ? `, ${summary.lost} lost` : '') + (summary.released ? `, ${summary.released} released` : '') +
        (summary.fetchErrors ? `, ${summary.fetchErrors} failed polls` : '');
    print(`${line}\n`);
    return summary.allSucceeded && !stopController.signal.aborted ? EXIT_OK : EXIT_FAILED;
  } finally {
    removeHandlers();
    await runtime.close();
  }
}

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('process the pending documents once and exit (0: all went through, 1: otherwise)')
    .option('--once', 'process what is pending, then exit (the only mode; kept for readable crontabs)', true)
    .option('--config <file>', 'JSON file of settings')
    .option('--json', 'print the summary as one JSON line')
    .action((opts: SyncOptions) => runCommand(() => runSync(opts)));
}
