import { setMaxListeners } from 'node:events';
import { DocumentError } from './errors.js';

/** Rejects with a TIMEOUT DocumentError when `promise` takes longer than `ms`: a pathological file never hangs a run. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DocumentError('TIMEOUT', `${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Every OCR call of a document's pages, and each line they read again, watches its signal at once: more than Node's
 * default of 10 watchers is the design, not a leak (Node printed MaxListenersExceededWarning). */
export function watchedByMany<T extends AbortSignal>(signal: T): T {
  setMaxListeners(256, signal);
  return signal;
}

/** A document's time budget: `signal` aborts with a TIMEOUT DocumentError after `ms`. Work that watches it stops
 * (PDF readers are killed, queued OCR is dropped); `clear` when the document is done. */
export function documentDeadline(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  watchedByMany(controller.signal);
  const timer = setTimeout(() => controller.abort(new DocumentError('TIMEOUT', `the document took longer than ${Math.round(ms / 1000)} s`)), ms);
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** `promise`, or the signal's reason as soon as it aborts (the work itself is stopped by those watching the signal). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}
