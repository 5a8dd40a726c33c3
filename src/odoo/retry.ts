// Exponential backoff with full jitter, honouring the server's Retry-After.
import { OdooError } from './errors.js';

export interface BackoffPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound for a server-requested Retry-After, so a bad header cannot park the worker for hours. */
  maxRetryAfterMs: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_BACKOFF: Omit<BackoffPolicy, 'retries'> = {
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 120_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Delay before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, policy: Pick<BackoffPolicy, 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs' | 'random'>, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = Math.round(policy.random() * ceiling);
  if (retryAfterMs !== undefined) return Math.min(policy.maxRetryAfterMs, Math.max(retryAfterMs, jittered));
  return jittered;
}

/** Whether this failure may be tried again for a call with the given idempotency. */
export function shouldRetry(err: unknown, idempotent: boolean): err is OdooError {
  return err instanceof OdooError && err.retryable && (idempotent || !err.maybeApplied);
}

export async function withRetries<T>(
  attemptFn: (attempt: number) => Promise<T>,
  policy: BackoffPolicy,
  idempotent: boolean,
  onRetry: (err: OdooError, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptFn(attempt);
    } catch (err) {
      if (attempt >= policy.retries || !shouldRetry(err, idempotent)) throw err;
      const delay = backoffDelay(attempt, policy, err.retryAfterMs);
      onRetry(err, attempt + 1, delay);
      await policy.sleep(delay);
    }
  }
}
