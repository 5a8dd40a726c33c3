import { InvalidArgumentError, type Command } from 'commander';
import { EXIT_FAILED, EXIT_OK, loadCommandConfig, onShutdownSignal, openAdminConnection, runCommand } from './run-command.js';
import { openLedger } from '../worker/ledger.js';
import { createProgress } from './progress.js';
import { explainSkippedIds, listRerunCandidates, requeueSelection, type RerunSelection } from './requeue.js';
import { createWorkerRuntime } from '../worker/runtime.js';
import { openStateDb } from '../worker/state-db.js';
import { JOB_MODEL } from '../worker/types.js';
import { reserveStdout } from './stdout-guard.js';

// `odoo-ocr rerun`: puts failed (or review) documents back in the queue; --dry-run lists them, --now also processes
// them here with a progress bar (plain lines when not on a terminal).

interface RerunOptions {
  config?: string;
  ids?: number[];
  state?: 'failed' | 'review';
  model?: 'hr.expense' | 'account.move';
  since?: Date;
  dryRun?: boolean;
  now?: boolean;
}

function parseIds(value: string): number[] {
  const ids = value.split(/[,\s]+/).filter(Boolean).map(Number);
  if (!ids.length || ids.some((id) => !Number.isInteger(id) || id <= 0)) throw new InvalidArgumentError('expected positive integer ids, e.g. 12,15');
  return ids;
}
function parseChoice<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}`);
    return value as T;
  };
}
function parseDate(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) throw new InvalidArgumentError('expected an ISO date, e.g. 2026-11-01');
  return date;
}

async function runRerun(opts: RerunOptions): Promise<number> {
  const print = reserveStdout(); // --now runs the OCR engine, which prints its diagnostics on stdout
  const { config, logger } = await loadCommandConfig(opts);
  const selection: RerunSelection = { ids: opts.ids, state: opts.state, model: opts.model, since: opts.since };
  const { gate, mode } = await openAdminConnection(config, logger);
  const db = mode === 'addonless' ? openStateDb(config.stateDir) : null;
  try {
    const ledger = db ? openLedger(db, config) : null;
    if (opts.dryRun) {
      const rows = await listRerunCandidates(mode, gate, ledger, selection);
      for (const row of rows) print(`${row.ref}\t${row.state}\t${row.resModel ?? ''}:${row.resId ?? ''}\t${row.name}\t${row.error ?? ''}\n`);
      print(`${rows.length} document(s) would be requeued (dry run, nothing changed)\n`);
      return EXIT_OK;
    }
    const skipped = await explainSkippedIds(mode, gate, ledger, selection);
    const count = await requeueSelection(mode, gate, ledger, selection);
    print(`${count} document(s) requeued\n`);
    for (const reason of skipped) print(`not requeued: ${reason}\n`);
    if (!opts.now || count === 0) return EXIT_OK;
  } finally {
    db?.close();
    gate.close();
  }
  // --now: process them here, with the normal worker machinery.
  const runtime = await createWorkerRuntime(config, { logger, maxConnectAttempts: config.retry.attempts });
  const progress = createProgress(await pendingEstimate(opts, runtime));
  runtime.worker.onItem((item, outcome) => progress.tick(item.key, outcome.outcome));
  const removeHandlers = onShutdownSignal(logger, async () => {
    await runtime.worker.stop(config.shutdownGraceSeconds * 1000);
  });
  try {
    const summary = await runtime.worker.runUntilIdle();
    progress.finish();
    print(`rerun: ${summary.done} done, ${summary.review} review, ${summary.failed} failed, ${summary.retry} to retry\n`);
    return summary.allSucceeded ? EXIT_OK : EXIT_FAILED;
  } finally {
    removeHandlers();
    await runtime.close();
  }
}

/** The bar's total: what was just requeued (the worker may also pick up other pending work, the bar then overflows). */
async function pendingEstimate(opts: RerunOptions, runtime: Awaited<ReturnType<typeof createWorkerRuntime>>): Promise<number> {
  if (runtime.mode === 'addon') return runtime.gate.searchCount(JOB_MODEL, [['state', '=', 'pending']]);
  return runtime.ledger!.list({ states: ['retry'] }).length || (opts.ids?.length ?? 0);
}

export function registerRerunCommand(program: Command): void {
  program
    .command('rerun')
    .description('requeue failed (or review) documents; --now also processes them')
    .option('--ids <ids>', 'job ids (addon mode) or record ids (addon-less), comma separated', parseIds)
    .option('--state <state>', 'failed or review (default: failed; with --ids: any finished state)', parseChoice(['failed', 'review'] as const))
    .option('--model <model>', 'hr.expense or account.move', parseChoice(['hr.expense', 'account.move'] as const))
    .option('--since <date>', 'only documents finished on or after this date (ISO)', parseDate)
    .option('--dry-run', 'list what would be requeued, change nothing')
    .option('--now', 'process the requeued documents right away')
    .option('--config <file>', 'JSON file of settings')
    .action((opts: RerunOptions) => runCommand(() => runRerun(opts)));
}
