import { Command } from 'commander';
import { registerDoctorCommand } from './cli/doctor.js';
import { registerLearnCommand } from './cli/memory.js';
import { registerScanCommand } from './cli/scan.js';
import { registerWorkerCommands } from './cli/worker.js';
import { loadConfig } from './config.js';
import { VERSION } from './version.js';

// odoo-ocr: scan | learn | worker | sync --once | rerun | status | doctor
const program = new Command('odoo-ocr')
  .description('OCR and field extraction for invoices and receipts uploaded into Odoo')
  .version(VERSION);
registerScanCommand(program);
registerLearnCommand(program);
registerWorkerCommands(program);
registerDoctorCommand(program, async () => {
  // The same settings as the worker (environment, *_FILE secrets, OCR_WORKER_CONFIG file), reduced to the connection.
  const { odoo } = await loadConfig(process.env, process.env.OCR_WORKER_CONFIG);
  return { url: odoo.url, db: odoo.db, username: odoo.user, apiKey: odoo.apiKey, password: odoo.password, timeoutMs: odoo.timeoutMs };
});

await program.parseAsync(process.argv);
