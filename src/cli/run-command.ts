import { ConfigError, loadConfig, type WorkerConfig } from '../config.js';
import { createLogger, registerSecret, type Logger } from '../log.js';
import type { OdooClient } from '../odoo/types.js';
import { connectWithRetry, defaultConnect, resolveMode } from '../worker/runtime.js';
import { OdooGate } from '../worker/odoo-gate.js';
import type { WorkerMode } from '../worker/types.js';

// What every worker-side command does first: load and validate the configuration, set up logging with the
// configured secrets registered for redaction, and map failures to exit codes (2 = configuration, 1 = runtime).

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_CONFIG = 2;

export interface CommonOptions {
  config?: string;
}

export async function loadCommandConfig(opts: CommonOptions, overrides: Record<string, string | undefined> = {}): Promise<{ config: WorkerConfig; logger: Logger }> {
  const env = { ...process.env };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) env[key] = value;
  const config = await loadConfig(env, opts.config);
  for (const secret of [config.odoo.apiKey, config.odoo.password, config.llm?.apiKey]) registerSecret(secret);
  return { config, logger: createLogger({ level: config.logLevel, defaultMeta: { workerId: config.workerId } }) };
}

/** Runs a command body, turning a ConfigError into its list of problems and exit code 2. */
export async function runCommand(body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`odoo-ocr: ${err.message}\n`);
      process.exitCode = EXIT_CONFIG;
      return;
    }
    const name = err instanceof Error ? err.name : 'Error';
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`odoo-ocr: ${name}: ${message}\n`);
    process.exitCode = EXIT_FAILED;
  }
}

/** A connection for the short admin commands (status, rerun): a few tries, no waiting forever. */
export async function openAdminConnection(config: WorkerConfig, logger: Logger): Promise<{ gate: OdooGate; mode: WorkerMode; client: OdooClient }> {
  const client = await connectWithRetry(config, { logger, maxConnectAttempts: config.retry.attempts }, defaultConnect);
  const gate = new OdooGate(client, { concurrency: config.odooConcurrency, retry: config.retry, logger });
  return { gate, client, mode: await resolveMode(config.mode, gate) };
}

/** Installs SIGTERM/SIGINT handlers: the first signal drains, a second one exits at once. */
export function onShutdownSignal(logger: Logger, drain: (signal: string) => Promise<void>): () => void {
  let draining = false;
  const handler = (signal: NodeJS.Signals) => {
    if (draining) {
      logger.warn('second signal: exiting without waiting', { signal });
      process.exit(130);
    }
    draining = true;
    logger.info('shutting down', { signal });
    void drain(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
