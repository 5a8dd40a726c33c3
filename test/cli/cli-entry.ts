// The worker commands as the odoo-ocr program registers them, runnable on their own (src/cli.ts is wired by the
// lead): the CLI tests start this in a child process to send it real signals.
import { Command } from 'commander';
import { registerDoctorCommand } from '../../src/cli/doctor.js';
import { registerSetupCommand } from '../../src/cli/setup.js';
import { registerWorkerCommands } from '../../src/cli/worker.js';

const program = new Command('odoo-ocr').exitOverride();
registerWorkerCommands(program);
registerDoctorCommand(program);
registerSetupCommand(program);
await program.parseAsync(process.argv);
