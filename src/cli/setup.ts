// `odoo-ocr setup`: creates the worker's technical user and its API key through Odoo's API with an admin login, and
// writes the key to ODOO_API_KEY_FILE, where `odoo-ocr worker` reads it. Run once by hand, or as the init step of
// docker-compose.yml (with --wait, while Odoo starts and installs the addon). A key file that still works is kept.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError, settingOfConnectionProblem } from '../config.js';
import { createLogger, registerSecret } from '../log.js';
import { validateConnectionConfig } from '../odoo/config.js';
import { OdooConfigError } from '../odoo/errors.js';
import { apiKeyWorks, IMAGE_RESIZE_PARAM, keepUploadedImages, RESIZE_DEFAULT, RESIZE_OFF_RE, ProvisionError, provisionWorkerUser, WORKER_GROUP } from '../odoo/provision.js';
import { sleep } from '../worker/backoff.js';
import { EXIT_FAILED, EXIT_OK, runCommand } from './run-command.js';

interface SetupOptions {
  keyFile?: string;
  wait?: string;
  force?: boolean;
  addon: boolean;
  keepImages?: boolean;
}

/** Without the addon (Odoo Online): the rights the addon-less worker needs, Billing and Expenses. */
const ADDONLESS_GROUPS = ['base.group_user', 'account.group_account_invoice', 'hr_expense.group_hr_expense_user'];
const WAIT_STEP_MS = 5_000;

async function readSecret(env: NodeJS.ProcessEnv, name: string, problems: string[]): Promise<string | undefined> {
  const file = env[`${name}_FILE`];
  if (!file) return env[name] || undefined;
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch (err) {
    problems.push(`${name}_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    return undefined;
  }
}

async function settings(opts: SetupOptions, env: NodeJS.ProcessEnv) {
  const problems: string[] = [];
  const url = (env.ODOO_URL ?? '').replace(/\/+$/, '');
  const db = env.ODOO_DB ?? '';
  const login = env.ODOO_USER || 'ocr-worker';
  const adminLogin = env.ODOO_ADMIN_LOGIN || 'admin';
  const adminPassword = await readSecret(env, 'ODOO_ADMIN_PASSWORD', problems);
  const keyFile = opts.keyFile ?? env.ODOO_API_KEY_FILE;
  const waitSeconds = opts.wait === undefined ? 0 : Number(opts.wait);
  if (!adminPassword) problems.push('ODOO_ADMIN_PASSWORD (or ODOO_ADMIN_PASSWORD_FILE) is required: the password of an Odoo administrator');
  if (!keyFile) problems.push('ODOO_API_KEY_FILE (or --key-file) is required: where the new API key is written');
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) problems.push('--wait must be a number of seconds');
  try {
    validateConnectionConfig({ url, db, username: login, password: adminPassword ?? 'x' });
  } catch (err) {
    if (!(err instanceof OdooConfigError)) throw err;
    problems.push(...err.problems.map(settingOfConnectionProblem));
  }
  if (problems.length) throw new ConfigError(problems);
  registerSecret(adminPassword);
  return { url, db, login, adminLogin, adminPassword: adminPassword!, keyFile: path.resolve(keyFile!), waitMs: waitSeconds * 1000 };
}

/** Writes the key readable by its owner only, atomically (a half-written key file would be worse than none). */
async function writeKeyFile(file: string, key: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${key}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/** --keep-images: the admin said Odoo may stop shrinking uploaded photos (provision.ts keepUploadedImages). */
async function keepImages(cfg: { url: string; db: string; adminLogin: string; adminPassword: string }): Promise<void> {
  const before = await keepUploadedImages(cfg);
  process.stdout.write(before !== null && RESIZE_OFF_RE.test(before)
    ? `Odoo already keeps uploaded images as they are (${IMAGE_RESIZE_PARAM} = ${before})\n`
    : `${IMAGE_RESIZE_PARAM} set to 0 (was ${before ?? `unset: ${RESIZE_DEFAULT}`}): Odoo now keeps uploaded photos as taken\n`);
}

async function runSetup(opts: SetupOptions): Promise<number> {
  const cfg = await settings(opts, process.env);
  const provisioned = await provisionKey(opts, cfg);
  if (provisioned !== EXIT_OK || !opts.keepImages) return provisioned;
  // after the retry loop: a failure here must not send it back to mint a second key
  try {
    await keepImages(cfg);
    return EXIT_OK;
  } catch (err) {
    process.stderr.write(`odoo-ocr setup: the API key is in place; --keep-images failed: ${(err as Error).message}\n`);
    return EXIT_FAILED;
  }
}

/** The worker user and its key, retried while Odoo starts (--wait). */
async function provisionKey(opts: SetupOptions, cfg: Awaited<ReturnType<typeof settings>>): Promise<number> {
  const logger = createLogger({ level: 'info' });
  const deadline = Date.now() + cfg.waitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      if (!opts.force) {
        const existing = await readFile(cfg.keyFile, 'utf8').then((t) => t.trim(), () => '');
        registerSecret(existing);
        if (existing && (await apiKeyWorks(cfg.url, cfg.db, cfg.login, existing))) {
          process.stdout.write(`${cfg.keyFile} already holds a working API key of "${cfg.login}": nothing to do (--force makes a new one)\n`);
          return EXIT_OK;
        }
      }
      const result = await provisionWorkerUser({
        url: cfg.url, db: cfg.db, adminLogin: cfg.adminLogin, adminPassword: cfg.adminPassword, login: cfg.login,
        groups: opts.addon ? [WORKER_GROUP] : ADDONLESS_GROUPS,
      });
      registerSecret(result.apiKey);
      await writeKeyFile(cfg.keyFile, result.apiKey);
      process.stdout.write(
        `${result.created ? 'created' : 'updated'} user "${cfg.login}" (id ${result.userId}) in ${opts.addon ? 'the group "OCR worker"' : 'Billing + Expenses'}; ` +
          `its API key is in ${cfg.keyFile}\n`,
      );
      return EXIT_OK;
    } catch (err) {
      const retryable = err instanceof ProvisionError ? err.retryable : (err as { retryable?: boolean }).retryable === true;
      if (!retryable || Date.now() + WAIT_STEP_MS > deadline) {
        process.stderr.write(`odoo-ocr setup: ${(err as Error).message}\n`);
        return EXIT_FAILED;
      }
      logger.info('waiting for Odoo', { attempt, reason: (err as Error).message });
      await sleep(WAIT_STEP_MS);
    }
  }
}

export function registerSetupCommand(program: Command): void {
  program
    .command('setup')
    .description('create the technical worker user and its API key with an admin login (ODOO_ADMIN_LOGIN/ODOO_ADMIN_PASSWORD), write the key to ODOO_API_KEY_FILE')
    .option('--key-file <file>', 'where to write the API key (default: ODOO_API_KEY_FILE)')
    .option('--wait <seconds>', 'keep trying this long while Odoo starts or the addon installs (default 0)')
    .option('--force', 'make a new key even if the key file holds a working one')
    .option('--no-addon', 'give the user Billing + Expenses rights instead of the addon\'s worker group (addon-less mode)')
    .option('--keep-images', `set ${IMAGE_RESIZE_PARAM} to 0: Odoo stops shrinking uploaded photos over 1920 px before the worker reads them (every image of the database; without the addon nothing else keeps receipt photos as taken)`)
    .action((opts: SetupOptions) => runCommand(() => runSetup(opts)));
}
