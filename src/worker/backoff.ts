import type { RetryConfig } from '../config.js';

// Exponential backoff shared by RPC retries, the "Odoo is down" poll loop and the addon-less ledger, so every wait
// in the worker follows the same documented numbers (RETRY_INITIAL_MS × RETRY_FACTOR^n, capped at RETRY_MAX_MS).

export const DEFAULT_RETRY: RetryConfig = { attempts: 3, initialMs: 1000, factor: 2, maxMs: 30_000 };

/** Delay before retry number `retry` (1 = first retry). `jitter` in [0,1] spreads workers that failed together. */
export function retryDelay(retry: number, cfg: RetryConfig, jitter = 0, random: () => number = Math.random): number {
  const base = Math.min(cfg.maxMs, cfg.initialMs * cfg.factor ** Math.max(0, retry - 1));
  return Math.round(base * (1 - jitter * random()));
}

/** Sleepers waiting on each signal: one abort listener per signal wakes them all. Many waits share one signal (the
 * worker's stop, while every held document waits for Odoo to come back); a listener per wait piled up past Node's
 * limit ("MaxListenersExceededWarning: 11 abort listeners added to [AbortSignal]") and kept each wait's closure. */
const sleepers = new WeakMap<AbortSignal, Set<() => void>>();

function wakeOnAbort(signal: AbortSignal, wake: () => void): () => void {
  let waiting = sleepers.get(signal);
  if (!waiting) {
    const all = new Set<() => void>();
    waiting = all;
    sleepers.set(signal, all);
    signal.addEventListener('abort', () => {
      for (const w of all) w();
      all.clear();
    }, { once: true });
  }
  waiting.add(wake);
  const set = waiting;
  return () => {
    set.delete(wake);
  };
}

/** Sleeps `ms`, resolving early (without throwing) when `signal` aborts. Returns false when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    let forget: () => void = () => undefined;
    const timer = setTimeout(() => {
      forget();
      resolve(true);
    }, ms);
    if (signal) {
      forget = wakeOnAbort(signal, () => {
        clearTimeout(timer);
        resolve(false);
      });
    }
  });
}
