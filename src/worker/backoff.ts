import { setTimeout as sleepTimer } from 'node:timers/promises';
import type { RetryConfig } from '../config.js';

// Exponential backoff shared by RPC retries, the "Odoo is down" poll loop and the addon-less ledger, so every wait
// in the worker follows the same documented numbers (RETRY_INITIAL_MS × RETRY_FACTOR^n, capped at RETRY_MAX_MS).

export const DEFAULT_RETRY: RetryConfig = { attempts: 3, initialMs: 1000, factor: 2, maxMs: 30_000 };

/** Delay before retry number `retry` (1 = first retry). `jitter` in [0,1] spreads workers that failed together. */
export function retryDelay(retry: number, cfg: RetryConfig, jitter = 0, random: () => number = Math.random): number {
  const base = Math.min(cfg.maxMs, cfg.initialMs * cfg.factor ** Math.max(0, retry - 1));
  return Math.round(base * (1 - jitter * random()));
}

/** Sleeps `ms`, resolving early (without throwing) when `signal` aborts. Returns false when aborted. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return false;
  try {
    await sleepTimer(ms, undefined, { signal, ref: true });
    return true;
  } catch {
    return false;
  }
}
