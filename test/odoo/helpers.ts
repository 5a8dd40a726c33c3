// Shared set-up for the connector tests: a fake Odoo plus a client with instant, recorded backoff sleeps.
import { connectOdoo, type ConnectOptions } from '../../src/odoo/connect.js';
import type { OdooConnectionConfig, OdooLogger } from '../../src/odoo/config.js';
import type { OdooClient } from '../../src/odoo/types.js';
import { startFakeOdoo, type FakeOdoo, type FakeOdooOptions } from '../support/fake-odoo/index.js';

export interface Harness {
  fake: FakeOdoo;
  /** Backoff delays the client asked for, in order. */
  sleeps: number[];
  logLines: string[];
  logger: OdooLogger;
  config(overrides?: Partial<OdooConnectionConfig>): OdooConnectionConfig;
  connect(overrides?: Partial<OdooConnectionConfig>, opts?: ConnectOptions): Promise<OdooClient>;
  close(): Promise<void>;
}

export async function harness(fakeOpts: FakeOdooOptions = {}): Promise<Harness> {
  const fake = await startFakeOdoo(fakeOpts);
  const sleeps: number[] = [];
  const logLines: string[] = [];
  const clients: OdooClient[] = [];
  const record = (level: string) => (message: string, meta?: Record<string, unknown>) => { logLines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`); };
  const logger: OdooLogger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  const h: Harness = {
    fake, sleeps, logLines, logger,
    config: (overrides = {}) => ({ url: fake.url, db: fake.db, username: 'admin', apiKey: fake.apiKey, timeoutMs: 5000, logger, ...overrides }),
    async connect(overrides = {}, opts = {}) {
      const client = await connectOdoo(h.config(overrides), {
        ...opts,
        backoff: { baseDelayMs: 100, maxDelayMs: 2000, random: () => 1, sleep: async (ms) => { sleeps.push(ms); }, ...opts.backoff },
      });
      clients.push(client);
      return client;
    },
    async close() {
      for (const c of clients) c.close();
      await fake.close();
    },
  };
  return h;
}

/** Runs fn and returns what it threw (fails the test when nothing is thrown). */
export async function caught(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}
