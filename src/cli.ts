import { Command } from 'commander';
import { registerDoctorCommand } from './cli/doctor.js';
import { registerLearnCommand } from './cli/memory.js';
import { registerScanCommand } from './cli/scan.js';
import { registerSetupCommand } from './cli/setup.js';
import { registerWorkerCommands } from './cli/worker.js';
import { VERSION } from './version.js';

// odoo-ocr: scan | learn | worker | sync --once | rerun | status | doctor | setup
const program = new Command('odoo-ocr')
  .description('OCR and field extraction for invoices and receipts uploaded into Odoo')
  .version(VERSION);
registerScanCommand(program);
registerLearnCommand(program);
registerWorkerCommands(program);
registerDoctorCommand(program);
registerSetupCommand(program);

await program.parseAsync(process.argv);
