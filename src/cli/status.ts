import type { Command } from 'commander';
import { EXIT_OK, loadCommandConfig, openAdminConnection, runCommand } from './run-command.js';
import { openLedger } from '../worker/ledger.js';
import { openStateDb } from '../worker/state-db.js';
import { collectStatus, formatStatus } from './status-report.js';

// `odoo-ocr status`: documents by state and channel (addon: ocr.job in Odoo; addon-less: the local ledger plus what
// is waiting in Odoo).

interface StatusOptions {
  config?: string;
  json?: boolean;
}

async function runStatus(opts: StatusOptions): Promise<number> {
  const { config, logger } = await loadCommandConfig(opts);
  const { gate, mode } = await openAdminConnection(config, logger);
  const db = mode === 'addonless' ? openStateDb(config.stateDir) : null;
  try {
    const report = await collectStatus(mode, gate, db ? openLedger(db, config) : null, config.addonless.models);
    process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : formatStatus(report));
    return EXIT_OK;
  } finally {
    db?.close();
    gate.close();
  }
}

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('count documents by state and channel')
    .option('--json', 'print JSON instead of a table')
    .option('--config <file>', 'JSON file of settings')
    .action((opts: StatusOptions) => runCommand(() => runStatus(opts)));
}
